/**
 * Shared SQL for plans and measures. Visibility rules of `authorize` are repeated here
 * as SQL predicates so that lists are scoped in the database, not filtered afterwards.
 */
import type { Queryable } from '../../db/database.js';
import { authorize, type Actor, seesOwnOrganisationOnly } from '../../domain/policy/authorize.js';
import { forbidden, notFound } from '../../domain/errors.js';
import {
  type ExecutorRow,
  type MeasureView,
  type PlanKind,
  type PlanStatus,
  presentMeasure,
} from './plans.presenter.js';

export const planSummarySelect = `
  SELECT p.*, o.short_name AS owner_short, o.full_name AS owner_full,
    (SELECT f.name FROM stored_files f WHERE f.id = p.source_file_id) AS source_file_name,
    c.measure_count, c.n_done, c.n_partial, c.n_not_done, c.n_not_due, c.n_none
  FROM plans p JOIN organisations o ON o.id = p.owner_organisation_id
  CROSS JOIN LATERAL (
    SELECT count(*) AS measure_count,
      count(*) FILTER (WHERE m.status = 'done') AS n_done,
      count(*) FILTER (WHERE m.status = 'partial') AS n_partial,
      count(*) FILTER (WHERE m.status = 'not_done') AS n_not_done,
      count(*) FILTER (WHERE m.status = 'not_due') AS n_not_due,
      count(*) FILTER (WHERE m.status IS NULL) AS n_none
    FROM measures m WHERE m.plan_id = p.id AND m.archived_at IS NULL) c`;

/**
 * SQL predicate (on alias `m`) for the measures an actor may see; `$1` is the actor's
 * region, `$2` the actor's organisation.
 */
export function measureVisibility(actor: Actor): string {
  if (!seesOwnOrganisationOnly(actor)) return `m.region_id = $1 AND $2::int IS NOT NULL`;
  return `m.region_id = $1 AND (EXISTS (SELECT 1 FROM measure_executors me WHERE me.measure_id = m.id AND me.organisation_id = $2)
    OR EXISTS (SELECT 1 FROM plans pp WHERE pp.id = m.plan_id AND pp.owner_organisation_id = $2))`;
}

/** The plan columns services decide by: exactly what `loadPlanRow` selects. */
export interface PlanRow {
  id: number;
  region_id: number;
  owner_organisation_id: number;
  status: PlanStatus;
  kind: PlanKind;
  version: number;
  title: string;
  period_from: string;
  period_to: string;
  control_from: string | null;
}

/**
 * `forUpdate`: lock the row for the rest of the transaction, so that a change that depends
 * on the plan's state (approval, archiving, periods) sees the state the last writer left.
 */
export async function loadPlanRow(
  db: Queryable,
  actor: Actor,
  planId: number,
  opts: { forUpdate?: boolean } = {},
): Promise<PlanRow> {
  const row = await db.one<PlanRow>(
    `SELECT id, region_id, owner_organisation_id, status, kind, version, title,
            period_from::text AS period_from, period_to::text AS period_to, control_from::text AS control_from
     FROM plans WHERE id = $1 AND region_id = $2${opts.forUpdate ? ' FOR UPDATE' : ''}`,
    [planId, actor.regionId],
  );
  if (!row) throw notFound('План не найден', `plan ${planId} not found`);
  return row;
}

export const planSubjectOf = (p: PlanRow) => ({
  regionId: p.region_id,
  ownerOrganisationId: p.owner_organisation_id,
  status: p.status,
});

export async function loadExecutors(db: Queryable, measureIds: number[]): Promise<Map<number, ExecutorRow[]>> {
  const out = new Map<number, ExecutorRow[]>();
  if (measureIds.length === 0) return out;
  const rows = await db.query<ExecutorRow>(
    `SELECT me.measure_id, me.organisation_id, me.role, o.short_name, o.full_name, o.external
     FROM measure_executors me JOIN organisations o ON o.id = me.organisation_id
     WHERE me.measure_id = ANY($1::int[]) ORDER BY me.measure_id, me.position`,
    [measureIds],
  );
  for (const r of rows) {
    const list = out.get(Number(r.measure_id)) ?? [];
    list.push(r);
    out.set(Number(r.measure_id), list);
  }
  return out;
}

export async function loadMeasures(
  db: Queryable,
  where: string,
  params: unknown[],
  order = 'm.position, m.id',
): Promise<MeasureView[]> {
  const rows = await db.query(`SELECT m.* FROM measures m WHERE ${where} ORDER BY ${order}`, params);
  const executors = await loadExecutors(
    db,
    rows.map((r) => Number(r.id)),
  );
  return rows.map((r) => presentMeasure(r, executors.get(Number(r.id)) ?? []));
}

/** Does the actor's organisation execute (or own) a live measure of the plan? What lets an executor read it. */
async function hasOwnMeasures(db: Queryable, actor: Actor, planId: number): Promise<boolean> {
  if (!seesOwnOrganisationOnly(actor)) return false;
  const r = await db.one(
    `SELECT 1 FROM measures m JOIN measure_executors me ON me.measure_id = m.id
     WHERE m.plan_id = $1 AND m.archived_at IS NULL AND me.organisation_id = $2 LIMIT 1`,
    [planId, actor.organisationId],
  );
  return r != null;
}

/** May the actor read the plan (and so its periods, calendar, export, dashboard)? */
export async function mayReadPlan(db: Queryable, actor: Actor, plan: PlanRow): Promise<boolean> {
  return authorize(actor, {
    action: 'plan.read',
    subject: { ...planSubjectOf(plan), hasOwnMeasures: await hasOwnMeasures(db, actor, plan.id) },
  });
}

/**
 * The plan, if the actor may read it: everything shown of one plan (its periods, calendar,
 * unclear deadlines, export, dashboard) is scoped like the plan itself.
 */
export async function loadReadablePlan(db: Queryable, actor: Actor, planId: number): Promise<PlanRow> {
  const plan = await loadPlanRow(db, actor, planId);
  if (!(await mayReadPlan(db, actor, plan))) throw forbidden();
  return plan;
}
