/**
 * The consolidated report as an Excel workbook (.xlsx), written with exceljs.
 *
 * One sheet: the title (and subtitle) merged over the table width, an empty row, the
 * header and the row of column numbers (frozen, and repeated on every printed page),
 * then the body — sections/protocols merged over the whole row, bold; text wrapped,
 * cells aligned to the top; status cells filled by status. Print setup: A4 landscape,
 * fit to one page wide; the footer carries the period, the date and «стр. X из Y».
 *
 * The importer reads this layout back to the same items (xlsx.test.ts).
 */
import ExcelJS from 'exceljs';
import {
  STATUS_COLOURS,
  footerText,
  layoutReport,
  signOffLines,
  splitParagraphs,
  type ReportModel,
} from './report-model.js';

const FONT = 'Times New Roman';
/** Width of the whole table in Excel character units (≈ landscape A4 at 11 pt before fit-to-width). */
const TABLE_CHARS = 200;

const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const fill = (rgb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${rgb}` } });

/** Excel refuses a cell longer than this (characters). */
export const MAX_CELL_CHARS = 32767;
const TRUNCATED = '\n… [текст сокращен: ячейка Excel вмещает не более 32 767 знаков; полный текст — в DOCX и PDF]';

/** A cell text Excel accepts: cut, with a note, beyond MAX_CELL_CHARS. */
function fitCell(text: string): string {
  if (text.length <= MAX_CELL_CHARS) return text;
  let cut = MAX_CELL_CHARS - TRUNCATED.length;
  if (/[\ud800-\udbff]/.test(text[cut - 1])) cut--; // do not split a surrogate pair
  return text.slice(0, cut) + TRUNCATED;
}

/** Escapes '&' in header/footer text (Excel reads '&' as a format code). */
const hfText = (s: string) => s.replace(/&/g, '&&');

/**
 * The printed footer: the period and date on the left, then the sign-off and «Исполнитель»
 * as far as Excel's 255 characters allow; page numbers on the right. The sign-off lives
 * here, not in cells under the table: a spreadsheet has no «after the table» — every row
 * below the header is read back as a row of the table.
 */
function xlsxFooter(model: ReportModel): string {
  const sign = signOffLines(model);
  const parts = [footerText(model)];
  if (sign && (sign.position || sign.name))
    parts.push(`${sign.position} ${sign.name}`.trim() + (sign.date ? `, ${sign.date}` : ''));
  if (sign?.prepared) parts.push(sign.prepared);
  const right = '&R&8стр. &P из &N';
  let left = hfText(parts.join('\n'));
  const room = 255 - right.length - '&L&8'.length;
  if (left.length > room) left = left.slice(0, room - 1) + '…';
  return `&L&8${left}${right}`;
}

/**
 * Builds the consolidated report as .xlsx bytes.
 * @example
 *   const bytes = await buildReportXlsx(model);
 *   (await importDocument(bytes, 'report.xlsx')).items.length // the model's row count
 */
export async function buildReportXlsx(model: ReportModel): Promise<Buffer> {
  const layout = layoutReport(model);
  const n = layout.columns.length;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Исполнение';
  wb.title = splitParagraphs(model.title).join(' ');
  // A fixed date keeps the output a function of the model (no clock inside the writer).
  const generated = new Date(
    /^\d{4}-\d{2}-\d{2}/.test(model.generatedOn) ? model.generatedOn.slice(0, 10) + 'T00:00:00Z' : 0,
  );
  wb.created = generated;
  wb.modified = generated;

  const ws = wb.addWorksheet('Отчет', {
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.6, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    // Excel allows 255 characters in a header or footer, codes included.
    headerFooter: { oddFooter: xlsxFooter(model) },
  });
  const weightSum = layout.columns.reduce((s, c) => s + c.weight, 0);
  ws.columns = layout.columns.map((c) => ({ key: c.key, width: Math.round((c.weight / weightSum) * TABLE_CHARS) }));

  const titleLines: Array<{ text: string; bold: boolean }> = [
    { text: splitParagraphs(model.title).join(' '), bold: true },
    ...(model.subtitle ? [{ text: splitParagraphs(model.subtitle).join(' '), bold: false }] : []),
  ];
  for (const line of titleLines) {
    const row = ws.addRow([line.text]);
    ws.mergeCells(row.number, 1, row.number, n);
    const cell = row.getCell(1);
    cell.font = { name: FONT, size: 12, bold: line.bold };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    // Merged cells do not grow with wrapped text: give the title the lines it needs.
    row.height = 16 * Math.max(1, Math.ceil(line.text.length / (TABLE_CHARS * 0.9)));
  }
  ws.addRow([]);

  const headerRow = ws.addRow(layout.columns.map((c) => c.header));
  const numbersRow = ws.addRow(layout.columns.map((_, i) => i + 1));
  for (const row of [headerRow, numbersRow]) {
    row.eachCell((cell) => {
      cell.font = { name: FONT, size: 11, bold: row === headerRow };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = BORDER;
      cell.fill = fill('F2F2F2');
    });
  }
  ws.views = [
    {
      state: 'frozen',
      xSplit: 0,
      ySplit: numbersRow.number,
      topLeftCell: `A${numbersRow.number + 1}`,
      activeCell: `A${numbersRow.number + 1}`,
    },
  ];
  ws.pageSetup.printTitlesRow = `${headerRow.number}:${numbersRow.number}`;

  const statusIndex = layout.columns.findIndex((c) => c.key === 'status');
  for (const item of layout.rows) {
    if (item.kind === 'section') {
      const row = ws.addRow([fitCell(item.text)]);
      ws.mergeCells(row.number, 1, row.number, n);
      const cell = row.getCell(1);
      cell.font = { name: FONT, size: 11, bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.fill = fill('FAFAFA');
      for (let c = 1; c <= n; c++) row.getCell(c).border = BORDER;
      continue;
    }
    const row = ws.addRow(item.cells.map(fitCell));
    for (let c = 1; c <= n; c++) {
      const cell = row.getCell(c);
      const isStatus = c - 1 === statusIndex;
      cell.font = { name: FONT, size: 11 };
      cell.border = BORDER;
      cell.alignment = {
        horizontal: c === 1 || isStatus ? 'center' : 'left',
        vertical: isStatus ? 'middle' : 'top',
        wrapText: true,
      };
      if (isStatus && item.status) cell.fill = fill(STATUS_COLOURS[item.status]);
    }
    // Excel sizes rows with wrapped text itself when they have no height; LibreOffice too.
  }
  // A filter on the header over the whole table: status, executor, deadline at a click.
  const lastTableRow = ws.rowCount;
  ws.autoFilter = { from: { row: headerRow.number, column: 1 }, to: { row: lastTableRow, column: n } };

  // The plan's target indicators, on a sheet of their own in the document's layout.
  const t = model.indicators;
  if (t && t.rows.length > 0) {
    const is = wb.addWorksheet('Целевые показатели', {
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    is.columns = t.headers.map((_, i) => ({ width: i === 0 ? 7 : i === 1 ? 60 : 14 }));
    const title = is.addRow([t.title]);
    is.mergeCells(title.number, 1, title.number, t.headers.length);
    title.getCell(1).font = { name: FONT, size: 12, bold: true };
    title.getCell(1).alignment = { horizontal: 'center' };
    const head = is.addRow(t.headers);
    head.eachCell((cell) => {
      cell.font = { name: FONT, size: 11, bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = BORDER;
      cell.fill = fill('F2F2F2');
    });
    for (const r of t.rows) {
      const row = is.addRow(r.map(fitCell));
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        cell.font = { name: FONT, size: 11 };
        cell.border = BORDER;
        cell.alignment = { horizontal: c === 2 ? 'left' : 'center', vertical: 'top', wrapText: true };
      });
    }
  }

  return Buffer.from(await wb.xlsx.writeBuffer());
}
