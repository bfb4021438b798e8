/**
 * Reporting periods of a plan: quarters, half-years, years or months over the plan period,
 * each with the day its reports are due (the `reportDay`-th of the month after it ends).
 */
import { addDaysIso, lastDayOfMonth } from './dates.js';

export type Frequency = 'month' | 'quarter' | 'half' | 'year';

export interface ReportingPeriod {
  label: string;
  startsOn: string;
  endsOn: string;
  reportDue: string;
}

const ROMAN = ['I', 'II', 'III', 'IV'];
const MONTHS = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];
const MONTHS_PER: Record<Frequency, number> = { month: 1, quarter: 3, half: 6, year: 12 };

/** «I квартал 2025 г.», «II полугодие 2025 г.», «2025 г.», «март 2025 г.». */
export function periodLabel(frequency: Frequency, year: number, firstMonth: number): string {
  switch (frequency) {
    case 'month': return `${MONTHS[firstMonth - 1]} ${year} г.`;
    case 'quarter': return `${ROMAN[(firstMonth - 1) / 3]} квартал ${year} г.`;
    case 'half': return `${ROMAN[(firstMonth - 1) / 6]} полугодие ${year} г.`;
    case 'year': return `${year} г.`;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Calendar-aligned periods that overlap [from, to]; the first and last are clipped to it.
 * @example generatePeriods('2025-01-01', '2025-12-31', 'half', 10)
 * // [{label: 'I полугодие 2025 г.', startsOn: '2025-01-01', endsOn: '2025-06-30', reportDue: '2025-07-10'}, …]
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
      reportDue: `${dueYear}-${pad(dueMonth)}-${pad(reportDay)}`,
    });
    month += step;
    if (month > 12) { month -= 12; year += 1; }
  }
  return out;
}

/** The period containing a day, or undefined. */
export function periodOf<T extends { startsOn: string; endsOn: string }>(periods: T[], day: string): T | undefined {
  return periods.find((p) => p.startsOn <= day && day <= p.endsOn);
}

export { addDaysIso };
