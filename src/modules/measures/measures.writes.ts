/**
 * Writes to the `measures` and `measure_executors` tables asked for by other modules.
 * This module is the one that writes these tables (test/architecture.test.ts holds it):
 * reports, imports and the directory merge call these functions instead of their own SQL.
 * Each takes the caller's transaction; authorization, audit and row locks stay with the caller,
 * which decided that the change is allowed.
 *
 * Data versions: every statement here bumps the region's data version and the measure's plan's
 * version (triggers of migrations 0007 and 0010, listed in src/db/data-versions.ts), so the
 * dashboards of that plan are recomputed on their next read.
 */
import type { Queryable } from '../../db/database.js';
import { mergedRole } from '../../domain/directory/merge-organisations.js';
import type { MeasureStatus } from '../plans/index.js';

/** An accepted report or an imported execution document becomes the measure's status and execution text. */
export async function applyExecutionResult(
  tx: Queryable,
  measureId: number,
  result: { status: MeasureStatus | string | null; executionText: string },
  expectedVersion?: number,
): Promise<boolean> {
  // Conditional on the version the caller read when it names one: an edit committed since wins.
  // data version: plan
  const updated = await tx.query(
    `UPDATE measures SET status = $2, execution_text = $3, version = version + 1, updated_at = now()
     WHERE id = $1 AND ($4::int IS NULL OR version = $4) RETURNING id`,
    [measureId, result.status, result.executionText, expectedVersion ?? null],
  );
  return updated.length === 1;
}

/** An approved extension moves one of the measure's control dates (domain/reporting/extensions.ts). */
export async function setDeadlineMoves(tx: Queryable, measureId: number, moves: unknown[]): Promise<void> {
  // data version: plan
  await tx.query(`UPDATE measures SET deadline_moves = $2, version = version + 1, updated_at = now() WHERE id = $1`, [
    measureId,
    JSON.stringify(moves),
  ]);
}

/**
 * «Снять с контроля» / back on control. Conditional on the state it starts from: of simultaneous
 * closings one applies; false when the measure already was in the asked state.
 */
export async function setMeasureClosedState(
  tx: Queryable,
  measureId: number,
  closed: boolean,
  userId: number,
): Promise<boolean> {
  // data version: plan
  const changed = await tx.query(
    `UPDATE measures SET closed_at = CASE WHEN $2::boolean THEN now() END, closed_by = CASE WHEN $2::boolean THEN $3::integer END, version = version + 1, updated_at = now()
     WHERE id = $1 AND (closed_at IS NULL) = $2::boolean RETURNING id`,
    [measureId, closed, userId],
  );
  return changed.length === 1;
}

/**
 * Merging organisation `from` into `into` (the directory's merge): one place per measure, lead
 * if either was lead, the earlier position. Returns the measures whose executors changed and
 * how many of them had both organisations as executors.
 */
export async function mergeExecutorOrganisation(
  tx: Queryable,
  from: number,
  into: number,
): Promise<{ measureIds: number[]; shared: number }> {
  const shared = await tx.query<{
    measure_id: number;
    s_role: 'lead' | 'co';
    l_role: 'lead' | 'co';
    s_pos: number;
    l_pos: number;
  }>(
    `SELECT s.measure_id, s.role AS s_role, l.role AS l_role, s.position AS s_pos, l.position AS l_pos
     FROM measure_executors s JOIN measure_executors l ON l.measure_id = s.measure_id AND l.organisation_id = $2 WHERE s.organisation_id = $1`,
    [into, from],
  );
  for (const sh of shared) {
    // data version: plan
    await tx.query(
      `UPDATE measure_executors SET role = $3, position = $4 WHERE measure_id = $1 AND organisation_id = $2`,
      [sh.measure_id, into, mergedRole(sh.s_role, sh.l_role), Math.min(Number(sh.s_pos), Number(sh.l_pos))],
    );
  }
  // data version: plan
  await tx.query(`DELETE FROM measure_executors WHERE organisation_id = $1 AND measure_id = ANY($2::int[])`, [
    from,
    shared.map((x) => Number(x.measure_id)),
  ]);
  // data version: plan
  const moved = await tx.query<{ measure_id: number }>(
    `UPDATE measure_executors SET organisation_id = $2 WHERE organisation_id = $1 RETURNING measure_id`,
    [from, into],
  );
  const measureIds = [
    ...new Set([...shared.map((x) => Number(x.measure_id)), ...moved.map((x) => Number(x.measure_id))]),
  ];
  return { measureIds, shared: shared.length };
}
