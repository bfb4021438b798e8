/**
 * Export of the consolidated report («Информация об исполнении …») to DOCX, XLSX and
 * PDF. Pure writers: a `ReportModel` in, the file's bytes out.
 */
import type { ReportFormat, ReportModel } from './report-model.js';

export {
  NO_INFORMATION,
  REPORT_FORMATS,
  STATUS_LABELS,
  figuresText,
  signOffLines,
  layoutReport,
  reportColumns,
  indicatorTable,
  type IndicatorTable,
  type ReportColumn,
  type ReportFigure,
  type SignOff,
  type ReportFormat,
  type ReportForm,
  type ReportModel,
  type ReportRow,
  type ReportSection,
  type ReportStatus,
} from './report-model.js';

/**
 * Builds the report in the requested format.
 * @example
 *   const bytes = await buildReport(model, 'docx');
 *   reply.type(REPORT_FORMATS.docx.mime).send(bytes);
 */
export async function buildReport(model: ReportModel, format: ReportFormat): Promise<Buffer> {
  // Each writer and its library (docx, exceljs, pdfmake: about half of the server's
  // module loading) is loaded on the first export in its format, not at start-up.
  switch (format) {
    case 'docx':
      return (await import('./docx.js')).buildReportDocx(model);
    case 'xlsx':
      return (await import('./xlsx.js')).buildReportXlsx(model);
    case 'pdf':
      return (await import('./pdf.js')).buildReportPdf(model);
    default: {
      const never: never = format;
      throw new Error(`Unknown report format: ${String(never)}`);
    }
  }
}
