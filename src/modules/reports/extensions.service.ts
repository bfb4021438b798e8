/**
 * Deadline extension («перенос срока»): an executor asks to move one named date — a control
 * date of the measure (lead only) or the due day of its own owed report (its own part, also
 * for a co-executor) — with a reason; the coordinator approves or rejects with a comment (a
 * rejection must say why). An approved request moves exactly that date: a control date as
 * a move over the parsed schedule (`measures.deadline_moves`), a report's due day on that
 * report alone (`reports.extended_due`); owed reports and the traffic light follow. The
 * rules are pure (domain/reporting/extensions.ts); everything is audited.
 *
 * Concurrency (PostgreSQL): one pending request per control date and per report is a
 * partial unique index (migration 0016), so concurrent requests cannot both be created;
 * a decision is a conditional UPDATE … WHERE state = 'pending' with its row count checked,
 * and the measure row is locked before its moves are read and written.
 */
import type { Database, Queryable } from '../../db/database.js';
import { DomainError, forbidden, notFound } from '../../domain/errors.js';
import { authorize, type Actor, type MeasureSubject } from '../../domain/policy/authorize.js';
import { CONTROL_START_SQL } from '../../domain/reporting/control-start.js';
import {
  addMove,
  assertMoveAllowed,
  extensionTargets,
  moveWarnings,
  type DeadlineMove,
  type DuePoint,
  type ExtensionTarget,
  type OwedReportPoint,
} from '../../domain/reporting/extensions.js';
import { setDeadlineMoves, setMeasureClosedState } from '../measures/index.js';
import { recordAudit } from '../audit/index.js';
import { measureFacts, notifyOrganisations } from '../notifications/index.js';
import { extensionDecidedNotice } from '../../domain/notifications/events.js';
import { regenerateControlPoints } from '../obligations/index.js';
import { loadPlanRow, planSubjectOf } from '../plans/index.js';
import { refreshOpenDue } from '../obligations/index.js';

export interface ExtensionView {
  id: number;
  measureId: number;
  planId: number;
  organisation: { id: number; shortName: string };
  /** What is moved: a control date of the measure, or one executor's report. */
  target: { kind: 'due' | 'report'; reportId: number | null; label: string };
  requestedBy: string;
  reason: string;
  currentDue: string | null;
  requestedDue: string;
  /** Why someone should look twice (a move of months, past the plan's end). */
  warnings: string[];
  state: 'pending' | 'approved' | 'rejected';
  decidedBy: string | null;
  decidedAt: string | null;
  decisionComment: string | null;
  createdAt: string;
}

export type TargetInput = { kind: 'due'; date: string } | { kind: 'report'; reportId: number };

const select = `SELECT e.*, e.current_due::text AS current_due, e.requested_due::text AS requested_due, o.short_name,
    ru.full_name AS requested_name, du.full_name AS decided_name, p.period_to::text AS plan_end
  FROM extension_requests e JOIN organisations o ON o.id = e.organisation_id JOIN users ru ON ru.id = e.requested_by
    JOIN plans p ON p.id = e.plan_id LEFT JOIN users du ON du.id = e.decided_by`;

function present(r: Record<string, unknown>): ExtensionView {
  const currentDue = (r.current_due as string) ?? null;
  const kind = (r.target_kind as 'due' | 'report') ?? 'due';
  return {
    id: Number(r.id),
    measureId: Number(r.measure_id),
    planId: Number(r.plan_id),
    organisation: { id: Number(r.organisation_id), shortName: String(r.short_name) },
    target: {
      kind,
      reportId: r.report_id == null ? null : Number(r.report_id),
      label: (r.target_label as string) ?? 'Срок исполнения',
    },
    requestedBy: String(r.requested_name),
    reason: String(r.reason),
    currentDue,
    requestedDue: String(r.requested_due),
    warnings: moveWarnings(currentDue, String(r.requested_due), String(r.plan_end)),
    state: r.state as ExtensionView['state'],
    decidedBy: (r.decided_name as string) ?? null,
    decidedAt: r.decided_at ? new Date(r.decided_at as string).toISOString() : null,
    decisionComment: (r.decision_comment as string) ?? null,
    createdAt: new Date(r.created_at as string).toISOString(),
  };
}

interface MeasureRow {
  id: number;
  plan_id: number;
  closed: boolean;
  deadline_moves: DeadlineMove[] | null;
}

/** The measure (locked with `forUpdate`), its plan and its executors with their roles. */
async function measureContext(tx: Queryable, actor: Actor, measureId: number, forUpdate = false) {
  const m = await tx.one<MeasureRow>(
    `SELECT id, plan_id, closed_at IS NOT NULL AS closed, deadline_moves FROM measures
     WHERE id = $1 AND region_id = $2 AND archived_at IS NULL${forUpdate ? ' FOR UPDATE' : ''}`,
    [measureId, actor.regionId],
  );
  if (!m) throw notFound('Мероприятие не найдено', `measure ${measureId} not found`);
  const plan = await loadPlanRow(tx, actor, m.plan_id);
  const execs = (
    await tx.query<{ organisation_id: number; role: 'lead' | 'co' }>(
      `SELECT organisation_id, role FROM measure_executors WHERE measure_id = $1`,
      [measureId],
    )
  ).map((e) => ({ organisationId: Number(e.organisation_id), role: e.role }));
  const subject: MeasureSubject = {
    regionId: actor.regionId,
    plan: planSubjectOf(plan),
    executorOrganisationIds: execs.map((e) => e.organisationId),
  };
  return { m, plan, execs, subject };
}

/** The measure's control dates (met: their period's lead report accepted) and owed reports, each marked counted or not. */
async function loadPoints(
  tx: Queryable,
  measureId: number,
): Promise<{ points: DuePoint[]; reports: OwedReportPoint[] }> {
  const points = await tx.query<{
    nominal: string;
    effective: string;
    label: string | null;
    met: boolean;
    counted: boolean;
  }>(
    `SELECT cp.nominal::text AS nominal, cp.effective::text AS effective, cp.label,
            EXISTS (SELECT 1 FROM reports r JOIN reporting_periods rp ON rp.id = r.period_id
                    WHERE r.measure_id = cp.measure_id AND r.role = 'lead' AND r.state = 'accepted' AND cp.nominal BETWEEN rp.starts_on AND rp.ends_on) AS met,
            cp.effective >= ${CONTROL_START_SQL} AS counted
     FROM control_points cp JOIN measures m ON m.id = cp.measure_id JOIN plans p ON p.id = m.plan_id
     WHERE cp.measure_id = $1 AND cp.kind = 'due' ORDER BY cp.nominal`,
    [measureId],
  );
  const reports = await tx.query<{
    id: number;
    organisation_id: number;
    label: string;
    due_on: string;
    state: string;
    counted: boolean;
  }>(
    `SELECT r.id, r.organisation_id, rp.label, r.due_on::text AS due_on, r.state, r.due_on >= ${CONTROL_START_SQL} AS counted
     FROM reports r JOIN reporting_periods rp ON rp.id = r.period_id JOIN measures m ON m.id = r.measure_id JOIN plans p ON p.id = m.plan_id
     WHERE r.measure_id = $1 ORDER BY r.due_on, r.id`,
    [measureId],
  );
  return {
    points: points.map((p) => ({ ...p, met: Boolean(p.met), counted: Boolean(p.counted) })),
    reports: reports.map((r) => ({
      reportId: Number(r.id),
      organisationId: Number(r.organisation_id),
      periodLabel: r.label,
      dueOn: r.due_on,
      state: r.state,
      counted: Boolean(r.counted),
    })),
  };
}

/** What the actor's organisation may ask to move on this measure (empty when it may not ask at all). */
async function targetsFor(
  tx: Queryable,
  actor: Actor,
  ctx: Awaited<ReturnType<typeof measureContext>>,
): Promise<ExtensionTarget[]> {
  const mine = ctx.execs.find((e) => e.organisationId === actor.organisationId);
  if (!mine || ctx.m.closed || !authorize(actor, { action: 'extension.request', subject: ctx.subject })) return [];
  const { points, reports } = await loadPoints(tx, ctx.m.id);
  return extensionTargets(mine, points, reports);
}

export async function listExtensionTargets(db: Queryable, actor: Actor, measureId: number): Promise<ExtensionTarget[]> {
  const ctx = await measureContext(db, actor, measureId);
  if (!authorize(actor, { action: 'measure.read', subject: ctx.subject })) throw forbidden();
  return targetsFor(db, actor, ctx);
}

export async function listExtensions(db: Queryable, actor: Actor, measureId: number): Promise<ExtensionView[]> {
  const { subject } = await measureContext(db, actor, measureId);
  if (!authorize(actor, { action: 'measure.read', subject })) throw forbidden();
  return (await db.query(`${select} WHERE e.measure_id = $1 ORDER BY e.id DESC`, [measureId])).map(present);
}

const pendingExists = () =>
  new DomainError(
    'conflict',
    'extension.pending',
    'Запрос на перенос этого срока уже ожидает решения',
    'pending extension exists for this date',
  );

export async function requestExtension(
  db: Database,
  actor: Actor,
  measureId: number,
  input: { reason: string; requestedDue: string; target?: TargetInput; confirm?: boolean },
): Promise<ExtensionView> {
  return db.transaction(async (tx) => {
    const ctx = await measureContext(tx, actor, measureId);
    if (!authorize(actor, { action: 'extension.request', subject: ctx.subject })) throw forbidden();
    if (ctx.m.closed)
      throw new DomainError(
        'conflict',
        'extension.closed',
        'Мероприятие снято с контроля: переносить нечего',
        'measure closed',
      );
    const targets = await targetsFor(tx, actor, ctx);
    // Without a named target (older clients): the earliest date the organisation may move.
    const t = input.target;
    const target = t
      ? targets.find((x) =>
          t.kind === 'due'
            ? x.kind === 'due' && x.nominal === t.date
            : x.kind === 'report' && x.reportId === t.reportId,
        )
      : targets[0];
    if (!target) {
      throw t
        ? new DomainError(
            'validation',
            'extension.target',
            t.kind === 'due'
              ? 'Этот срок перенести нельзя: он уже выполнен, прошёл до начала контроля или его переносит только ответственный исполнитель'
              : 'Этот отчёт перенести нельзя: он не ваш или уже представлен',
            `target ${JSON.stringify(t)} not movable by org ${actor.organisationId}`,
          )
        : new DomainError('validation', 'extension.nothing', 'Нет срока, который можно перенести', 'no movable date');
    }
    const current = target.kind === 'due' ? target.nominal : target.dueOn;
    const others =
      target.kind === 'due'
        ? (await loadPoints(tx, measureId)).points.map((p) => p.nominal).filter((d) => d !== current)
        : [];
    assertMoveAllowed(current, input.requestedDue, others);
    const warnings = moveWarnings(current, input.requestedDue, ctx.plan.period_to);
    if (warnings.length > 0 && !input.confirm) {
      throw new DomainError(
        'validation',
        'extension.confirm',
        `Проверьте запрос: ${warnings.join('; ')}. Если всё верно, подтвердите его.`,
        `long move needs confirmation: ${warnings.join('; ')}`,
      );
    }
    const r = await tx
      .one<{ id: number }>(
        `INSERT INTO extension_requests (region_id, plan_id, measure_id, organisation_id, requested_by, reason, current_due, requested_due, target_kind, report_id, target_label)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) RETURNING id`,
        [
          actor.regionId,
          ctx.m.plan_id,
          measureId,
          actor.organisationId,
          actor.userId,
          input.reason.trim(),
          current,
          input.requestedDue,
          target.kind,
          target.kind === 'report' ? target.reportId : null,
          target.label,
        ],
      )
      .catch((e: unknown) => {
        if ((e as { code?: string }).code === '23505') throw pendingExists();
        throw e;
      });
    const view = present((await tx.one(`${select} WHERE e.id = $1`, [r!.id]))!);
    await recordAudit(tx, actor, actor.regionId, {
      action: 'extension.request',
      entityType: 'measure',
      entityId: measureId,
      planId: ctx.m.plan_id,
      measureId,
      after: view,
    });
    return view;
  });
}

export async function decideExtension(
  db: Database,
  actor: Actor,
  id: number,
  input: { approve: boolean; comment?: string },
): Promise<ExtensionView> {
  const comment = input.comment?.trim() || null;
  if (!input.approve && !comment)
    throw new DomainError('validation', 'extension.reason', 'Укажите причину отказа', 'rejection without a comment');
  return db.transaction(async (tx) => {
    const row = await tx.one(`${select} WHERE e.id = $1 AND e.region_id = $2`, [id, actor.regionId]);
    if (!row) throw notFound('Запрос не найден', `extension ${id} not found`);
    const before = present(row);
    // The measure row is locked first: two approvals on one measure read and write its moves in turn.
    const ctx = await measureContext(tx, actor, before.measureId, true);
    if (!authorize(actor, { action: 'extension.decide', subject: ctx.subject })) throw forbidden();
    const decided = await tx.one(
      `UPDATE extension_requests SET state = $2, decided_by = $3, decided_at = now(), decision_comment = $4 WHERE id = $1 AND state = 'pending' RETURNING id`,
      [id, input.approve ? 'approved' : 'rejected', actor.userId, comment],
    );
    if (!decided)
      throw new DomainError(
        'conflict',
        'extension.decided',
        'По этому запросу уже принято решение',
        `extension ${id} already decided`,
      );
    if (input.approve) await applyApproved(tx, ctx.m, before);
    const after = present((await tx.one(`${select} WHERE e.id = $1`, [id]))!);
    await notifyOrganisations(
      tx,
      actor.regionId,
      [before.organisation.id],
      extensionDecidedNotice(input.approve, {
        measure: await measureFacts(tx, before.measureId),
        requestedDue: before.requestedDue,
        currentDue: before.currentDue,
        comment: input.comment,
      }),
      { except: actor.userId },
    );
    await recordAudit(tx, actor, actor.regionId, {
      action: input.approve ? 'extension.approve' : 'extension.reject',
      entityType: 'measure',
      entityId: before.measureId,
      planId: before.planId,
      measureId: before.measureId,
      before,
      after,
    });
    return after;
  });
}

/** Moves exactly the date the request names, re-checking it against the measure as it is now. */
async function applyApproved(tx: Queryable, m: MeasureRow, ext: ExtensionView): Promise<void> {
  const gone = (what: string) =>
    new DomainError(
      'conflict',
      'extension.stale',
      `${what}: согласовать перенос нельзя, отклоните запрос с пояснением`,
      `extension ${ext.id} target changed`,
    );
  if (ext.target.kind === 'report') {
    // data version: plan
    const moved = await tx.one(
      `UPDATE reports SET extended_due = $2, due_on = $2 WHERE id = $1 AND state IN ('expected', 'draft', 'returned') RETURNING id`,
      [ext.target.reportId, ext.requestedDue],
    );
    if (!moved) throw gone('Отчёт уже представлен или больше не требуется');
    await refreshOpenDue(tx, { measureIds: [m.id] });
    return;
  }
  const { points } = await loadPoints(tx, m.id);
  const point = points.find((p) => p.nominal === ext.currentDue);
  if (!point || point.met) throw gone(point ? 'Этот срок уже выполнен' : 'Этого срока у мероприятия больше нет');
  assertMoveAllowed(
    point.nominal,
    ext.requestedDue,
    points.map((p) => p.nominal).filter((d) => d !== point.nominal),
  );
  const moves = addMove(m.deadline_moves ?? [], { from: point.nominal, to: ext.requestedDue, extensionId: ext.id });
  await setDeadlineMoves(tx, m.id, moves);
  await regenerateControlPoints(tx, { measureIds: [m.id] });
}

export async function listPendingExtensions(db: Queryable, actor: Actor) {
  if (!authorize(actor, { action: 'review.queue', subject: actor })) return [];
  return (
    await db.query(
      `${select} WHERE e.region_id = $1 AND e.state = 'pending' AND ($2::text = 'admin' OR p.owner_organisation_id = $3) ORDER BY e.id`,
      [actor.regionId, actor.role, actor.organisationId],
    )
  ).map(present);
}

/** «Снять с контроля»: only whoever manages the plan closes an instruction; it can be reopened. */
export async function setMeasureClosed(
  db: Database,
  actor: Actor,
  measureId: number,
  closed: boolean,
  comment?: string,
) {
  return db.transaction(async (tx) => {
    const { m, plan } = await measureContext(tx, actor, measureId);
    if (!authorize(actor, { action: 'plan.update', subject: planSubjectOf(plan) })) throw forbidden();
    // Conditional on the state it starts from (row count checked): of simultaneous closings one applies.
    if (!(await setMeasureClosedState(tx, measureId, closed, actor.userId)))
      throw new DomainError(
        'conflict',
        'measure.closed_state',
        closed ? 'Мероприятие уже снято с контроля' : 'Мероприятие и так на контроле',
        'no change',
      );
    await regenerateControlPoints(tx, { measureIds: [measureId] });
    await recordAudit(tx, actor, actor.regionId, {
      action: closed ? 'measure.close' : 'measure.reopen',
      entityType: 'measure',
      entityId: measureId,
      planId: m.plan_id,
      measureId,
      after: { comment: comment ?? null },
    });
    return { ok: true };
  });
}
