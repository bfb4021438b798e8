/**
 * Loads the region-scale dataset (../shared/tools/region-data.py --csv) into an
 * Ispolnenie database: 500 organisations, 2,000 users, 200 plans with sections,
 * 30,000 measures with their executors (and, once reports exist, ~300,000 reports).
 * Bulk inserts go through unnest() of arrays, which both PGlite and PostgreSQL take
 * as one statement per batch.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { copyLine, type Database, type Queryable } from '../src/db/database';

/** COPY input in chunks of a thousand lines: one stream write per chunk, not per row. */
function* batched<T>(items: T[], line: (item: T) => string, size = 1000): Generator<string> {
  for (let i = 0; i < items.length; i += size)
    yield items
      .slice(i, i + size)
      .map(line)
      .join('');
}
import { migrate } from '../src/db/migrate';
import { hashPassword } from '../src/modules/auth/index';
import { regenerateControlPoints } from '../src/modules/obligations/index';
import { createPeriodsOfNewPlans, refreshOpenDue } from '../src/modules/obligations/index';

export const BENCH_REGION = 'Энская область';
export const BENCH_PASSWORD = 'bench-password-1';

/**
 * Minimal RFC 4180 reader for the generator's CSV (quoted fields, doubled quotes, newlines
 * in quotes). Fields are cut with slice() rather than built character by character: V8
 * keeps a string grown by += as a rope of nodes, which for 180 MB of report texts would
 * take gigabytes.
 */
export async function* readCsv(file: string): AsyncGenerator<Record<string, string>> {
  const rl = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let header: string[] | null = null;
  let fields: string[] = [];
  let pending: string[] | null = null; // pieces of a quoted field that spans lines
  for await (const line of rl) {
    let i = 0;
    if (pending) {
      // Continue the open quoted field.
      const r = readQuoted(line, 0);
      pending.push(r.text);
      if (!r.closed) {
        pending.push('\n');
        continue;
      }
      fields.push(pending.join(''));
      pending = null;
      i = r.next;
      if (line[i] === ',') i++;
      else if (i >= line.length) {
        i = -1;
      }
    }
    while (i >= 0 && i <= line.length) {
      if (line[i] === '"') {
        const r = readQuoted(line, i + 1);
        if (!r.closed) {
          pending = [r.text, '\n'];
          break;
        }
        fields.push(r.text);
        i = r.next;
        if (line[i] === ',') {
          i++;
          continue;
        }
        break;
      }
      const comma = line.indexOf(',', i);
      if (comma < 0) {
        fields.push(line.slice(i));
        break;
      }
      fields.push(line.slice(i, comma));
      i = comma + 1;
    }
    if (pending) continue;
    if (!header) header = fields;
    else yield Object.fromEntries(header.map((h, k) => [h, fields[k] ?? '']));
    fields = [];
  }
}

/** Reads a quoted field's content from `from` (just after the opening quote). */
function readQuoted(line: string, from: number): { text: string; closed: boolean; next: number } {
  const parts: string[] = [];
  let i = from;
  for (;;) {
    const q = line.indexOf('"', i);
    if (q < 0) {
      parts.push(line.slice(i));
      return { text: parts.join(''), closed: false, next: line.length };
    }
    parts.push(line.slice(i, q));
    if (line[q + 1] === '"') {
      parts.push('"');
      i = q + 2;
      continue;
    }
    return { text: parts.join(''), closed: true, next: q + 1 };
  }
}

/** Generates the CSV files once (about 16 s) into DIR, reusing them when present. */
export function ensureRegionCsv(dir = resolve('/tmp/ispolnenie-region-csv')): string {
  if (existsSync(join(dir, 'reports.csv'))) return dir;
  const tool = resolve('../shared/tools/region-data.py');
  if (!existsSync(tool))
    throw new Error(`region generator not found at ${tool}: benchmarks need ../shared beside the project`);
  execFileSync('python3', [tool, '--csv', dir], { stdio: 'inherit' });
  return dir;
}

async function insertBatches<T>(_db: unknown, rows: T[], batch: number, fn: (chunk: T[]) => Promise<void>) {
  for (let i = 0; i < rows.length; i += batch) await fn(rows.slice(i, i + batch));
}

export interface LoadedRegion {
  regionId: number;
  planIds: number[];
  orgIds: number[];
  adminLogin: string;
  biggestPlanId: number;
  typicalPlanId: number;
}

/** Loads the dataset unless the database already holds it; returns ids for the benchmarks. */
export async function loadRegion(db: Database, dir: string, log = console.log): Promise<LoadedRegion> {
  await migrate(db);
  let region = await db.one<{ id: number }>(`SELECT id FROM regions WHERE name = $1`, [BENCH_REGION]);
  if (!region)
    region = await db.transaction(async (db) => {
      const t0 = performance.now();
      const hash = await hashPassword(BENCH_PASSWORD);
      const regionId = (await db.one<{ id: number }>(`INSERT INTO regions (name) VALUES ($1) RETURNING id`, [
        BENCH_REGION,
      ]))!.id;
      const orgRows: { id: number; name: string }[] = [];
      for await (const r of readCsv(join(dir, 'orgs.csv'))) orgRows.push({ id: Number(r.org_id), name: r.name });
      const gov = await db.one<{ id: number }>(
        `INSERT INTO organisations (region_id, kind, full_name, short_name) VALUES ($1,'region','Правительство Энской области','Правительство') RETURNING id`,
        [regionId],
      );
      const orgIdByCsv = new Map<number, number>();
      const inserted = await db.query<{ id: number }>(
        `INSERT INTO organisations (region_id, parent_id, kind, full_name, short_name)
       SELECT $1, $2, CASE WHEN n LIKE 'Министерство%' THEN 'executive' WHEN n LIKE 'Администрация%' THEN 'municipality' ELSE 'institution' END, n, n
       FROM unnest($3::text[]) WITH ORDINALITY AS t(n, ord) ORDER BY t.ord RETURNING id`,
        [regionId, gov!.id, orgRows.map((o) => o.name)],
      );
      orgRows.forEach((o, i) => orgIdByCsv.set(o.id, inserted[i].id));
      // 2,000 users: an administrator, a coordinator in the first ministry, and executors spread over the organisations.
      const logins: string[] = [],
        names: string[] = [],
        roles: string[] = [],
        orgs: number[] = [];
      logins.push('bench-admin');
      names.push('Администратор');
      roles.push('admin');
      orgs.push(gov!.id);
      logins.push('bench-coordinator');
      names.push('Координатор');
      roles.push('coordinator');
      orgs.push(orgIdByCsv.get(1)!);
      for (let i = 0; logins.length < 2000; i++) {
        logins.push(`bench-user-${i}`);
        names.push(`Исполнитель ${i}`);
        roles.push(i % 50 === 0 ? 'observer' : 'executor');
        orgs.push(orgIdByCsv.get((i % orgRows.length) + 1)!);
      }
      await db.query(
        `INSERT INTO users (region_id, organisation_id, login, full_name, role, password_hash)
       SELECT $1, o, l, n, r, $6 FROM unnest($2::text[], $3::text[], $4::text[], $5::int[]) AS t(l, n, r, o)`,
        [regionId, logins, names, roles, orgs, hash],
      );
      const planIdByCsv = new Map<number, number>();
      const sectionIds = new Map<string, number>();
      for await (const p of readCsv(join(dir, 'plans.csv'))) {
        const r = await db.one<{ id: number }>(
          `INSERT INTO plans (region_id, kind, title, owner_organisation_id, period_from, period_to, status) VALUES ($1,'plan',$2,$3,'2025-01-01','2027-12-31','active') RETURNING id`,
          [regionId, p.name, orgIdByCsv.get(1 + (Number(p.plan_id) % 20))],
        );
        planIdByCsv.set(Number(p.plan_id), r!.id);
        const titles = p.sections.split(' | ').filter(Boolean);
        const secs = await db.query<{ id: number }>(
          `INSERT INTO sections (plan_id, number, title, position) SELECT $1, ord::text, t, ord FROM unnest($2::text[]) WITH ORDINALITY AS x(t, ord) ORDER BY x.ord RETURNING id`,
          [r!.id, titles],
        );
        titles.forEach((t, i) => sectionIds.set(`${p.plan_id}|${t}`, secs[i].id));
      }
      log(`  organisations, users, plans: ${Math.round(performance.now() - t0)} ms`);
      type M = {
        plan: number;
        section: number | null;
        number: string;
        title: string;
        result: string;
        deadline: string;
        status: string;
        org: number;
        csvId: number;
      };
      const measures: M[] = [];
      for await (const m of readCsv(join(dir, 'measures.csv'))) {
        measures.push({
          plan: planIdByCsv.get(Number(m.plan_id))!,
          section: sectionIds.get(`${m.plan_id}|${m.section}`) ?? null,
          number: m.number,
          title: m.title,
          result: m.description.replace(/^Ожидаемый результат:\s*/, ''),
          deadline: m.deadline_text,
          status: m.status,
          org: orgIdByCsv.get(Number(m.executor_org_id))!,
          csvId: Number(m.measure_id),
        });
      }
      const measureIdByCsv = new Map<number, number>();
      if (db.copyFrom) {
        // PostgreSQL: COPY, then two set-based inserts; a measure is found again by its plan and
        // position (the generator's measure id, unique).
        await db.query(`CREATE TEMP TABLE load_measures (plan_id int, section_id int, number text, title text, result text,
          deadline text, status text, csv_id int, org int) ON COMMIT DROP`);
        await db.copyFrom(
          'COPY load_measures FROM STDIN',
          batched(measures, (m) =>
            copyLine([m.plan, m.section, m.number, m.title, m.result, m.deadline, m.status || null, m.csvId, m.org]),
          ),
        );
        await db.query(
          `INSERT INTO measures (region_id, plan_id, section_id, number, title, expected_result, deadline_text, status, position)
           SELECT $1, plan_id, section_id, number, title, result, deadline, status, csv_id FROM load_measures ORDER BY csv_id`,
          [regionId],
        );
        await db.query(
          `INSERT INTO measure_executors (measure_id, organisation_id, role, position)
           SELECT m.id, l.org, 'lead', 0 FROM load_measures l JOIN measures m ON m.plan_id = l.plan_id AND m.position = l.csv_id
           WHERE m.region_id = $1`,
          [regionId],
        );
        for (const r of await db.query<{ id: number; position: number }>(
          `SELECT id, position FROM measures WHERE region_id = $1`,
          [regionId],
        ))
          measureIdByCsv.set(Number(r.position), Number(r.id));
      } else
        await insertBatches(db, measures, 2000, async (chunk) => {
          const ids = await db.query<{ id: number }>(
            `INSERT INTO measures (region_id, plan_id, section_id, number, title, expected_result, deadline_text, status, position)
         SELECT $1, p, s, n, t, r, d, NULLIF(st, ''), ord FROM unnest($2::int[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::int[])
           AS x(p, s, n, t, r, d, st, ord) ORDER BY x.ord RETURNING id`,
            [
              regionId,
              chunk.map((m) => m.plan),
              chunk.map((m) => m.section),
              chunk.map((m) => m.number),
              chunk.map((m) => m.title),
              chunk.map((m) => m.result),
              chunk.map((m) => m.deadline),
              chunk.map((m) => m.status),
              chunk.map((m) => m.csvId),
            ],
          );
          await db.query(
            `INSERT INTO measure_executors (measure_id, organisation_id, role, position) SELECT m, o, 'lead', 0 FROM unnest($1::int[], $2::int[]) AS x(m, o)`,
            [ids.map((r) => r.id), chunk.map((m) => m.org)],
          );
          chunk.forEach((m, i) => measureIdByCsv.set(m.csvId, Number(ids[i].id)));
        });
      log(`  30,000 measures: ${Math.round(performance.now() - t0)} ms`);
      await createPeriodsOfNewPlans(db, [...planIdByCsv.values()]);
      log(`  periods: ${Math.round(performance.now() - t0)} ms`);
      if (db.copyFrom) await db.query('ANALYZE');
      // Control dates, owed reports and open dates of the whole region in one pass: a few
      // large statements rather than a dozen per plan.
      await regenerateControlPoints(db, { regionId });
      log(`  periods, control points, owed reports: ${Math.round(performance.now() - t0)} ms`);
      await loadReports(db, join(dir, 'reports.csv'), regionId, measureIdByCsv, orgIdByCsv);
      log(`  reports${db.copyFrom ? ' (COPY)' : ''}: ${Math.round(performance.now() - t0)} ms`);
      // Statistics of what this transaction wrote (autovacuum cannot see it yet): without them the
      // planner takes the new tables for empty and joins 300,000 reports by nested loops.
      if (db.copyFrom) await db.query('ANALYZE');
      // One set-based statement for the whole region (not plan by plan, not measure by measure).
      await refreshOpenDue(db, { regionId });
      log(`  open dates: ${Math.round(performance.now() - t0)} ms`);
      return { id: regionId };
    });
  const plans = await db.query<{ id: number; n: number }>(
    `SELECT p.id, (SELECT count(*) FROM measures m WHERE m.plan_id = p.id)::int AS n FROM plans p WHERE p.region_id = $1 ORDER BY p.id`,
    [region.id],
  );
  const orgs = await db.query<{ id: number }>(`SELECT id FROM organisations WHERE region_id = $1 ORDER BY id`, [
    region.id,
  ]);
  const sorted = [...plans].sort((a, b) => a.n - b.n);
  return {
    regionId: region.id,
    planIds: plans.map((p) => p.id),
    orgIds: orgs.map((o) => o.id),
    adminLogin: 'bench-admin',
    biggestPlanId: sorted[sorted.length - 1].id,
    typicalPlanId: sorted[Math.floor(sorted.length / 2)].id,
  };
}

/** The dataset's "today": reports before it are history. */
const REF_DATE = '2026-10-01';

/**
 * Reports from the CSV: the submissions of one executor for one measure and period become
 * one report (the latest text) with every submission kept as a version.
 */
async function loadReports(
  db: Queryable,
  file: string,
  regionId: number,
  measureIdByCsv: Map<number, number>,
  orgIdByCsv: Map<number, number>,
) {
  const t = performance.now();
  type Sub = { at: string; text: string; status: string };
  const groups = new Map<string, { measure: number; org: number; period: string; subs: Sub[] }>();
  for await (const r of readCsv(file)) {
    const measure = measureIdByCsv.get(Number(r.measure_id));
    const org = orgIdByCsv.get(Number(r.executor_org_id));
    if (!measure || !org) continue;
    const key = `${measure}|${org}|${r.period}`;
    const g = groups.get(key) ?? groups.set(key, { measure, org, period: r.period, subs: [] }).get(key)!;
    g.subs.push({ at: r.created_at, text: r.text, status: r.status_after });
  }
  const periods = await db.query<{ id: number; plan_id: number; label: string; report_due: string }>(
    `SELECT rp.id, rp.plan_id, rp.label, rp.report_due::text AS report_due FROM reporting_periods rp JOIN plans p ON p.id = rp.plan_id WHERE p.region_id = $1`,
    [regionId],
  );
  const periodBy = new Map(periods.map((p) => [`${p.plan_id}|${p.label}`, p]));
  const planOf = new Map(
    (
      await db.query<{ id: number; plan_id: number }>(`SELECT id, plan_id FROM measures WHERE region_id = $1`, [
        regionId,
      ])
    ).map((m) => [Number(m.id), Number(m.plan_id)]),
  );
  const rows = [...groups.values()]
    .map((g) => ({ ...g, plan: planOf.get(g.measure)!, p: periodBy.get(`${planOf.get(g.measure)}|${g.period}`) }))
    .filter((g) => g.p);
  const last = (g: (typeof rows)[number]) => g.subs[g.subs.length - 1];
  const stateOf = (g: (typeof rows)[number]) => (g.p!.report_due < REF_DATE ? 'accepted' : 'submitted');
  if (db.copyFrom) {
    const step = (what: string) => console.log(`    ${what}: ${Math.round(performance.now() - t)} ms`);
    step(`${rows.length} reports read and grouped`);
    // The full-text index is built once after the load rather than grown row by row (the
    // same transaction: a failed load leaves the index as it was).
    await db.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    await db.query(`DROP INDEX reports_search_idx`);
    // PostgreSQL: COPY into temporary tables, then two set-based statements (the owed reports
    // made with the periods are upserted; every submission becomes a version of its report).
    await db.query(`CREATE TEMP TABLE load_reports (plan_id int, measure_id int, period_id int, organisation_id int, state text,
      result_status text, text text, version int, submitted_at timestamptz, reviewed_at timestamptz, due_on date) ON COMMIT DROP`);
    await db.query(
      `CREATE TEMP TABLE load_versions (measure_id int, period_id int, organisation_id int, version int, snapshot jsonb, at timestamptz) ON COMMIT DROP`,
    );
    await db.copyFrom(
      'COPY load_reports FROM STDIN',
      batched(rows, (g) =>
        copyLine([
          g.plan,
          g.measure,
          g.p!.id,
          g.org,
          stateOf(g),
          last(g).status || null,
          last(g).text,
          g.subs.length + 1,
          g.subs[0].at,
          stateOf(g) === 'accepted' ? last(g).at : null,
          g.p!.report_due,
        ]),
      ),
    );
    step('reports copied');
    await db.copyFrom(
      'COPY load_versions FROM STDIN',
      batched(
        rows.flatMap((g) =>
          g.subs.map((sub, j) => [
            g.measure,
            g.p!.id,
            g.org,
            j + 1,
            JSON.stringify({ state: 'submitted', text: sub.text, resultStatus: sub.status || null }),
            sub.at,
          ]),
        ),
        copyLine,
      ),
    );
    step('versions copied');
    await db.query(
      `INSERT INTO reports (region_id, plan_id, measure_id, period_id, organisation_id, role, state, result_status, text, version, submitted_at, reviewed_at, due_on)
       SELECT $1, plan_id, measure_id, period_id, organisation_id, 'lead', state, result_status, text, version, submitted_at, reviewed_at, due_on FROM load_reports
       ON CONFLICT (measure_id, period_id, organisation_id) DO UPDATE SET state = EXCLUDED.state, result_status = EXCLUDED.result_status,
         text = EXCLUDED.text, version = EXCLUDED.version, submitted_at = EXCLUDED.submitted_at, reviewed_at = EXCLUDED.reviewed_at`,
      [regionId],
    );
    step('reports upserted');
    await db.query(
      `INSERT INTO report_versions (report_id, version, action, snapshot, at)
       SELECT r.id, v.version, 'submit', v.snapshot, v.at FROM load_versions v
       JOIN reports r ON r.measure_id = v.measure_id AND r.period_id = v.period_id AND r.organisation_id = v.organisation_id`,
    );
    step('versions inserted');
    await db.query(`CREATE INDEX reports_search_idx ON reports USING gin(search)`);
    step('full-text index built');
    return;
  }
  const CHUNK = 5000;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const c = rows.slice(i, i + CHUNK);
    const ids = await db.query<{ id: number }>(
      `INSERT INTO reports (region_id, plan_id, measure_id, period_id, organisation_id, role, state, result_status, text, version, submitted_at, reviewed_at, due_on)
       SELECT $1, pl, m, pe, o, 'lead', st, NULLIF(rs, ''), tx, v, sa::timestamptz, CASE WHEN st = 'accepted' THEN la::timestamptz END, du::date
       FROM unnest($2::int[], $3::int[], $4::int[], $5::int[], $6::text[], $7::text[], $8::text[], $9::int[], $10::text[], $11::text[], $12::text[]) WITH ORDINALITY
         AS x(pl, m, pe, o, st, rs, tx, v, sa, la, du, ord)
       ORDER BY ord
       ON CONFLICT (measure_id, period_id, organisation_id) DO UPDATE SET state = EXCLUDED.state, result_status = EXCLUDED.result_status,
         text = EXCLUDED.text, version = EXCLUDED.version, submitted_at = EXCLUDED.submitted_at, reviewed_at = EXCLUDED.reviewed_at
       RETURNING id`,
      [
        regionId,
        c.map((g) => g.plan),
        c.map((g) => g.measure),
        c.map((g) => g.p!.id),
        c.map((g) => g.org),
        c.map(stateOf),
        c.map((g) => last(g).status),
        c.map((g) => last(g).text),
        c.map((g) => g.subs.length + 1),
        c.map((g) => g.subs[0].at),
        c.map((g) => last(g).at),
        c.map((g) => g.p!.report_due),
      ],
    );
    const v = { report: [] as number[], version: [] as number[], snap: [] as string[], at: [] as string[] };
    c.forEach((g, k) =>
      g.subs.forEach((sub, j) => {
        v.report.push(Number(ids[k].id));
        v.version.push(j + 1);
        v.at.push(sub.at);
        v.snap.push(JSON.stringify({ state: 'submitted', text: sub.text, resultStatus: sub.status || null }));
      }),
    );
    await db.query(
      `INSERT INTO report_versions (report_id, version, action, snapshot, at) SELECT r, v, 'submit', s::jsonb, a::timestamptz FROM unnest($1::int[], $2::int[], $3::text[], $4::text[]) AS x(r, v, s, a)`,
      [v.report, v.version, v.snap, v.at],
    );
  }
}
