/**
 * A protocol as a sequence of lines, whatever its source.
 *
 * A protocol is mostly paragraphs; its tables are layout (number and date side by
 * side, names beside positions, signatures beside names) — except, sometimes, a
 * table of decisions with a header («№ | Решение | Ответственный | Срок»). So
 * layout tables are read back into lines in reading order (row by row, cell by
 * cell), which also undoes whatever a text rendering made of tabbed lines, and a
 * decisions table becomes one `row` line per decision.
 */
import { isHeaderRow, isColumnNumbersRow, mapColumns, type ColumnRole } from '../columns.js';
import type { RawDocument, RawRow } from '../raw-document.js';
import { hasContent, normalizeSpace } from '../text-utils.js';

export type ProtocolLine =
  /** `text` is whitespace-normalised; `cells` are a table row's filled cells (layout tables only). */
  | { type: 'text'; text: string; cells: string[] | null }
  /** A row of a decisions table. */
  | { type: 'row'; number: string; title: string; executorsText: string; deadlineText: string };

/** «Р Е Ш И Л И» -> «РЕШИЛИ»: letters spaced out for emphasis. */
export function closeSpacedLetters(s: string): string {
  return s.replace(/(?:^|(?<=\s))((?:[А-ЯЁ] ){3,}[А-ЯЁ])(?=[\s:.]|$)/gu, (m) => m.replace(/ /g, ''));
}

const clean = (s: string) => normalizeSpace(closeSpacedLetters(normalizeSpace(s)));

function textLines(text: string): ProtocolLine[] {
  return text.split('\n').map(clean).filter(Boolean).map((t) => ({ type: 'text' as const, text: t, cells: null }));
}

/**
 * A layout row as lines: single-line cells make one line (cells kept for
 * attendance lists); a cell of several lines breaks the row up, in reading order.
 */
function layoutRowLines(row: RawRow): ProtocolLine[] {
  const cells = row.cells.filter((c) => hasContent(c));
  if (!cells.length) return [];
  if (cells.every((c) => !c.trim().includes('\n'))) {
    const flat = cells.map(clean);
    return [{ type: 'text', text: flat.join(' '), cells: flat.length > 1 ? flat : null }];
  }
  const out: ProtocolLine[] = [];
  let prefix = '';
  for (const c of cells) {
    const lines = c.split('\n').map(clean).filter(Boolean);
    // A bare number cell («1.1.») opens the text of the next cell.
    if (lines.length === 1 && /^(?:\d{1,2}(?:\.\d{1,2})*|[IVXLC]{1,6})[.)]?$/.test(lines[0])) { prefix += lines[0] + ' '; continue; }
    lines.forEach((l, i) => out.push({ type: 'text', text: i === 0 ? prefix + l : l, cells: null }));
    prefix = '';
  }
  if (prefix) out.push({ type: 'text', text: prefix.trim(), cells: null });
  return out;
}

/** Expands merged cells so that header and body columns line up. */
function gridCells(row: RawRow): string[] {
  if (!row.spans) return row.cells;
  const out: string[] = [];
  row.cells.forEach((c, i) => out.push(c, ...Array<string>(Math.max(0, (row.spans?.[i] ?? 1) - 1)).fill('')));
  return out;
}

/** A decisions table: its header names the decision and its executors or deadline. */
function decisionsTable(rows: RawRow[]): ProtocolLine[] | null {
  const headerAt = rows.slice(0, 3).findIndex((r) => isHeaderRow(gridCells(r)));
  if (headerAt < 0) return null;
  const grid = rows.map(gridCells);
  let bodyStart = headerAt + 1;
  while (bodyStart < grid.length && isColumnNumbersRow(grid[bodyStart])) bodyStart++;
  const columns = mapColumns([grid[headerAt]], grid.slice(bodyStart));
  const col = (role: ColumnRole) => columns.filter((c) => c.role === role).map((c) => c.index);
  const [title] = col('title');
  if (title === undefined || (!col('executors').length && !col('deadline').length)) return null;
  const [number] = col('number');
  const out: ProtocolLine[] = [];
  const lines: ProtocolLine[] = rows.slice(0, headerAt).flatMap(layoutRowLines);
  const width = grid[headerAt].length;
  for (let r = bodyStart; r < grid.length; r++) {
    let cells = grid[r];
    let spill: ProtocolLine[] = [];
    if (cells.length > width && cells.slice(width).some(hasContent)) ({ cells, spill } = splitSpill(cells, width));
    if (spill.length) { handleRow(cells); lines.push(...out.splice(0), ...spill); continue; }
    handleRow(cells);
  }
  return [...lines, ...out];

  function handleRow(cells: string[]): void {
    const at = (i: number | undefined) => (i === undefined ? '' : cells[i] ?? '');
    const filled = cells.filter((c) => hasContent(c));
    if (!filled.length) return;
    // One filled cell across the row: a question heading or a marker, read as text.
    if (filled.length === 1 && !hasContent(at(title))) { lines.push(...out.splice(0), ...textLines(filled[0])); return; }
    const last = out[out.length - 1];
    // A row broken across a page: its number cell is empty.
    if (number !== undefined && !hasContent(at(number)) && last?.type === 'row') {
      last.title = normalizeSpace(`${last.title} ${at(title)}`);
      last.executorsText = normalizeSpace([last.executorsText, ...col('executors').map(at)].filter(hasContent).join(', '));
      last.deadlineText = normalizeSpace(`${last.deadlineText} ${col('deadline').map(at).join(' ')}`);
      return;
    }
    let num = normalizeSpace(at(number));
    let text = normalizeSpace(at(title));
    if (!num) {
      const m = /^(\d{1,2}(?:\.\d{1,2})*)[.)]?\s+(\S.*)$/u.exec(text);
      if (m) { num = m[1]; text = m[2]; }
    }
    out.push({
      type: 'row',
      number: num.replace(/[.)]+$/, ''),
      title: text,
      executorsText: normalizeSpace(col('executors').map(at).filter(hasContent).join(', ')),
      deadlineText: normalizeSpace(col('deadline').map(at).filter(hasContent).join(' ')),
    });
  }
}

/**
 * A row longer than the header: text after the table (signatures set out with
 * tabs) glued onto the last row by a text rendering. The last cell's first line
 * and the cells within the header's width stay; the rest is read as lines again.
 */
function splitSpill(cells: string[], width: number): { cells: string[]; spill: ProtocolLine[] } {
  const kept = cells.slice(0, width);
  const [first, ...more] = (kept[width - 1] ?? '').split('\n');
  kept[width - 1] = first;
  const pieces = [more.join('\n'), ...cells.slice(width)].filter((c) => c !== '');
  // A line break inside a piece is where a source line ended.
  const lines: string[][] = [[]];
  for (const piece of pieces) {
    piece.split('\n').forEach((part, i) => {
      if (i > 0) lines.push([]);
      if (hasContent(part)) lines[lines.length - 1].push(clean(part));
    });
  }
  return {
    cells: kept,
    spill: lines.filter((l) => l.length).map((l) => ({ type: 'text' as const, text: l.join(' '), cells: l.length > 1 ? l : null })),
  };
}


/**
 * Reads a RawDocument into protocol lines.
 * @example toProtocolLines({ blocks: [{ type: 'paragraph', text: 'Р Е Ш И Л И:' }] }) // [{ type: 'text', text: 'РЕШИЛИ:', cells: null }]
 */
export function toProtocolLines(raw: RawDocument): ProtocolLine[] {
  const lines: ProtocolLine[] = [];
  for (const block of raw.blocks) {
    if (block.type === 'paragraph') lines.push(...textLines(block.text));
    else lines.push(...(decisionsTable(block.rows) ?? block.rows.flatMap(layoutRowLines)));
  }
  return lines;
}
