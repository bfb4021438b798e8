/**
 * Every normalisation and direction of issue 13, with the arithmetic written out.
 * Values of the rated municipalities in these tests: 2, 5, 8, 10 unless said otherwise.
 */
import { describe, expect, it } from 'vitest';
import type { RatingIndicator, Threshold } from './methodology.js';
import { indicatorStats, normalisePoints, reachedThreshold } from './normalise.js';

const base = { id: 'X1', group: 'X', title: 'Показатель', unit: 'ед.', weight: 1 };
const ind = (normalisation: 'minmax' | 'best' | 'binary', direction: 'up' | 'down' = 'up'): RatingIndicator => ({
  ...base,
  normalisation,
  direction,
});
const target = (t: number, direction: 'up' | 'down'): RatingIndicator => ({
  ...base,
  normalisation: 'target',
  target: t,
  direction,
});
const thresholds = (list: Threshold[], direction: 'up' | 'down'): RatingIndicator => ({
  ...base,
  normalisation: 'thresholds',
  thresholds: list,
  direction,
});

const stats = indicatorStats([2, 5, null, 8, 10]); // min 2, max 10, 4 present

describe('indicatorStats', () => {
  it('takes min and max over present values only', () => {
    expect(stats).toEqual({ count: 4, min: 2, max: 10 });
    expect(indicatorStats([null, null])).toEqual({ count: 0, min: NaN, max: NaN });
    expect(indicatorStats([-3, 0, -7])).toEqual({ count: 3, min: -7, max: 0 });
  });
});

describe('minmax', () => {
  it('up: (v − min)/(max − min)·100', () => {
    expect(normalisePoints(ind('minmax'), 5, stats)).toBeCloseTo(((5 - 2) / (10 - 2)) * 100, 12); // 37.5
    expect(normalisePoints(ind('minmax'), 5, stats)).toBeCloseTo(37.5, 12);
    expect(normalisePoints(ind('minmax'), 2, stats)).toBe(0);
    expect(normalisePoints(ind('minmax'), 10, stats)).toBe(100);
  });
  it('down: (max − v)/(max − min)·100', () => {
    expect(normalisePoints(ind('minmax', 'down'), 5, stats)).toBeCloseTo(((10 - 5) / 8) * 100, 12); // 62.5
    expect(normalisePoints(ind('minmax', 'down'), 2, stats)).toBe(100);
    expect(normalisePoints(ind('minmax', 'down'), 10, stats)).toBe(0);
  });
  it('gives 100 to all when max = min (one municipality, or all equal), either direction', () => {
    const same = indicatorStats([7, 7, 7]);
    expect(normalisePoints(ind('minmax'), 7, same)).toBe(100);
    expect(normalisePoints(ind('minmax', 'down'), 7, same)).toBe(100);
    expect(normalisePoints(ind('minmax'), 0, indicatorStats([0]))).toBe(100);
  });
  it('works on negative values: min −6, max −2, v −3 → (−3 + 6)/4·100 = 75', () => {
    const neg = indicatorStats([-6, -3, -2]);
    expect(normalisePoints(ind('minmax'), -3, neg)).toBeCloseTo(75, 12);
    expect(normalisePoints(ind('minmax', 'down'), -3, neg)).toBeCloseTo(25, 12); // (−2 + 3)/4·100
  });
});

describe('best', () => {
  it('up: v/max·100 — 5/10·100 = 50', () => {
    expect(normalisePoints(ind('best'), 5, stats)).toBeCloseTo(50, 12);
    expect(normalisePoints(ind('best'), 10, stats)).toBe(100);
    // 12 of the best 18.7: 12/18.7·100 = 64.1711…
    expect(normalisePoints(ind('best'), 12, indicatorStats([12, 18.7, 3]))).toBeCloseTo(64.17112299465241, 9);
  });
  it('up: 0 for all when max = 0', () => {
    const zeros = indicatorStats([0, 0, 0]);
    expect(normalisePoints(ind('best'), 0, zeros)).toBe(0);
  });
  it('down: min/v·100 — 2/5·100 = 40; the best (min) gets 100', () => {
    expect(normalisePoints(ind('best', 'down'), 5, stats)).toBeCloseTo(40, 12);
    expect(normalisePoints(ind('best', 'down'), 2, stats)).toBe(100);
    expect(normalisePoints(ind('best', 'down'), 10, stats)).toBeCloseTo(20, 12); // 2/10·100
  });
  it('down: 100 when v = 0, and 0/v = 0 for the others', () => {
    const withZero = indicatorStats([0, 4]);
    expect(normalisePoints(ind('best', 'down'), 0, withZero)).toBe(100);
    expect(normalisePoints(ind('best', 'down'), 4, withZero)).toBe(0); // min/v = 0/4
  });
  it('one municipality: v/v = 100 both ways', () => {
    const one = indicatorStats([3.3]);
    expect(normalisePoints(ind('best'), 3.3, one)).toBe(100);
    expect(normalisePoints(ind('best', 'down'), 3.3, one)).toBe(100);
  });
  it('negative values stay within 0–100 (ratio scale; documented clamp)', () => {
    const mixed = indicatorStats([-4, 2, 8]);
    expect(normalisePoints(ind('best'), -4, mixed)).toBe(0); // −4/8·100 = −50 → 0
    expect(normalisePoints(ind('best'), 2, mixed)).toBeCloseTo(25, 12);
    const allNegative = indicatorStats([-4, -1]);
    expect(normalisePoints(ind('best'), -1, allNegative)).toBe(0); // max ≤ 0: no positive best
    expect(normalisePoints(ind('best', 'down'), 2, mixed)).toBe(0); // −4/2·100 = −200 → 0
  });
});

describe('target', () => {
  it('up: min(v/target, 1)·100 — target 10: 6 → 60, 10 → 100, 14 → 100', () => {
    expect(normalisePoints(target(10, 'up'), 6, stats)).toBeCloseTo(60, 12);
    expect(normalisePoints(target(10, 'up'), 10, stats)).toBe(100);
    expect(normalisePoints(target(10, 'up'), 14, stats)).toBe(100);
    expect(normalisePoints(target(10, 'up'), 0, stats)).toBe(0);
    expect(normalisePoints(target(7, 'up'), 6.8, stats)).toBeCloseTo((6.8 / 7) * 100, 12); // 97.142857…
  });
  it('down: 100 when v ≤ target, else target/v·100 — target 5: 3 → 100, 5 → 100, 8 → 62.5', () => {
    expect(normalisePoints(target(5, 'down'), 3, stats)).toBe(100);
    expect(normalisePoints(target(5, 'down'), 5, stats)).toBe(100);
    expect(normalisePoints(target(5, 'down'), 8, stats)).toBeCloseTo(62.5, 12);
  });
  it('down with target 0: only 0 or less earns points', () => {
    expect(normalisePoints(target(0, 'down'), 0, stats)).toBe(100);
    expect(normalisePoints(target(0, 'down'), 1, stats)).toBe(0);
  });
  it('does not depend on the other municipalities', () => {
    expect(normalisePoints(target(10, 'up'), 5, indicatorStats([5]))).toBeCloseTo(50, 12);
  });
  it('negative value against an up target clamps to 0', () => {
    expect(normalisePoints(target(10, 'up'), -2, stats)).toBe(0);
  });
});

describe('binary', () => {
  it('100 when v > 0, else 0; the direction plays no part', () => {
    expect(normalisePoints(ind('binary'), 1, stats)).toBe(100);
    expect(normalisePoints(ind('binary'), 0.01, stats)).toBe(100);
    expect(normalisePoints(ind('binary'), 0, stats)).toBe(0);
    expect(normalisePoints(ind('binary'), -1, stats)).toBe(0);
    expect(normalisePoints(ind('binary', 'down'), 1, stats)).toBe(100);
  });
});

describe('thresholds', () => {
  const up: Threshold[] = [
    [100, 40],
    [103, 70],
    [105, 100],
  ];
  const down: Threshold[] = [
    [0, 100],
    [5, 50],
    [10, 0],
  ]; // the example
  it('up: points of the highest threshold value not above v; 0 when none is reached', () => {
    expect(normalisePoints(thresholds(up, 'up'), 99.9, stats)).toBe(0);
    expect(normalisePoints(thresholds(up, 'up'), 100, stats)).toBe(40);
    expect(normalisePoints(thresholds(up, 'up'), 104.9, stats)).toBe(70);
    expect(normalisePoints(thresholds(up, 'up'), 105, stats)).toBe(100);
    expect(normalisePoints(thresholds(up, 'up'), 250, stats)).toBe(100);
  });
  it('down: points of the lowest threshold value not below v; 0 when none is reached', () => {
    expect(normalisePoints(thresholds(down, 'down'), -1, stats)).toBe(100);
    expect(normalisePoints(thresholds(down, 'down'), 0, stats)).toBe(100);
    expect(normalisePoints(thresholds(down, 'down'), 0.5, stats)).toBe(50);
    expect(normalisePoints(thresholds(down, 'down'), 5, stats)).toBe(50);
    expect(normalisePoints(thresholds(down, 'down'), 7, stats)).toBe(0); // lowest not below 7 is 10 → 0 points
    expect(normalisePoints(thresholds(down, 'down'), 10.01, stats)).toBe(0); // none reached
  });
  it('the same list read up gives the points of the value reached from below', () => {
    expect(normalisePoints(thresholds(down, 'up'), 7, stats)).toBe(50); // highest not above 7 is 5 → 50
    expect(normalisePoints(thresholds(down, 'up'), -0.1, stats)).toBe(0);
  });
  it('reachedThreshold names the threshold for explanations', () => {
    expect(reachedThreshold(up, 103.5, false)).toEqual([103, 70]);
    expect(reachedThreshold(down, 3, true)).toEqual([5, 50]);
    expect(reachedThreshold(down, 11, true)).toBeUndefined();
  });
});
