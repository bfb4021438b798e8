/**
 * Ratings of municipalities (issue 13): methodologies kept as versioned exchange JSON, a
 * campaign per year under one version, values entered by each municipality (or imported from
 * CSV by the coordinators, who may correct a value with a reason), frozen, approved and
 * published. The ranking, points and explanations come from the pure engine
 * (src/domain/ratings) at read time. Every write is one transaction with its audit record.
 */
import type { Database, Queryable } from '../../db/database.js';
import { DomainError, forbidden, notFound } from '../../domain/errors.js';
import { authorize, type Actor } from '../../domain/policy/authorize.js';
import {
  checkValues,
  computeRating,
  explainMunicipality,
  parseMethodology,
  readValuesCsv,
  RatingInputError,
  type Methodology,
  type ValueRecord,
} from '../../domain/ratings/index.js';
import { recordAudit } from '../audit/index.js';

export type RatingState = 'collecting' | 'frozen' | 'approved' | 'published';

const TRANSITIONS: Record<RatingState, RatingState[]> = {
  collecting: ['frozen'],
  frozen: ['collecting', 'approved'],
  approved: ['frozen', 'published'],
  published: [],
};
const STATE_RU: Record<RatingState, string> = {
  collecting: 'сбор данных',
  frozen: 'данные зафиксированы',
  approved: 'утверждён',
  published: 'опубликован',
};

interface MethodologyRow {
  id: number;
  title: string;
  version: number;
  body: unknown;
  created_at: string;
}

const presentMethodology = (r: MethodologyRow) => ({
  id: r.id,
  title: r.title,
  version: r.version,
  body: (typeof r.body === 'string' ? JSON.parse(r.body) : r.body) as Record<string, unknown>,
  createdAt: new Date(r.created_at).toISOString(),
});

function mayManage(actor: Actor) {
  if (!authorize(actor, { action: 'rating.manage', subject: { regionId: actor.regionId } })) throw forbidden();
}

export async function listMethodologies(db: Queryable, actor: Actor) {
  if (!authorize(actor, { action: 'rating.read', subject: { regionId: actor.regionId } })) throw forbidden();
  const rows = await db.query<MethodologyRow>(
    `SELECT id, title, version, body, created_at FROM rating_methodologies WHERE region_id = $1 ORDER BY lower(title), version DESC`,
    [actor.regionId],
  );
  return rows.map(presentMethodology);
}

/**
 * Keeps a methodology (the exchange JSON) after the engine's check; the same title again is
 * its next version. A bad file is refused whole with every problem named in Russian.
 */
export async function createMethodology(db: Database, actor: Actor, body: unknown) {
  mayManage(actor);
  const m = parseMethodology(body);
  return db.transaction(async (tx) => {
    // One version number per title: the region's methodologies are locked while it is taken.
    await tx.query(`SELECT id FROM regions WHERE id = $1 FOR UPDATE`, [actor.regionId]);
    const next = await tx.one<{ v: number }>(
      `SELECT coalesce(max(version), 0) + 1 AS v FROM rating_methodologies WHERE region_id = $1 AND lower(title) = lower($2)`,
      [actor.regionId, m.title.trim()],
    );
    const row = await tx.one<MethodologyRow>(
      `INSERT INTO rating_methodologies (region_id, title, version, body, created_by) VALUES ($1,$2,$3,$4,$5)
       RETURNING id, title, version, body, created_at`,
      [actor.regionId, m.title.trim(), Number(next!.v), JSON.stringify(body), actor.userId],
    );
    const view = presentMethodology(row!);
    await recordAudit(tx, actor, actor.regionId, {
      action: 'rating_methodology.create',
      entityType: 'rating_methodology',
      entityId: view.id,
      after: { title: view.title, version: view.version },
    });
    return view;
  });
}

interface RatingRow {
  id: number;
  region_id: number;
  methodology_id: number;
  year: number;
  title: string;
  state: RatingState;
  due_on: string | null;
  version: number;
}

const RATING_COLUMNS = `id, region_id, methodology_id, year, title, state, due_on::text AS due_on, version`;

async function loadRating(db: Queryable, actor: Actor, id: number, forUpdate = false): Promise<RatingRow> {
  const r = await db.one<RatingRow>(
    `SELECT ${RATING_COLUMNS} FROM ratings WHERE id = $1 AND region_id = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [id, actor.regionId],
  );
  if (!r) throw notFound('Рейтинг не найден', `rating ${id} not found`);
  return r;
}

const presentRating = (r: RatingRow, methodologyTitle: string) => ({
  id: r.id,
  methodologyId: r.methodology_id,
  methodologyTitle,
  year: r.year,
  title: r.title,
  state: r.state,
  dueOn: r.due_on,
  version: r.version,
});

export async function listRatings(db: Queryable, actor: Actor) {
  if (!authorize(actor, { action: 'rating.read', subject: { regionId: actor.regionId } })) throw forbidden();
  const rows = await db.query<RatingRow & { m_title: string }>(
    `SELECT r.id, r.region_id, r.methodology_id, r.year, r.title, r.state, r.due_on::text AS due_on, r.version, m.title AS m_title
     FROM ratings r JOIN rating_methodologies m ON m.id = r.methodology_id WHERE r.region_id = $1 ORDER BY r.year DESC, r.id DESC`,
    [actor.regionId],
  );
  return rows.map((r) => presentRating(r, r.m_title));
}

export async function createRating(
  db: Database,
  actor: Actor,
  input: { methodologyId: number; year: number; title: string; dueOn?: string | null },
) {
  mayManage(actor);
  return db.transaction(async (tx) => {
    const m = await tx.one<{ title: string }>(
      `SELECT title FROM rating_methodologies WHERE id = $1 AND region_id = $2`,
      [input.methodologyId, actor.regionId],
    );
    if (!m)
      throw new DomainError(
        'validation',
        'rating.methodology_unknown',
        'Методика не найдена',
        `methodology ${input.methodologyId} missing`,
      );
    const r = await tx.one<RatingRow>(
      `INSERT INTO ratings (region_id, methodology_id, year, title, due_on) VALUES ($1,$2,$3,$4,$5) RETURNING ${RATING_COLUMNS}`,
      [actor.regionId, input.methodologyId, input.year, input.title.trim(), input.dueOn ?? null],
    );
    const view = presentRating(r!, m.title);
    await recordAudit(tx, actor, actor.regionId, {
      action: 'rating.create',
      entityType: 'rating',
      entityId: view.id,
      after: view,
    });
    return view;
  });
}

interface Municipality {
  id: number;
  shortName: string;
  fullName: string;
}

async function municipalitiesOf(db: Queryable, regionId: number): Promise<Municipality[]> {
  const rows = await db.query<{ id: number; short_name: string; full_name: string }>(
    `SELECT id, short_name, full_name FROM organisations WHERE region_id = $1 AND kind = 'municipality' AND archived_at IS NULL ORDER BY short_name`,
    [regionId],
  );
  return rows.map((r) => ({ id: r.id, shortName: r.short_name, fullName: r.full_name }));
}

async function methodologyOf(db: Queryable, id: number): Promise<Methodology> {
  const r = await db.one<{ body: unknown }>(`SELECT body FROM rating_methodologies WHERE id = $1`, [id]);
  return parseMethodology(typeof r!.body === 'string' ? JSON.parse(r!.body) : r!.body);
}

interface ValueRow {
  municipality_id: number;
  indicator: string;
  value: number | null;
  comment: string;
  correction_reason: string | null;
  updated_at: string;
}

/** The ranked result: the engine over the values, municipalities named by their full names. */
function resultOf(m: Methodology, munis: Municipality[], values: ValueRow[]) {
  const nameOf = new Map(munis.map((x) => [x.id, x.fullName]));
  const records: ValueRecord[] = values
    .filter((v) => nameOf.has(v.municipality_id) && m.indicators.some((i) => i.id === v.indicator))
    .map((v) => ({ municipality: nameOf.get(v.municipality_id)!, indicator: v.indicator, value: v.value }));
  const result = computeRating(m, records, { municipalities: munis.map((x) => x.fullName) });
  return { result, byName: new Map(munis.map((x) => [x.fullName, x])) };
}

/**
 * The campaign: methodology, municipalities, values (a municipality sees its own only), and —
 * for the coordinators, or once published for all — the ranked table with explanations.
 */
export async function getRating(db: Queryable, actor: Actor, id: number) {
  if (!authorize(actor, { action: 'rating.read', subject: { regionId: actor.regionId } })) throw forbidden();
  const r = await loadRating(db, actor, id);
  return ratingView(db, actor, r);
}

async function ratingView(db: Queryable, actor: Actor | null, r: RatingRow) {
  const mrow = await db.one<MethodologyRow>(
    `SELECT id, title, version, body, created_at FROM rating_methodologies WHERE id = $1`,
    [r.methodology_id],
  );
  const m = await methodologyOf(db, r.methodology_id);
  const munis = await municipalitiesOf(db, r.region_id);
  const values = await db.query<ValueRow>(
    `SELECT municipality_id, indicator, value, comment, correction_reason, updated_at FROM rating_values WHERE rating_id = $1`,
    [r.id],
  );
  const manager = actor != null && authorize(actor, { action: 'rating.manage', subject: { regionId: r.region_id } });
  const seesAll = manager || r.state === 'published' || (actor != null && actor.role !== 'executor');
  const own = (mid: number) => seesAll || (actor != null && mid === actor.organisationId);
  const { result, byName } = resultOf(m, munis, values);
  // Change of rank since last year: the same methodology title's campaign of the year before, if published.
  const previous = await db.one<RatingRow>(
    `SELECT r.id, r.region_id, r.methodology_id, r.year, r.title, r.state, r.due_on::text AS due_on, r.version
     FROM ratings r JOIN rating_methodologies pm ON pm.id = r.methodology_id
     WHERE r.region_id = $1 AND r.year = $2 AND r.state IN ('approved', 'published') AND lower(pm.title) = lower($3)
     ORDER BY r.id DESC LIMIT 1`,
    [r.region_id, r.year - 1, mrow!.title],
  );
  const lastRanks = new Map<string, number | null>();
  if (previous) {
    const pm = await methodologyOf(db, previous.methodology_id);
    const pv = await db.query<ValueRow>(
      `SELECT municipality_id, indicator, value, comment, correction_reason, updated_at FROM rating_values WHERE rating_id = $1`,
      [previous.id],
    );
    for (const row of resultOf(pm, munis, pv).result.rows) lastRanks.set(row.municipality, row.rank);
  }
  const showResult = seesAll;
  return {
    ...presentRating(r, mrow!.title),
    methodology: presentMethodology(mrow!),
    municipalities: munis.filter((x) => own(x.id)),
    values: values
      .filter((v) => own(v.municipality_id))
      .map((v) => ({
        municipalityId: v.municipality_id,
        indicator: v.indicator,
        value: v.value == null ? null : Number(v.value),
        comment: v.comment,
        correctionReason: v.correction_reason,
      })),
    abilities: {
      manage: manager,
      enter:
        actor != null &&
        r.state === 'collecting' &&
        munis.some((x) =>
          authorize(actor, {
            action: 'rating.enter',
            subject: { regionId: r.region_id, municipalityId: x.id, state: r.state },
          }),
        ),
      transitions: manager ? TRANSITIONS[r.state] : [],
    },
    results: showResult
      ? result.rows.map((row) => {
          const muni = byName.get(row.municipality)!;
          const last = lastRanks.get(row.municipality);
          return {
            municipalityId: muni.id,
            municipality: muni.shortName,
            total: row.total,
            rank: row.rank,
            band: row.band,
            groups: row.groups,
            points: row.points,
            rankChange: last != null && row.rank != null ? last - row.rank : null,
            explanation: explainMunicipality(m, result, row.municipality),
          };
        })
      : [],
  };
}

/** The published rating for the public page (no login): refused until published. */
export async function getPublicRating(db: Queryable, id: number) {
  const r = await db.one<RatingRow>(`SELECT ${RATING_COLUMNS} FROM ratings WHERE id = $1`, [id]);
  if (!r || r.state !== 'published') throw notFound('Рейтинг не опубликован', `rating ${id} not published`);
  const v = await ratingView(db, null, r);
  return {
    id: v.id,
    title: v.title,
    year: v.year,
    methodologyTitle: v.methodologyTitle,
    methodology: v.methodology,
    results: v.results,
  };
}

export interface ValueInput {
  municipalityId: number;
  indicator: string;
  value: number | null;
  comment?: string;
}

/**
 * Enters values, all or nothing: a municipality its own while the campaign collects; the
 * coordinators any, and changing a value a municipality entered needs a reason (a correction).
 */
export async function saveValues(
  db: Database,
  actor: Actor,
  id: number,
  input: { items: ValueInput[]; reason?: string },
) {
  return db.transaction(async (tx) => {
    const r = await loadRating(tx, actor, id, true);
    if (r.state !== 'collecting')
      throw new DomainError(
        'conflict',
        'rating.frozen',
        `Данные рейтинга зафиксированы (${STATE_RU[r.state]}): изменения не принимаются`,
        `rating ${id} is ${r.state}`,
      );
    const m = await methodologyOf(tx, r.methodology_id);
    const munis = await municipalitiesOf(tx, r.region_id);
    const manager = authorize(actor, { action: 'rating.manage', subject: { regionId: r.region_id } });
    for (const item of input.items) {
      if (!munis.some((x) => x.id === item.municipalityId))
        throw new DomainError(
          'validation',
          'rating.municipality_unknown',
          'Муниципальное образование не найдено',
          `municipality ${item.municipalityId} unknown`,
        );
      if (!m.indicators.some((i) => i.id === item.indicator))
        throw new DomainError(
          'validation',
          'rating.indicator_unknown',
          `Показателя «${item.indicator}» нет в методике`,
          `indicator ${item.indicator} unknown`,
        );
      if (
        !authorize(actor, {
          action: 'rating.enter',
          subject: { regionId: r.region_id, municipalityId: item.municipalityId, state: r.state },
        })
      )
        throw forbidden();
    }
    await writeValues(tx, actor, r, input.items, manager, input.reason?.trim() || null, munis);
    return getRating(tx, actor, id);
  });
}

async function writeValues(
  tx: Queryable,
  actor: Actor,
  r: RatingRow,
  items: ValueInput[],
  manager: boolean,
  reason: string | null,
  munis: Municipality[],
) {
  for (const item of items) {
    const before = await tx.one<{ value: number | null; entered_by: number | null; role: string | null }>(
      `SELECT v.value, v.entered_by, u.role FROM rating_values v LEFT JOIN users u ON u.id = v.entered_by
       WHERE v.rating_id = $1 AND v.municipality_id = $2 AND v.indicator = $3 FOR UPDATE OF v`,
      [r.id, item.municipalityId, item.indicator],
    );
    const changed = !before || (before.value == null ? null : Number(before.value)) !== item.value;
    const correction = manager && before != null && before.role === 'executor' && changed;
    if (correction && !reason)
      throw new DomainError(
        'validation',
        'rating.correction_reason',
        'Значение внесено муниципальным образованием: укажите причину исправления',
        'correction without reason',
      );
    await tx.query(
      `INSERT INTO rating_values (rating_id, municipality_id, indicator, value, comment, correction_reason, entered_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7)
       ON CONFLICT (rating_id, municipality_id, indicator) DO UPDATE SET value = EXCLUDED.value, comment = EXCLUDED.comment,
         correction_reason = EXCLUDED.correction_reason, entered_by = EXCLUDED.entered_by, updated_at = now()`,
      [
        r.id,
        item.municipalityId,
        item.indicator,
        item.value,
        (item.comment ?? '').trim(),
        correction ? reason : null,
        actor.userId,
      ],
    );
    if (changed)
      await recordAudit(tx, actor, actor.regionId, {
        action: correction ? 'rating.value_corrected' : 'rating.value_entered',
        entityType: 'rating',
        entityId: r.id,
        before: before ? { value: before.value == null ? null : Number(before.value) } : undefined,
        after: {
          municipality: munis.find((x) => x.id === item.municipalityId)?.shortName,
          indicator: item.indicator,
          value: item.value,
          reason: correction ? reason : undefined,
        },
      });
  }
}

/**
 * Values from a CSV (`municipality,indicator,value`, decimal comma or point, empty = missing),
 * by the coordinators: every line checked against the methodology and the region's
 * municipalities (by full or short name) first; one bad line and nothing is saved.
 */
export async function importValuesCsv(db: Database, actor: Actor, id: number, input: { csv: string; reason?: string }) {
  mayManage(actor);
  return db.transaction(async (tx) => {
    const r = await loadRating(tx, actor, id, true);
    if (r.state !== 'collecting')
      throw new DomainError(
        'conflict',
        'rating.frozen',
        `Данные рейтинга зафиксированы (${STATE_RU[r.state]}): изменения не принимаются`,
        `rating ${id} is ${r.state}`,
      );
    const m = await methodologyOf(tx, r.methodology_id);
    const munis = await municipalitiesOf(tx, r.region_id);
    const parsed = readValuesCsv(input.csv);
    if (parsed.issues.length) throw new RatingInputError('rating.values_invalid', parsed.issues);
    const byName = new Map<string, Municipality>();
    for (const x of munis) {
      byName.set(x.fullName.trim().normalize('NFC'), x);
      byName.set(x.shortName.trim().normalize('NFC'), x);
    }
    const records = parsed.records.map((rec) => ({
      ...rec,
      municipality: byName.get(rec.municipality.trim().normalize('NFC'))?.fullName ?? rec.municipality,
    }));
    const issues = checkValues(m, records, { municipalities: munis.map((x) => x.fullName) });
    if (issues.length) throw new RatingInputError('rating.values_invalid', issues);
    const items = records.map((rec) => ({
      municipalityId: byName.get(rec.municipality.trim().normalize('NFC'))!.id,
      indicator: rec.indicator.trim(),
      value: rec.value,
    }));
    await writeValues(tx, actor, r, items, true, input.reason?.trim() || null, munis);
    return getRating(tx, actor, id);
  });
}

/** Moves the campaign along: collecting ⇄ frozen → approved → published (conditional on version and state). */
export async function moveRating(db: Database, actor: Actor, id: number, input: { to: RatingState; version: number }) {
  mayManage(actor);
  return db.transaction(async (tx) => {
    const r = await loadRating(tx, actor, id, true);
    if (!TRANSITIONS[r.state].includes(input.to))
      throw new DomainError(
        'conflict',
        'rating.transition',
        `Рейтинг в состоянии «${STATE_RU[r.state]}»: перевести его в «${STATE_RU[input.to]}» нельзя`,
        `rating ${id}: ${r.state} -> ${input.to}`,
      );
    const done = await tx.query(
      `UPDATE ratings SET state = $3, version = version + 1, updated_at = now() WHERE id = $1 AND version = $2 AND state = $4 RETURNING id`,
      [id, input.version, input.to, r.state],
    );
    if (done.length !== 1)
      throw new DomainError(
        'conflict',
        'rating.stale',
        'Рейтинг изменился, пока вы его смотрели: обновите страницу',
        'stale rating version',
      );
    await recordAudit(tx, actor, actor.regionId, {
      action: `rating.${input.to}`,
      entityType: 'rating',
      entityId: id,
      before: { state: r.state },
      after: { state: input.to },
    });
    return getRating(tx, actor, id);
  });
}
