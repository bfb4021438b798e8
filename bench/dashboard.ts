/**
 * The monitoring dashboard on the region-scale dataset (200 plans, 30,000 measures,
 * ~300,000 reports, 500 organisations, 2,000 users): p95 latency under concurrent clients,
 * for one plan and for all plans.
 *   npm run bench -- dashboard [--pg] [--concurrency 20] [--seconds 15]
 * Target: p95 ≤ 100 ms with 20 clients on PostgreSQL.
 */
import { describeLoad, logInOverHttp, pickTarget, prepareRegion, runLoad, startServer } from './_server';

export async function run(argv: string[]) {
  const arg = (name: string, d: number) => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : d;
  };
  const concurrency = arg('--concurrency', 20);
  const seconds = arg('--seconds', 15);
  const target = pickTarget(argv);
  const region = await prepareRegion(target);
  const modes = [
    { cache: '1', writes: 0, label: 'cached by data_version' },
    { cache: '1', writes: 5, label: 'cached, 5 writes/s invalidating it' },
    { cache: '0', writes: 0, label: 'computed every time' },
  ];
  for (const mode of modes) {
    const server = await startServer(target, undefined, { DASHBOARD_CACHE: mode.cache });
    try {
      const headers = await logInOverHttp(server.url, 'bench-coordinator');
      // The dataset's own "today", so that lights and report completeness are meaningful.
      const asOf = '2026-10-01';
      let k = 0;
      const cases: [string, () => string][] = [
        [
          'one plan (rotating over all 200)',
          () => `${server.url}/api/dashboard?asOf=${asOf}&planId=${region.planIds[k++ % region.planIds.length]}`,
        ],
        ['all plans', () => `${server.url}/api/dashboard?asOf=${asOf}`],
      ];
      for (const [label, url] of cases) {
        await runLoad(url, headers, 4, 3); // warm-up
        const writer = mode.writes ? await startWriter(server.url, region.planIds, mode.writes) : null;
        const r = await runLoad(url, headers, concurrency, seconds);
        const written = writer ? await writer.stop() : 0;
        console.log(
          `GET /api/dashboard, ${label}, ${mode.label}, ${target.engine}, ${concurrency} clients: ${describeLoad(r)}${writer ? `; ${written} writes` : ''}`,
        );
      }
    } finally {
      await server.stop();
    }
  }
}

/**
 * Edits the header of a plan picked at random over HTTP `perSecond` times a second (as the
 * administrator), each edit a real transaction that invalidates every region-wide cached
 * dashboard and that plan's own.
 */
async function startWriter(url: string, planIds: number[], perSecond: number) {
  const auth = await logInOverHttp(url, 'bench-admin');
  let n = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const t = performance.now();
      const planId = planIds[Math.floor(Math.random() * planIds.length)];
      const r = await fetch(`${url}/api/plans/${planId}`, {
        method: 'PATCH',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ approvedByName: `Бенчмарк ${n}` }),
      });
      if (r.status !== 200) throw new Error(`writer: ${r.status} ${await r.text()}`);
      n++;
      await new Promise((res) => setTimeout(res, Math.max(0, 1000 / perSecond - (performance.now() - t))));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      return n;
    },
  };
}
