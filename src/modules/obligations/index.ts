/**
 * What each measure owes: control dates derived from its free-text deadline, reporting periods
 * and the owed reports. Plans, measures, reports (extensions) and the organisation merge all
 * change it; a module of its own so that none of them imports another for it.
 * This file is the module's surface: other modules, the HTTP app, the CLI and the benches import
 * only what it exports.
 */
export { loadControlPoints, loadNextControlDates, regenerateControlPoints } from './control-points.js';
export {
  createPeriodsOfNewPlans,
  ensurePeriods,
  refreshOpenDue,
  replacePeriods,
  syncExecution,
  untouched,
} from './reporting-sync.js';
