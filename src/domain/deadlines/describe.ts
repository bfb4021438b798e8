/**
 * Russian one-line description of an expanded schedule, for the UI:
 * «31.03.2024, 30.06.2024, 30.09.2024, 31.12.2024 (→ 09.01.2025); отчёт до 10.04.2024, …».
 */
import type { ControlDate, ExpandedSchedule } from './types.js';

const MAX_LISTED = 6;

/** `2024-03-31` → `31.03.2024`. */
export function formatRuDate(iso: string): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}

function one(d: ControlDate): string {
  const nominal = formatRuDate(d.nominal);
  return d.effective === d.nominal ? nominal : `${nominal} (→ ${formatRuDate(d.effective)})`;
}

function list(dates: ControlDate[]): string {
  if (dates.length <= MAX_LISTED) return dates.map(one).join(', ');
  const head = dates.slice(0, 3).map(one).join(', ');
  return `${head}, … ${one(dates[dates.length - 1])} (всего ${dates.length})`;
}

/**
 * Describes control dates in Russian. A date moved off a day off shows where it moved
 * («31.03.2024 (→ 01.04.2024)»); long lists are shortened with their count.
 * @example
 * describeSchedule(expandSchedule(parseDeadline('ежеквартально, ежегодно отчет до 25 декабря', { period }), period))
 * // '31.03.2024 (→ 01.04.2024), 30.06.2024 (→ 01.07.2024), 30.09.2024, … 31.12.2025 (→ 12.01.2026) (всего 8); отчёт до 25.12.2024, 25.12.2025'
 */
export function describeSchedule(expanded: ExpandedSchedule): string {
  const parts: string[] = [];
  const notes = expanded.pending.map((p) => p.text).filter((t) => t !== '');
  if (expanded.due.length > 0) {
    const prefix = expanded.kind === 'deadline' ? 'до ' : '';
    parts.push(prefix + list(expanded.due) + (notes.length > 0 ? ` (${notes.join('; ')})` : ''));
  } else if (notes.length > 0) {
    parts.push(expanded.kind === 'unspecified' ? `срок без даты: ${notes.join('; ')}` : notes.join('; '));
  } else {
    parts.push(expanded.kind === 'continuous' ? 'постоянно' : 'срок не указан');
  }
  if (expanded.reports.length > 0) parts.push(`отчёт до ${list(expanded.reports)}`);
  return parts.join('; ');
}
