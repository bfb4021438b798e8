/**
 * Deadline extension («перенос срока»): an executor asks with a reason and a new date, the
 * coordinator decides; an approved request moves the control date (as an override on the
 * measure), and the owed reports and the traffic light follow. All of it audited.
 */
import type { Database, Queryable } from '../../db/database.js';
import { DomainError } from '../../domain/errors.js';
import { interpretDeadline } from '../../domain/deadlines/interpret.js';
import { authorize, type Actor } from '../../domain/policy/authorize.js';
import { forbidden, notFound } from '../../http/errors.js';
import { recordAudit } from '../audit/audit.js';
import { measureFacts, notifyOrganisations } from '../notifications/index.js';
import { extensionDecidedNotice } from '../../domain/notifications/events.js';
import { regenerateControlPoints } from '../deadlines/control-points.js';
import { loadPlanRow, planSubjectOf } from '../plans/plans.queries.js';

export interface ExtensionView {
  id: number; measureId: number; planId: number; organisation: { id: number; shortName: string };
  requestedBy: string; reason: string; currentDue: string | null; requestedDue: string;
  state: 'pending' | 'approved' | 'rejected'; decidedBy: string | null; decidedAt: string | null; decisionComment: string | null; createdAt: string;
}

const select = `SELECT e.*, o.short_name, ru.full_name AS requested_name, du.full_name AS decided_name
  FROM extension_requests e JOIN organisations o ON o.id = e.organisation_id JOIN users ru ON ru.id = e.requested_by LEFT JOIN users du ON du.id = e.decided_by`;

function present(r: Record<string, unknown>): ExtensionView {
  return {
    id: Number(r.id), measureId: Number(r.measure_id), planId: Number(r.plan_id),
    organisation: { id: Number(r.organisation_id), shortName: String(r.short_name) },
    requestedBy: String(r.requested_name), reason: String(r.reason), currentDue: (r.current_due as string) ?? null, requestedDue: String(r.requested_due),
    state: r.state as ExtensionView['state'], decidedBy: (r.decided_name as string) ?? null,
    decidedAt: r.decided_at ? new Date(r.decided_at as string).toISOString() : null, decisionComment: (r.decision_comment as string) ?? null,
    createdAt: new Date(r.created_at as string).toISOString(),
  };
}

async function measureContext(tx: Queryable, actor: Actor, measureId: number) {
  const m = await tx.one<{ id: number; plan_id: number; open_due: string | null; deadline_text: string; deadline_override: unknown; anchor_date: string | null }>(
    `SELECT id, plan_id, open_due::text AS open_due, deadline_text, deadline_override, anchor_date::text AS anchor_date FROM measures WHERE id = $1 AND region_id = $2 AND archived_at IS NULL`, [measureId, actor.regionId]);
  if (!m) throw notFound('Мероприятие не найдено', `measure ${measureId} not found`);
  const plan = await loadPlanRow(tx, actor, m.plan_id);
  const execs = (await tx.query<{ organisation_id: number }>(`SELECT organisation_id FROM measure_executors WHERE measure_id = $1`, [measureId])).map((e) => Number(e.organisation_id));
  return { m, plan, execs };
}

export async function listExtensions(db: Queryable, actor: Actor, measureId: number): Promise<ExtensionView[]> {
  const { plan, execs } = await measureContext(db, actor, measureId);
  if (!authorize(actor, { action: 'measure.read', subject: { regionId: actor.regionId, plan: planSubjectOf(plan), executorOrganisationIds: execs } })) throw forbidden();
  return (await db.query(`${select} WHERE e.measure_id = $1 ORDER BY e.id DESC`, [measureId])).map(present);
}

export async function requestExtension(db: Database, actor: Actor, measureId: number, input: { reason: string; requestedDue: string }) {
  return db.transaction(async (tx) => {
    const { m, plan, execs } = await measureContext(tx, actor, measureId);
    if (!execs.includes(actor.organisationId) || plan.status === 'archived') throw forbidden();
    const pending = await tx.one(`SELECT 1 FROM extension_requests WHERE measure_id = $1 AND organisation_id = $2 AND state = 'pending'`, [measureId, actor.organisationId]);
    if (pending) throw new DomainError('conflict', 'extension.pending', 'Запрос на перенос срока уже ожидает решения', 'pending extension exists');
    const current = await tx.one<{ nominal: string }>(
      `SELECT nominal::text AS nominal FROM control_points WHERE measure_id = $1 AND kind = 'due' AND effective >= coalesce($2::date, '1900-01-01'::date) ORDER BY effective LIMIT 1`, [measureId, m.open_due]);
    if (current && input.requestedDue <= current.nominal) {
      throw new DomainError('validation', 'extension.date', 'Новый срок должен быть позже действующего', 'requested date not later than current');
    }
    const r = await tx.one<{ id: number }>(
      `INSERT INTO extension_requests (region_id, plan_id, measure_id, organisation_id, requested_by, reason, current_due, requested_due)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
      [actor.regionId, m.plan_id, measureId, actor.organisationId, actor.userId, input.reason.trim(), current?.nominal ?? null, input.requestedDue]);
    const view = present((await tx.one(`${select} WHERE e.id = $1`, [r!.id]))!);
    await recordAudit(tx, actor, actor.regionId, { action: 'extension.request', entityType: 'measure', entityId: measureId, planId: m.plan_id, measureId, after: view });
    return view;
  });
}

export async function decideExtension(db: Database, actor: Actor, id: number, input: { approve: boolean; comment?: string }) {
  return db.transaction(async (tx) => {
    const row = await tx.one(`${select} WHERE e.id = $1 AND e.region_id = $2`, [id, actor.regionId]);
    if (!row) throw notFound('Запрос не найден', `extension ${id} not found`);
    const before = present(row);
    const { m, plan } = await measureContext(tx, actor, before.measureId);
    if (!authorize(actor, { action: 'plan.update', subject: planSubjectOf(plan) })) throw forbidden();
    if (before.state !== 'pending') throw new DomainError('conflict', 'extension.decided', 'По этому запросу уже принято решение', 'extension already decided');
    await tx.query(`UPDATE extension_requests SET state = $2, decided_by = $3, decided_at = now(), decision_comment = $4 WHERE id = $1`,
      [id, input.approve ? 'approved' : 'rejected', actor.userId, input.comment?.trim() || null]);
    if (input.approve) {
      // The moved date replaces the current one; every other date stays as the text (or an earlier override) gives it.
      const period: [string, string] = [String((plan as unknown as { period_from: string }).period_from), String((plan as unknown as { period_to: string }).period_to)];
      const it = interpretDeadline(m.deadline_text, period, { anchorDate: m.anchor_date, override: m.deadline_override as never });
      const due = it.expanded.due.map((d) => d.nominal).filter((d) => d !== before.currentDue);
      const override = { due: [...due, before.requestedDue].sort(), reports: it.expanded.reports.map((d) => d.nominal) };
      await tx.query(`UPDATE measures SET deadline_override = $2, version = version + 1, updated_at = now() WHERE id = $1`, [before.measureId, JSON.stringify(override)]);
      await regenerateControlPoints(tx, { measureIds: [before.measureId] });
    }
    const after = present((await tx.one(`${select} WHERE e.id = $1`, [id]))!);
    await notifyOrganisations(tx, actor.regionId, [before.organisation.id],
      extensionDecidedNotice(input.approve, { measure: await measureFacts(tx, before.measureId), requestedDue: before.requestedDue, currentDue: before.currentDue, comment: input.comment }), { except: actor.userId });
    await recordAudit(tx, actor, actor.regionId, { action: input.approve ? 'extension.approve' : 'extension.reject', entityType: 'measure', entityId: before.measureId, planId: before.planId, measureId: before.measureId, before, after });
    return after;
  });
}

export async function listPendingExtensions(db: Queryable, actor: Actor) {
  if (actor.role !== 'admin' && actor.role !== 'coordinator') return [];
  return (await db.query(`${select} JOIN plans p ON p.id = e.plan_id WHERE e.region_id = $1 AND e.state = 'pending' AND ($2::text = 'admin' OR p.owner_organisation_id = $3) ORDER BY e.id`,
    [actor.regionId, actor.role, actor.organisationId])).map(present);
}

/** «Снять с контроля»: only whoever manages the plan closes an instruction; it can be reopened. */
export async function setMeasureClosed(db: Database, actor: Actor, measureId: number, closed: boolean, comment?: string) {
  return db.transaction(async (tx) => {
    const { m, plan } = await measureContext(tx, actor, measureId);
    if (!authorize(actor, { action: 'plan.update', subject: planSubjectOf(plan) })) throw forbidden();
    const cur = await tx.one<{ closed_at: unknown }>(`SELECT closed_at FROM measures WHERE id = $1`, [measureId]);
    if (closed === (cur!.closed_at != null)) throw new DomainError('conflict', 'measure.closed_state', closed ? 'Мероприятие уже снято с контроля' : 'Мероприятие и так на контроле', 'no change');
    await tx.query(`UPDATE measures SET closed_at = CASE WHEN $2::boolean THEN now() END, closed_by = CASE WHEN $2::boolean THEN $3::integer END, version = version + 1, updated_at = now() WHERE id = $1`,
      [measureId, closed, actor.userId]);
    await regenerateControlPoints(tx, { measureIds: [measureId] });
    await recordAudit(tx, actor, actor.regionId, { action: closed ? 'measure.close' : 'measure.reopen', entityType: 'measure', entityId: measureId, planId: m.plan_id, measureId, after: { comment: comment ?? null } });
    return { ok: true };
  });
}
