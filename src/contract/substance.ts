/** Issue 15: the substance verdict of report texts, linked measures («одна и та же работа») and report reuse. */
import { z } from 'zod';
import { OrgShort, ReportState, Timestamp } from './common.js';

const Span = z.strictObject({ text: z.string(), start: z.number().int(), end: z.number().int() });

/** The verdict of an execution text: label, whose parts are formal, a status conflict, evidence (offsets into the text), reasons in Russian. */
export const SubstanceVerdict = z.strictObject({
  label: z.enum(['substantive', 'formal', 'partial']),
  formalExecutors: z.array(z.string()),
  statusConflict: z
    .strictObject({
      kind: z.string(),
      reason: z.string(),
      evidence: Span.nullable(),
    })
    .nullable(),
  evidence: z.array(Span.extend({ kind: z.string() })),
  reasons: z.array(z.string()),
});

const MeasureRef = z.strictObject({
  id: z.number().int(),
  number: z.string(),
  title: z.string(),
  plan: z.strictObject({ id: z.number().int(), title: z.string() }),
});

/** GET /api/measures/:id/link-candidates: a measure of another plan that may be the same work, with why. */
export const LinkCandidate = z.strictObject({
  measure: MeasureRef,
  similarity: z.number(),
  sharedExecutors: z.array(OrgShort),
  sharedWords: z.array(z.string()),
  reason: z.string(),
});

/** GET /api/measures/:id/links: linked measures the user may see, where the reports are used, the imported text's verdict. */
export const MeasureLinks = z.strictObject({
  links: z.array(
    z.strictObject({
      id: z.number().int(),
      measure: MeasureRef,
      reason: z.string(),
      createdAt: Timestamp,
      createdBy: z.string().nullable(),
      abilities: z.strictObject({ remove: z.boolean() }),
    }),
  ),
  usage: z.array(
    z.strictObject({
      reportId: z.number().int(),
      period: z.string(),
      organisation: z.string(),
      /** to: this measure's report is used there; from: this measure's report came from there. */
      direction: z.enum(['to', 'from']),
      other: z.strictObject({ reportId: z.number().int(), state: ReportState, measure: MeasureRef }),
    }),
  ),
  executionSubstance: SubstanceVerdict.nullable(),
  abilities: z.strictObject({ link: z.boolean() }),
});

/** POST /api/measure-links. */
export const MeasureLinkCreated = z.strictObject({
  id: z.number().int(),
  measure: MeasureRef,
  other: MeasureRef,
  reason: z.string(),
  createdAt: Timestamp,
});

/** GET /api/reports/:id/share-targets: where a report can be used as well. */
export const ShareTarget = z.strictObject({
  reportId: z.number().int(),
  version: z.number().int(),
  state: ReportState,
  role: z.enum(['lead', 'co']),
  period: z.string(),
  measure: z.strictObject({ id: z.number().int(), number: z.string(), title: z.string() }),
  plan: z.strictObject({ id: z.number().int(), title: z.string() }),
  sharedFromReportId: z.number().int().nullable(),
  available: z.boolean(),
});

/** POST /api/reports/:id/share. */
export const ShareResult = z.strictObject({
  shared: z.array(
    z.strictObject({
      reportId: z.number().int(),
      measureId: z.number().int(),
      planId: z.number().int(),
      planTitle: z.string(),
      state: ReportState,
    }),
  ),
});

const Share = z.strictObject({
  total: z.number().int(),
  formal: z.number().int(),
  partial: z.number().int(),
  conflicts: z.number().int(),
  formalShare: z.number(),
});

/** GET /api/dashboard/substance. */
export const SubstanceDashboard = z.strictObject({
  totals: Share,
  reportsSaved: z.number().int(),
  byExecutor: z.array(Share.extend({ organisation: OrgShort })),
  bySection: z.array(
    Share.extend({
      plan: z.strictObject({ id: z.number().int(), title: z.string() }),
      section: z.strictObject({ id: z.number().int(), number: z.string(), title: z.string() }).nullable(),
    }),
  ),
});

export type SubstanceVerdict = z.infer<typeof SubstanceVerdict>;
export type LinkCandidate = z.infer<typeof LinkCandidate>;
export type MeasureLinks = z.infer<typeof MeasureLinks>;
export type MeasureLinkCreated = z.infer<typeof MeasureLinkCreated>;
export type ShareTarget = z.infer<typeof ShareTarget>;
export type ShareResult = z.infer<typeof ShareResult>;
export type SubstanceDashboard = z.infer<typeof SubstanceDashboard>;
