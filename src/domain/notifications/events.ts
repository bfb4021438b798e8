/**
 * What the bell says about an event: a short title and one line of body, in Russian, from
 * the event's facts. Pure; the service writes one row per recipient in the same
 * transaction as the event (a report returned or accepted, an extension decided, a new
 * assignment, a reminder from the coordinator).
 */
import { measureLabel, shortPlanTitle } from '../naming/plan-title.js';
import { formatDateRuLong, plural } from '../reminders/plan-reminders.js';

export type InAppKind =
  | 'report_returned'
  | 'report_accepted'
  | 'extension_approved'
  | 'extension_rejected'
  | 'assigned'
  | 'due_soon'
  | 'overdue'
  | 'reminder';

export const IN_APP_KINDS: readonly InAppKind[] = [
  'report_returned',
  'report_accepted',
  'extension_approved',
  'extension_rejected',
  'assigned',
  'due_soon',
  'overdue',
  'reminder',
];

/** A notice before it is addressed to users. */
export interface InAppNotice {
  kind: InAppKind;
  title: string;
  body: string;
  planId?: number | null;
  measureId?: number | null;
  reportId?: number | null;
  /** Makes writing it idempotent (the job); the recipient's id is appended per row. */
  dedupeKey?: string | null;
}

export interface MeasureFacts {
  id: number;
  number: string;
  title: string;
  planId: number;
  planTitle: string;
}

const where = (m: MeasureFacts) => `${measureLabel(m, 140)} · ${shortPlanTitle(m.planTitle, 70)}`;
const quoted = (s: string | null | undefined, max = 300) => {
  const t = (s ?? '').replace(/\s+/g, ' ').trim();
  return t.length > max ? `«${t.slice(0, max)}…»` : `«${t}»`;
};

/**
 * @example reportReviewedNotice('return', { measure, reportId: 7, periodLabel: 'I квартал 2025 г.', comment: 'Укажите число участников' }).title
 * // 'Отчёт за I квартал 2025 г. возвращён на доработку'
 */
export function reportReviewedNotice(
  decision: 'return' | 'accept',
  f: { measure: MeasureFacts; reportId: number; periodLabel: string; comment?: string | null },
): InAppNotice {
  const comment = f.comment?.trim();
  if (decision === 'return') {
    return {
      kind: 'report_returned',
      title: `Отчёт за ${f.periodLabel} возвращён на доработку`,
      body: `${comment ? `Что доработать: ${quoted(comment)}. ` : ''}${where(f.measure)}`,
      planId: f.measure.planId,
      measureId: f.measure.id,
      reportId: f.reportId,
    };
  }
  return {
    kind: 'report_accepted',
    title: `Отчёт за ${f.periodLabel} принят`,
    body: `${comment ? `Комментарий: ${quoted(comment)}. ` : ''}${where(f.measure)}`,
    planId: f.measure.planId,
    measureId: f.measure.id,
    reportId: f.reportId,
  };
}

export function extensionDecidedNotice(
  approved: boolean,
  f: { measure: MeasureFacts; requestedDue: string; currentDue: string | null; comment?: string | null },
): InAppNotice {
  const comment = f.comment?.trim();
  const move = `${f.currentDue ? `с ${formatDateRuLong(f.currentDue)} ` : ''}на ${formatDateRuLong(f.requestedDue)}`;
  return {
    kind: approved ? 'extension_approved' : 'extension_rejected',
    title: approved ? `Перенос срока согласован: ${move}` : `В переносе срока отказано (${move})`,
    body: `${comment ? `${approved ? 'Комментарий' : 'Причина'}: ${quoted(comment)}. ` : ''}${where(f.measure)}`,
    planId: f.measure.planId,
    measureId: f.measure.id,
  };
}

/** One measure newly assigned to an organisation (a measure added or its executors changed in an active plan). */
export function assignedNotice(f: { measure: MeasureFacts; role: 'lead' | 'co' }): InAppNotice {
  return {
    kind: 'assigned',
    title: f.role === 'lead' ? 'Вы назначены ответственным исполнителем' : 'Вы назначены соисполнителем',
    body: where(f.measure),
    planId: f.measure.planId,
    measureId: f.measure.id,
  };
}

/** A plan approved (made active): one notice per organisation with the number of its measures. */
export function planAssignedNotice(f: { planId: number; planTitle: string; lead: number; co: number }): InAppNotice {
  const n = f.lead + f.co;
  const parts = [f.lead ? `ответственный исполнитель — ${f.lead}` : '', f.co ? `соисполнитель — ${f.co}` : '']
    .filter(Boolean)
    .join(', ');
  return {
    kind: 'assigned',
    title: `Утверждён план: ${n} ${plural(n, 'мероприятие', 'мероприятия', 'мероприятий')} с вашим участием`,
    body: `${shortPlanTitle(f.planTitle, 120)} (${parts})`,
    planId: f.planId,
  };
}

/** «Напомнить исполнителю» from the dashboard's overdue list. */
export function reminderNotice(f: {
  measure: MeasureFacts;
  openDue: string | null;
  from: string;
  note?: string | null;
}): InAppNotice {
  const note = f.note?.trim();
  return {
    kind: 'reminder',
    title: f.openDue ? `Напоминание: срок ${formatDateRuLong(f.openDue)} пропущен` : 'Напоминание об исполнении',
    body: `${f.from} просит представить информацию об исполнении${note ? `: ${quoted(note)}` : ''}. ${where(f.measure)}`,
    planId: f.measure.planId,
    measureId: f.measure.id,
  };
}
