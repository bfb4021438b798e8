/**
 * Target indicators of a plan (issue 13): kept from an import or entered by hand, edited by the
 * plan's managers; facts reported per period (and per breakdown unit) by the organisations that
 * answer for them, accepted or returned by the managers. Computed indicators (share, sum over
 * units) take their values from their components at read time and refuse typed figures.
 * Every write is one transaction with its audit record; edits are conditional on `version`.
 */
import type { Database, Queryable } from '../../db/database.js';
import { DomainError, forbidden, notFound } from '../../domain/errors.js';
import {
  computeShare,
  planAgainstFact,
  sumOverUnits,
  type IndicatorBreakdown,
  type IndicatorComputation,
  type IndicatorDirection,
  type PlanFactRow,
  type UnitValue,
} from '../../domain/indicators/index.js';
import { authorize, type Actor, type IndicatorSubject } from '../../domain/policy/authorize.js';
import { recordAudit } from '../audit/index.js';
import { loadPlanRow, mayReadPlan, planSubjectOf, type PlanRow } from '../plans/index.js';

export interface TargetInput {
  year: number;
  quarter: number;
  value: number | null;
  valueText?: string;
}

export interface IndicatorInput {
  number: string;
  name: string;
  unit?: string;
  direction?: IndicatorDirection;
  baseValue?: number | null;
  basePeriod?: string;
  source?: string;
  method?: string;
  breakdown?: IndicatorBreakdown;
  computation?: IndicatorComputation;
  numeratorId?: number | null;
  denominatorId?: number | null;
  targets?: TargetInput[];
  responsibleIds?: number[];
}

export interface FactInput {
  year: number;
  quarter: number;
  unitOrganisationId: number | null;
  value: number;
  comment?: string;
  evidenceUrl?: string | null;
  /** The version of the figure being replaced; omitted for a new one. */
  version?: number;
}

interface IndicatorRow {
  id: number;
  region_id: number;
  plan_id: number;
  number: string;
  name: string;
  unit: string;
  direction: IndicatorDirection;
  base_value: number | null;
  base_period: string;
  source: string;
  method: string;
  breakdown: IndicatorBreakdown;
  computation: IndicatorComputation;
  numerator_id: number | null;
  denominator_id: number | null;
  position: number;
  version: number;
}

interface FactRow {
  id: number;
  indicator_id: number;
  year: number;
  quarter: number;
  unit_organisation_id: number | null;
  unit_short: string | null;
  unit_full: string | null;
  value: number;
  comment: string;
  evidence_url: string | null;
  state: 'submitted' | 'accepted' | 'returned';
  review_comment: string;
  version: number;
  updated_at: string;
}

const INDICATOR_COLUMNS = `id, region_id, plan_id, number, name, unit, direction, base_value, base_period, source, method,
  breakdown, computation, numerator_id, denominator_id, position, version`;

const FACT_SELECT = `SELECT f.id, f.indicator_id, f.year, f.quarter, f.unit_organisation_id, o.short_name AS unit_short,
    o.full_name AS unit_full, f.value, f.comment, f.evidence_url, f.state, f.review_comment, f.version, f.updated_at
  FROM indicator_facts f LEFT JOIN organisations o ON o.id = f.unit_organisation_id`;

type OrgName = { id: number; shortName: string; fullName: string };

interface Loaded {
  plan: PlanRow;
  rows: IndicatorRow[];
  targets: Map<number, { year: number; quarter: number; value: number | null; valueText: string }[]>;
  responsibles: Map<number, OrgName[]>;
  facts: Map<number, FactRow[]>;
}

async function loadPlanIndicators(db: Queryable, plan: PlanRow, ids?: number[]): Promise<Loaded> {
  const rows = await db.query<IndicatorRow>(
    `SELECT ${INDICATOR_COLUMNS} FROM indicators WHERE plan_id = $1 AND archived_at IS NULL ORDER BY position, id`,
    [plan.id],
  );
  const all = rows.map((r) => r.id);
  const wanted = ids ?? all;
  const targets = new Map<number, { year: number; quarter: number; value: number | null; valueText: string }[]>();
  const responsibles = new Map<number, OrgName[]>();
  const facts = new Map<number, FactRow[]>();
  if (all.length === 0) return { plan, rows, targets, responsibles, facts };
  for (const t of await db.query<{
    indicator_id: number;
    year: number;
    quarter: number;
    value: number | null;
    value_text: string;
  }>(
    `SELECT indicator_id, year, quarter, value, value_text FROM indicator_targets WHERE indicator_id = ANY($1::int[]) ORDER BY year, quarter`,
    [wanted],
  ))
    push(targets, t.indicator_id, {
      year: t.year,
      quarter: Number(t.quarter),
      value: t.value == null ? null : Number(t.value),
      valueText: t.value_text,
    });
  for (const r of await db.query<{ indicator_id: number; id: number; short_name: string; full_name: string }>(
    `SELECT ir.indicator_id, o.id, o.short_name, o.full_name FROM indicator_responsibles ir
     JOIN organisations o ON o.id = ir.organisation_id WHERE ir.indicator_id = ANY($1::int[]) ORDER BY ir.indicator_id, ir.position`,
    [all],
  ))
    push(responsibles, r.indicator_id, { id: r.id, shortName: r.short_name, fullName: r.full_name });
  // Facts of every indicator of the plan: a computed one needs its components' figures.
  for (const f of await db.query<FactRow>(
    `${FACT_SELECT} WHERE f.indicator_id = ANY($1::int[]) ORDER BY f.year, f.quarter, o.short_name NULLS FIRST`,
    [all],
  ))
    push(facts, f.indicator_id, { ...f, quarter: Number(f.quarter), value: Number(f.value) });
  return { plan, rows, targets, responsibles, facts };
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V) {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/** The figures an indicator stands at: reported (not returned) or computed from its components. */
function valuesOf(l: Loaded, row: IndicatorRow, depth = 0): UnitValue[] {
  if (row.computation === 'share' && depth < 3) {
    const num = l.rows.find((r) => r.id === row.numerator_id);
    const den = l.rows.find((r) => r.id === row.denominator_id);
    if (!num || !den) return [];
    return computeShare(valuesOf(l, num, depth + 1), valuesOf(l, den, depth + 1));
  }
  const reported = (l.facts.get(row.id) ?? [])
    .filter((f) => f.state !== 'returned')
    .map((f) => ({ year: f.year, quarter: f.quarter, unitId: f.unit_organisation_id, value: f.value }));
  return row.computation === 'sum' ? sumOverUnits(reported) : reported;
}

function subjectOf(l: Loaded, row: IndicatorRow, hasOwnMeasures?: boolean): IndicatorSubject {
  return {
    regionId: row.region_id,
    plan: { ...planSubjectOf(l.plan), hasOwnMeasures },
    responsibleOrganisationIds: (l.responsibles.get(row.id) ?? []).map((o) => o.id),
  };
}

function present(actor: Actor, l: Loaded, row: IndicatorRow) {
  const values = valuesOf(l, row);
  const subject = subjectOf(l, row);
  const targets = l.targets.get(row.id) ?? [];
  const planFact: PlanFactRow[] = planAgainstFact({
    direction: row.direction,
    baseValue: row.base_value == null ? null : Number(row.base_value),
    targets,
    facts: values.filter((v) => v.unitId == null),
  });
  return {
    id: row.id,
    planId: row.plan_id,
    number: row.number,
    name: row.name,
    unit: row.unit,
    direction: row.direction,
    baseValue: row.base_value == null ? null : Number(row.base_value),
    basePeriod: row.base_period,
    source: row.source,
    method: row.method,
    breakdown: row.breakdown,
    computation: row.computation,
    numeratorId: row.numerator_id,
    denominatorId: row.denominator_id,
    position: row.position,
    version: row.version,
    targets,
    responsibles: l.responsibles.get(row.id) ?? [],
    planFact,
    abilities: {
      update: authorize(actor, { action: 'indicator.manage', subject: planSubjectOf(l.plan) }),
      review: authorize(actor, { action: 'indicator.review', subject: planSubjectOf(l.plan) }),
      report:
        row.computation !== 'share' &&
        authorize(actor, { action: 'indicator.report', subject: { ...subject, unitOrganisationId: null } }),
    },
  };
}

export type IndicatorView = ReturnType<typeof present>;

/** Is the actor's organisation a municipality (a unit of every indicator broken down by municipality)? */
async function actorIsMunicipality(db: Queryable, actor: Actor): Promise<boolean> {
  const o = await db.one<{ kind: string }>(`SELECT kind FROM organisations WHERE id = $1`, [actor.organisationId]);
  return o?.kind === 'municipality';
}

async function readable(db: Queryable, actor: Actor, l: Loaded, row: IndicatorRow, planReadable?: boolean) {
  if (planReadable) return true;
  const actorIsUnit = row.breakdown === 'municipality' && (await actorIsMunicipality(db, actor));
  return authorize(actor, { action: 'indicator.read', subject: { ...subjectOf(l, row, false), actorIsUnit } });
}

/** The plan's indicators the actor may see, each with its plan against fact. */
export async function listPlanIndicators(db: Queryable, actor: Actor, planId: number): Promise<IndicatorView[]> {
  const plan = await loadPlanRow(db, actor, planId);
  const planReadable = await mayReadPlan(db, actor, plan);
  const l = await loadPlanIndicators(db, plan);
  const out: IndicatorView[] = [];
  for (const row of l.rows) if (await readable(db, actor, l, row, planReadable)) out.push(present(actor, l, row));
  if (!planReadable && out.length === 0) throw forbidden();
  return out;
}

async function loadIndicatorRow(db: Queryable, actor: Actor, id: number, forUpdate = false): Promise<IndicatorRow> {
  const row = await db.one<IndicatorRow>(
    `SELECT ${INDICATOR_COLUMNS} FROM indicators WHERE id = $1 AND region_id = $2 AND archived_at IS NULL${forUpdate ? ' FOR UPDATE' : ''}`,
    [id, actor.regionId],
  );
  if (!row) throw notFound('Показатель не найден', `indicator ${id} not found`);
  return row;
}

/** The units a breakdown reports by: the region's municipalities, or the responsible organisations. */
async function unitsOf(db: Queryable, actor: Actor, l: Loaded, row: IndicatorRow): Promise<OrgName[]> {
  if (row.breakdown === 'total') return [];
  if (row.breakdown === 'organisation') return l.responsibles.get(row.id) ?? [];
  const rows = await db.query<{ id: number; short_name: string; full_name: string }>(
    `SELECT id, short_name, full_name FROM organisations WHERE region_id = $1 AND kind = 'municipality' AND archived_at IS NULL ORDER BY short_name`,
    [actor.regionId],
  );
  return rows.map((r) => ({ id: r.id, shortName: r.short_name, fullName: r.full_name }));
}

/** One indicator with its facts, the figures it stands at and the units it is reported by. */
export async function getIndicator(db: Queryable, actor: Actor, id: number) {
  const head = await loadIndicatorRow(db, actor, id);
  const plan = await loadPlanRow(db, actor, head.plan_id);
  const l = await loadPlanIndicators(db, plan);
  const row = l.rows.find((r) => r.id === id)!;
  const planReadable = await mayReadPlan(db, actor, plan);
  if (!(await readable(db, actor, l, row, planReadable))) throw forbidden();
  const view = present(actor, l, row);
  const subject = subjectOf(l, row);
  // A unit that reads only as a unit (a municipality) sees its own rows and the region's total.
  const onlyOwn = !planReadable && !subject.responsibleOrganisationIds.includes(actor.organisationId);
  const own = (unitId: number | null) => !onlyOwn || unitId == null || unitId === actor.organisationId;
  const units = await unitsOf(db, actor, l, row);
  return {
    ...view,
    planTitle: plan.title,
    planPeriod: { from: plan.period_from, to: plan.period_to },
    units: units.filter((u) => own(u.id)),
    /** Units whose row the actor may enter (all of them for the responsible executor). */
    reportableUnitIds:
      row.computation === 'share'
        ? []
        : units
            .filter((u) =>
              authorize(actor, { action: 'indicator.report', subject: { ...subject, unitOrganisationId: u.id } }),
            )
            .map((u) => u.id),
    values: valuesOf(l, row)
      .filter((v) => own(v.unitId))
      .map((v) => ({ ...v, computed: row.computation !== 'reported' && v.unitId == null })),
    facts: (l.facts.get(row.id) ?? []).filter((f) => own(f.unit_organisation_id)).map(presentFact),
    components: [row.numerator_id, row.denominator_id]
      .map((cid) => l.rows.find((r) => r.id === cid))
      .filter((r): r is IndicatorRow => r != null)
      .map((r) => ({ id: r.id, number: r.number, name: r.name, unit: r.unit })),
  };
}

function presentFact(f: FactRow) {
  return {
    id: f.id,
    indicatorId: f.indicator_id,
    year: f.year,
    quarter: Number(f.quarter),
    unit:
      f.unit_organisation_id == null
        ? null
        : { id: f.unit_organisation_id, shortName: f.unit_short!, fullName: f.unit_full! },
    value: Number(f.value),
    comment: f.comment,
    evidenceUrl: f.evidence_url,
    state: f.state,
    reviewComment: f.review_comment,
    version: f.version,
    updatedAt: new Date(f.updated_at).toISOString(),
  };
}

function invalid(code: string, ru: string, en: string) {
  return new DomainError('validation', `indicator.${code}`, ru, en);
}

const yearOf = (d: string) => Number(d.slice(0, 4));

/** Checks what neither the schema nor the database can: years in the plan, components of a share. */
async function checkInput(tx: Queryable, plan: PlanRow, input: IndicatorInput, selfId: number | null) {
  const seen = new Set<string>();
  for (const t of input.targets ?? []) {
    const k = `${t.year}:${t.quarter}`;
    if (seen.has(k))
      throw invalid(
        'target_twice',
        `Плановое значение на ${periodRu(t.year, t.quarter)} указано дважды`,
        `duplicate target ${k}`,
      );
    seen.add(k);
  }
  const computation = input.computation ?? 'reported';
  if (computation === 'sum' && (input.breakdown ?? 'total') === 'total')
    throw invalid(
      'sum_needs_breakdown',
      'Сумма считается по муниципальным образованиям или организациям: выберите разбивку',
      'sum without breakdown',
    );
  if (computation === 'share') {
    if (input.numeratorId == null || input.denominatorId == null)
      throw invalid(
        'share_components',
        'Для доли укажите показатели числителя и знаменателя',
        'share without numerator/denominator',
      );
    for (const cid of [input.numeratorId, input.denominatorId]) {
      const c = await tx.one<{ computation: string }>(
        `SELECT computation FROM indicators WHERE id = $1 AND plan_id = $2 AND archived_at IS NULL`,
        [cid, plan.id],
      );
      if (!c || cid === selfId)
        throw invalid(
          'share_component_unknown',
          'Числитель и знаменатель должны быть другими показателями этого плана',
          `component ${cid} not in plan ${plan.id}`,
        );
      if (c.computation === 'share')
        throw invalid(
          'share_of_share',
          'Числитель и знаменатель доли не могут сами быть долями',
          `component ${cid} is a share`,
        );
    }
  } else if (input.numeratorId != null || input.denominatorId != null) {
    throw invalid(
      'components_not_share',
      'Числитель и знаменатель указываются только для доли',
      'components on a non-share',
    );
  }
  for (const oid of input.responsibleIds ?? []) {
    const o = await tx.one(`SELECT 1 FROM organisations WHERE id = $1 AND region_id = $2 AND archived_at IS NULL`, [
      oid,
      plan.region_id,
    ]);
    if (!o)
      throw invalid('responsible_unknown', 'Ответственная организация не найдена в справочнике', `org ${oid} missing`);
  }
  void yearOf;
}

function duplicateNumber(number: string) {
  return (e: unknown) => {
    if ((e as { code?: string }).code === '23505')
      throw new DomainError(
        'conflict',
        'indicator.number_taken',
        `Показатель № ${number} в этом плане уже есть`,
        `duplicate indicator number ${number}`,
      );
    throw e;
  };
}

async function writeTargets(tx: Queryable, id: number, targets: TargetInput[]) {
  await tx.query(`DELETE FROM indicator_targets WHERE indicator_id = $1`, [id]);
  if (targets.length === 0) return;
  await tx.query(
    `INSERT INTO indicator_targets (indicator_id, year, quarter, value, value_text)
     SELECT $1, u.year, u.quarter, u.value, u.value_text FROM unnest($2::int[], $3::int[], $4::float8[], $5::text[]) AS u(year, quarter, value, value_text)`,
    [
      id,
      targets.map((t) => t.year),
      targets.map((t) => t.quarter),
      targets.map((t) => t.value),
      targets.map((t) => (t.valueText ?? '').trim()),
    ],
  );
}

async function writeResponsibles(tx: Queryable, id: number, orgIds: number[]) {
  await tx.query(`DELETE FROM indicator_responsibles WHERE indicator_id = $1`, [id]);
  const unique = [...new Set(orgIds)];
  if (unique.length === 0) return;
  await tx.query(
    `INSERT INTO indicator_responsibles (indicator_id, organisation_id, position)
     SELECT $1, u.org, u.pos FROM unnest($2::int[], $3::int[]) AS u(org, pos)`,
    [id, unique, unique.map((_, i) => i + 1)],
  );
}

async function insertIndicator(tx: Queryable, plan: PlanRow, input: IndicatorInput): Promise<number> {
  const r = await tx
    .one<{ id: number }>(
      `INSERT INTO indicators (region_id, plan_id, number, name, unit, direction, base_value, base_period, source, method,
         breakdown, computation, numerator_id, denominator_id, position)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,
         (SELECT coalesce(max(position), 0) + 1 FROM indicators WHERE plan_id = $2)) RETURNING id`,
      [
        plan.region_id,
        plan.id,
        input.number.trim(),
        input.name.trim(),
        (input.unit ?? '').trim(),
        input.direction ?? 'up',
        input.baseValue ?? null,
        (input.basePeriod ?? '').trim(),
        (input.source ?? '').trim(),
        (input.method ?? '').trim(),
        input.breakdown ?? 'total',
        input.computation ?? 'reported',
        input.numeratorId ?? null,
        input.denominatorId ?? null,
      ],
    )
    .catch(duplicateNumber(input.number.trim()));
  await writeTargets(tx, r!.id, input.targets ?? []);
  await writeResponsibles(tx, r!.id, input.responsibleIds ?? []);
  return r!.id;
}

async function viewOne(tx: Queryable, actor: Actor, plan: PlanRow, id: number): Promise<IndicatorView> {
  const l = await loadPlanIndicators(tx, plan);
  return present(
    actor,
    l,
    l.rows.find((r) => r.id === id)!,
  );
}

/** A new indicator of a plan, by its managers. */
export async function createIndicator(
  db: Database,
  actor: Actor,
  planId: number,
  input: IndicatorInput,
): Promise<IndicatorView> {
  return db.transaction(async (tx) => {
    const plan = await loadPlanRow(tx, actor, planId, { forUpdate: true });
    if (!authorize(actor, { action: 'indicator.manage', subject: planSubjectOf(plan) })) throw forbidden();
    await checkInput(tx, plan, input, null);
    const id = await insertIndicator(tx, plan, input);
    const view = await viewOne(tx, actor, plan, id);
    await recordAudit(tx, actor, actor.regionId, {
      action: 'indicator.create',
      entityType: 'indicator',
      entityId: id,
      planId,
      after: auditShape(view),
    });
    return view;
  });
}

const auditShape = (v: IndicatorView) => ({
  number: v.number,
  name: v.name,
  unit: v.unit,
  direction: v.direction,
  baseValue: v.baseValue,
  basePeriod: v.basePeriod,
  source: v.source,
  method: v.method,
  breakdown: v.breakdown,
  computation: v.computation,
  targets: v.targets,
  responsibles: v.responsibles.map((o) => o.shortName),
});

/** Changes an indicator; a stale `version` gets 409. Targets and responsibles, when given, replace the old. */
export async function updateIndicator(
  db: Database,
  actor: Actor,
  id: number,
  patch: Partial<IndicatorInput> & { version: number },
): Promise<IndicatorView> {
  return db.transaction(async (tx) => {
    const row = await loadIndicatorRow(tx, actor, id, true);
    const plan = await loadPlanRow(tx, actor, row.plan_id);
    if (!authorize(actor, { action: 'indicator.manage', subject: planSubjectOf(plan) })) throw forbidden();
    const before = await viewOne(tx, actor, plan, id);
    const merged: IndicatorInput = {
      number: patch.number ?? row.number,
      name: patch.name ?? row.name,
      unit: patch.unit ?? row.unit,
      direction: patch.direction ?? row.direction,
      baseValue: patch.baseValue !== undefined ? patch.baseValue : row.base_value,
      basePeriod: patch.basePeriod ?? row.base_period,
      source: patch.source ?? row.source,
      method: patch.method ?? row.method,
      breakdown: patch.breakdown ?? row.breakdown,
      computation: patch.computation ?? row.computation,
      numeratorId: patch.numeratorId !== undefined ? patch.numeratorId : row.numerator_id,
      denominatorId: patch.denominatorId !== undefined ? patch.denominatorId : row.denominator_id,
      targets: patch.targets,
      responsibleIds: patch.responsibleIds,
    };
    if (merged.computation !== 'share') {
      merged.numeratorId = null;
      merged.denominatorId = null;
    }
    await checkInput(tx, plan, merged, id);
    if (merged.computation === 'share' && row.computation !== 'share') {
      const used = await tx.one(`SELECT 1 FROM indicator_facts WHERE indicator_id = $1 LIMIT 1`, [id]);
      if (used)
        throw new DomainError(
          'conflict',
          'indicator.has_facts',
          'По показателю уже внесены значения: вычисляемым его сделать нельзя',
          `indicator ${id} has facts`,
        );
    }
    const done = await tx
      .query(
        `UPDATE indicators SET number = $3, name = $4, unit = $5, direction = $6, base_value = $7, base_period = $8,
           source = $9, method = $10, breakdown = $11, computation = $12, numerator_id = $13, denominator_id = $14,
           version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $2 AND archived_at IS NULL RETURNING id`,
        [
          id,
          patch.version,
          merged.number.trim(),
          merged.name.trim(),
          (merged.unit ?? '').trim(),
          merged.direction,
          merged.baseValue ?? null,
          (merged.basePeriod ?? '').trim(),
          (merged.source ?? '').trim(),
          (merged.method ?? '').trim(),
          merged.breakdown,
          merged.computation,
          merged.numeratorId ?? null,
          merged.denominatorId ?? null,
        ],
      )
      .catch(duplicateNumber(merged.number.trim()));
    if (done.length !== 1) throw stale();
    if (patch.targets) await writeTargets(tx, id, patch.targets);
    if (patch.responsibleIds) await writeResponsibles(tx, id, patch.responsibleIds);
    const after = await viewOne(tx, actor, plan, id);
    await recordAudit(tx, actor, actor.regionId, {
      action: 'indicator.update',
      entityType: 'indicator',
      entityId: id,
      planId: plan.id,
      before: auditShape(before),
      after: auditShape(after),
    });
    return after;
  });
}

const stale = () =>
  new DomainError(
    'conflict',
    'indicator.stale',
    'Данные изменились, пока вы их редактировали: обновите страницу',
    'stale version',
  );

/** Removes an indicator from its plan (kept archived with its facts); refused while a share uses it. */
export async function archiveIndicator(db: Database, actor: Actor, id: number) {
  return db.transaction(async (tx) => {
    const row = await loadIndicatorRow(tx, actor, id, true);
    const plan = await loadPlanRow(tx, actor, row.plan_id);
    if (!authorize(actor, { action: 'indicator.manage', subject: planSubjectOf(plan) })) throw forbidden();
    const user = await tx.one<{ number: string }>(
      `SELECT number FROM indicators WHERE (numerator_id = $1 OR denominator_id = $1) AND archived_at IS NULL LIMIT 1`,
      [id],
    );
    if (user)
      throw new DomainError(
        'conflict',
        'indicator.in_use',
        `Показатель используется в расчёте показателя № ${user.number}`,
        `indicator ${id} is a component`,
      );
    const done = await tx.query(
      `UPDATE indicators SET archived_at = now(), version = version + 1, updated_at = now() WHERE id = $1 AND archived_at IS NULL RETURNING id`,
      [id],
    );
    if (done.length !== 1) throw stale();
    await recordAudit(tx, actor, actor.regionId, {
      action: 'indicator.archive',
      entityType: 'indicator',
      entityId: id,
      planId: plan.id,
      before: { number: row.number, name: row.name },
    });
    return { ok: true as const };
  });
}

/**
 * Saves an imported plan's indicators, inside the import's transaction (the caller has checked
 * that the actor may create the plan). A number the document repeats gets a suffix («1-2»).
 */
export async function saveImportedIndicators(
  tx: Queryable,
  actor: Actor,
  planId: number,
  drafts: IndicatorInput[],
  source: string,
): Promise<number> {
  if (drafts.length === 0) return 0;
  const plan = await loadPlanRow(tx, actor, planId);
  const used = new Set<string>();
  let n = 0;
  for (const [i, d] of drafts.entries()) {
    let number = d.number.trim() || String(i + 1);
    for (let k = 2; used.has(number); k++) number = `${d.number.trim() || i + 1}-${k}`;
    used.add(number);
    if (!d.name.trim())
      throw invalid('empty_name', `Показатель № ${number}: не указано наименование`, 'empty indicator name');
    const input = { ...d, number, computation: 'reported' as const, numeratorId: null, denominatorId: null };
    await checkInput(tx, plan, input, null);
    const id = await insertIndicator(tx, plan, input);
    await recordAudit(tx, actor, actor.regionId, {
      action: 'indicator.imported',
      entityType: 'indicator',
      entityId: id,
      planId,
      after: { number, name: d.name, unit: d.unit ?? '', baseValue: d.baseValue ?? null, targets: d.targets ?? [] },
      source,
    });
    n++;
  }
  return n;
}

const QUARTER_RU = ['', 'I', 'II', 'III', 'IV'];
/** «2025 г.», «II кв. 2025 г.». */
export const periodRu = (year: number, quarter: number) =>
  quarter === 0 ? `${year} г.` : `${QUARTER_RU[quarter]} кв. ${year} г.`;

/**
 * Enters (or replaces) a figure for a period and unit. The responsible executor enters any
 * unit's row; a unit its own. A figure already accepted is changed only by the plan's managers.
 */
export async function saveFact(db: Database, actor: Actor, indicatorId: number, input: FactInput) {
  return db.transaction(async (tx) => {
    const row = await loadIndicatorRow(tx, actor, indicatorId, true);
    const plan = await loadPlanRow(tx, actor, row.plan_id);
    const l = await loadPlanIndicators(tx, plan, [row.id]);
    const subject = { ...subjectOf(l, row), unitOrganisationId: input.unitOrganisationId };
    if (!authorize(actor, { action: 'indicator.report', subject })) throw forbidden();
    if (row.computation === 'share')
      throw invalid(
        'computed',
        'Значение этого показателя вычисляется из числителя и знаменателя — вносить его не нужно',
        'fact on a share',
      );
    if (row.breakdown === 'total' && input.unitOrganisationId != null)
      throw invalid('no_breakdown', 'Показатель ведётся только в целом по региону', 'unit on a total-only indicator');
    if (row.breakdown !== 'total') {
      if (input.unitOrganisationId == null)
        throw invalid(
          row.computation === 'sum' ? 'computed_total' : 'unit_required',
          row.computation === 'sum'
            ? 'Итог по региону вычисляется как сумма — внесите значения по муниципальным образованиям'
            : 'Укажите, к какому муниципальному образованию или организации относится значение',
          'total fact on a breakdown indicator',
        );
      const units = await unitsOf(tx, actor, l, row);
      if (!units.some((u) => u.id === input.unitOrganisationId))
        throw invalid(
          'unit_unknown',
          'Эта организация не входит в разбивку показателя',
          `unit ${input.unitOrganisationId} not a unit`,
        );
    }
    if (input.year < yearOf(plan.period_from) || input.year > yearOf(plan.period_to))
      throw invalid(
        'year_outside',
        `Год ${input.year} вне срока действия плана (${yearOf(plan.period_from)}–${yearOf(plan.period_to)})`,
        `year ${input.year} outside the plan`,
      );
    const manager = authorize(actor, { action: 'indicator.review', subject: planSubjectOf(plan) });
    const existing = await tx.one<{ id: number; version: number; state: string; value: number; comment: string }>(
      `SELECT id, version, state, value, comment FROM indicator_facts
       WHERE indicator_id = $1 AND year = $2 AND quarter = $3 AND coalesce(unit_organisation_id, 0) = coalesce($4::int, 0) FOR UPDATE`,
      [row.id, input.year, input.quarter, input.unitOrganisationId],
    );
    let factId: number;
    if (existing) {
      if (input.version !== existing.version) throw stale();
      if (existing.state === 'accepted' && !manager)
        throw new DomainError(
          'conflict',
          'indicator.fact_accepted',
          'Значение уже принято координатором: изменить его может только координатор',
          `fact ${existing.id} accepted`,
        );
      const done = await tx.query(
        `UPDATE indicator_facts SET value = $3, comment = $4, evidence_url = $5, state = $6, entered_by = $7,
           version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $2 RETURNING id`,
        [
          existing.id,
          existing.version,
          input.value,
          (input.comment ?? '').trim(),
          input.evidenceUrl ?? null,
          existing.state === 'accepted' ? 'accepted' : 'submitted',
          actor.userId,
        ],
      );
      if (done.length !== 1) throw stale();
      factId = existing.id;
    } else {
      if (input.version != null) throw stale();
      const r = await tx
        .one<{ id: number }>(
          `INSERT INTO indicator_facts (region_id, indicator_id, year, quarter, unit_organisation_id, value, comment, evidence_url, entered_by)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING id`,
          [
            actor.regionId,
            row.id,
            input.year,
            input.quarter,
            input.unitOrganisationId,
            input.value,
            (input.comment ?? '').trim(),
            input.evidenceUrl ?? null,
            actor.userId,
          ],
        )
        .catch((e) => {
          if ((e as { code?: string }).code === '23505') throw stale();
          throw e;
        });
      factId = r!.id;
    }
    const fact = presentFact((await tx.one<FactRow>(`${FACT_SELECT} WHERE f.id = $1`, [factId]))!);
    await recordAudit(tx, actor, actor.regionId, {
      action: existing ? 'indicator_fact.update' : 'indicator_fact.create',
      entityType: 'indicator_fact',
      entityId: factId,
      planId: plan.id,
      before: existing
        ? { value: Number(existing.value), comment: existing.comment, state: existing.state }
        : undefined,
      after: {
        indicator: row.number,
        period: periodRu(fact.year, fact.quarter),
        unit: fact.unit?.shortName ?? null,
        value: fact.value,
        comment: fact.comment,
      },
    });
    return fact;
  });
}

/** A manager accepts a submitted figure or returns it with a comment; conditional on its version and state. */
export async function reviewFact(
  db: Database,
  actor: Actor,
  factId: number,
  decision: 'accept' | 'return',
  input: { version: number; comment?: string },
) {
  return db.transaction(async (tx) => {
    const f = await tx.one<{ indicator_id: number; state: string; version: number }>(
      `SELECT indicator_id, state, version FROM indicator_facts WHERE id = $1 AND region_id = $2 FOR UPDATE`,
      [factId, actor.regionId],
    );
    if (!f) throw notFound('Значение показателя не найдено', `fact ${factId} not found`);
    const row = await loadIndicatorRow(tx, actor, f.indicator_id);
    const plan = await loadPlanRow(tx, actor, row.plan_id);
    if (!authorize(actor, { action: 'indicator.review', subject: planSubjectOf(plan) })) throw forbidden();
    if (decision === 'return' && !(input.comment ?? '').trim())
      throw invalid('return_comment', 'Укажите, что нужно исправить', 'return without comment');
    const done = await tx.query(
      `UPDATE indicator_facts SET state = $3, review_comment = $4, reviewed_by = $5, version = version + 1, updated_at = now()
       WHERE id = $1 AND version = $2 AND state = 'submitted' RETURNING id`,
      [
        factId,
        input.version,
        decision === 'accept' ? 'accepted' : 'returned',
        (input.comment ?? '').trim(),
        actor.userId,
      ],
    );
    if (done.length !== 1)
      throw new DomainError(
        'conflict',
        'indicator.fact_state',
        f.version !== input.version
          ? 'Значение изменилось, пока вы его смотрели: обновите страницу'
          : 'Значение уже рассмотрено',
        `fact ${factId} is ${f.state} v${f.version}`,
      );
    const fact = presentFact((await tx.one<FactRow>(`${FACT_SELECT} WHERE f.id = $1`, [factId]))!);
    await recordAudit(tx, actor, actor.regionId, {
      action: decision === 'accept' ? 'indicator_fact.accept' : 'indicator_fact.return',
      entityType: 'indicator_fact',
      entityId: factId,
      planId: plan.id,
      before: { state: f.state },
      after: { state: fact.state, comment: fact.reviewComment, indicator: row.number, value: fact.value },
    });
    return fact;
  });
}

/** Indicators the actor's organisation answers for (or reports a unit row of), in plans not archived. */
export async function listMyIndicators(db: Queryable, actor: Actor) {
  const rows = await db.query<{
    id: number;
    plan_id: number;
    number: string;
    name: string;
    unit: string;
    plan_title: string;
  }>(
    `SELECT i.id, i.plan_id, i.number, i.name, i.unit, p.title AS plan_title
     FROM indicators i JOIN plans p ON p.id = i.plan_id
     WHERE i.region_id = $1 AND i.archived_at IS NULL AND p.status <> 'archived' AND i.computation <> 'share'
       AND EXISTS (SELECT 1 FROM indicator_responsibles ir WHERE ir.indicator_id = i.id AND ir.organisation_id = $2)
     ORDER BY p.id, i.position`,
    [actor.regionId, actor.organisationId],
  );
  return rows.map((r) => ({
    id: r.id,
    planId: r.plan_id,
    planTitle: r.plan_title,
    number: r.number,
    name: r.name,
    unit: r.unit,
  }));
}
