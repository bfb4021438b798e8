/**
 * Russian explanations of a municipality's points, for its page in the rating («3,2 из 5
 * баллов: 12 СО НКО на 10 тыс. жителей при лучшем 18,7»).
 *
 * The points in a sentence are on the total's 100-point scale: an indicator can earn at most
 * its effective share of the total (group weight / Σ group weights × indicator weight /
 * Σ indicator weights in its group, over what takes part for this municipality, so reweighting
 * shows), and earns that share times its 0–100 points. The earned points of all indicators
 * add up to the total. The sentence then says why: the value against the best, the range, the
 * target or the threshold reached, or that there were no data.
 */
import { plural } from '../reminders/plan-reminders.js';
import { indicatorOutcomes, type IndicatorOutcome, type RatingResult, type RatingRow } from './compute.js';
import type { Methodology, RatingIndicator } from './methodology.js';
import { reachedThreshold, type IndicatorStats } from './normalise.js';

export interface IndicatorExplanation {
  indicator: string;
  title: string;
  group: string;
  status: 'scored' | 'missing_zero' | 'missing_excluded';
  value: number | null;
  /** 0–100 by the normalisation; null when left out. */
  points: number | null;
  /** Points earned towards the total (0–100 scale); null when left out. */
  earned: number | null;
  /** The most this indicator could earn towards the total; 0 when left out. */
  max: number;
  text: string;
}

export interface GroupExplanation {
  group: string;
  title: string;
  /** 0–100, null when the group is left out. */
  score: number | null;
  /** Points the group earned towards the total, and its most. */
  earned: number | null;
  max: number;
  text: string;
  indicators: IndicatorExplanation[];
}

export interface MunicipalityExplanation {
  municipality: string;
  total: number | null;
  rank: number | null;
  band: string | null;
  text: string;
  groups: GroupExplanation[];
}

const valueFormat = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 3 });
const pointFormats = [
  new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 1 }),
  new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 2 }),
];

/** «12,5» — Russian decimal comma, at most three decimals, no trailing zeros. */
export const formatValueRu = (v: number) => valueFormat.format(v).replace('-', '−');

const withUnit = (v: number, unit: string) => (unit.trim() ? `${formatValueRu(v)} ${unit.trim()}` : formatValueRu(v));

/** «из 5 баллов», «из 1 балла», «из 2,5 балла» (genitive after «из»; a fraction takes «балла»). */
function ofPoints(shown: string): string {
  if (shown.includes(',')) return `из ${shown} балла`;
  const n = Number(shown.replace(/\s/g, ''));
  return `из ${shown} ${n % 10 === 1 && n % 100 !== 11 ? 'балла' : 'баллов'}`;
}

/** «50 баллов», «1 балл», «2,5 балла». */
function pointsCount(shown: string): string {
  if (shown.includes(',')) return `${shown} балла`;
  return `${shown} ${plural(Number(shown.replace(/\s/g, '')), 'балл', 'балла', 'баллов')}`;
}

/** Earned and maximum on one precision: one decimal, two when the maximum is under a point. */
function formatEarned(earned: number, max: number): string {
  const f = pointFormats[max > 0 && max < 1 ? 1 : 0];
  const m = f.format(max);
  return `${f.format(earned)} ${ofPoints(m)}`;
}

/**
 * A value compared with: a short unit is repeated («при целевом значении 10 %»), a long one
 * is not («12 СО НКО на 10 тыс. жителей при лучшем 18,7», as in the issue).
 */
const SHORT_UNIT = 8;

/** Why the value got its 0–100 points (the part after the colon). */
function reasonScored(ind: RatingIndicator, v: number, stats: IndicatorStats): string {
  const shown = withUnit(v, ind.unit);
  const ref = (x: number) => (ind.unit.trim().length <= SHORT_UNIT ? withUnit(x, ind.unit) : formatValueRu(x));
  const down = ind.direction === 'down';
  switch (ind.normalisation) {
    case 'best': {
      if (!down) {
        if (stats.max <= 0) return `${shown}; ни у одного муниципального образования значение не больше нуля`;
        return v === stats.max ? `${shown} — лучший результат` : `${shown} при лучшем ${ref(stats.max)}`;
      }
      if (v === 0) return `${shown} — лучший возможный результат`;
      return v === stats.min
        ? `${shown} — лучший (наименьший) результат`
        : `${shown} при лучшем (наименьшем) ${ref(stats.min)}`;
    }
    case 'minmax': {
      if (stats.max === stats.min) {
        return stats.count === 1
          ? `${shown}; значение есть только у этого муниципального образования`
          : `${shown}; у всех муниципальных образований значение одинаковое`;
      }
      const [worst, best] = down ? [stats.max, stats.min] : [stats.min, stats.max];
      if (v === best) return `${shown} — лучший результат (худший ${ref(worst)})`;
      if (v === worst) return `${shown} — худший результат (лучший ${ref(best)})`;
      return `${shown} при худшем ${ref(worst)} и лучшем ${ref(best)}`;
    }
    case 'target': {
      const t = ref(ind.target);
      if (down)
        return v <= ind.target
          ? `${shown} при целевом значении не более ${t} — цель достигнута`
          : `${shown} при целевом значении не более ${t}`;
      return v >= ind.target
        ? `${shown} при целевом значении ${t} — цель достигнута`
        : `${shown} при целевом значении ${t}`;
    }
    case 'binary':
      return v > 0 ? `есть (${shown})` : `нет (${shown})`;
    case 'thresholds': {
      const reached = reachedThreshold(ind.thresholds, v, down);
      if (!reached) {
        const edge = down ? ind.thresholds[ind.thresholds.length - 1][0] : ind.thresholds[0][0];
        return down
          ? `${shown} — выше наибольшего порога ${ref(edge)}`
          : `${shown} — ниже наименьшего порога ${ref(edge)}`;
      }
      const points = pointsCount(pointFormats[0].format(reached[1]));
      return down
        ? `${shown} — не выше порога ${ref(reached[0])}: ${points} из 100`
        : `${shown} — достигнут порог ${ref(reached[0])}: ${points} из 100`;
    }
  }
}

function explainIndicator(
  m: Methodology,
  result: RatingResult,
  row: RatingRow,
  ind: RatingIndicator,
  outcome: IndicatorOutcome,
): IndicatorExplanation {
  const group = m.groups.find((g) => g.id === ind.group)!;
  const base = {
    indicator: ind.id,
    title: ind.title,
    group: ind.group,
    status: outcome.status,
    value: outcome.value,
    points: outcome.points,
  };
  if (outcome.status === 'missing_excluded') {
    let text: string;
    if (row.total === null)
      text = 'не учитывается: нет данных ни по одному показателю, муниципальное образование не оценивается';
    else if (row.groups[ind.group] === null)
      text = `не учитывается: нет данных ни по одному показателю группы «${group.title}», группа не входит в итоговую оценку`;
    else
      text = `не учитывается: нет данных, вес показателя распределён между остальными показателями группы «${group.title}»`;
    return { ...base, earned: null, max: 0, text };
  }
  const max = outcome.share * 100;
  const earned = outcome.share * (outcome.points ?? 0);
  const head = formatEarned(earned, max);
  const text =
    outcome.status === 'missing_zero'
      ? `${head}: нет данных`
      : `${head}: ${reasonScored(ind, outcome.value!, result.stats[ind.id])}`;
  return { ...base, earned, max, text };
}

/**
 * Explains every point of one municipality: a sentence per indicator, a line per group and
 * one for the total. Throws when the municipality is not in the result.
 *
 * @example
 * explainMunicipality(methodology, result, 'г. Озёрск').groups[0].indicators[0].text
 * // «3,2 из 5 баллов: 12 СО НКО на 10 тыс. жителей при лучшем 18,7»
 */
export function explainMunicipality(
  methodology: Methodology,
  result: RatingResult,
  municipality: string,
): MunicipalityExplanation {
  const row = result.rows.find((r) => r.municipality === municipality.trim().normalize('NFC'));
  if (!row) throw new Error(`municipality "${municipality}" is not in the rating`);
  const outcomes = indicatorOutcomes(methodology, row);
  const groups = methodology.groups.map((g): GroupExplanation => {
    const indicators = methodology.indicators.flatMap((i, k) =>
      i.group === g.id ? [explainIndicator(methodology, result, row, i, outcomes[k])] : [],
    );
    const score = row.groups[g.id];
    if (score === null) {
      return {
        group: g.id,
        title: g.title,
        score,
        earned: null,
        max: 0,
        indicators,
        text: `«${g.title}»: нет данных, группа не входит в итоговую оценку`,
      };
    }
    const max = indicators.reduce((s, i) => s + i.max, 0);
    const earned = indicators.reduce((s, i) => s + (i.earned ?? 0), 0);
    const text = `«${g.title}»: ${pointFormats[0].format(score)} ${ofPoints('100')}, в итоговую оценку — ${formatEarned(earned, max)}`;
    return { group: g.id, title: g.title, score, earned, max, indicators, text };
  });
  const text =
    row.total === null
      ? 'Не оценивается: нет данных ни по одному показателю'
      : `Итоговая оценка ${pointFormats[0].format(row.total)} ${ofPoints('100')}, ${row.rank}-е место${row.band ? `, категория «${row.band}»` : ''}`;
  return { municipality: row.municipality, total: row.total, rank: row.rank, band: row.band, text, groups };
}
