import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors.js';
import { documentLayout, findRememberedColumns, layoutShape, readWithColumns } from './layout.js';
import { parseTextRendering } from './text-reader.js';

// Column names the reader does not know: no reading places this table by itself.
const TABLE = parseTextRendering(
  [
    'Перечень задач отдела на 2026 год',
    '',
    'Шаг\tЧто делаем\tКогда\tКто\tЧто получим',
    '1\tСобрать заявки от НКО\tянварь\tОтдел поддержки НКО\tРеестр заявок',
    '2\tПровести конкурс\tмарт\tКонкурсная комиссия, Минэкономразвития\tПротокол',
  ].join('\n'),
);

const LINES = parseTextRendering(
  [
    'Задачи на 2026 год',
    '',
    'Шаг',
    '',
    'Что делаем',
    '',
    'Когда',
    '',
    'Кто',
    '',
    '1',
    '',
    'Собрать заявки от НКО',
    '',
    'январь',
    '',
    'Отдел поддержки НКО',
    '',
    '2',
    '',
    'Провести конкурс',
    '',
    'март',
    '',
    'Минэкономразвития',
    '',
  ].join('\n'),
);

describe('reading with the columns a person points at', () => {
  it('shows tables as rows and text as lines', () => {
    const layout = documentLayout(TABLE);
    expect(layout.blocks.map((b) => b.type)).toEqual(['lines', 'table']);
    expect(layout.blocks[1]).toMatchObject({
      type: 'table',
      totalRows: 3,
      rows: [['Шаг', 'Что делаем', 'Когда', 'Кто', 'Что получим'], expect.any(Array), expect.any(Array)],
    });
    expect(documentLayout(LINES).blocks).toEqual([
      { type: 'lines', lines: expect.arrayContaining(['Шаг', 'Что делаем']), totalLines: 13 },
    ]);
  });

  it('reads a table with the header row and roles given', () => {
    const doc = readWithColumns(TABLE, {
      block: 1,
      headerRow: 0,
      columns: ['number', 'title', 'deadline', 'executors', 'expectedResult'],
    });
    expect(doc.title).toBe('Перечень задач отдела на 2026 год');
    expect(doc.period).toEqual(['2026-01-01', '2026-12-31']);
    expect(doc.items.map((i) => [i.number, i.title, i.deadlineText, i.executors, i.expectedResult])).toEqual([
      ['1', 'Собрать заявки от НКО', 'январь', ['Отдел поддержки НКО'], 'Реестр заявок'],
      ['2', 'Провести конкурс', 'март', ['Конкурсная комиссия', 'Минэкономразвития'], 'Протокол'],
    ]);
  });

  it('reads lines with the first header line and a role per header line', () => {
    const doc = readWithColumns(LINES, {
      block: 0,
      headerRow: 1,
      columns: ['number', 'title', 'deadline', 'executors'],
    });
    expect(doc.items.map((i) => [i.number, i.title, i.deadlineText, i.executorsText])).toEqual([
      ['1', 'Собрать заявки от НКО', 'январь', 'Отдел поддержки НКО'],
      ['2', 'Провести конкурс', 'март', 'Минэкономразвития'],
    ]);
  });

  it('refuses a choice without a title column, with a role twice, or that reads nothing', () => {
    const code = (f: () => unknown) => {
      try {
        f();
        return null;
      } catch (e) {
        return isDomainError(e) ? e.code : 'other';
      }
    };
    expect(
      code(() =>
        readWithColumns(TABLE, {
          block: 1,
          headerRow: 0,
          columns: ['number', 'skip', 'deadline', 'executors', 'skip'],
        }),
      ),
    ).toBe('import.columns');
    expect(
      code(() =>
        readWithColumns(TABLE, { block: 1, headerRow: 0, columns: ['number', 'title', 'title', 'executors', 'skip'] }),
      ),
    ).toBe('import.columns');
    expect(
      code(() =>
        readWithColumns(TABLE, {
          block: 1,
          headerRow: 2,
          columns: ['number', 'title', 'deadline', 'executors', 'skip'],
        }),
      ),
    ).toBe('import.columns');
    expect(code(() => readWithColumns(TABLE, { block: 7, headerRow: 0, columns: ['title'] }))).toBe('import.columns');
  });

  it('finds a remembered header in the next document of the same shape', () => {
    const known = [
      {
        shape: layoutShape('table', ['Шаг', 'ЧТО ДЕЛАЕМ', 'Когда', 'Кто', 'Что  получим']),
        columns: ['number', 'title', 'deadline', 'executors', 'expectedResult'] as const,
      },
    ];
    expect(
      findRememberedColumns(
        TABLE,
        known.map((k) => ({ ...k, columns: [...k.columns] })),
      ),
    ).toEqual({ block: 1, headerRow: 0, columns: ['number', 'title', 'deadline', 'executors', 'expectedResult'] });
    const lines = [
      {
        shape: layoutShape('lines', ['Шаг', 'Что делаем', 'Когда', 'Кто']),
        columns: ['number', 'title', 'deadline', 'executors'] as Array<'number' | 'title' | 'deadline' | 'executors'>,
      },
    ];
    expect(findRememberedColumns(LINES, lines)).toEqual({
      block: 0,
      headerRow: 1,
      columns: ['number', 'title', 'deadline', 'executors'],
    });
    expect(findRememberedColumns(LINES, [])).toBeNull();
  });
});
