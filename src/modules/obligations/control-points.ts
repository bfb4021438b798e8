/**
 * Control points: the execution and report dates of each measure, generated from its
 * deadline text (or override) over the plan period, stored, and regenerated whenever the
 * text, the override, the event date or the plan period changes.
 */
import type { Queryable } from '../../db/database.js';
import { interpretDeadline, type DeadlineOverride } from '../../domain/deadlines/interpret.js';
import { syncExecution } from '../obligations/index.js';
import { CONTROL_START_SQL } from '../../domain/reporting/control-start.js';
import { applyMoves, type DeadlineMove } from '../../domain/reporting/extensions.js';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The event a relative deadline counts from: the date set on the measure, or, for a
 * council's instruction whose deadline speaks of the meeting, the protocol's date.
 */
function anchorOf(row: {
  anchor_date: string | null;
  plan_kind: string;
  section_number: string | null;
  deadline_text: string;
}): string | null {
  if (row.anchor_date) return row.anchor_date;
  if (
    row.plan_kind === 'council_decisions' &&
    row.section_number &&
    ISO.test(row.section_number) &&
    /заседани|протокол|совет/i.test(row.deadline_text)
  ) {
    return row.section_number;
  }
  return null;
}

/** Regenerates the control points of the given measures (or of every measure of a plan). */
export async function regenerateControlPoints(
  tx: Queryable,
  scope: { measureIds: number[] } | { planId: number },
): Promise<void> {
  const where = 'measureIds' in scope ? `m.id = ANY($1::int[])` : `m.plan_id = $1`;
  const arg = 'measureIds' in scope ? scope.measureIds : scope.planId;
  if ('measureIds' in scope && scope.measureIds.length === 0) return;
  const rows = await tx.query<{
    id: number;
    region_id: number;
    plan_id: number;
    deadline_text: string;
    deadline_override: DeadlineOverride | null;
    anchor_date: string | null;
    period_from: string;
    period_to: string;
    plan_kind: string;
    section_number: string | null;
    archived_at: unknown;
    deadline_moves: DeadlineMove[] | null;
  }>(
    `SELECT m.id, m.region_id, m.plan_id, m.deadline_text, m.deadline_override, m.anchor_date, m.archived_at, m.deadline_moves,
            p.period_from, p.period_to, p.kind AS plan_kind, s.number AS section_number
     FROM measures m JOIN plans p ON p.id = m.plan_id LEFT JOIN sections s ON s.id = m.section_id WHERE ${where}`,
    [arg],
  );
  const ids = rows.map((r) => Number(r.id));
  if (ids.length === 0) return;
  // data version: plan
  await tx.query(`DELETE FROM control_points WHERE measure_id = ANY($1::int[])`, [ids]);
  const cp = {
    region: [] as number[],
    plan: [] as number[],
    measure: [] as number[],
    kind: [] as string[],
    nominal: [] as string[],
    effective: [] as string[],
    label: [] as (string | null)[],
    covers: [] as (string | null)[],
    source: [] as string[],
  };
  const understood: boolean[] = [];
  const schedules: string[] = [];
  for (const r of rows) {
    const it = interpretDeadline(r.deadline_text, [r.period_from, r.period_to], {
      anchorDate: anchorOf(r),
      override: r.deadline_override,
    });
    understood.push(it.understood);
    schedules.push(JSON.stringify(it.schedule));
    if (r.archived_at) continue;
    const relative = it.schedule.terms.some((t) => t.kind === 'relative' && t.bound);
    // Approved extensions move their dates, and only those (domain/reporting/extensions.ts).
    const { due, moved } = applyMoves(it.expanded.due, r.deadline_moves ?? []);
    for (const [kind, list] of [
      ['due', due],
      ['report', it.expanded.reports],
    ] as const) {
      for (const d of list) {
        cp.region.push(r.region_id);
        cp.plan.push(r.plan_id);
        cp.measure.push(r.id);
        cp.kind.push(kind);
        cp.nominal.push(d.nominal);
        cp.effective.push(d.effective);
        cp.label.push(d.label ?? null);
        cp.covers.push(d.covers ?? null);
        cp.source.push(
          kind === 'due' && moved.has(d.nominal)
            ? 'extension'
            : it.overridden
              ? 'override'
              : relative && kind === 'due'
                ? 'relative'
                : 'parsed',
        );
      }
    }
  }
  // data version: plan
  await tx.query(
    `UPDATE measures m SET schedule = x.s::jsonb, deadline_understood = x.u FROM unnest($1::int[], $2::text[], $3::boolean[]) AS x(id, s, u) WHERE m.id = x.id`,
    [ids, schedules, understood],
  );
  // Bulk insert in chunks: a 3-year monthly schedule over a 1,000-measure plan is 36,000 rows.
  const CHUNK = 5000;
  for (let i = 0; i < cp.measure.length; i += CHUNK) {
    const s = (a: unknown[]) => a.slice(i, i + CHUNK);
    // data version: plan
    await tx.query(
      `INSERT INTO control_points (region_id, plan_id, measure_id, kind, nominal, effective, label, source, covers)
       SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::text[], $5::date[], $6::date[], $7::text[], $8::text[], $9::date[])`,
      [
        s(cp.region),
        s(cp.plan),
        s(cp.measure),
        s(cp.kind),
        s(cp.nominal),
        s(cp.effective),
        s(cp.label),
        s(cp.source),
        s(cp.covers),
      ],
    );
  }
  // Owed reports and open dates follow the control dates.
  await syncExecution(tx, 'measureIds' in scope ? scope : { planId: scope.planId });
}

export interface ControlPointView {
  kind: 'due' | 'report';
  nominal: string;
  effective: string;
  label: string | null;
  source: string;
}

/**
 * A measure's control points; `counted` is false for a date before its control start
 * («контроль с даты»), which stays on record but is never owed or overdue.
 */
export async function loadControlPoints(
  db: Queryable,
  measureId: number,
): Promise<(ControlPointView & { counted: boolean })[]> {
  return db.query<ControlPointView & { counted: boolean }>(
    `SELECT cp.kind, cp.nominal::text AS nominal, cp.effective::text AS effective, cp.label, cp.source, cp.effective >= ${CONTROL_START_SQL} AS counted
     FROM control_points cp JOIN measures m ON m.id = cp.measure_id JOIN plans p ON p.id = m.plan_id
     WHERE cp.measure_id = $1 ORDER BY cp.effective, cp.kind`,
    [measureId],
  );
}

/** The next control date of each measure on or after `today` (for the plan table). */
export async function loadNextControlDates(
  db: Queryable,
  measureIds: number[],
  today: string,
): Promise<Map<number, ControlPointView>> {
  const out = new Map<number, ControlPointView>();
  if (measureIds.length === 0) return out;
  const rows = await db.query<ControlPointView & { measure_id: number }>(
    `SELECT DISTINCT ON (measure_id) measure_id, kind, nominal::text AS nominal, effective::text AS effective, label, source
     FROM control_points WHERE measure_id = ANY($1::int[]) AND effective >= $2::date ORDER BY measure_id, effective, kind`,
    [measureIds, today],
  );
  for (const r of rows)
    out.set(Number(r.measure_id), {
      kind: r.kind,
      nominal: r.nominal,
      effective: r.effective,
      label: r.label,
      source: r.source,
    });
  return out;
}
