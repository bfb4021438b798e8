/**
 * «Одна и та же работа» (issue 15): a coordinator links measures of different plans that are one
 * piece of work, so that the executor reports once and the report is offered to every linked plan.
 *
 * The product suggests candidates — a measure of another plan with an executor in common, a plan
 * period that overlaps, and a wording alike after morphological normalisation — each with its
 * reason; a link exists only once a person confirms it. A link is an unordered pair kept with the
 * smaller id first, unique, so two people confirming the same pair at once make one row (the
 * other gets 409). An executor sees a link only to a measure it may itself see.
 */
import type { Database, Queryable } from '../../db/database.js';
import { DomainError, forbidden, notFound } from '../../domain/errors.js';
import { authorize, type Actor, type PlanSubject } from '../../domain/policy/authorize.js';
import { titleLemmaSet, titleSimilarity } from '../../domain/substance/index.js';
import { recordAudit } from '../audit/index.js';
import { loadMorphology, measureExecutionVerdict } from '../substance/index.js';

/** Below this likeness of wording a measure is not suggested. */
const MIN_SIMILARITY = 0.3;
const MAX_CANDIDATES = 20;

interface MeasureRow {
  id: number;
  number: string;
  title: string;
  plan_id: number;
  plan_title: string;
  region_id: number;
  owner_organisation_id: number;
  status: PlanSubject['status'];
  period_from: string;
  period_to: string;
  archived_at: string | null;
}

const measureSelect = `SELECT m.id, m.number, m.title, m.plan_id, m.region_id, m.archived_at, p.title AS plan_title, p.owner_organisation_id, p.status,
  p.period_from::text AS period_from, p.period_to::text AS period_to FROM measures m JOIN plans p ON p.id = m.plan_id`;

const planSubject = (m: MeasureRow): PlanSubject => ({
  regionId: Number(m.region_id),
  ownerOrganisationId: Number(m.owner_organisation_id),
  status: m.status,
});

async function executorsOf(db: Queryable, ids: number[]): Promise<Map<number, { id: number; name: string }[]>> {
  const out = new Map<number, { id: number; name: string }[]>();
  if (ids.length === 0) return out;
  const rows = await db.query<{ measure_id: number; organisation_id: number; short_name: string }>(
    `SELECT me.measure_id, me.organisation_id, o.short_name FROM measure_executors me JOIN organisations o ON o.id = me.organisation_id
     WHERE me.measure_id = ANY($1::int[]) ORDER BY me.measure_id, CASE me.role WHEN 'lead' THEN 0 ELSE 1 END, me.position`,
    [ids],
  );
  for (const r of rows) {
    const list = out.get(Number(r.measure_id)) ?? [];
    list.push({ id: Number(r.organisation_id), name: r.short_name });
    out.set(Number(r.measure_id), list);
  }
  return out;
}

const mayRead = (actor: Actor, m: MeasureRow, execs: { id: number }[]) =>
  authorize(actor, {
    action: 'measure.read',
    subject: { regionId: Number(m.region_id), plan: planSubject(m), executorOrganisationIds: execs.map((e) => e.id) },
  });

/** Whoever manages a plan (its coordinators, administrators) may link its measures to another plan's. */
const manages = (actor: Actor, m: MeasureRow) => authorize(actor, { action: 'plan.update', subject: planSubject(m) });

async function loadReadableMeasure(db: Queryable, actor: Actor, id: number) {
  const m = await db.one<MeasureRow>(`${measureSelect} WHERE m.id = $1 AND m.region_id = $2`, [id, actor.regionId]);
  if (!m) throw notFound('Мероприятие не найдено', `measure ${id} not found`);
  const execs = (await executorsOf(db, [id])).get(id) ?? [];
  if (!mayRead(actor, m, execs)) throw forbidden();
  return { m, execs };
}

const fmtYear = (from: string, to: string) =>
  from.slice(0, 4) === to.slice(0, 4) ? `${from.slice(0, 4)} г.` : `${from.slice(0, 4)}–${to.slice(0, 4)} гг.`;

const measureRef = (m: MeasureRow) => ({
  id: Number(m.id),
  number: m.number,
  title: m.title,
  plan: { id: Number(m.plan_id), title: m.plan_title },
});

/**
 * Measures of other plans that may be the same work as this one, best first, each with the reason.
 * Only coordinators and administrators are offered them (they are the ones who link).
 */
export async function listLinkCandidates(db: Queryable, actor: Actor, measureId: number) {
  const { m, execs } = await loadReadableMeasure(db, actor, measureId);
  if (actor.role !== 'admin' && actor.role !== 'coordinator') throw forbidden();
  if (execs.length === 0) return [];
  const rows = await db.query<MeasureRow>(
    `${measureSelect}
     WHERE m.region_id = $1 AND m.plan_id <> $2 AND m.archived_at IS NULL AND p.status <> 'archived'
       AND p.period_from <= $4::date AND p.period_to >= $3::date
       AND EXISTS (SELECT 1 FROM measure_executors me WHERE me.measure_id = m.id AND me.organisation_id = ANY($5::int[]))
       AND NOT EXISTS (SELECT 1 FROM measure_links l WHERE (l.measure_a = m.id AND l.measure_b = $6) OR (l.measure_b = m.id AND l.measure_a = $6))
     ORDER BY m.id LIMIT 5000`,
    [actor.regionId, m.plan_id, m.period_from, m.period_to, execs.map((e) => e.id), measureId],
  );
  const morphology = await loadMorphology();
  const mine = titleLemmaSet(m.title, morphology);
  const scored = rows
    .map((r) => ({ r, sim: titleSimilarity(mine, titleLemmaSet(r.title, morphology)) }))
    .filter((x) => x.sim.score >= MIN_SIMILARITY && (manages(actor, m) || manages(actor, x.r)))
    .sort((a, b) => b.sim.score - a.sim.score || a.r.id - b.r.id)
    .slice(0, MAX_CANDIDATES);
  const theirExecs = await executorsOf(
    db,
    scored.map((x) => Number(x.r.id)),
  );
  return scored.map(({ r, sim }) => {
    const common = (theirExecs.get(Number(r.id)) ?? []).filter((e) => execs.some((x) => x.id === e.id));
    const from = r.period_from > m.period_from ? r.period_from : m.period_from;
    const to = r.period_to < m.period_to ? r.period_to : m.period_to;
    const reason =
      `Тот же исполнитель: ${common.map((e) => e.name).join(', ')}; ` +
      `периоды планов пересекаются (${fmtYear(from, to)}); ` +
      `сходные формулировки (${Math.round(sim.score * 100)} %): ${sim.shared.map((l) => `«${l}»`).join(', ')}`;
    return {
      measure: measureRef(r),
      similarity: Math.round(sim.score * 100) / 100,
      sharedExecutors: common.map((e) => ({ id: e.id, shortName: e.name })),
      sharedWords: sim.shared,
      reason,
    };
  });
}

/** The measures linked with this one that the actor may see, and where its reports are used. */
export async function listMeasureLinks(db: Queryable, actor: Actor, measureId: number) {
  const { m } = await loadReadableMeasure(db, actor, measureId);
  const links = await db.query<{
    id: number;
    other: number;
    reason: string;
    created_at: string;
    full_name: string | null;
  }>(
    `SELECT l.id, CASE WHEN l.measure_a = $1 THEN l.measure_b ELSE l.measure_a END AS other, l.reason, l.created_at, u.full_name
     FROM measure_links l LEFT JOIN users u ON u.id = l.created_by WHERE l.measure_a = $1 OR l.measure_b = $1 ORDER BY l.id`,
    [measureId],
  );
  const others = links.length
    ? await db.query<MeasureRow>(`${measureSelect} WHERE m.id = ANY($1::int[])`, [links.map((l) => Number(l.other))])
    : [];
  const byId = new Map(others.map((o) => [Number(o.id), o]));
  const execs = await executorsOf(
    db,
    others.map((o) => Number(o.id)),
  );
  const visible = links.filter((l) => {
    const o = byId.get(Number(l.other));
    return o && !o.archived_at && mayRead(actor, o, execs.get(Number(o.id)) ?? []);
  });
  const visibleIds = visible.map((l) => Number(l.other));
  // Where this measure's reports are used, and which reports here came from a linked measure.
  const usage = await db.query<{
    id: number;
    period_label: string;
    org: string;
    organisation_id: number;
    target_id: number | null;
    target_measure: number | null;
    target_state: string | null;
    direction: 'to' | 'from';
  }>(
    `SELECT r.id, rp.label AS period_label, o.short_name AS org, r.organisation_id, t.id AS target_id, t.measure_id AS target_measure, t.state AS target_state, 'to'::text AS direction
       FROM reports r JOIN reports t ON t.shared_from_report_id = r.id JOIN reporting_periods rp ON rp.id = r.period_id JOIN organisations o ON o.id = r.organisation_id
       WHERE r.measure_id = $1
     UNION ALL
     SELECT r.id, rp.label, o.short_name, r.organisation_id, s.id, s.measure_id, s.state, 'from'::text
       FROM reports r JOIN reports s ON s.id = r.shared_from_report_id JOIN reporting_periods rp ON rp.id = r.period_id JOIN organisations o ON o.id = r.organisation_id
       WHERE r.measure_id = $1
     ORDER BY 1, 5`,
    [measureId],
  );
  const canManage = (o: MeasureRow) => manages(actor, m) || manages(actor, o);
  return {
    links: visible.map((l) => {
      const o = byId.get(Number(l.other))!;
      return {
        id: Number(l.id),
        measure: measureRef(o),
        reason: l.reason,
        createdAt: new Date(l.created_at).toISOString(),
        createdBy: l.full_name ?? null,
        abilities: { remove: canManage(o) },
      };
    }),
    usage: usage
      .filter((u) => u.target_measure != null && visibleIds.includes(Number(u.target_measure)))
      .map((u) => {
        const o = byId.get(Number(u.target_measure))!;
        return {
          reportId: Number(u.id),
          period: u.period_label,
          organisation: u.org,
          direction: u.direction,
          other: { reportId: Number(u.target_id), state: String(u.target_state), measure: measureRef(o) },
        };
      }),
    executionSubstance: await measureExecutionVerdict(db, measureId),
    abilities: { link: actor.role === 'admin' || (actor.role === 'coordinator' && manages(actor, m)) },
  };
}

/** Links two measures of different plans as one piece of work (a person confirms; nothing links itself). */
export async function createMeasureLink(
  db: Database,
  actor: Actor,
  input: { measureId: number; otherMeasureId: number; reason?: string },
) {
  return db.transaction(async (tx) => {
    if (input.measureId === input.otherMeasureId)
      throw new DomainError('validation', 'link.self', 'Мероприятие нельзя связать с самим собой', 'self link');
    const a = await loadReadableMeasure(tx, actor, input.measureId);
    const b = await loadReadableMeasure(tx, actor, input.otherMeasureId);
    if (!manages(actor, a.m) && !manages(actor, b.m)) throw forbidden();
    if (a.m.archived_at || b.m.archived_at || a.m.status === 'archived' || b.m.status === 'archived')
      throw new DomainError('conflict', 'link.archived', 'Мероприятие в архиве: связать нельзя', 'archived measure');
    if (Number(a.m.plan_id) === Number(b.m.plan_id))
      throw new DomainError(
        'validation',
        'link.same_plan',
        'Связывают мероприятия разных планов: это мероприятие из того же плана',
        'link within one plan',
      );
    const [lo, hi] = [Number(a.m.id), Number(b.m.id)].sort((x, y) => x - y);
    const row = await tx.one<{ id: number; created_at: string }>(
      `INSERT INTO measure_links (region_id, measure_a, measure_b, reason, created_by) VALUES ($1,$2,$3,$4,$5)
       ON CONFLICT (measure_a, measure_b) DO NOTHING RETURNING id, created_at`,
      [actor.regionId, lo, hi, input.reason?.trim() ?? '', actor.userId],
    );
    if (!row)
      throw new DomainError('conflict', 'link.exists', 'Эти мероприятия уже связаны', `link ${lo}-${hi} exists`);
    const after = {
      linkId: Number(row.id),
      measures: [measureRef(a.m), measureRef(b.m)].map((x) => `${x.plan.title}, № ${x.number}`),
      reason: input.reason?.trim() ?? '',
    };
    for (const x of [a.m, b.m])
      await recordAudit(tx, actor, actor.regionId, {
        action: 'measure.linked',
        entityType: 'measure',
        entityId: Number(x.id),
        planId: Number(x.plan_id),
        measureId: Number(x.id),
        after,
      });
    return {
      id: Number(row.id),
      measure: measureRef(a.m),
      other: measureRef(b.m),
      reason: after.reason,
      createdAt: new Date(row.created_at).toISOString(),
    };
  });
}

/** Removes a link (reports already used in the other plan stay there: each plan decided on its own). */
export async function deleteMeasureLink(db: Database, actor: Actor, linkId: number) {
  return db.transaction(async (tx) => {
    const l = await tx.one<{ measure_a: number; measure_b: number; reason: string }>(
      `SELECT measure_a, measure_b, reason FROM measure_links WHERE id = $1 AND region_id = $2 FOR UPDATE`,
      [linkId, actor.regionId],
    );
    if (!l) throw notFound('Связь не найдена', `measure link ${linkId} not found`);
    const a = await loadReadableMeasure(tx, actor, Number(l.measure_a));
    const b = await loadReadableMeasure(tx, actor, Number(l.measure_b));
    if (!manages(actor, a.m) && !manages(actor, b.m)) throw forbidden();
    const gone = await tx.query(`DELETE FROM measure_links WHERE id = $1 RETURNING id`, [linkId]);
    if (gone.length !== 1) throw notFound('Связь не найдена', `measure link ${linkId} removed meanwhile`);
    const before = {
      linkId,
      measures: [measureRef(a.m), measureRef(b.m)].map((x) => `${x.plan.title}, № ${x.number}`),
      reason: l.reason,
    };
    for (const x of [a.m, b.m])
      await recordAudit(tx, actor, actor.regionId, {
        action: 'measure.unlinked',
        entityType: 'measure',
        entityId: Number(x.id),
        planId: Number(x.plan_id),
        measureId: Number(x.id),
        before,
      });
    return { ok: true as const };
  });
}
