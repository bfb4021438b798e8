/**
 * Properties of the engine over random methodologies and values (fast-check): ranges,
 * rank invariants, independence of the input order, scale invariance of minmax/best, and the
 * explanation adding up to the total.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeRating, TIE_TOLERANCE, type RatingResult, type ValueRecord } from './compute.js';
import { explainMunicipality } from './explain.js';
import { parseMethodology, type Methodology } from './methodology.js';

const NAMES = ['Бор', 'Яр', 'Ёлкино', 'Ель', 'Каменка', 'Луговое', 'Озёрск', 'Приозёрный', 'Сосновка', 'Вязовка'];

const weight = fc.double({ min: 0.01, max: 10, noNaN: true });
const ascendingThresholds = fc
  .uniqueArray(fc.integer({ min: -20, max: 120 }), { minLength: 1, maxLength: 5 })
  .chain((vs) =>
    fc.tuple(...vs.sort((a, b) => a - b).map((v) => fc.tuple(fc.constant(v), fc.integer({ min: 0, max: 100 })))),
  );

const indicatorSpec = (kinds: readonly string[]) =>
  fc.record({
    normalisation: fc.constantFrom(...kinds),
    direction: fc.constantFrom('up', 'down'),
    weight,
    target: fc.integer({ min: 1, max: 100 }),
    thresholds: ascendingThresholds,
    missing: fc.constantFrom(undefined, 'zero', 'reweight'),
  });

const ALL = ['minmax', 'best', 'target', 'thresholds', 'binary'] as const;

function methodologyArb(kinds: readonly string[] = ALL) {
  return fc
    .record({
      missing: fc.constantFrom('zero', 'reweight'),
      groups: fc.array(
        fc.record({ weight, indicators: fc.array(indicatorSpec(kinds), { minLength: 1, maxLength: 4 }) }),
        { minLength: 1, maxLength: 3 },
      ),
      bands: fc.uniqueArray(fc.integer({ min: 0, max: 100 }), { maxLength: 4 }),
    })
    .map((s): Methodology =>
      parseMethodology({
        title: 'случайная методика',
        missing: s.missing,
        groups: s.groups.map((g, gi) => ({ id: `G${gi}`, title: `Группа ${gi}`, weight: g.weight })),
        indicators: s.groups.flatMap((g, gi) =>
          g.indicators.map((ind, k) => ({
            id: `G${gi}.${k}`,
            group: `G${gi}`,
            title: `Показатель ${gi}.${k}`,
            unit: 'ед.',
            direction: ind.direction,
            normalisation: ind.normalisation,
            weight: ind.weight,
            ...(ind.missing ? { missing: ind.missing } : {}),
            ...(ind.normalisation === 'target' ? { target: ind.target } : {}),
            ...(ind.normalisation === 'thresholds' ? { thresholds: ind.thresholds } : {}),
          })),
        ),
        bands: s.bands.map((from) => ({ from, label: `от ${from}` })),
      }),
    );
}

const valueArb = fc.oneof(
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 5 }) }, // small integers make ties and all-equal columns likely
  // Thousandths from −50 to 200: negative values included, no subnormals that scaling would flush to 0.
  { weight: 3, arbitrary: fc.integer({ min: -50_000, max: 200_000 }).map((x) => x / 1000) },
);

function caseArb(kinds: readonly string[] = ALL) {
  return methodologyArb(kinds).chain((m) =>
    fc
      .record({
        m: fc.constant(m),
        municipalities: fc.integer({ min: 1, max: NAMES.length }),
        values: fc.array(fc.array(valueArb, { minLength: m.indicators.length, maxLength: m.indicators.length }), {
          minLength: NAMES.length,
          maxLength: NAMES.length,
        }),
      })
      .map(({ m, municipalities, values }) => ({
        m,
        records: NAMES.slice(0, municipalities).flatMap((name, i) =>
          m.indicators.map((ind, k): ValueRecord => ({ municipality: name, indicator: ind.id, value: values[i][k] })),
        ),
      })),
  );
}

const inRange = (x: number | null) => x === null || (x >= 0 && x <= 100);
const collator = new Intl.Collator('ru');

function checkRanks(result: RatingResult): void {
  const rows = result.rows;
  const ranked = rows.filter((r) => r.rank !== null);
  // Unranked (no total) come last, and only they have no total.
  expect(rows.slice(0, ranked.length).every((r) => r.rank !== null && r.total !== null)).toBe(true);
  expect(rows.slice(ranked.length).every((r) => r.total === null && r.band === null)).toBe(true);
  ranked.forEach((r, i) => {
    // Competition ranking: one more than the number of rows ranked strictly better.
    expect(r.rank).toBe(1 + ranked.filter((o) => o.rank! < r.rank!).length);
    if (i > 0) {
      const prev = ranked[i - 1];
      expect(prev.rank! <= r.rank!).toBe(true);
      expect(prev.total! >= r.total! - TIE_TOLERANCE).toBe(true);
      if (prev.rank === r.rank) expect(collator.compare(prev.municipality, r.municipality)).toBeLessThanOrEqual(0);
    }
    for (const o of ranked) {
      if (o.rank === r.rank) expect(Math.abs(o.total! - r.total!)).toBeLessThan(TIE_TOLERANCE);
      if (o.rank! < r.rank!) expect(o.total!).toBeGreaterThan(r.total!);
    }
  });
  if (ranked.length) expect(ranked[0].rank).toBe(1);
}

describe('rating engine properties', () => {
  it('points, group scores and totals stay within 0–100; only «reweight, no data at all» has no total', () => {
    fc.assert(
      fc.property(caseArb(), ({ m, records }) => {
        const result = computeRating(m, records);
        for (const row of result.rows) {
          expect(Object.values(row.points).every(inRange)).toBe(true);
          expect(Object.values(row.groups).every(inRange)).toBe(true);
          expect(inRange(row.total)).toBe(true);
          const anyPart = Object.values(row.points).some((p) => p !== null);
          expect(row.total === null).toBe(!anyPart);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('ranks: competition ranking on totals, ties within 1e-9, ordered by rank then name', () => {
    fc.assert(
      fc.property(caseArb(), ({ m, records }) => checkRanks(computeRating(m, records))),
      { numRuns: 300 },
    );
  });

  it('the order of the input rows changes nothing', () => {
    fc.assert(
      fc.property(
        caseArb().chain((c) =>
          fc.record({ c: fc.constant(c), order: fc.shuffledSubarray(c.records, { minLength: c.records.length }) }),
        ),
        ({ c, order }) => {
          expect(computeRating(c.m, order)).toEqual(computeRating(c.m, c.records));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('minmax and best do not depend on the unit: scaling all values by c > 0 keeps every point', () => {
    fc.assert(
      fc.property(
        caseArb(['minmax', 'best']),
        fc.double({ min: 0.001, max: 1000, noNaN: true }),
        ({ m, records }, c) => {
          const a = computeRating(m, records);
          const b = computeRating(
            m,
            records.map((r) => ({ ...r, value: r.value === null ? null : r.value * c })),
          );
          expect(b.rows.map((r) => r.municipality)).toEqual(a.rows.map((r) => r.municipality));
          a.rows.forEach((row, i) => {
            for (const [id, p] of Object.entries(row.points)) {
              if (p === null) expect(b.rows[i].points[id]).toBeNull();
              else expect(b.rows[i].points[id]).toBeCloseTo(p, 6);
            }
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it("a twin of a municipality ties with it and leaves everybody else's points unchanged", () => {
    fc.assert(
      fc.property(caseArb(), ({ m, records }) => {
        const first = records[0].municipality;
        const twin = records.filter((r) => r.municipality === first).map((r) => ({ ...r, municipality: 'Двойник' }));
        const a = computeRating(m, records);
        const b = computeRating(m, [...records, ...twin]);
        const original = b.rows.find((r) => r.municipality === first)!;
        const copy = b.rows.find((r) => r.municipality === 'Двойник')!;
        expect(copy.rank).toBe(original.rank);
        expect(copy.points).toEqual(original.points);
        for (const row of a.rows)
          expect(b.rows.find((r) => r.municipality === row.municipality)!.points).toEqual(row.points);
      }),
      { numRuns: 150 },
    );
  });

  it("the explanation's earned points add up to the total", () => {
    fc.assert(
      fc.property(caseArb(), ({ m, records }) => {
        const result = computeRating(m, records);
        for (const row of result.rows) {
          const e = explainMunicipality(m, result, row.municipality);
          const items = e.groups.flatMap((g) => g.indicators);
          expect(items.every((i) => i.text.length > 0)).toBe(true);
          if (row.total === null) expect(items.every((i) => i.earned === null)).toBe(true);
          else expect(items.reduce((s, i) => s + (i.earned ?? 0), 0)).toBeCloseTo(row.total, 6);
        }
      }),
      { numRuns: 150 },
    );
  });
});
