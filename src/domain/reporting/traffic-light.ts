/**
 * The traffic light of a measure: green done (or closed), red overdue, yellow due within
 * `soonDays`, grey not due. Derived from the earliest open control date and today, so a
 * stored value can never go stale.
 */
export type Light = 'green' | 'yellow' | 'red' | 'grey';

import { addDaysIso } from './dates.js';

export function trafficLight(
  m: { status: string | null; closed: boolean; openDue: string | null },
  today: string,
  soonDays: number,
): Light {
  if (m.closed || m.status === 'done') return 'green';
  if (!m.openDue) return 'grey';
  if (m.openDue < today) return 'red';
  if (m.openDue <= addDaysIso(today, soonDays)) return 'yellow';
  return 'grey';
}

/** The same rule as SQL over `measures` (alias m); $today and $soon are ISO date parameters. */
export function trafficLightSql(today: string, soon: string): string {
  return `CASE WHEN m.closed_at IS NOT NULL OR m.status = 'done' THEN 'green'
    WHEN m.open_due IS NULL THEN 'grey'
    WHEN m.open_due < ${today}::date THEN 'red'
    WHEN m.open_due <= ${soon}::date THEN 'yellow' ELSE 'grey' END`;
}
