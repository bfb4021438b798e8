/**
 * «к следующему заседанию Совета»: such a deadline is the date of the council's next meeting,
 * known only once that meeting is set. Apart from the services that call it so that neither
 * imports the other.
 */
import type { Queryable } from '../../db/database.js';
import { setDeadlineOverride } from '../measures/index.js';
import { regenerateControlPoints } from '../obligations/index.js';

/** «к следующему заседанию Совета», «на очередном заседании»: a deadline that is the next meeting. */
const NEXT_MEETING_SQL = `m.deadline_text ~* '(следующ|очередн)\\S*\\s+заседани'`;

/**
 * Binds the instructions due «к следующему заседанию» to the date of the council's next
 * meeting after the one that gave them, once such a meeting is set (planned, held or
 * postponed to a new date): that date becomes the instruction's control date. Called in the
 * transaction of every change to the council's meetings and protocols. Only instructions
 * still on control are bound (an extended one has the date its meeting gave it).
 */
export async function bindNextMeetingDeadlines(tx: Queryable, councilId: number): Promise<void> {
  const rows = await tx.query<{ measure_id: number; next_date: string | null; current: string | null }>(
    `SELECT ic.measure_id,
       (SELECT min(CASE WHEN nx.status = 'postponed' THEN nx.postponed_to ELSE nx.held_on END)::text
          FROM council_meetings nx
         WHERE nx.council_id = ic.council_id AND nx.status <> 'cancelled'
           AND (CASE WHEN nx.status = 'postponed' THEN nx.postponed_to ELSE nx.held_on END) > mt.held_on) AS next_date,
       (m.deadline_override -> 'due' ->> 0) AS current
     FROM instruction_control ic
     JOIN measures m ON m.id = ic.measure_id
     JOIN council_meetings mt ON mt.id = ic.meeting_id
     WHERE ic.council_id = $1 AND ic.state = 'on_control' AND m.archived_at IS NULL AND ${NEXT_MEETING_SQL}`,
    [councilId],
  );
  const changed: number[] = [];
  for (const r of rows) {
    if ((r.next_date ?? null) === (r.current ?? null)) continue;
    await setDeadlineOverride(tx, Number(r.measure_id), r.next_date ? { due: [r.next_date], reports: [] } : null);
    changed.push(Number(r.measure_id));
  }
  await regenerateControlPoints(tx, { measureIds: changed });
}
