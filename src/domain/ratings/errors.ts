/**
 * Errors of the rating engine. One bad methodology or values file usually has several
 * problems; they are all collected (each with an English line for the CLI and logs and a
 * Russian one for the user) so that a person fixes the file in one pass.
 */
import { DomainError } from '../errors.js';

export interface RatingIssue {
  /** Where: `indicators[1].thresholds[2]`, `line 7`… */
  path: string;
  /** English, precise, for the CLI and logs. */
  en: string;
  /** Russian, for the user. */
  ru: string;
}

export type RatingErrorCode = 'rating.methodology_invalid' | 'rating.values_invalid';

export class RatingInputError extends DomainError {
  constructor(
    code: RatingErrorCode,
    readonly issues: RatingIssue[],
  ) {
    const what =
      code === 'rating.methodology_invalid'
        ? 'Методика рейтинга содержит ошибки'
        : 'Значения показателей содержат ошибки';
    super('validation', code, `${what}: ${issues.map((i) => i.ru).join('; ')}`, issues.map((i) => i.en).join('; '));
    this.name = 'RatingInputError';
  }
}

export const isRatingInputError = (e: unknown): e is RatingInputError => e instanceof RatingInputError;
