/**
 * The shape of a НОК scoring methodology held as data (one object per edition of the act).
 *
 * Everything the calculation depends on lives here — weights, formula kinds, points per item,
 * caps, the zero-denominator rule, which indicators may be absent and the criterion weights
 * then — each with how sure we are of it, so that checking the official text can flip a rule
 * from «third-party reading» to «official» (or correct a number) without touching code.
 * `parseMethodology` accepts an edition from anywhere (a database row, a JSON file) and
 * refuses one that could not be computed.
 */
import { z } from 'zod';
import { DomainError } from '../errors.js';

/**
 * How sure a rule is, in the tiers of ../shared/research/ratings-nok-portal-anchors.md:
 * A official text seen; B reputable secondary source; C third-party implementation;
 * U not confirmed (then `decision` says what we chose and why).
 */
export const confidenceSchema = z.strictObject({
  tier: z.enum(['A', 'B', 'C', 'U']),
  /** Where the rule comes from (source ids S1… of the research file, with what they show). */
  source: z.string().min(1),
  /** For U rules: the reading we chose where the sources are silent, and why. */
  decision: z.string().min(1).optional(),
});
export type Confidence = z.infer<typeof confidenceSchema>;

/** Inputs holding a pair [numerator, denominator] (see ./input.ts for their meaning). */
export const PAIR_REFS = [
  'info.stand',
  'info.site',
  'survey.1.3.stand',
  'survey.1.3.site',
  'survey.2.2',
  'survey.2.3',
  'survey.3.3',
  'survey.4.1',
  'survey.4.2',
  'survey.4.3',
  'survey.5.1',
  'survey.5.2',
  'survey.5.3',
] as const;
export type PairRef = (typeof PAIR_REFS)[number];

/** Inputs holding a count of checklist items found present (and working). */
export const COUNT_REFS = ['remoteChannels', 'comfortConditions', 'accessOrg', 'accessServices'] as const;
export type CountRef = (typeof COUNT_REFS)[number];

export const CRITERION_IDS = ['1', '2', '3', '4', '5'] as const;
export type CriterionId = (typeof CRITERION_IDS)[number];

/**
 * Russian phrases for the «what pulled the score down» list. Placeholders: {n} numerator or
 * count, {d} denominator, {need} items needed for the cap; {x|one|few|many} picks the Russian
 * plural form by the number x (n, d or need).
 */
const phrase = z.string().min(1);

const shareFormula = z.strictObject({
  /** Mean over the parts of numerator/denominator, times the edition's scale. */
  kind: z.literal('share'),
  parts: z
    .array(
      z.strictObject({
        ref: z.enum(PAIR_REFS),
        /** e.g. «на стенде размещено {n} из {d} …». */
        shortfall: phrase,
        /** Said when the denominator is 0 (nobody used the stand, nothing required …). */
        empty: phrase,
      }),
    )
    .min(1),
  /** The share (0…1) a part counts when its denominator is 0. */
  zeroDenominatorShare: z.number().min(0).max(1),
});

const pointsFormula = z.strictObject({
  /** pointsPerItem × count, capped. */
  kind: z.literal('points'),
  ref: z.enum(COUNT_REFS),
  pointsPerItem: z.number().positive(),
  cap: z.number().positive(),
  /** e.g. «комфортных условий обеспечено {n} из {need}, нужных для 100 баллов». */
  shortfall: phrase,
});

export const indicatorRuleSchema = z.strictObject({
  /** «1.1» … «5.3». */
  id: z.string().regex(/^[1-9]\.[1-9]$/),
  criterion: z.enum(CRITERION_IDS),
  /** Russian name as in the act. */
  name: z.string().min(1),
  /** The act's notation (Пинф, Пдист …), for people checking against the text. */
  variable: z.string().min(1),
  /** The indicator may be absent (its input null); the criterion then uses `whenAbsent` weights. */
  optional: z.boolean(),
  formula: z.discriminatedUnion('kind', [shareFormula, pointsFormula]),
  confidence: z.strictObject({
    formula: confidenceSchema,
    weight: confidenceSchema,
    cap: confidenceSchema.optional(),
    zeroDenominator: confidenceSchema.optional(),
    optional: confidenceSchema.optional(),
  }),
});
export type IndicatorRule = z.infer<typeof indicatorRuleSchema>;

const weights = z.record(z.string(), z.number().min(0).max(1));

export const criterionRuleSchema = z.strictObject({
  id: z.enum(CRITERION_IDS),
  name: z.string().min(1),
  /** Weight of each indicator inside the criterion; they sum to 1. */
  weights,
  confidence: confidenceSchema,
  /** Weights to use when the listed optional indicators are absent (exactly those). */
  whenAbsent: z.array(z.strictObject({ absent: z.array(z.string()).min(1), weights, confidence: confidenceSchema })),
});
export type CriterionRule = z.infer<typeof criterionRuleSchema>;

export const methodologySchema = z.strictObject({
  /** Stable key used on the command line and stored with every result, e.g. «344n-2018». */
  edition: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
  act: z.strictObject({
    title: z.string().min(1),
    /** «Приказ Минтруда России от 31.05.2018 № 344н». */
    reference: z.string().min(1),
    officialUrl: z.url().optional(),
    effectiveFrom: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    confidence: confidenceSchema,
  }),
  /** Top of every indicator, criterion and total scale (points). */
  scale: z.number().positive(),
  indicators: z.array(indicatorRuleSchema).min(1),
  criteria: z.array(criterionRuleSchema).length(CRITERION_IDS.length),
  /** The organisation's total: weighted sum of the criteria (weights sum to 1). */
  total: z.strictObject({
    weights: z.record(z.enum(CRITERION_IDS), z.number().min(0).max(1)),
    confidence: confidenceSchema,
  }),
  /** What is still to be checked against the official text before this edition is trusted. */
  openQuestions: z.array(z.string()),
});
export type Methodology = z.infer<typeof methodologySchema>;

const WEIGHT_SUM_TOLERANCE = 1e-9;

/** Problems that the schema cannot see: weights not summing to 1, unknown or missing indicators. */
export function methodologyProblems(m: Methodology): string[] {
  const problems: string[] = [];
  const byId = new Map(m.indicators.map((i) => [i.id, i]));
  if (byId.size !== m.indicators.length) problems.push('indicator ids are not unique');
  const sumOk = (w: Record<string, number>) =>
    Math.abs(Object.values(w).reduce((a, b) => a + b, 0) - 1) <= WEIGHT_SUM_TOLERANCE;
  const seenCriteria = new Set<string>();
  for (const c of m.criteria) {
    if (seenCriteria.has(c.id)) problems.push(`criterion ${c.id} is listed twice`);
    seenCriteria.add(c.id);
    const members = m.indicators.filter((i) => i.criterion === c.id).map((i) => i.id);
    const sameSet = (ids: string[]) => ids.length === members.length && members.every((id) => ids.includes(id));
    if (!sameSet(Object.keys(c.weights)))
      problems.push(`criterion ${c.id}: weights must name exactly its indicators ${members.join(', ')}`);
    if (!sumOk(c.weights)) problems.push(`criterion ${c.id}: weights do not sum to 1`);
    const optional = members.filter((id) => byId.get(id)?.optional);
    for (const alt of c.whenAbsent) {
      const bad = alt.absent.filter((id) => !optional.includes(id));
      if (bad.length)
        problems.push(`criterion ${c.id}: whenAbsent names ${bad.join(', ')}, which are not optional indicators of it`);
      if (!sameSet([...Object.keys(alt.weights), ...alt.absent]))
        problems.push(
          `criterion ${c.id}: weights when ${alt.absent.join(', ')} absent must name exactly the other indicators`,
        );
      if (!sumOk(alt.weights))
        problems.push(`criterion ${c.id}: weights when ${alt.absent.join(', ')} absent do not sum to 1`);
    }
    // Every combination of absent optional indicators must have its weights.
    for (let mask = 1; mask < 1 << optional.length; mask++) {
      const absent = optional.filter((_, i) => mask & (1 << i));
      if (!c.whenAbsent.some((a) => a.absent.length === absent.length && absent.every((id) => a.absent.includes(id)))) {
        problems.push(`criterion ${c.id}: no weights for when ${absent.join(', ')} absent`);
      }
    }
  }
  for (const i of m.indicators) {
    if (!seenCriteria.has(i.criterion)) problems.push(`indicator ${i.id}: criterion ${i.criterion} is not defined`);
    if (i.formula.kind === 'points' && i.formula.cap > m.scale) problems.push(`indicator ${i.id}: cap above the scale`);
    if (i.optional && !i.confidence.optional) problems.push(`indicator ${i.id}: optional without a confidence for it`);
  }
  if (!sumOk(m.total.weights)) problems.push('total: criterion weights do not sum to 1');
  if (Object.keys(m.total.weights).length !== CRITERION_IDS.length)
    problems.push('total: a weight for every criterion is required');
  return problems;
}

/** An edition from outside the code (database row, JSON file): checked or refused. */
export function parseMethodology(raw: unknown): Methodology {
  const parsed = methodologySchema.safeParse(raw);
  const problems = parsed.success
    ? methodologyProblems(parsed.data)
    : parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  if (!parsed.success || problems.length) {
    throw new DomainError(
      'validation',
      'nok.methodology_invalid',
      'Методика оценки описана с ошибками и не может применяться',
      `NOK methodology rejected: ${problems.join('; ')}`,
    );
  }
  return parsed.data;
}
