/**
 * Control dates derived from the free-text deadline of each measure.
 * This file is the module's surface: other modules, the HTTP app, the CLI and the benches import
 * only what it exports.
 */
export { loadControlPoints, loadNextControlDates, regenerateControlPoints } from './control-points.js';
export { registerDeadlineRoutes } from './deadlines.routes.js';
