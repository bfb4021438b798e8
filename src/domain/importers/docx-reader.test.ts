import JSZip from 'jszip';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  buildDocxFromXml,
  compareWithExpected,
  councilExpected,
  escapeXml,
  generatePlanDocx,
  generatedPlanItems,
  generatedPlanSections,
  makeAllFixtures,
  makeCouncilDecisionsDocx,
  makePlanDocx,
  makeReportDocx,
  planExpected,
  reportExpected,
  wp,
} from '../../../test/fixtures/make-fixtures.js';
import { DomainError } from '../errors.js';
import { readDocx, slimWordXml } from './docx-reader.js';
import { importDocument } from './read-document.js';
import type { RawBlock, RawDocument, RawRow } from './raw-document.js';

const tables = (d: RawDocument) =>
  d.blocks.filter((b): b is Extract<RawBlock, { type: 'table' }> => b.type === 'table');
const paragraphs = (d: RawDocument) =>
  d.blocks.filter((b): b is Extract<RawBlock, { type: 'paragraph' }> => b.type === 'paragraph').map((b) => b.text);
const rowOf = (rows: RawRow[], first: string) => rows.find((r) => r.cells[0] === first);

/** `<w:tc>` with one paragraph per line and optional cell properties. */
const tc = (text: string | string[], pr = '') =>
  `<w:tc>${pr ? `<w:tcPr>${pr}</w:tcPr>` : ''}${(Array.isArray(text) ? text : [text]).map((t) => wp(t)).join('') || '<w:p/>'}</w:tc>`;
const tr = (...cells: string[]) => `<w:tr>${cells.join('')}</w:tr>`;
const tbl = (...rows: string[]) => `<w:tbl><w:tblPr/><w:tblGrid/>${rows.join('')}</w:tbl>`;

async function expectDomainError(p: Promise<unknown> | (() => unknown), code: string) {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe(code);
    expect((e as DomainError).message).toMatch(/[а-яё]/i);
    return e as DomainError;
  }
  throw new Error(`expected DomainError ${code}`);
}

describe('readDocx on generated documents of the genre', () => {
  it('keeps the approval block and title above the table, in order', async () => {
    const doc = readDocx(await makePlanDocx());
    const ps = paragraphs(doc);
    expect(ps.slice(0, 6)).toEqual([
      'УТВЕРЖДАЮ',
      'Заместитель председателя Правительства Приозёрного края – министр социальной защиты населения Приозёрного края',
      '____________ Е.В. Светлова',
      '«14» января 2025 г.',
      'ПЛАН МЕРОПРИЯТИЙ',
      'по развитию социально ориентированных некоммерческих организаций и добровольчества в Приозёрном крае на 2025–2027 годы',
    ]);
    // the note below the table stays below it
    expect(doc.blocks.at(-1)).toEqual({
      type: 'paragraph',
      text: 'Примечание: сведения об исполнении представляются в Минсоцзащиты ежеквартально.',
    });
    expect(doc.blocks.findIndex((b) => b.type === 'table')).toBe(6);
  });

  it('reads header, column numbers, section rows with their span, multi-paragraph cells', async () => {
    const [t] = tables(readDocx(await makePlanDocx()));
    expect(t.rows[0].cells).toEqual([
      '№ п/п',
      'Наименование мероприятия',
      'Ответственные исполнители',
      'Срок исполнения',
      'Ожидаемый результат',
    ]);
    expect(t.rows[0].spans).toBeUndefined();
    expect(t.rows[1].cells).toEqual(['1', '2', '3', '4', '5']);
    expect(t.rows[2]).toEqual({ cells: ['1. Организационные и нормативные правовые мероприятия'], spans: [5] });
    expect(rowOf(t.rows, '1.1.')!.cells[2]).toBe(
      'Министерство социальной защиты населения Приозёрного края\n(далее – Минсоцзащиты)',
    );
    expect(rowOf(t.rows, '1.2.')!.cells[1]).toContain('получателей поддержки.\nРазмещение реестра');
  });

  it('keeps a row broken across a page as a row with an empty first cell', async () => {
    const [t] = tables(readDocx(await makePlanDocx()));
    const i = t.rows.findIndex((r) => r.cells[0] === '2.1.');
    expect(t.rows[i + 1].cells).toEqual([
      '',
      'и грантов Губернатора Приозёрного края',
      'АНО «Ресурсный центр поддержки некоммерческих организаций Приозёрного края» (по согласованию)',
      '',
      'обучено не менее 120 человек',
    ]);
  });

  it('repeats a vertically merged executor cell for each measure it covers', async () => {
    const [t] = tables(readDocx(await makePlanDocx()));
    expect(rowOf(t.rows, '3.1.')!.cells[2]).toBe('Комитет по делам молодёжи Приозёрного края (далее – Комитет)');
    expect(rowOf(t.rows, '3.2.')!.cells).toEqual([
      '3.2.',
      'Сопровождение регионального сегмента единой информационной системы в сфере развития добровольчества',
      'Комитет по делам молодёжи Приозёрного края (далее – Комитет)',
      'постоянно',
      'Число зарегистрированных добровольцев – не менее 15 тыс. человек',
    ]);
  });

  it('reads a report with a status column and a hyperlink below the table', async () => {
    const doc = readDocx(await makeReportDocx());
    const [t] = tables(doc);
    expect(t.rows[0].cells).toHaveLength(6);
    expect(rowOf(t.rows, '1.1')!.cells[5]).toBe('Выполнено\nВыполнено');
    expect(rowOf(t.rows, '1.4')!.cells[5]).toBe('Х');
    expect(rowOf(t.rows, '2.2')!.cells[5]).toBe('');
    expect(paragraphs(doc).at(-1)).toBe('Сводный отчет размещён на сайте soc.priozerny.example');
  });

  it('renders Word automatic numbering of the № column', async () => {
    const [t] = tables(readDocx(await makeCouncilDecisionsDocx()));
    expect(t.rows.map((r) => r.cells[0])).toEqual([
      '№\nп/п',
      'Протокол заседания Совета от 12 марта 2024 года',
      '1.',
      '2.',
      'Протокол заседания Совета от 5 сентября 2024 года',
      '3.',
      '4.',
    ]);
    expect(t.rows[2].cells[1]).toBe('пункт 2\nвопроса № 1');
  });

  it('reads a generated plan of 1,000 measures', async () => {
    const doc = readDocx(await generatePlanDocx(1000));
    const [t] = tables(doc);
    expect(t.rows).toHaveLength(2 + 100 + 1000);
    expect(t.rows.at(-1)!.cells[0]).toBe('100.10.');
  });
});

describe('readDocx on WordprocessingML edge cases', () => {
  it('keeps paragraphs between and after several tables in reading order', async () => {
    const body = wp('До таблиц') + tbl(tr(tc('a'), tc('b'))) + wp('Между') + tbl(tr(tc('c'), tc('d'))) + wp('После');
    const doc = readDocx(await buildDocxFromXml(body));
    expect(
      doc.blocks.map((b) => (b.type === 'paragraph' ? b.text : b.rows.map((r) => r.cells.join('|')).join('/'))),
    ).toEqual(['До таблиц', 'a|b', 'Между', 'c|d', 'После']);
  });

  it('turns tabs and breaks into \\t and \\n, skips hidden text and empty paragraphs', async () => {
    const body =
      '<w:p><w:r><w:t>один</w:t><w:tab/><w:t>два</w:t><w:br/><w:t>три</w:t><w:noBreakHyphen/><w:t>х</w:t></w:r>' +
      '<w:r><w:rPr><w:vanish/></w:rPr><w:t>СКРЫТО</w:t></w:r></w:p><w:p/><w:p><w:r><w:t xml:space="preserve">   </w:t></w:r></w:p>' +
      '<w:p><w:r><w:t>A &amp; B &lt;C&gt;</w:t></w:r></w:p>';
    expect(paragraphs(readDocx(await buildDocxFromXml(body)))).toEqual(['один\tдва\nтри-х', 'A & B <C>']);
  });

  it('never leaks field instructions; shows field results, hyperlinks and simple fields', async () => {
    const body =
      '<w:p><w:r><w:t xml:space="preserve">Стр. </w:t></w:r>' +
      '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE \\* MERGEFORMAT </w:instrText></w:r>' +
      '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>' +
      '<w:r><w:t xml:space="preserve"> см. </w:t></w:r>' +
      '<w:hyperlink r:id="rId20"><w:r><w:t>сайт министерства</w:t></w:r></w:hyperlink>' +
      '<w:fldSimple w:instr=" HYPERLINK &quot;https://x.example&quot; "><w:r><w:t xml:space="preserve"> и портал</w:t></w:r></w:fldSimple></w:p>';
    const [p] = paragraphs(readDocx(await buildDocxFromXml(body)));
    expect(p).toBe('Стр. 7 см. сайт министерства и портал');
    expect(p).not.toMatch(/PAGE|MERGEFORMAT|HYPERLINK|https/);
  });

  it('excludes deleted text and includes inserted text (tracked changes)', async () => {
    const body =
      '<w:p><w:r><w:t xml:space="preserve">Срок: </w:t></w:r>' +
      '<w:del w:id="1" w:author="a"><w:r><w:delText>до 1 марта</w:delText></w:r></w:del>' +
      '<w:ins w:id="2" w:author="a"><w:r><w:t>до 1 апреля</w:t></w:r></w:ins>' +
      '<w:moveFrom w:id="3" w:author="a"><w:r><w:t>ПЕРЕНЕСЕНО-ОТСЮДА</w:t></w:r></w:moveFrom>' +
      '<w:moveTo w:id="4" w:author="a"><w:r><w:t xml:space="preserve"> 2025 года</w:t></w:r></w:moveTo></w:p>' +
      tbl(
        tr(tc('1.1'), tc('жив')),
        `<w:tr><w:trPr><w:del w:id="5" w:author="a"/></w:trPr>${tc('1.2')}${tc('удалённая строка')}</w:tr>`,
        tr(tc('1.3'), tc('тоже жив')),
      );
    const doc = readDocx(await buildDocxFromXml(body));
    expect(paragraphs(doc)).toEqual(['Срок: до 1 апреля 2025 года']);
    expect(tables(doc)[0].rows.map((r) => r.cells[0])).toEqual(['1.1', '1.3']);
  });

  it('reads content controls (w:sdt) at body, row, cell and run level', async () => {
    const sdt = (inner: string) =>
      `<w:sdt><w:sdtPr><w:alias w:val="x"/></w:sdtPr><w:sdtContent>${inner}</w:sdtContent></w:sdt>`;
    const body =
      sdt(wp('УТВЕРЖДАЮ')) +
      `<w:p><w:r><w:t xml:space="preserve">Министр </w:t></w:r>${sdt('<w:r><w:t>И.И. Иванов</w:t></w:r>')}</w:p>` +
      tbl(tr(tc('№'), tc('Мероприятие')), sdt(tr(tc('1'), sdt(tc('в контроле ячейки')))));
    const doc = readDocx(await buildDocxFromXml(body));
    expect(paragraphs(doc)).toEqual(['УТВЕРЖДАЮ', 'Министр И.И. Иванов']);
    expect(tables(doc)[0].rows[1].cells).toEqual(['1', 'в контроле ячейки']);
  });

  it('records gridSpan, widens a legacy hMerge, aligns gridBefore with an empty cell', async () => {
    const body = tbl(
      tr(tc('№'), tc('Наименование'), tc('Срок')),
      tr(tc('1. Раздел', '<w:gridSpan w:val="3"/>')),
      tr(tc('1.1'), tc('левая', '<w:hMerge w:val="restart"/>'), tc('правая', '<w:hMerge/>')),
      `<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>${tc('продолжение')}${tc('2025')}</w:tr>`,
    );
    const [t] = tables(readDocx(await buildDocxFromXml(body)));
    expect(t.rows[1]).toEqual({ cells: ['1. Раздел'], spans: [3] });
    expect(t.rows[2]).toEqual({ cells: ['1.1', 'левая\nправая'], spans: [1, 2] });
    expect(t.rows[3]).toEqual({ cells: ['', 'продолжение', '2025'] });
  });

  it('vMerge: repeats under a numbered row, leaves empty under a continuation row', async () => {
    const body = tbl(
      tr(tc('1.1'), tc('Первое'), tc('Минсоц', '<w:vMerge w:val="restart"/>')),
      tr(tc('1.2'), tc('Второе'), tc('', '<w:vMerge/>')),
      // first column merged: a sub-row of 1.3, the merged executor must not be duplicated
      tr(tc('1.3', '<w:vMerge w:val="restart"/>'), tc('Третье'), tc('Минздрав', '<w:vMerge w:val="restart"/>')),
      tr(tc('', '<w:vMerge/>'), tc('его продолжение'), tc('', '<w:vMerge/>')),
    );
    const [t] = tables(readDocx(await buildDocxFromXml(body)));
    expect(t.rows.map((r) => r.cells)).toEqual([
      ['1.1', 'Первое', 'Минсоц'],
      ['1.2', 'Второе', 'Минсоц'],
      ['1.3', 'Третье', 'Минздрав'],
      ['', 'его продолжение', ''],
    ]);
  });

  it('flattens nested tables into the cell text', async () => {
    const nested = tbl(tr(tc('2025'), tc('10')), tr(tc('2026'), tc(['12', 'план'])));
    const body = tbl(tr(tc('1'), `<w:tc>${wp('Показатели:')}${nested}${wp('итого')}</w:tc>`));
    const [t] = tables(readDocx(await buildDocxFromXml(body)));
    expect(t.rows[0].cells).toEqual(['1', 'Показатели:\n2025 10\n2026 12 план\nитого']);
  });

  it('reads text boxes once (mc:Choice, not the VML fallback too)', async () => {
    const txbx = (t: string) => `<w:txbxContent>${wp(t)}</w:txbxContent>`;
    const body =
      `<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>${txbx('УТВЕРЖДАЮ в рамке')}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>` +
      `<mc:Fallback><w:pict><v:shape><v:textbox>${txbx('УТВЕРЖДАЮ в рамке')}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>План</w:t></w:r></w:p>`;
    expect(paragraphs(readDocx(await buildDocxFromXml(body)))).toEqual(['УТВЕРЖДАЮ в рамке', 'План']);
  });

  it('renders multi-level, roman, restarted and style-linked numbering; drops bullets', async () => {
    const lvl = (i: number, fmt: string, text: string, start = 1) =>
      `<w:lvl w:ilvl="${i}"><w:start w:val="${start}"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/></w:lvl>`;
    const numbering =
      `<w:abstractNum w:abstractNumId="0">${lvl(0, 'decimal', '%1.')}${lvl(1, 'decimal', '%1.%2.')}</w:abstractNum>` +
      `<w:abstractNum w:abstractNumId="1">${lvl(0, 'upperRoman', '%1.')}</w:abstractNum>` +
      `<w:abstractNum w:abstractNumId="2">${lvl(0, 'bullet', '\uF0B7')}</w:abstractNum>` +
      `<w:abstractNum w:abstractNumId="3">${lvl(0, 'russianLower', '%1)')}</w:abstractNum>` +
      `<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>` +
      `<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num><w:num w:numId="4"><w:abstractNumId w:val="3"/></w:num>` +
      `<w:num w:numId="5"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>`;
    const styles =
      `<w:style w:type="paragraph" w:styleId="Section"><w:name w:val="Раздел"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>` +
      `<w:style w:type="paragraph" w:styleId="Section2"><w:basedOn w:val="Section"/></w:style>`;
    const np = (numId: number, ilvl: number, text: string) =>
      `<w:p><w:pPr><w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr></w:pPr><w:r><w:t>${escapeXml(text)}</w:t></w:r></w:p>`;
    const sp = (style: string, text: string) =>
      `<w:p><w:pPr><w:pStyle w:val="${style}"/></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;
    const body = [
      sp('Section', 'Организационные мероприятия'),
      np(1, 0, 'Раздел'),
      np(1, 1, 'Мера'),
      np(1, 1, 'Мера'),
      np(1, 0, 'Раздел'),
      np(1, 1, 'Мера'),
      np(3, 0, 'пункт списка'),
      np(4, 0, 'вариант'),
      np(4, 0, 'вариант'),
      sp('Section2', 'Информирование'),
      np(5, 0, 'заново'),
      '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>без номера</w:t></w:r></w:p>',
    ].join('');
    expect(paragraphs(readDocx(await buildDocxFromXml(body, { numbering, styles })))).toEqual([
      'I. Организационные мероприятия',
      '1. Раздел',
      '1.1. Мера',
      '1.2. Мера',
      '2. Раздел',
      '2.1. Мера',
      'пункт списка',
      'а) вариант',
      'б) вариант',
      'II. Информирование',
      '1. заново',
      'без номера',
    ]);
  });

  it('refuses a DOCTYPE (no entity expansion)', async () => {
    const zip = await JSZip.loadAsync(await buildDocxFromXml(wp('x')));
    zip.file(
      'word/document.xml',
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><w:document xmlns:w="x"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>',
    );
    await expectDomainError(() => readDocx(new Uint8Array(Buffer.from([]))), 'import.corrupt_file');
    await expectDomainError(
      async () => readDocx(await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })),
      'import.corrupt_file',
    );
  });

  it('refuses an archive without a main document part', async () => {
    const zip = new JSZip();
    zip.file('hello.txt', 'не документ');
    const e = await expectDomainError(
      async () => readDocx(await zip.generateAsync({ type: 'nodebuffer' })),
      'import.corrupt_file',
    );
    expect(e.message).toContain('.docx');
  });

  it('finds a main document part that is not named document.xml', async () => {
    const zip = await JSZip.loadAsync(await buildDocxFromXml(wp('Переименованная часть')));
    const xml = await zip.file('word/document.xml')!.async('string');
    zip.remove('word/document.xml');
    zip.file('word/document2.xml', xml);
    zip.file(
      '_rels/.rels',
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>',
    );
    expect(paragraphs(readDocx(await zip.generateAsync({ type: 'nodebuffer' })))).toEqual(['Переименованная часть']);
  });

  it('refuses a table of more than 5,000 rows', async () => {
    const rows = Array.from(
      { length: 5001 },
      (_, i) => `<w:tr><w:tc><w:p><w:r><w:t>${i}</w:t></w:r></w:p></w:tc></w:tr>`,
    ).join('');
    const e = await expectDomainError(async () => readDocx(await buildDocxFromXml(tbl(rows))), 'import.too_many_rows');
    expect(e.kind).toBe('too_large');
  });

  it('refuses a document whose tables hold more than 10,000 rows together, before parsing', async () => {
    const rows = (n: number) =>
      Array.from({ length: n }, (_, i) => `<w:tr><w:tc><w:p><w:r><w:t>${i}</w:t></w:r></w:p></w:tc></w:tr>`).join('');
    const e = await expectDomainError(
      async () =>
        readDocx(await buildDocxFromXml(tbl(rows(3400)) + wp('x') + tbl(rows(3400)) + wp('y') + tbl(rows(3400)))),
      'import.too_many_rows',
    );
    expect(e.message).toContain('10000');
  });

  it('slims Word markup that carries no text, keeping hidden-run marks', () => {
    const xml =
      '<w:p w:rsidR="00A1" w:rsidRDefault="00B2"><w:pPr><w:rPr><w:b/></w:rPr></w:pPr><w:proofErr w:type="spellStart"/><w:bookmarkStart w:id="0" w:name="x"/>' +
      '<w:r w:rsidRPr="00C3"><w:rPr><w:b/><w:rPrChange w:id="1" w:author="a"><w:rPr><w:i/></w:rPr></w:rPrChange></w:rPr><w:t>видно</w:t></w:r>' +
      '<w:r><w:rPr><w:vanish/></w:rPr><w:t>скрыто</w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>не скрыто</w:t></w:r><w:bookmarkEnd w:id="0"/></w:p>';
    expect(slimWordXml(xml)).toBe(
      '<w:p><w:pPr></w:pPr><w:r><w:t>видно</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>скрыто</w:t></w:r><w:r><w:t>не скрыто</w:t></w:r></w:p>',
    );
  });

  it('refuses pathological nesting with a DomainError, not a stack overflow', async () => {
    let inner = wp('глубоко');
    for (let i = 0; i < 200; i++) inner = `<w:sdt><w:sdtContent>${inner}</w:sdtContent></w:sdt>`;
    await expectDomainError(async () => readDocx(await buildDocxFromXml(inner)), 'import.corrupt_file');
  });

  it('still reads the text when numbering.xml is broken', async () => {
    const body =
      '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>текст</w:t></w:r></w:p>';
    const zip = await JSZip.loadAsync(
      await buildDocxFromXml(body, { numbering: '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>' }),
    );
    zip.file('word/numbering.xml', '<!DOCTYPE x><w:numbering>');
    expect(paragraphs(readDocx(await zip.generateAsync({ type: 'nodebuffer' })))).toEqual(['текст']);
  });
});

describe('importDocument on generated .docx (read + interpret, end to end)', () => {
  it('plan: approval, period, sections, measures, executors, deadlines, results, abbreviations', async () => {
    const doc = await importDocument(await makePlanDocx(), 'план.docx');
    expect(compareWithExpected(doc, planExpected)).toEqual([]);
    expect(doc.items.find((i) => i.number === '2.1')!.executors).toEqual([
      'Минсоцзащиты',
      'АНО «Ресурсный центр поддержки некоммерческих организаций Приозёрного края» (по согласованию)',
    ]);
    expect(doc.warnings).toEqual([]);
  });

  it('report: statuses done / partial / not_done / not_due / null, a status printed twice counts once', async () => {
    const doc = await importDocument(await makeReportDocx(), 'отчет.docx');
    expect(compareWithExpected(doc, reportExpected)).toEqual([]);
    expect(doc.items.map((i) => i.status)).toEqual(['done', 'partial', 'not_done', 'not_due', 'done', null]);
  });

  it('council decisions: protocols as sections by date, auto-numbered items, protocol items, statuses', async () => {
    const doc = await importDocument(await makeCouncilDecisionsDocx(), 'совет.docx');
    expect(compareWithExpected(doc, councilExpected)).toEqual([]);
  });

  it('a generated plan of 200 measures comes back measure for measure', async () => {
    const doc = await importDocument(await generatePlanDocx(200), 'plan-200.docx');
    expect(
      compareWithExpected(doc, {
        kind: 'plan',
        titleIncludes: 'ПЛАН МЕРОПРИЯТИЙ',
        approvedOn: '2025-01-14',
        approvedByName: 'Е.В. Светлова',
        period: ['2025-01-01', '2027-12-31'],
        sections: generatedPlanSections(200),
        items: generatedPlanItems(200),
        abbreviations: {},
      }),
    ).toEqual([]);
  });

  it('the format is told by the bytes: a .docx named .txt is still read as Word', async () => {
    const doc = await importDocument(await makePlanDocx(), 'plan.txt');
    expect(doc.items).toHaveLength(planExpected.items.length);
  });

  it('an encrypted .docx (a CFB container) is refused with the password message', async () => {
    const cfb = new Uint8Array(4096);
    cfb.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const e = await expectDomainError(importDocument(cfb, 'secret.docx'), 'import.password_protected');
    expect(e.message).toContain('защищён паролем');
  });
});

describe('committed copies of the generated fixtures (test/fixtures/import/*.docx, *.xlsx)', () => {
  const dir = fileURLToPath(new URL('../../../test/fixtures/import/', import.meta.url));
  it('import as their generator expects (regenerate: npx tsx test/fixtures/make-fixtures.ts test/fixtures/import)', async () => {
    for (const f of await makeAllFixtures()) {
      if (!existsSync(dir + f.name)) continue;
      const doc = await importDocument(readFileSync(dir + f.name), f.name);
      expect({ file: f.name, diff: compareWithExpected(doc, f.expected) }).toEqual({ file: f.name, diff: [] });
    }
  });
});
