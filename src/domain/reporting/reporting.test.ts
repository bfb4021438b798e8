import { describe, expect, it } from 'vitest';
import { generatePeriods } from './periods';
import { owedPeriods } from './obligations';
import { trafficLight } from './traffic-light';
import { gatherExecutionText, nextReportState } from './report-workflow';

describe('reporting periods', () => {
  it('splits a plan period into quarters with reports due on the 10th of the next month', () => {
    const q = generatePeriods('2024-01-01', '2025-12-31', 'quarter', 10);
    expect(q).toHaveLength(8);
    expect(q[0]).toEqual({ label: 'I квартал 2024 г.', startsOn: '2024-01-01', endsOn: '2024-03-31', reportDue: '2024-04-10' });
    expect(q[7]).toEqual({ label: 'IV квартал 2025 г.', startsOn: '2025-10-01', endsOn: '2025-12-31', reportDue: '2026-01-10' });
  });
  it('clips the first and last period to a plan that starts mid-quarter', () => {
    const h = generatePeriods('2024-05-15', '2024-12-31', 'half', 5);
    expect(h.map((p) => [p.label, p.startsOn, p.endsOn, p.reportDue])).toEqual([
      ['I полугодие 2024 г.', '2024-05-15', '2024-06-30', '2024-07-05'],
      ['II полугодие 2024 г.', '2024-07-01', '2024-12-31', '2025-01-05'],
    ]);
    expect(generatePeriods('2024-01-01', '2024-03-31', 'month', 10).map((p) => p.label)).toEqual(['январь 2024 г.', 'февраль 2024 г.', 'март 2024 г.']);
    expect(generatePeriods('2024-01-01', '2025-12-31', 'year', 15).map((p) => p.reportDue)).toEqual(['2025-01-15', '2026-01-15']);
  });
});

describe('owed reports', () => {
  const periods = generatePeriods('2024-01-01', '2024-12-31', 'quarter', 10);
  it('owes a report in each period holding a control date', () => {
    expect(owedPeriods(periods, ['2024-06-30', '2024-12-31'], 'recurring').map((p) => p.label)).toEqual(['II квартал 2024 г.', 'IV квартал 2024 г.']);
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
  it('gathers co-executors\' parts under the lead\'s text', () => {
    expect(gatherExecutionText({ organisation: 'Минсоц', text: 'Проведено 3 совещания.' }, [{ organisation: 'Минобр', text: 'Обучено 40 педагогов.' }, { organisation: 'Минздрав', text: ' ' }]))
      .toBe('Минсоц: Проведено 3 совещания.\nМинобр: Обучено 40 педагогов.');
    expect(gatherExecutionText({ organisation: 'Минсоц', text: 'Выполнено.' }, [])).toBe('Выполнено.');
  });
});
