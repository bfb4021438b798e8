/**
 * Report lists that hold up at region scale («Отчёты», «На проверке», the home page):
 * filtered, counted and paged in SQL, scoped to what the user may see — an executor sees
 * only its own organisation's reports; coordinators, observers and administrators the
 * region's; the review queue only the lead reports of plans the user manages.
 */
import type { Queryable } from '../../db/database.js';
import { DomainError } from '../../domain/errors.js';
import { measureLabel, shortPlanTitle } from '../../domain/naming/plan-title.js';
import {
  authorize,
  reportAbilities,
  seesOwnOrganisationOnly,
  type Actor,
  type PlanSubject,
} from '../../domain/policy/authorize.js';
import type { ReportState } from '../../domain/reporting/report-workflow.js';
import { cachedByDataVersion } from '../dashboard/index.js';
import { loadReadablePlan } from '../plans/index.js';

export const REPORT_STATES: readonly ReportState[] = ['expected', 'draft', 'submitted', 'returned', 'accepted'];
/** States in which a report is still owed by its executor. */
export const OPEN_STATES: readonly ReportState[] = ['expected', 'draft', 'returned'];

export type ReportView = 'all' | 'mine' | 'review';

export interface ReportListFilter {
  view: ReportView;
  planId?: number;
  periodId?: number;
  /** A period by its label across plans («I квартал 2025 г.»). */
  periodLabel?: string;
  states?: ReportState[];
  organisationId?: number;
  /** Due day range, inclusive (ISO dates). */
  dueFrom?: string;
  dueTo?: string;
  /** Only reports still owed whose due day has passed. */
  overdue?: boolean;
  today: string;
  page: number;
  pageSize: number;
}

export interface ReportListItem {
  id: number;
  plan: { id: number; title: string; shortTitle: string };
  measure: { id: number; number: string; title: string; label: string };
  period: { id: number; label: string };
  organisation: { id: number; shortName: string };
  role: 'lead' | 'co';
  state: ReportState;
  resultStatus: string | null;
  dueOn: string;
  submittedAt: string | null;
  reviewedAt: string | null;
  reviewComment: string | null;
  version: number;
  overdue: boolean;
  abilities: { accept: boolean; return: boolean; edit: boolean };
}

/** Who may open the review queue: those who decide on reports (coordinators of their plans, administrators). */
export const mayReview = (actor: Actor) => authorize(actor, { action: 'review.queue', subject: actor });

/**
 * The WHERE clause of a filter over reports r / plans p (and measures m, periods rp when the
 * filter needs them: `joins` says which); `$1` region, `$2` the actor's organisation, `$3`
 * the actor's role, `$4` today. Every parameter is typed even when unused (PostgreSQL
 * cannot infer an unused one: 42P18).
 */
function whereOf(
  actor: Actor,
  f: ReportListFilter,
  params: unknown[],
  opts: { withState: boolean },
): { where: string; joins: string } {
  const add = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const w = [
    `r.region_id = $1`,
    `p.status <> 'archived'`,
    `$2::int IS NOT NULL`,
    `$3::text IS NOT NULL`,
    `$4::date IS NOT NULL`,
  ];
  const joins = new Set<string>();
  // Scope first: an executor (and the «mine» view) sees the organisation's own reports only.
  if (seesOwnOrganisationOnly(actor) || f.view === 'mine') w.push(`r.organisation_id = $2`);
  if (f.view === 'review') {
    if (!mayReview(actor))
      throw new DomainError(
        'forbidden',
        'review.forbidden',
        'Проверка отчётов доступна координатору плана',
        'review queue for a non-reviewer',
      );
    // Nothing of an archived measure waits for a decision (its open reports went with it).
    // The managed plans as a list of ids: the reports are then read plan by plan (reports_plan_due_idx), not region-wide.
    w.push(
      `r.role = 'lead'`,
      `m.archived_at IS NULL`,
      `r.plan_id IN (SELECT mp.id FROM plans mp WHERE mp.region_id = $1 AND mp.status <> 'archived' AND ($3 = 'admin' OR mp.owner_organisation_id = $2))`,
    );
    joins.add('JOIN measures m ON m.id = r.measure_id');
  }
  if (f.planId) w.push(`r.plan_id = ${add(f.planId)}`);
  if (f.periodId) w.push(`r.period_id = ${add(f.periodId)}`);
  if (f.periodLabel) {
    w.push(`rp.label = ${add(f.periodLabel)}`);
    joins.add('JOIN reporting_periods rp ON rp.id = r.period_id');
  }
  if (f.organisationId) w.push(`r.organisation_id = ${add(f.organisationId)}`);
  if (f.dueFrom) w.push(`r.due_on >= ${add(f.dueFrom)}::date`);
  if (f.dueTo) w.push(`r.due_on <= ${add(f.dueTo)}::date`);
  if (f.overdue) w.push(`r.due_on < $4::date`, `r.state = ANY(${add(OPEN_STATES)}::text[])`);
  if (opts.withState) {
    const states = f.states?.length ? f.states : f.view === 'review' ? ['submitted'] : undefined;
    // One state as a plain equality: the planner then sees how rare it is (a queue of
    // «submitted» among 300,000) and reads reports_state_due_idx instead of walking all by date.
    if (states?.length === 1) w.push(`r.state = ${add(states[0])}`);
    else if (states) w.push(`r.state = ANY(${add(states)}::text[])`);
  }
  return { where: w.join(' AND '), joins: [...joins].join(' ') };
}

/**
 * One page of reports with the total and the counts by state (the other filters
 * applied), ordered by due day, plan and the measure's place in it. The counts are the
 * costly part region-wide (every matching row, where a page reads fifty), so they are kept
 * by data version like the dashboard: exact, recomputed after any write.
 * @example await listReports(db, actor, { view: 'review', planId: 3, today: '2026-01-11', page: 1, pageSize: 50 })
 * // { items: [...], total: 12, page: 1, pageSize: 50, byState: { submitted: 12, … } }
 */
export async function listReports(db: Queryable, actor: Actor, f: ReportListFilter) {
  const [items, byState] = await Promise.all([listPage(db, actor, f), countByState(db, actor, f)]);
  const states = f.states?.length
    ? f.states
    : f.view === 'review'
      ? (['submitted'] as ReportState[])
      : [...REPORT_STATES];
  const total = states.reduce((s, st) => s + byState[st], 0);
  return { items, total, page: f.page, pageSize: f.pageSize, byState };
}

/** One page of the list, without counting the rest (the home page's short lists). */
export async function listPage(db: Queryable, actor: Actor, f: ReportListFilter): Promise<ReportListItem[]> {
  const params: unknown[] = [actor.regionId, actor.organisationId, actor.role, f.today];
  const { where } = whereOf(actor, f, params, { withState: true });
  const rows = await db.query<Record<string, unknown>>(
    `SELECT r.id, r.plan_id, r.measure_id, r.period_id, r.organisation_id, r.role, r.state, r.result_status, r.due_on::text AS due_on,
            r.submitted_at, r.reviewed_at, r.review_comment, r.version, p.title AS plan_title, p.owner_organisation_id, p.status AS plan_status,
            m.number, m.title, rp.label, o.short_name
     FROM reports r JOIN plans p ON p.id = r.plan_id JOIN measures m ON m.id = r.measure_id JOIN reporting_periods rp ON rp.id = r.period_id
       JOIN organisations o ON o.id = r.organisation_id
     WHERE ${where}
     ORDER BY r.due_on, r.plan_id, m.position, r.role, o.short_name, r.id
     LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`,
    params,
  );
  return rows.map((r) => presentItem(actor, r, f.today));
}

/** Counts by state under the scope and filters but the state: the tabs and the total. */
export async function countByState(
  db: Queryable,
  actor: Actor,
  f: ReportListFilter,
): Promise<Record<ReportState, number>> {
  const params: unknown[] = [actor.regionId, actor.organisationId, actor.role, f.today];
  const { where, joins } = whereOf(actor, f, params, { withState: false });
  const key = JSON.stringify([
    'report-counts',
    actor.regionId,
    actor.role,
    actor.organisationId,
    f.today,
    f.view,
    f.planId,
    f.periodId,
    f.periodLabel,
    f.organisationId,
    f.dueFrom,
    f.dueTo,
    f.overdue,
  ]);
  return cachedByDataVersion(
    db,
    key,
    async () => {
      const counts = await db.query<{ state: ReportState; n: number }>(
        `SELECT r.state, count(*)::int AS n FROM reports r JOIN plans p ON p.id = r.plan_id ${joins} WHERE ${where} GROUP BY r.state`,
        params,
      );
      const byState = Object.fromEntries(REPORT_STATES.map((s) => [s, 0])) as Record<ReportState, number>;
      for (const c of counts) byState[c.state] = Number(c.n);
      return byState;
    },
    { planId: f.planId },
  );
}

function presentItem(actor: Actor, r: Record<string, unknown>, today: string): ReportListItem {
  const state = r.state as ReportState;
  const plan = {
    regionId: actor.regionId,
    ownerOrganisationId: Number(r.owner_organisation_id),
    status: r.plan_status as PlanSubject['status'],
  };
  const abilities = reportAbilities(actor, {
    regionId: actor.regionId,
    plan,
    organisationId: Number(r.organisation_id),
    role: r.role as 'lead' | 'co',
    state,
  });
  const measure = { number: String(r.number), title: String(r.title) };
  const iso = (v: unknown) => (v == null ? null : new Date(v as string).toISOString());
  return {
    id: Number(r.id),
    plan: { id: Number(r.plan_id), title: String(r.plan_title), shortTitle: shortPlanTitle(String(r.plan_title), 70) },
    measure: { id: Number(r.measure_id), ...measure, label: measureLabel(measure) },
    period: { id: Number(r.period_id), label: String(r.label) },
    organisation: { id: Number(r.organisation_id), shortName: String(r.short_name) },
    role: r.role as 'lead' | 'co',
    state,
    resultStatus: (r.result_status as string) ?? null,
    dueOn: String(r.due_on),
    submittedAt: iso(r.submitted_at),
    reviewedAt: iso(r.reviewed_at),
    reviewComment: (r.review_comment as string) ?? null,
    version: Number(r.version),
    overdue: String(r.due_on) < today && OPEN_STATES.includes(state),
    abilities: { accept: abilities.accept, return: abilities.return, edit: abilities.edit },
  };
}

/** Period labels of the plans the user sees (for the period filter when no plan is chosen). */
export async function listPeriodLabels(db: Queryable, actor: Actor, planId?: number): Promise<string[]> {
  if (planId !== undefined) await loadReadablePlan(db, actor, planId);
  const rows = await db.query<{ label: string }>(
    `SELECT rp.label, min(rp.starts_on) AS s FROM reporting_periods rp JOIN plans p ON p.id = rp.plan_id
     WHERE p.region_id = $1 AND p.status <> 'archived' AND ($2::int IS NULL OR p.id = $2)
       AND ($3::text <> 'executor' OR EXISTS (SELECT 1 FROM reports r WHERE r.period_id = rp.id AND r.organisation_id = $4))
     GROUP BY rp.label ORDER BY min(rp.starts_on), rp.label LIMIT 500`,
    [actor.regionId, planId ?? null, actor.role, actor.organisationId],
  );
  return rows.map((r) => r.label);
}
