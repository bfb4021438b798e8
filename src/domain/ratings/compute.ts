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
  /** The values, in the methodology's order of indicators; null = missing. See `indicatorOutcomes`. */
  values: (number | null)[];
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
export function checkValues(
  methodology: Methodology,
  records: readonly ValueRecord[],
  options: ComputeOptions = {},
): RatingIssue[] {
  return tabulate(methodology, records, options).issues;
}

/** One municipality's values by indicator column (NaN = missing) and where each came from. */
interface TableRow {
  values: number[];
  /** Index + 1 of the record that gave the value; 0 = none yet (to name the first of a duplicate). */
  source: number[];
}

/**
 * One pass over the records: the issues of `checkValues` and the table `computeRating` needs.
 * Names are normalised through a cache: a region has hundreds of municipalities but tens of
 * thousands of values, and `normalize` is the costly part of reading them.
 */
function tabulate(
  methodology: Methodology,
  records: readonly ValueRecord[],
  options: ComputeOptions,
): { issues: RatingIssue[]; table: Map<string, TableRow> } {
  const width = methodology.indicators.length;
  const column = new Map(methodology.indicators.map((ind, k) => [ind.id, k]));
  const names = new Map<string, string>();
  const nameOf = (raw: string) => {
    let n = names.get(raw);
    if (n === undefined) names.set(raw, (n = normaliseName(raw)));
    return n;
  };
  const table = new Map<string, TableRow>();
  const rowOf = (name: string) => {
    let row = table.get(name);
    // Plain packed arrays: cheaper to allocate by the hundred than typed arrays (GC showed in the benchmark).
    if (!row)
      table.set(name, (row = { values: new Array<number>(width).fill(NaN), source: new Array<number>(width).fill(0) }));
    return row;
  };
  const rated = options.municipalities ? new Set(options.municipalities.map(nameOf)) : undefined;
  for (const name of rated ?? []) rowOf(name);

  const issues: RatingIssue[] = [];
  // A misspelt indicator or municipality repeats on many rows: one issue for it, naming the rows.
  const unknown = new Map<string, { first: number; more: string[] }>();
  const placeOf = (index: number) => {
    const line = records[index].line;
    return line !== undefined
      ? { path: `line ${line}`, ru: `строка ${line}`, short: String(line) }
      : { path: `values[${index}]`, ru: `значение № ${index + 1}`, short: `#${index + 1}` };
  };
  const once = (key: string, index: number, make: (at: { path: string; ru: string }) => RatingIssue) => {
    const prior = unknown.get(key);
    if (prior) prior.more.push(placeOf(index).short);
    else unknown.set(key, { first: issues.push(make(placeOf(index))) - 1, more: [] });
  };
  const known = () => methodology.indicators.map((i) => i.id).join(', ');

  for (let index = 0; index < records.length; index++) {
    const r = records[index];
    const name = nameOf(r.municipality);
    const id = r.indicator.trim();
    const k = column.get(id);
    let ok = true;
    if (name === '') {
      const at = placeOf(index);
      issues.push({
        path: at.path,
        en: `${at.path}: municipality is empty`,
        ru: `${at.ru}: не указано муниципальное образование`,
      });
      ok = false;
    } else if (rated && !rated.has(name)) {
      once(`m\u0000${name}`, index, (at) => ({
        path: at.path,
        en: `${at.path}: unknown municipality "${name}"`,
        ru: `${at.ru}: муниципальное образование «${name}» не участвует в рейтинге`,
      }));
      ok = false;
    }
    if (id === '') {
      const at = placeOf(index);
      issues.push({ path: at.path, en: `${at.path}: indicator is empty`, ru: `${at.ru}: не указан показатель` });
      ok = false;
    } else if (k === undefined) {
      once(`i\u0000${id}`, index, (at) => ({
        path: at.path,
        en: `${at.path}: unknown indicator "${id}" (the methodology has ${known()})`,
        ru: `${at.ru}: показателя «${id}» нет в методике (есть: ${known()})`,
      }));
      ok = false;
    }
    if (r.value !== null && !Number.isFinite(r.value)) {
      const at = placeOf(index);
      issues.push({
        path: at.path,
        en: `${at.path}: value ${String(r.value)} is not a finite number`,
        ru: `${at.ru}: значение не является числом`,
      });
    }
    if (!ok || k === undefined) continue;
    const row = rowOf(name);
    if (row.source[k] !== 0) {
      const at = placeOf(index);
      const first = records[row.source[k] - 1].line;
      issues.push({
        path: at.path,
        en: `${at.path}: a second value for "${name}", indicator "${id}"${first !== undefined ? ` (first on line ${first})` : ''}`,
        ru: `${at.ru}: значение показателя «${id}» для «${name}» указано повторно${first !== undefined ? ` (впервые — в строке ${first})` : ''}`,
      });
      continue;
    }
    row.source[k] = index + 1;
    if (r.value !== null) row.values[k] = r.value;
  }
  for (const { first, more } of unknown.values()) {
    if (more.length === 0) continue;
    const i = issues[first];
    issues[first] = {
      ...i,
      en: `${i.en}; also on ${more.length} more row(s): ${more.join(', ')}`,
      ru: `${i.ru}; то же ещё в ${more.length} стр.: ${more.join(', ')}`,
    };
  }
  return { issues, table };
}

/**
 * Computes the rating. Throws `RatingInputError` (`rating.values_invalid`) when `checkValues`
 * finds problems: nothing is computed from half-valid data.
 *
 * @example
 * computeRating(methodology, [{ municipality: 'г. Озёрск', indicator: 'A1', value: 12 }]).rows[0]
 * // { municipality: 'г. Озёрск', total: 100, rank: 1, band: 'лидеры', groups: {A: 100}, points: {A1: 100}, … }
 */
export function computeRating(
  methodology: Methodology,
  records: readonly ValueRecord[],
  options: ComputeOptions = {},
): RatingResult {
  const { issues, table } = tabulate(methodology, records, options);
  if (issues.length) throw new RatingInputError('rating.values_invalid', issues);
  const indicators = methodology.indicators;

  const stats: Record<string, IndicatorStats> = {};
  const statList = indicators.map((ind, k) => {
    const present: number[] = [];
    for (const row of table.values()) if (!Number.isNaN(row.values[k])) present.push(row.values[k]);
    return (stats[ind.id] = indicatorStats(present));
  });

  const rules = indicators.map((ind) => missingRuleOf(methodology, ind));
  const groupMembers = methodology.groups.map((g) => indicators.flatMap((ind, k) => (ind.group === g.id ? [k] : [])));

  const rows: RatingRow[] = [];
  for (const [municipality, row] of table) {
    rows.push(scoreMunicipality(methodology, municipality, row.values, statList, rules, groupMembers));
  }
  assignRanks(rows);
  for (const row of rows) row.band = bandFor(methodology, row.total);
  rows.sort(compareRows);
  return { rows, stats };
}

function scoreMunicipality(
  methodology: Methodology,
  municipality: string,
  values: readonly number[],
  stats: IndicatorStats[],
  rules: MissingRule[],
  groupMembers: number[][],
): RatingRow {
  const indicators = methodology.indicators;
  const points: Record<string, number | null> = {};
  const raw: (number | null)[] = new Array(indicators.length);
  const p = new Array<number>(indicators.length); // NaN = left out
  for (let k = 0; k < indicators.length; k++) {
    const v = values[k];
    const present = !Number.isNaN(v);
    raw[k] = present ? v : null;
    p[k] = present ? normalisePoints(indicators[k], v, stats[k]) : rules[k] === 'zero' ? 0 : NaN;
    points[indicators[k].id] = Number.isNaN(p[k]) ? null : p[k];
  }

  const groups: Record<string, number | null> = {};
  let totalNum = 0;
  let totalDen = 0;
  for (let gi = 0; gi < methodology.groups.length; gi++) {
    const g = methodology.groups[gi];
    let num = 0;
    let den = 0;
    for (const k of groupMembers[gi]) {
      if (Number.isNaN(p[k])) continue;
      num += indicators[k].weight * p[k];
      den += indicators[k].weight;
    }
    if (den === 0) {
      groups[g.id] = null;
      continue;
    }
    const score = clampScore(num / den);
    groups[g.id] = score;
    totalNum += g.weight * score;
    totalDen += g.weight;
  }
  const total = totalDen === 0 ? null : clampScore(totalNum / totalDen);
  return { municipality, total, rank: null, band: null, groups, points, values: raw };
}

/**
 * How each indicator took part in a municipality's total (methodology order): its status and
 * its effective share of the total after reweighting — group weight / Σ weights of the groups
 * that take part × indicator weight / Σ weights of the group's indicators that take part.
 * The shares of all indicators taking part add up to 1, so Σ share · points = total.
 */
export function indicatorOutcomes(methodology: Methodology, row: RatingRow): IndicatorOutcome[] {
  const indicators = methodology.indicators;
  let totalDen = 0;
  for (const g of methodology.groups) if (row.groups[g.id] !== null) totalDen += g.weight;
  const groupDen = new Map<string, number>();
  for (const ind of indicators)
    if (row.points[ind.id] !== null) groupDen.set(ind.group, (groupDen.get(ind.group) ?? 0) + ind.weight);
  const groupWeight = new Map(methodology.groups.map((g) => [g.id, g.weight]));
  return indicators.map((ind, k) => {
    const points = row.points[ind.id];
    const value = row.values[k];
    const status: IndicatorStatus = points === null ? 'missing_excluded' : value === null ? 'missing_zero' : 'scored';
    const share =
      points === null ? 0 : (groupWeight.get(ind.group)! / totalDen) * (ind.weight / groupDen.get(ind.group)!);
    return { value, points, status, share };
  });
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
export function compareRows(
  a: Pick<RatingRow, 'rank' | 'municipality'>,
  b: Pick<RatingRow, 'rank' | 'municipality'>,
): number {
  const ra = a.rank ?? Infinity;
  const rb = b.rank ?? Infinity;
  if (ra !== rb) return ra - rb;
  return collator.compare(a.municipality, b.municipality);
}
