/**
 * The monitoring dashboard on the region-scale dataset (200 plans, 30,000 measures,
 * ~300,000 reports, 500 organisations, 2,000 users): p95 latency under concurrent clients,
 * for one plan and for all plans.
 *   npm run bench -- dashboard [--pg] [--concurrency 20] [--seconds 15]
 * Target: p95 ≤ 100 ms with 20 clients on PostgreSQL.
 */
import { describeLoad, logInOverHttp, pickTarget, prepareRegion, runLoad, startServer } from './_server';

export async function run(argv: string[]) {
  const arg = (name: string, d: number) => { const i = argv.indexOf(name); return i >= 0 ? Number(argv[i + 1]) : d; };
  const concurrency = arg('--concurrency', 20);
  const seconds = arg('--seconds', 15);
  const target = pickTarget(argv);
  const region = await prepareRegion(target);
  for (const cache of ['1', '0']) {
  const server = await startServer(target, undefined, { DASHBOARD_CACHE: cache });
  const mode = cache === '1' ? 'cached by data_version' : 'computed every time';
  try {
    const headers = await logInOverHttp(server.url, 'bench-coordinator');
    // The dataset's own "today", so that lights and report completeness are meaningful.
    const asOf = '2026-10-01';
    let k = 0;
    const cases: [string, () => string][] = [
      ['one plan (rotating over all 200)', () => `${server.url}/api/dashboard?asOf=${asOf}&planId=${region.planIds[k++ % region.planIds.length]}`],
      ['all plans', () => `${server.url}/api/dashboard?asOf=${asOf}`],
    ];
    for (const [label, url] of cases) {
      await runLoad(url, headers, 4, 3); // warm-up
      const r = await runLoad(url, headers, concurrency, seconds);
      console.log(`GET /api/dashboard, ${label}, ${mode}, ${target.engine}, ${concurrency} clients: ${describeLoad(r)}`);
    }
  } finally {
    await server.stop();
  }
  }
}
