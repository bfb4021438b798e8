import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { compareWithExpected, makeRoadmapXlsx, roadmapExpected } from '../../../test/fixtures/make-fixtures.js';
import { DomainError } from '../errors.js';
import type { RawBlock, RawDocument } from './raw-document.js';
import { importDocument } from './read-document.js';
import { cellText, countValueRows, findHeaderRow, formatDate, formatNumber, readXlsx } from './xlsx-reader.js';

const tables = (d: RawDocument) =>
  d.blocks.filter((b): b is Extract<RawBlock, { type: 'table' }> => b.type === 'table');
const paragraphs = (d: RawDocument) =>
  d.blocks.filter((b): b is Extract<RawBlock, { type: 'paragraph' }> => b.type === 'paragraph').map((b) => b.text);

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function domainError(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return e as DomainError;
  }
  throw new Error('expected a DomainError');
}

describe('readXlsx on a generated roadmap', () => {
  it('puts the rows above the header row into paragraphs', async () => {
    const doc = await readXlsx(await makeRoadmapXlsx());
    expect(paragraphs(doc)).toEqual([
      'УТВЕРЖДАЮ',
      'Министр здравоохранения Приозёрного края',
      '____________ А.П. Громов',
      '«20» февраля 2025 г.',
      'ПЛАН МЕРОПРИЯТИЙ («ДОРОЖНАЯ КАРТА»)',
      'по повышению доступности медицинской и социальной помощи гражданам старшего поколения в Приозёрном крае на 2025–2026 годы',
    ]);
    expect(doc.blocks.slice(0, 6).every((b) => b.type === 'paragraph')).toBe(true);
  });

  it('reads header, column numbers, merged section rows, dates, rich text, formulas, vertical merges', async () => {
    const [t] = tables(await readXlsx(await makeRoadmapXlsx()));
    expect(t.rows[0].cells).toEqual([
      '№ п/п',
      'Наименование мероприятия',
      'Ожидаемый результат',
      'Срок исполнения',
      'Исполнитель (соисполнители)',
    ]);
    expect(t.rows[1].cells).toEqual(['1', '2', '3', '4', '5']);
    expect(t.rows[2]).toEqual({ cells: ['1. Организация медико-социальной помощи'], spans: [5] });
    const byNumber = Object.fromEntries(t.rows.map((r) => [r.cells[0], r.cells]));
    expect(byNumber['1.1'][3]).toBe('31.03.2025');
    expect(byNumber['1.2'][2]).toBe('Охват не менее 80% граждан из списков');
    expect(byNumber['1.3'][4]).toBe('Минздрав, Минсоцзащиты'); // merged down from 1.2
    expect(byNumber['2.1'][1]).toBe('Обучение социальных работников навыкам ухода за маломобильными гражданами');
    expect(byNumber['2.2'][3]).toBe('01.07.2025');
  });
});

describe('readXlsx structure', () => {
  it('reads visible sheets in order and skips hidden ones', async () => {
    const bytes = await workbook((wb) => {
      const a = wb.addWorksheet('План');
      a.addRow(['Заголовок листа']);
      a.addRow(['№', 'Мероприятие', 'Срок']);
      a.addRow(['1', 'Первое', '2025']);
      const h = wb.addWorksheet('Скрытый', { state: 'hidden' });
      h.addRow(['№', 'секрет', 'x']);
      const b = wb.addWorksheet('Показатели');
      b.addRow(['№', 'Показатель', '2025']);
      b.addRow(['1', 'Доля', 44.7]);
    });
    const doc = await readXlsx(bytes);
    expect(doc.blocks).toEqual([
      { type: 'paragraph', text: 'Заголовок листа' },
      { type: 'table', rows: [{ cells: ['№', 'Мероприятие', 'Срок'] }, { cells: ['1', 'Первое', '2025'] }] },
      { type: 'table', rows: [{ cells: ['№', 'Показатель', '2025'] }, { cells: ['1', 'Доля', '44,7'] }] },
    ]);
  });

  it('a sheet with a single column of text becomes paragraphs', async () => {
    const doc = await readXlsx(
      await workbook((wb) => {
        const s = wb.addWorksheet('x');
        s.addRow(['первая']);
        s.addRow([]);
        s.addRow(['вторая']);
      }),
    );
    expect(doc.blocks).toEqual([
      { type: 'paragraph', text: 'первая' },
      { type: 'paragraph', text: 'вторая' },
    ]);
  });

  it('keeps line breaks inside a cell (Alt+Enter) as \\n', async () => {
    const doc = await readXlsx(
      await workbook((wb) => {
        const s = wb.addWorksheet('x');
        s.addRow(['№', 'Исполнитель']);
        s.addRow(['1', 'Минсоц,\r\nМинздрав']);
      }),
    );
    expect(tables(doc)[0].rows[1].cells[1]).toBe('Минсоц,\nМинздрав');
  });

  it('refuses a sheet of more than 5,000 rows before loading it', async () => {
    const bytes = await workbook((wb) => {
      const s = wb.addWorksheet('x');
      s.addRow(['№', 'Мероприятие']);
      for (let i = 1; i <= 5001; i++) s.addRow([i, 'м']);
    });
    const e = await domainError(readXlsx(bytes));
    expect(e.kind).toBe('too_large');
    expect(e.code).toBe('import.too_many_rows');
  });

  it('lays out only rows with values: a value in row 1,000,000 costs nothing', async () => {
    const bytes = await workbook((wb) => {
      const s = wb.addWorksheet('x');
      s.addRow(['№', 'Мероприятие']);
      s.getCell(1_000_000, 1).value = '1';
      s.getCell(1_000_000, 2).value = 'далеко внизу';
    });
    const t0 = performance.now();
    const doc = await readXlsx(bytes);
    expect(tables(doc)[0].rows).toEqual([{ cells: ['№', 'Мероприятие'] }, { cells: ['1', 'далеко внизу'] }]);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('refuses a workbook whose sheets exceed 32 MB of XML, before exceljs loads it', async () => {
    const zip = await JSZip.loadAsync(await makeRoadmapXlsx());
    zip.file('xl/worksheets/sheet9.xml', '<worksheet><sheetData/></worksheet>' + ' '.repeat(33 * 1024 * 1024), {
      compression: 'STORE',
    });
    const e = await domainError(readXlsx(await zip.generateAsync({ type: 'nodebuffer' })));
    expect(e.code).toBe('import.document_too_large');
    expect(e.kind).toBe('too_large');
  });

  it('refuses a sheet wider than 256 columns', async () => {
    const bytes = await workbook((wb) => {
      const s = wb.addWorksheet('x');
      s.getCell(1, 1).value = '№';
      s.getCell(1, 300).value = 'далеко';
    });
    expect((await domainError(readXlsx(bytes))).code).toBe('import.too_many_columns');
  });

  it('refuses a .docx passed as .xlsx and garbage with a Russian message', async () => {
    const e = await domainError(readXlsx(new TextEncoder().encode('это не таблица')));
    expect(e.code).toBe('import.corrupt_file');
    expect(e.message).toMatch(/повреждён/);
  });
});

describe('cell rendering', () => {
  it('formats numbers the Russian way', () => {
    expect(formatNumber(44.7)).toBe('44,7');
    expect(formatNumber(100, '0.0')).toBe('100,0');
    expect(formatNumber(0.8, '0%')).toBe('80%');
    expect(formatNumber(5000, '#,##0')).toBe('5 000');
    expect(formatNumber(0.1 + 0.2)).toBe('0,3');
    expect(formatNumber(3)).toBe('3');
  });

  it('formats dates as dd.mm.yyyy', () => {
    expect(formatDate(new Date(Date.UTC(2025, 11, 31)))).toBe('31.12.2025');
    expect(formatDate(new Date(Date.UTC(2025, 0, 5, 9, 30)))).toBe('05.01.2025 09:30');
  });

  it('flattens rich text, formulas, hyperlinks, errors, booleans', () => {
    expect(cellText({ richText: [{ text: 'до ' }, { text: '1 июля' }] })).toBe('до 1 июля');
    expect(cellText({ formula: 'A1*2', result: 2.5 } as ExcelJS.CellFormulaValue)).toBe('2,5');
    expect(cellText({ formula: 'TODAY()', result: new Date(Date.UTC(2025, 1, 3)) } as ExcelJS.CellFormulaValue)).toBe(
      '03.02.2025',
    );
    expect(cellText({ formula: 'X' } as ExcelJS.CellFormulaValue)).toBe('');
    expect(cellText({ text: 'портал', hyperlink: 'https://x.example' })).toBe('портал');
    expect(cellText({ error: '#N/A' } as ExcelJS.CellErrorValue)).toBe('#N/A');
    expect(cellText(true)).toBe('ИСТИНА');
    expect(cellText('строка_x000D_\nвторая')).toBe('строка\nвторая');
  });

  it('finds the header row by its words, else by width', () => {
    const row = (...t: string[]) => t.map((text) => ({ text }));
    expect(
      findHeaderRow([row('УТВЕРЖДАЮ', ''), row('«1» марта', 'И.И. Иванов'), row('№ п/п', 'Мероприятие', 'Срок')]),
    ).toBe(2);
    expect(findHeaderRow([row('Заголовок'), row('a', 'b', 'c'), row('d', 'e')])).toBe(1);
    expect(findHeaderRow([row('Заголовок'), row('')])).toBe(-1);
  });

  it('counts only rows that hold values', () => {
    const xml =
      '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2" ht="20"/><row r="3"><c r="A3" s="1"/></row><row r="4"><c t="inlineStr"><is><t>x</t></is></c></row></sheetData><rowBreaks/>';
    expect(countValueRows(xml)).toBe(2);
  });
});

describe('importDocument on a generated .xlsx (read + interpret, end to end)', () => {
  it('roadmap: approval, period, sections, measures, dates, formula results, merged executors', async () => {
    const doc = await importDocument(await makeRoadmapXlsx(), 'дорожная карта.xlsx');
    expect(compareWithExpected(doc, roadmapExpected)).toEqual([]);
    expect(doc.items.find((i) => i.number === '1.3')!.executors).toEqual(['Минздрав', 'Минсоцзащиты']);
  });
});
