/**
 * Loads the region-scale dataset once, without measuring anything, so that the other
 * benchmarks start on a ready database:
 *   npm run bench -- prepare [--pg]
 */
import { pickTarget, prepareRegion } from './_server';

export async function run(argv: string[]) {
  const r = await prepareRegion(pickTarget(argv));
  console.log(
    `region ${r.regionId}: ${r.planIds.length} plans, ${r.orgIds.length} organisations; typical plan ${r.typicalPlanId}, biggest ${r.biggestPlanId}`,
  );
}
