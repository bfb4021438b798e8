/**
 * The consolidated report as officials send it: the sign-off under the table (position,
 * name, date; «Исполнитель» with a phone), the figures of the reports, «Информация не
 * представлена» where nobody reported, and in Excel a filter on the header. The sign-off
 * must not disturb reading the document back.
 */
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { importDocument } from '../domain/importers/read-document.js';
import { buildReportDocx } from './docx.js';
import { buildReportPdf } from './pdf.js';
import { NO_INFORMATION, figuresText, type ReportModel } from './report-model.js';
import { samplePlanModel } from './sample-models.js';
import { expectedImport, importedFacts } from './test-helpers.js';
import { buildReportXlsx } from './xlsx.js';

function officialModel(): ReportModel {
  const model = samplePlanModel();
  model.sections[0].rows[0].figures = [
    { name: 'Число участников', value: 1250 },
    { name: 'Охват', value: 'около 300 семей' },
  ];
  model.sections[0].rows[1].execution = '';
  model.signOff = {
    position: 'Министр социальной защиты населения Северо-Озёрской области',
    name: 'Н.В. Морозова',
    date: '2025-04-14',
  };
  model.preparedBy = { name: 'Иванова М.П.', phone: '8 (8142) 71-20-15' };
  return model;
}

describe('the consolidated report as officials send it', () => {
  it('prints figures after the execution text and «Информация не представлена» in an empty cell', () => {
    expect(
      figuresText([
        { name: 'Число участников', value: 1250 },
        { name: 'Охват', value: 'около 300 семей' },
      ]),
    ).toBe('Показатели: Число участников — 1 250; Охват — около 300 семей');
    expect(figuresText([])).toBe('');
  });

  it.each([
    ['docx', buildReportDocx],
    ['xlsx', buildReportXlsx],
  ] as const)('%s: the sign-off does not disturb reading the items back', async (ext, build) => {
    const model = officialModel();
    const doc = await importDocument(await build(model), `x.${ext}`);
    expect(importedFacts(doc)).toEqual(expectedImport(model));
    expect(doc.items[0].executionText).toContain('Показатели: Число участников — 1 250; Охват — около 300 семей');
    expect(doc.items[1].executionText).toBe(NO_INFORMATION);
  });

  it('docx: position and name on one line (a right tab, not a second table), the date, the executor with a phone', async () => {
    const zip = await JSZip.loadAsync(await buildReportDocx(officialModel()));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml.match(/<w:tbl>/g)).toHaveLength(1);
    const after = xml.slice(xml.lastIndexOf('</w:tbl>'));
    const texts = [...after.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]);
    expect(texts).toEqual([
      'Министр социальной защиты населения Северо-Озёрской области',
      'Н.В. Морозова',
      '14 апреля 2025 г.',
      'Исполнитель: Иванова М.П., тел. 8 (8142) 71-20-15',
    ]);
    expect(after).toMatch(/<w:tab w:val="right" w:pos="\d+"\/>/);
  });

  it('xlsx: the sheet «Отчет» has a filter on the header over the whole table; the sign-off in the printed footer', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildReportXlsx(officialModel())) as unknown as Parameters<typeof wb.xlsx.load>[0]);
    const ws = wb.getWorksheet('Отчет')!;
    expect(ws.getRow(4).getCell(1).value).toBe('№ п/п');
    expect(ws.autoFilter).toBe(`A4:F${ws.rowCount}`);
    const footer = ws.headerFooter.oddFooter!;
    expect(footer.length).toBeLessThanOrEqual(255);
    expect(footer).toContain(
      'Министр социальной защиты населения Северо-Озёрской области Н.В. Морозова, 14 апреля 2025 г.',
    );
    expect(footer).toContain('Исполнитель: Иванова М.П., тел. 8 (8142) 71-20-15');
  });

  it('pdf: the sign-off after the table', async () => {
    const pdf = await buildReportPdf(officialModel());
    let text: string;
    try {
      text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return; // pdf.test.ts says how to install poppler-utils
      throw e;
    }
    expect(text).toMatch(/Министр социальной защиты населения Северо-Озёрской области\s+Н\.В\. Морозова/);
    expect(text).toContain('Исполнитель: Иванова М.П., тел. 8 (8142) 71-20-15');
    expect(text).toContain('Показатели: Число участников — 1 250');
  });
});
