import { describe, expect, it } from 'vitest';
import {
  formatDateRuLong,
  formatRangeRu,
  isoWeek,
  isoWeekday,
  planReminders,
  plural,
  type ControlDateRow,
  type MeasureRef,
  type OwedReportRow,
  type PlanWeekRow,
  type ReminderInput,
  type ReminderUser,
  type ReturnedReportRow,
} from './plan-reminders';

const PLAN = 'План мероприятий по поддержке СО НКО на 2025–2027 годы';
const m22: MeasureRef = {
  id: 5,
  number: '2.2',
  title: 'Организация культурно-просветительских мероприятий с участием СО НКО',
  planId: 1,
  planTitle: PLAN,
};
const m31: MeasureRef = {
  id: 8,
  number: '3.1',
  title: 'Размещение информации о мерах поддержки СО НКО на официальных сайтах',
  planId: 1,
  planTitle: PLAN,
};
const m23: MeasureRef = {
  id: 6,
  number: '2.3',
  title: 'Привлечение СО НКО к профилактике заболеваний',
  planId: 1,
  planTitle: PLAN,
};

const KULT = 5;
const ZDRAV = 3;
const SOC = 2;

function user(over: Partial<ReminderUser> & Pick<ReminderUser, 'id'>): ReminderUser {
  return {
    email: `u${over.id}@demo.local`,
    fullName: 'Петров Андрей Викторович',
    role: 'executor',
    organisationId: KULT,
    organisationName: 'Минкультуры',
    notifyEnabled: true,
    notifyDaysBefore: 3,
    ...over,
  };
}

const executor = user({ id: 3 });
const executor2 = user({
  id: 4,
  organisationId: ZDRAV,
  organisationName: 'Минздрав',
  fullName: 'Смирнова Ольга Николаевна',
});
const coordinator = user({
  id: 2,
  role: 'coordinator',
  organisationId: SOC,
  organisationName: 'Минсоцзащиты',
  fullName: 'Иванова Елена Сергеевна',
});

function cd(measure: MeasureRef, effective: string, over: Partial<ControlDateRow> = {}): ControlDateRow {
  return {
    measure,
    kind: 'due',
    effective,
    organisationId: KULT,
    openDue: '2025-06-30',
    status: null,
    closed: false,
    ...over,
  };
}
function rep(
  reportId: number,
  measure: MeasureRef,
  reportDue: string,
  over: Partial<OwedReportRow> = {},
): OwedReportRow {
  return {
    reportId,
    measure,
    organisationId: KULT,
    periodLabel: 'IV квартал 2025 г.',
    reportDue,
    state: 'expected',
    ...over,
  };
}

function input(over: Partial<ReminderInput>): ReminderInput {
  return {
    today: '2026-01-11',
    publicUrl: 'https://isp.example.ru',
    users: [executor, executor2, coordinator],
    controlDates: [],
    owedReports: [],
    returnedReports: [],
    planWeeks: [],
    sentKeys: new Set(),
    ...over,
  };
}

describe('dates and words', () => {
  it('writes dates as official documents do', () => {
    expect(formatDateRuLong('2016-12-28')).toBe('28 декабря 2016 г.');
    expect(formatDateRuLong('2026-01-05')).toBe('5 января 2026 г.');
    expect(formatRangeRu('2026-01-12', '2026-01-18')).toBe('12–18 января 2026 г.');
    expect(formatRangeRu('2026-01-26', '2026-02-01')).toBe('26 января – 1 февраля 2026 г.');
    expect(formatRangeRu('2025-12-29', '2026-01-04')).toBe('29 декабря 2025 г. – 4 января 2026 г.');
  });
  it('counts ISO weeks and weekdays', () => {
    expect(isoWeekday('2026-01-12')).toBe(1);
    expect(isoWeekday('2026-01-11')).toBe(7);
    expect(isoWeek('2026-01-12')).toBe('2026-W03');
    expect(isoWeek('2026-01-01')).toBe('2026-W01');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
  });
  it('declines nouns after numbers', () => {
    expect([1, 2, 5, 11, 12, 21, 22, 25, 111].map((n) => plural(n, 'срок', 'срока', 'сроков'))).toEqual([
      'срок',
      'срока',
      'сроков',
      'сроков',
      'сроков',
      'срок',
      'срока',
      'сроков',
      'сроков',
    ]);
  });
});

describe('digest of upcoming dates', () => {
  const rows = [
    cd(m22, '2026-01-12'),
    cd(m31, '2026-01-12', { openDue: '2025-01-31' }),
    cd(m31, '2026-02-02', { openDue: '2025-01-31' }), // beyond 3 days
    cd(m23, '2026-01-13', { status: 'done' }), // done: nothing to remind
    cd(m22, '2026-01-14', { openDue: '2026-02-01' }), // met: a later date is the open one
  ];

  it("lists every open date within the user's N days in one mail, in date order", () => {
    const out = planReminders(
      input({ controlDates: rows, owedReports: [rep(62, m22, '2026-01-14', { state: 'draft' })] }),
    );
    expect(out).toHaveLength(1);
    const n = out[0];
    expect(n).toMatchObject({ kind: 'upcoming', userId: 3, to: 'u3@demo.local', key: 'digest:3:2026-01-11:before' });
    expect(n.itemKeys).toEqual([
      'due:3:5:due:2026-01-12:before',
      'due:3:8:due:2026-01-12:before',
      'report:3:62:2026-01-14:before',
    ]);
    expect(n.subject).toBe('Напоминание: 3 срока в ближайшие 3 дня');
    expect(n.text).toContain('Здравствуйте, Андрей Викторович!');
    expect(n.text).toContain(
      'В ближайшие 3 дня наступают сроки по мероприятиям, в исполнении которых участвует Минкультуры:',
    );
    expect(n.text).toContain(
      '1. 12 января 2026 г. (завтра) — срок исполнения\n   № 2.2 Организация культурно-просветительских мероприятий с участием СО НКО\n   ' +
        PLAN +
        '\n   https://isp.example.ru/measures/5',
    );
    expect(n.text).toContain(
      '3. 14 января 2026 г. (через 3 дня) — отчёт за IV квартал 2025 г. (черновик не отправлен)',
    );
    expect(n.html).toContain('<a href="https://isp.example.ru/measures/8">№ 3.1 Размещение информации');
    expect(n.html).toContain('<b>12 января 2026 г. (завтра) — срок исполнения</b>');
  });

  it('announces each item once per date and sends at most one digest a day', () => {
    const first = planReminders(input({ controlDates: rows }));
    const sent = new Set([first[0].key, ...first[0].itemKeys]);
    expect(planReminders(input({ controlDates: rows, sentKeys: sent }))).toEqual([]);
    // The next day the same dates are not announced again; a newly reached one is.
    const next = planReminders(
      input({
        today: '2026-01-12',
        controlDates: [...rows, cd(m31, '2026-01-15', { openDue: '2025-01-31' })],
        sentKeys: sent,
      }),
    );
    expect(next.map((n) => n.itemKeys)).toEqual([['due:3:8:due:2026-01-15:before']]);
    // A second digest the same day is not sent even if a new item appeared after the first.
    expect(
      planReminders(
        input({ controlDates: [...rows, cd(m31, '2026-01-13', { openDue: '2025-01-31' })], sentKeys: sent }),
      ),
    ).toEqual([]);
  });

  it("follows each user's settings: days ahead, switched off, no e-mail", () => {
    const far = [cd(m31, '2026-02-02', { openDue: '2025-01-31' })];
    expect(planReminders(input({ controlDates: far }))).toEqual([]);
    const wide = planReminders(input({ users: [{ ...executor, notifyDaysBefore: 30 }], controlDates: far }));
    expect(wide[0].subject).toBe('Напоминание: 1 срок в ближайшие 30 дней');
    expect(planReminders(input({ users: [{ ...executor, notifyDaysBefore: 0 }], controlDates: rows }))).toEqual([]);
    expect(
      planReminders(input({ users: [{ ...executor, notifyDaysBefore: 0 }], controlDates: [cd(m22, '2026-01-11')] }))[0]
        .subject,
    ).toBe('Напоминание: 1 срок сегодня');
    expect(planReminders(input({ users: [{ ...executor, notifyEnabled: false }], controlDates: rows }))).toEqual([]);
    expect(planReminders(input({ users: [{ ...executor, email: null }], controlDates: rows }))).toEqual([]);
    // Coordinators and observers get no digests even when their organisation executes.
    expect(
      planReminders(
        input({
          users: [
            { ...executor, role: 'coordinator' },
            { ...executor, id: 9, role: 'observer' },
          ],
          controlDates: rows,
        }),
      ),
    ).toEqual([]);
  });

  it('skips closed measures and reports already submitted or accepted', () => {
    expect(
      planReminders(
        input({
          controlDates: [cd(m22, '2026-01-12', { closed: true }), cd(m31, '2026-01-12', { openDue: null })],
          owedReports: [
            rep(1, m22, '2026-01-12', { state: 'submitted' }),
            rep(2, m22, '2026-01-12', { state: 'accepted' }),
          ],
        }),
      ),
    ).toEqual([]);
  });
});

describe('missed dates', () => {
  it('tells the executors of each organisation the day after, once', () => {
    const owed = [
      rep(62, m22, '2026-01-10'),
      rep(78, m23, '2026-01-10'),
      rep(77, m23, '2026-01-10', { organisationId: ZDRAV }),
    ];
    const out = planReminders(input({ owedReports: owed, kinds: ['missed'] }));
    expect(out.map((n) => [n.to, n.key, n.subject])).toEqual([
      ['u3@demo.local', 'digest:3:2026-01-11:missed', 'Пропущены сроки 10 января 2026 г.: 2 пункта'],
      [
        'u4@demo.local',
        'digest:4:2026-01-11:missed',
        'Пропущен срок 10 января 2026 г.: № 2.3 Привлечение СО НКО к профилактике заболеваний',
      ],
    ]);
    expect(out[0].itemKeys).toEqual(['report:3:62:2026-01-10:missed', 'report:3:78:2026-01-10:missed']);
    expect(out[0].text).toContain(
      'Вчера, 10 января 2026 г., истёк срок по мероприятиям, в исполнении которых участвует Минкультуры:',
    );
    expect(out[0].text).toContain('1. отчёт за IV квартал 2025 г. не представлен\n   № 2.2 Организация');
    const sent = new Set(out.flatMap((n) => [n.key, ...n.itemKeys]));
    expect(planReminders(input({ owedReports: owed, kinds: ['missed'], sentKeys: sent }))).toEqual([]);
  });

  it('reports a control date only while it is open, and not two days later', () => {
    const due = cd(m22, '2026-01-10');
    expect(planReminders(input({ controlDates: [due], kinds: ['missed'] }))[0].text).toContain(
      'срок исполнения истёк, исполнение не отмечено',
    );
    expect(planReminders(input({ controlDates: [{ ...due, status: 'done' }], kinds: ['missed'] }))).toEqual([]);
    expect(planReminders(input({ controlDates: [{ ...due, openDue: '2026-04-10' }], kinds: ['missed'] }))).toEqual([]);
    expect(planReminders(input({ today: '2026-01-12', controlDates: [due], kinds: ['missed'] }))).toEqual([]);
  });
});

describe('weekly summary', () => {
  const weeks: PlanWeekRow[] = [
    { planId: 1, planTitle: PLAN, ownerOrganisationId: SOC, overdue: 7, dueThisWeek: 2, awaitingReview: 1 },
    {
      planId: 2,
      planTitle: 'Поручения Координационного совета',
      ownerOrganisationId: SOC,
      overdue: 0,
      dueThisWeek: 0,
      awaitingReview: 0,
    },
    {
      planId: 3,
      planTitle: 'План Минздрава',
      ownerOrganisationId: ZDRAV,
      overdue: 1,
      dueThisWeek: 0,
      awaitingReview: 0,
    },
  ];
  it('goes to the coordinators of the owning organisation on Mondays, once a week', () => {
    const out = planReminders(input({ today: '2026-01-12', planWeeks: weeks }));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({
      kind: 'weekly',
      userId: 2,
      key: 'weekly:2:2026-W03',
      subject: 'Сводка на неделю 12–18 января 2026 г.: просрочено 7, на проверке 1',
    });
    expect(out[0].text).toContain(
      `Сводка по планам Минсоцзащиты на неделю 12–18 января 2026 г.:\n\n${PLAN}\n   просрочено мероприятий: 7\n   срок на этой неделе: 2\n   отчётов ждут проверки: 1\n   https://isp.example.ru/plans/1`,
    );
    expect(out[0].text).not.toContain('Поручения');
    expect(planReminders(input({ today: '2026-01-13', planWeeks: weeks }))).toEqual([]);
    expect(
      planReminders(input({ today: '2026-01-12', planWeeks: weeks, sentKeys: new Set(['weekly:2:2026-W03']) })),
    ).toEqual([]);
  });
});

describe('returned reports', () => {
  const returned: ReturnedReportRow = {
    reportId: 62,
    returnVersion: 4,
    measure: m22,
    organisationId: KULT,
    organisationName: 'Минкультуры',
    periodLabel: 'IV квартал 2025 г.',
    comment: 'Уточните число мероприятий <и> участников',
  };
  it("tells the executors of the report's organisation, once per return", () => {
    const out = planReminders(input({ returnedReports: [returned], kinds: ['returned'] }));
    expect(out.map((n) => [n.to, n.key])).toEqual([['u3@demo.local', 'returned:3:62:4']]);
    expect(out[0].subject).toBe(
      'Отчёт возвращён на доработку: № 2.2 Организация культурно-просветительских мероприятий с участием…',
    );
    expect(out[0].text).toContain('Отчёт Минкультуры за IV квартал 2025 г. возвращён на доработку.');
    expect(out[0].text).toContain('Комментарий: «Уточните число мероприятий <и> участников»');
    expect(out[0].html).toContain('Комментарий: «Уточните число мероприятий &lt;и&gt; участников»');
    expect(planReminders(input({ returnedReports: [returned], sentKeys: new Set(['returned:3:62:4']) }))).toEqual([]);
    // Returned again after a resubmission: a new notice.
    expect(
      planReminders(
        input({ returnedReports: [{ ...returned, returnVersion: 7 }], sentKeys: new Set(['returned:3:62:4']) }),
      ),
    ).toHaveLength(1);
  });
  it('plans only the kinds asked for', () => {
    expect(
      planReminders(
        input({ returnedReports: [returned], owedReports: [rep(62, m22, '2026-01-10')], kinds: ['returned'] }),
      ).map((n) => n.kind),
    ).toEqual(['returned']);
  });
});
