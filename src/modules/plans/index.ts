/**
 * Plans and their sections; how a plan and its measures are loaded and shown.
 * This file is the module's surface: other modules, the HTTP app, the CLI and the benches import
 * only what it exports.
 */
export { type MeasureStatus, type MeasureView, measureAbilities } from './plans.presenter.js';
export {
  type PlanRow,
  loadMeasures,
  loadPlanRow,
  loadReadablePlan,
  mayReadPlan,
  measureVisibility,
  planSubjectOf,
} from './plans.queries.js';
export { createPlan, createSection, setPlanSourceFile } from './plans.service.js';
export { registerPlanRoutes } from './plans.routes.js';
