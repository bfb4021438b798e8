/**
 * Which reporting periods a measure owes a report for. A measure owes one for every
 * period in which one of its control dates falls; a measure without dated terms
 * («постоянно», an unbound relative deadline, a deadline nobody could read) reports every
 * period, because that is how such measures are reported on paper («ежеквартально
 * информировать…»); a measure whose dates are all later owes nothing yet.
 */
export interface PeriodRef { startsOn: string; endsOn: string }

export function owedPeriods<T extends PeriodRef>(periods: T[], dueDates: string[], scheduleKind: string | null): T[] {
  if (dueDates.length === 0) {
    return scheduleKind === 'continuous' || scheduleKind === 'relative' || scheduleKind === 'unspecified' || scheduleKind === null ? periods : [];
  }
  const out: T[] = [];
  for (const p of periods) if (dueDates.some((d) => p.startsOn <= d && d <= p.endsOn)) out.push(p);
  // A date past the last period (a window «2023–2030 гг.» in a plan to 2027) is reported in the last one.
  const last = periods[periods.length - 1];
  if (last && dueDates.some((d) => d > last.endsOn) && !out.includes(last)) out.push(last);
  return out;
}
