/**
 * Report lists at region scale (200 plans, 30,000 measures, ~300,000 reports): p95 of
 * GET /api/reports — filtered, counted and paged by the server — under concurrent clients,
 * for the lists people open: all reports (an observer's or a coordinator's first page), one
 * plan, one plan's state, an executor's own, and the review queue — with the counts kept by
 * data version (as served) and computed on every request (DASHBOARD_CACHE=0).
 *   npm run bench -- report-list [--pg] [--concurrency 20] [--seconds 10]
 */
import { describeLoad, logInOverHttp, pickTarget, prepareRegion, runLoad, startServer } from './_server';

export async function run(argv: string[]) {
  const arg = (name: string, d: number) => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : d;
  };
  const concurrency = arg('--concurrency', 20);
  const seconds = arg('--seconds', 10);
  const target = pickTarget(argv);
  const region = await prepareRegion(target);
  for (const cache of ['1', '0']) {
    const server = await startServer(target, undefined, { DASHBOARD_CACHE: cache });
    try {
      await measure(
        server.url,
        region,
        concurrency,
        seconds,
        `${target.engine}, counts ${cache === '1' ? 'cached by data version' : 'computed every time'}`,
      );
    } finally {
      await server.stop();
    }
  }
}

async function measure(
  url: string,
  region: Awaited<ReturnType<typeof prepareRegion>>,
  concurrency: number,
  seconds: number,
  label: string,
) {
  const coordinator = await logInOverHttp(url, 'bench-coordinator');
  const executor = await logInOverHttp(url, 'bench-user-1');
  let k = 0;
  const plan = () => region.planIds[k++ % region.planIds.length];
  const cases: [string, Record<string, string>, () => string][] = [
    ['all reports, page 1', coordinator, () => `${url}/api/reports?view=all`],
    ['all reports, page 40', coordinator, () => `${url}/api/reports?view=all&page=40`],
    ['one plan (rotating)', coordinator, () => `${url}/api/reports?view=all&planId=${plan()}`],
    [
      'one plan, not submitted, overdue',
      coordinator,
      () => `${url}/api/reports?view=all&planId=${plan()}&state=expected,draft,returned&overdue=true`,
    ],
    [
      'one executor organisation, due in a quarter',
      coordinator,
      () =>
        `${url}/api/reports?view=all&organisationId=${region.orgIds[k++ % region.orgIds.length]}&dueFrom=2026-07-01&dueTo=2026-09-30`,
    ],
    ['review queue', coordinator, () => `${url}/api/reports?view=review`],
    ["an executor's own", executor, () => `${url}/api/reports`],
    ["an executor's home page", executor, () => `${url}/api/home`],
  ];
  for (const [name, headers, next] of cases) {
    await runLoad(next, headers, 4, 2); // warm-up
    const r = await runLoad(next, headers, concurrency, seconds);
    console.log(`GET ${new URL(next()).pathname}, ${name}, ${label}, ${concurrency} clients: ${describeLoad(r)}`);
  }
}
