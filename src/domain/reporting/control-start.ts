/**
 * «Контроль с даты»: the day from which a plan (and a measure in it) is under control.
 *
 * A plan is often approved or imported while it is already under way (a 2025–2027 plan
 * approved in December 2026). What happened before it came under control is history, not
 * a debt: no report is owed for a period that ended before the control start, none is owed
 * with a due day before it, and no control date before it counts as overdue. The dates
 * themselves stay (the plan says what it says) and past execution can still be recorded
 * (a report import, the measure's status); they just do not turn the traffic light red.
 *
 * A measure added by hand to a plan already under control starts its own control on the
 * day it is added: it cannot have owed anything before it existed.
 */

export interface PlanControl {
  periodFrom: string;
  /** The plan's «контроль с даты»; null: from the start of the plan period. */
  controlFrom: string | null;
}

/**
 * The day a measure's obligations start: the later of the plan's period start, the plan's
 * control start and the measure's own (when it was added to a plan already under control).
 * @example controlStart({ periodFrom: '2025-01-01', controlFrom: '2026-12-03' }, null) // '2026-12-03'
 * @example controlStart({ periodFrom: '2025-01-01', controlFrom: null }, '2026-02-10') // '2026-02-10'
 */
export function controlStart(plan: PlanControl, measureControlFrom: string | null = null): string {
  let start = plan.periodFrom;
  if (plan.controlFrom && plan.controlFrom > start) start = plan.controlFrom;
  if (measureControlFrom && measureControlFrom > start) start = measureControlFrom;
  return start;
}

/**
 * The control start offered when a plan is created, imported or approved: its period start
 * if it has not begun yet, else today (nothing before today is owed).
 * @example defaultControlFrom('2025-01-01', '2026-12-03') // '2026-12-03'
 * @example defaultControlFrom('2027-01-01', '2026-12-03') // '2027-01-01'
 */
export function defaultControlFrom(periodFrom: string, today: string): string {
  return periodFrom > today ? periodFrom : today;
}

/**
 * The control start of a measure added by hand: today when its plan is in force and under
 * control since before today; otherwise none of its own (a draft plan's measures start
 * with the plan, whenever it is approved).
 * @example measureControlFromOnCreate({ status: 'active', periodFrom: '2025-01-01', controlFrom: '2025-01-01' }, '2026-12-03') // '2026-12-03'
 * @example measureControlFromOnCreate({ status: 'draft', periodFrom: '2025-01-01', controlFrom: '2026-12-01' }, '2026-12-03') // null
 */
export function measureControlFromOnCreate(plan: PlanControl & { status: string }, today: string): string | null {
  return plan.status === 'active' && today > controlStart(plan) ? today : null;
}

/** True when a date counts for control (owed, overdue) under the given start. */
export function countsForControl(date: string, start: string): boolean {
  return date >= start;
}

/**
 * The same start as SQL over `measures m` joined to its plan `p` (PostgreSQL's greatest()
 * skips nulls), for the queries that keep open dates and reminders.
 */
export const CONTROL_START_SQL = `greatest(p.period_from, p.control_from, m.control_from)`;
