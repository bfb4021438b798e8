/**
 * `npm run bench -- import [--runs N]`: in-process time of `importDocument` (read +
 * interpret) on
 *   1. the seed ../shared/seeds/003_6154ebb3e081f0aa.txt (a 96 KB report), or, when
 *      the seeds are not there, a text fixture from test/fixtures/import/ (else the
 *      generated plan .docx);                                 target: median < 50 ms
 *   2. a generated plan of 1,000 measures in .docx;           target: median < 1 s
 *   3. the same plan as legal-database text, one cell per line closed by « |»,
 *      and as web-page copy, a cell a paragraph (issue 18);     target: median < 1 s
 * Prints the median, p90 and min of repeated runs after warm-up, and the reader's
 * share (bytes -> RawDocument) for the .docx.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatePlanDocx, makePlanDocx } from '../test/fixtures/make-fixtures.js';
import { renderPlanText } from '../test/fixtures/render-text.js';
import { readDocx } from '../src/domain/importers/docx-reader.js';
import { importDocument } from '../src/domain/importers/read-document.js';
import { fmt, percentile, timeRuns } from './_stats.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

interface Case {
  label: string;
  fileName: string;
  bytes: Uint8Array;
  targetMs: number;
  runs: number;
}

async function pickSmallCase(runs: number): Promise<Case> {
  const seed = join(root, '..', 'shared', 'seeds', '003_6154ebb3e081f0aa.txt');
  if (existsSync(seed))
    return { label: `seed ${basename(seed)}`, fileName: basename(seed), bytes: readFileSync(seed), targetMs: 50, runs };
  const dir = join(root, 'test', 'fixtures', 'import');
  const txt = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.txt'))
        .sort()[0]
    : undefined;
  if (txt)
    return {
      label: `fixture ${txt} (seeds not found)`,
      fileName: txt,
      bytes: readFileSync(join(dir, txt)),
      targetMs: 50,
      runs,
    };
  return {
    label: 'generated plan .docx (seeds not found)',
    fileName: 'plan.docx',
    bytes: await makePlanDocx(),
    targetMs: 50,
    runs,
  };
}

function parseRuns(argv: string[]): number | undefined {
  const i = argv.indexOf('--runs');
  const n = i >= 0 ? Number(argv[i + 1]) : NaN;
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : undefined;
}

const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

export async function run(argv: string[]): Promise<void> {
  const runsOverride = parseRuns(argv);
  const small = await pickSmallCase(runsOverride ?? 30);
  const bigBytes = await generatePlanDocx(1000);
  const big: Case = {
    label: 'generated plan, 1,000 measures',
    fileName: 'plan-1000.docx',
    bytes: bigBytes,
    targetMs: 1000,
    runs: runsOverride ?? 9,
  };

  console.log(
    `import benchmark — in-process importDocument(bytes, fileName), Node ${process.version}, median of N runs after 3 warm-up runs`,
  );
  let failed = false;
  const textCase = (rendering: 'legal-db' | 'web-copy', label: string): Case => ({
    label,
    fileName: `plan-1000.${rendering}.txt`,
    bytes: new TextEncoder().encode(renderPlanText(1000, rendering, 60)),
    targetMs: 1000,
    runs: runsOverride ?? 9,
  });
  const cellPerLine = textCase(
    'legal-db',
    'generated plan, 1,000 measures, one cell per line closed by « |» (legal database)',
  );
  const webCopy = textCase('web-copy', 'generated plan, 1,000 measures, a cell a paragraph (web-page copy)');
  for (const c of [small, big, cellPerLine, webCopy]) {
    const result = await importDocument(c.bytes, c.fileName);
    const times = await timeRuns(() => importDocument(c.bytes, c.fileName), c.runs);
    const median = percentile(times, 50);
    const ok = median < c.targetMs;
    failed ||= !ok;
    console.log(
      `  ${c.label} (${c.fileName}, ${kb(c.bytes.length)}): median ${fmt(median)}, p90 ${fmt(percentile(times, 90))}, min ${fmt(times[0])}, N=${c.runs}` +
        ` — ${result.items.length} items, ${result.sections.length} sections — target < ${fmt(c.targetMs)}: ${ok ? 'OK' : 'MISSED'}`,
    );
  }
  const readerTimes = await timeRuns(() => readDocx(bigBytes), runsOverride ?? 9);
  console.log(
    `  of which readDocx (bytes -> RawDocument) on the 1,000-measure .docx: median ${fmt(percentile(readerTimes, 50))}`,
  );
  if (failed) process.exitCode = 1;
}
