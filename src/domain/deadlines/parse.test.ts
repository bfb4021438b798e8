import { describe, expect, it } from 'vitest';
import { parseDeadline } from './index.js';
import type { PlanPeriod, RecurringTerm, RelativeTerm, WindowTerm } from './types.js';

const P: PlanPeriod = ['2024-01-01', '2025-12-31'];
const parse = (text: string, reference?: string) => parseDeadline(text, { period: P, reference });

describe('parseDeadline: the schedule keeps the text', () => {
  it('keeps the original text verbatim, line breaks included', () => {
    const text = 'постоянно, \nдоклад Губернатору Забайкальского края ежегодно\nдо 1 октября';
    const s = parse(text);
    expect(s.text).toBe(text);
    expect(s.period).toEqual(P);
  });

  it('gives every term the fragment it came from, whitespace-normalised', () => {
    const s = parse('до 15 апреля 2022\nI квартал 2023 г.');
    expect(s.terms.map((t) => t.source)).toEqual(['до 15 апреля 2022', 'I квартал 2023 г.']);
  });

  it('never returns an empty term list', () => {
    for (const text of ['', '   ', '—', 'по мере необходимости', 'отчет до 1 августа']) {
      expect(parse(text).terms.length, text).toBeGreaterThan(0);
    }
  });
});

describe('dates and deadlines', () => {
  it('reads numeric dates, with two-digit years', () => {
    expect(parse('1.07.24').terms[0]).toMatchObject({ kind: 'date', on: { year: 2024, month: 7, day: 1 } });
    expect(parse('до 01.07.2024').terms[0]).toMatchObject({ kind: 'deadline', by: { year: 2024, month: 7, day: 1 } });
  });

  it('reads every deadline preposition of the genre', () => {
    for (const text of [
      'до 1 мая 2022 года',
      'не позднее 1 мая 2022 г.',
      'В срок до 1 мая 2022 года',
      'в срок не позднее 01.05.2022',
      'к 1 мая 2022 г.',
      'по 1 мая 2022 года',
      'не позже 1 мая 2022',
    ]) {
      expect(parse(text).terms[0], text).toMatchObject({ kind: 'deadline', by: { year: 2022, month: 5, day: 1 } });
    }
  });

  it('reads «до конца …» as the end of the span and «до начала …» as its start', () => {
    expect(parse('до конца I квартала 2025 г.').terms[0]).toMatchObject({
      kind: 'deadline',
      by: { year: 2025, month: 3, day: 'end' },
    });
    expect(parse('до начала 2025 года').terms[0]).toMatchObject({
      kind: 'deadline',
      by: { year: 2025, month: 1, day: 1 },
    });
  });

  it('keeps a yearless day yearless (it repeats over the plan years when expanded)', () => {
    expect(parse('не позднее 15 марта').terms[0]).toMatchObject({
      kind: 'deadline',
      by: { year: null, month: 3, day: 15 },
    });
  });

  it('resolves «текущего года» only with a reference date', () => {
    expect(parse('до конца текущего года', '2025-06-01').terms[0]).toMatchObject({
      kind: 'deadline',
      by: { year: 2025, month: 12, day: 'end' },
    });
    expect(parse('до конца текущего года').kind).toBe('unspecified');
  });

  it('refuses impossible dates instead of correcting them', () => {
    expect(parse('до 31.02.2024').kind).toBe('unspecified');
    expect(parse('до 31 июня 2024 г.').kind).toBe('unspecified');
    expect(parse('до 29.02.2023').kind).toBe('unspecified');
  });
});

describe('windows', () => {
  const win = (text: string) => parse(text).terms[0] as WindowTerm;

  it('reads quarters in Roman, Arabic and ordinal forms, and ranges of them', () => {
    for (const text of [
      'IV квартал 2024 года',
      '4 кв. 2024 г.',
      'четвертый квартал 2024 г.',
      '4-й квартал 2024 года',
      'в IV квартале 2024 г.',
      'IVкв. 2024',
    ]) {
      expect(win(text), text).toMatchObject({
        kind: 'window',
        from: { year: 2024, month: 10, day: 1 },
        to: { year: 2024, month: 12, day: 'end' },
      });
    }
    for (const text of [
      'II-III квартал 2023 г.',
      '2 – 3 квартал 2023 года',
      '2 - 3 квартал 2023 года',
      'II—III кварталы 2023 г.',
    ]) {
      expect(win(text), text).toMatchObject({
        from: { year: 2023, month: 4 },
        to: { year: 2023, month: 9, day: 'end' },
      });
    }
  });

  it('reads half-years', () => {
    expect(win('I полугодие 2023')).toMatchObject({
      from: { year: 2023, month: 1 },
      to: { year: 2023, month: 6, day: 'end' },
    });
    expect(win('во втором полугодии 2024 года')).toMatchObject({
      from: { year: 2024, month: 7 },
      to: { year: 2024, month: 12 },
    });
    expect(win('2-е полугодие 2025 г.')).toMatchObject({ to: { year: 2025, month: 12 } });
  });

  it('reads months and month ranges, the year shared from the right', () => {
    expect(win('март – апрель 2024')).toMatchObject({
      from: { year: 2024, month: 3, day: 1 },
      to: { year: 2024, month: 4, day: 'end' },
    });
    expect(win('ноябрь – февраль 2025')).toMatchObject({
      from: { year: 2024, month: 11 },
      to: { year: 2025, month: 2 },
    });
    expect(win('с марта по май 2025 года')).toMatchObject({
      from: { year: 2025, month: 3 },
      to: { year: 2025, month: 5 },
    });
  });

  it('reads year ranges with any dash and year word', () => {
    for (const text of [
      '2022 г.- 2024г.',
      '2022-2024 гг.',
      '2022 – 2024 годы',
      '2022—2024',
      'С 2022 по 2024 гг.',
      'в 2022 - 2024 годах',
      '2022 год - 2024 год',
    ]) {
      expect(win(text), text).toMatchObject({
        kind: 'window',
        from: { year: 2022, month: 1, day: 1 },
        to: { year: 2024, month: 12, day: 'end' },
      });
    }
  });

  it('drops a year that only heads a narrower term of the same year', () => {
    const s = parse('2024 г. с 1 марта по 17 марта 2024 г.');
    expect(s.terms).toHaveLength(1);
    expect(s.terms[0]).toMatchObject({
      kind: 'window',
      from: { year: 2024, month: 3, day: 1 },
      to: { year: 2024, month: 3, day: 17 },
    });
    // …but keeps two years that are both terms
    expect(parse('2024 г. 2025 г.').terms).toHaveLength(2);
  });

  it('keeps a quarter without a year yearless', () => {
    expect(win('4 квартал')).toMatchObject({
      from: { year: null, month: 10 },
      to: { year: null, month: 12, day: 'end' },
    });
  });
});

describe('recurring', () => {
  const rec = (text: string) => parse(text).terms[0] as RecurringTerm;

  it('maps the frequency words, typos included', () => {
    expect(rec('ежемесячно').every).toBe('month');
    expect(rec('Ежеквартально').every).toBe('quarter');
    expect(rec('ежекватально').every).toBe('quarter');
    expect(rec('ежемесечно').every).toBe('month');
    expect(rec('ежегодно').every).toBe('year');
    expect(rec('ежеполугодно').every).toBe('half');
    expect(rec('раз в полугодие').every).toBe('half');
    expect(rec('раз в полгода').every).toBe('half');
    expect(rec('каждый квартал').every).toBe('quarter');
    expect(rec('по итогам года').every).toBe('year');
  });

  it('reads «N раз в год»: 2, 4, 12 are half-years, quarters, months; other N keep the year', () => {
    expect(rec('не реже, чем два раза в год')).toMatchObject({ every: 'half' });
    expect(rec('4 раза в год')).toMatchObject({ every: 'quarter' });
    expect(rec('не реже 12 раз в год')).toMatchObject({ every: 'month' });
    expect(rec('три раза в год')).toMatchObject({ every: 'year', times: 3 });
    expect(rec('дважды в год')).toMatchObject({ every: 'half' });
    expect(rec('не реже 2 раз в квартал')).toMatchObject({ every: 'quarter', times: 2 });
    expect(rec('1 раз в 2 года')).toMatchObject({ every: 'year', interval: 2 });
    expect(rec('раз в 3 месяца')).toMatchObject({ every: 'quarter' });
  });

  it('absorbs the day written next to the frequency', () => {
    expect(rec('ежегодно до 5 июля').at).toEqual({ type: 'dates', dates: [{ month: 7, day: 5 }] });
    expect(rec('Ежегодно I квартал').at).toEqual({ type: 'dates', dates: [{ month: 3, day: 'end' }] });
    expect(rec('до 1 марта ежегодно').at).toEqual({ type: 'dates', dates: [{ month: 3, day: 1 }] });
    expect(rec('ежемесячно до 25 числа').at).toEqual({ type: 'dayOfMonth', day: 25 });
  });

  it('sends «… следующего за отчетным» to the report schedule and keeps the period ends due', () => {
    const s = parse('ежемесячно до 5 числа месяца, следующего за отчетным');
    expect(s.terms[0]).toMatchObject({ kind: 'recurring', every: 'month', at: { type: 'end' } });
    expect(s.reports[0]).toMatchObject({
      kind: 'recurring',
      every: 'month',
      at: { type: 'afterPeriod', months: 1, day: 5 },
    });
    const y = parse('ежегодно до 1 марта года, следующего за отчетным');
    expect(y.reports[0]).toMatchObject({ every: 'year', at: { type: 'afterPeriod', months: 3, day: 1 } });
    const typo = parse('постоянно, отчет ежеквартально до 10 числа месяца, следующим за отчетным месяцем');
    expect(typo.reports[0]).toMatchObject({ every: 'quarter', at: { type: 'afterPeriod', months: 1, day: 10 } });
  });

  it('limits a recurrence to a year range written beside it', () => {
    expect(rec('ежеквартально в 2025 году').within).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(rec('2024-2025 гг. ежегодно').within).toEqual({ from: '2024-01-01', to: '2025-12-31' });
    // «далее» starts something new
    expect(parse('2024 г., далее ежегодно').terms.map((t) => t.kind)).toEqual(['window', 'recurring']);
  });
});

describe('report schedules', () => {
  it('moves a frequency just before «отчет» in the same clause to the reports', () => {
    const s = parse('постоянно, ежегодно отчет до 25 декабря');
    expect(s.kind).toBe('continuous');
    expect(s.terms.map((t) => t.kind)).toEqual(['continuous']);
    expect(s.reports).toHaveLength(1);
    expect(s.reports[0]).toMatchObject({
      kind: 'recurring',
      every: 'year',
      at: { type: 'dates', dates: [{ month: 12, day: 25 }] },
    });
  });

  it('keeps a frequency before the comma as the execution term', () => {
    const s = parse('ежегодно, отчет до 30 декабря');
    expect(s.kind).toBe('recurring');
    expect(s.terms[0]).toMatchObject({ kind: 'recurring', every: 'year', at: { type: 'end' } });
    expect(s.reports[0]).toMatchObject({ kind: 'deadline', by: { year: null, month: 12, day: 30 } });
  });

  it('is continuous when only reports are scheduled', () => {
    const s = parse('отчет до 1 августа, 25 декабря');
    expect(s.kind).toBe('continuous');
    expect(s.reports.map((t) => t.kind)).toEqual(['deadline', 'date']);
  });

  it('reads «доклад» and «информация» as report markers', () => {
    expect(parse('постоянно, доклад Губернатору ежегодно до 1 октября').reports).toHaveLength(1);
    expect(parse('информация ежеквартально').kind).toBe('continuous');
  });
});

describe('relative terms', () => {
  const relOf = (text: string) => parse(text).terms[0] as RelativeTerm;

  it('reads offsets in days, working days and months with the event text', () => {
    expect(
      relOf(
        'в течение 5 рабочих дней после поступления информации о результатах независимой оценки от Общественного совета',
      ),
    ).toMatchObject({
      kind: 'relative',
      offset: { amount: 5, unit: 'workday' },
      anchor: 'после поступления информации о результатах независимой оценки от Общественного совета',
      repeats: false,
    });
    expect(relOf('в течение месяца после поступления информации').offset).toEqual({ amount: 1, unit: 'month' });
    expect(relOf('В течение 5 дней после дня проведения заседания Координационного совета').anchor).toBe(
      'после дня проведения заседания Координационного совета',
    );
    expect(relOf('в течение 10 дней со дня подписания').offset).toEqual({ amount: 10, unit: 'day' });
    expect(relOf('в течение двух недель после утверждения').offset).toEqual({ amount: 14, unit: 'day' });
    expect(relOf('в течение 1 года после ввода').offset).toEqual({ amount: 12, unit: 'month' });
    expect(relOf('в десятидневный срок со дня получения').offset).toEqual({ amount: 10, unit: 'day' });
    expect(relOf('не позднее чем через 3 рабочих дня после заседания').offset).toEqual({ amount: 3, unit: 'workday' });
  });

  it('reads «за N дней до …» as a negative offset', () => {
    expect(relOf('не позднее чем за 10 дней до заседания')).toMatchObject({
      offset: { amount: -10, unit: 'day' },
      anchor: 'до заседания',
    });
  });

  it('lets «постоянно» make the relative term repeat, and keeps the anchor through commas', () => {
    const s = parse('Постоянно в течение 10 рабочих дней со дня создания, получения или изменения информации');
    expect(s.kind).toBe('relative');
    expect(s.terms).toHaveLength(1);
    expect(s.terms[0]).toMatchObject({ repeats: true, anchor: 'со дня создания, получения или изменения информации' });
  });

  it('does not read a date inside the event text', () => {
    const s = parse('в течение 30 дней со дня подписания соглашения от 17 ноября 2024 г.');
    expect(s.terms).toHaveLength(1);
    expect(s.kind).toBe('relative');
  });

  it('keeps brackets inside the event text', () => {
    const s = parse('в течение 5 дней после заседания (протокол от 01.02.2024), отчет до 1 марта');
    expect((s.terms[0] as RelativeTerm).anchor).toBe('после заседания (протокол от 01.02.2024)');
    expect(s.reports).toHaveLength(1);
  });

  it('needs a period', () => {
    expect(() => parseDeadline('ежегодно', {} as never)).toThrow(/период/i);
  });

  it('stops the event text where a new term starts after a comma', () => {
    const s = parse('в течение 10 дней после заседания, но не позднее 1 марта 2025 г.');
    expect(s.terms.map((t) => t.kind)).toEqual(['relative', 'deadline']);
    expect((s.terms[0] as RelativeTerm).anchor).toBe('после заседания');
  });
});

describe('unspecified: nothing is guessed', () => {
  it.each([
    'по мере необходимости',
    'В установленные сроки',
    'в сроки, установленные планом',
    'по согласованию',
    'по отдельному графику',
    'после утверждения бюджета на 2025 год',
    'до начала отопительного сезона',
    'при наличии финансирования в 2025 году',
    'до 1 числа',
    'в соответствии с приказом от 21.07.2011 № 86н',
    'до конца квартала',
    '12.1 12.8',
    'п. 3.1',
    'март',
    '',
  ])('%j', (text) => {
    const s = parseDeadline(text, { period: ['2024-01-01', '2025-12-31'] });
    if (text === 'март') {
      // a month alone is a (yearless) window: it has a month, so it is understood
      expect(s.kind).toBe('window');
      return;
    }
    expect(s.kind).toBe('unspecified');
    expect(s.terms.every((t) => t.kind === 'unspecified')).toBe(true);
    expect(s.reports).toEqual([]);
  });

  it('keeps the text it did not understand', () => {
    const s = parse('по мере утверждения результатов оценки');
    expect(s.terms[0]).toEqual({
      kind: 'unspecified',
      text: 'по мере утверждения результатов оценки',
      source: 'по мере утверждения результатов оценки',
    });
  });

  it('lets an understood term win over an unspecified one, whatever the order', () => {
    expect(parse('по мере необходимости, но не реже 1 раза в год').kind).toBe('recurring');
    expect(parse('Ежегодно, по мере утверждения результатов оценки').kind).toBe('recurring');
    expect(parse('постоянно, по отдельному плану').kind).toBe('continuous');
  });

  it('does not read a count as a year', () => {
    expect(parse('охват 2000 человек').kind).toBe('unspecified');
    expect(parse('2024 (при наличии средств)').kind).toBe('window');
  });

  it('does not turn a broken date into a year window', () => {
    expect(parse('до 1 двабря 2024').kind).toBe('unspecified');
    expect(parse('до 1 марта2024').kind).not.toBe('window');
  });
});

describe('several terms: the kind is the first understood term’s', () => {
  it.each([
    ['до 15 апреля 2022 I квартал 2023 г.', 'deadline'],
    ['I квартал 2022 г. до 1 мая 2023 г.', 'window'],
    ['два раза в год, отчет ежегодно до 30 декабря', 'recurring'],
    ['постоянно, ежеквартально', 'continuous'],
    ['30 декабря 2024 г., 30 июня 2025 г.', 'date'],
  ])('%j -> %s', (text, kind) => {
    expect(parse(text).kind).toBe(kind);
  });
});
