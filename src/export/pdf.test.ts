import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { edgeCouncilModel, edgePlanModel } from './edge-models.js';
import { buildReport } from './index.js';
import { FONT_DIRS, buildReportPdf } from './pdf.js';
import { sampleCouncilModel, samplePlanModel } from './sample-models.js';

/** Page objects of a PDF written by pdfkit (uncompressed object dictionaries). */
const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

const NO_PDFTOTEXT =
  'pdftotext (poppler-utils) is not installed: text of the PDF not checked — apt-get install -y poppler-utils';
let warned = false;

/** Text of each page through poppler's pdftotext, or null when it is not installed. */
function pdfPages(pdf: Buffer): string[] | null {
  try {
    return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], {
      input: pdf,
      maxBuffer: 64 * 1024 * 1024,
    })
      .toString('utf8')
      .split('\f')
      .filter((p) => p.trim());
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      if (!warned) console.warn(NO_PDFTOTEXT);
      warned = true;
      return null;
    }
    throw err;
  }
}

describe('buildReportPdf', () => {
  it('writes a landscape A4 PDF with the repository fonts (no system fonts needed)', async () => {
    expect(existsSync(join(FONT_DIRS[0], 'DejaVuSerif.ttf'))).toBe(true);
    expect(existsSync(join(FONT_DIRS[0], 'DejaVuSerif-Bold.ttf'))).toBe(true);
    const pdf = await buildReportPdf(samplePlanModel());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
    const text = pdf.toString('latin1');
    expect(text).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/);
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSerif\b/);
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSerif-Bold\b/);
    expect(pageCount(pdf)).toBeGreaterThanOrEqual(1);
    expect(pageCount(pdf)).toBeLessThanOrEqual(3);
  });

  it('builds several PDFs at once (pdfmake keeps fonts in a shared in-memory file system)', async () => {
    const pdfs = await Promise.all([
      buildReportPdf(samplePlanModel()),
      buildReportPdf(sampleCouncilModel()),
      buildReportPdf(samplePlanModel()),
    ]);
    for (const pdf of pdfs) expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfs[0].length).toBe(pdfs[2].length);
  });

  it('breaks a row longer than a page across pages', async () => {
    const pages = pageCount(await buildReportPdf(edgePlanModel()));
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(pages).toBeLessThanOrEqual(14);
  });

  it('renders Cyrillic: pdftotext finds the title, headers, sections and statuses, with the header on every page', async (ctx) => {
    const pdf = await buildReportPdf(samplePlanModel());
    const pages = pdfPages(pdf);
    if (!pages) return ctx.skip(NO_PDFTOTEXT);
    const all = pages.join('\n').replace(/\s+/g, ' ');
    expect(all).toContain('Информация об исполнении Плана мероприятий');
    expect(all).toContain('1. Стратегия развития социальной сферы');
    expect(all).toContain('Частично');
    expect(all).toContain('Не выполнено');
    for (const page of pages) {
      expect(page).toContain('Наименование мероприятия');
      expect(page).toMatch(/стр\. \d+ из \d+/);
    }
  });

  it('renders the council form with protocols and the status opening the execution text', async (ctx) => {
    const pages = pdfPages(await buildReportPdf(sampleCouncilModel()));
    if (!pages) return ctx.skip(NO_PDFTOTEXT);
    const all = pages.join('\n').replace(/\s+/g, ' ');
    expect(all).toContain('Протокол заседания Координационного совета от 30 июня 2024 года');
    expect(all).toContain('Содержание поручения');
    expect(all).toContain('Выполнено.');
  });

  it('survives characters XML and fonts dislike', async (ctx) => {
    const pages = pdfPages(await buildReportPdf(edgeCouncilModel()));
    if (!pages) return ctx.skip(NO_PDFTOTEXT);
    expect(pages.join(' ')).toContain('https://navigator.zarechye.example/?a=1&b=2');
  });
});

describe('buildReport', () => {
  it.each(['docx', 'xlsx', 'pdf'] as const)('dispatches %s', async (format) => {
    const bytes = await buildReport(samplePlanModel(), format);
    const magic = bytes.subarray(0, 4).toString('latin1');
    expect(magic).toBe(format === 'pdf' ? '%PDF' : 'PK\u0003\u0004');
  });
});
