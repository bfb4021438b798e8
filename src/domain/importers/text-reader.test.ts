import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { RawBlock } from './raw-document.js';
import { decodeText, parseTextRendering, readTextDocument } from './text-reader.js';

const tables = (blocks: RawBlock[]) =>
  blocks.filter((b): b is Extract<RawBlock, { type: 'table' }> => b.type === 'table');
const paragraphs = (blocks: RawBlock[]) =>
  blocks.filter((b) => b.type === 'paragraph').map((b) => (b as { text: string }).text);
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('decodeText', () => {
  it('reads UTF-8 and strips the BOM', () => {
    const r = decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('План\r\nмероприятий\r')]));
    expect(r).toEqual({ text: 'План\nмероприятий\n', encoding: 'utf-8' });
  });
  it('falls back to Windows-1251 when the bytes are not UTF-8', () => {
    const r = decodeText(new Uint8Array(iconv.encode('Срок исполнения «до 1 марта»', 'win1251')));
    expect(r).toEqual({ text: 'Срок исполнения «до 1 марта»', encoding: 'windows-1251' });
  });
  it('reads UTF-16 with a BOM', () => {
    const body = Buffer.from('№\tМероприятие', 'utf16le');
    expect(decodeText(new Uint8Array([0xff, 0xfe, ...body])).text).toBe('№\tМероприятие');
  });
});

describe('tab-separated rows', () => {
  const text = [
    'План',
    '№\tМероприятие\tСрок\tИсполнитель',
    '1\tСовещание с руководителями\tежегодно\tМинтруд',
    '2\tСеминар для',
    'специалистов ОМСУ\tII квартал\tМинтруд',
    '',
    '\tи НКО\t\t',
    '--\t---\t--\t---',
    '',
    'Министр\t\tИ.И. Иванов',
  ].join('\n');
  const doc = parseTextRendering(text);

  it('keeps paragraphs before and after the table', () => {
    expect(paragraphs(doc.blocks)).toEqual(['План', 'Министр\t\tИ.И. Иванов']);
  });
  it('joins a cell that continues over several lines and keeps page-broken rows', () => {
    const [t] = tables(doc.blocks);
    expect(t.rows.map((r) => r.cells)).toEqual([
      ['№', 'Мероприятие', 'Срок', 'Исполнитель'],
      ['1', 'Совещание с руководителями', 'ежегодно', 'Минтруд'],
      ['2', 'Семинар для\nспециалистов ОМСУ', 'II квартал', 'Минтруд'],
      ['', 'и НКО', '', ''],
    ]);
  });
  it('treats a lone line with tabs as text, not a table', () => {
    const d = parseTextRendering('УТВЕРЖДАЮ\nМинистр\t\t\tО.А. Петелин\n');
    expect(tables(d.blocks)).toHaveLength(0);
    expect(paragraphs(d.blocks)).toEqual(['УТВЕРЖДАЮ', 'Министр\t\t\tО.А. Петелин']);
  });
  it('finds the row width when no line holds a whole row, and keeps a heading line as its own row', () => {
    const d = parseTextRendering(
      [
        '№',
        'п/п\tПункт',
        'протокола\tПоручение\tИсполнение',
        'Протокол заседания Совета от 30 июня 2021 года',
        '1\tпункт 5',
        'вопроса № 2\tОрганизовать рейтинг\tВыполнено.',
        'Вопрос включен в повестку',
        '2\tпункт 6',
        'вопроса № 2\tПровести семинар\tНе выполнено',
      ].join('\n'),
    );
    expect(tables(d.blocks)[0].rows.map((r) => r.cells)).toEqual([
      ['№\nп/п', 'Пункт\nпротокола', 'Поручение', 'Исполнение'],
      ['Протокол заседания Совета от 30 июня 2021 года'],
      ['1', 'пункт 5\nвопроса № 2', 'Организовать рейтинг', 'Выполнено.\nВопрос включен в повестку'],
      ['2', 'пункт 6\nвопроса № 2', 'Провести семинар', 'Не выполнено'],
    ]);
  });
  it('starts a new row at an item number even when the row above is short', () => {
    const d = parseTextRendering('№\tМероприятие\tСрок\n1.\tРаздел\n1.1\tСовещание\tежегодно\n');
    expect(tables(d.blocks)[0].rows.map((r) => r.cells)).toEqual([
      ['№', 'Мероприятие', 'Срок'],
      ['1.', 'Раздел'],
      ['1.1', 'Совещание', 'ежегодно'],
    ]);
  });
});

describe('one cell per line', () => {
  const text = [
    'Отчет',
    '\t№',
    'п/п',
    '\tМероприятие',
    '\tИсполнитель',
    '\tОтметка',
    '',
    '\t1. Раздел первый',
    '\t',
    '',
    '\t1.1',
    '\tСовещание',
    '\tМинтруд',
    '',
    '\tВыполнено',
    'Выполнено',
    '',
    '\t1.2',
    '\tСеминар\tдля специалистов',
    '\tМинтруд',
    '\tХ',
    '',
    '',
    '________________',
  ].join('\n');
  const doc = parseTextRendering(text);
  it('rebuilds rows from the column count, across blank lines inside a row', () => {
    expect(tables(doc.blocks)[0].rows.map((r) => r.cells)).toEqual([
      ['№\nп/п', 'Мероприятие', 'Исполнитель', 'Отметка'],
      ['1. Раздел первый', ''],
      ['1.1', 'Совещание', 'Минтруд', 'Выполнено\nВыполнено'],
      ['1.2', 'Семинар для специалистов', 'Минтруд', 'Х'],
    ]);
  });
  it('ends the table at text after a blank line', () => {
    expect(paragraphs(doc.blocks)).toEqual(['Отчет', '________________']);
  });
  it('rebuilds rows from the header width when no blank line separates them', () => {
    const d = parseTextRendering(
      [
        '\t№',
        '\tМероприятие',
        '\tИсполнитель',
        '\t1. Раздел',
        '\t1.1',
        '\tСовещание',
        '\tМинтруд',
        '\t1.2',
        '\tСеминар',
        '\tМинздрав',
      ].join('\n'),
    );
    expect(tables(d.blocks)[0].rows.map((r) => r.cells)).toEqual([
      ['№', 'Мероприятие', 'Исполнитель'],
      ['1. Раздел'],
      ['1.1', 'Совещание', 'Минтруд'],
      ['1.2', 'Семинар', 'Минздрав'],
    ]);
  });
  it('splits a header glued to the first row when no blank line separates them', () => {
    const d = parseTextRendering(
      [
        '\tА',
        '\tБ',
        '\tВ',
        ' \tПротокол заседания от 1 июня 2024 года',
        '',
        '\t1',
        '\tx',
        '\ty',
        '',
        '\t2',
        '\tx',
        '\ty',
        '',
      ].join('\n'),
    );
    expect(tables(d.blocks)[0].rows.map((r) => r.cells)).toEqual([
      ['А', 'Б', 'В'],
      ['Протокол заседания от 1 июня 2024 года'],
      ['1', 'x', 'y'],
      ['2', 'x', 'y'],
    ]);
  });
});

describe('pipe-separated rows', () => {
  it('reads Markdown tables and skips the rule line', () => {
    const d = parseTextRendering(
      '| № | Мероприятие | Срок |\n|---|---|---|\n| 1 | Совещание | ежегодно |\n| 2 | Семинар | 2025 год |\n',
    );
    expect(tables(d.blocks)[0].rows.map((r) => r.cells)).toEqual([
      ['№', 'Мероприятие', 'Срок'],
      ['1', 'Совещание', 'ежегодно'],
      ['2', 'Семинар', '2025 год'],
    ]);
  });
  it('reads plain « | » separators', () => {
    const d = parseTextRendering('План\n№ | Мероприятие | Срок\n1 | Совещание | ежегодно\n');
    expect(tables(d.blocks)[0].rows[1].cells).toEqual(['1', 'Совещание', 'ежегодно']);
  });
});

describe('cleaning extraction artefacts', () => {
  it('drops bookmarks and Markdown bold', () => {
    const d = readTextDocument(
      utf8('ПЛАН**по развитию**\n\tА\n\tБ\n\n\t1\n\t[bookmark: _GoBack]Текст\n\n\t2\n\tЕщё\n'),
    );
    expect(paragraphs(d.blocks)).toEqual(['ПЛАН по развитию']);
    expect(tables(d.blocks)[0].rows[1].cells).toEqual(['1', 'Текст']);
  });
  it('reads text without tables as paragraphs', () => {
    expect(readTextDocument(utf8('Строка один\n\nСтрока два\n')).blocks).toEqual([
      { type: 'paragraph', text: 'Строка один' },
      { type: 'paragraph', text: 'Строка два' },
    ]);
  });
});

describe('spreadsheet exports', () => {
  it('reads a semicolon CSV in Windows-1251 with quoted multi-line cells and a title row', () => {
    const csv = [
      'План мероприятий на 2025 год;;;',
      '№;Мероприятие;Срок;Исполнитель',
      '1;"Совещание ""Итоги года""";ежегодно;"Минтруд; Минздрав"',
      '2;"Семинар для',
      'специалистов";II квартал;Минтруд',
      'Министр;;;',
    ].join('\r\n');
    const d = readTextDocument(new Uint8Array(iconv.encode(csv, 'win1251')), 'plan.csv');
    expect(paragraphs(d.blocks)).toEqual(['План мероприятий на 2025 год', 'Министр']);
    expect(tables(d.blocks)[0].rows.map((r) => r.cells)).toEqual([
      ['№', 'Мероприятие', 'Срок', 'Исполнитель'],
      ['1', 'Совещание "Итоги года"', 'ежегодно', 'Минтруд; Минздрав'],
      ['2', 'Семинар для\nспециалистов', 'II квартал', 'Минтруд'],
    ]);
  });
  it('recognises a comma CSV by its content', () => {
    const d = parseTextRendering(
      '№,Мероприятие,Срок,Исполнитель\n1,Совещание,ежегодно,"Минтруд, Минздрав"\n2,Семинар,март,Минтруд\n',
    );
    expect(tables(d.blocks)[0].rows[1].cells).toEqual(['1', 'Совещание', 'ежегодно', 'Минтруд, Минздрав']);
  });
  it('reads Excel «Unicode text»: UTF-16, tabs, quoted cells over several lines', () => {
    const text = '№\tМероприятие\tИсполнитель\n1\t"Совещание\nс главами"\tМинтруд\n2\tСеминар\tМинздрав\n';
    const d = readTextDocument(new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]), 'plan.txt');
    expect(tables(d.blocks)[0].rows.map((r) => r.cells)).toEqual([
      ['№', 'Мероприятие', 'Исполнитель'],
      ['1', 'Совещание\nс главами', 'Минтруд'],
      ['2', 'Семинар', 'Минздрав'],
    ]);
  });
});
