/**
 * Deadlines understood: «Срок исполнения» free text → Schedule → control dates.
 * The rules, and the choices made where the genre is ambiguous: ./README.md.
 *
 *   const schedule = parseDeadline(text, { period });        // keeps the text, never guesses
 *   const { due, reports } = expandSchedule(schedule, period); // nominal + effective dates
 *   describeSchedule(expandSchedule(schedule, period));        // Russian line for the UI
 *   bindRelative(schedule, '2024-04-26');                      // «в течение 5 дней после …» gets dates
 */
export { parseDeadline } from './parse.js';
export { expandSchedule, bindRelative, periodLabel } from './expand.js';
export { describeSchedule, formatRuDate } from './describe.js';
export { summarizeForCli, type DeadlineSummary } from './summary.js';
export type {
  ContinuousTerm,
  ControlDate,
  DateTerm,
  DayRef,
  DeadlineTerm,
  ExpandedSchedule,
  Frequency,
  IsoDate,
  MonthDay,
  Offset,
  OffsetUnit,
  ParseOptions,
  PendingTerm,
  PlanPeriod,
  RecurringAt,
  RecurringTerm,
  RelativeTerm,
  Schedule,
  Term,
  TermKind,
  UnspecifiedTerm,
  WindowTerm,
} from './types.js';
