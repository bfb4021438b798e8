/**
 * The bell's share of the daily reminders: one notice per approaching date (a control date
 * or an owed report due within the user's «за N дней») and one per date missed yesterday,
 * for every executor user — with or without an e-mail address, whether or not they take
 * reminder e-mails. Each carries a dedupe key, so the job may run any number of times.
 * Pure: rows in, notices out.
 */
import { addDaysIso } from '../reporting/dates.js';
import type { InAppNotice } from '../notifications/events.js';
import { measureLabel, shortPlanTitle } from '../naming/plan-title.js';
import {
  formatDateRuLong,
  isControlDateOpen,
  relative,
  type ControlDateRow,
  type OwedReportRow,
  type ReminderUser,
} from './plan-reminders.js';

export interface AddressedNotice extends InAppNotice {
  userId: number;
  dedupeKey: string;
}

export interface InAppReminderInput {
  today: string;
  /** Active users of the region (any address, any e-mail setting). */
  users: ReminderUser[];
  controlDates: ControlDateRow[];
  owedReports: OwedReportRow[];
}

/** Days ahead the bell announces a date when the user has turned e-mail reminders off (their «за N дней» still applies otherwise). */
const DEFAULT_DAYS = 3;

const OPEN: ReadonlySet<string> = new Set(['expected', 'draft', 'returned']);

/**
 * @example planInAppReminders({ today: '2026-01-11', users, controlDates, owedReports })
 * // [{ userId: 3, kind: 'due_soon', title: 'Срок отчёта — 12 января 2026 г. (завтра)', dedupeKey: 'inapp:report:3:41:2026-01-12:soon', … }]
 */
export function planInAppReminders(input: InAppReminderInput): AddressedNotice[] {
  const { today } = input;
  const yesterday = addDaysIso(today, -1);
  const out: AddressedNotice[] = [];
  const where = (m: ControlDateRow['measure']) => `${measureLabel(m, 140)} · ${shortPlanTitle(m.planTitle, 70)}`;
  for (const u of input.users) {
    if (u.role !== 'executor') continue;
    const days = u.notifyEnabled ? Math.max(0, Math.min(30, u.notifyDaysBefore)) : DEFAULT_DAYS;
    const until = addDaysIso(today, days);
    const seen = new Set<string>();
    const push = (n: AddressedNotice) => {
      if (!seen.has(n.dedupeKey)) {
        seen.add(n.dedupeKey);
        out.push(n);
      }
    };
    for (const r of input.owedReports) {
      if (r.organisationId !== u.organisationId || !OPEN.has(r.state)) continue;
      const base = { userId: u.id, planId: r.measure.planId, measureId: r.measure.id, reportId: r.reportId };
      if (r.reportDue >= today && r.reportDue <= until) {
        push({
          ...base,
          kind: 'due_soon',
          dedupeKey: `inapp:report:${u.id}:${r.reportId}:${r.reportDue}:soon`,
          title: `Срок отчёта за ${r.periodLabel} — ${formatDateRuLong(r.reportDue)} (${relative(today, r.reportDue)})`,
          body: where(r.measure),
        });
      } else if (r.reportDue === yesterday) {
        push({
          ...base,
          kind: 'overdue',
          dedupeKey: `inapp:report:${u.id}:${r.reportId}:${r.reportDue}:missed`,
          title: `Пропущен срок отчёта за ${r.periodLabel} (${formatDateRuLong(r.reportDue)})`,
          body: where(r.measure),
        });
      }
    }
    for (const c of input.controlDates) {
      if (c.organisationId !== u.organisationId || c.kind !== 'due' || !isControlDateOpen(c, c.effective)) continue;
      const base = { userId: u.id, planId: c.measure.planId, measureId: c.measure.id };
      if (c.effective >= today && c.effective <= until) {
        push({
          ...base,
          kind: 'due_soon',
          dedupeKey: `inapp:due:${u.id}:${c.measure.id}:${c.effective}:soon`,
          title: `Срок исполнения — ${formatDateRuLong(c.effective)} (${relative(today, c.effective)})`,
          body: where(c.measure),
        });
      } else if (c.effective === yesterday) {
        push({
          ...base,
          kind: 'overdue',
          dedupeKey: `inapp:due:${u.id}:${c.measure.id}:${c.effective}:missed`,
          title: `Истёк срок исполнения ${formatDateRuLong(c.effective)}`,
          body: where(c.measure),
        });
      }
    }
  }
  return out;
}
