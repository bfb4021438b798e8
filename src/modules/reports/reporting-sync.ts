/**
 * Keeps derived execution data in step with the plan: reporting periods follow the plan
 * period, owed reports follow control dates and executors, and each measure's earliest
 * open date (for the traffic light) follows reports and control points.
 */
import type { Queryable } from '../../db/database.js';
import { owedPeriods } from '../../domain/reporting/obligations.js';
import { generatePeriods, type Frequency } from '../../domain/reporting/periods.js';

/** Regenerates a plan's reporting periods by label; a period that already holds written reports is kept. */
export async function ensurePeriods(tx: Queryable, planId: number): Promise<void> {
  const plan = await tx.one<{ period_from: string; period_to: string; reporting_frequency: string; report_day: number }>(
    `SELECT period_from, period_to, reporting_frequency, report_day FROM plans WHERE id = $1`, [planId]);
  if (!plan || plan.reporting_frequency === 'custom') return;
  const wanted = generatePeriods(plan.period_from, plan.period_to, plan.reporting_frequency as Frequency, plan.report_day);
  const existing = await tx.query<{ id: number; label: string }>(`SELECT id, label FROM reporting_periods WHERE plan_id = $1`, [planId]);
  const byLabel = new Map(existing.map((p) => [p.label, Number(p.id)]));
  for (const [i, p] of wanted.entries()) {
    const id = byLabel.get(p.label);
    if (id) {
      await tx.query(`UPDATE reporting_periods SET starts_on = $2, ends_on = $3, report_due = $4, position = $5 WHERE id = $1`, [id, p.startsOn, p.endsOn, p.reportDue, i]);
      byLabel.delete(p.label);
    } else {
      await tx.query(`INSERT INTO reporting_periods (plan_id, label, starts_on, ends_on, report_due, position) VALUES ($1,$2,$3,$4,$5,$6)`, [planId, p.label, p.startsOn, p.endsOn, p.reportDue, i]);
    }
  }
  for (const [, id] of byLabel) {
    const written = await tx.one(`SELECT 1 FROM reports WHERE period_id = $1 AND state <> 'expected' LIMIT 1`, [id]);
    if (written) continue;
    await tx.query(`DELETE FROM reports WHERE period_id = $1`, [id]);
    await tx.query(`DELETE FROM reporting_periods WHERE id = $1`, [id]);
  }
}

type Scope = { measureIds: number[] } | { planId: number };
const scopeSql = (s: Scope, alias = 'm') => ('measureIds' in s ? `${alias}.id = ANY($1::int[])` : `${alias}.plan_id = $1`);
const scopeArg = (s: Scope) => ('measureIds' in s ? s.measureIds : s.planId);

/**
 * Makes the owed reports exist: one per executor of each measure per period it is due in.
 * Untouched owed rows that are no longer owed disappear; written reports are never removed.
 */
export async function syncObligations(tx: Queryable, scope: Scope): Promise<void> {
  if ('measureIds' in scope && scope.measureIds.length === 0) return;
  const measures = await tx.query<{ id: number; plan_id: number; region_id: number; kind: string | null; archived: boolean; closed: boolean }>(
    `SELECT m.id, m.plan_id, m.region_id, m.schedule->>'kind' AS kind, m.archived_at IS NOT NULL AS archived, m.closed_at IS NOT NULL AS closed
     FROM measures m WHERE ${scopeSql(scope)}`, [scopeArg(scope)]);
  if (measures.length === 0) return;
  const ids = measures.map((m) => Number(m.id));
  const planIds = [...new Set(measures.map((m) => Number(m.plan_id)))];
  const periods = await tx.query<{ id: number; plan_id: number; starts_on: string; ends_on: string }>(
    `SELECT id, plan_id, starts_on, ends_on FROM reporting_periods WHERE plan_id = ANY($1::int[]) ORDER BY starts_on`, [planIds]);
  const dues = await tx.query<{ measure_id: number; nominal: string }>(
    `SELECT measure_id, nominal::text AS nominal FROM control_points WHERE kind = 'due' AND measure_id = ANY($1::int[])`, [ids]);
  const execs = await tx.query<{ measure_id: number; organisation_id: number; role: string }>(
    `SELECT measure_id, organisation_id, role FROM measure_executors WHERE measure_id = ANY($1::int[])`, [ids]);
  const duesBy = new Map<number, string[]>();
  for (const d of dues) (duesBy.get(Number(d.measure_id)) ?? duesBy.set(Number(d.measure_id), []).get(Number(d.measure_id))!).push(d.nominal);
  const execBy = new Map<number, { organisation_id: number; role: string }[]>();
  for (const e of execs) (execBy.get(Number(e.measure_id)) ?? execBy.set(Number(e.measure_id), []).get(Number(e.measure_id))!).push(e);
  const periodsBy = new Map<number, { id: number; startsOn: string; endsOn: string }[]>();
  for (const p of periods) {
    const list = periodsBy.get(Number(p.plan_id)) ?? periodsBy.set(Number(p.plan_id), []).get(Number(p.plan_id))!;
    list.push({ id: Number(p.id), startsOn: p.starts_on, endsOn: p.ends_on });
  }

  const w = { region: [] as number[], plan: [] as number[], measure: [] as number[], period: [] as number[], org: [] as number[], role: [] as string[] };
  for (const m of measures) {
    if (m.archived || m.closed) continue;
    const owed = owedPeriods(periodsBy.get(Number(m.plan_id)) ?? [], duesBy.get(Number(m.id)) ?? [], m.kind);
    for (const p of owed) for (const e of execBy.get(Number(m.id)) ?? []) {
      w.region.push(m.region_id); w.plan.push(m.plan_id); w.measure.push(m.id); w.period.push(p.id); w.org.push(e.organisation_id); w.role.push(e.role);
    }
  }
  // Remove owed-but-untouched rows that the new set does not contain, then add the missing ones.
  await tx.query(
    `DELETE FROM reports r WHERE r.measure_id = ANY($1::int[]) AND r.state = 'expected' AND r.version = 1
       AND NOT EXISTS (SELECT 1 FROM unnest($2::int[], $3::int[], $4::int[]) AS w(m, p, o) WHERE w.m = r.measure_id AND w.p = r.period_id AND w.o = r.organisation_id)`,
    [ids, w.measure, w.period, w.org]);
  const CHUNK = 5000;
  for (let i = 0; i < w.measure.length; i += CHUNK) {
    const s = <T>(a: T[]) => a.slice(i, i + CHUNK);
    await tx.query(
      `INSERT INTO reports (region_id, plan_id, measure_id, period_id, organisation_id, role)
       SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::int[], $6::text[])
       ON CONFLICT (measure_id, period_id, organisation_id) DO UPDATE SET role = EXCLUDED.role`,
      [s(w.region), s(w.plan), s(w.measure), s(w.period), s(w.org), s(w.role)]);
  }
}

/**
 * The earliest date still open for each measure: a control date whose period's lead report
 * is not accepted, or the due day of a lead report not yet accepted.
 */
export async function refreshOpenDue(tx: Queryable, scope: Scope): Promise<void> {
  if ('measureIds' in scope && scope.measureIds.length === 0) return;
  await tx.query(
    `UPDATE measures m SET open_due = (
       SELECT min(d) FROM (
         SELECT cp.effective AS d FROM control_points cp
         WHERE cp.measure_id = m.id AND cp.kind = 'due' AND NOT EXISTS (
           SELECT 1 FROM reports r JOIN reporting_periods rp ON rp.id = r.period_id
           WHERE r.measure_id = cp.measure_id AND r.role = 'lead' AND r.state = 'accepted' AND cp.nominal BETWEEN rp.starts_on AND rp.ends_on)
         UNION ALL
         SELECT rp.report_due FROM reports r JOIN reporting_periods rp ON rp.id = r.period_id
         WHERE r.measure_id = m.id AND r.role = 'lead' AND r.state <> 'accepted'
       ) open_dates)
     WHERE ${scopeSql(scope)}`,
    [scopeArg(scope)]);
}

/** All three, in order, after anything that changes dates, executors or reports. */
export async function syncExecution(tx: Queryable, scope: Scope): Promise<void> {
  await syncObligations(tx, scope);
  await refreshOpenDue(tx, scope);
}
