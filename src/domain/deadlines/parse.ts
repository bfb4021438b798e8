/**
 * parseDeadline: free-text «Срок исполнения» → Schedule. Pure: no I/O, never reads the clock.
 */
import { isIsoDate } from '../calendar/iso-date.js';
import { DomainError } from '../errors.js';
import { assemble } from './assemble.js';
import type { Cursor } from './atoms.js';
import { scanTerms } from './terms.js';
import { normalize, tokenize } from './tokens.js';
import type { ParseOptions, Schedule } from './types.js';

/**
 * Reads a deadline phrase of a plan of measures. The text is kept verbatim; what is understood
 * becomes terms (`date`, `deadline`, `window`, `recurring`, `continuous`, `relative`), anything
 * else becomes an `unspecified` term holding its text — nothing is guessed.
 * Terms without a year («4 квартал», «ежегодно до 5 июля») repeat over the years of the plan
 * period when expanded; «текущего года» needs `reference`.
 *
 * @example parseDeadline('до 01.07.2024', { period: ['2024-01-01', '2025-12-31'] }).kind // 'deadline'
 * @example parseDeadline('II-III квартал 2023 г.', { period }).terms[0]
 *   // { kind: 'window', from: { year: 2023, month: 4, day: 1 }, to: { year: 2023, month: 9, day: 'end' }, … }
 * @example parseDeadline('постоянно, отчет ежегодно до 25 декабря', { period }).reports[0]
 *   // { kind: 'recurring', every: 'year', at: { type: 'dates', dates: [{ month: 12, day: 25 }] }, … }
 * @example parseDeadline('в течение 5 рабочих дней после поступления информации', { period }).terms[0]
 *   // { kind: 'relative', offset: { amount: 5, unit: 'workday' }, anchor: 'после поступления информации', … }
 * @example parseDeadline('по мере необходимости', { period }).kind // 'unspecified'
 * @throws DomainError (validation) when `period` is missing; its dates are checked on expansion.
 */
export function parseDeadline(text: string, options: ParseOptions): Schedule {
  const period = options?.period;
  if (!Array.isArray(period) || period.length !== 2 || typeof period[0] !== 'string' || typeof period[1] !== 'string') {
    throw new DomainError(
      'validation',
      'deadlines.bad_period',
      'Не указан период плана',
      `parseDeadline needs period [from, to], got ${JSON.stringify(period)}`,
    );
  }
  const src = typeof text === 'string' ? text : '';
  const reference = options.reference;
  const cursor: Cursor = {
    toks: tokenize(normalize(src)),
    refYear: reference !== undefined && isIsoDate(reference) ? +reference.slice(0, 4) : null,
  };
  const raws = scanTerms(cursor);
  return assemble({ text: src, cursor, raws, period });
}
