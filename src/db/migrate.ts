/**
 * Forward-only migrations: `src/db/migrations/NNNN_name.sql`, applied in name order,
 * each in its own transaction, recorded in schema_migrations. The same files serve
 * PGlite and PostgreSQL. A migration, once released, is never edited: add a new one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PATHS } from '../paths.js';
import type { Database } from './database.js';

const migrationsDir = PATHS.migrations;

export function listMigrations(): { name: string; sql: string }[] {
  return readdirSync(migrationsDir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(migrationsDir, name), 'utf8') }));
}

/** Applies pending migrations; returns the names applied. */
export async function migrate(db: Database): Promise<string[]> {
  await db.query(
    `CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  // Two instances starting together on PostgreSQL must not both migrate.
  const lock = db.kind === 'postgres';
  const applied: string[] = [];
  for (const m of listMigrations()) {
    const done = await db.transaction(async (tx) => {
      if (lock) await tx.query(`SELECT pg_advisory_xact_lock(7310001)`);
      const exists = await tx.one(`SELECT 1 FROM schema_migrations WHERE name = $1`, [m.name]);
      if (exists) return false;
      // Multi-statement SQL: run statement by statement so that both drivers accept it.
      for (const stmt of splitSql(m.sql)) await tx.query(stmt);
      await tx.query(`INSERT INTO schema_migrations(name) VALUES ($1)`, [m.name]);
      return true;
    });
    if (done) applied.push(m.name);
  }
  return applied;
}

/** Splits a migration file on semicolons at line ends, outside dollar-quoted bodies. */
export function splitSql(sql: string): string[] {
  const out: string[] = [];
  let buf = '';
  let inDollar = false;
  for (const line of sql.split('\n')) {
    const trimmed = line.trim();
    if (!inDollar && (trimmed.startsWith('--') || trimmed === '')) continue;
    if ((line.match(/\$\$/g) ?? []).length % 2 === 1) inDollar = !inDollar;
    buf += line + '\n';
    if (!inDollar && trimmed.endsWith(';')) {
      out.push(buf.trim());
      buf = '';
    }
  }
  if (buf.trim()) out.push(buf.trim());
  return out;
}
