/**
 * Export of the consolidated report («Информация об исполнении …») to DOCX, XLSX and
 * PDF. Pure writers: a `ReportModel` in, the file's bytes out.
 */
import { buildReportDocx } from './docx.js';
import { buildReportPdf } from './pdf.js';
import type { ReportFormat, ReportModel } from './report-model.js';
import { buildReportXlsx } from './xlsx.js';

export { buildReportDocx } from './docx.js';
export { buildReportPdf } from './pdf.js';
export { buildReportXlsx } from './xlsx.js';
export {
  NO_INFORMATION,
  REPORT_FORMATS,
  STATUS_LABELS,
  figuresText,
  signOffLines,
  layoutReport,
  reportColumns,
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
  switch (format) {
    case 'docx':
      return buildReportDocx(model);
    case 'xlsx':
      return buildReportXlsx(model);
    case 'pdf':
      return buildReportPdf(model);
    default: {
      const never: never = format;
      throw new Error(`Unknown report format: ${String(never)}`);
    }
  }
}
