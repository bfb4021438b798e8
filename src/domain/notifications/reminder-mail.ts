/**
 * The e-mail of «Напомнить исполнителю»: one message to the executor organisation's people,
 * naming the measure as printed, the dates missed and the reports still owed, with a link.
 * Plain text and HTML from the same lines. Pure.
 */
import { measureLabel, shortPlanTitle } from '../naming/plan-title.js';
import { formatDateRuLong } from '../reminders/plan-reminders.js';
import type { MeasureFacts } from './events.js';

export interface ReminderMailInput {
  measure: MeasureFacts;
  organisationName: string;
  /** The earliest date not met. */
  openDue: string | null;
  /** Reports the organisation still owes for the measure, with their due days. */
  owed: { periodLabel: string; dueOn: string; returned: boolean }[];
  /** Who reminds: «Иванова Мария Петровна (Минсоцзащиты)». */
  from: string;
  note?: string | null;
  measureUrl: string;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * @example composeReminderMail({ measure, organisationName: 'Минкультуры', openDue: '2026-01-10', owed: [], from: 'Иванова М.П. (Минсоцзащиты)', measureUrl }).subject
 * // 'Напоминание: № 2.2 Организация выставок — срок 10 января 2026 г.'
 */
export function composeReminderMail(i: ReminderMailInput): { subject: string; text: string; html: string } {
  const label = measureLabel(i.measure, 90);
  const subject = `Напоминание: ${label}${i.openDue ? ` — срок ${formatDateRuLong(i.openDue)}` : ''}`;
  const lines: string[] = [
    `${i.organisationName}: ${i.from} напоминает о мероприятии`,
    measureLabel(i.measure, 1000),
    `План: ${shortPlanTitle(i.measure.planTitle, 300)}`,
  ];
  if (i.openDue) lines.push(`Срок, который не соблюдён: ${formatDateRuLong(i.openDue)}.`);
  const owed = i.owed.map(
    (o) =>
      `отчёт за ${o.periodLabel} — срок ${formatDateRuLong(o.dueOn)}${o.returned ? ' (возвращён на доработку)' : ''}`,
  );
  const note = i.note?.trim();
  const text = [
    'Здравствуйте!',
    '',
    ...lines,
    '',
    ...(owed.length ? ['Не представлены:', ...owed.map((o, n) => `${n + 1}. ${o}`), ''] : []),
    ...(note ? [`Комментарий: ${note}`, ''] : []),
    `Представьте информацию об исполнении: ${i.measureUrl}`,
    '',
    '—',
    'Письмо отправлено системой «Исполнение» по просьбе координатора плана.',
  ].join('\n');
  const html = `<!doctype html><html lang="ru"><head><meta charset="utf-8"></head><body style="font-family:Arial,sans-serif;font-size:14px;color:#1a1a1a">
<p>Здравствуйте!</p>
${lines.map((l, n) => (n === 1 ? `<p><a href="${escapeHtml(i.measureUrl)}"><b>${escapeHtml(l)}</b></a></p>` : `<p>${escapeHtml(l)}</p>`)).join('\n')}
${owed.length ? `<p>Не представлены:</p><ol>${owed.map((o) => `<li>${escapeHtml(o)}</li>`).join('')}</ol>` : ''}
${note ? `<p>Комментарий: ${escapeHtml(note)}</p>` : ''}
<p><a href="${escapeHtml(i.measureUrl)}">Представить информацию об исполнении</a></p>
<hr><p style="color:#777;font-size:12px">Письмо отправлено системой «Исполнение» по просьбе координатора плана.</p>
</body></html>
`;
  return { subject, text: `${text}\n`, html };
}
