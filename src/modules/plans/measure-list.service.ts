/**
 * Measure lists that hold up at region scale (issue 17): the measures of a plan, a section or
 * an executor, the overdue and the soon due, search results — filtered, sorted, counted and
 * paged in SQL, scoped to what the actor may see (the same predicate as `measureVisibility`).
 *
 * Paging is by keyset: the cursor carries the sort key of the last row sent, and the next page
 * starts strictly after it (`(k1, k2, id) > (…)`), so a page costs the same at row 25 and at
 * row 1,500, and rows inserted meanwhile neither repeat nor vanish. Every sort key ends with
 * `m.id`, which makes the order total; NULLs are folded into sentinels so that the row
 * comparison never meets a NULL.
 */
import type { Queryable } from '../../db/database.js';
import { DomainError } from '../../domain/errors.js';
import type { Actor } from '../../domain/policy/authorize.js';
import { addDaysIso } from '../../domain/reporting/dates.js';
import { trafficLight } from '../../domain/reporting/traffic-light.js';
import { storable } from '../../http/input.js';
import { loadNextControlDates } from '../obligations/index.js';
import { measureAbilities, type MeasureStatus, presentMeasure } from './plans.presenter.js';
import { loadExecutors, loadReadablePlan, measureVisibility } from './plans.queries.js';

/** «Скоро срок» in measure lists: as the plan table's yellow light. */
export const LIST_SOON_DAYS = 7;

export const MEASURE_SORTS = ['position', 'number', 'deadline', 'status', 'executor', 'updated'] as const;
export type MeasureSort = (typeof MEASURE_SORTS)[number];

export interface MeasureListFilter {
  planId?: number;
  /** A section of the plan, or 'none': the measures outside any section. */
  sectionId?: number | 'none';
  /** An organisation executing the measure (lead or co-executor). */
  executorId?: number;
  status?: MeasureStatus | 'none';
  /** 'overdue': open control date passed; 'soon': falls within LIST_SOON_DAYS. */
  due?: 'overdue' | 'soon';
  /** Words of the number, title or execution text (Russian stemming). */
  q?: string;
  archived?: 'exclude' | 'include' | 'only';
  sort?: MeasureSort;
  dir?: 'asc' | 'desc';
  limit?: number;
  cursor?: string;
  today: string;
}

type KeyType = 'int' | 'date' | 'text' | 'numeric[]' | 'timestamptz';
interface SortKey {
  expr: string;
  type: KeyType;
}

/** The measure's number as a list of its figures: «1.10» after «1.9», «2» before «10». */
const NUMBER_KEY = `coalesce(array_remove(string_to_array(regexp_replace(m.number, '[^0-9]+', '.', 'g'), '.'), '')::numeric[], '{}')`;
/** Lead executor's short name: from the row's lateral join `lx`. */
const EXECUTOR_KEY = `coalesce(lx.short_name, '')`;
const STATUS_KEY = `CASE m.status WHEN 'not_done' THEN 0 WHEN 'partial' THEN 1 WHEN 'not_due' THEN 3 WHEN 'done' THEN 4 ELSE 2 END`;

const SORT_KEYS: Record<MeasureSort, SortKey[]> = {
  // The plan's own order: plans, then sections by position (no section first), then measures by position.
  position: [
    { expr: 'm.plan_id', type: 'int' },
    { expr: 'coalesce(sx.position, -1)', type: 'int' },
    { expr: 'm.position', type: 'int' },
  ],
  number: [
    { expr: NUMBER_KEY, type: 'numeric[]' },
    { expr: 'm.number', type: 'text' },
  ],
  deadline: [{ expr: `coalesce(m.open_due, '9999-12-31'::date)`, type: 'date' }],
  status: [{ expr: STATUS_KEY, type: 'int' }],
  executor: [{ expr: EXECUTOR_KEY, type: 'text' }],
  updated: [{ expr: 'm.updated_at', type: 'timestamptz' }],
};

const VALUE_SHAPES: Record<KeyType, (v: string) => boolean> = {
  int: (v) => /^-?\d{1,10}$/.test(v) && Math.abs(Number(v)) <= 2_147_483_647,
  date: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)),
  text: (v) => v.length <= 2000 && storable(v),
  'numeric[]': (v) => /^\{(\d{1,30}(,\d{1,30}){0,50})?\}$/.test(v),
  timestamptz: (v) => v.length <= 40 && /^\d{4}-\d{2}-\d{2}[ T][0-9:.+-]+$/.test(v) && !Number.isNaN(Date.parse(v)),
};

const badCursor = () =>
  new DomainError(
    'validation',
    'list.cursor',
    'Ссылка на следующую страницу устарела или повреждена: откройте список заново',
    'malformed list cursor',
  );

function decodeCursor(cursor: string, keys: SortKey[]): string[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  // The sort's keys, then the id.
  if (!Array.isArray(values) || values.length !== keys.length + 1) throw badCursor();
  const shapes = [...keys.map((k) => k.type), 'int' as const];
  if (!values.every((v, i) => typeof v === 'string' && VALUE_SHAPES[shapes[i]](v))) throw badCursor();
  return values as string[];
}

const encodeCursor = (values: string[]) => Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');

export async function listMeasures(db: Queryable, actor: Actor, f: MeasureListFilter) {
  if (f.planId !== undefined) await loadReadablePlan(db, actor, f.planId);
  const params: unknown[] = [actor.regionId, actor.organisationId];
  const add = (v: unknown) => `$${params.push(v)}`;
  const w = [measureVisibility(actor)];
  if (f.planId !== undefined) w.push(`m.plan_id = ${add(f.planId)}`);
  // Across plans: what is still run (an archived plan's measures are history).
  else w.push(`EXISTS (SELECT 1 FROM plans lp WHERE lp.id = m.plan_id AND lp.status <> 'archived')`);
  if (f.sectionId === 'none') w.push(`m.section_id IS NULL`);
  else if (f.sectionId !== undefined) w.push(`m.section_id = ${add(f.sectionId)}`);
  if (f.executorId !== undefined)
    w.push(
      `EXISTS (SELECT 1 FROM measure_executors fe WHERE fe.measure_id = m.id AND fe.organisation_id = ${add(f.executorId)})`,
    );
  if (f.status === 'none') w.push(`m.status IS NULL`);
  else if (f.status) w.push(`m.status = ${add(f.status)}`);
  const archived = f.archived ?? 'exclude';
  if (archived === 'exclude') w.push(`m.archived_at IS NULL`);
  else if (archived === 'only') w.push(`m.archived_at IS NOT NULL`);
  if (f.due) {
    // The traffic light's rule (domain/reporting/traffic-light.ts): red and yellow.
    w.push(`m.closed_at IS NULL`, `m.status IS DISTINCT FROM 'done'`);
    if (f.due === 'overdue') w.push(`m.open_due < ${add(f.today)}::date`);
    else
      w.push(`m.open_due >= ${add(f.today)}::date`, `m.open_due <= ${add(addDaysIso(f.today, LIST_SOON_DAYS))}::date`);
  }
  const q = f.q?.trim();
  if (q) {
    const p = add(q);
    w.push(`(m.search @@ websearch_to_tsquery('russian', ${p}) OR m.number = ${p})`);
  }
  const where = w.join(' AND ');
  const from = `FROM measures m
    LEFT JOIN sections sx ON sx.id = m.section_id
    LEFT JOIN LATERAL (SELECT o.short_name FROM measure_executors le JOIN organisations o ON o.id = le.organisation_id
                       WHERE le.measure_id = m.id AND le.role = 'lead' ORDER BY le.position LIMIT 1) lx ON true`;

  const sort = f.sort ?? 'position';
  const desc = f.dir === 'desc';
  const keys = SORT_KEYS[sort];
  const all = [...keys, { expr: 'm.id', type: 'int' as const }];
  const limit = f.limit ?? 50;
  const countParams = params.slice();
  let after = '';
  if (f.cursor) {
    const values = decodeCursor(f.cursor, keys);
    const placeholders = values.map((v, i) => `${add(v)}::${all[i].type}`);
    after = ` AND (${all.map((k) => k.expr).join(', ')}) ${desc ? '<' : '>'} (${placeholders.join(', ')})`;
  }
  const order = all.map((k) => `${k.expr} ${desc ? 'DESC' : 'ASC'}`).join(', ');
  const keySelect = all.map((k, i) => `(${k.expr})::text AS k${i}`).join(', ');
  const [rows, total] = await Promise.all([
    db.query<Record<string, unknown>>(
      `SELECT m.*, ${keySelect} ${from} WHERE ${where}${after} ORDER BY ${order} LIMIT ${add(limit + 1)}`,
      params,
    ),
    // The total ignores the cursor: how many the whole list holds.
    db.one<{ n: number }>(`SELECT count(*)::int AS n FROM measures m WHERE ${where}`, countParams),
  ]);
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor = more && last ? encodeCursor(all.map((_, i) => String(last[`k${i}`]))) : null;
  return {
    items: await decorate(db, actor, page, f.today),
    total: Number(total?.n ?? 0),
    nextCursor,
    today: f.today,
  };
}

/** Executors, the next control date, the traffic light, the plan and the actor's abilities of each row. */
async function decorate(db: Queryable, actor: Actor, rows: Record<string, unknown>[], today: string) {
  const ids = rows.map((r) => Number(r.id));
  const planIds = [...new Set(rows.map((r) => Number(r.plan_id)))];
  const [executors, next, plans] = await Promise.all([
    loadExecutors(db, ids),
    loadNextControlDates(db, ids, today),
    planIds.length
      ? db.query<{
          id: number;
          region_id: number;
          owner_organisation_id: number;
          status: string;
          kind: string;
          title: string;
        }>(`SELECT id, region_id, owner_organisation_id, status, kind, title FROM plans WHERE id = ANY($1::int[])`, [
          planIds,
        ])
      : Promise.resolve([]),
  ]);
  const planById = new Map(plans.map((p) => [Number(p.id), p]));
  return rows.map((r) => {
    const m = presentMeasure(r, executors.get(Number(r.id)) ?? []);
    const p = planById.get(m.planId)!;
    const subject = {
      regionId: Number(p.region_id),
      ownerOrganisationId: Number(p.owner_organisation_id),
      status: p.status as 'draft' | 'active' | 'archived',
    };
    return {
      ...m,
      plan: { id: Number(p.id), title: String(p.title), kind: p.kind as 'plan' | 'council_decisions' },
      nextControl: next.get(m.id) ?? null,
      light: trafficLight({ status: m.status, closed: m.closed, openDue: m.openDue }, today, LIST_SOON_DAYS),
      abilities: measureAbilities(actor, {
        regionId: subject.regionId,
        plan: subject,
        executorOrganisationIds: [m.leadExecutor?.id, ...m.coExecutors.map((c) => c.id)].filter(
          (x): x is number => x != null,
        ),
      }),
    };
  });
}
