import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { bindRelative, expandSchedule, parseDeadline, summarizeForCli } from './index.js';
import type { PlanPeriod, RelativeTerm } from './types.js';

const P24: PlanPeriod = ['2024-01-01', '2024-12-31'];
const P2425: PlanPeriod = ['2024-01-01', '2025-12-31'];
const expand = (text: string, period: PlanPeriod) => expandSchedule(parseDeadline(text, { period }), period);

describe('expandSchedule: nominal and effective dates', () => {
  it('moves a due date off weekends and holidays (ГК РФ ст. 193), using the 2024 transfers', () => {
    expect(expand('ежеквартально', P24).due).toEqual([
      { nominal: '2024-03-31', effective: '2024-04-01', label: 'I квартал 2024 г.' },
      { nominal: '2024-06-30', effective: '2024-07-01', label: 'II квартал 2024 г.' },
      { nominal: '2024-09-30', effective: '2024-09-30', label: 'III квартал 2024 г.' },
      { nominal: '2024-12-31', effective: '2025-01-09', label: 'IV квартал 2024 г.' },
    ]);
    // 28.12.2024 is a working Saturday: it stays.
    expect(expand('до 28 декабря 2024 г.', P24).due).toEqual([{ nominal: '2024-12-28', effective: '2024-12-28' }]);
    expect(expand('до 2 мая 2025 г.', P2425).due[0]).toEqual({ nominal: '2025-05-02', effective: '2025-05-05' });
  });

  it('labels windows and periods in Russian', () => {
    expect(expand('II-III квартал 2025 г.', P2425).due[0].label).toBe('II–III квартал 2025 г.');
    expect(expand('2023-2030 гг.', P2425).due[0]).toMatchObject({ nominal: '2030-12-31', label: '2023–2030 гг.' });
    expect(expand('март 2024', P24).due[0].label).toBe('март 2024 г.');
    expect(expand('I полугодие 2024 г.', P24).due[0].label).toBe('I полугодие 2024 г.');
    expect(expand('ежемесячно', P24).due[1].label).toBe('февраль 2024 г.');
  });

  it('dates a window on its last day, even past the plan period', () => {
    expect(summarizeForCli(parseDeadline('2023-2030 гг.', { period: P2425 })).due).toEqual(['2030-12-31']);
  });

  it('repeats yearless terms over the years of the period, inside the period only', () => {
    const period: PlanPeriod = ['2024-07-01', '2025-06-30'];
    expect(expand('до 1 августа', period).due.map((d) => d.nominal)).toEqual(['2024-08-01']);
    expect(expand('4 квартал', period).due.map((d) => d.nominal)).toEqual(['2024-12-31']);
    expect(expand('ежеквартально', period).due.map((d) => d.nominal)).toEqual([
      '2024-09-30',
      '2024-12-31',
      '2025-03-31',
      '2025-06-30',
    ]);
  });

  it('lets the report for the last period fall after the period', () => {
    const e = expand('ежеквартально до 10 числа месяца, следующего за отчетным кварталом', P24);
    expect(e.reports.map((d) => d.nominal)).toEqual(['2024-04-10', '2024-07-10', '2024-10-10', '2025-01-10']);
    expect(e.reports[3]).toEqual({
      nominal: '2025-01-10',
      effective: '2025-01-10',
      label: 'отчёт за IV квартал 2024 г.',
      covers: '2024-12-31',
    });
    expect(e.reports[0].effective).toBe('2024-04-10');
  });

  it('keeps a recurrence inside the range written beside it', () => {
    expect(expand('ежемесячно в течение 2025 года', P2425).due).toHaveLength(12);
    expect(expand('ежемесячно в течение 2025 года', P2425).due[0].nominal).toBe('2025-01-31');
    expect(expand('ежеквартально в 2030 году', P2425).due).toEqual([]);
  });

  it('sorts and removes duplicates', () => {
    expect(expand('IV квартал 2024 г., до 31 декабря 2024 г., 1 марта 2024 г.', P24).due.map((d) => d.nominal)).toEqual(
      ['2024-03-01', '2024-12-31'],
    );
  });

  it('lists the terms without dates as pending', () => {
    expect(expand('постоянно, по отдельному плану', P24).pending).toEqual([
      { kind: 'continuous', text: 'постоянно' },
      { kind: 'unspecified', text: 'по отдельному плану' },
    ]);
    expect(expand('в течение 5 рабочих дней после заседания', P24).pending).toEqual([
      { kind: 'relative', text: 'в течение 5 рабочих дней после заседания' },
    ]);
    expect(expand('еженедельно', P24)).toMatchObject({
      kind: 'recurring',
      due: [],
      pending: [{ kind: 'recurring', text: 'еженедельно' }],
    });
  });

  it('uses the schedule’s own period by default', () => {
    const s = parseDeadline('ежегодно', { period: P2425 });
    expect(expandSchedule(s).due.map((d) => d.nominal)).toEqual(['2024-12-31', '2025-12-31']);
  });

  it('rejects a malformed period with a validation error', () => {
    const s = parseDeadline('ежегодно', { period: P24 });
    expect(() => expandSchedule(s, ['2024-12-31', '2024-01-01'])).toThrow(DomainError);
    expect(() => expandSchedule(s, ['2024-13-01', '2024-12-31'])).toThrow(/Период плана/);
    expect(() => expandSchedule(s, ['1900-01-01', '2100-12-31'])).toThrow(DomainError);
  });
});

describe('bindRelative', () => {
  it('counts working days after the event, skipping the 2024 May holidays', () => {
    const s = parseDeadline('в течение 5 рабочих дней после заседания', { period: P24 });
    const bound = bindRelative(s, '2024-04-26');
    // 27.04 (working Saturday), 02.05, 03.05, 06.05, 07.05
    expect((bound.terms[0] as RelativeTerm).bound).toEqual({ eventDate: '2024-04-26', due: '2024-05-07' });
    expect(expandSchedule(bound).due).toEqual([{ nominal: '2024-05-07', effective: '2024-05-07' }]);
    expect(bound.kind).toBe('relative');
  });

  it('counts calendar days and moves the result off a day off', () => {
    const s = parseDeadline('В течение 5 дней после дня проведения заседания', { period: P24 });
    expect(expandSchedule(bindRelative(s, '2024-12-27')).due).toEqual([
      { nominal: '2025-01-01', effective: '2025-01-09' },
    ]);
  });

  it('counts months to the same day, or the month’s last day (ГК РФ ст. 192)', () => {
    const s = parseDeadline('в течение месяца после поступления информации', { period: P24 });
    expect(expandSchedule(bindRelative(s, '2024-01-31')).due[0].nominal).toBe('2024-02-29');
  });

  it('goes back for «за N дней до …» and never slides a date later', () => {
    const s = parseDeadline('за 5 рабочих дней до заседания', { period: P24 });
    expect(expandSchedule(bindRelative(s, '2024-05-13')).due).toEqual([
      { nominal: '2024-05-02', effective: '2024-05-02' },
    ]);
    const cal = parseDeadline('не позднее чем за 10 дней до заседания', { period: P24 });
    // 11.05.2024 − 10 days = 01.05.2024 (holiday) → the working day before: 27.04 (working Saturday)
    expect(expandSchedule(bindRelative(cal, '2024-05-11')).due).toEqual([
      { nominal: '2024-05-01', effective: '2024-04-27' },
    ]);
  });

  it('leaves the input schedule and other terms alone', () => {
    const s = parseDeadline('в течение 10 дней со дня подписания, отчет до 1 декабря', { period: P24 });
    const bound = bindRelative(s, '2024-03-01');
    expect((s.terms[0] as RelativeTerm).bound).toBeUndefined();
    expect(bound.reports).toEqual(s.reports);
    expect(summarizeForCli(bound)).toEqual({
      kind: 'relative',
      due: ['2024-03-11'],
      reports: ['2024-12-01'],
      offset: { amount: 10, unit: 'day' },
    });
  });

  it('rejects a bad event date', () => {
    const s = parseDeadline('в течение 10 дней', { period: P24 });
    expect(() => bindRelative(s, '01.03.2024')).toThrow(RangeError);
  });
});

describe('summarizeForCli', () => {
  it('gives the golden shape with nominal dates and the offset only for relative schedules', () => {
    expect(summarizeForCli(parseDeadline('1 раз в полугодие', { period: ['2017-01-01', '2017-12-31'] }))).toEqual({
      kind: 'recurring',
      due: ['2017-06-30', '2017-12-31'],
      reports: [],
      offset: null,
    });
    expect(
      summarizeForCli(parseDeadline('Постоянно в течение 10 рабочих дней со дня создания', { period: P24 })),
    ).toEqual({
      kind: 'relative',
      due: [],
      reports: [],
      offset: { amount: 10, unit: 'workday' },
    });
    expect(summarizeForCli(parseDeadline('до 31 декабря 2024 г.', { period: P24 })).due).toEqual(['2024-12-31']);
  });
});
