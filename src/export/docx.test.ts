import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { importDocument } from '../domain/importers/read-document.js';
import { buildReportDocx } from './docx.js';
import { edgeCouncilModel, edgePlanModel } from './edge-models.js';
import { generatePlanModel, sampleCouncilModel, samplePlanModel } from './sample-models.js';
import { KNOWN_IMPORTER_WARNINGS, expectedImport, importedFacts } from './test-helpers.js';

async function documentXml(bytes: Buffer): Promise<{ document: string; footer: string }> {
  const zip = await JSZip.loadAsync(bytes);
  const footerName = Object.keys(zip.files).find((n) => /^word\/footer\d*\.xml$/.test(n));
  return {
    document: await zip.file('word/document.xml')!.async('string'),
    footer: footerName ? await zip.file(footerName)!.async('string') : '',
  };
}

describe('buildReportDocx: the importer reads the exported DOCX back to the same items', () => {
  it.each([
    ['plan report', samplePlanModel],
    ['council report', sampleCouncilModel],
    ['plan with rows outside sections, Roman sections, odd numbers and characters', edgePlanModel],
    ['council with an instruction outside protocols', edgeCouncilModel],
  ])('%s', async (_, make) => {
    const model = make();
    const bytes = await buildReportDocx(model);
    const doc = await importDocument(bytes, 'x.docx');
    expect(importedFacts(doc)).toEqual(expectedImport(model));
    expect(doc.kind).toBe(model.form === 'council' ? 'council_decisions' : 'report');
    expect(doc.title.startsWith(model.title.replace(/\s+/g, ' '))).toBe(true);
    expect(doc.warnings.filter((w) => !KNOWN_IMPORTER_WARNINGS.includes(w))).toEqual([]);
  });

  it('keeps a multi-paragraph execution text as paragraphs', async () => {
    const model = samplePlanModel();
    const doc = await importDocument(await buildReportDocx(model), 'x.docx');
    expect(doc.items[0].executionText.split('\n')).toHaveLength(4);
    expect(doc.items[0].executionText.split('\n')[1]).toBe('Минздрав:');
  });

  it('round-trips a generated 120-measure plan', async () => {
    const model = generatePlanModel(120, 7);
    const doc = await importDocument(await buildReportDocx(model), 'x.docx');
    expect(importedFacts(doc)).toEqual(expectedImport(model));
  });

  it('puts the subtitle after the title (the importer reads both as the title)', async () => {
    const model = samplePlanModel();
    const doc = await importDocument(await buildReportDocx(model), 'x.docx');
    expect(doc.title).toBe(`${model.title} ${model.subtitle}`);
  });
});

describe('buildReportDocx: layout of the official form', () => {
  it('is A4 landscape, Times New Roman, with a repeated header, column numbers, spanning sections and page numbers', async () => {
    const { document, footer } = await documentXml(await buildReportDocx(samplePlanModel()));
    expect(document).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    expect(document).toContain('w:ascii="Times New Roman"');
    // Header row and the row of column numbers repeat on each page.
    expect(document.match(/<w:tblHeader\/>/g)).toHaveLength(2);
    const numbersRow = [...document.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)][1][1];
    expect([...numbersRow.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1])).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
    ]);
    // Three sections spanning six columns, bold.
    expect(document.match(/<w:gridSpan w:val="6"\/>/g)).toHaveLength(3);
    expect(document).toMatch(/<w:b\/>(?:(?!<\/w:r>)[\s\S])*1\. Стратегия развития социальной сферы/);
    // Table text is 11 pt (22 half-points), the title 12 pt.
    expect(document).toContain('<w:sz w:val="22"/>');
    expect(document).toContain('<w:sz w:val="24"/>');
    expect(footer).toContain('PAGE');
    expect(footer).toContain('NUMPAGES');
    expect(footer).toContain('I квартал 2025 г. · сформировано 12 апреля 2025 г.');
  });

  it('writes the council form: five columns, protocols spanning the table, no status column', async () => {
    const { document } = await documentXml(await buildReportDocx(sampleCouncilModel()));
    const header = [...document.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)][0][1];
    expect([...header.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1])).toEqual([
      '№ п/п',
      'Пункт протокола',
      'Содержание поручения',
      'Ответственные',
      'Информация об исполнении',
    ]);
    expect(document.match(/<w:gridSpan w:val="5"\/>/g)).toHaveLength(2);
    expect(document).toContain('Протокол заседания Координационного совета от 30 июня 2024 года');
  });

  it('drops characters XML cannot carry instead of producing a file Word refuses', async () => {
    const { document } = await documentXml(await buildReportDocx(edgePlanModel()));
    expect(document).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(document).toContain('&amp; порядка её работы &lt;проект&gt;');
  });

  it('does not read the clock: the same model gives the same document text', async () => {
    const a = await documentXml(await buildReportDocx(samplePlanModel()));
    const b = await documentXml(await buildReportDocx(samplePlanModel()));
    expect(a.document).toBe(b.document);
  });
});
