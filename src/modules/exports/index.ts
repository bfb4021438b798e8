/**
 * The consolidated report in the official form (DOCX, XLSX, PDF).
 * This file is the module's surface: other modules, the HTTP app, the CLI and the benches import
 * only what it exports.
 */
export { contentDisposition, registerExportRoutes } from './exports.routes.js';
export { buildPlanReportModel } from './report-builder.js';
