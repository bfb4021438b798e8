/** Ratings of municipalities: methodologies, campaigns, values, results with explanations (issue 13). */
import { z } from 'zod';

export const RatingState = z.enum(['collecting', 'frozen', 'approved', 'published']);

export const RatingMethodology = z.strictObject({
  id: z.number().int(),
  title: z.string(),
  version: z.number().int(),
  /** The exchange JSON (src/domain/ratings/README.md), as imported. */
  body: z.record(z.string(), z.unknown()),
  createdAt: z.iso.datetime(),
});

export const Rating = z.strictObject({
  id: z.number().int(),
  methodologyId: z.number().int(),
  methodologyTitle: z.string(),
  year: z.number().int(),
  title: z.string(),
  state: RatingState,
  dueOn: z.iso.date().nullable(),
  version: z.number().int(),
});

const IndicatorExplanation = z.strictObject({
  indicator: z.string(),
  title: z.string(),
  group: z.string(),
  status: z.enum(['scored', 'missing_zero', 'missing_excluded']),
  value: z.number().nullable(),
  points: z.number().nullable(),
  earned: z.number().nullable(),
  max: z.number(),
  text: z.string(),
});

export const MunicipalityExplanation = z.strictObject({
  municipality: z.string(),
  total: z.number().nullable(),
  rank: z.number().int().nullable(),
  band: z.string().nullable(),
  text: z.string(),
  groups: z.array(
    z.strictObject({
      group: z.string(),
      title: z.string(),
      score: z.number().nullable(),
      earned: z.number().nullable(),
      max: z.number(),
      text: z.string(),
      indicators: z.array(IndicatorExplanation),
    }),
  ),
});

export const RatingResultRow = z.strictObject({
  municipalityId: z.number().int(),
  municipality: z.string(),
  total: z.number().nullable(),
  rank: z.number().int().nullable(),
  band: z.string().nullable(),
  groups: z.record(z.string(), z.number().nullable()),
  points: z.record(z.string(), z.number().nullable()),
  /** Places gained since last year's approved rating under the same methodology (negative: lost). */
  rankChange: z.number().int().nullable(),
  explanation: MunicipalityExplanation,
});

export const RatingDetail = Rating.extend({
  methodology: RatingMethodology,
  municipalities: z.array(z.strictObject({ id: z.number().int(), shortName: z.string(), fullName: z.string() })),
  values: z.array(
    z.strictObject({
      municipalityId: z.number().int(),
      indicator: z.string(),
      value: z.number().nullable(),
      comment: z.string(),
      correctionReason: z.string().nullable(),
    }),
  ),
  abilities: z.strictObject({ manage: z.boolean(), enter: z.boolean(), transitions: z.array(RatingState) }),
  results: z.array(RatingResultRow),
});

export const PublicRating = z.strictObject({
  id: z.number().int(),
  title: z.string(),
  year: z.number().int(),
  methodologyTitle: z.string(),
  methodology: RatingMethodology,
  results: z.array(RatingResultRow),
});

export type RatingDetail = z.infer<typeof RatingDetail>;
export type PublicRating = z.infer<typeof PublicRating>;
export type RatingResultRow = z.infer<typeof RatingResultRow>;
export type RatingMethodology = z.infer<typeof RatingMethodology>;
