import { describe, expect, it } from 'vitest';
import { answerLine } from '../../cli/commands/parse-deadlines.js';

const ask = (o: unknown) => JSON.parse(answerLine(typeof o === 'string' ? o : JSON.stringify(o)));

describe('parse-deadlines, one line', () => {
  it('answers {kind, due, reports, offset}', () => {
    expect(ask({ text: '1 раз в полугодие', period: ['2017-01-01', '2017-12-31'] })).toEqual({
      kind: 'recurring',
      due: ['2017-06-30', '2017-12-31'],
      reports: [],
      offset: null,
    });
    expect(
      ask({ text: 'в течение месяца после поступления информации', period: ['2022-01-01', '2024-12-31'] }),
    ).toEqual({
      kind: 'relative',
      due: [],
      reports: [],
      offset: { amount: 1, unit: 'month' },
    });
  });

  it('uses a per-line reference date, else the default one', () => {
    expect(
      ask({ text: 'до конца текущего года', period: ['2024-01-01', '2025-12-31'], reference: '2025-02-01' }).due,
    ).toEqual(['2025-12-31']);
    expect(
      JSON.parse(
        answerLine(
          JSON.stringify({ text: 'до конца текущего года', period: ['2024-01-01', '2025-12-31'] }),
          '2024-05-05',
        ),
      ).due,
    ).toEqual(['2024-12-31']);
  });

  it('turns a malformed line into an unspecified answer with an error', () => {
    for (const bad of [
      '{not json',
      '[1,2]',
      JSON.stringify({ period: ['2024-01-01', '2024-12-31'] }),
      JSON.stringify({ text: 'ежегодно', period: ['2024-12-31', '2024-01-01'] }),
      JSON.stringify({ text: 'ежегодно', period: '2024' }),
      'null',
    ]) {
      const out = ask(bad);
      expect(out).toMatchObject({ kind: 'unspecified', due: [], reports: [] });
      expect(typeof out.error).toBe('string');
    }
  });
});
