/**
 * Legal-database text (acts copied from a legal-information system): tables come one
 * cell per line, the last line of each cell ending in « |», a long cell wrapped over
 * several lines with the marker only on its last one, an empty cell a bare «|». Rows are
 * not marked at all: the header (and the row of column numbers under it) says how many
 * cells make a row. Several tables may follow one another; text between them (part
 * headings, the signature) has no marker.
 *
 * Pure: lines in, blocks out.
 */
import { chunkCells, columnCount, findCellHeader, headerRows, isHeadingCell, isRowNumber } from './cell-sequence.js';
import { classifyHeader } from './columns.js';
import type { RawBlock } from './raw-document.js';
import { normalizeSpace } from './text-utils.js';

/** The end of a cell: « |» (or a bare «|») closing the line, with no « | » inside it. */
const CELL_END = /^(.*?)[ \u00a0]*\|[ \u00a0]*$/;
const INNER_SEPARATOR = /\S[ \u00a0]+\|[ \u00a0]+\S/;

/** Whether a line closes a cell of this rendering. */
export const isCellEndLine = (line: string): boolean => CELL_END.test(line) && !INNER_SEPARATOR.test(line);

type Token = { type: 'cell'; text: string } | { type: 'para'; text: string } | { type: 'blank' };

function tokenize(all: string[]): Token[] {
  let n = all.length;
  while (n > 0 && !all[n - 1].trim()) n--;
  const lines = all.slice(0, n);
  const tokens: Token[] = [];
  let pending: string[] = [];
  const lastReal = () => {
    for (let k = tokens.length - 1; k >= 0; k--) if (tokens[k].type !== 'blank') return tokens[k];
    return undefined;
  };
  const inTable = () => tokens.length > 0 && tokens[tokens.length - 1].type === 'cell';
  const flush = () => {
    for (const l of pending) tokens.push({ type: 'para', text: l });
    pending = [];
  };
  for (const line of lines) {
    if (!line.trim()) {
      flush();
      tokens.push({ type: 'blank' });
      continue;
    }
    let m = isCellEndLine(line) ? CELL_END.exec(line) : null;
    if (!m && CELL_END.test(line) && INNER_SEPARATOR.test(line)) {
      // Several cells on one line («1 | 2 | 3 |»): each ends where a pipe stands.
      const parts = CELL_END.exec(line)![1].split(/[ \u00a0]+\|[ \u00a0]+/);
      for (const part of parts.slice(0, -1)) {
        tokens.push({ type: 'cell', text: [...pending, part].join('\n') });
        pending = [];
      }
      m = [line, parts[parts.length - 1]] as unknown as RegExpExecArray;
    }
    if (!m) {
      pending.push(line);
      continue;
    }
    // Text standing right above a table (a part heading) is not the first cell's beginning,
    // unless the cell goes on in lower case («Наименование» / «мероприятия |»).
    if (pending.length && !inTable() && !/^[\s"«(]*[а-яё]/.test(m[1] || '') && lastReal()?.type !== 'cell') flush();
    tokens.push({ type: 'cell', text: [...pending, m[1]].join('\n') });
    pending = [];
  }
  // A file cut inside a cell: its lines follow the last cell directly.
  if (pending.length && inTable()) tokens.push({ type: 'cell', text: pending.join('\n') });
  else flush();
  return tokens;
}

/**
 * Reads legal-database text into paragraphs and tables.
 * @example readCellStream(['N п/п |', 'Мероприятие |', 'Срок |', '1 |', 'Семинар |', 'май |']) // one table, a header and a row
 */
export function readCellStream(lines: string[]): RawBlock[] {
  const blocks: RawBlock[] = [];
  const tokens = tokenize(lines);
  let lastWidth = 0;
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i];
    if (t.type === 'blank') {
      i++;
      continue;
    }
    if (t.type === 'para') {
      blocks.push({ type: 'paragraph', text: t.text });
      i++;
      continue;
    }
    const cells: string[] = [];
    while (i < tokens.length && tokens[i].type !== 'para') {
      const x = tokens[i++];
      if (x.type === 'cell') cells.push(x.text);
    }
    lastWidth = cellsToTables(cells, blocks, lastWidth);
  }
  return blocks;
}

/**
 * Tables from a run of cells; returns the width of the last table (a headerless run
 * continues it). Up to `maxSkip` cells before a header are text (a title set in cells).
 */
export function cellsToTables(cells: string[], blocks: RawBlock[], previousWidth: number, maxSkip = 6): number {
  let from = 0;
  let width = previousWidth;
  const text = (list: string[]) => {
    for (const c of list) if (normalizeSpace(c)) blocks.push({ type: 'paragraph', text: c });
  };
  while (from < cells.length) {
    const header = findCellHeader(cells, from, maxSkip);
    if (!header) {
      // No header: the continuation of the table above, else text set out in cells.
      if (width >= 2 && (isRowNumber(cells[from]) || isHeadingCell(cells[from]))) {
        const { rows, end } = chunkCells(cells.slice(from), width, true);
        if (rows.length) blocks.push({ type: 'table', rows: rows.map((r) => ({ cells: r })) });
        text(cells.slice(from + end));
      } else text(cells.slice(from));
      return width;
    }
    text(cells.slice(from, header.start));
    width = columnCount(cells, header);
    const head = headerRows(cells.slice(header.start, header.labelsEnd), width);
    const numbers = header.numbered ? [Array.from({ length: header.numbered }, (_, k) => String(k + 1))] : [];
    // Rows open with their number where the number column comes first; otherwise only the count tells.
    const roles = head[head.length - 1].map((c, i) => classifyHeader(c || head[0][i] || ''));
    const numberFirst = roles.indexOf('number') <= 0;
    const { rows, end } = chunkCells(cells.slice(header.bodyStart), width, numberFirst);
    blocks.push({ type: 'table', rows: [...head, ...numbers, ...rows].map((r) => ({ cells: r })) });
    from = header.bodyStart + end;
  }
  return width;
}
