/**
 * One small database interface over both engines: embedded PGlite (default, data in
 * DATA_DIR) and PostgreSQL (DATABASE_URL). Queries are plain parameterised SQL in the
 * PostgreSQL dialect; the same migrations serve both.
 *
 * Why not an ORM: every query here is a few lines of SQL that must behave identically
 * on PGlite and PostgreSQL and stay friendly to a sharded PostgreSQL later; a thin
 * typed wrapper keeps that visible (see README, Architecture).
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { ConnectionQueue, turn } from './pglite-queue.js';
import type { Pool, PoolClient } from 'pg';

export type Row = Record<string, unknown>;

/**
 * `prepare`: on PostgreSQL, run as a named prepared statement so that the server plans it
 * once per connection instead of on every call. For the hot read paths (session lookup,
 * dashboard) whose SQL texts are few and fixed: planning was measured at 1–3.5 ms of a
 * ~1 ms query on the region dataset. PGlite ignores it.
 */
export interface QueryOptions {
  prepare?: boolean;
}

export interface Queryable {
  query<T = Row>(sql: string, params?: unknown[], opts?: QueryOptions): Promise<T[]>;
  /** Single row or undefined. */
  one<T = Row>(sql: string, params?: unknown[], opts?: QueryOptions): Promise<T | undefined>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction; rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

function wrapQuery(run: (sql: string, params?: unknown[], opts?: QueryOptions) => Promise<Row[]>): Queryable {
  return {
    query: run as Queryable['query'],
    one: async <T>(sql: string, params?: unknown[], opts?: QueryOptions) =>
      (await run(sql, params, opts))[0] as T | undefined,
  };
}

/** A statement's name derived from its text, so the same SQL always maps to the same prepared statement. */
const statementName = (sql: string) => `s_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;

export interface OpenOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** Open PGlite from a dumped data directory (fast test databases). */
  loadDataDir?: Blob;
  /** In-memory PGlite (tests). */
  memory?: boolean;
  /**
   * A PGlite data directory (the build's migrated empty database, closed cleanly) copied
   * into dataDir when that holds no database yet: skips initdb and the migrations, most of
   * a cold start. A plain file copy: loading a dump through PGlite's file system emulation
   * took twice as long.
   */
  template?: string;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  return openPglite(opts);
}

async function openPglite(opts: OpenOptions): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  let dataDir: string | undefined;
  if (!opts.memory && opts.dataDir) {
    dataDir = resolve(join(opts.dataDir, 'pglite'));
    mkdirSync(dataDir, { recursive: true });
  }
  if (
    dataDir &&
    opts.template &&
    existsSync(join(opts.template, 'PG_VERSION')) &&
    !existsSync(join(dataDir, 'PG_VERSION'))
  ) {
    cpSync(opts.template, dataDir, { recursive: true });
  }
  // Dates as ISO strings on both engines (see openPostgres).
  const pg: PGlite = await PGlite.create({
    dataDir,
    loadDataDir: opts.loadDataDir,
    parsers: { 1082: (v: string) => v },
  });
  // PGlite is single-connection: a transaction has it to itself (a query from another
  // request never lands inside it), and everything waits its turn fairly (see pglite-queue.ts).
  const queue = new ConnectionQueue();
  const run = async (sql: string, params?: unknown[]) => (await pg.query<Row>(sql, params as unknown[])).rows;
  return {
    kind: 'pglite',
    ...wrapQuery((sql, params) => queue.run('single', () => run(sql, params))),
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return queue.run('transaction', () =>
        pg.transaction(async (tx) =>
          fn(
            wrapQuery(async (sql, params) => {
              // A long transaction lets the event loop in between its statements.
              await turn();
              return (await tx.query<Row>(sql, params as unknown[])).rows;
            }),
          ),
        ),
      ) as Promise<T>;
    },
    close: () => pg.close(),
    // Exposed for tests that snapshot a migrated database.
    ...({ pglite: pg } as object),
  };
}

async function openPostgres(url: string): Promise<Database> {
  const pgmod = await import('pg');
  const pg = pgmod.default;
  // int8 (bigint, count(*)) as JS number: our ids and counts stay far below 2^53,
  // and PGlite returns numbers too, so both engines give the same shapes.
  pg.types.setTypeParser(20, (v: string) => Number(v));
  // numeric stays a string on both engines; dates as ISO strings, not JS Dates.
  pg.types.setTypeParser(1082, (v: string) => v);
  const pool: Pool = new pg.Pool({ connectionString: url, max: Number(process.env.PG_POOL_MAX ?? 10) });
  // An idle client dropped by the server (restart, admin kill) must not crash the process:
  // the pool discards it and the next query opens a new connection.
  pool.on('error', (err) => {
    console.error(`PostgreSQL idle client error: ${err.message}`);
  });
  const run = async (client: Pool | PoolClient, sql: string, params?: unknown[], opts?: QueryOptions) =>
    (opts?.prepare
      ? await client.query({ name: statementName(sql), text: sql, values: params })
      : await client.query(sql, params)
    ).rows as Row[];
  return {
    kind: 'postgres',
    ...wrapQuery((sql, params, opts) => run(pool, sql, params, opts)),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrapQuery((sql, params, opts) => run(client, sql, params, opts)));
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
