/**
 * Group scores, totals, missing data, ranks and bands, with the arithmetic written out.
 */
import { describe, expect, it } from 'vitest';
import { assignRanks, bandFor, computeRating, indicatorOutcomes, type ValueRecord } from './compute.js';
import { RatingInputError } from './errors.js';
import { parseMethodology, type Methodology } from './methodology.js';

/** Groups A (weight 0.4) and B (0.6); bands 80 / 50 / 0. */
function method(missing: 'zero' | 'reweight', patch: (m: Record<string, unknown>) => void = () => {}): Methodology {
  const m: Record<string, unknown> = {
    title: 'Тестовая методика',
    missing,
    groups: [
      { id: 'A', title: 'Поддержка', weight: 0.4 },
      { id: 'B', title: 'Развитие', weight: 0.6 },
    ],
    indicators: [
      {
        id: 'A1',
        group: 'A',
        title: 'Доля средств',
        unit: '%',
        direction: 'up',
        normalisation: 'target',
        target: 10,
        weight: 1,
      },
      {
        id: 'A2',
        group: 'A',
        title: 'Срок рассмотрения',
        unit: 'дн.',
        direction: 'down',
        normalisation: 'thresholds',
        thresholds: [
          [0, 100],
          [5, 50],
          [10, 0],
        ],
        weight: 2,
      },
      { id: 'B1', group: 'B', title: 'Субсидии', unit: 'руб.', direction: 'up', normalisation: 'minmax', weight: 1 },
      { id: 'B2', group: 'B', title: 'Жалобы', unit: 'ед.', direction: 'down', normalisation: 'best', weight: 3 },
    ],
    bands: [
      { from: 80, label: 'лидеры' },
      { from: 50, label: 'уверенные' },
      { from: 0, label: 'первые шаги' },
    ],
  };
  patch(m);
  return parseMethodology(m);
}

function values(table: Record<string, Record<string, number | null>>): ValueRecord[] {
  return Object.entries(table).flatMap(([municipality, row]) =>
    Object.entries(row).map(([indicator, value]) => ({ municipality, indicator, value })),
  );
}

const DATA = {
  Альфа: { A1: 12, A2: 3, B1: 40, B2: 2 },
  Бета: { A1: 5, A2: 0, B1: 10, B2: 4 },
  Гамма: { A1: 8, A2: 12, B1: 25, B2: null },
};

describe('computeRating: group scores and totals', () => {
  it('computes points, weighted group means and the weighted total (missing = zero)', () => {
    const { rows } = computeRating(method('zero'), values(DATA));
    const by = Object.fromEntries(rows.map((r) => [r.municipality, r]));
    // B1 minmax over 40, 10, 25: min 10, max 40. B2 best down over 2, 4 (Гамма missing): min 2.
    // Альфа: A1 min(12/10, 1)·100 = 100; A2 3 → lowest threshold ≥ 3 is 5 → 50;
    //        A = (1·100 + 2·50)/3 = 66.667; B1 (40−10)/30·100 = 100; B2 2/2·100 = 100;
    //        B = (1·100 + 3·100)/4 = 100; total = (0.4·66.667 + 0.6·100)/1.0 = 86.667
    expect(by['Альфа'].points).toEqual({ A1: 100, A2: 50, B1: 100, B2: 100 });
    expect(by['Альфа'].groups.A).toBeCloseTo(200 / 3, 9);
    expect(by['Альфа'].groups.B).toBeCloseTo(100, 9);
    expect(by['Альфа'].total).toBeCloseTo(0.4 * (200 / 3) + 0.6 * 100, 9);
    // Бета: A1 5/10·100 = 50; A2 0 → 100; A = (50 + 2·100)/3 = 83.333;
    //       B1 (10−10)/30 = 0; B2 2/4·100 = 50; B = (0 + 3·50)/4 = 37.5; total = 0.4·83.333 + 0.6·37.5 = 55.833
    expect(by['Бета'].points).toEqual({ A1: 50, A2: 100, B1: 0, B2: 50 });
    expect(by['Бета'].total).toBeCloseTo(0.4 * (250 / 3) + 0.6 * 37.5, 9);
    // Гамма: A1 80; A2 12 → no threshold ≥ 12 → 0; A = 80/3 = 26.667;
    //        B1 (25−10)/30·100 = 50; B2 missing → 0 (zero); B = 50/4 = 12.5; total = 0.4·26.667 + 0.6·12.5 = 18.167
    expect(by['Гамма'].points).toEqual({ A1: 80, A2: 0, B1: 50, B2: 0 });
    expect(by['Гамма'].groups.B).toBeCloseTo(12.5, 9);
    expect(by['Гамма'].total).toBeCloseTo(0.4 * (80 / 3) + 0.6 * 12.5, 9);
    expect(rows.map((r) => [r.municipality, r.rank, r.band])).toEqual([
      ['Альфа', 1, 'лидеры'],
      ['Бета', 2, 'уверенные'],
      ['Гамма', 3, 'первые шаги'],
    ]);
  });

  it('reweight: a missing indicator leaves its group mean; its points are null', () => {
    const { rows } = computeRating(method('reweight'), values(DATA));
    const g = rows.find((r) => r.municipality === 'Гамма')!;
    // B2 left out: B = (1·50)/1 = 50; total = 0.4·26.667 + 0.6·50 = 40.667
    expect(g.points.B2).toBeNull();
    expect(g.groups.B).toBeCloseTo(50, 9);
    expect(g.total).toBeCloseTo(0.4 * (80 / 3) + 0.6 * 50, 9);
    expect(indicatorOutcomes(method('reweight'), g)[3]).toEqual({
      value: null,
      points: null,
      status: 'missing_excluded',
      share: 0,
    });
    // Shares: A keeps 0.4 split 1:2; B keeps 0.6, all of it on B1 now.
    expect(indicatorOutcomes(method('reweight'), g).map((o) => o.share)).toEqual(
      [0.4 / 3, 0.8 / 3, 0.6, 0].map((x) => expect.closeTo(x, 12)),
    );
    // The other two are unchanged by the rule.
    expect(rows.find((r) => r.municipality === 'Альфа')!.total).toBeCloseTo(0.4 * (200 / 3) + 60, 9);
  });

  it('reweight: a group with no data is left out of the total and shows null', () => {
    const { rows } = computeRating(
      method('reweight'),
      values({ ...DATA, Дельта: { A1: 10, A2: 5, B1: null, B2: null } }),
    );
    const d = rows.find((r) => r.municipality === 'Дельта')!;
    // A = (1·100 + 2·50)/3 = 66.667; B left out → total = 0.4·66.667/0.4 = 66.667
    expect(d.groups).toEqual({ A: expect.closeTo(200 / 3, 9), B: null });
    expect(d.total).toBeCloseTo(200 / 3, 9);
    expect(d.points).toEqual({ A1: 100, A2: 50, B1: null, B2: null });
  });

  it('zero: a group with no data scores 0 and keeps its weight', () => {
    const { rows } = computeRating(method('zero'), values({ ...DATA, Дельта: { A1: 10, A2: 5, B1: null, B2: null } }));
    const d = rows.find((r) => r.municipality === 'Дельта')!;
    // A = 66.667; B = 0 → total = 0.4·66.667 + 0.6·0 = 26.667
    expect(d.groups.B).toBe(0);
    expect(d.total).toBeCloseTo(0.4 * (200 / 3), 9);
    expect(d.points).toEqual({ A1: 100, A2: 50, B1: 0, B2: 0 });
  });

  it('a row absent from the values is missing, the same as an empty value', () => {
    const empty = computeRating(method('zero'), values(DATA)).rows;
    const absent = computeRating(method('zero'), values({ ...DATA, Гамма: { A1: 8, A2: 12, B1: 25 } })).rows;
    expect(absent).toEqual(empty);
  });

  it('per-indicator `missing` overrides the methodology rule', () => {
    const m = method('zero', (raw) => {
      (raw.indicators as Record<string, unknown>[])[3].missing = 'reweight';
    });
    const g = computeRating(m, values(DATA)).rows.find((r) => r.municipality === 'Гамма')!;
    expect(g.points.B2).toBeNull(); // B2 left out although the methodology says zero
    expect(g.groups.B).toBeCloseTo(50, 9);
    const m2 = method('reweight', (raw) => {
      (raw.indicators as Record<string, unknown>[])[3].missing = 'zero';
    });
    const g2 = computeRating(m2, values(DATA)).rows.find((r) => r.municipality === 'Гамма')!;
    expect(g2.points.B2).toBe(0);
    expect(g2.groups.B).toBeCloseTo(12.5, 9);
  });

  it('missing values take no part in min and max', () => {
    // B1 of Гамма missing: minmax over Альфа 40 and Бета 10 only; 0 would have been a new minimum.
    const { rows } = computeRating(method('zero'), values({ ...DATA, Гамма: { ...DATA['Гамма'], B1: null } }));
    expect(rows.find((r) => r.municipality === 'Бета')!.points.B1).toBe(0);
    expect(rows.find((r) => r.municipality === 'Альфа')!.points.B1).toBe(100);
  });
});

describe('computeRating: municipalities without data', () => {
  it('reweight: no data at all → total, rank and band null, listed last; the others rank as without it', () => {
    const { rows } = computeRating(
      method('reweight'),
      values({ ...DATA, Аполлон: { A1: null, A2: null, B1: null, B2: null } }),
    );
    expect(rows.at(-1)).toMatchObject({
      municipality: 'Аполлон',
      total: null,
      rank: null,
      band: null,
      groups: { A: null, B: null },
      points: { A1: null, A2: null, B1: null, B2: null },
    });
    expect(rows.slice(0, 3).map((r) => r.rank)).toEqual([1, 2, 3]);
  });

  it('zero: no data at all → 0 points everywhere, total 0, ranked last with the lowest band', () => {
    const { rows } = computeRating(method('zero'), values({ ...DATA, Аполлон: { A1: null } }));
    expect(rows.at(-1)).toMatchObject({
      municipality: 'Аполлон',
      total: 0,
      rank: 4,
      band: 'первые шаги',
      groups: { A: 0, B: 0 },
      points: { A1: 0, A2: 0, B1: 0, B2: 0 },
    });
  });

  it('options.municipalities rates the listed ones even without any value and refuses others', () => {
    const listed = computeRating(method('zero'), values(DATA), {
      municipalities: ['Альфа', 'Бета', 'Гамма', 'Дельта'],
    }).rows;
    expect(listed.find((r) => r.municipality === 'Дельта')).toMatchObject({ total: 0, rank: 4 });
    let error: RatingInputError | undefined;
    try {
      computeRating(method('zero'), values(DATA), { municipalities: ['Альфа', 'Бета'] });
    } catch (e) {
      error = e as RatingInputError;
    }
    expect(error?.issues.map((i) => i.en)).toEqual([
      'values[8]: unknown municipality "Гамма"; also on 3 more row(s): #10, #11, #12',
    ]);
  });
});

describe('computeRating: edge cases of the data', () => {
  it('one municipality: minmax and best give 100, target and thresholds do not depend on others', () => {
    const { rows } = computeRating(method('zero'), values({ Один: { A1: 4, A2: 7, B1: 3, B2: 9 } }));
    // A1 4/10 = 40; A2 7 → threshold 10 → 0; A = 40/3; B1 max = min → 100; B2 9/9 → 100; B = 100
    expect(rows).toEqual([
      expect.objectContaining({ municipality: 'Один', rank: 1, points: { A1: 40, A2: 0, B1: 100, B2: 100 } }),
    ]);
    expect(rows[0].total).toBeCloseTo(0.4 * (40 / 3) + 0.6 * 100, 9);
    expect(rows[0].band).toBe('уверенные'); // 65.333
  });

  it('all equal: one rank for everybody, ordered by name', () => {
    const same = { A1: 6, A2: 5, B1: 3, B2: 1 };
    const { rows } = computeRating(method('zero'), values({ Яр: same, Бор: same, Ёлкино: same, Ель: same }));
    // Russian collation: «Ё» sorts as «Е», so «Ёлкино» (е-л-к) comes before «Ель» (е-л-ь).
    expect(rows.map((r) => [r.municipality, r.rank])).toEqual([
      ['Бор', 1],
      ['Ёлкино', 1],
      ['Ель', 1],
      ['Яр', 1],
    ]);
    // A1 60, A2 50 → A = (60 + 100)/3 = 53.333; B1 100, B2 100 → B = 100; total = 21.333 + 60 = 81.333
    expect(rows[0].total).toBeCloseTo(0.4 * (160 / 3) + 60, 9);
  });

  it('ties share a rank and the next skips: 1, 2, 2, 4', () => {
    const { rows } = computeRating(
      method('zero'),
      values({
        Первый: { A1: 10, A2: 0, B1: 100, B2: 1 },
        Второй: { A1: 5, A2: 5, B1: 50, B2: 2 },
        Третий: { A1: 5, A2: 5, B1: 50, B2: 2 },
        Четвёртый: { A1: 0, A2: 10, B1: 0, B2: 4 },
      }),
    );
    expect(rows.map((r) => [r.municipality, r.rank])).toEqual([
      ['Первый', 1],
      ['Второй', 2],
      ['Третий', 2],
      ['Четвёртый', 4],
    ]);
  });

  it('ties after different arithmetic paths are found on unrounded totals within 1e-9', () => {
    // Two groups of equal weight: 0.1 + 0.2 ≠ 0.3 in binary; these totals differ only by rounding.
    const m = parseMethodology({
      title: 't',
      missing: 'zero',
      bands: [],
      groups: [
        { id: 'G', title: 'G', weight: 1 },
        { id: 'H', title: 'H', weight: 1 },
      ],
      indicators: [
        { id: 'g', group: 'G', title: 'g', unit: '', direction: 'up', normalisation: 'target', target: 1, weight: 1 },
        { id: 'h', group: 'H', title: 'h', unit: '', direction: 'up', normalisation: 'target', target: 1, weight: 1 },
      ],
    });
    const { rows } = computeRating(m, values({ П: { g: 0.1, h: 0.2 }, Р: { g: 0.3, h: 0 }, С: { g: 0.2, h: 0.1 } }));
    expect(rows.map((r) => r.rank)).toEqual([1, 1, 1]);
    expect(rows.every((r) => r.band === null)).toBe(true); // no bands in this methodology
  });

  it('assignRanks: equal within 1e-9 of the first of the tie, anchored there', () => {
    const rows = [50, 50 - 5e-10, 50 - 9.9e-10, 50 - 1.5e-9, 40, null].map((total) => ({
      total,
      rank: null as number | null,
    }));
    assignRanks(rows);
    expect(rows.map((r) => r.rank)).toEqual([1, 1, 1, 4, 5, null]);
  });

  it('bandFor: the highest band whose lower bound the total reaches, in any order', () => {
    const bands = {
      bands: [
        { from: 0, label: 'первые шаги' },
        { from: 80, label: 'лидеры' },
        { from: 50, label: 'уверенные' },
      ],
    };
    expect(bandFor(bands, 80)).toBe('лидеры');
    expect(bandFor(bands, 79.99999999999999)).toBe('лидеры'); // 80 after rounding noise
    expect(bandFor(bands, 79.9)).toBe('уверенные');
    expect(bandFor(bands, 0)).toBe('первые шаги');
    expect(bandFor({ bands: [{ from: 20, label: 'x' }] }, 10)).toBeNull();
    expect(bandFor(bands, null)).toBeNull();
  });
});

describe('computeRating: bad values', () => {
  it('refuses unknown indicators, duplicates, empty names and non-finite values, all at once', () => {
    const records: ValueRecord[] = [
      { municipality: 'Альфа', indicator: 'Z9', value: 1, line: 2 },
      { municipality: 'Альфа', indicator: 'A1', value: 1, line: 3 },
      { municipality: 'Альфа', indicator: 'A1', value: 2, line: 4 },
      { municipality: ' ', indicator: 'A2', value: 2, line: 5 },
      { municipality: 'Бета', indicator: 'B1', value: NaN, line: 6 },
    ];
    let error: RatingInputError | undefined;
    try {
      computeRating(method('zero'), records);
    } catch (e) {
      error = e as RatingInputError;
    }
    expect(error).toBeInstanceOf(RatingInputError);
    expect(error!.code).toBe('rating.values_invalid');
    expect(error!.issues.map((i) => i.en)).toEqual([
      'line 2: unknown indicator "Z9" (the methodology has A1, A2, B1, B2)',
      'line 4: a second value for "Альфа", indicator "A1" (first on line 3)',
      'line 5: municipality is empty',
      'line 6: value NaN is not a finite number',
    ]);
    expect(error!.message).toMatch(/показателя «Z9» нет в методике/);
  });
});
