/**
 * Deadline extensions («перенос срока»): what an executor may ask to move, what a move may
 * not do, when it deserves a warning, and how approved moves apply to the dates a
 * deadline gives. Pure: the service loads the rows and passes `today`-free facts in.
 *
 * What is «one's own part». A measure's execution control date (a `due` control point) is
 * one date for the whole measure, answered for by its lead executor: only the lead may ask
 * to move it. Each executor organisation — lead or co-executor — owes its own report per
 * period (a `reports` row with its own due day): that due day is its own part, and it may
 * ask to move that, which moves nothing for anyone else. So a co-executor's request always
 * names one of its own owed reports; a lead's names a control date or one of its reports.
 *
 * What a move may not do. It names the date it moves (the nominal control date, stable
 * across regenerations because dates are regenerated from the text) and moves exactly that
 * one. It never moves a date already met (its period's lead report accepted) or one before
 * the control start, never lands on another control date of the measure (no duplicates),
 * and never jumps past the next one (that would silently merge two obligations: the next
 * date must be moved first, or instead).
 */
import { effectiveDueDate } from '../calendar/index.js';
import { formatRuDate } from '../deadlines/describe.js';
import type { ControlDate } from '../deadlines/types.js';
import { DomainError } from '../errors.js';

/** A move an approved extension made: the nominal date `from` (as the deadline gives it) is now `to`. */
export interface DeadlineMove {
  from: string;
  to: string;
  extensionId?: number;
}

/** A control date of the measure as the service loads it. */
export interface DuePoint {
  nominal: string;
  effective: string;
  label: string | null;
  met: boolean;
  counted: boolean;
}

/** A report an organisation owes, as the service loads it. */
export interface OwedReportPoint {
  reportId: number;
  organisationId: number;
  periodLabel: string;
  dueOn: string;
  state: string;
  counted: boolean;
}

export type ExtensionTarget =
  | { kind: 'due'; nominal: string; effective: string; label: string }
  | { kind: 'report'; reportId: number; organisationId: number; dueOn: string; label: string };

/** Moves longer than this are asked to be confirmed and shown to the coordinator with a warning. */
export const LONG_MOVE_DAYS = 92;

const daysBetween = (a: string, b: string) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/**
 * The dates an executor organisation may ask to move: for the lead, the measure's open,
 * counted control dates; for every executor, its own reports not yet submitted.
 * @example extensionTargets({ role: 'co', organisationId: 7 }, points, reports) // only organisation 7's reports
 */
export function extensionTargets(
  executor: { role: 'lead' | 'co'; organisationId: number },
  points: DuePoint[],
  reports: OwedReportPoint[],
): ExtensionTarget[] {
  const out: ExtensionTarget[] = [];
  if (executor.role === 'lead') {
    for (const p of points) {
      if (p.met || !p.counted) continue;
      out.push({
        kind: 'due',
        nominal: p.nominal,
        effective: p.effective,
        label: `Срок исполнения ${formatRuDate(p.nominal)}${p.label ? ` (${p.label})` : ''}`,
      });
    }
  }
  for (const r of reports) {
    if (
      r.organisationId !== executor.organisationId ||
      !r.counted ||
      !['expected', 'draft', 'returned'].includes(r.state)
    )
      continue;
    out.push({
      kind: 'report',
      reportId: r.reportId,
      organisationId: r.organisationId,
      dueOn: r.dueOn,
      label: `Отчёт за ${r.periodLabel} (срок ${formatRuDate(r.dueOn)})`,
    });
  }
  return out;
}

/**
 * Refuses a move that cannot be made, in Russian: not later than the current date, onto
 * another control date, or past the next one. `others`: the measure's other control dates
 * (nominal); empty for a report's due day, which moves alone.
 */
export function assertMoveAllowed(current: string, requested: string, others: string[]): void {
  if (requested <= current) {
    throw new DomainError(
      'validation',
      'extension.date',
      `Новый срок должен быть позже действующего (${formatRuDate(current)})`,
      'requested date not later than current',
    );
  }
  if (others.includes(requested)) {
    throw new DomainError(
      'validation',
      'extension.duplicate',
      `На ${formatRuDate(requested)} уже есть контрольный срок этого мероприятия`,
      'requested date is another control date',
    );
  }
  const next = others.filter((d) => d > current).sort()[0];
  if (next && requested > next) {
    throw new DomainError(
      'validation',
      'extension.past_next',
      `Новый срок позже следующего контрольного срока (${formatRuDate(next)}): перенесите сначала его или выберите его вместо этого`,
      'requested date past the next control date',
    );
  }
}

/**
 * Warnings a move deserves (it is allowed, but someone should look twice): a move of more
 * than a quarter, a move past the plan's end.
 * @example moveWarnings('2026-10-01', '2028-10-01', '2027-12-31')
 * // ['Перенос на 731 дн. (более 3 месяцев)', 'Новый срок позже окончания плана (31.12.2027)']
 */
export function moveWarnings(current: string | null, requested: string, planEnd: string): string[] {
  const out: string[] = [];
  if (current) {
    const days = daysBetween(current, requested);
    if (days > LONG_MOVE_DAYS) out.push(`Перенос на ${days} дн. (более 3 месяцев)`);
  }
  if (requested > planEnd) out.push(`Новый срок позже окончания плана (${formatRuDate(planEnd)})`);
  return out;
}

/**
 * Applies approved moves to the execution dates a deadline gives: each date equal to a
 * move's `from` becomes its `to` (moved off days off like every due date). A move whose
 * date the deadline no longer gives (the text was changed since) does nothing.
 */
export function applyMoves(due: ControlDate[], moves: DeadlineMove[]): { due: ControlDate[]; moved: Set<string> } {
  const to = new Map(moves.map((m) => [m.from, m.to]));
  const moved = new Set<string>();
  const out = due.map((d) => {
    const target = to.get(d.nominal);
    if (!target) return d;
    moved.add(target);
    return { ...d, nominal: target, effective: effectiveDueDate(target) };
  });
  out.sort((a, b) => (a.nominal < b.nominal ? -1 : a.nominal > b.nominal ? 1 : 0));
  return { due: out, moved };
}

/**
 * The moves after one more: moving a date that an earlier move produced rewrites that move
 * (the original date maps to the newest), so the list stays one move per original date.
 */
export function addMove(moves: DeadlineMove[], move: DeadlineMove): DeadlineMove[] {
  const earlier = moves.find((m) => m.to === move.from);
  if (earlier) return moves.map((m) => (m === earlier ? { ...m, to: move.to, extensionId: move.extensionId } : m));
  return [...moves, move];
}
