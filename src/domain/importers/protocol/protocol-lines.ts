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
import { classifyHeader, isHeaderRow, isColumnNumbersRow, mapColumns, type ColumnRole } from '../columns.js';
import type { RawDocument, RawRow } from '../raw-document.js';
import { hasContent, normalizeSpace } from '../text-utils.js';
import { PERSON } from './russian-words.js';
import {
  looksLikeQuestionTitle,
  matchAgenda,
  matchDecided,
  matchHeard,
  parseNumbered,
  parseQuestionMention,
} from './protocol-markers.js';

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
  return text
    .split('\n')
    .map(clean)
    .filter(Boolean)
    .map((t) => ({ type: 'text' as const, text: t, cells: null }));
}

/**
 * A layout row as lines. A name beside a position or a signature («Иванов И.И. |
 * министр …», «Председатель | И.И. Иванов») stays one line, its cells kept for the
 * attendance list; any other row is read cell by cell — a text rendering may have
 * made a «table» of indented paragraphs, and a cell of several lines breaks up too.
 */
function layoutRowLines(row: RawRow): ProtocolLine[] {
  const cells = row.cells.filter((c) => hasContent(c));
  if (!cells.length) return [];
  const flat = cells.map(clean);
  const persons = flat.filter((c) => PERSON.test(c));
  const pair =
    flat.length >= 2 &&
    flat.length <= 3 &&
    cells.every((c) => !c.trim().includes('\n')) &&
    persons.length === 1 &&
    persons[0].length <= 50 &&
    !flat.some((c) => STRUCTURE.test(c));
  if (pair) return [{ type: 'text', text: flat.join(' '), cells: flat }];
  const out: ProtocolLine[] = [];
  let prefix = '';
  for (const c of cells) {
    const lines = c.split('\n').map(clean).filter(Boolean);
    // A bare number cell («1.1.») opens the text of the next cell.
    if (lines.length === 1 && /^(?:\d{1,2}(?:\.\d{1,2})*|[IVXLC]{1,6})[.)]?$/.test(lines[0])) {
      prefix += lines[0] + ' ';
      continue;
    }
    lines.forEach((l, i) => out.push({ type: 'text', text: i === 0 ? prefix + l : l, cells: null }));
    prefix = '';
  }
  if (prefix) out.push({ type: 'text', text: prefix.trim(), cells: null });
  return out;
}

/** Cells that open a part of the protocol are never half of a name-and-position pair. */
const STRUCTURE =
  /^(?:\d{1,2}(?:\.\d{1,2})*[.)]|[IVXLC]{1,6}[.)]|СЛУШАЛИ|ВЫСТУПИЛИ|ДОКЛАДЧИК|Докладчик|РЕШИЛИ|Решили|ПОВЕСТКА|Повестка|Присутствовали|Председательствовал|Приглашен)/u;

/** Expands merged cells so that header and body columns line up. */
function gridCells(row: RawRow): string[] {
  if (!row.spans) return row.cells;
  const out: string[] = [];
  row.cells.forEach((c, i) => out.push(c, ...Array<string>(Math.max(0, (row.spans?.[i] ?? 1) - 1)).fill('')));
  return out;
}

/** «№ п/п | Решение | Ответственный | Срок»: short labels, one naming the decision; not «Срок: до …» lines. */
function isDecisionsHeader(cells: string[]): boolean {
  const filled = cells.map(normalizeSpace).filter(Boolean);
  if (!isHeaderRow(cells) || filled.some((c) => c.length > 60 || /:\s*\S/.test(c))) return false;
  return filled.some((c) => classifyHeader(c) === 'title' || /^(?:решени|содержание\s+решени|поручени)/i.test(c));
}

/** A decisions table: its header names the decision and its executors or deadline. */
function decisionsTable(rows: RawRow[]): ProtocolLine[] | null {
  const grid = rows.map(gridCells);
  // The header may stand anywhere: a text rendering can make one table of a whole page.
  let headerAt = -1;
  let bodyStart = 0;
  let columns: ReturnType<typeof mapColumns> = [];
  for (let h = 0; h < grid.length && headerAt < 0; h++) {
    if (!isDecisionsHeader(grid[h])) continue;
    let start = h + 1;
    while (start < grid.length && isColumnNumbersRow(grid[start])) start++;
    const cols = mapColumns([grid[h]], grid.slice(start));
    const has = (role: ColumnRole) => cols.some((c) => c.role === role);
    if (has('title') && (has('executors') || has('deadline'))) {
      headerAt = h;
      bodyStart = start;
      columns = cols;
    }
  }
  if (headerAt < 0) return null;
  const col = (role: ColumnRole) => columns.filter((c) => c.role === role).map((c) => c.index);
  const [title] = col('title');
  const [number] = col('number');
  const out: ProtocolLine[] = [];
  const lines: ProtocolLine[] = rows.slice(0, headerAt).flatMap(layoutRowLines);
  const width = grid[headerAt].length;
  const headerText = grid[headerAt].map(normalizeSpace).join('|');
  for (let r = bodyStart; r < grid.length; r++) {
    let cells = grid[r];
    // The header repeated (on a new page, or a second table glued to this one).
    if (cells.map(normalizeSpace).join('|') === headerText) continue;
    let spill: ProtocolLine[] = [];
    if (cells.length > width && cells.slice(width).some(hasContent)) ({ cells, spill } = splitSpill(cells, width));
    const glued = cutGluedText(cells);
    cells = glued.cells;
    spill = [...glued.spill, ...spill];
    if (spill.length) {
      handleRow(cells);
      lines.push(...out.splice(0), ...spill);
      continue;
    }
    handleRow(cells);
  }
  return [...lines, ...out];

  function handleRow(cells: string[]): void {
    const at = (i: number | undefined) => (i === undefined ? '' : (cells[i] ?? ''));
    const filled = cells.filter((c) => hasContent(c));
    if (!filled.length) return;
    // One filled cell across the row: a question heading or a marker, read as text.
    if (filled.length === 1 && !hasContent(at(title))) {
      lines.push(...out.splice(0), ...textLines(filled[0]));
      return;
    }
    // A row that is not a decision (a signature set out with tabs): text again.
    if (
      number !== undefined &&
      hasContent(at(number)) &&
      !/^(?:\d{1,2}(?:\.\d{1,2})*|[IVXLC]{1,6})[.)]?$/.test(normalizeSpace(at(number)))
    ) {
      lines.push(...out.splice(0), ...layoutRowLines({ cells }));
      return;
    }
    const last = out[out.length - 1];
    // A row broken across a page: its number cell is empty.
    if (number !== undefined && !hasContent(at(number)) && last?.type === 'row') {
      last.title = normalizeSpace(`${last.title} ${at(title)}`);
      last.executorsText = normalizeSpace(
        [last.executorsText, ...col('executors').map(at)].filter(hasContent).join(', '),
      );
      last.deadlineText = normalizeSpace(`${last.deadlineText} ${col('deadline').map(at).join(' ')}`);
      return;
    }
    let num = normalizeSpace(at(number));
    let text = normalizeSpace(at(title));
    if (!num) {
      const m = /^(\d{1,2}(?:\.\d{1,2})*)[.)]?\s+(\S.*)$/u.exec(text);
      if (m) {
        num = m[1];
        text = m[2];
      }
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

/** Lines that open a part of a protocol: nothing a table cell goes on with. */
function opensPart(line: string): boolean {
  if (matchHeard(line) || matchDecided(line) || matchAgenda(line) || parseQuestionMention(line)) return true;
  const n = parseNumbered(line);
  return Boolean(n && n.levels.length === 1 && looksLikeQuestionTitle(n.rest));
}

/**
 * A text rendering without blank lines glues the paragraphs after a table row onto
 * its last cell («…заседанию комиссии\n2. О профилактике …\nСЛУШАЛИ: …»): from the
 * first line that opens a part of the protocol on, the cell's text is read as lines.
 */
function cutGluedText(cells: string[]): { cells: string[]; spill: ProtocolLine[] } {
  const last = cells.map((c) => hasContent(c)).lastIndexOf(true);
  if (last < 0) return { cells, spill: [] };
  const parts = cells[last].split('\n');
  const at = parts.findIndex((l, i) => i > 0 && opensPart(clean(l)));
  if (at < 0) return { cells, spill: [] };
  const kept = cells.slice();
  kept[last] = parts.slice(0, at).join('\n');
  return { cells: kept, spill: textLines(parts.slice(at).join('\n')) };
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
    spill: lines
      .filter((l) => l.length)
      .map((l) => ({ type: 'text' as const, text: l.join(' '), cells: l.length > 1 ? l : null })),
  };
}

const TABBED = /\S\t+\S/;

/**
 * Reads a RawDocument into protocol lines.
 * @example toProtocolLines({ blocks: [{ type: 'paragraph', text: 'Р Е Ш И Л И:' }] }) // [{ type: 'text', text: 'РЕШИЛИ:', cells: null }]
 */
export function toProtocolLines(raw: RawDocument): ProtocolLine[] {
  const lines: ProtocolLine[] = [];
  const blocks = raw.blocks;
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b];
    if (block.type === 'table') {
      lines.push(...(decisionsTable(block.rows) ?? block.rows.flatMap(layoutRowLines)));
      continue;
    }
    // Tabbed paragraphs in a row may be a table a text rendering did not recognise
    // (paragraphs indented with a tab make a document look like one cell per line).
    let end = b;
    while (
      end < blocks.length &&
      blocks[end].type === 'paragraph' &&
      TABBED.test((blocks[end] as { text: string }).text)
    )
      end++;
    const table =
      end - b >= 2
        ? decisionsTable(blocks.slice(b, end).map((p) => ({ cells: (p as { text: string }).text.trim().split('\t') })))
        : null;
    if (table) {
      lines.push(...table);
      b = end - 1;
      continue;
    }
    lines.push(...textLines(block.text));
  }
  return lines;
}
