/** The report substance check (issue 15). */
export { checkSubstance } from './check.js';
export { resolveExecutor } from './parts.js';
export type {
  Evidence,
  EvidenceKind,
  ExecutorPart,
  IsoPeriod,
  Morphology,
  Rejection,
  RejectionKind,
  StatusConflict,
  SubstanceInput,
  SubstanceLabel,
  SubstanceVerdict,
  WordInfo,
} from './types.js';
export { titleLemmaSet, titleSimilarity } from './similarity.js';
