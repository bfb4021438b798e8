/**
 * The points that pulled an organisation down, in Russian words, worst first — for the results
 * page and as the starting list of the improvement plan. «Worst» is measured in points of the
 * total: (scale − indicator) × its weight in the criterion × the criterion's weight in the total,
 * so the figures of all shortfalls add up to scale − total.
 */
import { plural } from '../reminders/plan-reminders.js';
import { countAt, pairAt, type OrganisationInput } from './input.js';
import type { CriterionId, IndicatorRule, Methodology } from './methodology.js';
import { criterionWeights, scoreOrganisation, type OrganisationScore } from './score.js';

export interface Shortfall {
  indicator: string;
  criterion: CriterionId;
  /** The indicator's points (0…scale). */
  points: number;
  /** scale − points. */
  lost: number;
  /** Points of the organisation's total lost through this indicator. */
  lostInTotal: number;
  /** «1.1 — на стенде размещено 12 из 20 обязательных сведений (80 баллов)». */
  text: string;
}

/** Below this an indicator counts as full: floating-point noise, not a shortfall. */
const EPSILON = 1e-9;

const NUMBER_RU = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 2 });

/** «62,5 балла», «60 баллов», «1 балл»: a fraction takes the genitive singular. */
export function pointsRu(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  const word = Number.isInteger(rounded) ? plural(rounded, 'балл', 'балла', 'баллов') : 'балла';
  return `${NUMBER_RU.format(rounded)} ${word}`;
}

/**
 * Fills an edition's phrase: {n}, {d}, {need} by value; {x|one|few|many} by the plural form
 * that the number x asks for.
 * @example fillPhrase('размещено {n} из {d} {d|сведения|сведений|сведений}', { n: 1, d: 21 }) // 'размещено 1 из 21 сведения'
 */
export function fillPhrase(template: string, values: Record<string, number>): string {
  return template.replace(
    /\{(\w+)(?:\|([^|}]*)\|([^|}]*)\|([^|}]*))?\}/g,
    (whole, name: string, one?: string, few?: string, many?: string) => {
      const v = values[name];
      if (v === undefined) return whole;
      return one === undefined ? NUMBER_RU.format(v) : plural(v, one, few!, many!);
    },
  );
}

function describe(rule: IndicatorRule, o: OrganisationInput): string[] {
  const f = rule.formula;
  if (f.kind === 'points') {
    return [fillPhrase(f.shortfall, { n: countAt(o, f.ref), need: Math.ceil(f.cap / f.pointsPerItem) })];
  }
  const words: string[] = [];
  for (const part of f.parts) {
    const p = pairAt(o, part.ref);
    if (!p) continue;
    if (p[1] === 0) words.push(part.empty);
    else if (p[0] < p[1]) words.push(fillPhrase(part.shortfall, { n: p[0], d: p[1] }));
  }
  return words;
}

export function explainShortfalls(
  m: Methodology,
  o: OrganisationInput,
  score: OrganisationScore = scoreOrganisation(m, o),
): Shortfall[] {
  const out: (Shortfall & { order: number })[] = [];
  m.criteria.forEach((c) => {
    const weights = criterionWeights(c, score.indicators);
    for (const [id, w] of Object.entries(weights)) {
      const points = score.indicators[id];
      const lost = m.scale - points;
      if (lost <= EPSILON) continue;
      const rule = m.indicators.find((i) => i.id === id)!;
      const words = describe(rule, o);
      out.push({
        indicator: id,
        criterion: c.id,
        points,
        lost,
        lostInTotal: lost * w * m.total.weights[c.id],
        text: `${id} — ${words.join('; ')} (${pointsRu(points)})`,
        order: m.indicators.indexOf(rule),
      });
    }
  });
  out.sort((a, b) =>
    Math.abs(b.lostInTotal - a.lostInTotal) > EPSILON ? b.lostInTotal - a.lostInTotal : a.order - b.order,
  );
  return out.map(({ order: _order, ...s }) => s);
}
