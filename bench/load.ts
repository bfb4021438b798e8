/**
 * Onboarding a region (issue 17): loads the region dataset (500 organisations, 200 plans,
 * 30,000 measures, ~300,000 reports) into a fresh database and prints how long it took,
 * step by step and in total. On PostgreSQL the reports go through COPY and the open dates
 * are derived in one set-based statement; all in one transaction (all or nothing).
 *   npm run bench -- load [--pg]     (goal: ≤ 30 s on PostgreSQL)
 * The database is BENCH_LOAD_DATABASE_URL (default …/ispolnenie_load), dropped and made anew.
 */
import { rmSync } from 'node:fs';
import { openDatabase } from '../src/db/database';
import { ensureRegionCsv, loadRegion } from './_region';

export async function run(argv: string[]) {
  const dir = ensureRegionCsv();
  const pg = argv.includes('--pg') || argv.includes('--postgres');
  let db;
  if (pg) {
    const url = new URL(process.env.BENCH_LOAD_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ispolnenie_load');
    const name = url.pathname.slice(1);
    if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unexpected database name ${name}`);
    const adminUrl = new URL(url);
    adminUrl.pathname = '/postgres';
    const admin = await openDatabase({ databaseUrl: adminUrl.toString() });
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.close();
    db = await openDatabase({ databaseUrl: url.toString() });
  } else {
    const dataDir = process.env.BENCH_LOAD_DATA_DIR ?? '/tmp/ispolnenie-load-data';
    rmSync(dataDir, { recursive: true, force: true });
    db = await openDatabase({ dataDir });
  }
  const t = performance.now();
  const region = await loadRegion(db, dir, (m) => console.log(m));
  const seconds = (performance.now() - t) / 1000;
  const counts = await db.one<Record<string, number>>(
    `SELECT (SELECT count(*) FROM plans WHERE region_id = $1)::int AS plans,
            (SELECT count(*) FROM measures WHERE region_id = $1)::int AS measures,
            (SELECT count(*) FROM reports WHERE region_id = $1 AND state IN ('submitted','accepted'))::int AS reports,
            (SELECT count(*) FROM measures WHERE region_id = $1 AND open_due IS NOT NULL)::int AS open_dates`,
    [region.regionId],
  );
  await db.close();
  console.log(
    `load on ${pg ? 'postgres' : 'pglite'}: ${seconds.toFixed(1)} s (goal ≤ 30 s on PostgreSQL) — ${JSON.stringify(counts)}`,
  );
}
