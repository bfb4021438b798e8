/**
 * `/api/health` latency while heavy work runs (issue 10 §1): 8 imports and 30 exports
 * sent at once by several users to the real server (a child process), with the health
 * endpoint sampled every 50 ms throughout.
 *   npm run bench -- health-under-load [--pg] [--rows 1000]
 * Prints health p50/p95 (goal: p95 ≤ 200 ms) and how the heavy requests were answered
 * (2xx, 429 rate-limited, 503 pool saturated, other).
 */
import { tableDocx } from '../test/fixtures/hostile-documents';
import { percentile, option } from './_stats';
import { logInOverHttp, pickTarget, prepareRegion, startServer } from './_server';

export async function run(argv: string[]) {
  const target = pickTarget(argv);
  const rows = option(argv, '--rows', 1000);
  const region = await prepareRegion(target);
  const server = await startServer(target);
  try {
    const importers = await Promise.all(['bench-admin', 'bench-coordinator'].map((l) => logInOverHttp(server.url, l)));
    const exporters = await Promise.all(
      ['bench-admin', 'bench-coordinator', 'bench-user-0', 'bench-user-50', 'bench-user-100'].map((l) =>
        logInOverHttp(server.url, l),
      ),
    );
    const doc = await tableDocx(rows, 4);
    console.log(
      `imports: 8 × a ${rows}-row .docx (${(doc.byteLength / 1024).toFixed(0)} KiB); exports: 30 × plan ${region.biggestPlanId} (docx/xlsx/pdf) by 5 users`,
    );

    const health: number[] = [];
    let healthFailures = 0;
    let loading = true;
    const sampler = (async () => {
      while (loading) {
        const t = performance.now();
        try {
          const r = await fetch(`${server.url}/api/health`);
          await r.arrayBuffer();
          if (r.status !== 200) healthFailures++;
        } catch {
          healthFailures++;
        }
        health.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();

    const statuses: number[] = [];
    const heavyTimes: number[] = [];
    const timed = async (f: () => Promise<Response>) => {
      const t = performance.now();
      try {
        const r = await f();
        await r.arrayBuffer();
        statuses.push(r.status);
      } catch {
        statuses.push(0);
      }
      heavyTimes.push(performance.now() - t);
    };
    const upload = (headers: Record<string, string>) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(doc)]), 'plan.docx');
      return fetch(`${server.url}/api/imports`, { method: 'POST', headers, body: form });
    };
    const formats = ['docx', 'xlsx', 'pdf'];
    const started = performance.now();
    await Promise.all([
      ...Array.from({ length: 8 }, (_, i) => timed(() => upload(importers[i % importers.length]))),
      ...Array.from({ length: 30 }, (_, i) =>
        timed(() =>
          fetch(`${server.url}/api/plans/${region.biggestPlanId}/export?format=${formats[i % 3]}`, {
            headers: exporters[i % exporters.length],
          }),
        ),
      ),
    ]);
    const wall = performance.now() - started;
    loading = false;
    await sampler;

    health.sort((a, b) => a - b);
    heavyTimes.sort((a, b) => a - b);
    const count = (f: (s: number) => boolean) => statuses.filter(f).length;
    console.log(
      `engine ${target.engine}: heavy requests done in ${(wall / 1000).toFixed(1)} s (p50 ${(percentile(heavyTimes, 50) / 1000).toFixed(1)} s, max ${(heavyTimes.at(-1)! / 1000).toFixed(1)} s)`,
    );
    console.log(
      `heavy answers: 2xx ${count((s) => s >= 200 && s < 300)}, 429 ${count((s) => s === 429)}, 503 ${count((s) => s === 503)}, other ${count((s) => s < 200 || (s >= 300 && s !== 429 && s !== 503))}`,
    );
    console.log(
      `/api/health under load: ${health.length} samples, p50 ${percentile(health, 50).toFixed(1)} ms, p95 ${percentile(health, 95).toFixed(1)} ms, max ${health.at(-1)!.toFixed(1)} ms, failures ${healthFailures} (goal p95 ≤ 200 ms)`,
    );
  } finally {
    await server.stop();
  }
}
