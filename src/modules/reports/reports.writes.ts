/**
 * Writes to the `reports` table asked for by other modules (this module writes it; the owed
 * reports themselves are materialised by modules/obligations, see test/architecture.test.ts).
 * The caller's transaction, authorization and audit.
 *
 * Data versions: every statement here bumps the region's data version and the report's plan's
 * version (triggers of 0007 and 0010, src/db/data-versions.ts).
 */
import type { Queryable } from '../../db/database.js';

/** Merging organisations: owed reports that give way to the other organisation's go. */
export async function dropReports(tx: Queryable, ids: number[]): Promise<void> {
  if (!ids.length) return;
  // data version: plan
  await tx.query(`DELETE FROM reports WHERE id = ANY($1::int[])`, [ids]);
}

/**
 * Merging organisation `from` into `into`: its reports become the survivor's, and a report's
 * role follows the organisation's place on the measure (a co-executor may have become the lead).
 * Returns how many reports moved.
 */
export async function moveReportsToOrganisation(tx: Queryable, from: number, into: number): Promise<number> {
  // data version: plan
  const moved = await tx.query(
    `UPDATE reports SET organisation_id = $2, updated_at = now() WHERE organisation_id = $1 RETURNING id`,
    [from, into],
  );
  // data version: plan
  await tx.query(
    `UPDATE reports r SET role = me.role FROM measure_executors me
     WHERE me.measure_id = r.measure_id AND me.organisation_id = r.organisation_id AND r.organisation_id = $1 AND r.role <> me.role`,
    [into],
  );
  return moved.length;
}
