/**
 * Limits on the *shape* of an uploaded document, checked on the raw XML of its parts
 * before any parser expands anything. zip-guard bounds the bytes; these bound the work
 * a parser does per byte: exceljs builds an object for every cell a `<mergeCell>`
 * covers (a 1.5 KB file with `<mergeCell ref="A1:XFD1048576"/>` asks for 17 billion),
 * and the Word table model costs a few hundred bytes per `<w:tc>`.
 *
 * The caps are far above any real plan (the largest seen in the genre: ~3,000 measures
 * × 12 columns ≈ 36,000 cells; the regional roadmaps reach ~600 rows) and far below
 * what takes a worker seconds or hundreds of MB to read:
 * - MAX_DOCUMENT_ROWS — rows of one sheet, or table rows of a Word document;
 * - MAX_DOCUMENT_COLUMNS — a plan has 4–12 columns; 256 leaves room for wide report forms;
 * - MAX_DOCUMENT_CELLS — cells written in a sheet / table cells in a document: 200,000
 *   reads in ~2 s in a worker; a 5,000 × 60 table (300,000) is refused;
 * - MAX_MERGED_AREA — total area of merged ranges of a sheet (cells exceljs materialises);
 *   the same order as the cell cap: A1:Z40000 (1,040,000) is refused;
 * - MAX_DOCUMENT_PARAGRAPHS — paragraphs of a Word document (a 300-page plan has ~15,000).
 *
 * Counting is a linear regular-expression scan of the part's text: no tree is built, so
 * the check costs the same as reading the bytes once.
 */
import { DomainError } from '../errors.js';

export const MAX_DOCUMENT_ROWS = 20_000;
export const MAX_DOCUMENT_COLUMNS = 256;
export const MAX_DOCUMENT_CELLS = 200_000;
export const MAX_MERGED_AREA = 400_000;
export const MAX_DOCUMENT_PARAGRAPHS = 100_000;

const tooWide = (detail: string) =>
  new DomainError(
    'too_large',
    'import.too_many_columns',
    `Документ слишком большой для импорта: заполнены столбцы дальше ${MAX_DOCUMENT_COLUMNS}-го.`,
    detail,
  );

const tooLarge = (what: string, detail: string) =>
  new DomainError(
    'too_large',
    'import.document_too_large',
    `Документ слишком большой для импорта: ${what}. Разделите его на несколько файлов или удалите лишнее.`,
    detail,
  );

const colNumber = (s: string) => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/** A1-style range → bounds (1-based), or undefined when it is not one. */
export function parseA1Range(range: string): { r1: number; c1: number; r2: number; c2: number } | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?$/i.exec(range.trim());
  if (!m) return undefined;
  const c1 = colNumber(m[1]),
    r1 = Number(m[2]);
  const c2 = m[3] ? colNumber(m[3]) : c1,
    r2 = m[4] ? Number(m[4]) : r1;
  return { r1: Math.min(r1, r2), c1: Math.min(c1, c2), r2: Math.max(r1, r2), c2: Math.max(c1, c2) };
}

/**
 * Refuses a worksheet part whose declared size (`<dimension>`), merged area, rows,
 * columns or cells exceed the caps. `sheetName` is the part name, for the log.
 */
export function assertSheetShape(xml: string, sheetName: string): void {
  const dim = /<(?:\w+:)?dimension\b[^>]*\bref="([^"]*)"/.exec(xml);
  if (dim) {
    const r = parseA1Range(dim[1]);
    // Rows are not judged by the dimension: a sheet with one value in row 1,000,000 is
    // cheap (only written rows are materialised and counted below); columns are.
    if (r && r.c2 > MAX_DOCUMENT_COLUMNS)
      throw tooWide(`${sheetName}: dimension ${dim[1]} beyond MAX_DOCUMENT_COLUMNS=${MAX_DOCUMENT_COLUMNS}`);
    if (r && r.r2 > 1_048_576)
      throw tooLarge(`лист занимает ${dim[1]}`, `${sheetName}: dimension ${dim[1]} beyond the sheet grid`);
  }
  let area = 0;
  const mergeRe = /<(?:\w+:)?mergeCell\b[^>]*\bref="([^"]*)"/g;
  for (let m = mergeRe.exec(xml); m; m = mergeRe.exec(xml)) {
    const r = parseA1Range(m[1]);
    if (!r) continue;
    area += (r.r2 - r.r1 + 1) * (r.c2 - r.c1 + 1);
    if (area > MAX_MERGED_AREA || r.c2 > 16_384 || r.r2 > 1_048_576) {
      throw tooLarge(
        `объединённые ячейки (например, ${m[1]}) покрывают слишком большую область`,
        `${sheetName}: merged area exceeds MAX_MERGED_AREA=${MAX_MERGED_AREA} at mergeCell ${m[1]}`,
      );
    }
  }
  let rows = 0;
  let cells = 0;
  let maxCol = 0;
  const re = /<(?:\w+:)?(row|c)\b([^>]*)>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    if (m[1] === 'row') {
      if (++rows > MAX_DOCUMENT_ROWS)
        throw tooLarge(
          `более ${MAX_DOCUMENT_ROWS} строк на листе`,
          `${sheetName}: more than MAX_DOCUMENT_ROWS=${MAX_DOCUMENT_ROWS} rows`,
        );
      continue;
    }
    if (++cells > MAX_DOCUMENT_CELLS)
      throw tooLarge(
        `более ${MAX_DOCUMENT_CELLS} ячеек на листе`,
        `${sheetName}: more than MAX_DOCUMENT_CELLS=${MAX_DOCUMENT_CELLS} cells`,
      );
    const ref = /\br="([A-Z]{1,3})\d+"/i.exec(m[2]);
    if (ref) maxCol = Math.max(maxCol, colNumber(ref[1]));
  }
  if (maxCol > MAX_DOCUMENT_COLUMNS) {
    throw tooWide(`${sheetName}: cell in column ${maxCol} > MAX_DOCUMENT_COLUMNS=${MAX_DOCUMENT_COLUMNS}`);
  }
}

/** Refuses a Word main part with more table rows, cells or paragraphs than the caps, before it is parsed. */
export function assertWordShape(xml: string, partName: string): void {
  let rows = 0,
    cells = 0,
    paragraphs = 0;
  const re = /<w:(tr|tc|p)[\s>/]/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    if (m[1] === 'tr') {
      if (++rows > MAX_DOCUMENT_ROWS)
        throw tooLarge(
          `в таблицах более ${MAX_DOCUMENT_ROWS} строк`,
          `${partName}: more than MAX_DOCUMENT_ROWS=${MAX_DOCUMENT_ROWS} w:tr`,
        );
    } else if (m[1] === 'tc') {
      if (++cells > MAX_DOCUMENT_CELLS)
        throw tooLarge(
          `в таблицах более ${MAX_DOCUMENT_CELLS} ячеек`,
          `${partName}: more than MAX_DOCUMENT_CELLS=${MAX_DOCUMENT_CELLS} w:tc`,
        );
    } else if (++paragraphs > MAX_DOCUMENT_PARAGRAPHS) {
      throw tooLarge(
        `более ${MAX_DOCUMENT_PARAGRAPHS} абзацев`,
        `${partName}: more than MAX_DOCUMENT_PARAGRAPHS=${MAX_DOCUMENT_PARAGRAPHS} w:p`,
      );
    }
  }
}
