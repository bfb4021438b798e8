/** The rating engine of issue 13: methodology as data, normalisation, totals, ranks, bands, explanations. */
export { RatingInputError, isRatingInputError, type RatingIssue, type RatingErrorCode } from './errors.js';
export {
  NORMALISATIONS,
  parseMethodology,
  checkMethodology,
  type Methodology,
  type RatingGroup,
  type RatingIndicator,
  type RatingBand,
  type Normalisation,
  type Direction,
  type MissingRule,
  type Threshold,
} from './methodology.js';
export { normalisePoints, indicatorStats, reachedThreshold, type IndicatorStats } from './normalise.js';
export {
  computeRating,
  checkValues,
  indicatorOutcomes,
  assignRanks,
  bandFor,
  compareRows,
  missingRuleOf,
  normaliseName,
  TIE_TOLERANCE,
  type ValueRecord,
  type ComputeOptions,
  type RatingRow,
  type RatingResult,
  type IndicatorOutcome,
  type IndicatorStatus,
} from './compute.js';
export { readValuesCsv, parseDecimal, type ValuesCsv } from './values-csv.js';
export {
  explainMunicipality,
  formatValueRu,
  type MunicipalityExplanation,
  type GroupExplanation,
  type IndicatorExplanation,
} from './explain.js';
