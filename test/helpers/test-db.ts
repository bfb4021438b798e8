/**
 * Test databases on both engines. PGlite: a migrated, demo-seeded data directory is
 * built once and cached on disk (a fresh initdb costs seconds), then each suite loads
 * its own copy. PostgreSQL (when DATABASE_URL is set): each suite gets a new database
 * created from the URL's server and dropped afterwards.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../src/db/database';
import { seedDemo } from '../../src/demo/demo-seed';
import { listMigrations, migrate } from '../../src/db/migrate';

export type Engine = 'pglite' | 'postgres';

/** Engines the suite runs on: always PGlite, and PostgreSQL when DATABASE_URL is set. */
export const engines: Engine[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

function snapshotKey(): string {
  const h = createHash('sha256');
  for (const m of listMigrations()) h.update(m.name).update(m.sql);
  h.update(readFileSync(new URL('../../src/demo/demo-seed.ts', import.meta.url)));
  return h.digest('hex').slice(0, 16);
}

async function pgliteSnapshot(): Promise<Blob> {
  const dir = join(tmpdir(), 'ispolnenie-test-cache');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `pglite-${snapshotKey()}.tar.gz`);
  if (!existsSync(file)) {
    const db = await openDatabase({ memory: true });
    await migrate(db);
    await seedDemo(db);
    const dump = await (db as unknown as { pglite: { dumpDataDir: (c: 'gzip') => Promise<Blob> } }).pglite.dumpDataDir(
      'gzip',
    );
    await db.close();
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    renameSync(tmp, file); // atomic: parallel workers never read a half-written file
  }
  return new Blob([readFileSync(file)]);
}

export interface TestDatabase {
  db: Database;
  dispose(): Promise<void>;
}

/** A migrated database holding the demo region, private to the calling suite. */
export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const db = await openDatabase({ memory: true, loadDataDir: await pgliteSnapshot() });
    return { db, dispose: () => db.close() };
  }
  const base = process.env.DATABASE_URL!;
  const name = `isp_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = await openDatabase({ databaseUrl: base });
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString() });
  await migrate(db);
  await seedDemo(db);
  return {
    db,
    async dispose() {
      await db.close(); // pool.end() waits for its clients to disconnect
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}
