/**
 * `npm run bench -- export [--measures N] [--runs N]`: in-process time of the report
 * writers on a generated plan report (default 300 measures, realistic text lengths:
 * titles 60–260 characters, execution texts of 1–5 paragraphs from several
 * executors, ~780 characters a measure; see src/export/sample-models.ts). Prints the median, p90 and min of
 * repeated runs after warm-up, the output size and the page count of the PDF.
 * Target: DOCX median ≤ 2 s.
 */
import { buildReportDocx } from '../src/export/docx.js';
import { buildReportPdf } from '../src/export/pdf.js';
import { generatePlanModel } from '../src/export/sample-models.js';
import { buildReportXlsx } from '../src/export/xlsx.js';
import { fmt, percentile, timeRuns } from './_stats.js';

function option(argv: string[], name: string): number | undefined {
  const i = argv.indexOf(name);
  const n = i >= 0 ? Number(argv[i + 1]) : NaN;
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : undefined;
}

const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

export async function run(argv: string[]): Promise<void> {
  const measures = option(argv, '--measures') ?? 300;
  const runs = option(argv, '--runs') ?? 7;
  const model = generatePlanModel(measures, 1);
  const rows = model.sections.flatMap((s) => s.rows);
  const chars = rows.reduce(
    (s, r) => s + r.title.length + r.execution.length + r.responsible.length + r.deadline.length,
    0,
  );
  console.log(
    `export benchmark — in-process, Node ${process.version}, median of ${runs} runs after 2 warm-up runs\n` +
      `  model: ${rows.length} measures in ${model.sections.length} sections, ${(chars / 1000).toFixed(0)}k characters of text`,
  );
  const cases = [
    { label: 'DOCX (docx)', build: buildReportDocx, targetMs: 2000 as number | undefined },
    { label: 'XLSX (exceljs)', build: buildReportXlsx, targetMs: undefined },
    { label: 'PDF (pdfmake)', build: buildReportPdf, targetMs: undefined },
  ];
  let failed = false;
  for (const c of cases) {
    const bytes = await c.build(model);
    const times = await timeRuns(() => c.build(model), runs, 2);
    const median = percentile(times, 50);
    const pages = c.label.startsWith('PDF')
      ? `, ${(bytes.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length} pages`
      : '';
    const verdict =
      c.targetMs === undefined ? '' : ` — target ≤ ${fmt(c.targetMs)}: ${median <= c.targetMs ? 'OK' : 'MISSED'}`;
    if (c.targetMs !== undefined && median > c.targetMs) failed = true;
    console.log(
      `  ${c.label.padEnd(15)} median ${fmt(median)}, p90 ${fmt(percentile(times, 90))}, min ${fmt(times[0])} — ${kb(bytes.length)}${pages}${verdict}`,
    );
  }
  if (failed) process.exitCode = 1;
}
