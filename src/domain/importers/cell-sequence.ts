/**
 * Tables that arrive as a flat sequence of cells, with nothing marking where a row ends:
 * legal-database text («one cell per line, each ending in « |»») and web-page copy (every
 * cell its own paragraph). The header says how many columns there are — best of all a row
 * of column numbers «1 2 3 …» under it — and the column count decides where a row ends.
 * A lone heading («II. Меры поддержки», «Протокол заседания … от …») merged over the
 * table stands as a row of its own.
 *
 * Pure helpers shared by cell-stream.ts and paragraph-cells.ts.
 */
import { classifyHeader, isHeaderRow } from './columns.js';
import { parseItemNumber } from './numbering.js';
import { isNumberedHeading, isProtocolHeading } from './sections.js';
import { hasContent, normalizeSpace } from './text-utils.js';

/** A cell holding only an item number: «1», «1.2.», «II», «12.1 - 12.8». */
export const ROW_NUMBER = /^\s*(\d{1,3}(\.\d{1,3})*\.?((\s*[-–—]\s*|\s+)\d{1,3}(\.\d{1,3})*\.?)?|[IVXLC]{1,7}\.?)\s*$/;
export const isRowNumber = (cell: string): boolean => ROW_NUMBER.test(cell) && parseItemNumber(cell) !== null;

/**
 * Labels of a second header row under a group label: «начала реализации» / «окончания»
 * under «Срок реализации», «план» / «факт», years, sources of funds.
 */
const SUB_LABEL =
  /^(начал[оа]?|окончани[ея]|срок (начала|окончания)|дата (начала|окончания)|с$|по$|план(овое)?|факт(ическое)?|всего|в том числе|в т\.\s?ч\.|федеральн|областн|краев|республиканск|окружн|местн|муниципальн|внебюджетн|иные источники|(19|20)\d{2})/i;
export const isSubLabel = (cell: string): boolean => {
  const c = normalizeSpace(cell);
  return c.length > 0 && c.length <= 60 && SUB_LABEL.test(c);
};

/** A cell with anything in it («№» is a sign, not a letter). */
const filled = (c: string) => normalizeSpace(c) !== '';

/** A cell that may stand in a header: short, and naming a column or a sub-column. */
function isLabel(cell: string): boolean {
  const c = normalizeSpace(cell);
  if (!c || c.length > 150 || isRowNumber(c) || isHeadingCell(c)) return false;
  // A date is never a column's name («Опубликовано: 20.01.2025»).
  if (/\d{1,2}\.\d{1,2}\.\d{2,4}/.test(c)) return false;
  if (isSubLabel(c)) return true;
  // Column labels start with a capital («Срок», «N п/п»); a lower-case line is running text.
  return !/^[а-яё]/.test(c) && classifyHeader(c) !== null;
}

/** A short capitalised cell that may name a column the roles do not know. */
function isUnnamedLabel(cell: string): boolean {
  const c = normalizeSpace(cell);
  return (
    c.length > 0 &&
    c.length <= 60 &&
    /^[А-ЯЁA-Z№]/.test(c) &&
    !isRowNumber(c) &&
    !isHeadingCell(c) &&
    !/\d{1,2}\.\d{1,2}\.\d{2,4}/.test(c) &&
    classifyHeader(c) === null
  );
}

/** A cell heading a part of the table, not a row of it. */
export function isHeadingCell(cell: string): boolean {
  const c = normalizeSpace(cell);
  if (!c || isRowNumber(c) || c.length > 300) return false;
  // A protocol heading names the protocol first («Протокол заседания … от …», «Заседание … (протокол № 1)»);
  // a report's text that mentions a meeting and its date is not one.
  const protocol =
    isProtocolHeading(c) &&
    (/^[(«"]?(протокол|заседани|совещани|решени)/i.test(c) || (c.length <= 120 && /протокол/i.test(c)));
  return (
    isNumberedHeading(c) ||
    /^\d{3}[.)]\s+[А-ЯЁA-Z«"]/.test(c) ||
    protocol ||
    /^(раздел|подраздел|часть|подпрограмма|направление)\s+\S/i.test(c)
  );
}

export interface CellHeader {
  /** Index of the first header cell. */
  start: number;
  /** Header cells: [start, labelsEnd). */
  labelsEnd: number;
  /** First body cell (after a row of column numbers, when there is one). */
  bodyStart: number;
  /** Columns, when a row of column numbers tells it. */
  numbered: number | null;
}

/**
 * Finds a header among the first cells of a sequence: a run of labels (with empty cells
 * of a two-row header between them), of which at least two name the core columns, then
 * perhaps a row of column numbers.
 */
export function findCellHeader(cells: string[], from = 0, maxSkip = 6): CellHeader | null {
  maxSkip = Math.min(maxSkip, cells.length);
  for (let start = from; start < Math.min(cells.length, from + maxSkip + 1); start++) {
    if (!isLabel(cells[start])) continue;
    let end = start;
    while (end < cells.length) {
      if (isLabel(cells[end])) {
        end++;
        continue;
      }
      // A column whose name says nothing known, between named ones («Решение»).
      if (isUnnamedLabel(cells[end]) && end + 1 < cells.length && isLabel(cells[end + 1])) {
        end++;
        continue;
      }
      // Empty cells inside a two-row header (placeholders under merged cells).
      if (!filled(cells[end])) {
        let k = end;
        while (k < cells.length && !filled(cells[k])) k++;
        if (k < cells.length && isLabel(cells[k]) && k - end < 12) {
          end = k;
          continue;
        }
      }
      break;
    }
    const labels = cells.slice(start, end).filter(filled);
    const roles = labels.map((c) => classifyHeader(c));
    // The number column opens the header when there is one («№ п/п»): text before it is a heading.
    const numberAt = roles.indexOf('number');
    // (Unless what precedes it names a data column: «Ожидаемый результат | № | Мероприятие …».)
    if (
      numberAt > 0 &&
      labels
        .slice(0, numberAt)
        .some(
          (c, i) => roles[i] === 'title' || roles[i] === 'value' || roles[i] === null || normalizeSpace(c).length > 60,
        )
    )
      continue;
    const core = new Set(
      roles.filter(
        (r) =>
          r === 'number' ||
          r === 'title' ||
          r === 'executors' ||
          r === 'deadline' ||
          r === 'execution' ||
          r === 'status' ||
          r === 'protocolItem',
      ),
    );
    if (labels.length < 3 || core.size < 2 || !(core.has('title') || core.has('number'))) continue;
    if (!isHeaderRow(labels.filter((c) => !isSubLabel(c) || classifyHeader(c) === 'value'))) continue;
    // A row of column numbers: «1», «2», … «n».
    let k = 0;
    while (end + k < cells.length && normalizeSpace(cells[end + k]).replace(/\.$/, '') === String(k + 1)) k++;
    const numbered = k >= 2 ? k : null;
    // An empty cell opening the header (an unlabelled number column) is the header's too.
    let first = start;
    while (first > from && !filled(cells[first - 1])) first--;
    return { start: first, labelsEnd: end, bodyStart: end + (numbered ?? 0), numbered };
  }
  return null;
}

/**
 * Splits the header cells of a flat sequence into header rows, grid-aligned to `width`
 * columns: one row when they are as many as the columns; otherwise a first row of group
 * labels and a second of sub-labels («Срок реализации» over «начала | окончания»), the
 * group label standing in the first column it covers.
 */
export function headerRows(labels: string[], width: number): string[][] {
  const cells = labels.map(normalizeSpace);
  while (cells.length && !cells[cells.length - 1]) cells.pop();
  if (cells.length <= width) return [[...cells, ...Array<string>(width - cells.length).fill('')]];
  // The second row: the trailing sub-labels (and placeholders between them).
  let p = cells.length;
  while (p > 1 && (isSubLabel(cells[p - 1]) || !cells[p - 1])) p--;
  const first = cells.slice(0, p);
  const second = cells.slice(p);
  if (!second.length) return [cells.slice(0, width)];
  return alignHeaderRows([first, second], width);
}

const GROUP_LABEL =
  /срок|дата|период|значени|показател|финансир|объ[её]м|годам|в том числе|бюджет|средств|источник|план|факт/i;

/**
 * Aligns a two-row header whose rows do not span the grid: either the lower row is
 * full width (placeholders under the merged cells above), or it holds only the
 * sub-labels of the groups above. Returns rows of exactly `width` cells.
 * @example alignHeaderRows([['№', 'Мероприятие', 'Срок реализации', 'Исполнитель'], ['начало', 'окончание']], 5)
 * // [['№','Мероприятие','Срок реализации','','Исполнитель'], ['','','начало','окончание','']]
 */
export function alignHeaderRows(rows: string[][], width: number): string[][] {
  const pad = (r: string[]) => [...r, ...Array<string>(Math.max(0, width - r.length)).fill('')].slice(0, width);
  if (rows.length < 2) return rows.map(pad);
  const [top, bottom] = [rows[0].map(normalizeSpace), rows[1].map(normalizeSpace)];
  if (top.length >= width) return [pad(top), pad(bottom)];
  if (bottom.length >= width || bottom.some((c) => !c)) {
    // Placeholders under the merged cells above: the lower row is aligned from the left.
    bottom.push(...Array<string>(Math.max(0, width - bottom.length)).fill(''));
    // The lower row is aligned: spread the upper labels over it, a group over a run of sub-labels.
    const out: string[] = [];
    let extra = width - top.length;
    let j = 0;
    for (let c = 0; c < width; c++) {
      out.push(top[j] ?? '');
      j++;
      while (
        extra > 0 &&
        bottom[c] &&
        bottom[c + 1] &&
        c + 1 < width &&
        (GROUP_LABEL.test(out[out.length - 1]) || top.length - j < width - c - 1)
      ) {
        out.push('');
        c++;
        extra--;
      }
    }
    return [pad(out), bottom];
  }
  // Only the sub-labels below: the groups above take them, in order.
  const groupsNeeded = top.length + bottom.length - width;
  if (groupsNeeded < 1) return [pad(top), pad(bottom)];
  // The group the sub-labels belong under: a deadline over «начала | окончания», values or
  // funds over years and «план | факт»; never the number, the title or the executors.
  const dates = bottom.some((b) => /начал|оконч|^с$|^по$/i.test(b));
  const score = (t: string) => {
    const role = classifyHeader(t);
    if (!GROUP_LABEL.test(t) || role === 'number' || role === 'title' || role === 'executors') return 0;
    if (role === 'deadline') return dates ? 4 : 1;
    return dates ? 1 : role === 'value' || role === 'other' || role === null ? 3 : 2;
  };
  let groups = top.map((t, i) => ({ i, score: score(t) })).filter((g) => g.score > 0);
  groups = groups
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, groupsNeeded)
    .sort((a, b) => a.i - b.i);
  if (groups.length < groupsNeeded) return [pad(top), pad(bottom)];
  // Each group takes an equal share of the sub-labels (the first the remainder).
  const share = Math.floor(bottom.length / groups.length);
  const sizes = groups.map((_, k) => (k === 0 ? bottom.length - share * (groups.length - 1) : share));
  const outTop: string[] = [];
  const outBottom: string[] = [];
  let b = 0;
  top.forEach((t, i) => {
    const g = groups.findIndex((x) => x.i === i);
    if (g < 0) {
      outTop.push(t);
      outBottom.push('');
      return;
    }
    for (let k = 0; k < sizes[g]; k++) {
      outTop.push(k === 0 ? t : '');
      outBottom.push(bottom[b++] ?? '');
    }
  });
  return [pad(outTop), pad(outBottom)];
}

export interface ChunkResult {
  rows: string[][];
  /** Index of the first cell not used (a new header starts there), or cells.length. */
  end: number;
}

/**
 * Cuts body cells into rows of `width` cells. At a row's start, a heading cell (or any
 * text that is not a number, right before a number, in a numbered table) is a row of its
 * own, together with the empty cells of its merged row; a new header ends the table.
 */
export function chunkCells(cells: string[], width: number, numbered: boolean): ChunkResult {
  const rows: string[][] = [];
  const starts: number[] = [];
  let i = 0;
  // A new header ends the table; a heading right above it (the next part's name) goes with it.
  const stop = (at: number): ChunkResult => {
    let end = at;
    while (rows.length && rows[rows.length - 1].length === 1 && isHeadingCell(rows[rows.length - 1][0])) {
      rows.pop();
      end = starts.pop()!;
    }
    return { rows, end };
  };
  while (i < cells.length) {
    starts[rows.length] = i;
    if (rows.length && i + 2 < cells.length && isLabel(cells[i]) && findCellHeader(cells, i, 0)) return stop(i);
    // (A header opening with an empty cell: an unlabelled number column.)
    if (
      rows.length &&
      i + 3 < cells.length &&
      !filled(cells[i]) &&
      isLabel(cells[i + 1]) &&
      findCellHeader(cells, i + 1, 0)
    )
      return stop(i);
    const c = cells[i];
    const nextFilled = (() => {
      let k = i + 1;
      while (k < cells.length && k - i < width && !hasContent(cells[k])) k++;
      return k;
    })();
    const lone =
      hasContent(c) &&
      !isRowNumber(c) &&
      (isHeadingCell(c) || (numbered && nextFilled < cells.length && isRowNumber(cells[nextFilled])));
    // (In a table without numbers only a heading proper stands alone: «Протокол … от …».)
    if (lone && (numbered || isHeadingCell(c))) {
      rows.push([c]);
      // The rest of a merged row may come as empty cells before the next row's number.
      i = nextFilled < cells.length && isRowNumber(cells[nextFilled]) ? nextFilled : i + 1;
      continue;
    }
    if (!hasContent(c) && numbered && rows.length === 0) {
      i++;
      continue;
    }
    // In a numbered table a row opens with its number (or an empty cell, the rest of a row
    // broken across a page): anything else after the rows is text after the table.
    if (numbered && rows.length && filled(c) && !isRowNumber(c)) return stop(i);
    rows.push(cells.slice(i, i + width));
    i += width;
  }
  return { rows, end: cells.length };
}

/** How well rows of `width` explain the body: rows opening with a number, a title after it. */
export function scoreWidth(cells: string[], width: number): number {
  const { rows } = chunkCells(cells, width, true);
  let score = 0;
  for (const r of rows) {
    // A lone cell that heads nothing (a value cut off its row) counts against the width.
    if (r.length === 1) {
      if (!isHeadingCell(r[0])) score -= 1;
      continue;
    }
    if (isRowNumber(r[0]) && /\p{L}{3}/u.test(r[1] ?? '') && !isHeadingCell(r[1] ?? '')) score += 2;
    else score -= 1;
  }
  return score;
}

/** The number of columns: the column-number row, else the header's labels, else the count that explains the body best. */
export function columnCount(cells: string[], header: CellHeader): number {
  if (header.numbered) return header.numbered;
  let leading = 0; // empty cells opening the header: columns without a label
  while (header.start + leading < header.labelsEnd && !filled(cells[header.start + leading])) leading++;
  const labels = cells.slice(header.start, header.labelsEnd).filter(filled);
  const subs = labels.filter(isSubLabel).length;
  if (!subs) return leading + labels.length;
  // The body ends where another table's header begins, whatever the width.
  let bodyEnd = cells.length;
  for (let i = header.bodyStart + 1; i < cells.length; i++)
    if (isLabel(cells[i]) && findCellHeader(cells, i, 0)) {
      bodyEnd = i;
      break;
    }
  const body = cells.slice(header.bodyStart, bodyEnd);
  let best = leading + labels.length;
  let bestScore = -Infinity;
  for (let w = leading + labels.length; w >= Math.max(2, leading + labels.length - subs); w--) {
    const s = scoreWidth(body, w);
    if (s > bestScore) {
      best = w;
      bestScore = s;
    }
  }
  return best;
}
