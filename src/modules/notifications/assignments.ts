/**
 * «Вам назначено»: organisations hear of measures given to them, in the transaction that
 * gives them — a measure added or re-assigned in an active plan, or a plan approved
 * (a draft's measures are nobody's work yet, so drafts notify no one).
 */
import type { Queryable } from '../../db/database.js';
import type { Actor } from '../../domain/policy/authorize.js';
import { assignedNotice, planAssignedNotice, type MeasureFacts } from '../../domain/notifications/events.js';
import { notifyOrganisations } from './notifications.service.js';

/** What a notice needs to name a measure: number as printed, title, plan. */
export async function measureFacts(db: Queryable, measureId: number): Promise<MeasureFacts & { planStatus: string }> {
  const r = await db.one<{
    id: number;
    number: string;
    title: string;
    plan_id: number;
    plan_title: string;
    plan_status: string;
  }>(
    `SELECT m.id, m.number, m.title, m.plan_id, p.title AS plan_title, p.status AS plan_status FROM measures m JOIN plans p ON p.id = m.plan_id WHERE m.id = $1`,
    [measureId],
  );
  if (!r) throw new Error(`measureFacts: measure ${measureId} not found`);
  return {
    id: Number(r.id),
    number: r.number,
    title: r.title,
    planId: Number(r.plan_id),
    planTitle: r.plan_title,
    planStatus: r.plan_status,
  };
}

/**
 * Notifies the organisations that are executors of the measure now and were not in
 * `before` (their ids before the change; [] for a new measure).
 */
export async function notifyNewExecutors(
  tx: Queryable,
  actor: Actor,
  measureId: number,
  before: number[],
): Promise<void> {
  const now = await tx.query<{ organisation_id: number; role: 'lead' | 'co' }>(
    `SELECT organisation_id, role FROM measure_executors WHERE measure_id = $1`,
    [measureId],
  );
  const added = now.filter((e) => !before.includes(Number(e.organisation_id)));
  if (added.length === 0) return;
  const m = await measureFacts(tx, measureId);
  if (m.planStatus !== 'active') return;
  for (const role of ['lead', 'co'] as const) {
    const orgs = added.filter((e) => e.role === role).map((e) => Number(e.organisation_id));
    await notifyOrganisations(tx, actor.regionId, orgs, assignedNotice({ measure: m, role }), { except: actor.userId });
  }
}

/** A plan made active: each executor organisation hears how many of its measures it holds. */
export async function notifyPlanActivated(tx: Queryable, actor: Actor, planId: number): Promise<void> {
  const plan = await tx.one<{ title: string }>(`SELECT title FROM plans WHERE id = $1`, [planId]);
  if (!plan) return;
  const counts = await tx.query<{ organisation_id: number; lead: number; co: number }>(
    `SELECT me.organisation_id, count(*) FILTER (WHERE me.role = 'lead')::int AS lead, count(*) FILTER (WHERE me.role = 'co')::int AS co
     FROM measure_executors me JOIN measures m ON m.id = me.measure_id
     WHERE m.plan_id = $1 AND m.archived_at IS NULL GROUP BY me.organisation_id`,
    [planId],
  );
  for (const c of counts) {
    await notifyOrganisations(
      tx,
      actor.regionId,
      [Number(c.organisation_id)],
      planAssignedNotice({ planId, planTitle: plan.title, lead: Number(c.lead), co: Number(c.co) }),
      { except: actor.userId },
    );
  }
}
