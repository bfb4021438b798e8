/**
 * `npm run bench -- rating [--runs N] [--municipalities N] [--indicators N]`
 *
 * The rating engine on a generated region: 500 municipalities × 60 indicators in 6 groups,
 * every normalisation and both directions, both missing-data rules, ~3 % of values missing.
 * Times `computeRating` (points, groups, totals, ranks, bands) and, separately, reading the
 * same data from CSV and explaining every municipality. Target: computing ≤ 200 ms (p95 of wall
 * time; the process's CPU time is printed beside it, since the machine may be shared).
 */
import {
  computeRating,
  explainMunicipality,
  parseMethodology,
  readValuesCsv,
  type ValueRecord,
} from '../src/domain/ratings/index.js';
import { prng } from '../src/export/sample-models.js';
import { fmt, percentile, timeRuns } from './_stats.js';

const TARGET_MS = 200;

function option(argv: string[], name: string, dflt: number): number {
  const i = argv.indexOf(name);
  const v = i >= 0 ? Number(argv[i + 1]) : dflt;
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : dflt;
}

function generate(municipalities: number, indicators: number) {
  const rnd = prng(13); // the same region every run
  const groups = 6;
  const kinds = ['minmax', 'best', 'target', 'thresholds', 'binary'] as const;
  const methodology = parseMethodology({
    title: 'Синтетический рейтинг',
    missing: 'zero',
    groups: Array.from({ length: groups }, (_, g) => ({
      id: `G${g + 1}`,
      title: `Направление ${g + 1}`,
      weight: 1 + g,
    })),
    indicators: Array.from({ length: indicators }, (_, k) => {
      const normalisation = kinds[k % kinds.length];
      return {
        id: `I${k + 1}`,
        group: `G${(k % groups) + 1}`,
        title: `Показатель ${k + 1}`,
        unit: 'ед.',
        direction: k % 3 === 0 ? 'down' : 'up',
        normalisation,
        weight: 1 + (k % 4),
        ...(k % 7 === 0 ? { missing: 'reweight' } : {}),
        ...(normalisation === 'target' ? { target: 50 } : {}),
        ...(normalisation === 'thresholds'
          ? {
              thresholds: [
                [10, 20],
                [30, 50],
                [60, 80],
                [90, 100],
              ],
            }
          : {}),
      };
    }),
    bands: [
      { from: 80, label: 'лидеры' },
      { from: 60, label: 'претендующие на лидерство' },
      { from: 40, label: 'средний уровень' },
      { from: 20, label: 'наибольший потенциал роста' },
      { from: 0, label: 'первые шаги' },
    ],
  });
  const records: ValueRecord[] = [];
  for (let m = 0; m < municipalities; m++) {
    for (let k = 0; k < indicators; k++) {
      records.push({
        municipality: `Муниципальное образование № ${m + 1}`,
        indicator: `I${k + 1}`,
        value: rnd() < 0.03 ? null : Math.round(rnd() * 100_000) / 1000,
      });
    }
  }
  const csv = [
    'municipality,indicator,value',
    ...records.map(
      (r) => `"${r.municipality}",${r.indicator},${r.value === null ? '' : `"${String(r.value).replace('.', ',')}"`}`,
    ),
  ].join('\r\n');
  return { methodology, records, csv };
}

export async function run(argv: string[]): Promise<void> {
  const runs = option(argv, '--runs', 30);
  const municipalities = option(argv, '--municipalities', 500);
  const indicators = option(argv, '--indicators', 60);
  const { methodology, records, csv } = generate(municipalities, indicators);

  let sink = 0;
  // The machine is shared: CPU time of the process next to wall time tells load from slowness.
  const cpu: number[] = [];
  const compute = await timeRuns(
    () => {
      const before = process.cpuUsage();
      sink += computeRating(methodology, records).rows.length;
      const used = process.cpuUsage(before);
      cpu.push((used.user + used.system) / 1000);
    },
    runs,
    3,
  );
  const cpuMeasured = cpu.slice(3).sort((a, b) => a - b);
  const withCsv = await timeRuns(
    () => {
      sink += computeRating(methodology, readValuesCsv(csv).records).rows.length;
    },
    Math.max(5, Math.floor(runs / 3)),
    1,
  );
  const result = computeRating(methodology, records);
  const explain = await timeRuns(
    () => {
      for (const r of result.rows) sink += explainMunicipality(methodology, result, r.municipality).groups.length;
    },
    Math.max(5, Math.floor(runs / 3)),
    1,
  );

  const median = percentile(compute, 50);
  const p95 = percentile(compute, 95);
  console.log(
    `rating: ${municipalities} municipalities × ${indicators} indicators (${records.length.toLocaleString('en-US')} values), ${runs} runs`,
  );
  console.log(
    `  computeRating:               median ${fmt(median)}, p95 ${fmt(p95)}, slowest ${fmt(compute[compute.length - 1])} (CPU time: median ${fmt(percentile(cpuMeasured, 50))}, p95 ${fmt(percentile(cpuMeasured, 95))})`,
  );
  console.log(
    `  read CSV (${(csv.length / 1024).toFixed(0)} KB) + compute:   median ${fmt(percentile(withCsv, 50))}, p95 ${fmt(percentile(withCsv, 95))}`,
  );
  console.log(
    `  explain every municipality:  median ${fmt(percentile(explain, 50))}, p95 ${fmt(percentile(explain, 95))}`,
  );
  console.log(`  target ≤ ${TARGET_MS} ms for computeRating (p95): ${p95 <= TARGET_MS ? 'met' : 'NOT MET'}`);
  if (sink < 0) console.log(sink); // keep the work observable
}
