/**
 * Points (0–100) of one value, exactly by the formulas of issue 13, on the values v of all
 * rated municipalities in that year (missing values take no part in min and max):
 *
 * - `minmax`: up (v − min)/(max − min)·100, down (max − v)/(max − min)·100; 100 for all when max = min;
 * - `best`: up v/max·100 (0 when max = 0), down min/v·100 (100 when v = 0);
 * - `target`: up min(v/target, 1)·100, down 100 when v ≤ target else target/v·100;
 * - `binary`: 100 when v > 0, else 0 (the direction plays no part: the formula has none);
 * - `thresholds` ([[value, points], …] ascending): the points of the highest threshold value
 *   not above v (for `down`, the lowest threshold value not below v), 0 when none is reached.
 *
 * `best` and `target` are ratio scales: they assume v ≥ 0. For negative values the formulas
 * can leave 0–100 (v/max < 0, or v/max > 1 when max < 0), so their result is clamped to 0–100,
 * and `best` up with max ≤ 0 gives 0 (no positive best to compare with — the spec's
 * «0 when max = 0» carried over to negative maxima). `minmax`, `binary` and `thresholds` are
 * defined for any real values and never leave 0–100.
 */
import type { RatingIndicator, Threshold } from './methodology.js';

/** Min and max over the values present (count 0: both NaN). */
export interface IndicatorStats {
  count: number;
  min: number;
  max: number;
}

/** Min, max and count of the present values (nulls are missing and skipped). */
export function indicatorStats(values: Iterable<number | null>): IndicatorStats {
  let count = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v === null) continue;
    count++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return count === 0 ? { count: 0, min: NaN, max: NaN } : { count, min, max };
}

const clamp100 = (x: number) => (x < 0 ? 0 : x > 100 ? 100 : x);

/**
 * Points of value `v` of one indicator, given the stats of all rated municipalities.
 *
 * @example
 * normalisePoints({ normalisation: 'best', direction: 'up', … }, 12, { count: 12, min: 3, max: 18.7 }) // 64.17…
 */
export function normalisePoints(indicator: RatingIndicator, v: number, stats: IndicatorStats): number {
  const down = indicator.direction === 'down';
  switch (indicator.normalisation) {
    case 'minmax': {
      const { min, max } = stats;
      if (max === min) return 100;
      return down ? ((max - v) / (max - min)) * 100 : ((v - min) / (max - min)) * 100;
    }
    case 'best': {
      if (down) return v === 0 ? 100 : clamp100((stats.min / v) * 100);
      return stats.max <= 0 ? 0 : clamp100((v / stats.max) * 100);
    }
    case 'target': {
      const t = indicator.target;
      if (down) return v <= t ? 100 : clamp100((t / v) * 100);
      return clamp100(Math.min(v / t, 1) * 100);
    }
    case 'binary':
      return v > 0 ? 100 : 0;
    case 'thresholds': {
      const reached = reachedThreshold(indicator.thresholds, v, down);
      return reached ? reached[1] : 0;
    }
  }
}

/**
 * The threshold a value reaches: for `up` the highest threshold value not above v, for `down`
 * the lowest threshold value not below v; undefined when none is reached. The list is
 * ascending (the methodology schema guarantees it).
 */
export function reachedThreshold(thresholds: readonly Threshold[], v: number, down: boolean): Threshold | undefined {
  if (down) {
    for (const t of thresholds) if (t[0] >= v) return t;
    return undefined;
  }
  for (let i = thresholds.length - 1; i >= 0; i--) if (thresholds[i][0] <= v) return thresholds[i];
  return undefined;
}
