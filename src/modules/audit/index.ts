/**
 * The audit trail: recording a change with its actor, and reading a measure's history.
 * This file is the module's surface: other modules, the HTTP app, the CLI and the benches import
 * only what it exports.
 */
export { listMeasureHistory, recordAudit, recordAudits } from './audit.js';
export { registerAuditRoutes } from './audit.routes.js';
