/**
 * The renderings people bring (issue 18), rule by rule: legal-database text, web-page
 * copy, pipe rows closed by « |», two-row headers, report periods, titles among a site's
 * boilerplate, cut files. The fixtures (fixtures.test.ts) hold whole documents.
 */
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors.js';
import { alignHeaderRows, chunkCells, findCellHeader } from './cell-sequence.js';
import { readCellStream } from './cell-stream.js';
import { joinDeadline } from './columns.js';
import { interpret } from './interpret.js';
import { readParagraphCells } from './paragraph-cells.js';
import { documentPeriod, parseReportPeriod } from './period.js';
import { collapseLetterSpacing, findTitle } from './preamble.js';
import { importDocument } from './read-document.js';
import { parseTextRendering } from './text-reader.js';

const text = (s: string) => new TextEncoder().encode(s);
const tables = (blocks: ReturnType<typeof readCellStream>) =>
  blocks.filter((b) => b.type === 'table').map((b) => (b.type === 'table' ? b.rows.map((r) => r.cells) : []));

describe('legal-database text: a cell a line, closed by « |»', () => {
  it('rebuilds rows from the column count, with wrapped cells, bare «|» as empty cells, and a value before the next row number', () => {
    const blocks = readCellStream([
      'N п/п |',
      'Показатель |',
      '2024 |',
      '2025 |',
      '1 |',
      '2 |',
      '3 |',
      '4 |',
      '1. |',
      'Доля граждан, получивших',
      'услуги |',
      '2 |',
      '|',
      '2. |',
      'Число центров |',
      '3 |',
      '4 |',
    ]);
    expect(tables(blocks)).toEqual([
      [
        ['N п/п', 'Показатель', '2024', '2025'],
        ['1', '2', '3', '4'],
        ['1.', 'Доля граждан, получивших\nуслуги', '2', ''],
        ['2.', 'Число центров', '3', '4'],
      ],
    ]);
  });

  it('keeps a part heading above the table out of the first cell, and starts a new table at a new header', () => {
    const blocks = readCellStream([
      'II. Мероприятия',
      'N п/п |',
      'Наименование |',
      'Срок |',
      '1. |',
      'Семинар |',
      'май |',
      'N п/п |',
      'Мероприятие |',
      'Исполнитель |',
      'Срок |',
      '1. |',
      'Форум |',
      'Минтруд |',
      'июнь |',
    ]);
    expect(blocks[0]).toEqual({ type: 'paragraph', text: 'II. Мероприятия' });
    expect(tables(blocks).map((t) => t.length)).toEqual([2, 2]);
  });

  it('sets a heading merged over the table as a row of its own, and keeps a cut last cell', () => {
    const { rows } = chunkCells(
      ['Протокол заседания совета от 12.03.2025', '|', '1.', 'Поручение', 'Минтруд', '2.', 'Другое'],
      3,
      true,
    );
    expect(rows).toEqual([
      ['Протокол заседания совета от 12.03.2025'],
      ['1.', 'Поручение', 'Минтруд'],
      ['2.', 'Другое'],
    ]);
  });

  it('tells the renderings apart: « |» closing every line is not a pipe-separated row', () => {
    const raw = parseTextRendering('N п/п |\nМероприятие |\nСрок |\nИсполнитель |\n1. |\nФорум |\nмай |\nМинтруд |\n');
    expect(raw.blocks).toHaveLength(1);
    expect(tables(raw.blocks)[0][1]).toEqual(['1.', 'Форум', 'май', 'Минтруд']);
  });
});

describe('web-page copy: a cell a paragraph', () => {
  const page = [
    'Главная',
    'Документы',
    '',
    '№ п/п',
    '',
    'Наименование мероприятия',
    '',
    'Срок',
    '',
    'Исполнитель',
    '',
    'Результат',
    '',
    'I. Организация',
    '',
    '1.',
    '',
    'Семинар для НКО',
    '',
    'май',
    '',
    'Минтруд',
    '',
    'Проведен',
    '',
    '2.',
    '',
    'Конкурс проектов',
    '',
    'Минтруд',
    '',
    'Итоги подведены',
    '', // no deadline: the cells are fitted
    'II. Информирование',
    '',
    '3.',
    '',
    'Публикации о мерах',
    '',
    'поддержки семей',
    '',
    'постоянно',
    '',
    'Минцифры',
    '',
    'Публикации',
    '',
    'Поделиться',
    'Версия для печати',
  ];
  it('finds the header among the navigation, reads rows at their numbers, sections between them, and stops at the footer', () => {
    const blocks = readParagraphCells(page)!;
    const rows = tables(blocks)[0];
    expect(rows[0]).toEqual(['№ п/п', 'Наименование мероприятия', 'Срок', 'Исполнитель', 'Результат']);
    expect(rows.slice(1)).toEqual([
      ['I. Организация'],
      ['1.', 'Семинар для НКО', 'май', 'Минтруд', 'Проведен'],
      ['2.', 'Конкурс проектов', '', 'Минтруд', 'Итоги подведены'],
      ['II. Информирование'],
      ['3.', 'Публикации о мерах\nподдержки семей', 'постоянно', 'Минцифры', 'Публикации'],
    ]);
    expect(blocks.at(-1)).toEqual({ type: 'paragraph', text: 'Версия для печати' });
  });

  it('does not take a value that happens to be the next number for a new row', () => {
    const blocks = readParagraphCells([
      '№ п/п',
      'Показатель',
      'Единица измерения',
      '2024',
      '2025',
      '1.',
      'Число центров',
      'единиц',
      '2',
      '3',
      '2.',
      'Доля НКО',
      '%',
      '10',
      '12',
    ])!;
    expect(tables(blocks)[0].slice(1)).toEqual([
      ['1.', 'Число центров', 'единиц', '2', '3'],
      ['2.', 'Доля НКО', '%', '10', '12'],
    ]);
  });

  it('returns null when no header is there', () => {
    expect(readParagraphCells(['Просто текст', '', 'И еще абзац'])).toBeNull();
  });
});

describe('pipe rows closed by « |»', () => {
  it('drops the terminator, joins a row broken over lines and reads a one-line approval', async () => {
    const doc = await importDocument(
      text(
        [
          'Утверждаю Министр труда Заречной области И.О. Петрова «12» марта 2025 года |',
          'ПЛАН мероприятий на 2025 год |',
          '№ | Мероприятие | Срок | Исполнитель |',
          '1 | Семинар для | май | Минтруд |',
          '2 | Конкурс социальных',
          'проектов | июнь | Минтруд, Минфин |',
        ].join('\n'),
      ),
      'plan.txt',
    );
    expect(doc).toMatchObject({
      approvedOn: '2025-03-12',
      approvedByName: 'И.О. Петрова',
      period: ['2025-01-01', '2025-12-31'],
    });
    expect(doc.items.map((i) => [i.title, i.executorsText])).toEqual([
      ['Семинар для', 'Минтруд'],
      ['Конкурс социальных проектов', 'Минтруд, Минфин'],
    ]);
  });
});

describe('two-row headers and state-programme columns', () => {
  it('aligns a lower row of sub-labels under its group', () => {
    expect(
      alignHeaderRows(
        [
          ['№', 'Мероприятие', 'Срок реализации', 'Исполнитель'],
          ['начало', 'окончание'],
        ],
        5,
      ),
    ).toEqual([
      ['№', 'Мероприятие', 'Срок реализации', '', 'Исполнитель'],
      ['', '', 'начало', 'окончание', ''],
    ]);
  });

  it('aligns a lower row that keeps placeholders under merged cells', () => {
    expect(
      alignHeaderRows(
        [
          ['№', 'Мероприятие', 'Срок', 'Результат'],
          ['', '', 'с', 'по'],
        ],
        5,
      )[0],
    ).toEqual(['№', 'Мероприятие', 'Срок', '', 'Результат']);
  });

  it('joins a deadline printed as its start and end, and keeps extra columns from shifting the rest', () => {
    expect(joinDeadline(['2024', '2030'])).toBe('2024 – 2030');
    expect(joinDeadline(['2025', '2025'])).toBe('2025');
    expect(joinDeadline(['', '2026'])).toBe('2026');
    const doc = interpret({
      blocks: [
        {
          type: 'table',
          rows: [
            {
              cells: [
                '№',
                'Наименование мероприятия',
                'Срок реализации',
                'Последствия нереализации',
                'Связь с показателями',
                'Ответственный исполнитель',
              ],
            },
            { cells: ['начала', 'окончания'] },
            { cells: ['1', 'Ремонт школ', '2024', '2026', 'Снижение доступности', 'Показатель 1', 'Минобр'] },
          ],
        },
      ],
    });
    expect(doc.items[0]).toMatchObject({ title: 'Ремонт школ', deadlineText: '2024 – 2026', executorsText: 'Минобр' });
  });

  it('finds a header only where the number column opens it', () => {
    expect(findCellHeader(['План мероприятий по развитию', '№ п/п', 'Мероприятие', 'Срок'], 0, 0)).toBeNull();
    expect(findCellHeader(['План мероприятий по развитию', '№ п/п', 'Мероприятие', 'Срок'], 0)?.start).toBe(1);
  });
});

describe('titles, approvals and periods in copies from legal databases and sites', () => {
  it('collapses letter-spaced words', () => {
    expect(collapseLetterSpacing('П Л А Н')).toBe('ПЛАН');
    expect(collapseLetterSpacing('П Л А Н   М Е Р О П Р И Я Т И Й')).toBe('ПЛАН   МЕРОПРИЯТИЙ');
    expect(collapseLetterSpacing('И.О. Петрова, г. Омск')).toBe('И.О. Петрова, г. Омск');
  });

  it('takes the last run of lines that names the document, not the boilerplate before it', () => {
    expect(
      findTitle([
        'Документ предоставлен КонсультантПлюс',
        'Дата сохранения: 14.05.2025',
        'ПЛАН',
        'МЕРОПРИЯТИЙ НА 2024 - 2026 ГОДЫ',
        '(утв. приказом от 15.02.2024 N 112-п)',
      ]),
    ).toBe('ПЛАН МЕРОПРИЯТИЙ НА 2024 - 2026 ГОДЫ');
    expect(findTitle(['Главная', 'Отчеты', 'ИНФОРМАЦИЯ', 'о ходе исполнения решений совета', 'за 2024 год'])).toBe(
      'ИНФОРМАЦИЯ о ходе исполнения решений совета за 2024 год',
    );
  });

  it('reads «(утв. приказом … от <дата> N …)» as the approval', () => {
    const doc = interpret({
      blocks: [
        {
          type: 'paragraph',
          text: 'ПЛАН МЕРОПРИЯТИЙ НА 2025 ГОД (утв. приказом министерства от 15 февраля 2025 г. N 112-п)',
        },
        { type: 'table', rows: [{ cells: ['N п/п', 'Мероприятие', 'Срок'] }, { cells: ['1', 'Форум', 'май'] }] },
      ],
    });
    expect(doc).toMatchObject({ approvedOn: '2025-02-15', approvedByName: null, period: ['2025-01-01', '2025-12-31'] });
  });

  it('reads the period a report covers', () => {
    expect(parseReportPeriod('Информация … за 2023 год')).toEqual(['2023-01-01', '2023-12-31']);
    expect(parseReportPeriod('Отчет … по итогам 2024 года')).toEqual(['2024-01-01', '2024-12-31']);
    expect(parseReportPeriod('Информация … в 2024 году')).toEqual(['2024-01-01', '2024-12-31']);
    expect(parseReportPeriod('Информация … за I полугодие 2025 г.')).toEqual(['2025-01-01', '2025-06-30']);
    expect(parseReportPeriod('Отчет … за 2 полугодие 2025 года')).toEqual(['2025-07-01', '2025-12-31']);
    expect(parseReportPeriod('Отчет … за III квартал 2024 года')).toEqual(['2024-07-01', '2024-09-30']);
    expect(parseReportPeriod('Отчет … за 9 месяцев 2024 года')).toEqual(['2024-01-01', '2024-09-30']);
    expect(parseReportPeriod('План мероприятий')).toBeNull();
    // A report on a plan names the plan's years too: they win, as they always have.
    expect(documentPeriod('Информация об исполнении плана на 2024–2025 годы за 2024 год')).toEqual([
      '2024-01-01',
      '2025-12-31',
    ]);
  });
});

describe('a cut file', () => {
  it('keeps its complete rows and a last row with most of its title, without inventing the rest', async () => {
    const doc = await importDocument(
      text('№\tМероприятие\tСрок\tИсполнитель\n1\tФорум\tмай\tМинтруд\n2\tКонкурс социальных проектов для мол'),
      'p.txt',
    );
    expect(doc.items.map((i) => [i.number, i.title, i.deadlineText, i.executorsText])).toEqual([
      ['1', 'Форум', 'май', 'Минтруд'],
      ['2', 'Конкурс социальных проектов для мол', '', ''],
    ]);
  });

  it('drops a last row cut right after its number', async () => {
    const doc = await importDocument(
      text('№\tМероприятие\tСрок\tИсполнитель\n1\tФорум\tмай\tМинтруд\n2\tСеминар\tиюнь\tМинфин\n3\tКо'),
      'p.txt',
    );
    expect(doc.items.map((i) => i.number)).toEqual(['1', '2']);
    expect(doc.warnings).toContain('Последняя строка таблицы оборвана: она не прочитана');
  });
});

describe('a document no reading places', () => {
  it('is refused with the renderings tried named', async () => {
    const e = await importDocument(text('Просто текст\nбез таблицы\n'), 'x.txt').catch((x) => x);
    expect(isDomainError(e) && e.code).toBe('import.no_table');
    expect(e.message).toMatch(/Проверены варианты: .*ячейка в абзаце \(копия веб-страницы\)/);
    expect(e.message).toMatch(/вручную/);
  });
});

describe("a legal database's page boilerplate and editorial notes", () => {
  it('leaves them out, even between the cells of a row', () => {
    const raw = parseTextRendering(
      [
        'N п/п |',
        'Мероприятие |',
        'Срок |',
        '1. |',
        'Форум |',
        'май |',
        '(п. 1 в ред. приказа от 02.10.2025 N 540-п)',
        'Документ предоставлен КонсультантПлюс',
        'Дата сохранения: 14.05.2025',
        'Страница 2 из 3',
        '2. |',
        'Семинар |',
        'июнь |',
      ].join('\n'),
    );
    expect(tables(raw.blocks)[0].slice(1)).toEqual([
      ['1.', 'Форум', 'май'],
      ['2.', 'Семинар', 'июнь'],
    ]);
  });
});
