/**
 * Keeps derived execution data in step with the plan: reporting periods follow the plan
 * period, owed reports follow control dates and executors, and each measure's earliest
 * open date (for the traffic light) follows reports and control points.
 */
import type { Queryable } from '../../db/database.js';
import { owedReports, type ReportDate } from '../../domain/reporting/obligations.js';
import { CONTROL_START_SQL, controlStart } from '../../domain/reporting/control-start.js';
import { DomainError } from '../../domain/errors.js';
import { generatePeriods, type Frequency, type ReportingPeriod } from '../../domain/reporting/periods.js';

/**
 * An owed report nobody has touched: no text saved, no attachment. Only such rows may be
 * removed when the obligation goes away; anything else is someone's work.
 */
export const untouched = (r: string) =>
  `(${r}.state = 'expected' AND ${r}.version = 1 AND NOT EXISTS (SELECT 1 FROM report_attachments ra WHERE ra.report_id = ${r}.id))`;

/**
 * Regenerates a plan's reporting periods from its frequency and report day, matching old
 * and new by label. A period that would disappear while it holds written reports (a
 * draft, a submission, a review) refuses the change: those reports are the record of what
 * was done and are never dropped or re-filed silently.
 */
export async function ensurePeriods(tx: Queryable, planId: number): Promise<void> {
  const plan = await tx.one<{
    period_from: string;
    period_to: string;
    reporting_frequency: string;
    report_day: number;
  }>(
    `SELECT period_from::text AS period_from, period_to::text AS period_to, reporting_frequency, report_day FROM plans WHERE id = $1`,
    [planId],
  );
  if (!plan) return;
  if (plan.reporting_frequency === 'custom') {
    // Hand-set periods stay as set, but never outside the plan period.
    const outside = await tx.query<{ label: string }>(
      `SELECT label FROM reporting_periods WHERE plan_id = $1 AND (starts_on < $2::date OR ends_on > $3::date) ORDER BY starts_on`,
      [planId, plan.period_from, plan.period_to],
    );
    if (outside.length > 0) {
      throw new DomainError(
        'validation',
        'plan.periods_outside',
        `Периоды отчётности выходят за новый срок плана: ${outside.map((p) => `«${p.label}»`).join(', ')}. Сначала измените периоды.`,
        `custom periods outside the plan period: ${outside.length}`,
      );
    }
    return;
  }
  const wanted = generatePeriods(
    plan.period_from,
    plan.period_to,
    plan.reporting_frequency as Frequency,
    plan.report_day,
  );
  await replacePeriods(tx, planId, wanted);
}

/**
 * Makes the plan's periods exactly `wanted`, matched by id when given (a renamed period),
 * else by label; a kept period's reports stay attached to it. Refuses, with the periods
 * named, to drop one that holds written reports.
 */
export async function replacePeriods(
  tx: Queryable,
  planId: number,
  wanted: (ReportingPeriod & { id?: number })[],
): Promise<void> {
  const existing = await tx.query<{ id: number; label: string; written: number }>(
    `SELECT rp.id, rp.label, (SELECT count(*) FROM reports r WHERE r.period_id = rp.id AND NOT ${untouched('r')})::int AS written
     FROM reporting_periods rp WHERE rp.plan_id = $1 ORDER BY rp.starts_on`,
    [planId],
  );
  const known = new Set(existing.map((p) => Number(p.id)));
  const stranger = wanted.find((p) => p.id !== undefined && !known.has(p.id));
  const given = wanted.map((p) => p.id).filter((id) => id !== undefined);
  if (new Set(given).size !== given.length)
    throw new DomainError(
      'validation',
      'plan.period_twice',
      'Один и тот же период указан дважды',
      'duplicate period id',
    );
  if (stranger)
    throw new DomainError(
      'validation',
      'plan.period_unknown',
      `Период «${stranger.label}» не относится к этому плану`,
      `period ${stranger.id} is not in plan ${planId}`,
    );
  const byLabel = new Map(existing.map((p) => [p.label, Number(p.id)]));
  const matched = wanted.map((p) => p.id ?? byLabel.get(p.label));
  const kept = new Set(matched.filter((id): id is number => id !== undefined));
  const blocking = existing.filter((p) => !kept.has(Number(p.id)) && p.written > 0);
  if (blocking.length > 0) {
    throw new DomainError(
      'conflict',
      'plan.periods_have_reports',
      `Нельзя убрать период отчётности, по которому уже есть отчёты: ${blocking.map((p) => `«${p.label}» (${p.written})`).join(', ')}`,
      `periods with written reports would be dropped: ${blocking.map((p) => p.id).join(', ')}`,
    );
  }
  for (const [i, p] of wanted.entries()) {
    const id = matched[i];
    if (id !== undefined) {
      // data version: plan
      await tx.query(
        `UPDATE reporting_periods SET label = $2, starts_on = $3, ends_on = $4, report_due = $5, position = $6 WHERE id = $1`,
        [id, p.label, p.startsOn, p.endsOn, p.reportDue, i],
      );
    } else {
      // data version: plan
      await tx.query(
        `INSERT INTO reporting_periods (plan_id, label, starts_on, ends_on, report_due, position) VALUES ($1,$2,$3,$4,$5,$6)`,
        [planId, p.label, p.startsOn, p.endsOn, p.reportDue, i],
      );
    }
  }
  const dropped = existing.map((p) => Number(p.id)).filter((id) => !kept.has(id));
  if (dropped.length > 0) {
    // data version: plan
    await tx.query(`DELETE FROM reports WHERE period_id = ANY($1::int[])`, [dropped]);
    // data version: plan
    await tx.query(`DELETE FROM reporting_periods WHERE id = ANY($1::int[])`, [dropped]);
  }
}

type Scope = { measureIds: number[] } | { planId: number };
const scopeSql = (s: Scope, alias = 'm') =>
  'measureIds' in s ? `${alias}.id = ANY($1::int[])` : `${alias}.plan_id = $1`;
const scopeArg = (s: Scope) => ('measureIds' in s ? s.measureIds : s.planId);

/**
 * Makes the owed reports exist: one per executor of each measure per period it is due in.
 * Untouched owed rows that are no longer owed disappear; written reports are never removed.
 * A due day moved by an approved extension (`extended_due`) outlives every recomputation.
 */
export async function syncObligations(tx: Queryable, scope: Scope): Promise<void> {
  if ('measureIds' in scope && scope.measureIds.length === 0) return;
  const measures = await tx.query<{
    id: number;
    plan_id: number;
    region_id: number;
    kind: string | null;
    archived: boolean;
    closed: boolean;
    period_from: string;
    plan_control_from: string | null;
    control_from: string | null;
  }>(
    `SELECT m.id, m.plan_id, m.region_id, m.schedule->>'kind' AS kind, m.archived_at IS NOT NULL AS archived, m.closed_at IS NOT NULL AS closed,
            p.period_from::text AS period_from, p.control_from::text AS plan_control_from, m.control_from::text AS control_from
     FROM measures m JOIN plans p ON p.id = m.plan_id WHERE ${scopeSql(scope)}`,
    [scopeArg(scope)],
  );
  if (measures.length === 0) return;
  const ids = measures.map((m) => Number(m.id));
  const planIds = [...new Set(measures.map((m) => Number(m.plan_id)))];
  const periods = await tx.query<{
    id: number;
    plan_id: number;
    starts_on: string;
    ends_on: string;
    report_due: string;
  }>(
    `SELECT id, plan_id, starts_on::text AS starts_on, ends_on::text AS ends_on, report_due::text AS report_due
     FROM reporting_periods WHERE plan_id = ANY($1::int[]) ORDER BY starts_on`,
    [planIds],
  );
  const points = await tx.query<{
    measure_id: number;
    kind: string;
    nominal: string;
    effective: string;
    covers: string;
  }>(
    `SELECT measure_id, kind, nominal::text AS nominal, effective::text AS effective, coalesce(covers, nominal)::text AS covers
     FROM control_points WHERE measure_id = ANY($1::int[])`,
    [ids],
  );
  const execs = await tx.query<{ measure_id: number; organisation_id: number; role: string }>(
    `SELECT measure_id, organisation_id, role FROM measure_executors WHERE measure_id = ANY($1::int[])`,
    [ids],
  );
  const duesBy = new Map<number, string[]>();
  const reportsBy = new Map<number, ReportDate[]>();
  for (const d of points) {
    const id = Number(d.measure_id);
    if (d.kind === 'due') (duesBy.get(id) ?? duesBy.set(id, []).get(id)!).push(d.nominal);
    else (reportsBy.get(id) ?? reportsBy.set(id, []).get(id)!).push({ effective: d.effective, covers: d.covers });
  }
  const execBy = new Map<number, { organisation_id: number; role: string }[]>();
  for (const e of execs)
    (execBy.get(Number(e.measure_id)) ?? execBy.set(Number(e.measure_id), []).get(Number(e.measure_id))!).push(e);
  const periodsBy = new Map<number, { id: number; startsOn: string; endsOn: string; reportDue: string }[]>();
  for (const p of periods) {
    const list = periodsBy.get(Number(p.plan_id)) ?? periodsBy.set(Number(p.plan_id), []).get(Number(p.plan_id))!;
    list.push({ id: Number(p.id), startsOn: p.starts_on, endsOn: p.ends_on, reportDue: p.report_due });
  }

  const w = {
    region: [] as number[],
    plan: [] as number[],
    measure: [] as number[],
    period: [] as number[],
    org: [] as number[],
    role: [] as string[],
    due: [] as string[],
  };
  for (const m of measures) {
    if (m.archived || m.closed) continue;
    const start = controlStart({ periodFrom: m.period_from, controlFrom: m.plan_control_from }, m.control_from);
    const owed = owedReports(
      periodsBy.get(Number(m.plan_id)) ?? [],
      duesBy.get(Number(m.id)) ?? [],
      reportsBy.get(Number(m.id)) ?? [],
      m.kind,
      start,
    );
    for (const o of owed)
      for (const e of execBy.get(Number(m.id)) ?? []) {
        w.region.push(m.region_id);
        w.plan.push(m.plan_id);
        w.measure.push(m.id);
        w.period.push(o.period.id);
        w.org.push(e.organisation_id);
        w.role.push(e.role);
        w.due.push(o.dueOn);
      }
  }
  // Remove owed-but-untouched rows that the new set does not contain, then add the missing ones.
  // data version: plan
  await tx.query(
    `DELETE FROM reports r WHERE r.measure_id = ANY($1::int[]) AND ${untouched('r')}
       AND NOT EXISTS (SELECT 1 FROM unnest($2::int[], $3::int[], $4::int[]) AS w(m, p, o) WHERE w.m = r.measure_id AND w.p = r.period_id AND w.o = r.organisation_id)`,
    [ids, w.measure, w.period, w.org],
  );
  const CHUNK = 5000;
  for (let i = 0; i < w.measure.length; i += CHUNK) {
    const s = <T>(a: T[]) => a.slice(i, i + CHUNK);
    // data version: plan
    await tx.query(
      `INSERT INTO reports (region_id, plan_id, measure_id, period_id, organisation_id, role, due_on)
       SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::int[], $6::text[], $7::date[])
       ON CONFLICT (measure_id, period_id, organisation_id) DO UPDATE SET role = EXCLUDED.role, due_on = coalesce(reports.extended_due, EXCLUDED.due_on)
       WHERE reports.role IS DISTINCT FROM EXCLUDED.role OR reports.due_on IS DISTINCT FROM coalesce(reports.extended_due, EXCLUDED.due_on)`,
      [s(w.region), s(w.plan), s(w.measure), s(w.period), s(w.org), s(w.role), s(w.due)],
    );
  }
}

/**
 * The earliest date still open for each measure: a control date whose period's lead report
 * is not accepted, or the due day of a lead report not yet accepted — counting only dates
 * from the measure's control start on (control-start.ts): earlier ones are history.
 */
export async function refreshOpenDue(tx: Queryable, scope: Scope): Promise<void> {
  if ('measureIds' in scope && scope.measureIds.length === 0) return;
  // data version: plan
  await tx.query(
    `UPDATE measures m SET open_due = (
       SELECT min(d) FROM (
         SELECT cp.effective AS d FROM control_points cp
         WHERE cp.measure_id = m.id AND cp.kind = 'due' AND NOT EXISTS (
           SELECT 1 FROM reports r JOIN reporting_periods rp ON rp.id = r.period_id
           WHERE r.measure_id = cp.measure_id AND r.role = 'lead' AND r.state = 'accepted' AND cp.nominal BETWEEN rp.starts_on AND rp.ends_on)
         UNION ALL
         SELECT r.due_on FROM reports r
         WHERE r.measure_id = m.id AND r.role = 'lead' AND r.state <> 'accepted'
       ) open_dates
       WHERE d >= (SELECT ${CONTROL_START_SQL} FROM plans p WHERE p.id = m.plan_id))
     WHERE ${scopeSql(scope)}`,
    [scopeArg(scope)],
  );
}

/** All three, in order, after anything that changes dates, executors or reports. */
export async function syncExecution(tx: Queryable, scope: Scope): Promise<void> {
  await syncObligations(tx, scope);
  await refreshOpenDue(tx, scope);
}
