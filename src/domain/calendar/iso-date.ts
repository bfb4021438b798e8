/**
 * ISO calendar dates (`YYYY-MM-DD`) as plain strings, with arithmetic on "epoch days"
 * (whole days since 1970-01-01) in UTC. No `Date` object ever sees a local time zone,
 * so results do not depend on `TZ`.
 */

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Days in month `month` (1–12) of `year` (Gregorian). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True when `year-month-day` is a real calendar day. */
export function isValidYmd(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1000 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** True when `s` is a valid ISO calendar date `YYYY-MM-DD`. */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = ISO_RE.exec(s);
  return m !== null && isValidYmd(+m[1], +m[2], +m[3]);
}

/** Epoch day of `year-month-day` for years 1000–9999 (no validation: overflow rolls over like `Date.UTC`). */
export function epochDayOf(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/**
 * Parses an ISO date into an epoch day.
 * @throws RangeError when `iso` is not a valid `YYYY-MM-DD` date.
 * @example toEpochDay('1970-01-02') // 1
 */
export function toEpochDay(iso: string): number {
  const m = typeof iso === 'string' ? ISO_RE.exec(iso) : null;
  if (m === null || !isValidYmd(+m[1], +m[2], +m[3]))
    throw new RangeError(`not an ISO date (YYYY-MM-DD): ${String(iso)}`);
  return epochDayOf(+m[1], +m[2], +m[3]);
}

const pad2 = (n: number) => (n < 10 ? '0' + n : '' + n);

/** Formats year (1000–9999), month (1–12), day as `YYYY-MM-DD` (no validation). */
export function formatYmd(year: number, month: number, day: number): string {
  return year + '-' + pad2(month) + '-' + pad2(day);
}

/** Formats an epoch day as `YYYY-MM-DD`. */
export function fromEpochDay(day: number): string {
  const d = new Date(day * MS_PER_DAY);
  return formatYmd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Day of week of an epoch day: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** `iso` plus `n` calendar days. */
export function addDays(iso: string, n: number): string {
  return fromEpochDay(toEpochDay(iso) + n);
}

/**
 * `iso` plus `n` calendar months; a day that does not exist in the target month becomes its
 * last day (ГК РФ ст. 192 п. 3: a term in months ends on the same day of the last month, or on
 * the last day of that month when it has no such day).
 * @example addMonths('2024-01-31', 1) // '2024-02-29'
 */
export function addMonths(iso: string, n: number): string {
  toEpochDay(iso);
  const y = +iso.slice(0, 4),
    m = +iso.slice(5, 7),
    d = +iso.slice(8, 10);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12),
    nm = (total % 12) + 1;
  return formatYmd(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}
