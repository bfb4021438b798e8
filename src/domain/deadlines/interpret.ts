/**
 * A measure's deadline as the product uses it: the parsed schedule, bound to its event
 * when one is known, or replaced by a coordinator's override; expanded into control dates.
 */
import { effectiveDueDate } from '../calendar/index.js';
import { describeSchedule } from './describe.js';
import { bindRelative, expandSchedule } from './expand.js';
import { parseDeadline } from './parse.js';
import type { ControlDate, ExpandedSchedule, PlanPeriod, Schedule } from './types.js';

/** Dates set by hand when the text says something the parser cannot, or the coordinator decides otherwise. */
export interface DeadlineOverride {
  due: string[];
  reports: string[];
}

export interface DeadlineInterpretation {
  schedule: Schedule;
  expanded: ExpandedSchedule;
  /** False when the text says something that has to be settled by a person. */
  understood: boolean;
  overridden: boolean;
  /** Russian, for the measure form: «= 31.03.2024, 30.06.2024; отчёт до 10.04.2024». */
  description: string;
}

const toControl = (nominal: string): ControlDate => ({ nominal, effective: effectiveDueDate(nominal) });

/** True for a text a person must look at: something is written, and nothing in it was understood. */
export function isDeadlineUnderstood(text: string, period: PlanPeriod = ['2000-01-01', '2000-12-31']): boolean {
  if (!text.trim()) return true;
  return parseDeadline(text, { period }).kind !== 'unspecified';
}

export function interpretDeadline(
  text: string,
  period: PlanPeriod,
  opts: { anchorDate?: string | null; override?: DeadlineOverride | null } = {},
): DeadlineInterpretation {
  let schedule = parseDeadline(text, { period });
  if (opts.anchorDate && schedule.terms.concat(schedule.reports).some((t) => t.kind === 'relative')) {
    schedule = bindRelative(schedule, opts.anchorDate);
  }
  let expanded = expandSchedule(schedule, period);
  const understood = !text.trim() || schedule.kind !== 'unspecified';
  if (opts.override) {
    expanded = {
      ...expanded,
      due: [...new Set(opts.override.due)].sort().map(toControl),
      reports: [...new Set(opts.override.reports)].sort().map(toControl),
      pending: [],
    };
    return {
      schedule,
      expanded,
      understood,
      overridden: true,
      description: `${describeSchedule(expanded)} (установлено вручную)`,
    };
  }
  return { schedule, expanded, understood, overridden: false, description: describeSchedule(expanded) };
}
