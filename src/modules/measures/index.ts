/**
 * Measures of a plan.
 * This file is the module's surface: other modules, the HTTP app, the CLI and the benches import
 * only what it exports.
 */
export { createMeasure, createMeasures, type MeasureInput } from './measures.service.js';
export { registerMeasureRoutes } from './measures.routes.js';
export {
  applyExecutionResult,
  mergeExecutorOrganisation,
  setDeadlineMoves,
  setMeasureClosedState,
} from './measures.writes.js';
