/**
 * Which reporting periods a measure owes a report for, and by which day.
 *
 * A measure owes one for every period in which one of its control dates falls. When its
 * deadline carries a report schedule of its own («ежегодно отчёт до 25 декабря», «до 10
 * числа месяца, следующего за отчётным кварталом»), it owes one for each period a report
 * date speaks of, due on that date rather than on the plan's report day. A measure with
 * neither («постоянно», an unbound relative deadline, a deadline nobody could read) reports
 * every period, because that is how such measures are reported on paper («ежеквартально
 * информировать…»); a measure whose dates are all later owes nothing yet.
 */
export interface PeriodRef {
  startsOn: string;
  endsOn: string;
}

/** A date from the measure's own report schedule. */
export interface ReportDate {
  /** The day the report is due, moved off days off. */
  effective: string;
  /**
   * The day the report speaks of: the last day of the period it reports on («до 1 марта
   * года, следующего за отчётным» → 31 December), or the report date itself.
   */
  covers: string;
}

export interface Obligation<T> {
  period: T;
  dueOn: string;
}

const ALL_PERIODS_KINDS = new Set(['continuous', 'relative', 'unspecified']);

export function owedPeriods<T extends PeriodRef>(periods: T[], dueDates: string[], scheduleKind: string | null): T[] {
  if (dueDates.length === 0) {
    return scheduleKind === null || ALL_PERIODS_KINDS.has(scheduleKind) ? periods : [];
  }
  const out: T[] = [];
  for (const p of periods) if (dueDates.some((d) => p.startsOn <= d && d <= p.endsOn)) out.push(p);
  // A date past the last period (a window «2023–2030 гг.» in a plan to 2027) is reported in the last one.
  const last = periods[periods.length - 1];
  if (last && dueDates.some((d) => d > last.endsOn) && !out.includes(last)) out.push(last);
  return out;
}

/** The period a day belongs to; a day past the last period belongs to the last one. */
function periodHolding<T extends PeriodRef>(periods: T[], day: string): T | undefined {
  const found = periods.find((p) => p.startsOn <= day && day <= p.endsOn);
  if (found) return found;
  const last = periods[periods.length - 1];
  return last && day > last.endsOn ? last : undefined;
}

/**
 * The reports a measure owes, one per period, each with its due day: the latest of the
 * measure's report dates that speak of that period, else the period's own report day.
 * Under control from `controlFrom` (control-start.ts), a period that ended before it, or a
 * report due before it, is not owed: it is history, recorded if at all by a report import.
 * @example owedReports(quarters2024, [], [{ effective: '2024-12-25', covers: '2024-12-25' }], 'continuous')
 * // [{ period: IV квартал 2024 г., dueOn: '2024-12-25' }]
 */
export function owedReports<T extends PeriodRef & { reportDue: string }>(
  periods: T[],
  dueDates: string[],
  reportDates: ReportDate[],
  scheduleKind: string | null,
  controlFrom?: string,
): Obligation<T>[] {
  const reportDue = new Map<T, string>();
  for (const r of reportDates) {
    const p = periodHolding(periods, r.covers);
    if (p && (reportDue.get(p) ?? '') < r.effective) reportDue.set(p, r.effective);
  }
  // With a report schedule of its own and no execution dates, the schedule alone says when to report.
  const byDates = dueDates.length === 0 && reportDue.size > 0 ? [] : owedPeriods(periods, dueDates, scheduleKind);
  const owed = new Set<T>([...byDates, ...reportDue.keys()]);
  return periods
    .filter((p) => owed.has(p))
    .map((p) => ({ period: p, dueOn: reportDue.get(p) ?? p.reportDue }))
    .filter((o) => !controlFrom || (o.period.endsOn >= controlFrom && o.dueOn >= controlFrom));
}
