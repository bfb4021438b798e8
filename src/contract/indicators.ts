/** Target indicators of a plan, their facts and plan against fact (issue 13). */
import { z } from 'zod';
import { OrgName } from './common.js';

export const IndicatorDirection = z.enum(['up', 'down', 'target']);
export const IndicatorBreakdown = z.enum(['total', 'organisation', 'municipality']);
export const IndicatorComputation = z.enum(['reported', 'share', 'sum']);
export const FactState = z.enum(['submitted', 'accepted', 'returned']);

export const IndicatorTarget = z.strictObject({
  year: z.number().int(),
  /** 0: the year's target; 1…4: a quarter's. */
  quarter: z.number().int(),
  value: z.number().nullable(),
  /** As printed when not a plain number («не менее 5»). */
  valueText: z.string(),
});

export const PlanFactRow = z.strictObject({
  year: z.number().int(),
  quarter: z.number().int(),
  planned: z.number().nullable(),
  fact: z.number().nullable(),
  /** A quarter's figure standing for a year not yet reported whole. */
  partial: z.boolean(),
  deviation: z.number().nullable(),
  percentOfPlan: z.number().nullable(),
  status: z.enum(['reached', 'missed', 'no_fact', 'no_plan']),
  forecast: z.number().nullable(),
  willMiss: z.boolean(),
});

export const Indicator = z.strictObject({
  id: z.number().int(),
  planId: z.number().int(),
  number: z.string(),
  name: z.string(),
  unit: z.string(),
  direction: IndicatorDirection,
  baseValue: z.number().nullable(),
  basePeriod: z.string(),
  source: z.string(),
  method: z.string(),
  breakdown: IndicatorBreakdown,
  computation: IndicatorComputation,
  numeratorId: z.number().int().nullable(),
  denominatorId: z.number().int().nullable(),
  position: z.number().int(),
  version: z.number().int(),
  targets: z.array(IndicatorTarget),
  responsibles: z.array(OrgName),
  planFact: z.array(PlanFactRow),
  abilities: z.strictObject({ update: z.boolean(), review: z.boolean(), report: z.boolean() }),
});

export const IndicatorFact = z.strictObject({
  id: z.number().int(),
  indicatorId: z.number().int(),
  year: z.number().int(),
  quarter: z.number().int(),
  /** The breakdown unit (municipality, organisation); null for the region's total. */
  unit: OrgName.nullable(),
  value: z.number(),
  comment: z.string(),
  evidenceUrl: z.string().nullable(),
  state: FactState,
  reviewComment: z.string(),
  version: z.number().int(),
  updatedAt: z.iso.datetime(),
});

export const IndicatorDetail = Indicator.extend({
  planTitle: z.string(),
  planPeriod: z.strictObject({ from: z.iso.date(), to: z.iso.date() }),
  units: z.array(OrgName),
  reportableUnitIds: z.array(z.number().int()),
  /** The figures the indicator stands at, reported or computed (`computed`: never typed). */
  values: z.array(
    z.strictObject({
      year: z.number().int(),
      quarter: z.number().int(),
      unitId: z.number().int().nullable(),
      value: z.number(),
      computed: z.boolean(),
    }),
  ),
  facts: z.array(IndicatorFact),
  components: z.array(z.strictObject({ id: z.number().int(), number: z.string(), name: z.string(), unit: z.string() })),
});

export const MyIndicator = z.strictObject({
  id: z.number().int(),
  planId: z.number().int(),
  planTitle: z.string(),
  number: z.string(),
  name: z.string(),
  unit: z.string(),
});

export type Indicator = z.infer<typeof Indicator>;
export type IndicatorDetail = z.infer<typeof IndicatorDetail>;
export type IndicatorFact = z.infer<typeof IndicatorFact>;
export type PlanFactRow = z.infer<typeof PlanFactRow>;
