/**
 * Reporting periods of a plan: quarters, half-years, years or months over the plan period,
 * each with the day its reports are due (the `reportDay`-th of the month after it ends,
 * moved off a day off as ГК РФ ст. 193 says), or periods the coordinator sets by hand.
 */
import { effectiveDueDate } from '../calendar/index.js';
import { DomainError } from '../errors.js';
import { addDaysIso, lastDayOfMonth } from './dates.js';

export type Frequency = 'month' | 'quarter' | 'half' | 'year';
/** 'custom': periods the coordinator set by hand. */
export type ReportingFrequency = Frequency | 'custom';

export interface ReportingPeriod {
  label: string;
  startsOn: string;
  endsOn: string;
  reportDue: string;
}

const ROMAN = ['I', 'II', 'III', 'IV'];
const MONTHS = [
  'январь',
  'февраль',
  'март',
  'апрель',
  'май',
  'июнь',
  'июль',
  'август',
  'сентябрь',
  'октябрь',
  'ноябрь',
  'декабрь',
];
const MONTHS_PER: Record<Frequency, number> = { month: 1, quarter: 3, half: 6, year: 12 };

/** «I квартал 2025 г.», «II полугодие 2025 г.», «2025 г.», «март 2025 г.». */
export function periodLabel(frequency: Frequency, year: number, firstMonth: number): string {
  switch (frequency) {
    case 'month':
      return `${MONTHS[firstMonth - 1]} ${year} г.`;
    case 'quarter':
      return `${ROMAN[(firstMonth - 1) / 3]} квартал ${year} г.`;
    case 'half':
      return `${ROMAN[(firstMonth - 1) / 6]} полугодие ${year} г.`;
    case 'year':
      return `${year} г.`;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Calendar-aligned periods that overlap [from, to]; the first and last are clipped to it.
 * @example generatePeriods('2025-01-01', '2025-12-31', 'half', 10)
 * // [{label: 'I полугодие 2025 г.', startsOn: '2025-01-01', endsOn: '2025-06-30', reportDue: '2025-07-10'}, …]
 * // (a due day on a weekend or holiday moves to the next working day: 10.01.2026 → 12.01.2026)
 */
export function generatePeriods(from: string, to: string, frequency: Frequency, reportDay: number): ReportingPeriod[] {
  const step = MONTHS_PER[frequency];
  const out: ReportingPeriod[] = [];
  let year = Number(from.slice(0, 4));
  let month = Math.floor((Number(from.slice(5, 7)) - 1) / step) * step + 1;
  for (let guard = 0; guard < 1000; guard++) {
    const start = `${year}-${pad(month)}-01`;
    if (start > to) break;
    const lastMonth = month + step - 1;
    const end = `${year}-${pad(lastMonth)}-${pad(lastDayOfMonth(year, lastMonth))}`;
    const dueYear = lastMonth === 12 ? year + 1 : year;
    const dueMonth = lastMonth === 12 ? 1 : lastMonth + 1;
    out.push({
      label: periodLabel(frequency, year, month),
      startsOn: start < from ? from : start,
      endsOn: end > to ? to : end,
      reportDue: effectiveDueDate(`${dueYear}-${pad(dueMonth)}-${pad(reportDay)}`),
    });
    month += step;
    if (month > 12) {
      month -= 12;
      year += 1;
    }
  }
  return out;
}

/** The period containing a day, or undefined. */
export function periodOf<T extends { startsOn: string; endsOn: string }>(periods: T[], day: string): T | undefined {
  return periods.find((p) => p.startsOn <= day && day <= p.endsOn);
}

export { addDaysIso };

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const fmt = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/**
 * Checks periods a coordinator sets by hand: each named once, inside the plan period, not
 * overlapping another, its report due no earlier than its last day. Returns them sorted,
 * labels trimmed; the report day is kept as given (a person chose it, working day or not).
 * @throws DomainError('validation', 'plan.periods', …) with every problem in one Russian message.
 */
export function validateCustomPeriods<T extends ReportingPeriod>(
  periods: readonly T[],
  planFrom: string,
  planTo: string,
): T[] {
  const problems: string[] = [];
  if (periods.length === 0) problems.push('нужен хотя бы один период');
  if (periods.length > 120) problems.push('не более 120 периодов');
  const list = periods.map((p) => ({ ...p, label: p.label.trim().replace(/\s+/g, ' ') }));
  const seen = new Set<string>();
  for (const p of list) {
    const name = p.label ? `«${p.label}»` : 'без названия';
    if (!p.label) problems.push('у периода нет названия');
    else if (seen.has(p.label.toLowerCase())) problems.push(`период ${name} указан дважды`);
    seen.add(p.label.toLowerCase());
    if (![p.startsOn, p.endsOn, p.reportDue].every((d) => ISO.test(d))) {
      problems.push(`период ${name}: даты в формате ГГГГ-ММ-ДД`);
      continue;
    }
    if (p.startsOn > p.endsOn)
      problems.push(`период ${name}: начало (${fmt(p.startsOn)}) позже окончания (${fmt(p.endsOn)})`);
    if (p.startsOn < planFrom || p.endsOn > planTo)
      problems.push(`период ${name} выходит за срок плана (${fmt(planFrom)} – ${fmt(planTo)})`);
    if (p.reportDue < p.endsOn)
      problems.push(`период ${name}: срок отчёта (${fmt(p.reportDue)}) раньше окончания периода`);
  }
  const sorted = [...list].sort((a, b) => (a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].startsOn <= sorted[i - 1].endsOn)
      problems.push(`периоды «${sorted[i - 1].label}» и «${sorted[i].label}» пересекаются`);
  }
  if (problems.length > 0) {
    throw new DomainError(
      'validation',
      'plan.periods',
      `Периоды отчётности: ${problems.join('; ')}`,
      `invalid custom periods: ${problems.length} problem(s)`,
    );
  }
  return sorted;
}
