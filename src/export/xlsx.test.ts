import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importDocument } from '../domain/importers/read-document.js';
import { edgeCouncilModel, edgePlanModel } from './edge-models.js';
import { STATUS_COLOURS, type ReportModel } from './report-model.js';
import { generatePlanModel, sampleCouncilModel, samplePlanModel } from './sample-models.js';
import { KNOWN_IMPORTER_WARNINGS, expectedImport, importedFacts } from './test-helpers.js';
import { MAX_CELL_CHARS, buildReportXlsx } from './xlsx.js';

async function loadSheet(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as Parameters<typeof wb.xlsx.load>[0]);
  return wb.worksheets[0];
}

describe('buildReportXlsx: the importer reads the exported XLSX back to the same items', () => {
  it.each([
    ['plan report', samplePlanModel],
    ['council report', sampleCouncilModel],
    ['plan with rows outside sections, Roman sections, odd numbers and characters', edgePlanModel],
    ['council with an instruction outside protocols', edgeCouncilModel],
    ['generated 120-measure plan', () => generatePlanModel(120, 3)],
  ])('%s', async (_, make) => {
    const model: ReportModel = make();
    const doc = await importDocument(await buildReportXlsx(model), 'x.xlsx');
    expect(importedFacts(doc)).toEqual(expectedImport(model));
    expect(doc.kind).toBe(model.form === 'council' ? 'council_decisions' : 'report');
    expect(doc.title.startsWith(model.title.replace(/\s+/g, ' '))).toBe(true);
    expect(doc.warnings.filter((w) => !KNOWN_IMPORTER_WARNINGS.includes(w))).toEqual([]);
  });
});

describe('buildReportXlsx: layout', () => {
  it('merges the title and section rows, freezes and repeats the header, prints A4 landscape fit to width', async () => {
    const ws = await loadSheet(await buildReportXlsx(samplePlanModel()));
    // Title, subtitle, empty row, header (row 4), column numbers (row 5).
    expect(ws.getRow(4).values).toEqual([
      undefined,
      '№ п/п',
      'Наименование мероприятия',
      'Ответственный',
      'Сроки исполнения',
      'Информация об исполнении',
      'Статус',
    ]);
    expect(ws.getRow(5).values).toEqual([undefined, 1, 2, 3, 4, 5, 6]);
    const merges = (ws.model as { merges: string[] }).merges;
    expect(merges).toEqual(expect.arrayContaining(['A1:F1', 'A2:F2', 'A6:F6']));
    expect(ws.getCell('A6').value).toBe('1. Стратегия развития социальной сферы');
    expect(ws.getCell('A6').font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '4:5',
    });
    expect(ws.getCell('E7').alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    expect(ws.getColumn(5).width).toBeGreaterThan(ws.getColumn(2).width!);
  });

  it('colours status cells by status', async () => {
    const ws = await loadSheet(await buildReportXlsx(samplePlanModel()));
    const fills: Record<string, string | undefined> = {};
    ws.eachRow((row) => {
      const status = row.getCell(6);
      if (typeof status.value === 'string' && row.number > 5 && !status.isMerged)
        fills[status.value] = (status.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
    });
    expect(fills).toEqual({
      Выполнено: `FF${STATUS_COLOURS.done}`,
      'Частично выполнено': `FF${STATUS_COLOURS.partial}`,
      'Не выполнено': `FF${STATUS_COLOURS.not_done}`,
      Х: `FF${STATUS_COLOURS.not_due}`,
    });
  });

  it('cuts a text longer than an Excel cell holds, with a note, instead of writing a file Excel refuses', async () => {
    const model = samplePlanModel();
    model.sections[0].rows[0].execution = 'Минздрав: '.padEnd(40_000, 'текст ');
    const ws = await loadSheet(await buildReportXlsx(model));
    const text = String(ws.getCell('E7').value);
    expect(text.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
    expect(text).toContain('текст сокращен');
  });
});
