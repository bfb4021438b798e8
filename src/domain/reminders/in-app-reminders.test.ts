import { describe, expect, it } from 'vitest';
import { planInAppReminders } from './in-app-reminders.js';
import type { ControlDateRow, OwedReportRow, ReminderUser } from './plan-reminders.js';

const user = (over: Partial<ReminderUser> = {}): ReminderUser => ({
  id: 3,
  email: null,
  fullName: 'Петров Андрей Викторович',
  role: 'executor',
  organisationId: 10,
  organisationName: 'Минкультуры',
  notifyEnabled: true,
  notifyDaysBefore: 3,
  ...over,
});
const measure = {
  id: 5,
  number: '2.2',
  title: 'Организация выставок',
  planId: 1,
  planTitle: 'План мероприятий (далее – План) на 2026 год',
};
const report = (over: Partial<OwedReportRow> = {}): OwedReportRow => ({
  reportId: 41,
  measure,
  organisationId: 10,
  periodLabel: 'IV квартал 2025 г.',
  reportDue: '2026-01-12',
  state: 'expected',
  ...over,
});
const due = (over: Partial<ControlDateRow> = {}): ControlDateRow => ({
  measure,
  kind: 'due',
  effective: '2026-01-13',
  organisationId: 10,
  openDue: '2026-01-13',
  status: null,
  closed: false,
  ...over,
});

describe('planInAppReminders', () => {
  it('announces approaching report and control dates to executors without an e-mail address, once per date', () => {
    const out = planInAppReminders({
      today: '2026-01-11',
      users: [user()],
      controlDates: [due(), due()],
      owedReports: [report()],
    });
    expect(out.map((n) => [n.kind, n.title, n.dedupeKey])).toEqual([
      [
        'due_soon',
        'Срок отчёта за IV квартал 2025 г. — 12 января 2026 г. (завтра)',
        'inapp:report:3:41:2026-01-12:soon',
      ],
      ['due_soon', 'Срок исполнения — 13 января 2026 г. (через 2 дня)', 'inapp:due:3:5:2026-01-13:soon'],
    ]);
    expect(out[0].body).toBe('№ 2.2 Организация выставок · План мероприятий на 2026 год');
  });

  it('tells of a date missed yesterday, skips met dates, other organisations, written reports and non-executors', () => {
    const out = planInAppReminders({
      today: '2026-01-11',
      users: [user(), user({ id: 4, role: 'coordinator' })],
      controlDates: [
        due({ effective: '2026-01-10', openDue: '2026-01-10' }),
        due({ effective: '2026-01-12', openDue: '2026-03-31' }),
        due({ organisationId: 11 }),
      ],
      owedReports: [report({ state: 'submitted' }), report({ reportId: 42, reportDue: '2026-01-10', state: 'draft' })],
    });
    expect(out.map((n) => [n.userId, n.kind, n.dedupeKey])).toEqual([
      [3, 'overdue', 'inapp:report:3:42:2026-01-10:missed'],
      [3, 'overdue', 'inapp:due:3:5:2026-01-10:missed'],
    ]);
  });

  it("uses the user's «за N дней», or three days when e-mail reminders are off", () => {
    const far = report({ reportDue: '2026-01-20' });
    expect(
      planInAppReminders({
        today: '2026-01-11',
        users: [user({ notifyDaysBefore: 10 })],
        controlDates: [],
        owedReports: [far],
      }),
    ).toHaveLength(1);
    expect(
      planInAppReminders({
        today: '2026-01-11',
        users: [user({ notifyEnabled: false, notifyDaysBefore: 10 })],
        controlDates: [],
        owedReports: [far],
      }),
    ).toHaveLength(0);
  });
});
