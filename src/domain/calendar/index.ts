/**
 * The Russian federal production calendar (производственный календарь, 5-day week):
 * which days are working days, and date arithmetic in working days.
 *
 * Data: `ru-production-calendar.json` (compiled from the government transfer decrees,
 * sources in README.md). All dates are ISO `YYYY-MM-DD` strings computed in UTC.
 *
 * Years outside the data (see {@link calendarCovers}) fall back to what the Labour Code
 * fixes by statute: Saturdays and Sundays, the Art. 112 non-working holidays, and the
 * automatic Art. 112 part 2 move of a holiday that falls on a weekend (except the January
 * ones, which only the year's decree redistributes). That is strictly closer to the truth
 * than weekends alone; the decree's own transfers are unknown until it is published.
 */
import rawCalendar from './ru-production-calendar.json';
import { epochDayOf, fromEpochDay, toEpochDay, weekdayOf } from './iso-date.js';

export * from './iso-date.js';
export * from './russian-dates.js';

/** One year of the production calendar as stored in the JSON. */
export interface CalendarYear {
  /** The government transfer decree for the year. */
  decree: string;
  /** Non-working days falling Mon–Fri (Art. 112 holidays, their moves, decree transfers). */
  holidays: string[];
  /** Saturdays/Sundays made working days by transfer. */
  workingWeekends: string[];
  /** Pre-holiday days shortened by one hour (Art. 95). */
  shortDays: string[];
  transfers: { from: string; to: string }[];
  workingDays: number;
  workingHours40: number;
  /** 2020–2021 only: weekdays made non-working with pay by presidential decree or statute. */
  specialNonWorkingDays?: string[];
  specialNonWorkingDaysBasis?: string;
  verification?: string;
}

const data = rawCalendar as unknown as { source: string; years: Record<string, CalendarYear> };

/** Day-status overrides: epoch day -> working (true) / non-working (false). */
const override = new Map<number, boolean>();
const special = new Set<number>();
const shortDays = new Set<number>();
const covered = new Set<number>();

for (const [y, rec] of Object.entries(data.years)) {
  covered.add(Number(y));
  for (const d of rec.holidays) override.set(toEpochDay(d), false);
  for (const d of rec.workingWeekends) override.set(toEpochDay(d), true);
  for (const d of rec.shortDays) shortDays.add(toEpochDay(d));
  // 2020/2021 COVID, parade and vote days: kept apart on purpose, see isSpecialNonWorkingDay.
  for (const d of rec.specialNonWorkingDays ?? []) special.add(toEpochDay(d));
}

/** The years (sorted) for which the calendar holds the year's decree. */
export const calendarYears: readonly number[] = [...covered].sort((a, b) => a - b);

// The fast range test in isWorkingEpochDay assumes the covered years are contiguous.
if (calendarYears.length !== calendarYears[calendarYears.length - 1] - calendarYears[0] + 1) {
  throw new Error('ru-production-calendar.json: covered years must be contiguous');
}
const firstCovered = epochDayOf(calendarYears[0], 1, 1);
const lastCovered = epochDayOf(calendarYears[calendarYears.length - 1], 12, 31);

/**
 * True when the calendar holds `year`'s transfer decree. For other years working days are
 * computed from the Labour Code alone (weekends, Art. 112 holidays and their automatic moves),
 * and the UI should say the calendar for that year is provisional.
 * @example calendarCovers(2025) // true
 */
export function calendarCovers(year: number): boolean {
  return covered.has(year);
}

/** The year's record (decree, holidays, transfers, totals), or undefined when not covered. */
export function calendarYear(year: number): Readonly<CalendarYear> | undefined {
  return data.years[String(year)];
}

/**
 * Трудовой кодекс РФ ст. 112 ч. 1: the non-working holidays, as [month, day].
 * 1–6 and 8 January (новогодние каникулы), 7 January (Рождество), 23 February, 8 March,
 * 1 May, 9 May, 12 June, 4 November.
 */
export const ART_112_HOLIDAYS: readonly (readonly [number, number])[] = [
  [1, 1],
  [1, 2],
  [1, 3],
  [1, 4],
  [1, 5],
  [1, 6],
  [1, 7],
  [1, 8],
  [2, 23],
  [3, 8],
  [5, 1],
  [5, 9],
  [6, 12],
  [11, 4],
];

const statutoryCache = new Map<number, Set<number>>();

/**
 * Non-working weekdays of a year computed from the Labour Code alone: Art. 112 ч. 1 holidays
 * plus the automatic move of ч. 2 (a holiday on Saturday/Sunday gives a day off on the next
 * working day), which does not apply to the January holidays. Used for years without a decree.
 */
export function statutoryHolidays(year: number): ReadonlySet<number> {
  let set = statutoryCache.get(year);
  if (set) return set;
  set = new Set<number>(ART_112_HOLIDAYS.map(([m, d]) => epochDayOf(year, m, d)));
  for (const [m, d] of ART_112_HOLIDAYS) {
    if (m === 1) continue;
    const day = epochDayOf(year, m, d);
    const wd = weekdayOf(day);
    if (wd !== 0 && wd !== 6) continue;
    let next = day + 1;
    while (weekdayOf(next) === 0 || weekdayOf(next) === 6 || set.has(next)) next++;
    set.add(next);
  }
  statutoryCache.set(year, set);
  return set;
}

function yearOfEpochDay(day: number): number {
  return new Date(day * 86_400_000).getUTCFullYear();
}

/** Working-day test on an epoch day (the fast path used by the other functions). */
export function isWorkingEpochDay(day: number): boolean {
  const o = override.get(day);
  if (o !== undefined) return o;
  const wd = weekdayOf(day);
  if (wd === 0 || wd === 6) return false;
  // Weekday without an override: working in a covered year; otherwise check the statute.
  if (day >= firstCovered && day <= lastCovered) return true;
  return !statutoryHolidays(yearOfEpochDay(day)).has(day);
}

/**
 * True when `iso` is a working day for the 5-day week.
 *
 * The 2020–2021 presidential non-working days (COVID-19, the 24.06.2020 parade, the
 * 01.07.2020 vote; `specialNonWorkingDays` in the data) count as working days here: they
 * were days off *with pay* ordered outside Art. 112, not holidays or weekends, and courts
 * generally did not move procedural or contractual deadlines off them. A deadline that fell
 * on one of them therefore stays put; {@link isSpecialNonWorkingDay} lets the UI say so.
 *
 * @throws RangeError when `iso` is not a valid ISO date.
 * @example isWorkingDay('2024-04-27') // true: working Saturday (decree № 1314)
 * @example isWorkingDay('2025-05-02') // false: day off moved from 04.01 (decree № 1335)
 */
export function isWorkingDay(iso: string): boolean {
  return isWorkingEpochDay(toEpochDay(iso));
}

/** True on the 2020–2021 weekdays made non-working with pay by presidential decree or statute. */
export function isSpecialNonWorkingDay(iso: string): boolean {
  return special.has(toEpochDay(iso));
}

/** True on a pre-holiday day shortened by one hour (ТК РФ ст. 95). */
export function isShortDay(iso: string): boolean {
  return shortDays.has(toEpochDay(iso));
}

/** The first working day on or after an epoch day. */
export function nextWorkingEpochDay(day: number): number {
  while (!isWorkingEpochDay(day)) day++;
  return day;
}

/** The last working day on or before an epoch day. */
export function previousWorkingEpochDay(day: number): number {
  while (!isWorkingEpochDay(day)) day--;
  return day;
}

/**
 * The first working day on or after `iso` (`iso` itself when it is a working day).
 * @example nextWorkingDay('2025-05-01') // '2025-05-05'
 */
export function nextWorkingDay(iso: string): string {
  const day = toEpochDay(iso);
  const next = nextWorkingEpochDay(day);
  return next === day ? iso : fromEpochDay(next);
}

/**
 * The last working day on or before `iso` (`iso` itself when it is a working day): for
 * «не позднее чем за N дней до …» dates, which must not slide later.
 * @example previousWorkingDay('2024-12-31') // '2024-12-28' (working Saturday)
 */
export function previousWorkingDay(iso: string): string {
  const day = toEpochDay(iso);
  const prev = previousWorkingEpochDay(day);
  return prev === day ? iso : fromEpochDay(prev);
}

const effectiveCache = new Map<string, string>();

/**
 * The day a due date actually falls due. Гражданский кодекс РФ ст. 193: «Если последний день
 * срока приходится на нерабочий день, днем окончания срока считается ближайший следующий за
 * ним рабочий день». So a due date on a weekend or holiday moves to the next working day.
 * @throws RangeError when `iso` is not a valid ISO date.
 * @example effectiveDueDate('2024-03-31') // '2024-04-01'
 */
export function effectiveDueDate(iso: string): string {
  let out = effectiveCache.get(iso);
  if (out === undefined) {
    out = nextWorkingDay(iso);
    if (effectiveCache.size > 50_000) effectiveCache.clear();
    effectiveCache.set(iso, out);
  }
  return out;
}

/**
 * Moves `n` working days from `iso`. The start day itself is never counted (ГК РФ ст. 191:
 * a term starts the day after the event), so `n > 0` gives the n-th working day after `iso`,
 * `n < 0` the |n|-th working day before it, and `n = 0` returns `iso` unchanged.
 * @example addWorkingDays('2024-12-27', 1) // '2024-12-28' (working Saturday)
 * @example addWorkingDays('2025-04-30', 1) // '2025-05-05'
 */
export function addWorkingDays(iso: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`working days must be an integer: ${n}`);
  let day = toEpochDay(iso);
  const step = n > 0 ? 1 : -1;
  for (let left = Math.abs(n); left > 0;) {
    day += step;
    if (isWorkingEpochDay(day)) left--;
  }
  return n === 0 ? iso : fromEpochDay(day);
}

/**
 * Number of working days from `from` to `to`, both included; 0 when `to` is before `from`.
 * @example countWorkingDays('2024-01-01', '2024-12-31') // 248
 */
export function countWorkingDays(from: string, to: string): number {
  const a = toEpochDay(from),
    b = toEpochDay(to);
  let n = 0;
  for (let d = a; d <= b; d++) if (isWorkingEpochDay(d)) n++;
  return n;
}
