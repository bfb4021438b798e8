/**
 * The editions shipped with the code. Each is plain data (see ../methodology.ts); a corrected
 * or new edition can equally come from outside through `parseMethodology`.
 */
import type { Methodology } from '../methodology.js';
import { EDITION_344N_2018 } from './344n-2018.js';

export const BUILT_IN_EDITIONS: readonly Methodology[] = [EDITION_344N_2018];

export function findEdition(
  edition: string,
  editions: readonly Methodology[] = BUILT_IN_EDITIONS,
): Methodology | undefined {
  return editions.find((e) => e.edition === edition);
}

export { EDITION_344N_2018 };
