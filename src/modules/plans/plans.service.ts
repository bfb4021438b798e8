import type { Database, Queryable } from '../../db/database.js';
import { DomainError, forbidden, notFound } from '../../domain/errors.js';
import { authorize, type Actor, seesOwnOrganisationOnly } from '../../domain/policy/authorize.js';
import { recordAudit } from '../audit/index.js';
import { notifyPlanActivated } from '../notifications/index.js';
import { loadNextControlDates, regenerateControlPoints } from '../obligations/index.js';
import { ensurePeriods, replacePeriods, syncExecution, untouched } from '../obligations/index.js';
import { validateCustomPeriods, type Frequency, type ReportingPeriod } from '../../domain/reporting/periods.js';
import { trafficLight } from '../../domain/reporting/traffic-light.js';
import { defaultControlFrom } from '../../domain/reporting/control-start.js';
import {
  measureAbilities,
  presentPlanSummary,
  presentSection,
  type PlanKind,
  type SectionRow,
  type PlanSummary,
} from './plans.presenter.js';
import {
  loadMeasures,
  loadPlanRow,
  loadReadablePlan,
  measureVisibility,
  planSubjectOf,
  planSummarySelect,
} from './plans.queries.js';

export interface PlanInput {
  kind: PlanKind;
  title: string;
  ownerOrganisationId: number;
  periodFrom: string;
  periodTo: string;
  approvedByName?: string | null;
  approvedOn?: string | null;
  reportingFrequency?: Frequency;
  reportDay?: number;
  /** «Контроль с даты» (domain/reporting/control-start.ts); when omitted at creation, near today. */
  controlFrom?: string;
}

/** Today on the server, as ISO: the edge reads the clock, the domain is given the date. */
const todayIso = () => new Date().toISOString().slice(0, 10);

export async function listPlans(
  db: Queryable,
  actor: Actor,
  opts: { includeArchived?: boolean } = {},
): Promise<PlanSummary[]> {
  const scope = seesOwnOrganisationOnly(actor)
    ? `AND (p.owner_organisation_id = $2 OR EXISTS (SELECT 1 FROM measures m JOIN measure_executors me ON me.measure_id = m.id
         WHERE m.plan_id = p.id AND m.archived_at IS NULL AND me.organisation_id = $2))`
    : `AND $2::int IS NOT NULL`;
  const rows = await db.query(
    `${planSummarySelect} WHERE p.region_id = $1 ${scope} ${opts.includeArchived ? '' : `AND p.status <> 'archived'`}
     ORDER BY p.period_to DESC, p.id DESC`,
    [actor.regionId, actor.organisationId],
  );
  return rows.map(presentPlanSummary);
}

async function summaryOf(db: Queryable, id: number): Promise<PlanSummary> {
  return presentPlanSummary((await db.one(`${planSummarySelect} WHERE p.id = $1`, [id]))!);
}

/** «Скоро срок»: the yellow light's window, in days. */
export const DUE_SOON_DAYS = 7;

export async function getPlan(db: Queryable, actor: Actor, id: number, opts: { today?: string } = {}) {
  const row = await loadPlanRow(db, actor, id);
  const subject = planSubjectOf(row);
  const measures = await loadMeasures(db, `m.plan_id = $3 AND m.archived_at IS NULL AND ${measureVisibility(actor)}`, [
    actor.regionId,
    actor.organisationId,
    id,
  ]);
  if (!authorize(actor, { action: 'plan.read', subject: { ...subject, hasOwnMeasures: measures.length > 0 } })) {
    throw forbidden();
  }
  const sections = (
    await db.query<SectionRow>(
      `SELECT id, plan_id, number, title, position FROM sections WHERE plan_id = $1 ORDER BY position, id`,
      [id],
    )
  ).map(presentSection);
  const summary = await summaryOf(db, id);
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  const next = await loadNextControlDates(
    db,
    measures.map((m) => m.id),
    today,
  );
  return {
    ...summary,
    sections,
    measures: measures.map((m) => ({
      ...m,
      nextControl: next.get(m.id) ?? null,
      light: trafficLight({ status: m.status, closed: m.closed, openDue: m.openDue }, today, DUE_SOON_DAYS),
      abilities: measureAbilities(actor, {
        regionId: row.region_id,
        plan: subject,
        executorOrganisationIds: [m.leadExecutor?.id, ...m.coExecutors.map((c) => c.id)].filter(
          (x): x is number => x != null,
        ),
      }),
    })),
    abilities: {
      update: authorize(actor, { action: 'plan.update', subject }),
      archive: authorize(actor, { action: 'plan.archive', subject }),
      addMeasure: authorize(actor, { action: 'measure.create', subject }),
    },
  };
}

function assertPeriod(from: string, to: string) {
  if (from > to)
    throw new DomainError(
      'validation',
      'plan.period',
      'Начало периода позже его окончания',
      'periodFrom after periodTo',
    );
}

async function assertOwner(tx: Queryable, actor: Actor, orgId: number) {
  const ok = await tx.one(`SELECT 1 FROM organisations WHERE id = $1 AND region_id = $2 AND archived_at IS NULL`, [
    orgId,
    actor.regionId,
  ]);
  if (!ok)
    throw new DomainError(
      'validation',
      'plan.owner',
      'Организация-владелец не найдена в справочнике',
      `owner ${orgId} not found`,
    );
}

/**
 * Creates a plan. Its «контроль с даты» defaults to today once the plan period has begun
 * (an imported or hand-entered plan already under way owes nothing for the time before it
 * was entered), else to the period's start.
 */
export async function createPlan(
  db: Database,
  actor: Actor,
  input: PlanInput,
  opts: { status?: 'draft' | 'active'; source?: string; tx?: Queryable; today?: string } = {},
): Promise<PlanSummary> {
  if (
    !authorize(actor, {
      action: 'plan.create',
      subject: { regionId: actor.regionId, ownerOrganisationId: input.ownerOrganisationId },
    })
  )
    throw forbidden();
  assertPeriod(input.periodFrom, input.periodTo);
  const controlFrom = input.controlFrom ?? defaultControlFrom(input.periodFrom, opts.today ?? todayIso());
  const work = async (tx: Queryable) => {
    await assertOwner(tx, actor, input.ownerOrganisationId);
    // data version: plan
    const r = await tx.one<{ id: number }>(
      `INSERT INTO plans (region_id, kind, title, owner_organisation_id, period_from, period_to, approved_by_name, approved_on, status, reporting_frequency, report_day, control_from)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) RETURNING id`,
      [
        actor.regionId,
        input.kind,
        input.title.trim(),
        input.ownerOrganisationId,
        input.periodFrom,
        input.periodTo,
        input.approvedByName ?? null,
        input.approvedOn ?? null,
        opts.status ?? 'active',
        input.reportingFrequency ?? 'quarter',
        input.reportDay ?? 10,
        controlFrom,
      ],
    );
    await ensurePeriods(tx, r!.id);
    const plan = await summaryOf(tx, r!.id);
    await recordAudit(tx, actor, actor.regionId, {
      action: 'plan.create',
      entityType: 'plan',
      entityId: plan.id,
      planId: plan.id,
      after: plan,
      source: opts.source ?? null,
    });
    return plan;
  };
  return opts.tx ? work(opts.tx) : db.transaction(work);
}

const stalePlan = (id: number, detail: string) =>
  new DomainError(
    'conflict',
    'plan.stale',
    'План уже изменил другой пользователь. Обновите страницу, чтобы увидеть его изменения.',
    `plan ${id}: ${detail}`,
  );

/**
 * Edits a plan's header, or approves a draft (`status: 'active'`). The edit applies only to
 * the `version` the editor saw (required: a write made on a stale view is refused with 409);
 * approval applies only to a draft, so of simultaneous approvals exactly one notifies the
 * executors.
 */
export async function updatePlan(
  db: Database,
  actor: Actor,
  id: number,
  input: Partial<PlanInput> & { status?: 'draft' | 'active'; version: number },
  opts: { today?: string } = {},
): Promise<PlanSummary> {
  return db.transaction(async (tx) => {
    const row = await loadPlanRow(tx, actor, id, { forUpdate: true });
    if (!authorize(actor, { action: 'plan.update', subject: planSubjectOf(row) })) throw forbidden();
    if (Number(row.version) !== input.version)
      throw stalePlan(id, `version ${input.version} is stale (now ${row.version})`);
    if (input.status === 'active' && row.status === 'active') {
      throw new DomainError('conflict', 'plan.already_active', 'План уже утверждён', `plan ${id} is already active`);
    }
    const before = await summaryOf(tx, id);
    // Approving a draft without naming a control start puts it near today (never earlier
    // than the draft had): a plan approved while under way owes nothing for the time before.
    let controlFrom = input.controlFrom ?? null;
    if (!controlFrom && input.status === 'active' && row.status === 'draft') {
      const offered = defaultControlFrom(input.periodFrom ?? before.periodFrom, opts.today ?? todayIso());
      controlFrom = before.controlFrom > offered ? before.controlFrom : offered;
    }
    const from = input.periodFrom ?? before.periodFrom;
    const to = input.periodTo ?? before.periodTo;
    assertPeriod(from, to);
    if (input.ownerOrganisationId !== undefined) {
      await assertOwner(tx, actor, input.ownerOrganisationId);
      if (
        !authorize(actor, {
          action: 'plan.create',
          subject: { regionId: actor.regionId, ownerOrganisationId: input.ownerOrganisationId },
        })
      )
        throw forbidden();
    }
    // Conditional on the version read (the row is locked too, so this is a second guard).
    // data version: plan
    const changed = await tx.query(
      `UPDATE plans SET kind = COALESCE($2, kind), title = COALESCE($3, title), owner_organisation_id = COALESCE($4, owner_organisation_id),
         period_from = $5, period_to = $6,
         approved_by_name = CASE WHEN $7::boolean THEN $8 ELSE approved_by_name END,
         approved_on = CASE WHEN $9::boolean THEN $10::date ELSE approved_on END,
         status = COALESCE($11, status), reporting_frequency = COALESCE($12, reporting_frequency), report_day = COALESCE($13, report_day),
         control_from = COALESCE($14::date, control_from),
         version = version + 1, updated_at = now()
       WHERE id = $1 AND version = $15 RETURNING id`,
      [
        id,
        input.kind ?? null,
        input.title?.trim() ?? null,
        input.ownerOrganisationId ?? null,
        from,
        to,
        input.approvedByName !== undefined,
        input.approvedByName ?? null,
        input.approvedOn !== undefined,
        input.approvedOn ?? null,
        input.status ?? null,
        input.reportingFrequency ?? null,
        input.reportDay ?? null,
        controlFrom,
        row.version,
      ],
    );
    if (changed.length !== 1) throw stalePlan(id, 'changed meanwhile');
    const after = await summaryOf(tx, id);
    // Control dates are expanded over the plan period: a new period means new dates.
    if (after.periodFrom !== before.periodFrom || after.periodTo !== before.periodTo || after.kind !== before.kind) {
      await ensurePeriods(tx, id);
      await regenerateControlPoints(tx, { planId: id });
    } else if (after.reportingFrequency !== before.reportingFrequency || after.reportDay !== before.reportDay) {
      // New periods or report days: the owed reports and their due days follow.
      await ensurePeriods(tx, id);
      await syncExecution(tx, { planId: id });
    } else if (after.controlFrom !== before.controlFrom) {
      // A new control start: reports owed before it go (untouched ones), open dates follow.
      await syncExecution(tx, { planId: id });
    }
    if (before.status === 'draft' && after.status === 'active') await notifyPlanActivated(tx, actor, id);
    await recordAudit(tx, actor, actor.regionId, {
      action: 'plan.update',
      entityType: 'plan',
      entityId: id,
      planId: id,
      before,
      after,
    });
    return after;
  });
}

export interface PeriodView extends ReportingPeriod {
  id: number;
  reports: number;
  written: number;
}

/** The plan's reporting periods, with how many reports each holds (owed, and written). */
export async function listPeriods(db: Queryable, actor: Actor, planId: number): Promise<PeriodView[]> {
  await loadReadablePlan(db, actor, planId);
  return periodsOf(db, planId);
}

/**
 * `written` counts what a period change must keep (the same rule replacePeriods applies),
 * so the UI offers to remove exactly the periods the server would let go.
 */
async function periodsOf(db: Queryable, planId: number): Promise<PeriodView[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT rp.id, rp.label, rp.starts_on::text AS starts_on, rp.ends_on::text AS ends_on, rp.report_due::text AS report_due,
            count(r.id)::int AS reports, count(r.id) FILTER (WHERE NOT ${untouched('r')})::int AS written
     FROM reporting_periods rp LEFT JOIN reports r ON r.period_id = rp.id
     WHERE rp.plan_id = $1 GROUP BY rp.id ORDER BY rp.starts_on`,
    [planId],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    label: String(r.label),
    startsOn: String(r.starts_on),
    endsOn: String(r.ends_on),
    reportDue: String(r.report_due),
    reports: Number(r.reports),
    written: Number(r.written),
  }));
}

/**
 * Sets the plan's reporting periods by hand («I полугодие», «9 месяцев», a council's own
 * dates) and switches the plan to 'custom' periods. Owed reports follow at once; a period
 * that holds written reports cannot be removed (it can be renamed or moved by its id).
 */
export async function setCustomPeriods(
  db: Database,
  actor: Actor,
  planId: number,
  items: (ReportingPeriod & { id?: number })[],
): Promise<PeriodView[]> {
  return db.transaction(async (tx) => {
    const row = await loadPlanRow(tx, actor, planId, { forUpdate: true });
    if (!authorize(actor, { action: 'plan.update', subject: planSubjectOf(row) })) throw forbidden();
    const plan = await summaryOf(tx, planId);
    const valid = validateCustomPeriods(items, plan.periodFrom, plan.periodTo);
    const before = await periodsOf(tx, planId);
    await replacePeriods(tx, planId, valid);
    // data version: plan
    await tx.query(
      `UPDATE plans SET reporting_frequency = 'custom', version = version + 1, updated_at = now() WHERE id = $1`,
      [planId],
    );
    await syncExecution(tx, { planId });
    const after = await periodsOf(tx, planId);
    await recordAudit(tx, actor, actor.regionId, {
      action: 'plan.periods_set',
      entityType: 'plan',
      entityId: planId,
      planId,
      before: { frequency: plan.reportingFrequency, periods: before },
      after: { frequency: 'custom', periods: after },
    });
    return after;
  });
}

const alreadyArchived = (id: number) =>
  new DomainError('conflict', 'plan.archived', 'План уже в архиве', `plan ${id} already archived`);

export async function archivePlan(db: Database, actor: Actor, id: number): Promise<PlanSummary> {
  return db.transaction(async (tx) => {
    const row = await loadPlanRow(tx, actor, id);
    if (row.status === 'archived') throw alreadyArchived(id);
    if (!authorize(actor, { action: 'plan.archive', subject: planSubjectOf(row) })) throw forbidden();
    const before = await summaryOf(tx, id);
    // Conditional on the state read: of simultaneous archivings one applies, the rest are told.
    // data version: plan
    const changed = await tx.query(
      `UPDATE plans SET status = 'archived', version = version + 1, updated_at = now() WHERE id = $1 AND status <> 'archived' RETURNING id`,
      [id],
    );
    if (changed.length !== 1) throw alreadyArchived(id);
    const after = await summaryOf(tx, id);
    await recordAudit(tx, actor, actor.regionId, {
      action: 'plan.archive',
      entityType: 'plan',
      entityId: id,
      planId: id,
      before,
      after,
    });
    return after;
  });
}

// ---- sections ----

function duplicateSection(e: unknown): never {
  if (e && typeof e === 'object' && 'code' in e && (e as { code: string }).code === '23505') {
    throw new DomainError(
      'conflict',
      'section.duplicate',
      'Раздел с таким номером уже есть в плане',
      'duplicate section number',
    );
  }
  throw e;
}

export async function createSection(
  db: Database,
  actor: Actor,
  planId: number,
  input: { number: string; title: string },
  tx0?: Queryable,
) {
  const work = async (tx: Queryable) => {
    const row = await loadPlanRow(tx, actor, planId);
    if (!authorize(actor, { action: 'plan.update', subject: planSubjectOf(row) })) throw forbidden();
    // data version: plan
    const r = await tx
      .one<SectionRow>(
        `INSERT INTO sections (plan_id, number, title, position)
       VALUES ($1, $2, $3, (SELECT coalesce(max(position), 0) + 1 FROM sections WHERE plan_id = $1)) RETURNING id, plan_id, number, title, position`,
        [planId, input.number.trim(), input.title.trim()],
      )
      .catch(duplicateSection);
    const section = presentSection(r!);
    await recordAudit(tx, actor, actor.regionId, {
      action: 'section.create',
      entityType: 'section',
      entityId: section.id,
      planId,
      after: section,
    });
    return section;
  };
  return tx0 ? work(tx0) : db.transaction(work);
}

async function loadSection(tx: Queryable, actor: Actor, id: number) {
  const s = await tx.one<SectionRow>(
    `SELECT s.id, s.plan_id, s.number, s.title, s.position FROM sections s JOIN plans p ON p.id = s.plan_id WHERE s.id = $1 AND p.region_id = $2`,
    [id, actor.regionId],
  );
  if (!s) throw notFound('Раздел не найден', `section ${id} not found`);
  const plan = await loadPlanRow(tx, actor, Number(s.plan_id));
  if (!authorize(actor, { action: 'plan.update', subject: planSubjectOf(plan) })) throw forbidden();
  return presentSection(s);
}

export async function updateSection(
  db: Database,
  actor: Actor,
  id: number,
  input: { number?: string; title?: string },
) {
  return db.transaction(async (tx) => {
    const before = await loadSection(tx, actor, id);
    // data version: plan
    const r = await tx
      .one<SectionRow>(
        `UPDATE sections SET number = COALESCE($2, number), title = COALESCE($3, title) WHERE id = $1 RETURNING id, plan_id, number, title, position`,
        [id, input.number?.trim() ?? null, input.title?.trim() ?? null],
      )
      .catch(duplicateSection);
    const after = presentSection(r!);
    // A council protocol's date is the event its instructions' relative deadlines count from.
    if (after.number !== before.number) {
      const ids = (await tx.query<{ id: number }>(`SELECT id FROM measures WHERE section_id = $1`, [id])).map((m) =>
        Number(m.id),
      );
      await regenerateControlPoints(tx, { measureIds: ids });
    }
    await recordAudit(tx, actor, actor.regionId, {
      action: 'section.update',
      entityType: 'section',
      entityId: id,
      planId: before.planId,
      before,
      after,
    });
    return after;
  });
}

export async function deleteSection(db: Database, actor: Actor, id: number) {
  await db.transaction(async (tx) => {
    // Locked first: a simultaneous removal waits and then finds nothing (404), and a
    // measure being added to the section (which reads it FOR KEY SHARE) waits for the answer.
    await tx.query(`SELECT id FROM sections WHERE id = $1 FOR UPDATE`, [id]);
    const before = await loadSection(tx, actor, id);
    const used = await tx.one<{ n: number }>(
      `SELECT count(*)::int AS n FROM measures WHERE section_id = $1 AND archived_at IS NULL`,
      [id],
    );
    if (used!.n > 0)
      throw new DomainError(
        'conflict',
        'section.not_empty',
        `Нельзя удалить раздел: в нём ${used!.n} мероприятий`,
        'section has measures',
      );
    // Archived measures of the section lose it: ON DELETE SET NULL (migration 0024).
    // data version: plan
    await tx.query(`DELETE FROM sections WHERE id = $1`, [id]);
    await recordAudit(tx, actor, actor.regionId, {
      action: 'section.delete',
      entityType: 'section',
      entityId: id,
      planId: before.planId,
      before,
    });
  });
}

/** The uploaded document a plan was saved from (imports); the caller authorized the plan's creation. */
export async function setPlanSourceFile(tx: Queryable, planId: number, fileId: number): Promise<void> {
  // data version: plan
  await tx.query(`UPDATE plans SET source_file_id = $2 WHERE id = $1`, [planId, fileId]);
}
