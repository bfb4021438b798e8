/**
 * Report lists at region scale (200 plans, 30,000 measures, ~300,000 reports): p95 of
 * GET /api/reports — filtered, counted and paged by the server — under concurrent clients,
 * for the lists people open: all reports (an observer's or a coordinator's first page), one
 * plan, one plan's state, an executor's own, and the review queue.
 *   npm run bench -- report-list [--pg] [--concurrency 20] [--seconds 10]
 */
import { describeLoad, logInOverHttp, pickTarget, prepareRegion, runLoad, startServer } from './_server';

export async function run(argv: string[]) {
  const arg = (name: string, d: number) => { const i = argv.indexOf(name); return i >= 0 ? Number(argv[i + 1]) : d; };
  const concurrency = arg('--concurrency', 20);
  const seconds = arg('--seconds', 10);
  const target = pickTarget(argv);
  const region = await prepareRegion(target);
  const server = await startServer(target);
  try {
    const coordinator = await logInOverHttp(server.url, 'bench-coordinator');
    const executor = await logInOverHttp(server.url, 'bench-user-1');
    let k = 0;
    const plan = () => region.planIds[k++ % region.planIds.length];
    const cases: [string, Record<string, string>, () => string][] = [
      ['all reports, page 1', coordinator, () => `${server.url}/api/reports?view=all`],
      ['all reports, page 40', coordinator, () => `${server.url}/api/reports?view=all&page=40`],
      ['one plan (rotating)', coordinator, () => `${server.url}/api/reports?view=all&planId=${plan()}`],
      ['one plan, not submitted, overdue', coordinator, () => `${server.url}/api/reports?view=all&planId=${plan()}&state=expected,draft,returned&overdue=true`],
      ['one executor organisation, due in a quarter', coordinator, () => `${server.url}/api/reports?view=all&organisationId=${region.orgIds[k++ % region.orgIds.length]}&dueFrom=2026-07-01&dueTo=2026-09-30`],
      ['review queue', coordinator, () => `${server.url}/api/reports?view=review`],
      ['an executor\'s own', executor, () => `${server.url}/api/reports`],
      ['an executor\'s home page', executor, () => `${server.url}/api/home`],
    ];
    for (const [label, headers, url] of cases) {
      await runLoad(url, headers, 4, 2); // warm-up
      const r = await runLoad(url, headers, concurrency, seconds);
      console.log(`GET /api/reports, ${label}, ${target.engine}, ${concurrency} clients: ${describeLoad(r)}`);
    }
  } finally {
    await server.stop();
  }
}
