/**
 * .xlsx bytes -> RawDocument, through exceljs.
 *
 * Each visible worksheet becomes, in order: paragraphs for the rows above its
 * first header-looking row (an «УТВЕРЖДАЮ» block and the title usually sit there,
 * in merged cells), then one table from the header row down. Cells are rendered
 * the way Russian Excel shows them: rich text flattened, formulas by their cached
 * result, dates as dd.mm.yyyy, decimals with a comma («44,7»), percentages as «80%».
 * Merged ranges: the width becomes the cell's span (as gridSpan in Word); rows
 * below the top of a vertical merge follow the same rule as Word's vMerge
 * (`resolveVerticalMerges` in docx-reader.ts).
 *
 * Safety: the archive is checked by zip-guard and inflated once under bounds
 * *before* exceljs (which inflates with JSZip, without bounds) sees it; sheet row
 * counts are taken from the XML so that a 100 000-row sheet is refused without
 * being loaded.
 */
import ExcelJS from 'exceljs';
import { DomainError } from '../errors.js';
import { resolveVerticalMerges, type PendingCell } from './docx-reader.js';
import type { RawBlock, RawDocument, RawRow } from './raw-document.js';
import { MAX_DOCUMENT_COLUMNS, assertSheetShape } from './document-limits.js';
import { assertTableRows, assertZipInflatesAsDeclared, corruptArchiveError, type SafeZip } from './zip-guard.js';

/** Widest sheet we read (columns). Plans have 4–10. */
export const MAX_SHEET_COLUMNS = MAX_DOCUMENT_COLUMNS;

/** Words that mark a table's header row in the genre («№ п/п», «Наименование мероприятия», «Срок исполнения»…). */
const HEADER_WORDS = /№|п\/п|наименовани|мероприяти|срок|исполнител|ответствен|показател|результат|поручени/i;

/** Counts rows holding at least one value in a worksheet part (`<row>` with a `<v>` or inline string). */
export function countValueRows(sheetXml: string): number {
  const re = /<(\/?)(?:\w+:)?(row|v|is)[\s>/]/g;
  let rows = 0;
  let inRow = false;
  let counted = false;
  for (let m = re.exec(sheetXml); m; m = re.exec(sheetXml)) {
    if (m[2] === 'row') {
      if (m[1] === '/') inRow = false;
      else {
        inRow = true;
        counted = false;
      }
    } else if (!m[1] && inRow && !counted) {
      counted = true;
      rows++;
    }
  }
  return rows;
}

/**
 * Largest total size of the worksheet and shared-string parts we hand to exceljs
 * (bytes). exceljs keeps every cell as an object, ~20× the XML; a roadmap is < 1 MB.
 */
export const MAX_SHEETS_XML_BYTES = 32 * 1024 * 1024;

function checkSheetSizes(zip: SafeZip): void {
  let total = 0;
  for (const e of zip.entries.values())
    if (/^xl\/(worksheets\/[^/]+|sharedStrings)\.xml$/i.test(e.name)) total += e.uncompressedSize;
  if (total > MAX_SHEETS_XML_BYTES) {
    throw new DomainError(
      'too_large',
      'import.document_too_large',
      'Книга Excel слишком большая для импорта. Оставьте в ней только лист с планом или разделите её на несколько файлов.',
      `worksheets + sharedStrings = ${total} bytes > MAX_SHEETS_XML_BYTES=${MAX_SHEETS_XML_BYTES}`,
    );
  }
  for (const name of zip.entries.keys()) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/i.test(name)) continue;
    const xml = zip.readText(name) ?? '';
    if (/<!DOCTYPE/i.test(xml)) throw corruptArchiveError(`${name}: DOCTYPE is not allowed`, 'таблицу Excel (.xlsx)');
    assertSheetShape(xml, name); // dimension, merges, rows, columns, cells — before exceljs expands them
    assertTableRows(countValueRows(xml));
  }
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** dd.mm.yyyy (with hh:mm when the time is not midnight). exceljs gives dates as UTC instants. */
export function formatDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const date = `${pad2(d.getUTCDate())}.${pad2(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
  const h = d.getUTCHours(),
    m = d.getUTCMinutes();
  return h || m ? `${date} ${pad2(h)}:${pad2(m)}` : date;
}

/** A number as Russian Excel displays it under `numFmt` (decimals, grouping, percent). */
export function formatNumber(v: number, numFmt?: string): string {
  if (!Number.isFinite(v)) return String(v);
  const fmt = (numFmt ?? '').split(';')[0].replace(/"[^"]*"|\[[^\]]*\]/g, '');
  const percent = fmt.includes('%');
  const value = percent ? v * 100 : v;
  const decimals = /0\.(0+)/.exec(fmt)?.[1].length;
  let s: string;
  if (decimals !== undefined) s = value.toFixed(decimals);
  else s = String(Number(value.toPrecision(15)));
  if (/e/i.test(s)) return s.replace('.', ',');
  let [int, frac] = s.split('.');
  if (/#,##|0,0/.test(fmt)) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${int}${frac ? `,${frac}` : ''}${percent ? '%' : ''}`;
}

/** OOXML escapes control characters in strings as `_xHHHH_`. */
const unescapeOoxml = (s: string) =>
  s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

type AnyValue = ExcelJS.CellValue | { result?: unknown } | undefined;

/** Text of a cell value, as displayed. */
export function cellText(value: AnyValue, numFmt?: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return unescapeOoxml(value).replace(/\r\n?/g, '\n');
  if (typeof value === 'number') return formatNumber(value, numFmt);
  if (typeof value === 'boolean') return value ? 'ИСТИНА' : 'ЛОЖЬ';
  if (value instanceof Date) return formatDate(value);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText))
      return cellText((v.richText as Array<{ text?: string }>).map((r) => r.text ?? '').join(''));
    if ('formula' in v || 'sharedFormula' in v || 'result' in v) {
      const r = v.result;
      if (r instanceof Date) return formatDate(r);
      return cellText(r as AnyValue, numFmt);
    }
    if ('hyperlink' in v || 'text' in v) return cellText(v.text as AnyValue, numFmt);
    if ('error' in v) return String(v.error ?? '');
  }
  return '';
}

interface Grid {
  rows: PendingCell[][];
}

function parseRange(range: string): { r1: number; c1: number; r2: number; c2: number } | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(range.trim());
  if (!m) return undefined;
  const col = (s: string) => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const c1 = col(m[1]),
    r1 = Number(m[2]);
  const c2 = m[3] ? col(m[3]) : c1,
    r2 = m[4] ? Number(m[4]) : r1;
  return { r1: Math.min(r1, r2), c1: Math.min(c1, c2), r2: Math.max(r1, r2), c2: Math.max(c1, c2) };
}

/** Reads one worksheet into rows of pending cells (1-based rows and columns collapsed). */
function readSheetGrid(ws: ExcelJS.Worksheet): Grid {
  const texts = new Map<number, Map<number, string>>();
  let maxCol = 0;
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cell.isMerged && cell.master !== cell) return; // text lives in the master cell
      const text = cellText(cell.value as AnyValue, cell.numFmt).trim();
      if (!text) return;
      if (c > MAX_SHEET_COLUMNS) {
        throw new DomainError(
          'too_large',
          'import.too_many_columns',
          `Лист «${ws.name}» слишком широкий: заполнены столбцы дальше ${MAX_SHEET_COLUMNS}-го.`,
          `sheet ${ws.name}: value in column ${c} > MAX_SHEET_COLUMNS=${MAX_SHEET_COLUMNS}`,
        );
      }
      let m = texts.get(r);
      if (!m) texts.set(r, (m = new Map()));
      m.set(c, text);
      maxCol = Math.max(maxCol, c);
    });
  });

  // Only rows holding a value are laid out: a row without one would come out empty
  // whatever the merges (see resolveVerticalMerges), and skipping it keeps a sheet
  // with one value in row 1 000 000 as cheap as a small one.
  const valueRows = [...texts.keys()].sort((a, b) => a - b);
  const firstAtOrAfter = (r: number) => {
    let lo = 0,
      hi = valueRows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (valueRows[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  // Merged ranges: top-left cell -> span; cells covered -> skipped or vertical continuation.
  const spanAt = new Map<string, number>();
  const covered = new Map<string, 'skip' | 'continue'>();
  const restarts = new Set<string>();
  const merges = ((ws.model as { merges?: string[] }).merges ?? []).map(parseRange).filter((x) => x !== undefined);
  // Valid merges do not overlap, so they cover at most the laid-out grid; more is a crafted file.
  let budget = valueRows.length * maxCol + merges.length;
  for (const m of merges) {
    if (m.c1 > maxCol) continue;
    const c2 = Math.min(m.c2, maxCol);
    if (m.r2 > m.r1) restarts.add(`${m.r1}:${m.c1}`);
    for (let i = firstAtOrAfter(m.r1); i < valueRows.length && valueRows[i] <= m.r2; i++) {
      const r = valueRows[i];
      budget -= c2 - m.c1 + 1;
      if (budget < 0) throw corruptArchiveError(`sheet ${ws.name}: overlapping merged ranges`, 'таблицу Excel (.xlsx)');
      spanAt.set(`${r}:${m.c1}`, c2 - m.c1 + 1);
      if (r !== m.r1) covered.set(`${r}:${m.c1}`, 'continue');
      for (let c = m.c1 + 1; c <= c2; c++) covered.set(`${r}:${c}`, 'skip');
    }
  }

  const rows: PendingCell[][] = [];
  for (const r of valueRows) {
    const m = texts.get(r);
    const row: PendingCell[] = [];
    for (let c = 1; c <= maxCol;) {
      const key = `${r}:${c}`;
      const state = covered.get(key);
      const span = spanAt.get(key) ?? 1;
      if (state === 'skip') {
        c++;
        continue;
      }
      row.push({
        text: m?.get(c) ?? '',
        span,
        gridCol: c - 1,
        vMerge: state === 'continue' ? 'continue' : restarts.has(key) ? 'restart' : undefined,
      });
      c += span;
    }
    rows.push(row);
  }
  return { rows };
}

const nonEmpty = (row: PendingCell[]) => row.filter((c) => c.text !== '').length;

/** Index of the first header-looking row, or -1. */
export function findHeaderRow(rows: Array<{ text: string }[]>): number {
  const count = (row: { text: string }[]) => row.filter((c) => c.text !== '').length;
  let i = rows.findIndex((row) => count(row) >= 2 && row.some((c) => HEADER_WORDS.test(c.text)));
  if (i < 0) i = rows.findIndex((row) => count(row) >= 3);
  if (i < 0) i = rows.findIndex((row) => count(row) >= 2);
  return i;
}

function sheetBlocks(ws: ExcelJS.Worksheet): RawBlock[] {
  const { rows } = readSheetGrid(ws);
  const header = findHeaderRow(rows);
  const blocks: RawBlock[] = [];
  const above = header < 0 ? rows : rows.slice(0, header);
  for (const row of above) {
    if (nonEmpty(row) === 0) continue;
    blocks.push({
      type: 'paragraph',
      text: row
        .map((c) => c.text)
        .filter(Boolean)
        .join(' '),
    });
  }
  if (header >= 0) {
    const table: RawRow[] = resolveVerticalMerges(rows.slice(header));
    assertTableRows(table.length);
    if (table.length) blocks.push({ type: 'table', rows: table });
  }
  return blocks;
}

/**
 * Reads a .xlsx (bytes of the whole file) into a RawDocument, sheet after sheet.
 * Hidden sheets are skipped. Throws DomainError for anything unreadable.
 * @example
 *   const raw = await readXlsx(await readFile('roadmap.xlsx'));
 *   raw.blocks.find((b) => b.type === 'table');
 */
export async function readXlsx(bytes: Uint8Array): Promise<RawDocument> {
  const zip = assertZipInflatesAsDeclared(bytes);
  if (!zip.has('xl/workbook.xml')) throw corruptArchiveError('no xl/workbook.xml', 'таблицу Excel (.xlsx)');
  checkSheetSizes(zip);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as Parameters<typeof wb.xlsx.load>[0],
      {
        ignoreNodes: [
          'dataValidations',
          'conditionalFormatting',
          'drawing',
          'picture',
          'tableParts',
          'extLst',
          'headerFooter',
          'pageSetup',
          'printOptions',
          'rowBreaks',
          'autoFilter',
          'sheetProtection',
          'hyperlinks',
        ],
      },
    );
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw corruptArchiveError(`exceljs: ${(err as Error)?.message ?? String(err)}`, 'таблицу Excel (.xlsx)');
  }
  const blocks: RawBlock[] = [];
  try {
    for (const ws of wb.worksheets) {
      if (ws.state === 'hidden' || ws.state === 'veryHidden') continue;
      blocks.push(...sheetBlocks(ws));
    }
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw corruptArchiveError(`reading sheets: ${(err as Error)?.message ?? String(err)}`, 'таблицу Excel (.xlsx)');
  }
  return { blocks };
}
