/** Target indicators (issue 13): drafts from imported tables, plan against fact, computed values. */
export {
  draftsFromInterchange,
  normaliseUnit,
  parseIndicatorNumber,
  readColumnLabel,
  unitFromName,
  type ColumnPeriod,
  type IndicatorBreakdown,
  type IndicatorComputation,
  type IndicatorDirection,
  type IndicatorDraft,
  type TargetValue,
} from './drafts.js';
export {
  TARGET_TOLERANCE,
  computeShare,
  linearForecast,
  meetsTarget,
  planAgainstFact,
  sumOverUnits,
  type PeriodValue,
  type PlanFactInput,
  type PlanFactRow,
  type PlanFactStatus,
  type UnitValue,
} from './plan-fact.js';
