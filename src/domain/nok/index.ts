/**
 * НОК — независимая оценка качества условий оказания услуг: the scoring engine.
 * Pure: no I/O, no clock. See README.md in this folder.
 */
export { BUILT_IN_EDITIONS, EDITION_344N_2018, findEdition } from './editions/index.js';
export {
  organisationInputSchema,
  scoreInputSchema,
  validateScoreInput,
  type InputIssue,
  type OrganisationInput,
  type Pair,
  type ScoreInput,
} from './input.js';
export {
  methodologyProblems,
  methodologySchema,
  parseMethodology,
  type Confidence,
  type CriterionId,
  type IndicatorRule,
  type Methodology,
} from './methodology.js';
export { resolveScoreRequest, scoreRequest } from './request.js';
export {
  criterionWeights,
  indicatorValue,
  scoreOrganisation,
  scoreOrganisations,
  type OrganisationScore,
} from './score.js';
export { explainShortfalls, fillPhrase, pointsRu, type Shortfall } from './shortfalls.js';
export {
  QUESTIONNAIRES,
  QUESTIONNAIRE_EDITIONS,
  SECTORS,
  SECTOR_NAMES,
  answerProblems,
  answersSchema,
  findQuestionnaire,
  skipTarget,
  surveyFromAnswers,
  visibleQuestions,
  type Answers,
  type Question,
  type QuestionnaireEdition,
  type Sector,
} from './questionnaire.js';
export {
  CHECKLIST_LISTS,
  EMPTY_CHECKLIST,
  checklistProblems,
  checklistSchema,
  organisationInput,
  type Checklist,
  type ChecklistList,
} from './checklist.js';
export {
  managesCampaign,
  mayCreateCampaign,
  operatesCampaign,
  readsCampaign,
  readsWholeCampaign,
  type CampaignSubject,
} from './access.js';
export { improvementMeasures, type DraftMeasure } from './improvement.js';
