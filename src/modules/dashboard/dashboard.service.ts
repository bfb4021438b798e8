/**
 * The monitoring dashboard: counts by status and traffic light, overdue and due-soon
 * lists, completeness and timeliness of reports by executor (expected / submitted / on
 * time / accepted, as DHIS2 reports them), and a calendar of control dates — for one plan
 * or all, filtered by executor, section and period, scoped to what the user may see.
 */
import type { Queryable } from '../../db/database.js';
import { addDaysIso } from '../../domain/reporting/dates.js';
import { trafficLightSql } from '../../domain/reporting/traffic-light.js';
import { type Actor, seesOwnOrganisationOnly } from '../../domain/policy/authorize.js';
import { loadReadablePlan } from '../plans/index.js';
import { DomainError, notFound } from '../../domain/errors.js';

export interface DashboardFilter {
  planId?: number;
  organisationId?: number;
  sectionId?: number;
  periodId?: number;
  asOf: string;
  soonDays: number;
}

/**
 * Every query here is prepared (planned once per connection): their texts vary only with
 * the filters used, so there are few, and planning cost more than running them.
 */
const PREPARED = { prepare: true } as const;

type Counts = { green: number; yellow: number; red: number; grey: number };
const emptyLights = (): Counts => ({ green: 0, yellow: 0, red: 0, grey: 0 });
const emptyStatuses = () => ({ done: 0, partial: 0, not_done: 0, not_due: 0, none: 0 });

export async function getDashboard(db: Queryable, actor: Actor, f: DashboardFilter) {
  if (f.planId) await loadReadablePlan(db, actor, f.planId);
  const soon = addDaysIso(f.asOf, f.soonDays);
  // Parameters: $1 region, $2 actor org, $3 asOf, $4 soon, then filters.
  const params: unknown[] = [actor.regionId, actor.organisationId, f.asOf, soon];
  const add = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  let where = `m.region_id = $1 AND m.archived_at IS NULL AND p.status <> 'archived'`;
  if (seesOwnOrganisationOnly(actor)) {
    where += ` AND (EXISTS (SELECT 1 FROM measure_executors ve WHERE ve.measure_id = m.id AND ve.organisation_id = $2) OR p.owner_organisation_id = $2)`;
  }
  if (f.planId) where += ` AND m.plan_id = ${add(f.planId)}`;
  if (f.sectionId) where += ` AND m.section_id = ${add(f.sectionId)}`;
  if (f.organisationId)
    where += ` AND EXISTS (SELECT 1 FROM measure_executors fe WHERE fe.measure_id = m.id AND fe.organisation_id = ${add(f.organisationId)})`;
  const periodRange = f.periodId ? await loadPeriod(db, actor, f.periodId, f.planId) : undefined;
  const light = trafficLightSql('$3', '$4');
  const groupKey = f.planId ? `coalesce(m.section_id, 0)` : `m.plan_id`;

  const list = async (cond: string) => {
    const rows = await db.query<Record<string, unknown>>(
      `SELECT m.id, m.number, m.title, m.plan_id, p.title AS plan_title, m.open_due::text AS open_due, m.status,
              (SELECT string_agg(o.short_name, ', ' ORDER BY me.position) FROM measure_executors me JOIN organisations o ON o.id = me.organisation_id WHERE me.measure_id = m.id) AS executors
       FROM measures m JOIN plans p ON p.id = m.plan_id
       WHERE ${where} AND ${cond} AND m.status IS DISTINCT FROM 'done' AND m.closed_at IS NULL AND $2::int IS NOT NULL
       ORDER BY m.open_due, m.plan_id, m.position LIMIT 50`,
      params,
      PREPARED,
    );
    return rows.map((r) => ({
      measure: { id: Number(r.id), number: String(r.number), title: String(r.title) },
      plan: { id: Number(r.plan_id), title: String(r.plan_title) },
      openDue: String(r.open_due),
      status: (r.status as string) ?? null,
      executors: (r.executors as string) ?? '',
    }));
  };
  // The parts are independent: on PostgreSQL they run at once on the pool (PGlite queues
  // them). One Promise.all, so that a failing part never leaves another's rejection unhandled.
  const [grouped, overdue, dueSoon, executors, calendar] = await Promise.all([
    db.query<{ k: number; light: keyof Counts; status: string | null; n: number }>(
      `SELECT ${groupKey} AS k, ${light} AS light, m.status, count(*)::int AS n
       FROM measures m JOIN plans p ON p.id = m.plan_id WHERE ${where} AND $2::int IS NOT NULL AND $3::date IS NOT NULL AND $4::date IS NOT NULL
       GROUP BY 1, 2, 3`,
      params,
      PREPARED,
    ),
    list(`m.open_due < $3::date AND $4::date IS NOT NULL`),
    list(`m.open_due >= $3::date AND m.open_due <= $4::date`),
    executorStats(db, actor, f),
    calendarOf(db, actor, f, where, params, periodRange),
  ]);

  const totals = { measures: 0, byStatus: emptyStatuses(), byLight: emptyLights() };
  const groups = new Map<number, { measures: number; byStatus: ReturnType<typeof emptyStatuses>; byLight: Counts }>();
  for (const r of grouped) {
    const g =
      groups.get(Number(r.k)) ??
      groups.set(Number(r.k), { measures: 0, byStatus: emptyStatuses(), byLight: emptyLights() }).get(Number(r.k))!;
    const status = (r.status ?? 'none') as keyof ReturnType<typeof emptyStatuses>;
    for (const target of [totals, g]) {
      target.measures += r.n;
      target.byStatus[status] += r.n;
      target.byLight[r.light] += r.n;
    }
  }
  const ids = [...groups.keys()];
  const names = f.planId
    ? await db.query<{ id: number; number: string; title: string }>(
        `SELECT id, number, title FROM sections WHERE id = ANY($1::int[]) ORDER BY position`,
        [ids],
        PREPARED,
      )
    : await db.query<{ id: number; title: string; kind: string }>(
        `SELECT id, title, kind FROM plans WHERE id = ANY($1::int[]) ORDER BY id`,
        [ids],
        PREPARED,
      );
  const breakdown = names.map((n) => ({ ...n, id: Number(n.id), ...groups.get(Number(n.id))! }));
  if (f.planId && groups.has(0))
    breakdown.push({ id: 0, number: '', title: 'Без раздела', ...groups.get(0)! } as never);

  return {
    asOf: f.asOf,
    soonDays: f.soonDays,
    period: periodRange?.label ?? null,
    totals,
    [f.planId ? 'sections' : 'plans']: breakdown,
    overdue,
    dueSoon,
    executors,
    calendar,
  };
}

/**
 * Completeness and timeliness: reports owed for periods whose report day has come (or
 * the chosen period), by executor organisation. Counted by organisation id first and named
 * after, so the aggregate groups integers, not names.
 */
async function executorStats(db: Queryable, actor: Actor, f: DashboardFilter) {
  const rparams: unknown[] = [actor.regionId];
  const radd = (v: unknown) => {
    rparams.push(v);
    return `$${rparams.length}`;
  };
  // Owed rows of archived measures are removed when they are archived, so the wide
  // measures table is joined only when a section filter needs it. Every parameter sent
  // must appear in the text: PostgreSQL cannot type one it never sees (42P18).
  let rwhere = `r.region_id = $1 AND p.status <> 'archived'`;
  if (f.periodId) rwhere += ` AND r.period_id = ${radd(f.periodId)}`;
  else {
    const asOf = radd(f.asOf);
    rwhere += ` AND r.due_on <= ${asOf}::date AND r.due_on > (${asOf}::date - 92)`;
  }
  if (f.planId) rwhere += ` AND r.plan_id = ${radd(f.planId)}`;
  if (f.sectionId)
    rwhere += ` AND EXISTS (SELECT 1 FROM measures sm WHERE sm.id = r.measure_id AND sm.section_id = ${radd(f.sectionId)})`;
  if (f.organisationId) rwhere += ` AND r.organisation_id = ${radd(f.organisationId)}`;
  if (seesOwnOrganisationOnly(actor))
    rwhere += ` AND (r.organisation_id = ${radd(actor.organisationId)} OR p.owner_organisation_id = $${rparams.length})`;
  const rstats = await db.query<{
    organisation_id: number;
    short_name: string;
    expected: number;
    submitted: number;
    on_time: number;
    accepted: number;
  }>(
    `SELECT a.*, o.short_name FROM (
       SELECT r.organisation_id, count(*)::int AS expected,
              count(*) FILTER (WHERE r.state IN ('submitted','accepted'))::int AS submitted,
              count(*) FILTER (WHERE r.submitted_at IS NOT NULL AND r.submitted_at::date <= r.due_on)::int AS on_time,
              count(*) FILTER (WHERE r.state = 'accepted')::int AS accepted
       FROM reports r JOIN plans p ON p.id = r.plan_id
       WHERE ${rwhere}
       GROUP BY r.organisation_id) a JOIN organisations o ON o.id = a.organisation_id
     ORDER BY a.expected DESC, o.short_name LIMIT 200`,
    rparams,
    PREPARED,
  );
  return rstats.map((r) => ({
    organisation: { id: Number(r.organisation_id), shortName: r.short_name },
    expected: r.expected,
    submitted: r.submitted,
    onTime: r.on_time,
    accepted: r.accepted,
    completeness: r.expected ? Math.round((1000 * r.submitted) / r.expected) / 10 : null,
    timeliness: r.expected ? Math.round((1000 * r.on_time) / r.expected) / 10 : null,
  }));
}

/**
 * The chosen reporting period, of a plan the actor's region holds (and of the chosen plan,
 * when one is chosen): a period of another plan would count nothing and say so nowhere.
 */
async function loadPeriod(db: Queryable, actor: Actor, periodId: number, planId?: number) {
  const row = await db.one<{ starts_on: string; ends_on: string; label: string; plan_id: number }>(
    `SELECT rp.starts_on::text AS starts_on, rp.ends_on::text AS ends_on, rp.label, rp.plan_id
     FROM reporting_periods rp JOIN plans p ON p.id = rp.plan_id WHERE rp.id = $1 AND p.region_id = $2`,
    [periodId, actor.regionId],
    PREPARED,
  );
  if (!row) throw notFound('Отчётный период не найден', `reporting period ${periodId} not found`);
  if (planId === undefined) await loadReadablePlan(db, actor, Number(row.plan_id));
  if (planId !== undefined && Number(row.plan_id) !== planId) {
    throw new DomainError(
      'validation',
      'dashboard.period_plan',
      'Выбранный отчётный период относится к другому плану',
      `period ${periodId} is not in plan ${planId}`,
    );
  }
  return row;
}

/** Calendar of control dates: the next 60 days, or the chosen period. */
async function calendarOf(
  db: Queryable,
  actor: Actor,
  f: DashboardFilter,
  where: string,
  params: unknown[],
  periodRange?: { starts_on: string; ends_on: string },
) {
  const [from, to] = periodRange ? [periodRange.starts_on, periodRange.ends_on] : [f.asOf, addDaysIso(f.asOf, 60)];
  // Control points of archived measures are deleted on archiving; the measure rows are
  // needed only for the executor's scope and the section or executor filters.
  const needsMeasure = seesOwnOrganisationOnly(actor) || f.sectionId || f.organisationId;
  return db.query<{ day: string; due: number; reports: number }>(
    `SELECT cp.effective::text AS day, count(*) FILTER (WHERE cp.kind = 'due')::int AS due, count(*) FILTER (WHERE cp.kind = 'report')::int AS reports
     FROM control_points cp JOIN plans p ON p.id = cp.plan_id ${needsMeasure ? 'JOIN measures m ON m.id = cp.measure_id' : ''}
     WHERE cp.region_id = $1 AND cp.effective BETWEEN $${params.length + 1}::date AND $${params.length + 2}::date
       AND ${needsMeasure ? where : `p.status <> 'archived'${f.planId ? ' AND cp.plan_id = $5' : ''}`}
       AND $2::int IS NOT NULL AND $3::date IS NOT NULL AND $4::date IS NOT NULL
     GROUP BY 1 ORDER BY 1`,
    [...params, from, to],
    PREPARED,
  );
}
