/**
 * Execution reports: writing, review, attachments and deadline extensions.
 * This file is the module's surface: other modules, the HTTP app, the CLI and the benches import
 * only what it exports.
 */
export { canReadAttachmentFile, reviewReport } from './reports.service.js';
export { registerReportRoutes } from './reports.routes.js';
export { dropReports, moveReportsToOrganisation } from './reports.writes.js';
