/**
 * Reporting periods and the reports each measure owes, derived from control dates. Shared by
 * deadlines, reports, plans and the organisation merge; a module of its own so that deadlines
 * and reports do not import each other.
 * This file is the module's surface: other modules, the HTTP app, the CLI and the benches import
 * only what it exports.
 */
export { ensurePeriods, refreshOpenDue, replacePeriods, syncExecution, untouched } from './reporting-sync.js';
