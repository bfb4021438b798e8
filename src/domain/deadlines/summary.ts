/**
 * The golden/CLI answer for one phrase: `{kind, due, reports, offset}` with nominal ISO dates.
 */
import { expandSchedule } from './expand.js';
import type { Offset, PlanPeriod, Schedule, TermKind } from './types.js';

export interface DeadlineSummary {
  kind: TermKind;
  due: string[];
  reports: string[];
  /** The offset of a relative schedule, else null. */
  offset: Offset | null;
}

/**
 * Summarises a schedule the way `parse-deadlines` prints it: nominal dates only (moving dates
 * off days off is the product's business, not the golden file's).
 * @example summarizeForCli(parseDeadline('1 раз в полугодие', { period }), ['2017-01-01', '2017-12-31'])
 * // { kind: 'recurring', due: ['2017-06-30', '2017-12-31'], reports: [], offset: null }
 */
export function summarizeForCli(schedule: Schedule, period: PlanPeriod = schedule.period): DeadlineSummary {
  const expanded = expandSchedule(schedule, period);
  let offset: Offset | null = null;
  if (schedule.kind === 'relative') {
    const rel = schedule.terms.find((t) => t.kind === 'relative');
    if (rel && rel.kind === 'relative') offset = { amount: rel.offset.amount, unit: rel.offset.unit };
  }
  return {
    kind: schedule.kind,
    due: expanded.due.map((d) => d.nominal),
    reports: expanded.reports.map((d) => d.nominal),
    offset,
  };
}
