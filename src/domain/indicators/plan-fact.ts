/**
 * Plan against fact for one indicator: by year (and quarter), the deviation, whether the
 * target is reached, and a forecast of the year from the trend with a flag when it will miss.
 * Also the values of computed indicators (a share of two others, a sum over units), so that
 * nothing computed is ever typed twice. Pure: the module loads targets and facts, this reads them.
 *
 * Conventions (written down because documents differ):
 * - A year's fact is its year figure (quarter 0) when reported; otherwise the latest quarter's
 *   figure, read as the level reached so far («нарастающим итогом»), marked `partial`.
 * - The forecast of a year without a year figure: a least-squares line through its quarter
 *   figures (two or more) to the fourth quarter; with no quarter figures, a line through the
 *   facts of the years before (two or more). One quarter's figure alone forecasts nothing: the
 *   base value often spans several years («2019-2021 гг.») and is no level the year starts from.
 * - `target` direction: reached within 5 % of the planned value.
 */
import type { IndicatorDirection } from './drafts.js';

export interface PeriodValue {
  year: number;
  /** 0: the year; 1…4: the quarter. */
  quarter: number;
  value: number;
}

export interface PlanFactInput {
  direction: IndicatorDirection;
  baseValue: number | null;
  targets: { year: number; quarter: number; value: number | null }[];
  /** The region's figures (totals): reported or computed. */
  facts: PeriodValue[];
}

export type PlanFactStatus = 'reached' | 'missed' | 'no_fact' | 'no_plan';

export interface PlanFactRow {
  year: number;
  quarter: number;
  planned: number | null;
  fact: number | null;
  /** The fact is a quarter's figure standing for a year not yet reported whole. */
  partial: boolean;
  /** fact − planned. */
  deviation: number | null;
  /** fact / planned · 100 (null when planned is 0 or missing). */
  percentOfPlan: number | null;
  status: PlanFactStatus;
  /** For a year without its year figure: where the trend leads by its end. */
  forecast: number | null;
  /** The forecast will miss the year's target. */
  willMiss: boolean;
}

/** Relative tolerance of the `target` direction. */
export const TARGET_TOLERANCE = 0.05;

/** Whether `value` meets `planned` for the direction. */
export function meetsTarget(direction: IndicatorDirection, value: number, planned: number): boolean {
  if (direction === 'up') return value >= planned - 1e-9;
  if (direction === 'down') return value <= planned + 1e-9;
  return Math.abs(value - planned) <= Math.max(Math.abs(planned) * TARGET_TOLERANCE, 1e-9);
}

/** Least-squares line through points, evaluated at x; null with fewer than two distinct x. */
export function linearForecast(points: [number, number][], x: number): number | null {
  if (points.length < 2) return null;
  const n = points.length;
  const mx = points.reduce((s, p) => s + p[0], 0) / n;
  const my = points.reduce((s, p) => s + p[1], 0) / n;
  const sxx = points.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
  if (sxx === 0) return null;
  const sxy = points.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0);
  return my + (sxy / sxx) * (x - mx);
}

/**
 * Rows of plan against fact: one per year that has a target or a fact, then one per quarter
 * that has a quarterly target or fact, ordered by year and quarter.
 * @example planAgainstFact({ direction: 'up', baseValue: 10, targets: [{ year: 2025, quarter: 0, value: 20 }],
 *   facts: [{ year: 2025, quarter: 1, value: 11 }, { year: 2025, quarter: 2, value: 12 }] })[0].willMiss // true (forecast 14)
 */
export function planAgainstFact(input: PlanFactInput): PlanFactRow[] {
  const factOf = (y: number, q: number) => input.facts.find((f) => f.year === y && f.quarter === q)?.value ?? null;
  const targetOf = (y: number, q: number) => input.targets.find((t) => t.year === y && t.quarter === q)?.value ?? null;
  const years = [...new Set([...input.targets.map((t) => t.year), ...input.facts.map((f) => f.year)])].sort(
    (a, b) => a - b,
  );
  const rows: PlanFactRow[] = [];
  const yearFacts = new Map<number, number>();
  for (const year of years) {
    const planned = targetOf(year, 0);
    const whole = factOf(year, 0);
    const quarters = [1, 2, 3, 4]
      .map((q) => [q, factOf(year, q)] as const)
      .filter((x): x is readonly [number, number] => x[1] != null);
    const latest = quarters.length ? quarters[quarters.length - 1] : null;
    const fact = whole ?? (latest && latest[0] === 4 ? latest[1] : (latest?.[1] ?? null));
    const partial = whole == null && latest != null && latest[0] < 4;
    let forecast: number | null = null;
    if (whole == null && !(latest && latest[0] === 4)) {
      const previous = [...yearFacts.entries()].filter(([y]) => y < year).sort((a, b) => a[0] - b[0]);
      if (quarters.length >= 2)
        forecast = linearForecast(
          quarters.map(([q, v]) => [q, v]),
          4,
        );
      else if (quarters.length === 0)
        forecast = linearForecast(
          previous.map(([y, v]) => [y, v]),
          year,
        );
    }
    if (fact != null && !partial) yearFacts.set(year, fact);
    rows.push(row(input.direction, year, 0, planned, fact, partial, forecast));
  }
  for (const year of years)
    for (const q of [1, 2, 3, 4]) {
      const planned = targetOf(year, q);
      const fact = factOf(year, q);
      if (planned == null && fact == null) continue;
      rows.push(row(input.direction, year, q, planned, fact, false, null));
    }
  return rows.sort((a, b) => a.year - b.year || a.quarter - b.quarter);
}

function row(
  direction: IndicatorDirection,
  year: number,
  quarter: number,
  planned: number | null,
  fact: number | null,
  partial: boolean,
  forecast: number | null,
): PlanFactRow {
  const deviation = planned != null && fact != null ? fact - planned : null;
  const percentOfPlan = planned != null && fact != null && planned !== 0 ? (fact / planned) * 100 : null;
  const status: PlanFactStatus =
    planned == null
      ? 'no_plan'
      : fact == null || partial
        ? 'no_fact'
        : meetsTarget(direction, fact, planned)
          ? 'reached'
          : 'missed';
  const willMiss = planned != null && forecast != null && !meetsTarget(direction, forecast, planned);
  return { year, quarter, planned, fact, partial, deviation, percentOfPlan, status, forecast, willMiss };
}

/** A fact of one unit (organisation or municipality; null = the region's total). */
export interface UnitValue extends PeriodValue {
  unitId: number | null;
}

const keyOf = (v: { year: number; quarter: number; unitId: number | null }) =>
  `${v.year}:${v.quarter}:${v.unitId ?? ''}`;

/**
 * A share = numerator / denominator · `scale`, for every period and unit both components have
 * (a zero denominator gives no value).
 * @example computeShare([{ year: 2025, quarter: 0, unitId: null, value: 7 }], [{ year: 2025, quarter: 0, unitId: null, value: 100 }])
 * // [{ year: 2025, quarter: 0, unitId: null, value: 7 }]
 */
export function computeShare(numerator: UnitValue[], denominator: UnitValue[], scale = 100): UnitValue[] {
  const den = new Map(denominator.map((d) => [keyOf(d), d.value]));
  const out: UnitValue[] = [];
  for (const n of numerator) {
    const d = den.get(keyOf(n));
    if (d == null || d === 0) continue;
    out.push({ year: n.year, quarter: n.quarter, unitId: n.unitId, value: (n.value * scale) / d });
  }
  return sortValues(out);
}

/**
 * The region's total as the sum of the units' figures, per period (only periods with at least
 * one unit's figure); the units' own rows are kept.
 */
export function sumOverUnits(values: UnitValue[]): UnitValue[] {
  const totals = new Map<string, UnitValue>();
  for (const v of values) {
    if (v.unitId == null) continue;
    const k = `${v.year}:${v.quarter}`;
    const t = totals.get(k) ?? { year: v.year, quarter: v.quarter, unitId: null, value: 0 };
    t.value += v.value;
    totals.set(k, t);
  }
  return sortValues([...values.filter((v) => v.unitId != null), ...totals.values()]);
}

function sortValues(v: UnitValue[]): UnitValue[] {
  return v.sort((a, b) => a.year - b.year || a.quarter - b.quarter || (a.unitId ?? 0) - (b.unitId ?? 0));
}
