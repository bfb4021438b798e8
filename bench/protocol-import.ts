/**
 * `npm run bench -- protocol-import [--runs N] [--decisions N]`: in-process time of
 * `importDocument` (read + detect + read the protocol) on a generated protocol .docx
 * of 60 decisions (six questions of ten, «Срок:» lines, addressees in the dative,
 * Word numbering, layout tables), target: median ≤ 300 ms. Also the first read in a
 * fresh process (modules loaded lazily), and the reader's share once the .docx is
 * already a RawDocument.
 */
import { generateProtocolDocx } from '../test/fixtures/make-protocol-fixtures.js';
import { readDocx } from '../src/domain/importers/docx-reader.js';
import { readProtocol } from '../src/domain/importers/protocol/read-protocol.js';
import { importDocument } from '../src/domain/importers/read-document.js';
import { fmt, percentile, timeRuns } from './_stats.js';

const TARGET_MS = 300;

function option(argv: string[], name: string): number | undefined {
  const i = argv.indexOf(name);
  const n = i >= 0 ? Number(argv[i + 1]) : NaN;
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : undefined;
}

export async function run(argv: string[]): Promise<void> {
  const runs = option(argv, '--runs') ?? 30;
  const decisions = option(argv, '--decisions') ?? 60;
  const bytes = await generateProtocolDocx(decisions);
  console.log(
    `protocol-import benchmark — in-process importDocument(bytes) on a generated protocol .docx, Node ${process.version}`,
  );

  const t0 = performance.now();
  const first = await importDocument(bytes, 'protocol.docx');
  const cold = performance.now() - t0;
  if (first.kind !== 'protocol' || first.items.length !== decisions) {
    console.log(`  read as ${first.kind} with ${first.items.length} items, want protocol with ${decisions}: FAILED`);
    process.exitCode = 1;
    return;
  }

  const times = await timeRuns(() => importDocument(bytes, 'protocol.docx'), runs);
  const median = percentile(times, 50);
  const ok = median <= TARGET_MS;
  console.log(
    `  ${decisions}-decision protocol (${(bytes.length / 1024).toFixed(0)} KB, ${first.sections.length} questions): median ${fmt(median)}, p90 ${fmt(percentile(times, 90))}, min ${fmt(times[0])}, N=${runs}` +
      ` — target ≤ ${fmt(TARGET_MS)}: ${ok ? 'OK' : 'MISSED'}`,
  );
  console.log(`  first read in this process (loading the readers): ${fmt(cold)}`);
  const raw = readDocx(bytes);
  const readerTimes = await timeRuns(() => readProtocol(raw), runs);
  console.log(`  of which readProtocol (RawDocument -> interchange): median ${fmt(percentile(readerTimes, 50))}`);
  if (!ok) process.exitCode = 1;
}
