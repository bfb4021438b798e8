/**
 * Target indicators of plans: kept from imports or entered by hand, facts per period and unit,
 * plan against fact (issue 13).
 * This file is the module's surface: other modules, the HTTP app, the CLI and the benches import
 * only what it exports.
 */
export {
  saveImportedIndicators,
  listPlanIndicators,
  periodRu,
  type IndicatorInput,
  type IndicatorView,
  type TargetInput,
} from './indicators.service.js';
export { registerIndicatorRoutes, IndicatorDraftBody } from './indicators.routes.js';
