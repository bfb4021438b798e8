/**
 * The calculation: a pure function of (edition data, inputs) → indicators, К1–К5, total.
 * Nothing here knows a number of the order; every weight, cap and rule comes from the edition.
 * Values are unrounded: rounding is for display only.
 */
import { DomainError } from '../errors.js';
import { countAt, pairAt, type OrganisationInput, type ScoreInput } from './input.js';
import {
  CRITERION_IDS,
  type CriterionId,
  type CriterionRule,
  type IndicatorRule,
  type Methodology,
} from './methodology.js';

export interface OrganisationScore {
  id: string | number;
  /** «1.1» … «5.3»; an optional indicator that does not apply (2.2 with null input) is left out. */
  indicators: Record<string, number>;
  K: Record<CriterionId, number>;
  total: number;
}

/** The value of one indicator (0…scale), or null when its input says it does not apply. */
export function indicatorValue(m: Methodology, rule: IndicatorRule, o: OrganisationInput): number | null {
  const f = rule.formula;
  if (f.kind === 'points') return Math.min(f.cap, f.pointsPerItem * countAt(o, f.ref));
  let sum = 0;
  for (const part of f.parts) {
    const p = pairAt(o, part.ref);
    if (p === null) {
      if (rule.optional) return null;
      throw new DomainError(
        'validation',
        'nok.indicator_missing',
        `Нет данных для показателя ${rule.id}`,
        `indicator ${rule.id} is required by edition ${m.edition} but its input ${part.ref} is null`,
      );
    }
    sum += p[1] === 0 ? f.zeroDenominatorShare : p[0] / p[1];
  }
  return (sum / f.parts.length) * m.scale;
}

/** The indicator weights a criterion uses, given which of its indicators are present. */
export function criterionWeights(c: CriterionRule, indicators: Record<string, number>): Record<string, number> {
  const absent = Object.keys(c.weights).filter((id) => !(id in indicators));
  if (absent.length === 0) return c.weights;
  const alt = c.whenAbsent.find(
    (a) => a.absent.length === absent.length && absent.every((id) => a.absent.includes(id)),
  );
  if (!alt) {
    throw new DomainError(
      'validation',
      'nok.no_weights',
      `Методика не определяет критерий ${c.id} без показателей ${absent.join(', ')}`,
      `criterion ${c.id} has no weights for absent ${absent.join(', ')}`,
    );
  }
  return alt.weights;
}

export function scoreOrganisation(m: Methodology, o: OrganisationInput): OrganisationScore {
  const indicators: Record<string, number> = {};
  for (const rule of m.indicators) {
    const v = indicatorValue(m, rule, o);
    if (v !== null) indicators[rule.id] = v;
  }
  const K = {} as Record<CriterionId, number>;
  for (const c of m.criteria) {
    let k = 0;
    for (const [id, w] of Object.entries(criterionWeights(c, indicators))) k += w * indicators[id];
    K[c.id] = k;
  }
  let total = 0;
  for (const id of CRITERION_IDS) total += m.total.weights[id] * K[id];
  return { id: o.id, indicators, K, total };
}

export function scoreOrganisations(m: Methodology, input: ScoreInput): { organisations: OrganisationScore[] } {
  return { organisations: input.organisations.map((o) => scoreOrganisation(m, o)) };
}
