/**
 * RawDocument -> InterchangeDocument: what a plan, roadmap, execution report or report
 * on council decisions says, read the way a person reads it.
 *
 * - Before the first table: the «УТВЕРЖДАЮ» block and the title (with the period).
 * - Tables: the header names the columns (any order, extra columns allowed); a row of
 *   column numbers under it is skipped; a row whose first cell is empty continues the
 *   row above cell by cell (a row broken across a page); a row with one filled cell,
 *   or a top-level number with only a title over numbered children, is a section;
 *   for council reports a protocol row is a section numbered by its date.
 * - A table whose name column speaks of indicators and whose other columns are years
 *   gives target indicators instead of items.
 * - Abbreviations come from «(далее – …)» anywhere in the text.
 * Pure: no I/O, no clock.
 */
import { DomainError } from '../errors.js';
import { extractAbbreviations } from './abbreviations.js';
import { parseApproval } from './approval.js';
import { alignHeaderRows, isSubLabel } from './cell-sequence.js';
import {
  classifyHeader,
  isColumnNumbersRow,
  isHeaderRow,
  joinDeadline,
  mapColumns,
  valueLabel,
  type Column,
  type ColumnRole,
} from './columns.js';
import type {
  DocumentKind,
  InterchangeDocument,
  InterchangeIndicator,
  InterchangeItem,
  InterchangeSection,
} from './interchange.js';
import { isUnder, parseItemNumber } from './numbering.js';
import { documentPeriod, parsePeriod } from './period.js';
import { findTitle } from './preamble.js';
import type { RawDocument, RawRow } from './raw-document.js';
import { isNumberedHeading, isProtocolHeading, parseSectionHeading } from './sections.js';
import { splitExecutors } from './split-executors.js';
import { parseStatus, statusFromExecutionText } from './status.js';
import { hasContent, normalizeParagraphs, normalizeSpace } from './text-utils.js';

export interface InterpretOptions {
  /**
   * Columns a person pointed at, for a document whose header the reader could not place:
   * the table block, its header row and the role of each column (see layout.ts).
   */
  columns?: { block: number; headerRow: number; roles: ColumnRole[] };
}

/** A table whose header was recognised. */
interface DataTable {
  blockIndex: number;
  columns: Column[];
  kind: 'items' | 'indicators';
  /** Body rows, grid-aligned, header rows removed. */
  rows: GridRow[];
  headerCells: string[];
  /** Rows above the header (a title set inside the table): text of the preamble. */
  above: string[][];
}

interface GridRow {
  cells: string[];
  /** One cell covers (almost) the whole row: a heading row in a .docx. */
  spanning: boolean;
}

/** A row being assembled (rows broken across pages are glued to it). */
interface RecordRow {
  type: 'item' | 'indicator';
  cells: string[];
  section: string | null;
  table: DataTable;
}

/** Expands merged cells to grid columns; the text stays in the first column of a span. */
function toGrid(row: RawRow): GridRow {
  if (!row.spans) return { cells: row.cells.slice(), spanning: false };
  const cells: string[] = [];
  let widest = 0;
  row.cells.forEach((c, i) => {
    const span = Math.max(1, row.spans?.[i] ?? 1);
    widest = Math.max(widest, span);
    cells.push(c, ...Array<string>(span - 1).fill(''));
  });
  return { cells, spanning: widest >= Math.max(2, cells.length - 1) && row.cells.length <= 2 };
}

const nonEmpty = (cells: string[]) => cells.filter((c) => hasContent(c));

/** Finds the header rows at the top of a table; returns the index of the first body row, or -1. */
function findHeader(rows: GridRow[]): { headerRows: number[]; bodyStart: number } | null {
  for (let r = 0; r < Math.min(rows.length, 8); r++) {
    if (!isHeaderRow(rows[r].cells)) continue;
    const headerRows = [r];
    let next = r + 1;
    // A second header row: labels under a group label («2022 2023 2024» under «Значение по годам»).
    while (next < rows.length && next <= r + 2 && isSubHeader(rows[next].cells)) headerRows.push(next++);
    while (next < rows.length && isColumnNumbersRow(rows[next].cells)) next++;
    return { headerRows, bodyStart: next };
  }
  return null;
}

function isSubHeader(cells: string[]): boolean {
  const filled = cells.map(normalizeSpace).filter(Boolean);
  if (!filled.length || filled.some((c) => c.length > 60)) return false;
  if (isColumnNumbersRow(cells)) return false;
  if (filled.length && parseItemNumber(filled[0])) return false;
  return isHeaderRow(cells) || filled.every((c) => classifyHeader(c) === 'value' || isSubLabel(c));
}

/**
 * Header rows grid-aligned to the body: a text rendering gives a two-row header as it was
 * printed, the lower row holding only the sub-labels («начало | окончание»).
 */
function alignHeader(header: string[][], body: string[][]): string[][] {
  const widths = body.slice(0, 30).map((r) => r.length);
  const width = widths.length ? Math.max(...widths) : 0;
  if (header.length < 2 || header[0].length >= width) return header;
  return alignHeaderRows(header, width);
}

const roleIndex = (columns: Column[], role: ColumnRole) => columns.find((c) => c.role === role)?.index ?? -1;
const roleIndexes = (columns: Column[], role: ColumnRole) => columns.filter((c) => c.role === role).map((c) => c.index);

function tableKind(columns: Column[]): 'items' | 'indicators' {
  const title = columns.find((c) => c.role === 'title');
  const values = columns.filter((c) => c.role === 'value').length;
  const has = (r: ColumnRole) => columns.some((c) => c.role === r);
  if (title && /показател|индикатор/i.test(title.label) && values >= 1 && !has('deadline') && !has('execution'))
    return 'indicators';
  return 'items';
}

/** Lines of the text before the main table, in reading order (tables read column by column). */
function preambleLines(raw: RawDocument, until: number): string[] {
  const lines: string[] = [];
  for (let b = 0; b < until; b++) {
    const block = raw.blocks[b];
    if (block.type === 'paragraph') {
      // As printed (only line ends trimmed): the approval block may stand in a column of its own.
      for (const l of block.text.split('\n')) if (hasContent(l)) lines.push(l.replace(/\s+$/, ''));
    } else {
      // A layout table (approval blocks side by side): column by column keeps each block together.
      const grid = block.rows.map(toGrid);
      const width = Math.max(0, ...grid.map((r) => r.cells.length));
      for (let c = 0; c < width; c++)
        for (const r of grid)
          for (const l of (r.cells[c] ?? '').split('\n')) if (hasContent(l)) lines.push(normalizeSpace(l));
    }
  }
  return lines;
}

/**
 * Title lines: from `from` (after the approval block) up to the first part heading
 * («I. Целевые показатели»), leaving out an «Приложение № 1 к распоряжению … от … № …»
 * reference and a «СОГЛАСОВАНО» block.
 */
function titleFrom(lines: string[], from: number, to = lines.length): string {
  const out: string[] = [];
  for (let i = from; i < to; i++) {
    const l = normalizeSpace(lines[i]);
    if (out.length && (isNumberedHeading(l) || isProtocolHeading(l))) break;
    if (!out.length && /^(приложение|согласовано|утвержд)/i.test(l)) {
      // The reference to the act goes on until its date («от 12.03.2024 № 45-рп»).
      const dated = (x: string) => /\d{1,2}\.\d{1,2}\.\d{4}|(19|20)\d{2}\s*г|от\s+«?\d/.test(x);
      if (!dated(l))
        for (let k = i + 1; k < Math.min(to, i + 6); k++)
          if (dated(lines[k])) {
            i = k;
            break;
          }
      continue;
    }
    out.push(l);
  }
  return normalizeSpace(out.join(' '));
}

/** Levels of a number's last item («12.1–12.8» -> [12, 8]). */
function lastLevels(printed: string, parsed: { levels: number[] }): number[] {
  const end = printed.split('–')[1];
  return end ? end.split('.').map(Number) : parsed.levels;
}

/** Whether `cur` may follow `prev` in a numbered list (1.2 -> 1.3, 1.2.1, 2, 2.1). */
function isSuccessor(prev: number[], cur: number[]): boolean {
  for (let depth = prev.length; depth >= 1; depth--) {
    const next = [...prev.slice(0, depth - 1), prev[depth - 1] + 1];
    if (cur.length >= next.length && next.every((v, i) => v === cur[i]) && cur.slice(next.length).every((v) => v === 1))
      return true;
  }
  return cur.length > prev.length && prev.every((v, i) => v === cur[i]) && cur.slice(prev.length).every((v) => v === 1);
}

/**
 * Interprets a RawDocument. Throws DomainError('validation', 'import.no_table') when no
 * table with a recognisable header is found.
 * @example interpret(readTextDocument(bytes)).items[0].number // '1.1'
 */
export function interpret(raw: RawDocument, options: InterpretOptions = {}): InterchangeDocument {
  const warnings: string[] = [];
  const tables: DataTable[] = [];
  let previous: DataTable | null = null;
  raw.blocks.forEach((block, blockIndex) => {
    if (block.type !== 'table') return;
    const grid = block.rows.map(toGrid);
    const given = options.columns?.block === blockIndex ? options.columns : null;
    if (given) {
      // The columns a person pointed at: their header row, their roles.
      let bodyStart = given.headerRow + 1;
      while (bodyStart < grid.length && isColumnNumbersRow(grid[bodyStart].cells)) bodyStart++;
      const headerCells = grid[given.headerRow]?.cells ?? [];
      const width = Math.max(given.roles.length, ...grid.map((r) => r.cells.length));
      const columns: Column[] = Array.from({ length: width }, (_, index) => ({
        index,
        role: given.roles[index] ?? 'other',
        label: normalizeSpace(headerCells[index] ?? ''),
      }));
      const above = grid.slice(0, given.headerRow).map((r) => r.cells);
      previous = { blockIndex, columns, kind: 'items', rows: grid.slice(bodyStart), headerCells, above };
      tables.push(previous);
      return;
    }
    const header = findHeader(grid);
    if (header) {
      const body = grid.slice(header.bodyStart);
      const headerCells = alignHeader(
        header.headerRows.map((r) => grid[r].cells),
        body.map((r) => r.cells),
      );
      const columns = mapColumns(
        headerCells,
        body.map((r) => r.cells),
      );
      const above = grid.slice(0, header.headerRows[0]).map((r) => r.cells);
      previous = {
        blockIndex,
        columns,
        kind: tableKind(columns),
        rows: body,
        headerCells: grid[header.headerRows[0]].cells,
        above,
      };
      tables.push(previous);
      return;
    }
    // A table without a header continuing the previous one (a page or section break between).
    const width = Math.max(0, ...grid.map((r) => r.cells.length));
    if (previous && width === previous.columns.length) {
      tables.push({ ...previous, blockIndex, rows: grid.filter((r) => !isColumnNumbersRow(r.cells)), above: [] });
    } else if (previous) {
      warnings.push(`Таблица ${tables.length + 1}: не удалось распознать заголовок, таблица пропущена`);
    }
  });
  if (!tables.length) {
    throw new DomainError(
      'validation',
      'import.no_table',
      'В документе не найдена таблица мероприятий: нужна таблица с заголовком (например, «№ п/п», «Наименование мероприятия», «Срок исполнения», «Ответственный исполнитель»).',
      'no table with a recognisable header row',
    );
  }

  // Approval and title from what precedes the first table (and what stands above its header).
  const pre = [
    ...preambleLines(raw, tables[0].blockIndex),
    ...tables[0].above.flatMap((r) => r.map(normalizeSpace).filter(Boolean)),
  ];
  const approval = parseApproval(pre);
  const inApproval = (i: number) => approval !== null && i >= approval.start && i <= approval.end;
  // The title opens with what the document calls itself; else it follows the approval block
  // (rarely it stands above it).
  const title =
    findTitle(pre, inApproval) ??
    (titleFrom(pre, approval ? approval.end + 1 : 0) || (approval ? titleFrom(pre, 0, approval.start) : ''));
  if (!title) warnings.push('Не найден заголовок документа');

  const sections: InterchangeSection[] = [];
  const sectionNumbers = new Set<string>();
  const records: RecordRow[] = [];
  let currentSection: string | null = null;

  const addSection = (number: string | null, sectionTitle: string, firstChild?: string): string => {
    let n = number;
    if (!n) {
      const parent = firstChild && parseItemNumber(firstChild)?.levels;
      n = parent && parent.length > 1 ? String(parent[0]) : String(sections.length + 1);
    }
    if (sectionNumbers.has(n)) {
      const existing = sections.find((s) => s.number === n);
      if (existing && existing.title === sectionTitle) return n;
      warnings.push(`Раздел ${n} встречается несколько раз`);
    } else {
      sectionNumbers.add(n);
      sections.push({ number: n, title: sectionTitle });
    }
    return n;
  };

  // Headings in paragraphs. A protocol is always a section. A numbered heading before a
  // table is a section when the table continues the previous one (no header of its own),
  // or when several tables share one header (a plan set out as one table per section);
  // otherwise it names a part of the document («I. Целевые показатели», «II. План»).
  const headingBefore = new Map<DataTable, string>();
  for (const table of tables) {
    const lines: string[] = [];
    for (let b = table.blockIndex - 1; b >= 0 && lines.length < 4; b--) {
      const block = raw.blocks[b];
      if (block.type !== 'paragraph') break;
      lines.unshift(normalizeSpace(block.text));
      if (isNumberedHeading(lines[0])) {
        // The heading's own lines go on in lower case («…организациями,» / «подведомственными…»).
        const own = [
          lines[0],
          ...lines.slice(1).filter((l, i, a) => a.slice(0, i + 1).every((x) => /^[а-яё]/.test(x))),
        ];
        headingBefore.set(table, own.join(' '));
        break;
      }
    }
  }
  const signature = (t: DataTable) => t.headerCells.map(normalizeSpace).join('|');
  const sharedLayout = (t: DataTable) =>
    tables.filter((x) => signature(x) === signature(t) && x.kind === 'items').length >= 2;
  const tableByBlock = new Map(tables.map((t) => [t.blockIndex, t]));
  let lastTable: DataTable | null = null;

  for (let b = tables[0].blockIndex; b < raw.blocks.length; b++) {
    const block = raw.blocks[b];
    if (block.type === 'paragraph') {
      const text = normalizeSpace(block.text);
      if (isProtocolHeading(text)) {
        const h = parseSectionHeading(text);
        currentSection = addSection(h.number, h.title);
      }
      continue;
    }
    const table = tableByBlock.get(b);
    if (!table) continue;
    const continues = lastTable !== null && table.headerCells === lastTable.headerCells;
    const heading = headingBefore.get(table);
    if (heading && table.kind === 'items' && (continues || sharedLayout(table))) {
      const h = parseSectionHeading(heading);
      currentSection = addSection(h.number, h.title);
    } else if (!continues && lastTable) {
      // A new table with its own header starts a new part of the document.
      currentSection = null;
    }
    lastTable = table;
    const cols = table.columns;
    const numberIdx = roleIndex(cols, 'number');
    const titleIdx = roleIndex(cols, 'title');
    const keyIdx = numberIdx >= 0 ? numberIdx : 0;
    const numbers = table.rows
      .map((r) => parseItemNumber(r.cells[numberIdx] ?? '')?.number)
      .filter((n): n is string => Boolean(n));
    const headerNorm = table.headerCells.map(normalizeSpace).join('|');
    // An empty number cell means «the row above goes on» only where rows are numbered.
    const numbered =
      numberIdx >= 0 && numbers.length >= 0.3 * table.rows.filter((x) => nonEmpty(x.cells).length > 1).length;

    for (let r = 0; r < table.rows.length; r++) {
      const row = table.rows[r];
      const cells = row.cells;
      const filled = nonEmpty(cells);
      if (!filled.length) continue;
      if (isColumnNumbersRow(cells) || cells.map(normalizeSpace).join('|') === headerNorm) continue;
      const key = normalizeSpace(cells[keyIdx] ?? '');
      const last = records[records.length - 1];

      // One filled cell opening the row (or spanning it): a section heading. When the number
      // column is not the first, the lone first cell must read as a heading, else it is the
      // rest of a row broken across a page.
      const lone = filled.length === 1 && hasContent(cells[0] ?? '') && !parseItemNumber(filled[0]);
      const heading = lone && (keyIdx === 0 || isNumberedHeading(filled[0]) || isProtocolHeading(filled[0]));
      if ((heading || (row.spanning && filled.length === 1)) && table.kind === 'items') {
        const h = parseSectionHeading(filled[0]);
        let nextNumber: string | undefined;
        for (let k = r + 1; k < table.rows.length && !nextNumber; k++)
          nextNumber = parseItemNumber(table.rows[k].cells[numberIdx] ?? '')?.number;
        currentSection = addSection(h.number, h.title, nextNumber);
        continue;
      }
      // First cell empty: the rest of the row above, broken across a page. (Not a «Итого»
      // row of an indicator table, whose values would land on the indicator above.)
      const broken = numbered ? !key : titleIdx >= 0 && !hasContent(cells[titleIdx] ?? '');
      const clash =
        table.kind === 'indicators' &&
        last &&
        cols.some(
          (c) => c.role === 'value' && hasContent(cells[c.index] ?? '') && hasContent(last.cells[c.index] ?? ''),
        );
      if (broken && last && last.table === table && !clash) {
        cells.forEach((c, i) => {
          if (!hasContent(c)) return;
          last.cells[i] = last.cells[i] ? `${last.cells[i]}\n${c}` : c;
        });
        continue;
      }
      // A top-level number with only a title, over numbered children («1.» over «1.1»), a
      // Roman numeral or «Раздел 2» with only a title: a section.
      const num = parseItemNumber(cells[numberIdx] ?? '');
      const part = /^(?:раздел|часть)\s+([IVXLC]{1,7}|\d{1,3})\.?$/i.exec(normalizeSpace(cells[numberIdx] ?? ''));
      if (table.kind === 'items' && (num || part) && titleIdx >= 0 && hasContent(cells[titleIdx] ?? '')) {
        const others = cells.some((c, i) => i !== numberIdx && i !== titleIdx && hasContent(c));
        if (
          !others &&
          (part || num?.kind === 'roman' || (num?.kind === 'arabic' && numbers.some((n) => isUnder(n, num.number))))
        ) {
          currentSection = addSection(part ? part[1] : num!.number, normalizeSpace(cells[titleIdx]));
          continue;
        }
      }
      records.push({
        type: table.kind === 'indicators' ? 'indicator' : 'item',
        cells: cells.slice(),
        section: currentSection,
        table,
      });
    }
  }

  // A file cut inside its last row: the row stays when its number and most of its title
  // are there; a stub («5 | Ор») is dropped rather than guessed at.
  const lastRec = records[records.length - 1];
  if (lastRec && lastRec.type === 'item') {
    const cols = lastRec.table.columns;
    const t = normalizeSpace(lastRec.cells[roleIndex(cols, 'title')] ?? '');
    const others = lastRec.cells.some(
      (c, i) => i !== roleIndex(cols, 'number') && i !== roleIndex(cols, 'title') && hasContent(c),
    );
    if (!others && t.length < 12 && lastRec.table === tables[tables.length - 1] && records.length > 1) {
      records.pop();
      warnings.push('Последняя строка таблицы оборвана: она не прочитана');
    }
  }

  // Build items and indicators from the assembled rows.
  const items: InterchangeItem[] = [];
  const indicators: InterchangeIndicator[] = [];
  let generatedNumbers = false;
  for (const rec of records) {
    const cols = rec.table.columns;
    const cell = (role: ColumnRole) => {
      const i = roleIndex(cols, role);
      return i >= 0 ? (rec.cells[i] ?? '') : '';
    };
    let numberText = normalizeSpace(cell('number'));
    let titleText = normalizeSpace(cell('title'));
    if (roleIndex(cols, 'number') < 0) {
      // No number column: «1.1. Формирование …» in the title cell.
      const m = /^(\d{1,3}(?:\.\d{1,3})*)\.?\s+(\S.*)$/.exec(titleText);
      if (m) {
        numberText = m[1];
        titleText = m[2];
      }
    }
    const parsed = parseItemNumber(numberText);
    let number = parsed?.number ?? numberText.replace(/\.$/, '');
    if (rec.type === 'indicator') {
      const values: Record<string, string> = {};
      for (const c of cols) {
        if (c.role !== 'value') continue;
        const v = normalizeSpace(rec.cells[c.index] ?? '');
        if (v) values[c.valueLabel ?? valueLabel(c.label)] = v;
      }
      const unit = normalizeSpace(cell('unit'));
      indicators.push(unit ? { number, name: titleText, values, unit } : { number, name: titleText, values });
      continue;
    }
    if (!number) {
      generatedNumbers = true;
      number = String(items.length + 1);
    }
    const executorsText = normalizeSpace(
      roleIndexes(cols, 'executors')
        .map((i) => normalizeSpace(rec.cells[i] ?? ''))
        .filter(Boolean)
        .join(', '),
    );
    const executionText = normalizeParagraphs(cell('execution'));
    const statusIdx = roleIndex(cols, 'status');
    const statusCell = statusIdx >= 0 ? (rec.cells[statusIdx] ?? '') : '';
    const status = parseStatus(statusCell) ?? (hasContent(statusCell) ? null : statusFromExecutionText(executionText));
    items.push({
      number,
      section: rec.section,
      title: titleText,
      executorsText,
      executors: splitExecutors(executorsText),
      deadlineText: joinDeadline(roleIndexes(cols, 'deadline').map((i) => normalizeSpace(rec.cells[i] ?? ''))),
      expectedResult: normalizeSpace(cell('expectedResult')),
      form: normalizeSpace(cell('form')),
      executionText,
      status,
      protocolItem: normalizeSpace(cell('protocolItem')),
    });
  }
  if (generatedNumbers) warnings.push('У части мероприятий нет номера: им присвоены номера по порядку');

  // Problems worth a look before saving.
  const seen = new Map<string, number>();
  for (const it of items) seen.set(it.number, (seen.get(it.number) ?? 0) + 1);
  for (const [n, count] of seen) if (count > 1) warnings.push(`Номер ${n} встречается ${count} раза`);
  // Numbering that skips or jumps back («3.1» followed by «4.2»): often a typo in the source.
  for (let k = 1; k < items.length; k++) {
    const prev = parseItemNumber(items[k - 1].number);
    const cur = parseItemNumber(items[k].number);
    if (
      !prev ||
      !cur ||
      prev.kind === 'roman' ||
      cur.kind === 'roman' ||
      !isSuccessor(lastLevels(items[k - 1].number, prev), cur.levels)
    ) {
      if (prev && cur && !(items[k].section !== items[k - 1].section && cur.levels[cur.levels.length - 1] === 1)) {
        warnings.push(`Нумерация: после ${items[k - 1].number} идёт ${items[k].number}`);
      }
    }
  }
  const hasExecutorsColumn = tables.some((t) => t.kind === 'items' && roleIndex(t.columns, 'executors') >= 0);
  for (const it of items) {
    if (!it.title) warnings.push(`Мероприятие ${it.number}: пустое наименование`);
    if (hasExecutorsColumn && !it.executorsText) warnings.push(`Мероприятие ${it.number}: не указан исполнитель`);
  }
  if (!items.length && !indicators.length) warnings.push('В таблице не найдено ни одного мероприятия');

  // Kind: instructions from council protocols; a report (execution information given);
  // otherwise a plan — a plan's empty «Отметка об исполнении» column does not make it a report.
  const has = (role: ColumnRole) => tables.some((t) => t.kind === 'items' && t.columns.some((c) => c.role === role));
  const reported = items.some((i) => i.executionText || i.status);
  const councilTitle = /(поручени|решени)\S*\s+(\S+\s+){0,6}(совет|комисси|штаб|коллеги|протокол)/i.test(title);
  const kind: DocumentKind =
    has('protocolItem') || sections.some((s) => /^\d{4}-\d{2}-\d{2}$/.test(s.number)) || (councilTitle && reported)
      ? 'council_decisions'
      : reported
        ? 'report'
        : 'plan';
  // The title states the period; a report's title may state the period it reports on.
  const period = documentPeriod(title) ?? (title ? null : parsePeriod(pre.join(' ')));

  const texts: string[] = [pre.map(normalizeSpace).join(' ')];
  for (const block of raw.blocks) {
    if (block.type === 'paragraph') texts.push(block.text);
    else for (const row of block.rows) texts.push(...row.cells);
  }

  return {
    kind,
    title,
    approvedOn: approval?.approvedOn ?? null,
    approvedByName: approval?.approvedByName ?? null,
    period,
    sections,
    indicators,
    items,
    abbreviations: extractAbbreviations(texts),
    warnings,
  };
}
