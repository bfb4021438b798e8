import { describe, expect, it } from 'vitest';
import { describeSchedule, expandSchedule, formatRuDate, parseDeadline } from './index.js';
import type { PlanPeriod } from './types.js';

const P24: PlanPeriod = ['2024-01-01', '2024-12-31'];
const P2425: PlanPeriod = ['2024-01-01', '2025-12-31'];
const say = (text: string, period: PlanPeriod = P24) =>
  describeSchedule(expandSchedule(parseDeadline(text, { period }), period));

describe('describeSchedule', () => {
  it('lists dates in Russian format and shows where a date moved', () => {
    expect(say('ежеквартально')).toBe(
      '31.03.2024 (→ 01.04.2024), 30.06.2024 (→ 01.07.2024), 30.09.2024, 31.12.2024 (→ 09.01.2025)',
    );
  });

  it('says «до» for a deadline', () => {
    expect(say('до 01.07.2024')).toBe('до 01.07.2024');
  });

  it('adds the report schedule', () => {
    expect(say('ежеквартально до 10 числа месяца, следующего за отчетным кварталом')).toBe(
      '31.03.2024 (→ 01.04.2024), 30.06.2024 (→ 01.07.2024), 30.09.2024, 31.12.2024 (→ 09.01.2025); ' +
        'отчёт до 10.04.2024, 10.07.2024, 10.10.2024, 10.01.2025',
    );
    expect(say('постоянно, отчет ежегодно до 25 декабря', P2425)).toBe('постоянно; отчёт до 25.12.2024, 25.12.2025');
  });

  it('shortens long lists and gives their count', () => {
    expect(say('ежемесячно', P2425)).toBe(
      '31.01.2024, 29.02.2024, 31.03.2024 (→ 01.04.2024), … 31.12.2025 (→ 12.01.2026) (всего 24)',
    );
  });

  it('describes terms without dates by their text', () => {
    expect(say('в течение 5 рабочих дней после поступления информации')).toBe(
      'в течение 5 рабочих дней после поступления информации',
    );
    expect(say('по мере необходимости')).toBe('срок без даты: по мере необходимости');
    expect(say('')).toBe('срок не указан');
    expect(say('Ежегодно, по мере утверждения результатов оценки', P2425)).toBe(
      '31.12.2024 (→ 09.01.2025), 31.12.2025 (→ 12.01.2026) (по мере утверждения результатов оценки)',
    );
  });

  it('formats ISO dates the Russian way', () => {
    expect(formatRuDate('2024-03-08')).toBe('08.03.2024');
  });
});
