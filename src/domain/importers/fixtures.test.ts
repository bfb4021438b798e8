/**
 * Every text fixture in test/fixtures/import/ (documents written in the genre, in each
 * rendering and encoding) against its expected interchange document.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importDocument } from './read-document.js';

const dir = fileURLToPath(new URL('../../../test/fixtures/import/', import.meta.url));
const fixtures = readdirSync(dir)
  .filter((f) => /\.(txt|csv)$/.test(f))
  .sort();

describe('text fixtures in the genre', () => {
  it('has a fixture for each rendering and encoding', () => {
    expect(fixtures.some((f) => f.includes('.tabs'))).toBe(true);
    expect(fixtures.some((f) => f.includes('.cell-per-line'))).toBe(true);
    expect(fixtures.some((f) => f.includes('.pipes'))).toBe(true);
    expect(fixtures.some((f) => f.includes('cp1251'))).toBe(true);
    expect(fixtures.some((f) => f.endsWith('.csv'))).toBe(true);
    // Copies from legal databases and official sites, pipe rows closed by « |», in each genre (issue 18).
    for (const rendering of ['.legal-db', '.web-copy', '.pipes-terminated']) {
      for (const genre of ['plan-', 'report-', 'council-decisions.', 'state-programme.', 'plan-truncated.']) {
        expect(
          fixtures.filter((f) => f.includes(rendering) && f.startsWith(genre)).length,
          `${genre}*${rendering}`,
        ).toBeGreaterThanOrEqual(1);
      }
      expect(fixtures.filter((f) => f.includes(rendering)).length).toBeGreaterThanOrEqual(5);
    }
  });

  for (const name of fixtures) {
    it(`reads ${name} as expected`, async () => {
      const bytes = readFileSync(dir + name);
      const expected = JSON.parse(readFileSync(dir + name.replace(/\.(txt|csv)$/, '.expected.json'), 'utf8'));
      const doc = await importDocument(bytes, name);
      expect(doc).toEqual(expected);
    });
  }

  it('reads the Roman-section plan: sections, page-broken row, executors with commas', async () => {
    const doc = await importDocument(readFileSync(dir + 'plan-roman-sections.tabs.txt'), 'plan.txt');
    expect(doc.sections).toEqual([
      { number: 'I', title: 'Организационные мероприятия' },
      { number: 'II', title: 'Информационная поддержка' },
    ]);
    expect(doc.items.map((i) => [i.number, i.section])).toEqual([
      ['1', 'I'],
      ['2', 'I'],
      ['3', 'I'],
      ['4', 'II'],
      ['5', 'II'],
      ['6', 'II'],
    ]);
    expect(doc.items[4].title).toBe(
      'Подготовка материалов для средств массовой информации о деятельности СО НКО и добровольцев',
    );
    expect(doc.items[2].executors).toEqual([
      'Минсоцразвития',
      'Комитет по делам молодежи, физической культуры и спорта Верхнеречинской области',
      'Ассоциация «Союз некоммерческих организаций, фондов и волонтеров» (по согласованию)',
    ]);
    expect(doc.items[5].title).toBe('Организация работы «горячей линии» по вопросам получения мер поддержки');
    expect(doc.period).toEqual(['2025-01-01', '2027-12-31']);
  });

  it('reads the roadmap whose first column is the expected result', async () => {
    const doc = await importDocument(readFileSync(dir + 'roadmap-result-first.pipes.cp1251.txt'), 'roadmap.txt');
    const item = doc.items.find((i) => i.number === '2.2')!;
    expect(item.expectedResult).toBe('Обучено не менее 120 помощников по уходу в 4 муниципальных образованиях');
    expect(doc.sections.map((s) => s.number)).toEqual(['1', '2']);
  });

  it('reads statuses, including one printed twice', async () => {
    const doc = await importDocument(readFileSync(dir + 'report-statuses.cell-per-line.txt'), 'report.txt');
    expect(doc.kind).toBe('report');
    expect(doc.items.map((i) => i.status)).toEqual(['done', 'partial', 'not_due', 'not_done', 'done']);
  });

  it('numbers council protocols by their date', async () => {
    const doc = await importDocument(readFileSync(dir + 'council-decisions.cell-per-line.cp1251.txt'), 'council.txt');
    expect(doc.kind).toBe('council_decisions');
    expect(doc.sections.map((s) => s.number)).toEqual(['2024-03-14', '2024-09-10']);
    expect(doc.items.map((i) => i.protocolItem)[2]).toBe('подпункт 1 пункта 1 вопроса № 2');
  });

  it('reads target indicators by year and keeps part headings out of sections', async () => {
    const doc = await importDocument(readFileSync(dir + 'indicators-and-plan.tabs.txt'), 'plan.txt');
    expect(doc.sections).toEqual([]);
    expect(doc.indicators[1]).toEqual({
      number: '2',
      name: 'Доля молодежи, вовлеченной в добровольческую деятельность, от общей численности молодежи края',
      values: { '2023': '18', '2024': '20', '2025': '22,5', '2026': '25' },
      unit: '%',
    });
    expect(doc.items.map((i) => i.form)).toEqual(['Форум', 'Конкурс', 'Реестр']);
  });
});
