/**
 * Benchmark plumbing: a database with the region loaded, the real server in a child
 * process (so that the load generator does not share its event loop), and a bounded
 * closed-loop HTTP load against loopback only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openDatabase } from '../src/db/database';
import { percentile } from './_stats';
import { BENCH_PASSWORD, ensureRegionCsv, loadRegion, type LoadedRegion } from './_region';

export interface BenchTarget {
  engine: 'pglite' | 'postgres';
  env: Record<string, string>;
}

export function pickTarget(argv: string[]): BenchTarget {
  if (argv.includes('--pg') || argv.includes('--postgres')) {
    const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ispolnenie_bench';
    return { engine: 'postgres', env: { DATABASE_URL: url } };
  }
  return { engine: 'pglite', env: { DATA_DIR: process.env.BENCH_DATA_DIR ?? '/tmp/ispolnenie-bench-data' } };
}

async function ensurePgDatabase(url: string) {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  u.pathname = '/postgres';
  const admin = await openDatabase({ databaseUrl: u.toString() });
  const exists = await admin.one(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
  if (!exists) await admin.query(`CREATE DATABASE ${name}`);
  await admin.close();
}

export async function prepareRegion(target: BenchTarget): Promise<LoadedRegion> {
  const dir = ensureRegionCsv();
  if (target.engine === 'postgres') await ensurePgDatabase(target.env.DATABASE_URL);
  const db = await openDatabase({ databaseUrl: target.env.DATABASE_URL, dataDir: target.env.DATA_DIR });
  const t = performance.now();
  const region = await loadRegion(db, dir, (m) => console.log(m));
  // Index-only scans need the visibility map that VACUUM sets (autovacuum does it in production).
  await db.query('VACUUM (ANALYZE)');
  console.log(`region ready on ${target.engine} in ${Math.round(performance.now() - t)} ms`);
  await db.close();
  return region;
}

export interface RunningServer {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startServer(
  target: BenchTarget,
  port = 3900 + Math.floor(Math.random() * 90),
  extraEnv: Record<string, string> = {},
): Promise<RunningServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts', '--no-demo'], {
    env: {
      ...process.env,
      ...target.env,
      ...extraEnv,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      REMINDERS_ENABLED: '0',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (b: Buffer) => {
      if (b.toString().includes('is ready')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function logInOverHttp(url: string, login: string): Promise<Record<string, string>> {
  const r = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: BENCH_PASSWORD }),
  });
  if (r.status !== 200) throw new Error(`login failed: ${r.status} ${await r.text()}`);
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0];
  // The CSRF token rides along so that the same headers serve writes too.
  const { csrfToken } = (await r.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken };
}

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  bytes: number;
}

/** Closed loop: `concurrency` clients, each sending the next request when the previous answers, for `seconds`. */
export async function runLoad(
  urls: () => string,
  headers: Record<string, string>,
  concurrency: number,
  seconds: number,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        try {
          const r = await fetch(urls(), { headers });
          const body = await r.arrayBuffer();
          bytes += body.byteLength;
          if (r.status !== 200) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    seconds: elapsed,
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    bytes,
  };
}

export const describeLoad = (r: LoadResult) =>
  `${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms (${r.requests} requests, ${r.errors} errors, ${(r.bytes / r.requests / 1024).toFixed(0)} KiB each)`;
