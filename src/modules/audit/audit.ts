/**
 * The audit log: who, when, what, before/after — written in the same transaction as
 * the change it describes, so that a change without its record cannot exist.
 */
import type { Queryable } from '../../db/database.js';
import type { Actor } from '../../domain/policy/authorize.js';

export interface AuditEntry {
  action: string;
  entityType: 'organisation' | 'user' | 'plan' | 'section' | 'measure' | 'session' | 'report' | 'import_layout';
  entityId: number | null;
  planId?: number | null;
  measureId?: number | null;
  before?: unknown;
  after?: unknown;
  source?: string | null;
}

export async function recordAudit(tx: Queryable, actor: Pick<Actor, 'userId' | 'regionId'> | null, regionId: number, e: AuditEntry): Promise<void> {
  await tx.query(
    `INSERT INTO audit_events (region_id, actor_user_id, action, entity_type, entity_id, plan_id, measure_id, before, after, source)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
    [
      regionId,
      actor?.userId ?? null,
      e.action,
      e.entityType,
      e.entityId,
      e.planId ?? null,
      e.measureId ?? null,
      e.before === undefined ? null : JSON.stringify(e.before),
      e.after === undefined ? null : JSON.stringify(e.after),
      e.source ?? null,
    ],
  );
}

export interface AuditEventView {
  id: number;
  at: string;
  actor: { id: number; fullName: string } | null;
  action: string;
  entityType: string;
  entityId: number | null;
  planId: number | null;
  measureId: number | null;
  before: unknown;
  after: unknown;
  source: string | null;
}

const selectEvents = `SELECT e.id, e.at, e.action, e.entity_type, e.entity_id, e.plan_id, e.measure_id, e.before, e.after, e.source,
  u.id AS actor_id, u.full_name AS actor_name
  FROM audit_events e LEFT JOIN users u ON u.id = e.actor_user_id`;

function presentEvent(r: Record<string, unknown>): AuditEventView {
  return {
    id: Number(r.id),
    at: new Date(r.at as string).toISOString(),
    actor: r.actor_id ? { id: Number(r.actor_id), fullName: String(r.actor_name) } : null,
    action: String(r.action),
    entityType: String(r.entity_type),
    entityId: r.entity_id == null ? null : Number(r.entity_id),
    planId: r.plan_id == null ? null : Number(r.plan_id),
    measureId: r.measure_id == null ? null : Number(r.measure_id),
    before: r.before ?? null,
    after: r.after ?? null,
    source: (r.source as string) ?? null,
  };
}

export async function listMeasureHistory(db: Queryable, measureId: number): Promise<AuditEventView[]> {
  const rows = await db.query(`${selectEvents} WHERE e.measure_id = $1 ORDER BY e.id DESC LIMIT 500`, [measureId]);
  return rows.map(presentEvent);
}

export async function listRegionAudit(db: Queryable, regionId: number, opts: { entityType?: string; limit: number; before?: number }): Promise<AuditEventView[]> {
  const params: unknown[] = [regionId];
  let where = 'e.region_id = $1';
  if (opts.entityType) { params.push(opts.entityType); where += ` AND e.entity_type = $${params.length}`; }
  if (opts.before) { params.push(opts.before); where += ` AND e.id < $${params.length}`; }
  params.push(opts.limit);
  const rows = await db.query(`${selectEvents} WHERE ${where} ORDER BY e.id DESC LIMIT $${params.length}`, params);
  return rows.map(presentEvent);
}
