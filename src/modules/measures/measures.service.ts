import type { Database, Queryable } from '../../db/database.js';
import { DomainError, forbidden, notFound } from '../../domain/errors.js';
import { authorize, type Actor, type MeasureSubject } from '../../domain/policy/authorize.js';
import { listMeasureHistory, recordAudit, recordAudits } from '../audit/index.js';
import { notifyNewExecutors } from '../notifications/index.js';
import { measureAbilities, type MeasureStatus, type MeasureView } from '../plans/index.js';
import { loadMeasures, loadPlanRow, measureVisibility, planSubjectOf, type PlanRow } from '../plans/index.js';
import { loadControlPoints, regenerateControlPoints } from '../obligations/index.js';
import type { DeadlineOverride } from '../../domain/deadlines/interpret.js';
import { measureControlFromOnCreate } from '../../domain/reporting/control-start.js';

export interface MeasureInput {
  sectionId: number | null;
  number: string;
  title: string;
  expectedResult?: string;
  form?: string;
  deadlineText?: string;
  leadExecutorId?: number | null;
  coExecutorIds?: number[];
  /** Executors named only in words (see migration 0020). */
  textExecutors?: string[];
  status?: MeasureStatus | null;
  executionText?: string;
  protocolItem?: string;
  /** Dates set by the coordinator instead of the parsed ones; null clears. */
  deadlineOverride?: DeadlineOverride | null;
  /** The date of the event a relative deadline counts from. */
  anchorDate?: string | null;
  /** The measure's own control start (domain/reporting/control-start.ts); null: with the plan. */
  controlFrom?: string | null;
}

const subjectOf = (plan: PlanRow, m: MeasureView): MeasureSubject => ({
  regionId: plan.region_id,
  plan: planSubjectOf(plan),
  executorOrganisationIds: [m.leadExecutor?.id, ...m.coExecutors.map((c) => c.id)].filter(
    (x): x is number => x != null,
  ),
});

async function loadMeasure(db: Queryable, actor: Actor, id: number): Promise<{ measure: MeasureView; plan: PlanRow }> {
  const [measure] = await loadMeasures(db, `m.id = $1 AND m.region_id = $2`, [id, actor.regionId]);
  if (!measure) throw notFound('Мероприятие не найдено', `measure ${id} not found`);
  const plan = await loadPlanRow(db, actor, measure.planId);
  if (!authorize(actor, { action: 'measure.read', subject: subjectOf(plan, measure) })) throw forbidden();
  return { measure, plan };
}

export async function getMeasure(db: Queryable, actor: Actor, id: number) {
  const { measure, plan } = await loadMeasure(db, actor, id);
  return {
    ...measure,
    controlPoints: await loadControlPoints(db, id),
    plan: { id: plan.id, title: plan.title, kind: plan.kind },
    abilities: measureAbilities(actor, subjectOf(plan, measure)),
  };
}

export async function getMeasureHistory(db: Queryable, actor: Actor, id: number) {
  await loadMeasure(db, actor, id);
  return listMeasureHistory(db, id);
}

async function assertExecutors(tx: Queryable, actor: Actor, ids: number[]) {
  if (ids.length === 0) return;
  const found = await tx.query<{ id: number }>(
    `SELECT id FROM organisations WHERE id = ANY($1::int[]) AND region_id = $2`,
    [ids, actor.regionId],
  );
  if (found.length !== new Set(ids).size) {
    throw new DomainError(
      'validation',
      'measure.executor_unknown',
      'Исполнитель не найден в справочнике организаций',
      `unknown executor among ${ids.join(',')}`,
    );
  }
}

async function assertSection(tx: Queryable, planId: number, sectionId: number | null) {
  if (sectionId == null) return;
  // FOR KEY SHARE: a simultaneous removal of the section waits for this measure (and then refuses).
  const s = await tx.one(`SELECT 1 FROM sections WHERE id = $1 AND plan_id = $2 FOR KEY SHARE`, [sectionId, planId]);
  if (!s)
    throw new DomainError(
      'validation',
      'measure.section',
      'Раздел не найден в этом плане',
      `section ${sectionId} not in plan ${planId}`,
    );
}

function duplicateNumber(e: unknown): never {
  if (e && typeof e === 'object' && 'code' in e && (e as { code: string }).code === '23505') {
    throw new DomainError(
      'conflict',
      'measure.duplicate_number',
      'Мероприятие с таким номером уже есть в этом разделе',
      'duplicate measure number in section',
    );
  }
  throw e;
}

async function writeExecutors(tx: Queryable, measureId: number, leadId: number | null | undefined, coIds: number[]) {
  // data version: plan
  await tx.query(`DELETE FROM measure_executors WHERE measure_id = $1`, [measureId]);
  const all: [number, 'lead' | 'co'][] = [];
  if (leadId != null) all.push([leadId, 'lead']);
  for (const id of coIds) if (id !== leadId && !all.some(([x]) => x === id)) all.push([id, 'co']);
  for (const [i, [orgId, role]] of all.entries()) {
    // data version: plan
    await tx.query(`INSERT INTO measure_executors (measure_id, organisation_id, role, position) VALUES ($1,$2,$3,$4)`, [
      measureId,
      orgId,
      role,
      i,
    ]);
  }
}

export async function createMeasure(
  db: Database,
  actor: Actor,
  planId: number,
  input: MeasureInput,
  opts: { tx?: Queryable; source?: string; today?: string } = {},
): Promise<MeasureView> {
  const work = async (tx: Queryable) => {
    const plan = await loadPlanRow(tx, actor, planId);
    if (!authorize(actor, { action: 'measure.create', subject: planSubjectOf(plan) })) throw forbidden();
    await assertSection(tx, planId, input.sectionId);
    const coIds = input.coExecutorIds ?? [];
    await assertExecutors(tx, actor, [...(input.leadExecutorId != null ? [input.leadExecutorId] : []), ...coIds]);
    // data version: plan
    const r = await tx
      .one<{ id: number }>(
        `INSERT INTO measures (region_id, plan_id, section_id, number, title, expected_result, form, deadline_text, status, execution_text, protocol_item, text_executors, position)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12, (SELECT coalesce(max(position), 0) + 1 FROM measures WHERE plan_id = $2)) RETURNING id`,
        [
          actor.regionId,
          planId,
          input.sectionId,
          input.number.trim(),
          input.title.trim(),
          input.expectedResult ?? '',
          input.form ?? '',
          input.deadlineText ?? '',
          input.status ?? null,
          input.executionText ?? '',
          input.protocolItem ?? '',
          input.textExecutors ?? [],
        ],
      )
      .catch(duplicateNumber);
    await writeExecutors(tx, r!.id, input.leadExecutorId, coIds);
    await notifyNewExecutors(tx, actor, r!.id, []);
    // A measure added to a plan already under control owes nothing for the time before it existed.
    const controlFrom =
      input.controlFrom !== undefined
        ? input.controlFrom
        : measureControlFromOnCreate(
            { status: plan.status, periodFrom: plan.period_from, controlFrom: plan.control_from },
            opts.today ?? new Date().toISOString().slice(0, 10),
          );
    if (input.deadlineOverride || input.anchorDate || controlFrom) {
      // data version: plan
      await tx.query(`UPDATE measures SET deadline_override = $2, anchor_date = $3, control_from = $4 WHERE id = $1`, [
        r!.id,
        input.deadlineOverride ? JSON.stringify(input.deadlineOverride) : null,
        input.anchorDate ?? null,
        controlFrom,
      ]);
    }
    await regenerateControlPoints(tx, { measureIds: [r!.id] });
    const [measure] = await loadMeasures(tx, `m.id = $1`, [r!.id]);
    await recordAudit(tx, actor, actor.regionId, {
      action: 'measure.create',
      entityType: 'measure',
      entityId: measure.id,
      planId,
      measureId: measure.id,
      after: measure,
      source: opts.source ?? null,
    });
    return measure;
  };
  return opts.tx ? work(opts.tx) : db.transaction(work);
}

/**
 * Creates many measures in a plan in a handful of statements (multi-row INSERT … SELECT FROM
 * unnest), with the same checks, control points and audit records as `createMeasure` one by
 * one. An import of 1,000 measures made ~10 statements a measure (≈10,000 round trips: 31 s
 * on PGlite, during which the single-connection embedded database answered no one else);
 * this makes it ~10 statements in all. Runs inside the caller's transaction.
 */
export async function createMeasures(
  tx: Queryable,
  actor: Actor,
  planId: number,
  inputs: MeasureInput[],
  opts: { source?: string; today?: string } = {},
): Promise<number[]> {
  if (inputs.length === 0) return [];
  const plan = await loadPlanRow(tx, actor, planId);
  if (!authorize(actor, { action: 'measure.create', subject: planSubjectOf(plan) })) throw forbidden();
  const sectionIds = [...new Set(inputs.map((i) => i.sectionId).filter((x): x is number => x != null))];
  if (sectionIds.length) {
    const found = await tx.query(`SELECT id FROM sections WHERE id = ANY($1::int[]) AND plan_id = $2`, [
      sectionIds,
      planId,
    ]);
    if (found.length !== sectionIds.length)
      throw new DomainError(
        'validation',
        'measure.section',
        'Раздел не найден в этом плане',
        `sections ${sectionIds.join(',')} not all in plan ${planId}`,
      );
  }
  const executorsOf = (i: MeasureInput) => {
    const all: [number, 'lead' | 'co'][] = [];
    if (i.leadExecutorId != null) all.push([i.leadExecutorId, 'lead']);
    for (const id of i.coExecutorIds ?? [])
      if (id !== i.leadExecutorId && !all.some(([x]) => x === id)) all.push([id, 'co']);
    return all;
  };
  await assertExecutors(tx, actor, [...new Set(inputs.flatMap((i) => executorsOf(i).map(([id]) => id)))]);
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  const col = <T>(f: (i: MeasureInput) => T) => inputs.map(f);
  // data version: plan
  const rows = await tx
    .query<{ id: number; ord: number }>(
      `WITH base AS (SELECT coalesce(max(position), 0) AS p FROM measures WHERE plan_id = $2),
     ins AS (
       INSERT INTO measures (region_id, plan_id, section_id, number, title, expected_result, form, deadline_text, status, execution_text,
                             protocol_item, text_executors, deadline_override, anchor_date, control_from, position)
       SELECT $1, $2, u.section_id, u.number, u.title, u.expected_result, u.form, u.deadline_text, u.status, u.execution_text,
              u.protocol_item, ARRAY(SELECT jsonb_array_elements_text(u.text_executors::jsonb)), u.deadline_override::jsonb, u.anchor_date::date, u.control_from::date,
              base.p + u.ord
       FROM unnest($3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[])
            WITH ORDINALITY AS u(section_id, number, title, expected_result, form, deadline_text, status, execution_text, protocol_item, text_executors, deadline_override, anchor_date, control_from, ord)
       CROSS JOIN base
       RETURNING id, position)
     SELECT ins.id, (ins.position - base.p)::int AS ord FROM ins CROSS JOIN base`,
      [
        actor.regionId,
        planId,
        col((i) => i.sectionId),
        col((i) => i.number.trim()),
        col((i) => i.title.trim()),
        col((i) => i.expectedResult ?? ''),
        col((i) => i.form ?? ''),
        col((i) => i.deadlineText ?? ''),
        col((i) => i.status ?? null),
        col((i) => i.executionText ?? ''),
        col((i) => i.protocolItem ?? ''),
        col((i) => JSON.stringify(i.textExecutors ?? [])),
        col((i) => (i.deadlineOverride ? JSON.stringify(i.deadlineOverride) : null)),
        col((i) => i.anchorDate ?? null),
        col((i) =>
          i.controlFrom !== undefined
            ? i.controlFrom
            : measureControlFromOnCreate(
                { status: plan.status, periodFrom: plan.period_from, controlFrom: plan.control_from },
                today,
              ),
        ),
      ],
    )
    .catch(duplicateNumber);
  const ids: number[] = new Array(inputs.length);
  for (const r of rows) ids[Number(r.ord) - 1] = Number(r.id);
  const ex = { measure: [] as number[], org: [] as number[], role: [] as string[], pos: [] as number[] };
  inputs.forEach((input, k) =>
    executorsOf(input).forEach(([org, role], pos) => {
      ex.measure.push(ids[k]);
      ex.org.push(org);
      ex.role.push(role);
      ex.pos.push(pos);
    }),
  );
  if (ex.measure.length) {
    // data version: plan
    await tx.query(
      `INSERT INTO measure_executors (measure_id, organisation_id, role, position) SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::int[])`,
      [ex.measure, ex.org, ex.role, ex.pos],
    );
  }
  // Assignment notices go out only for a plan under way (see notifyNewExecutors); an import makes a draft.
  if (plan.status === 'active') for (const id of ids) await notifyNewExecutors(tx, actor, id, []);
  await regenerateControlPoints(tx, { measureIds: ids });
  const created = await loadMeasures(tx, `m.id = ANY($1::int[])`, [ids]);
  await recordAudits(
    tx,
    actor,
    actor.regionId,
    created.map((m) => ({
      action: 'measure.create',
      entityType: 'measure',
      entityId: m.id,
      planId,
      measureId: m.id,
      after: m,
      source: opts.source ?? null,
    })),
  );
  return ids;
}

export async function updateMeasure(
  db: Database,
  actor: Actor,
  id: number,
  input: Partial<MeasureInput> & { version: number },
): Promise<MeasureView> {
  return db.transaction(async (tx) => {
    const { measure: before, plan } = await loadMeasure(tx, actor, id);
    if (!authorize(actor, { action: 'measure.update', subject: subjectOf(plan, before) })) throw forbidden();
    if (before.archived)
      throw new DomainError(
        'conflict',
        'measure.archived',
        'Мероприятие в архиве и не может быть изменено',
        'measure archived',
      );
    if (input.sectionId !== undefined) await assertSection(tx, before.planId, input.sectionId);
    const executorsChange = input.leadExecutorId !== undefined || input.coExecutorIds !== undefined;
    const leadId = input.leadExecutorId !== undefined ? input.leadExecutorId : (before.leadExecutor?.id ?? null);
    const coIds = input.coExecutorIds ?? before.coExecutors.map((c) => c.id);
    if (executorsChange) await assertExecutors(tx, actor, [...(leadId != null ? [leadId] : []), ...coIds]);
    // Optimistic locking: the version the editor saw must still be current.
    // data version: plan
    const updated = await tx
      .one(
        `UPDATE measures SET
         section_id = CASE WHEN $3::boolean THEN $4::integer ELSE section_id END,
         number = COALESCE($5, number), title = COALESCE($6, title), expected_result = COALESCE($7, expected_result),
         form = COALESCE($8, form), deadline_text = COALESCE($9, deadline_text),
         status = CASE WHEN $10::boolean THEN $11 ELSE status END,
         execution_text = COALESCE($12, execution_text), protocol_item = COALESCE($13, protocol_item),
         deadline_override = CASE WHEN $14::boolean THEN $15::jsonb ELSE deadline_override END,
         anchor_date = CASE WHEN $16::boolean THEN $17::date ELSE anchor_date END,
         control_from = CASE WHEN $18::boolean THEN $19::date ELSE control_from END,
         version = version + 1, updated_at = now()
       WHERE id = $1 AND version = $2 RETURNING id`,
        [
          id,
          input.version,
          input.sectionId !== undefined,
          input.sectionId ?? null,
          input.number?.trim() ?? null,
          input.title?.trim() ?? null,
          input.expectedResult ?? null,
          input.form ?? null,
          input.deadlineText ?? null,
          input.status !== undefined,
          input.status ?? null,
          input.executionText ?? null,
          input.protocolItem ?? null,
          input.deadlineOverride !== undefined,
          input.deadlineOverride ? JSON.stringify(input.deadlineOverride) : null,
          input.anchorDate !== undefined,
          input.anchorDate ?? null,
          input.controlFrom !== undefined,
          input.controlFrom ?? null,
        ],
      )
      .catch(duplicateNumber);
    if (!updated) {
      throw new DomainError(
        'conflict',
        'measure.stale',
        'Мероприятие уже изменил другой пользователь. Обновите страницу, чтобы увидеть его изменения.',
        `measure ${id} version ${input.version} is stale (now ${before.version})`,
      );
    }
    if (executorsChange) {
      await writeExecutors(tx, id, leadId, coIds);
      await notifyNewExecutors(
        tx,
        actor,
        id,
        [before.leadExecutor?.id, ...before.coExecutors.map((c) => c.id)].filter((x): x is number => x != null),
      );
    }
    await regenerateControlPoints(tx, { measureIds: [id] });
    const [after] = await loadMeasures(tx, `m.id = $1`, [id]);
    await recordAudit(tx, actor, actor.regionId, {
      action: 'measure.update',
      entityType: 'measure',
      entityId: id,
      planId: before.planId,
      measureId: id,
      before,
      after,
    });
    return after;
  });
}

export async function archiveMeasure(db: Database, actor: Actor, id: number): Promise<MeasureView> {
  return db.transaction(async (tx) => {
    const { measure: before, plan } = await loadMeasure(tx, actor, id);
    if (!authorize(actor, { action: 'measure.archive', subject: subjectOf(plan, before) })) throw forbidden();
    const archived = () =>
      new DomainError('conflict', 'measure.archived', 'Мероприятие уже в архиве', `measure ${id} already archived`);
    if (before.archived) throw archived();
    // Conditional on the state read: of simultaneous archivings one applies.
    // data version: plan
    const changed = await tx.query(
      `UPDATE measures SET archived_at = now(), version = version + 1, updated_at = now() WHERE id = $1 AND archived_at IS NULL RETURNING id`,
      [id],
    );
    if (changed.length !== 1) throw archived();
    await regenerateControlPoints(tx, { measureIds: [id] });
    const [after] = await loadMeasures(tx, `m.id = $1`, [id]);
    await recordAudit(tx, actor, actor.regionId, {
      action: 'measure.archive',
      entityType: 'measure',
      entityId: id,
      planId: before.planId,
      measureId: id,
      before,
      after,
    });
    return after;
  });
}

/** Sets the order of measures within one section (or among measures without a section). */
export async function reorderMeasures(
  db: Database,
  actor: Actor,
  planId: number,
  sectionId: number | null,
  measureIds: number[],
) {
  await db.transaction(async (tx) => {
    const plan = await loadPlanRow(tx, actor, planId);
    if (!authorize(actor, { action: 'plan.update', subject: planSubjectOf(plan) })) throw forbidden();
    const current = await tx.query<{ id: number; position: number }>(
      `SELECT id, position FROM measures WHERE plan_id = $1 AND section_id IS NOT DISTINCT FROM $2::integer AND archived_at IS NULL ORDER BY position`,
      [planId, sectionId],
    );
    const ids = new Set(current.map((r) => Number(r.id)));
    if (
      measureIds.length !== ids.size ||
      !measureIds.every((id) => ids.has(id)) ||
      new Set(measureIds).size !== measureIds.length
    ) {
      throw new DomainError(
        'validation',
        'measure.reorder',
        'Список мероприятий для упорядочивания не совпадает с составом раздела',
        'reorder ids mismatch',
      );
    }
    // Reuse the section's existing positions so that other sections are untouched.
    const slots = current.map((r) => Number(r.position)).sort((a, b) => a - b);
    for (const [i, id] of measureIds.entries())
      // data version: plan
      await tx.query(`UPDATE measures SET position = $2 WHERE id = $1`, [id, slots[i]]);
    await recordAudit(tx, actor, actor.regionId, {
      action: 'measure.reorder',
      entityType: 'plan',
      entityId: planId,
      planId,
      before: current.map((r) => Number(r.id)),
      after: measureIds,
    });
  });
}

export async function listMyMeasures(db: Queryable, actor: Actor) {
  const measures = await loadMeasures(
    db,
    `m.region_id = $1 AND m.archived_at IS NULL AND EXISTS (SELECT 1 FROM measure_executors me WHERE me.measure_id = m.id AND me.organisation_id = $2)
     AND EXISTS (SELECT 1 FROM plans p WHERE p.id = m.plan_id AND p.status <> 'archived')`,
    [actor.regionId, actor.organisationId],
    'm.plan_id, m.position, m.id',
  );
  const planIds = [...new Set(measures.map((m) => m.planId))];
  const plans = planIds.length
    ? await db.query<{ id: number; title: string; kind: string }>(
        `SELECT id, title, kind FROM plans WHERE id = ANY($1::int[])`,
        [planIds],
      )
    : [];
  const byId = new Map(plans.map((p) => [Number(p.id), { id: Number(p.id), title: p.title, kind: p.kind }]));
  return measures.map((m) => ({ ...m, plan: byId.get(m.planId)! }));
}

export { measureVisibility };
