/**
 * The views of issue 17's side-by-side table, on the region dataset (200 plans, 30,000
 * measures, ~300,000 reports), with the dashboard cache off, 20 concurrent connections each
 * (autocannon, against the real server in a child process on loopback):
 *   npm run bench -- peer-views [--pg] [--connections 20] [--seconds 10]
 * Prints req/s and p95 per view beside the issue's goal (≥ 20× Redmine's req/s; p95 bound).
 */
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import { openDatabase } from '../src/db/database';
import { percentile } from './_stats';
import { logInOverHttp, pickTarget, prepareRegion, startServer } from './_server';

interface View {
  name: string;
  /** Redmine's best figure in the issue's table (req/s); the goal is 20× it. */
  redmine: number | null;
  p95Goal: number;
  path: () => string;
}

export async function run(argv: string[]) {
  const arg = (name: string, d: number) => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : d;
  };
  const connections = arg('--connections', 20);
  const seconds = arg('--seconds', 10);
  const target = pickTarget(argv);
  const region = await prepareRegion(target);
  const db = await openDatabase({ databaseUrl: target.env.DATABASE_URL, dataDir: target.env.DATA_DIR });
  // Measures with reports, spread over the region; executors that have overdue measures.
  const measureIds = (
    await db.query<{ id: number }>(
      `SELECT DISTINCT measure_id AS id FROM reports WHERE region_id = $1 AND state = 'accepted' ORDER BY 1 LIMIT 2000`,
      [region.regionId],
    )
  ).map((r) => Number(r.id));
  const executorIds = (
    await db.query<{ id: number }>(
      `SELECT DISTINCT me.organisation_id AS id FROM measures m JOIN measure_executors me ON me.measure_id = m.id
       WHERE m.region_id = $1 AND m.archived_at IS NULL AND m.open_due < current_date ORDER BY 1`,
      [region.regionId],
    )
  ).map((r) => Number(r.id));
  await db.close();
  let k = 0;
  const pick = <T>(xs: T[]) => xs[k++ % xs.length];
  const views: View[] = [
    {
      name: "one plan's measures, first 25 by deadline (biggest plan)",
      redmine: 5,
      p95Goal: 100,
      path: () => `/api/measures?planId=${region.biggestPlanId}&sort=deadline&limit=25`,
    },
    {
      name: "one executor's overdue measures, all plans (rotating executors)",
      redmine: 4,
      p95Goal: 100,
      path: () => `/api/measures?executorId=${pick(executorIds)}&due=overdue&sort=deadline&limit=25`,
    },
    {
      name: 'counts by status, one plan (rotating plans)',
      redmine: 23,
      p95Goal: 50,
      path: () => `/api/plans/${pick(region.planIds)}`,
    },
    {
      name: 'one measure with its reports (rotating measures)',
      redmine: 32,
      p95Goal: 50,
      path: () => `/api/measures/${pick(measureIds)}?include=reports`,
    },
    { name: 'all-plans dashboard, uncached', redmine: null, p95Goal: 100, path: () => `/api/dashboard` },
    // The same machine, the same moment, the old way: the ratio to it holds when the machine is loaded.
    {
      name: 'reference, before issue 17: the biggest plan with every measure (include=measures)',
      redmine: null,
      p95Goal: Infinity,
      path: () => `/api/plans/${region.biggestPlanId}?include=measures`,
    },
  ];
  const server = await startServer(target, undefined, { DASHBOARD_CACHE: '0' });
  const lines: string[] = [];
  try {
    const headers = await logInOverHttp(server.url, 'bench-admin');
    for (const view of views) {
      await load(server.url, headers, view, 4, 2); // warm-up
      const r = await load(server.url, headers, view, connections, seconds);
      const goal = view.redmine ? view.redmine * 20 : null;
      const ok = (goal === null || r.rps >= goal) && r.p95 <= view.p95Goal;
      const line =
        `${view.name}: ${r.rps.toFixed(0)} req/s, p95 ${r.p95.toFixed(0)} ms, p50 ${r.p50.toFixed(0)} ms` +
        ` (${r.requests} requests, ${r.errors} errors)` +
        (Number.isFinite(view.p95Goal)
          ? ` — goal ${goal ? `≥ ${goal} req/s, ` : ''}p95 ≤ ${view.p95Goal} ms: ${ok ? 'met' : 'NOT met'}`
          : '');
      console.log(line);
      lines.push(line);
    }
  } finally {
    await server.stop();
  }
  const loadAvg = loadavg()[0].toFixed(1);
  console.log(
    `\npeer views on ${target.engine}, ${connections} connections, ${seconds} s each, cache off (load average ${loadAvg}):`,
  );
  for (const l of lines) console.log(`  ${l}`);
}

/** One view under `connections` closed-loop connections for `seconds`; latencies of every answer. */
async function load(base: string, headers: Record<string, string>, view: View, connections: number, seconds: number) {
  const latencies: number[] = [];
  let errors = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections,
        duration: seconds,
        headers,
        requests: [
          {
            setupRequest: (req) => ({ ...req, method: 'GET', path: view.path() }),
          },
        ],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      latencies.push(ms);
      if (status !== 200) errors++;
    });
  });
  latencies.sort((a, b) => a - b);
  return {
    requests: result.requests.total,
    rps: result.requests.total / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    errors: errors + result.errors + result.timeouts,
  };
}
