/**
 * Text renderings of Word tables -> RawDocument (pure: bytes in, blocks out).
 *
 * Text extraction of plans and reports produces three renderings of a table, and
 * this reader recognises each of them:
 *
 * 1. **Tab-separated rows** — one line per row, cells separated by `\t`. A cell that
 *    held several paragraphs continues over several lines: the row is complete when
 *    it has as many tabs as the table has column separators. A row broken across a
 *    page arrives as a separate row whose first cell is empty; that is left to the
 *    interpreter, which glues it to the row above cell by cell.
 * 2. **One cell per line** — every cell starts a line with a tab (`\tтекст`), the
 *    lines of a multi-paragraph cell follow without a tab, and blank lines separate
 *    rows (though not always, and sometimes inside a row). Rows are rebuilt from the
 *    column count, which is the commonest number of cells between blank lines.
 * 3. **Pipe-separated rows** — ` | ` between cells, optionally Markdown style
 *    (`| a | b |` with a `|---|` rule), otherwise like (1).
 *
 * Lines outside tables become paragraphs, in reading order. Artefacts of extraction
 * are dropped: `[bookmark: …]` markers, Markdown bold `**`, rows made only of dashes
 * (table borders), a byte-order mark.
 *
 * Decoding: UTF-8 when the bytes are valid UTF-8, UTF-16 when a BOM says so,
 * otherwise Windows-1251 (the code page of Russian Word installations).
 */
import iconv from 'iconv-lite';
import { cellsToTables, isCellEndLine, readCellStream } from './cell-stream.js';
import { classifyHeader, isHeaderRow } from './columns.js';
import { readParagraphCells } from './paragraph-cells.js';
import type { RawBlock, RawDocument, RawRow } from './raw-document.js';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1251';

/**
 * Decodes a text file: UTF-8 if valid, UTF-16 if it has a BOM, else Windows-1251.
 * The BOM is stripped and line endings are normalised to `\n`.
 * @example decodeText(new TextEncoder().encode('План\r\n')) // { text: 'План\n', encoding: 'utf-8' }
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  let text: string;
  let encoding: TextEncoding;
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  } else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
      encoding = 'utf-8';
    } catch {
      text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'win1251');
      encoding = 'windows-1251';
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.replace(/\r\n?/g, '\n').replace(/[\f\v\u2028\u2029\u0085]/g, '\n');
  return { text, encoding };
}

/**
 * Reads a text rendering (bytes in any supported encoding) into a RawDocument. The file
 * name only hints at CSV («.csv»); the content decides everything else.
 */
export function readTextDocument(bytes: Uint8Array, fileName = ''): RawDocument {
  return parseTextRendering(decodeText(bytes).text, { fileName });
}

/**
 * Every reading of a text worth trying, the likeliest first (see candidateRenderings):
 * each is computed only when asked for.
 */
export function textReadings(
  bytes: Uint8Array,
  fileName = '',
): Array<{ rendering: Rendering | 'csv'; read: () => RawDocument }> {
  const { text } = decodeText(bytes);
  return candidateRenderings(text, fileName).map((rendering, i) => ({
    rendering,
    read: () =>
      i === 0
        ? parseTextRendering(text, { fileName })
        : parseTextRendering(text, { fileName, rendering: rendering as Rendering }),
  }));
}

export type Rendering = 'tabs' | 'cell-per-line' | 'pipes' | 'cell-pipes' | 'paragraphs';

/** Names of the renderings, for the person whose document none of them reads. */
export const RENDERING_NAMES: Record<Rendering | 'docx' | 'xlsx' | 'csv', string> = {
  docx: 'таблица Word',
  xlsx: 'лист Excel',
  csv: 'CSV (ячейки через «;» или «,»)',
  tabs: 'строки таблицы с табуляцией',
  'cell-per-line': 'ячейка на строке (с табуляцией)',
  pipes: 'строки таблицы через « | »',
  'cell-pipes': 'ячейка на строке с « |» в конце (правовая база)',
  paragraphs: 'ячейка в абзаце (копия веб-страницы)',
};

const BLANK = /^[ \u00a0]*$/;
const LEADING_TAB = /^[ \u00a0]*\t/;
const MD_RULE = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

/** Removes artefacts that text extraction leaves inside text. */
const stripArtefacts = (s: string): string => s.replace(/\[bookmark:[^\]]*\]/gi, '').replace(/\*\*/g, ' ');
const cleanText = (s: string): string => stripArtefacts(s).replace(/^[ \u00a0]+|[ \u00a0]+$/g, '');

const tabCount = (line: string): number => {
  let n = 0;
  for (let i = 0; i < line.length; i++) if (line.charCodeAt(i) === 9) n++;
  return n;
};

/** Splits a pipe-rendered line into cells (Markdown outer pipes removed). */
function splitPipes(line: string): string[] {
  let s = line.trim();
  if (s.startsWith('|')) {
    s = s.slice(1);
    if (s.endsWith('|')) s = s.slice(0, -1);
    return s.split('|');
  }
  return s.split(/ \| /);
}

const pipeSeparators = (line: string): number => {
  const t = line.trim();
  if (t.startsWith('|')) return Math.max(0, splitPipes(t).length - 1);
  const m = t.match(/ \| /g);
  return m ? m.length : 0;
};

/** Which rendering the document's tables use, judged from all its lines. */
function detectRendering(lines: string[]): Rendering {
  let withTab = 0;
  let leadingSingle = 0;
  let pipeLines = 0;
  let cellEnds = 0;
  for (const raw of lines) {
    const l = raw.replace(/[ \u00a0]+$/, '');
    const t = tabCount(l);
    if (t > 0) {
      withTab++;
      if (LEADING_TAB.test(l) && t <= 2) leadingSingle++;
    } else if (pipeSeparators(l) > 0) pipeLines++;
    else if (isCellEndLine(l)) cellEnds++;
  }
  // One cell per line, each closed by « |»: legal-database text.
  if (cellEnds >= 4 && cellEnds >= 2 * (pipeLines + withTab)) return 'cell-pipes';
  if (withTab === 0) return pipeLines >= 2 ? 'pipes' : 'paragraphs';
  return leadingSingle >= 0.6 * withTab ? 'cell-per-line' : 'tabs';
}

/** The most frequent value (ties go to the larger one). */
function mode(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const [v, c] of counts)
    if (c > bestCount || (c === bestCount && v > best)) {
      best = v;
      bestCount = c;
    }
  return best;
}

const isBorderRow = (cells: string[]): boolean =>
  cells.every((c) => /^[\s\-–—_=+]*$/.test(c)) && cells.some((c) => /[-–—_=]/.test(c));
const isEmptyRow = (cells: string[]): boolean => cells.every((c) => c.trim() === '');

function finishCells(cells: string[]): string[] {
  return cells.map((c) =>
    c
      .split('\n')
      .map(cleanText)
      .join('\n')
      .replace(/^\n+|\n+$/g, ''),
  );
}

/**
 * Parses a decoded text rendering into paragraphs and tables.
 * @example
 * parseTextRendering('План\n№\tМероприятие\tСрок\n1\tСовещание\tежегодно\n')
 * // { blocks: [ {type:'paragraph', text:'План'}, {type:'table', rows:[…2 rows…]} ] }
 */
/**
 * Lines a legal-information system prints on every page of a saved act, and its editorial
 * notes between the act's own lines: none of them is the document's text, and between
 * table cells they would glue onto the next cell.
 */
const LEGAL_SYSTEM_LINE =
  /^\s*(документ предоставлен (консультантплюс|гарант)|(www\.)?consultant\.ru|(www\.)?garant\.ru|дата сохранения:\s*\d|страница \d+ из \d+|надежная правовая поддержка|консультантплюс:?\s*примечание|система гарант|информационно-правовое обеспечение)/i;
const EDITORIAL_NOTE =
  /^\s*\((в ред\.|п(п)?\.\s*[\d.]+(\s*-\s*[\d.]+)?\s+в ред\.|(пункт|подпункт|абзац|строка|раздел|графа|позиция)\s[^)]*(в ред\.|введен|утратил)|введен[аоы]?\s|утратил[аи]?\s+силу)[^)]*\)\s*$/i;

/** Whether a line is a legal database's page boilerplate or editorial note («(в ред. приказа … от …)»). */
export const isLegalSystemLine = (line: string): boolean => LEGAL_SYSTEM_LINE.test(line) || EDITORIAL_NOTE.test(line);

export function parseTextRendering(
  text: string,
  options: { fileName?: string; rendering?: Rendering } = {},
): RawDocument {
  const normalized = text.replace(/\r\n?/g, '\n');
  const lines = normalized.split('\n').filter((l) => !isLegalSystemLine(l));
  // Spreadsheet exports: CSV, or tab-separated text with quoted multi-line cells.
  const delimiter = options.rendering ? null : detectDelimited(normalized, lines, options.fileName ?? '');
  if (delimiter) return delimitedToDocument(parseDelimited(normalized, delimiter));
  const rendering = options.rendering ?? detectRendering(lines);
  if (rendering === 'cell-pipes') return { blocks: readCellStream(lines.map(stripArtefacts)) };
  if (rendering === 'paragraphs') {
    const blocks = readParagraphCells(lines.map(stripArtefacts));
    if (blocks) return { blocks };
  }
  const blocks: RawBlock[] = [];
  // Paragraphs keep their inner spacing and tabs: two blocks side by side («СОГЛАСОВАНО
  // … УТВЕРЖДАЮ») are told apart by it. Only the ends are trimmed.
  const pushParagraph = (line: string) => {
    const t = stripArtefacts(line).replace(/\s+$/, '');
    if (t.trim()) blocks.push({ type: 'paragraph', text: t });
  };
  const pushTable = (rows: string[][], sourceLines: string[]) => {
    const kept = rows.map(finishCells).filter((r) => !isEmptyRow(r) && !isBorderRow(r));
    // A lone row with separators (a signature line «Министр\t\tО.А. Петелин») is text, not a table.
    if (kept.length < 2 || kept.every((r) => r.filter((c) => c.trim()).length < 2)) {
      for (const l of sourceLines) pushParagraph(l);
      return;
    }
    blocks.push({ type: 'table', rows: kept.map((cells): RawRow => ({ cells })) });
  };

  if (rendering === 'cell-per-line') parseCellPerLine(lines, pushParagraph, pushTable);
  else if (rendering === 'pipes' && isTerminated(lines)) parseTerminatedPipes(lines, pushParagraph, pushTable);
  else if (rendering === 'tabs' || rendering === 'pipes') parseSeparated(lines, rendering, pushParagraph, pushTable);
  else for (const l of lines) pushParagraph(l);
  return { blocks };
}

/**
 * The renderings worth trying on a text, the likeliest first: what its lines look like,
 * then the others that could apply (a reader that finds no table gives way to the next).
 */
export function candidateRenderings(text: string, fileName = ''): Array<Rendering | 'csv'> {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (detectDelimited(text, lines, fileName)) return ['csv'];
  const first = detectRendering(lines);
  const out: Array<Rendering | 'csv'> = [first];
  const hasPipes = lines.some((l) => /\|/.test(l));
  const hasTabs = lines.some((l) => l.includes('\t'));
  if (hasPipes && first !== 'cell-pipes') out.push('cell-pipes');
  if (hasPipes && first !== 'pipes') out.push('pipes');
  if (hasTabs && first !== 'tabs') out.push('tabs');
  if (hasTabs && first !== 'cell-per-line') out.push('cell-per-line');
  if (first !== 'paragraphs') out.push('paragraphs');
  return out;
}

// ------------------------------------------------------------------ rows closed by « |»

/** A signature: initials and a surname, either order. */
const SIGNATURE = /(^|\s)[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё]+|[А-ЯЁ][а-яё]+\s[А-ЯЁ]\.\s?[А-ЯЁ]\.(\s|$)/;

/** Pipe rows closed by a terminator («1 | Семинар | май |»): the terminator belongs to no cell. */
function isTerminated(lines: string[]): boolean {
  // Other pipe renderings hardly ever end a line in « |» (Markdown rows open with «|» too).
  const withPipe = lines.map((l) => l.trim()).filter((l) => l.includes('|') && !l.startsWith('|'));
  const closed = withPipe.filter((l) => /\s\|$/.test(l)).length;
  return closed >= 3 && closed >= 0.3 * withPipe.length && withPipe.some((l) => pipeSeparators(l) > 0);
}

/** Cells of a terminated row (its lines joined): split at pipes with a space on either side. */
function splitTerminated(text: string): string[] {
  const body = text.replace(/[ \t\u00a0]*\|[ \t\u00a0]*$/, '');
  return body
    .split(/(?:^|[ \t\u00a0\n])\|(?=[ \t\u00a0\n]|$)/)
    .map((c) => c.replace(/^[ \t\u00a0]+|[ \t\u00a0]+$/g, ''));
}

/**
 * Rows closed by « |»: a row goes on over lines until its terminator, so a row broken
 * over several lines joins back. One-cell rows around the table (the approval, the
 * title, a signature) are text; between rows they are headings; a header row inside
 * starts a new table.
 */
function parseTerminatedPipes(
  lines: string[],
  pushParagraph: (l: string) => void,
  pushTable: (rows: string[][], src: string[]) => void,
): void {
  type Item = { kind: 'row'; cells: string[]; lines: string[] } | { kind: 'text'; line: string };
  const items: Item[] = [];
  let pending: string[] = [];
  const hasSeparator = (t: string) => /\S[ \t\u00a0]+\|[ \t\u00a0]+\S|\S[ \t\u00a0]+\|[ \t\u00a0]+\|/.test(t);
  for (const line of lines) {
    if (BLANK.test(line)) {
      // A blank line ends text, not a row that has begun to list its cells.
      if (pending.length && !hasSeparator(pending.join(' '))) {
        for (const l of pending) items.push({ kind: 'text', line: l });
        pending = [];
      }
      continue;
    }
    pending.push(line);
    if (/(^|\s)\|\s*$/.test(line)) {
      items.push({ kind: 'row', cells: splitTerminated(pending.join('\n')), lines: pending });
      pending = [];
    }
  }
  // A file cut inside a row keeps what it has.
  if (pending.length) {
    if (hasSeparator(pending.join(' ')))
      items.push({ kind: 'row', cells: splitTerminated(pending.join('\n')), lines: pending });
    else for (const l of pending) items.push({ kind: 'text', line: l });
  }
  const filled = (r: string[]) => r.filter((c) => c.trim()).length;
  // A row with cells; one whose first cells are empty is the rest of the row above (a page break).
  const wide = (it: Item) =>
    it.kind === 'row' &&
    (filled(it.cells) >= 2 || (it.cells.length >= 2 && !it.cells[0].trim() && filled(it.cells) >= 1));
  // Rows wrapped at a separator («… | Срок» / «исполнения | …») end lines in « |» too: when
  // rows come out ragged, every pipe ends a cell and the header's column count makes the rows.
  // Each table is judged against its own header's width (tables of several widths are not ragged).
  const wideRows = items.filter(wide) as Array<{ cells: string[] }>;
  const ragged = (() => {
    let width = 0;
    let fit = 0;
    let all = 0;
    const judge = () => all >= 3 && fit < 0.7 * all;
    for (const r of wideRows) {
      if (isHeaderRow(r.cells)) {
        if (width && judge()) return true;
        width = r.cells.length;
        fit = 0;
        all = 0;
        continue;
      }
      all++;
      if (r.cells.length === (width || r.cells.length)) fit++;
    }
    if (!width)
      return (
        wideRows.length >= 3 &&
        wideRows.filter((r) => r.cells.length === mode(wideRows.map((x) => x.cells.length))).length <
          0.7 * wideRows.length
      );
    return judge();
  })();
  if (ragged) {
    const cells = splitTerminated(lines.join('\n')).map((c) => c.trim());
    const blocks: RawBlock[] = [];
    cellsToTables(cells, blocks, 0, 40);
    for (const b of blocks) {
      if (b.type === 'paragraph') pushParagraph(b.text.replace(/\n/g, ' '));
      else
        pushTable(
          b.rows.map((r) => r.cells),
          [],
        );
    }
    return;
  }
  let k = 0;
  while (k < items.length) {
    const it = items[k];
    if (!wide(it)) {
      pushParagraph(it.kind === 'text' ? it.line : it.cells.filter((c) => c.trim()).join(' '));
      k++;
      continue;
    }
    // The table: up to text, or up to one-cell rows that end the document.
    let end = k;
    let lastWide = k;
    while (end < items.length && items[end].kind === 'row') {
      if (wide(items[end])) {
        if (end > k && isHeaderRow((items[end] as { cells: string[] }).cells)) break;
        lastWide = end;
      }
      end++;
    }
    // One-cell rows after the last wide row (the next part's heading, a signature) are text,
    // and so is a short unnumbered row closing the document (a signature «Министр | И.И. Иванов |»).
    const widthHere = mode(
      items
        .slice(k, lastWide + 1)
        .map((x) => (x.kind === 'row' ? x.cells.length : 0))
        .filter((n) => n >= 2),
    );
    while (lastWide > k) {
      const last = items[lastWide] as { cells: string[] };
      if (last.cells.length >= widthHere || ROW_START.test(last.cells[0]) || !SIGNATURE.test(last.cells.join(' ')))
        break;
      lastWide--;
      while (lastWide > k && !wide(items[lastWide])) lastWide--;
    }
    const stop = lastWide + 1;
    const rows = items.slice(k, stop) as Array<{ cells: string[]; lines: string[] }>;
    pushTable(
      joinBrokenRows(rows.map((r) => r.cells)),
      rows.flatMap((r) => r.lines),
    );
    k = stop;
  }
}

/** Rows cut by a line that ended in « |» mid-row: a short row and the rest that follows it join. */
function joinBrokenRows(rows: string[][]): string[][] {
  const widths = rows.map((r) => r.length).filter((n) => n >= 2);
  const width = widths.length ? mode(widths) : 0;
  const out: string[][] = [];
  for (const r of rows) {
    const prev = out[out.length - 1];
    if (
      prev &&
      prev.length >= 2 &&
      prev.length < width &&
      prev.length + r.length <= width &&
      !ROW_START.test(r[0]) &&
      !LINE_HEADING.test(r[0])
    ) {
      prev.push(...r);
      continue;
    }
    out.push(r.slice());
  }
  return out;
}

/** Renderings 1 and 3: a row per line, cells split by a separator. */
function parseSeparated(
  lines: string[],
  rendering: 'tabs' | 'pipes',
  pushParagraph: (l: string) => void,
  pushTable: (rows: string[][], src: string[]) => void,
): void {
  const r: Separated = {
    seps: (l) => (rendering === 'tabs' ? tabCount(l) : pipeSeparators(l)),
    split: (l) => (rendering === 'tabs' ? l.split('\t') : splitPipes(l)),
    isRule: (l) => rendering === 'pipes' && l.includes('-') && MD_RULE.test(l),
    // A Markdown row («| … |») is a whole row, even with one cell; it never spans lines.
    isWholeRow: (l) => rendering === 'pipes' && /^\s*\|.*\|\s*$/.test(l),
  };
  const isRowLine = (l: string) => r.seps(l) > 0 || r.isWholeRow(l);
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (r.isRule(line)) {
      i++;
      continue;
    }
    // «№» alone right above the header is the first line of its first cell («№\nп/п»).
    const startsHeader = /^\s*№\s*$/.test(line) && i + 1 < lines.length && isRowLine(lines[i + 1]);
    if (!isRowLine(line) && !startsHeader) {
      pushParagraph(line);
      i++;
      continue;
    }
    // The region: up to a bottom border, or text after a blank line.
    let end = i + 1;
    let prevBlank = false;
    for (let j = i + 1; j < lines.length; j++) {
      const l = lines[j];
      if (BLANK.test(l)) {
        prevBlank = true;
        continue;
      }
      if (r.isRule(l)) {
        end = j + 1;
        prevBlank = false;
        continue;
      }
      if (isRowLine(l) && isBorderRow(r.split(l))) {
        end = j + 1;
        break;
      }
      if (!isRowLine(l) && !r.isRule(l) && prevBlank) break;
      end = j + 1;
      prevBlank = false;
    }
    const region = lines.slice(i, end).filter((l) => r.isRule(l) || !(isRowLine(l) && isBorderRow(r.split(l))));
    const full = rowWidth(region, r);
    const { rows, meta } = assembleSeparated(region, full, r);
    // Short rows after a blank line at the very end are text set out with tabs
    // (a signature «Министр\t\tИ.И. Иванов»), not rows of the table.
    const trailing: string[] = [];
    while (rows.length > 1) {
      const k = rows.length - 1;
      const m = meta[k];
      if (!(m.afterBlank && m.seps < full && m.seps > 0 && rows[k][0].trim() && !ROW_START.test(rows[k][0]))) break;
      trailing.unshift(...m.lines);
      rows.pop();
      meta.pop();
    }
    pushTable(
      rows,
      region.filter((l) => !trailing.includes(l)),
    );
    for (const l of trailing) pushParagraph(l);
    i = end;
  }
}

interface Separated {
  seps: (l: string) => number;
  split: (l: string) => string[];
  isRule: (l: string) => boolean;
  isWholeRow: (l: string) => boolean;
}

interface RowMeta {
  seps: number;
  afterBlank: boolean;
  lines: string[];
}

/** A heading standing alone on a line between rows («1. Стратегия …», «Протокол … от …»). */
const LINE_HEADING = /^\s*((\d{1,3}|[IVXLC]{1,7})\.\s+[А-ЯЁA-Z«"]|[Рр]аздел\s|([Пп]ротокол|[Зз]аседани)\S*\s.*\d{4})/;

/**
 * Rebuilds rows of a separated region given `full`, the separators of a complete row:
 * a line continues the row above while that row is short of separators.
 */
function assembleSeparated(region: string[], full: number, r: Separated): { rows: string[][]; meta: RowMeta[] } {
  const rows: string[][] = [];
  const meta: RowMeta[] = [];
  let pending: string[] | null = null;
  let pendingSeps = 0;
  let prevBlank = false;
  const start = (cells: string[], s: number, l: string) => {
    if (pending) rows.push(pending);
    pending = cells;
    pendingSeps = s;
    meta.push({ seps: s, afterBlank: prevBlank, lines: [l] });
  };
  const nextStartsRow = (k: number) => {
    for (let n = k + 1; n < region.length; n++)
      if (!BLANK.test(region[n])) return ROW_START.test(r.split(region[n])[0]);
    return false;
  };
  region.forEach((l, k) => {
    if (BLANK.test(l)) {
      prevBlank = true;
      return;
    }
    if (r.isRule(l)) return;
    const s = r.seps(l);
    if (r.isWholeRow(l)) {
      start(r.split(l), full, l);
    } else if (s === 0) {
      if (pending && !(LINE_HEADING.test(l) && nextStartsRow(k))) {
        // Text right under a row continues its last cell.
        (pending as string[])[(pending as string[]).length - 1] += '\n' + l;
        meta[meta.length - 1].lines.push(l);
      } else if (LINE_HEADING.test(l)) {
        start([l], full, l); // a heading row (a merged cell): nothing continues it
      } else {
        start([l], 0, l); // the first line of a cell that goes on («№» over «п/п\t…»)
      }
    } else {
      const parts = r.split(l);
      const p = pending as string[] | null;
      if (p && pendingSeps < full && pendingSeps + s <= full && !ROW_START.test(parts[0])) {
        // The rest of a row whose cell went on over several lines.
        p[p.length - 1] += '\n' + parts[0];
        p.push(...parts.slice(1));
        pendingSeps += s;
        meta[meta.length - 1].lines.push(l);
      } else start(parts, s, l);
    }
    prevBlank = false;
  });
  if (pending) rows.push(pending);
  return { rows, meta };
}

/**
 * Separators in a complete row. Usually every row is one line and the commonest count
 * says it; when most rows have a multi-line cell no line holds a whole row, so the
 * count that rebuilds the most cells into complete rows wins.
 */
function rowWidth(region: string[], r: Separated): number {
  const counts = region.map(r.seps).filter((n) => n > 0);
  if (!counts.length) return 0;
  const common = mode(counts);
  // The usual case: most lines are whole rows.
  if (counts.filter((n) => n === common).length >= 0.7 * counts.length) return common;
  const max = Math.min(40, Math.max(...counts) * 3 + 3);
  let best = common;
  let bestScore = -1;
  for (let f = 1; f <= max; f++) {
    const { rows } = assembleSeparated(region, f, r);
    const score = rows.filter((row) => row.length === f + 1).length * (f + 1);
    if (score > bestScore || (score === bestScore && f === common)) {
      best = f;
      bestScore = score;
    }
  }
  return best;
}

interface Cell {
  text: string;
}

/** Rendering 2: every cell starts a line with a tab, rows separated by blank lines. */
function parseCellPerLine(
  lines: string[],
  pushParagraph: (l: string) => void,
  pushTable: (rows: string[][], src: string[]) => void,
): void {
  let i = 0;
  while (i < lines.length) {
    if (!LEADING_TAB.test(lines[i])) {
      pushParagraph(lines[i]);
      i++;
      continue;
    }
    // Collect the region: cells and their continuation lines; blank lines close a group.
    const groups: Cell[][] = [];
    let group: Cell[] = [];
    let afterBlank = false;
    const src: string[] = [];
    let j = i;
    for (; j < lines.length; j++) {
      const l = lines[j];
      if (LEADING_TAB.test(l)) {
        group.push({ text: l.replace(LEADING_TAB, '').replace(/\t/g, ' ') });
        afterBlank = false;
      } else if (BLANK.test(l)) {
        if (group.length) {
          groups.push(group);
          group = [];
        }
        afterBlank = true;
        continue;
      } else if (afterBlank || (group.length === 0 && groups.length === 0)) {
        break; // text after a blank line: the table is over
      } else {
        const last = group[group.length - 1] ?? groups[groups.length - 1]?.[groups[groups.length - 1].length - 1];
        if (last) last.text += '\n' + l.replace(/\t/g, ' ');
      }
      src.push(l);
    }
    if (group.length) groups.push(group);
    pushTable(assembleRows(groups), src);
    i = j;
  }
}

const ROW_START = /^\s*(\d+(\.\d+)*\.?(\s*[-–—]?\s*\d+(\.\d+)*\.?)?|[IVXLC]+\.?)\s*$/;
const HEADING = /^\s*((\d+|[IVXLC]+)\.\s+\S|раздел\s|протокол\s.*\sот\s)/i;

/**
 * Cuts a run of cells longer than a row into rows of `ncols`, letting a heading
 * («2. Раздел», «Протокол … от …») stand as a row of its own.
 */
function chunk(cells: string[], ncols: number): string[][] {
  const rows: string[][] = [];
  let i = 0;
  while (i < cells.length) {
    if (
      HEADING.test(cells[i]) &&
      !ROW_START.test(cells[i]) &&
      (i + 1 >= cells.length || ROW_START.test(cells[i + 1]) || !cells[i + 1].trim())
    ) {
      const row = [cells[i++]];
      if (i < cells.length && !cells[i].trim()) row.push(cells[i++]);
      rows.push(row);
      continue;
    }
    rows.push(cells.slice(i, i + ncols));
    i += ncols;
  }
  return rows;
}

/** Column count from the header: the leading cells that name a column. */
function headerWidth(cells: string[]): number {
  let k = 0;
  while (k < cells.length && classifyHeader(cells[k]) !== null && !ROW_START.test(cells[k])) k++;
  return k;
}

/** Rebuilds rows from blank-line groups of cells using the commonest group size as the column count. */
function assembleRows(groups: Cell[][]): string[][] {
  const sizes = groups.filter((g) => g.length >= 2).map((g) => g.length);
  let ncols = sizes.length ? mode(sizes) : Math.max(1, ...groups.map((g) => g.length));
  // No blank lines between rows: the header tells how many cells make a row.
  if (sizes.length < 3 && groups.length) {
    const h = headerWidth(groups[0].map((c) => c.text));
    if (h >= 2 && h < ncols) ncols = h;
  }
  const startsRow = (g: string[]) => ROW_START.test(g[0]) || (HEADING.test(g[0]) && g.slice(1).every((c) => !c.trim()));
  const rows: string[][] = [];
  let pending: string[] = [];
  for (const g of groups) {
    let cells = g.map((c) => c.text);
    // A group longer than a row holds several rows glued together (no blank line between).
    if (cells.length > ncols) {
      if (pending.length) rows.push(pending);
      pending = [];
      const parts = chunk(cells, ncols);
      cells = parts.pop()!;
      rows.push(...parts);
    }
    // A row interrupted by blank lines goes on in the next group(s).
    if (pending.length && pending.length < ncols && pending.length + cells.length <= ncols && !startsRow(cells)) {
      pending.push(...cells);
      continue;
    }
    if (pending.length) rows.push(pending);
    pending = cells;
  }
  if (pending.length) rows.push(pending);
  return rows;
}

// ------------------------------------------------------------------ spreadsheet exports

/**
 * Whether the text is a spreadsheet export and with which delimiter: «;» or «,» for CSV
 * (named .csv, or most lines holding the same number of delimiters), «\t» when cells
 * are quoted over several lines (Excel «Текст Юникод»).
 */
function detectDelimited(text: string, lines: string[], fileName: string): string | null {
  const sample = lines.filter((l) => l.trim()).slice(0, 60);
  if (sample.length < 2) return null;
  if (/(^|\t)"[^"\t\n]*\n/.test(text) && /\t/.test(text) && detectRendering(lines) === 'tabs') return '\t';
  if (/\t/.test(text) && !/\.csv$/i.test(fileName)) return null;
  const csv = /\.csv$/i.test(fileName);
  for (const d of [';', ',']) {
    const counts = sample.map((l) => countOutsideQuotes(l, d));
    const m = mode(counts.filter((c) => c > 0));
    const agreeing = counts.filter((c) => c === m).length;
    if (m >= 1 && (csv ? agreeing >= 0.5 * sample.length : m >= 2 && agreeing >= 0.7 * sample.length)) return d;
  }
  return null;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === d && !quoted) n++;
  }
  return n;
}

/** RFC 4180 parsing: quoted fields may hold the delimiter, line breaks and doubled quotes. */
export function parseDelimited(text: string, d: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (ch === d) {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Rows of a spreadsheet export: one-cell rows above and below the table are paragraphs. */
function delimitedToDocument(rows: string[][]): RawDocument {
  const cleaned = rows.map(finishCells);
  const wide = (r: string[]) => r.filter((c) => c.trim()).length >= 2;
  const first = cleaned.findIndex(wide);
  let last = cleaned.length - 1;
  while (last >= 0 && !wide(cleaned[last])) last--;
  const blocks: RawBlock[] = [];
  const para = (r: string[]) => {
    const t = r.filter((c) => c.trim()).join(' ');
    if (t.trim()) blocks.push({ type: 'paragraph', text: t });
  };
  if (first < 0) {
    cleaned.forEach(para);
    return { blocks };
  }
  cleaned.slice(0, first).forEach(para);
  const body = cleaned.slice(first, last + 1).filter((r) => !isEmptyRow(r) && !isBorderRow(r));
  blocks.push({ type: 'table', rows: body.map((cells): RawRow => ({ cells })) });
  cleaned.slice(last + 1).forEach(para);
  return { blocks };
}
