/**
 * The deadline pages of a plan: the working-day calendar and the deadlines not understood.
 * (The control dates themselves are derived in modules/obligations.)
 * This file is the module's surface: other modules, the HTTP app, the CLI and the benches import
 * only what it exports.
 */
export { registerDeadlineRoutes } from './deadlines.routes.js';
