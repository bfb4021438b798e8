import { describe, expect, it } from 'vitest';
import { generatePeriods } from './periods';
import { owedPeriods, owedReports } from './obligations';
import { validateCustomPeriods } from './periods';
import { DomainError } from '../errors';
import { trafficLight } from './traffic-light';
import { gatherExecutionText, nextReportState } from './report-workflow';

describe('reporting periods', () => {
  it('splits a plan period into quarters with reports due on the 10th of the next month, or the next working day', () => {
    const q = generatePeriods('2024-01-01', '2025-12-31', 'quarter', 10);
    expect(q).toHaveLength(8);
    expect(q[0]).toEqual({
      label: 'I квартал 2024 г.',
      startsOn: '2024-01-01',
      endsOn: '2024-03-31',
      reportDue: '2024-04-10',
    });
    // 10.01.2026 is a Saturday: the report is due on Monday the 12th (ГК РФ ст. 193).
    expect(q[7]).toEqual({
      label: 'IV квартал 2025 г.',
      startsOn: '2025-10-01',
      endsOn: '2025-12-31',
      reportDue: '2026-01-12',
    });
  });
  it('clips the first and last period to a plan that starts mid-quarter', () => {
    const h = generatePeriods('2024-05-15', '2024-12-31', 'half', 5);
    expect(h.map((p) => [p.label, p.startsOn, p.endsOn, p.reportDue])).toEqual([
      ['I полугодие 2024 г.', '2024-05-15', '2024-06-30', '2024-07-05'],
      // 5 January 2025 falls in the New Year holidays: due on the first working day, the 9th.
      ['II полугодие 2024 г.', '2024-07-01', '2024-12-31', '2025-01-09'],
    ]);
    expect(generatePeriods('2024-01-01', '2024-03-31', 'month', 10).map((p) => p.label)).toEqual([
      'январь 2024 г.',
      'февраль 2024 г.',
      'март 2024 г.',
    ]);
    expect(generatePeriods('2024-01-01', '2025-12-31', 'year', 15).map((p) => p.reportDue)).toEqual([
      '2025-01-15',
      '2026-01-15',
    ]);
  });
});

describe('owed reports', () => {
  const periods = generatePeriods('2024-01-01', '2024-12-31', 'quarter', 10);
  it('owes a report in each period holding a control date', () => {
    expect(owedPeriods(periods, ['2024-06-30', '2024-12-31'], 'recurring').map((p) => p.label)).toEqual([
      'II квартал 2024 г.',
      'IV квартал 2024 г.',
    ]);
  });
  it('owes every period for continuous and unread deadlines, none for a far date inside the plan', () => {
    expect(owedPeriods(periods, [], 'continuous')).toHaveLength(4);
    expect(owedPeriods(periods, [], 'window')).toHaveLength(0);
    expect(owedPeriods(periods, ['2030-12-31'], 'window').map((p) => p.label)).toEqual(['IV квартал 2024 г.']);
  });
});

describe('traffic light', () => {
  const today = '2025-03-20';
  it('is green when done or closed, red when overdue, yellow when due soon, grey otherwise', () => {
    expect(trafficLight({ status: 'done', closed: false, openDue: '2025-01-01' }, today, 7)).toBe('green');
    expect(trafficLight({ status: null, closed: true, openDue: '2025-01-01' }, today, 7)).toBe('green');
    expect(trafficLight({ status: 'partial', closed: false, openDue: '2025-03-19' }, today, 7)).toBe('red');
    expect(trafficLight({ status: null, closed: false, openDue: '2025-03-27' }, today, 7)).toBe('yellow');
    expect(trafficLight({ status: null, closed: false, openDue: '2025-03-28' }, today, 7)).toBe('grey');
    expect(trafficLight({ status: null, closed: false, openDue: null }, today, 7)).toBe('grey');
  });
});

describe('report workflow', () => {
  it('walks submit → return → submit → accept', () => {
    let s = nextReportState('expected', 'save');
    expect(s).toBe('draft');
    s = nextReportState(s, 'submit');
    s = nextReportState(s, 'return');
    expect(s).toBe('returned');
    expect(nextReportState(s, 'save')).toBe('returned');
    s = nextReportState(s, 'submit');
    expect(nextReportState(s, 'accept')).toBe('accepted');
  });
  it('refuses what the state does not allow, in Russian', () => {
    expect(() => nextReportState('expected', 'accept')).toThrow('Действие недоступно: отчёт ожидается');
    expect(() => nextReportState('accepted', 'submit')).toThrow(/принят/);
  });
  it("gathers co-executors' parts under the lead's text", () => {
    expect(
      gatherExecutionText({ organisation: 'Минсоц', text: 'Проведено 3 совещания.' }, [
        { organisation: 'Минобр', text: 'Обучено 40 педагогов.' },
        { organisation: 'Минздрав', text: ' ' },
      ]),
    ).toBe('Минсоц: Проведено 3 совещания.\nМинобр: Обучено 40 педагогов.');
    expect(gatherExecutionText({ organisation: 'Минсоц', text: 'Выполнено.' }, [])).toBe('Выполнено.');
  });
});

describe("owed reports with the measure's own report schedule", () => {
  const quarters = generatePeriods('2024-01-01', '2024-12-31', 'quarter', 10);
  const labels = (o: { period: { label: string }; dueOn: string }[]) => o.map((x) => [x.period.label, x.dueOn]);

  it('«постоянно, ежегодно отчет до 25 декабря»: one report a year, due on the 25th of December', () => {
    expect(
      labels(owedReports(quarters, [], [{ effective: '2024-12-25', covers: '2024-12-25' }], 'continuous')),
    ).toEqual([['IV квартал 2024 г.', '2024-12-25']]);
  });

  it('a report due after the period it speaks of is owed for that period', () => {
    // «ежеквартально, отчёт до 5 числа месяца, следующего за отчётным кварталом»
    const reports = [
      { effective: '2024-04-05', covers: '2024-03-31' },
      { effective: '2024-07-05', covers: '2024-06-30' },
      { effective: '2024-10-07', covers: '2024-09-30' },
      { effective: '2025-01-09', covers: '2024-12-31' },
    ];
    const due = ['2024-04-01', '2024-07-01', '2024-09-30', '2024-12-31'];
    expect(labels(owedReports(quarters, due, reports, 'recurring'))).toEqual([
      ['I квартал 2024 г.', '2024-04-05'],
      ['II квартал 2024 г.', '2024-07-05'],
      ['III квартал 2024 г.', '2024-10-07'],
      ['IV квартал 2024 г.', '2025-01-09'],
    ]);
    // «до 1 марта года, следующего за отчётным»: the annual report is owed for the last quarter, due in March.
    expect(
      labels(owedReports(quarters, [], [{ effective: '2025-03-03', covers: '2024-12-31' }], 'continuous')),
    ).toEqual([['IV квартал 2024 г.', '2025-03-03']]);
  });

  it("keeps the plan's report day for periods the schedule does not speak of, and owes both", () => {
    // An execution date in II quarter and a report date in IV: two reports.
    expect(
      labels(owedReports(quarters, ['2024-05-31'], [{ effective: '2024-12-20', covers: '2024-12-20' }], 'deadline')),
    ).toEqual([
      ['II квартал 2024 г.', '2024-07-10'],
      ['IV квартал 2024 г.', '2024-12-20'],
    ]);
    // Several report dates in one period: the latest is the due day.
    expect(
      labels(
        owedReports(
          quarters,
          [],
          [
            { effective: '2024-02-05', covers: '2024-02-05' },
            { effective: '2024-03-05', covers: '2024-03-05' },
          ],
          'recurring',
        ),
      ),
    ).toEqual([['I квартал 2024 г.', '2024-03-05']]);
    // Without any schedule: every period, on the plan's day.
    expect(owedReports(quarters, [], [], 'continuous').map((o) => o.dueOn)).toEqual([
      '2024-04-10',
      '2024-07-10',
      '2024-10-10',
      '2025-01-10',
    ]);
  });
});

describe('periods set by hand', () => {
  const p = (label: string, startsOn: string, endsOn: string, reportDue: string) => ({
    label,
    startsOn,
    endsOn,
    reportDue,
  });
  it('sorts and trims valid periods', () => {
    expect(
      validateCustomPeriods(
        [
          p(' 9  месяцев 2025 г.', '2025-07-01', '2025-09-30', '2025-10-15'),
          p('I полугодие 2025 г.', '2025-01-01', '2025-06-30', '2025-07-15'),
        ],
        '2025-01-01',
        '2025-12-31',
      ).map((x) => x.label),
    ).toEqual(['I полугодие 2025 г.', '9 месяцев 2025 г.']);
  });
  it('names every problem in one Russian message', () => {
    try {
      validateCustomPeriods(
        [
          p('Первый', '2025-01-01', '2025-06-30', '2025-06-01'),
          p('Второй', '2025-06-01', '2026-02-01', '2026-02-10'),
          p('первый', '2025-09-01', '2025-08-01', '2025-10-01'),
        ],
        '2025-01-01',
        '2025-12-31',
      );
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      const m = (e as DomainError).message;
      expect(m).toContain('период «Первый»: срок отчёта (01.06.2025) раньше окончания периода');
      expect(m).toContain('период «Второй» выходит за срок плана (01.01.2025 – 31.12.2025)');
      expect(m).toContain('период «первый» указан дважды');
      expect(m).toContain('период «первый»: начало (01.09.2025) позже окончания (01.08.2025)');
      expect(m).toContain('периоды «Первый» и «Второй» пересекаются');
    }
    expect(() => validateCustomPeriods([], '2025-01-01', '2025-12-31')).toThrow('нужен хотя бы один период');
  });
});
