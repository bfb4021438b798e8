/**
 * When no reading places a document, a person does: the import screen shows what the
 * reader found — tables as rows of cells, text as lines — and the person points at the
 * header row and says which column is which. This module is that exchange, pure:
 * - `documentLayout` is what is shown;
 * - `readWithColumns` reads the document with the columns pointed at;
 * - `layoutShape` names a header so that the next document of the same shape (from the
 *   same organisation: the caller keeps that) is read the same way, and
 *   `findRememberedColumns` finds such a header in a new document.
 */
import { DomainError } from '../errors.js';
import type { ColumnRole } from './columns.js';
import type { InterchangeDocument } from './interchange.js';
import { interpret } from './interpret.js';
import { paragraphRows } from './paragraph-cells.js';
import type { RawBlock, RawDocument } from './raw-document.js';
import { foldCase, normalizeSpace } from './text-utils.js';

/** Roles a person may give a column; «skip» leaves it out. */
export const MAPPABLE_ROLES = [
  'number',
  'title',
  'deadline',
  'executors',
  'expectedResult',
  'execution',
  'status',
  'form',
  'protocolItem',
  'skip',
] as const;
export type MappableRole = (typeof MAPPABLE_ROLES)[number];

export type LayoutBlock =
  { type: 'table'; rows: string[][]; totalRows: number } | { type: 'lines'; lines: string[]; totalLines: number };

export interface Layout {
  blocks: LayoutBlock[];
}

/** The columns a person pointed at: a block of the layout, its header row (or first header line), a role per column. */
export interface ColumnChoice {
  block: number;
  headerRow: number;
  columns: MappableRole[];
}

/** How much of a long document the screen shows: the header is near the top. */
const SHOWN_ROWS = 80;
const SHOWN_LINES = 300;

interface Span {
  type: 'table';
  raw: number;
} // a table block of the raw document
interface LineSpan {
  type: 'lines';
  from: number;
  to: number;
} // raw paragraph blocks [from, to)

function spans(raw: RawDocument): Array<Span | LineSpan> {
  const out: Array<Span | LineSpan> = [];
  raw.blocks.forEach((b, i) => {
    if (b.type === 'table') out.push({ type: 'table', raw: i });
    else {
      const last = out[out.length - 1];
      if (last?.type === 'lines' && last.to === i) last.to = i + 1;
      else out.push({ type: 'lines', from: i, to: i + 1 });
    }
  });
  return out;
}

const lineText = (b: RawBlock) => (b.type === 'paragraph' ? normalizeSpace(b.text) : '');

/**
 * What the reader found, as the person sees it: tables as rows of cells, runs of text as lines.
 * @example documentLayout({ blocks: [{ type: 'paragraph', text: 'План' }] }) // { blocks: [{ type: 'lines', lines: ['План'], totalLines: 1 }] }
 */
export function documentLayout(raw: RawDocument): Layout {
  return {
    blocks: spans(raw).map((s): LayoutBlock => {
      if (s.type === 'table') {
        const b = raw.blocks[s.raw] as Extract<RawBlock, { type: 'table' }>;
        return {
          type: 'table',
          rows: b.rows.slice(0, SHOWN_ROWS).map((r) => r.cells.map(normalizeSpace)),
          totalRows: b.rows.length,
        };
      }
      const lines = raw.blocks.slice(s.from, s.to).map(lineText);
      return { type: 'lines', lines: lines.slice(0, SHOWN_LINES), totalLines: lines.length };
    }),
  };
}

/** The header a person pointed at, as text: its cells (or lines). */
export function headerCellsOf(raw: RawDocument, choice: ColumnChoice): string[] {
  const s = spans(raw)[choice.block];
  if (!s) return [];
  if (s.type === 'table')
    return ((raw.blocks[s.raw] as Extract<RawBlock, { type: 'table' }>).rows[choice.headerRow]?.cells ?? []).map(
      normalizeSpace,
    );
  return raw.blocks.slice(s.from + choice.headerRow, s.from + choice.headerRow + choice.columns.length).map(lineText);
}

/** The shape of the header a person pointed at (see layoutShape). */
export function choiceShape(raw: RawDocument, choice: ColumnChoice): string {
  const s = spans(raw)[choice.block];
  return layoutShape(s?.type ?? 'table', headerCellsOf(raw, choice));
}

/**
 * The shape of a header, to know a document laid out the same way: its kind (a table's
 * row or lines of text) and its labels, case and spacing aside.
 * @example layoutShape('table', ['№ п/п', 'Что делаем', 'Когда']) // 'table:№ п/п|что делаем|когда'
 */
export function layoutShape(kind: 'table' | 'lines', cells: string[]): string {
  return `${kind}:${cells.map((c) => foldCase(normalizeSpace(c))).join('|')}`.slice(0, 2000);
}

const invalid = (message: string, detail: string) => new DomainError('validation', 'import.columns', message, detail);

/**
 * Reads a document with the columns a person pointed at.
 * Throws DomainError 'import.columns' when the choice does not fit the document or reads nothing.
 */
export function readWithColumns(raw: RawDocument, choice: ColumnChoice): InterchangeDocument {
  const s = spans(raw)[choice.block];
  if (!s)
    throw invalid(
      'Выбранный фрагмент документа не найден — выберите строку заголовка заново.',
      `no layout block ${choice.block}`,
    );
  if (!choice.columns.includes('title'))
    throw invalid('Укажите, в каком столбце наименование мероприятия.', 'no title column');
  const once = choice.columns.filter((c) => c !== 'skip' && c !== 'executors');
  if (new Set(once).size !== once.length)
    throw invalid('Каждый вид столбца можно выбрать один раз (кроме исполнителей).', 'duplicate roles');
  const roles = choice.columns.map((c): ColumnRole => (c === 'skip' ? 'other' : c));
  let doc: InterchangeDocument;
  if (s.type === 'table') {
    const rows = (raw.blocks[s.raw] as Extract<RawBlock, { type: 'table' }>).rows;
    if (choice.headerRow < 0 || choice.headerRow >= rows.length)
      throw invalid('Строка заголовка не найдена в таблице.', `header row ${choice.headerRow} out of range`);
    doc = interpret(raw, { columns: { block: s.raw, headerRow: choice.headerRow, roles } });
  } else {
    // Lines: the header's lines are the columns; the rows follow, a cell a line.
    const headerAt = s.from + choice.headerRow;
    const bodyFrom = headerAt + choice.columns.length;
    if (choice.headerRow < 0 || bodyFrom > s.to)
      throw invalid(
        'Строки заголовка не найдены в тексте.',
        `header lines ${choice.headerRow}+${choice.columns.length} out of range`,
      );
    const units = raw.blocks.slice(bodyFrom, s.to).map(lineText);
    const { rows, end } = paragraphRows(units, roles);
    const header = raw.blocks.slice(headerAt, bodyFrom).map(lineText);
    const table: RawBlock = { type: 'table', rows: [header, ...rows].map((cells) => ({ cells })) };
    const blocks = [...raw.blocks.slice(0, headerAt), table, ...raw.blocks.slice(bodyFrom + end)];
    doc = interpret({ blocks }, { columns: { block: headerAt, headerRow: 0, roles } });
  }
  if (!doc.items.length)
    throw invalid(
      'По этой разметке не прочитано ни одного мероприятия: проверьте строку заголовка и столбцы.',
      'no items with the columns given',
    );
  return doc;
}

/**
 * A remembered header found in a document: the first table row (near a table's top) or run
 * of lines whose shape is one of `known`.
 */
export function findRememberedColumns(
  raw: RawDocument,
  known: Array<{ shape: string; columns: MappableRole[] }>,
): ColumnChoice | null {
  if (!known.length) return null;
  const byShape = new Map(known.map((k) => [k.shape, k.columns]));
  const lineWidths = [...new Set(known.filter((k) => k.shape.startsWith('lines:')).map((k) => k.columns.length))];
  const all = spans(raw);
  for (let block = 0; block < all.length; block++) {
    const s = all[block];
    if (s.type === 'table') {
      const rows = (raw.blocks[s.raw] as Extract<RawBlock, { type: 'table' }>).rows;
      for (let r = 0; r < Math.min(rows.length, 30); r++) {
        const columns = byShape.get(layoutShape('table', rows[r].cells));
        if (columns) return { block, headerRow: r, columns };
      }
    } else {
      const lines = raw.blocks.slice(s.from, s.to).map(lineText);
      for (const n of lineWidths) {
        for (let i = 0; i + n <= lines.length; i++) {
          const columns = byShape.get(layoutShape('lines', lines.slice(i, i + n)));
          if (columns && columns.length === n) return { block, headerRow: i, columns };
        }
      }
    }
  }
  return null;
}
