/**
 * The audit log: who, when, what, before/after — written in the same transaction as
 * the change it describes, so that a change without its record cannot exist.
 */
import type { Queryable } from '../../db/database.js';
import type { Actor } from '../../domain/policy/authorize.js';
import { describeAuditSubject, type AuditFacts, type AuditSubject } from '../../domain/audit/subject.js';

export interface AuditEntry {
  action: string;
  entityType:
    | 'organisation'
    | 'user'
    | 'plan'
    | 'section'
    | 'measure'
    | 'session'
    | 'report'
    | 'import_layout'
    | 'nok_campaign'
    | 'nok_assessment'
    | 'nok_answer'
    | 'council'
    | 'indicator'
    | 'indicator_fact'
    | 'rating'
    | 'rating_methodology';
  entityId: number | null;
  planId?: number | null;
  measureId?: number | null;
  before?: unknown;
  after?: unknown;
  source?: string | null;
}

export async function recordAudit(
  tx: Queryable,
  actor: Pick<Actor, 'userId' | 'regionId'> | null,
  regionId: number,
  e: AuditEntry,
): Promise<void> {
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

/** Many audit records in one statement (bulk work such as an import of a whole plan). */
export async function recordAudits(
  tx: Queryable,
  actor: Pick<Actor, 'userId' | 'regionId'> | null,
  regionId: number,
  events: AuditEntry[],
): Promise<void> {
  if (events.length === 0) return;
  const col = <T>(f: (e: AuditEntry) => T) => events.map(f);
  await tx.query(
    `INSERT INTO audit_events (region_id, actor_user_id, action, entity_type, entity_id, plan_id, measure_id, before, after, source)
     SELECT $1, $2, u.action, u.entity_type, u.entity_id, u.plan_id, u.measure_id, u.before::jsonb, u.after::jsonb, u.source
     FROM unnest($3::text[], $4::text[], $5::int[], $6::int[], $7::int[], $8::text[], $9::text[], $10::text[])
          AS u(action, entity_type, entity_id, plan_id, measure_id, before, after, source)`,
    [
      regionId,
      actor?.userId ?? null,
      col((e) => e.action),
      col((e) => e.entityType),
      col((e) => e.entityId),
      col((e) => e.planId ?? null),
      col((e) => e.measureId ?? null),
      col((e) => (e.before === undefined ? null : JSON.stringify(e.before))),
      col((e) => (e.after === undefined ? null : JSON.stringify(e.after))),
      col((e) => e.source ?? null),
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
  /** What the event is about, named as a person reads it (domain/audit/subject.ts). */
  subject: AuditSubject;
  before: unknown;
  after: unknown;
  /** Names of the ids the snapshots hold (sections, measures of a reorder, organisations), for reading the diff. */
  names: AuditNames;
  source: string | null;
}

export interface AuditNames {
  sections: Record<number, string>;
  measures: Record<number, string>;
  organisations: Record<number, string>;
}

const selectEvents = `SELECT e.id, e.at, e.action, e.entity_type, e.entity_id, e.plan_id, e.measure_id, e.before, e.after, e.source,
  u.id AS actor_id, u.full_name AS actor_name,
  p.id AS p_id, p.title AS plan_title, p.kind AS plan_kind, m.number AS measure_number, m.title AS measure_title,
  ro.short_name AS report_org, rp.label AS report_period, s.number AS section_number, s.title AS section_title,
  o.short_name AS org_name, tu.full_name AS user_name
  FROM audit_events e LEFT JOIN users u ON u.id = e.actor_user_id
  LEFT JOIN plans p ON p.id = coalesce(e.plan_id, CASE WHEN e.entity_type = 'plan' THEN e.entity_id END)
  LEFT JOIN measures m ON m.id = e.measure_id
  LEFT JOIN reports r ON e.entity_type = 'report' AND r.id = e.entity_id
  LEFT JOIN organisations ro ON ro.id = r.organisation_id
  LEFT JOIN reporting_periods rp ON rp.id = r.period_id
  LEFT JOIN sections s ON e.entity_type = 'section' AND s.id = e.entity_id
  LEFT JOIN organisations o ON e.entity_type = 'organisation' AND o.id = e.entity_id
  LEFT JOIN users tu ON e.entity_type IN ('user', 'session') AND tu.id = e.entity_id`;

type Snapshot = Record<string, unknown> | null;
const str = (v: unknown) => (typeof v === 'string' && v ? v : null);

/** The facts an event is named by: the live rows, else what its snapshots recorded (a deleted section). */
function factsOf(r: Record<string, unknown>): AuditFacts {
  const before = (r.before && typeof r.before === 'object' && !Array.isArray(r.before) ? r.before : null) as Snapshot;
  const after = (r.after && typeof r.after === 'object' && !Array.isArray(r.after) ? r.after : null) as Snapshot;
  const snap = (k: string) => after?.[k] ?? before?.[k];
  const snapOrg = snap('organisation') as { shortName?: string } | undefined;
  const snapPeriod = snap('period');
  const period =
    str(r.report_period) ??
    (typeof snapPeriod === 'string' ? snapPeriod : str((snapPeriod as { label?: string } | undefined)?.label));
  return {
    entityType: String(r.entity_type),
    action: String(r.action),
    plan: r.p_id ? { id: Number(r.p_id), title: String(r.plan_title), kind: String(r.plan_kind) } : null,
    measure:
      r.measure_id != null && r.measure_number != null
        ? { id: Number(r.measure_id), number: String(r.measure_number), title: String(r.measure_title) }
        : null,
    report:
      r.entity_type === 'report'
        ? { organisation: str(r.report_org) ?? str(snapOrg?.shortName) ?? '', period: period ?? '' }
        : null,
    section:
      r.section_number != null
        ? { number: String(r.section_number), title: String(r.section_title) }
        : r.entity_type === 'section' && str(snap('title'))
          ? { number: String(snap('number') ?? ''), title: String(snap('title')) }
          : null,
    organisation:
      str(r.org_name) ?? (r.entity_type === 'organisation' ? (str(snap('shortName')) ?? str(snap('fullName'))) : null),
    user: str(r.user_name) ?? (r.entity_type === 'user' ? str(snap('fullName')) : null),
    fileName: String(r.action).startsWith('report.attachment') ? str(snap('name')) : null,
  };
}

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
    subject: describeAuditSubject(factsOf(r)),
    before: r.before ?? null,
    after: r.after ?? null,
    names: { sections: {}, measures: {}, organisations: {} },
    source: (r.source as string) ?? null,
  };
}

/** Snapshot fields that hold organisation ids. */
const ORG_ID_FIELDS = ['leadExecutorId', 'coExecutorIds', 'ownerOrganisationId', 'organisationId', 'parentId'];

const numbersIn = (v: unknown) => (Array.isArray(v) ? v : [v]).filter((x): x is number => typeof x === 'number');

/** The ids an event's snapshots hold, by what they are: a reorder records measure ids in order. */
function idsOf(ev: AuditEventView): { sections: number[]; measures: number[]; organisations: number[] } {
  const out = { sections: [] as number[], measures: [] as number[], organisations: [] as number[] };
  for (const snap of [ev.before, ev.after]) {
    if (Array.isArray(snap)) {
      out.measures.push(...numbersIn(snap));
      continue;
    }
    if (!snap || typeof snap !== 'object') continue;
    const o = snap as Record<string, unknown>;
    out.sections.push(...numbersIn(o.sectionId));
    for (const k of ORG_ID_FIELDS) out.organisations.push(...numbersIn(o[k]));
  }
  return out;
}

/**
 * Names the ids the events' snapshots hold, in three batched queries, so that no diff shows
 * «раздел #12» or «#75»: sections by number and title, measures (of a reorder) by their
 * printed number, organisations by short name.
 */
async function attachNames(db: Queryable, events: AuditEventView[]): Promise<AuditEventView[]> {
  const per = events.map(idsOf);
  const all = (k: keyof ReturnType<typeof idsOf>) => new Set(per.flatMap((x) => x[k]));
  const load = async (sql: string, set: Set<number>) =>
    set.size
      ? new Map((await db.query<{ id: number; name: string }>(sql, [[...set]])).map((x) => [Number(x.id), x.name]))
      : new Map<number, string>();
  const [sections, measures, organisations] = await Promise.all([
    load(`SELECT id, number || '. ' || title AS name FROM sections WHERE id = ANY($1::int[])`, all('sections')),
    load(`SELECT id, number AS name FROM measures WHERE id = ANY($1::int[])`, all('measures')),
    load(`SELECT id, short_name AS name FROM organisations WHERE id = ANY($1::int[])`, all('organisations')),
  ]);
  const pick = (map: Map<number, string>, wanted: number[]) =>
    Object.fromEntries(wanted.filter((id) => map.has(id)).map((id) => [id, map.get(id)!]));
  return events.map((ev, i) => ({
    ...ev,
    names: {
      sections: pick(sections, per[i].sections),
      measures: pick(measures, per[i].measures),
      organisations: pick(organisations, per[i].organisations),
    },
  }));
}

export async function listMeasureHistory(db: Queryable, measureId: number): Promise<AuditEventView[]> {
  const rows = await db.query(`${selectEvents} WHERE e.measure_id = $1 ORDER BY e.id DESC LIMIT 500`, [measureId]);
  return attachNames(db, rows.map(presentEvent));
}

export async function listRegionAudit(
  db: Queryable,
  regionId: number,
  opts: { entityType?: string; limit: number; before?: number },
): Promise<AuditEventView[]> {
  const params: unknown[] = [regionId];
  let where = 'e.region_id = $1';
  if (opts.entityType) {
    params.push(opts.entityType);
    where += ` AND e.entity_type = $${params.length}`;
  }
  if (opts.before) {
    params.push(opts.before);
    where += ` AND e.id < $${params.length}`;
  }
  params.push(opts.limit);
  const rows = await db.query(`${selectEvents} WHERE ${where} ORDER BY e.id DESC LIMIT $${params.length}`, params);
  return attachNames(db, rows.map(presentEvent));
}
