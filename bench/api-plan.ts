/**
 * Requests per second of GET /api/plans/:id on the region-scale dataset.
 *   npm run bench -- api-plan [--pg] [--concurrency 20] [--seconds 10]
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
  const server = await startServer(target);
  try {
    const headers = await logInOverHttp(server.url, region.adminLogin);
    for (const [label, id] of [
      ['typical plan (100 measures)', region.typicalPlanId],
      ['largest plan (1,589 measures)', region.biggestPlanId],
    ] as const) {
      await runLoad(() => `${server.url}/api/plans/${id}`, headers, 4, 2); // warm-up
      const r = await runLoad(() => `${server.url}/api/plans/${id}`, headers, concurrency, seconds);
      console.log(`GET /api/plans/:id, ${label}, ${target.engine}, ${concurrency} clients: ${describeLoad(r)}`);
    }
  } finally {
    await server.stop();
  }
}
