/**
 * The rating of municipalities for one year: points per indicator, group scores, totals,
 * ranks and bands (issue 13, «Ratings of municipalities»).
 *
 * - A group's score is the weighted mean of its indicators' points; the total is the weighted
 *   mean of the group scores (0–100). Means are Σ w·x / Σ w over what takes part.
 * - Missing data, per indicator (its own `missing`, else the methodology's):
 *   `zero` — 0 points, and the indicator keeps its weight in the group's mean;
 *   `reweight` — left out of its group's mean (the other indicators share its weight); a group
 *   none of whose indicators takes part is left out of the total (`groups[id]` is null).
 * - A municipality none of whose groups takes part (no data at all under `reweight`) has no
 *   total: the mean over nothing is undefined, and 0 would rank «gave no data» together with
 *   «scored nothing». Its total, rank and band are null and it is listed after the ranked ones.
 * - Ranks: by total descending on unrounded values; totals within 1e-9 of the first of a
 *   tie share its rank, and the next rank skips («1, 2, 2, 4»). Rows are ordered by rank, then
 *   by name (Russian collation).
 * - Band: the band with the highest lower bound that the total reaches (total ≥ from, with
 *   the same 1e-9 tolerance, so that 80 computed as 79.99999999999999 is still 80); null
 *   when the total is below every band or the methodology has none.
 */
import { RatingInputError, type RatingIssue } from './errors.js';
import type { Methodology, MissingRule, RatingIndicator } from './methodology.js';
import { indicatorStats, normalisePoints, type IndicatorStats } from './normalise.js';

/** One value of one municipality; `value` null = missing. `line` (1-based) points error messages at the source. */
export interface ValueRecord {
  municipality: string;
  indicator: string;
  value: number | null;
  line?: number;
}

export interface ComputeOptions {
  /**
   * The municipalities rated. When given, a value for any other is an error and every one of
   * them is rated, with or without values. When omitted, the municipalities named in the values.
   */
  municipalities?: readonly string[];
}

/** How an indicator took part in a municipality's total. */
export type IndicatorStatus = 'scored' | 'missing_zero' | 'missing_excluded';

export interface IndicatorOutcome {
  value: number | null;
  /** 0–100; null when left out (missing under `reweight`). */
  points: number | null;
  status: IndicatorStatus;
  /** The indicator's effective share of the total (0–1) after reweighting; 0 when left out. */
  share: number;
}

export interface RatingRow {
  municipality: string;
  /** 0–100, unrounded; null when no group takes part. */
  total: number | null;
  rank: number | null;
  band: string | null;
  /** Group id → score 0–100, or null when the group is left out; in the methodology's order. */
  groups: Record<string, number | null>;
  /** Indicator id → points 0–100: a number when scored or missing under `zero`, null when left out. */
  points: Record<string, number | null>;
  /** Indicator id → how it took part, with the value and effective share (for explanations). */
  indicators: Record<string, IndicatorOutcome>;
}

export interface RatingResult {
  rows: RatingRow[];
  /** Indicator id → min/max/count over the rated municipalities' present values. */
  stats: Record<string, IndicatorStats>;
}

/** Totals closer than this are equal (issue 13: |Δ| < 1e-9). */
export const TIE_TOLERANCE = 1e-9;

const collator = new Intl.Collator('ru');

/** The missing-data rule that applies to one indicator. */
export const missingRuleOf = (m: Methodology, ind: RatingIndicator): MissingRule => ind.missing ?? m.missing;

/** Names are compared trimmed and in Unicode NFC, so «й» typed two ways is one municipality. */
export const normaliseName = (s: string) => s.trim().normalize('NFC');

/**
 * Problems with values against a methodology: unknown indicator, empty names, a value that is
 * not a finite number, the same municipality and indicator twice, a municipality not rated.
 */
export function checkValues(methodology: Methodology, records: readonly ValueRecord[], options: ComputeOptions = {}): RatingIssue[] {
  const known = new Set(methodology.indicators.map((i) => i.id));
  const rated = options.municipalities ? new Set(options.municipalities.map(normaliseName)) : undefined;
  const seen = new Map<string, number | undefined>();
  const issues: RatingIssue[] = [];
  // A misspelt indicator or municipality repeats on many rows: one issue for it, naming the rows.
  const unknown = new Map<string, { first: number; more: string[] }>();
  const placeOf = (r: ValueRecord, index: number) =>
    r.line !== undefined ? { path: `line ${r.line}`, ru: `строка ${r.line}`, short: String(r.line) } : { path: `values[${index}]`, ru: `значение № ${index + 1}`, short: `#${index + 1}` };
  const once = (key: string, index: number, make: () => RatingIssue) => {
    const prior = unknown.get(key);
    if (prior) prior.more.push(placeOf(records[index], index).short);
    else unknown.set(key, { first: issues.push(make()) - 1, more: [] });
  };
  records.forEach((r, index) => {
    const { path, ru: where } = placeOf(r, index);
    const name = normaliseName(r.municipality);
    const id = r.indicator.trim();
    if (name === '') issues.push({ path, en: `${path}: municipality is empty`, ru: `${where}: не указано муниципальное образование` });
    else if (rated && !rated.has(name)) {
      once(`m\u0000${name}`, index, () => ({ path, en: `${path}: unknown municipality "${name}"`, ru: `${where}: муниципальное образование «${name}» не участвует в рейтинге` }));
    }
    if (id === '') issues.push({ path, en: `${path}: indicator is empty`, ru: `${where}: не указан показатель` });
    else if (!known.has(id)) {
      const list = [...known].join(', ');
      once(`i\u0000${id}`, index, () => ({ path, en: `${path}: unknown indicator "${id}" (the methodology has ${list})`, ru: `${where}: показателя «${id}» нет в методике (есть: ${list})` }));
    }
    if (r.value !== null && !Number.isFinite(r.value)) {
      issues.push({ path, en: `${path}: value ${String(r.value)} is not a finite number`, ru: `${where}: значение не является числом` });
    }
    if (name !== '' && id !== '') {
      const key = `${name}\u0000${id}`;
      if (seen.has(key)) {
        const first = seen.get(key);
        issues.push({
          path,
          en: `${path}: a second value for "${name}", indicator "${id}"${first !== undefined ? ` (first on line ${first})` : ''}`,
          ru: `${where}: значение показателя «${id}» для «${name}» указано повторно${first !== undefined ? ` (впервые — в строке ${first})` : ''}`,
        });
      } else seen.set(key, r.line);
    }
  });
  for (const { first, more } of unknown.values()) {
    if (more.length === 0) continue;
    const i = issues[first];
    issues[first] = { ...i, en: `${i.en}; also on ${more.length} more row(s): ${more.join(', ')}`, ru: `${i.ru}; то же ещё в ${more.length} стр.: ${more.join(', ')}` };
  }
  return issues;
}

/**
 * Computes the rating. Throws `RatingInputError` (`rating.values_invalid`) when `checkValues`
 * finds problems: nothing is computed from half-valid data.
 *
 * @example
 * computeRating(methodology, [{ municipality: 'г. Озёрск', indicator: 'A1', value: 12 }]).rows[0]
 * // { municipality: 'г. Озёрск', total: 100, rank: 1, band: 'лидеры', groups: {A: 100}, points: {A1: 100}, … }
 */
export function computeRating(methodology: Methodology, records: readonly ValueRecord[], options: ComputeOptions = {}): RatingResult {
  const issues = checkValues(methodology, records, options);
  if (issues.length) throw new RatingInputError('rating.values_invalid', issues);

  const indicators = methodology.indicators;
  const column = new Map(indicators.map((ind, k) => [ind.id, k]));
  // One row of values per municipality, NaN = missing: a flat array keeps 500 × 60 fast.
  const table = new Map<string, Float64Array>();
  const rowOf = (name: string) => {
    let row = table.get(name);
    if (!row) {
      row = new Float64Array(indicators.length).fill(NaN);
      table.set(name, row);
    }
    return row;
  };
  for (const name of options.municipalities ?? []) rowOf(normaliseName(name));
  for (const r of records) {
    const row = rowOf(normaliseName(r.municipality));
    if (r.value !== null) row[column.get(r.indicator.trim())!] = r.value;
  }

  const stats: Record<string, IndicatorStats> = {};
  const statList = indicators.map((ind, k) => {
    const present: number[] = [];
    for (const row of table.values()) if (!Number.isNaN(row[k])) present.push(row[k]);
    return (stats[ind.id] = indicatorStats(present));
  });

  const rules = indicators.map((ind) => missingRuleOf(methodology, ind));
  const groupMembers = methodology.groups.map((g) => indicators.flatMap((ind, k) => (ind.group === g.id ? [k] : [])));

  const rows: RatingRow[] = [];
  for (const [municipality, values] of table) {
    rows.push(scoreMunicipality(methodology, municipality, values, statList, rules, groupMembers));
  }
  assignRanks(rows);
  for (const row of rows) row.band = bandFor(methodology, row.total);
  rows.sort(compareRows);
  return { rows, stats };
}

function scoreMunicipality(
  methodology: Methodology,
  municipality: string,
  values: Float64Array,
  stats: IndicatorStats[],
  rules: MissingRule[],
  groupMembers: number[][],
): RatingRow {
  const indicators = methodology.indicators;
  const points: Record<string, number | null> = {};
  const outcomes: Record<string, IndicatorOutcome> = {};
  const p = new Float64Array(indicators.length);
  const takesPart: boolean[] = [];
  for (let k = 0; k < indicators.length; k++) {
    const ind = indicators[k];
    const v = values[k];
    let status: IndicatorStatus;
    if (!Number.isNaN(v)) {
      p[k] = normalisePoints(ind, v, stats[k]);
      status = 'scored';
    } else if (rules[k] === 'zero') {
      p[k] = 0;
      status = 'missing_zero';
    } else {
      p[k] = NaN;
      status = 'missing_excluded';
    }
    takesPart[k] = status !== 'missing_excluded';
    points[ind.id] = takesPart[k] ? p[k] : null;
    outcomes[ind.id] = { value: Number.isNaN(v) ? null : v, points: points[ind.id], status, share: 0 };
  }

  const groups: Record<string, number | null> = {};
  const groupScore: number[] = [];
  const groupWeightSum: number[] = [];
  let totalNum = 0;
  let totalDen = 0;
  methodology.groups.forEach((g, gi) => {
    let num = 0;
    let den = 0;
    for (const k of groupMembers[gi]) {
      if (!takesPart[k]) continue;
      num += indicators[k].weight * p[k];
      den += indicators[k].weight;
    }
    groupWeightSum[gi] = den;
    if (den === 0) {
      groups[g.id] = null;
      groupScore[gi] = NaN;
      return;
    }
    const score = clampScore(num / den);
    groups[g.id] = groupScore[gi] = score;
    totalNum += g.weight * score;
    totalDen += g.weight;
  });
  const total = totalDen === 0 ? null : clampScore(totalNum / totalDen);

  if (totalDen > 0) {
    methodology.groups.forEach((g, gi) => {
      if (Number.isNaN(groupScore[gi])) return;
      for (const k of groupMembers[gi]) {
        if (takesPart[k]) outcomes[indicators[k].id].share = (g.weight / totalDen) * (indicators[k].weight / groupWeightSum[gi]);
      }
    });
  }
  return { municipality, total, rank: null, band: null, groups, points, indicators: outcomes };
}

/** Weighted means of 0–100 values stay in 0–100 but for rounding (100.00000000000001): clamp that away. */
const clampScore = (x: number) => (x < 0 ? 0 : x > 100 ? 100 : x);

/** Competition ranks («1, 2, 2, 4») by total descending; rows without a total get null. */
export function assignRanks(rows: Pick<RatingRow, 'total' | 'rank'>[]): void {
  const ranked = rows.filter((r) => r.total !== null).sort((a, b) => b.total! - a.total!);
  let leader = NaN;
  let leaderRank = 0;
  ranked.forEach((r, i) => {
    if (i === 0 || leader - r.total! >= TIE_TOLERANCE) {
      leader = r.total!;
      leaderRank = i + 1;
    }
    r.rank = leaderRank;
  });
  for (const r of rows) if (r.total === null) r.rank = null;
}

/** The label of the highest band whose lower bound `total` reaches, or null. */
export function bandFor(methodology: Pick<Methodology, 'bands'>, total: number | null): string | null {
  if (total === null) return null;
  let best: { from: number; label: string } | null = null;
  for (const b of methodology.bands) {
    if (total + TIE_TOLERANCE >= b.from && (best === null || b.from > best.from)) best = b;
  }
  return best ? best.label : null;
}

/** By rank (unranked last), then by name in Russian collation. */
export function compareRows(a: Pick<RatingRow, 'rank' | 'municipality'>, b: Pick<RatingRow, 'rank' | 'municipality'>): number {
  const ra = a.rank ?? Infinity;
  const rb = b.rank ?? Infinity;
  if (ra !== rb) return ra - rb;
  return collator.compare(a.municipality, b.municipality);
}
