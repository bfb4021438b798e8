/** The substance check with its morphology loaded: what the CLI, the reports and the dashboard call. */
import { checkSubstance, type SubstanceInput, type SubstanceVerdict } from '../../domain/substance/index.js';
import { loadMorphology } from './morphology.js';

export { azMorphology, loadMorphology } from './morphology.js';
export {
  checkReportDraft,
  measureExecutionVerdict,
  presentVerdict,
  storeMeasureVerdicts,
  storeReportVerdict,
  storedVerdict,
  substanceDashboard,
  type StoredVerdict,
} from './substance.service.js';
export { titleLemmaSet, titleSimilarity } from '../../domain/substance/index.js';

/** Checks texts once the dictionaries are loaded (the first call waits for them). */
export async function createSubstanceChecker(): Promise<(input: SubstanceInput) => SubstanceVerdict> {
  const morphology = await loadMorphology();
  return (input) => checkSubstance(input, morphology);
}
export { registerSubstanceRoutes } from './substance.routes.js';
