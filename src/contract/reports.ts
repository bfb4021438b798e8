/** Execution reports, their review, deadline extensions, and the workspace lists. */
import { z } from 'zod';
import { IsoDate, MeasureStatus, OrgName, OrgShort, ReportState, Timestamp } from './common.js';
import { SubstanceVerdict } from './substance.js';

export const ReportPeriod = z.strictObject({
  id: z.number().int(),
  label: z.string(),
  startsOn: IsoDate,
  endsOn: IsoDate,
  reportDue: IsoDate,
});
export const Attachment = z.strictObject({
  id: z.number().int(),
  fileId: z.number().int(),
  name: z.string(),
  size: z.number().int(),
});
export const Figures = z.record(z.string(), z.union([z.string(), z.number()]));

/** One executor organisation's report on a measure for a period. */
export const Report = z.strictObject({
  id: z.number().int(),
  planId: z.number().int(),
  measureId: z.number().int(),
  period: ReportPeriod,
  organisation: OrgName,
  role: z.enum(['lead', 'co']),
  state: ReportState,
  resultStatus: MeasureStatus.nullable(),
  text: z.string(),
  figures: Figures,
  links: z.array(z.string()),
  version: z.number().int(),
  submittedAt: Timestamp.nullable(),
  /** The day this report is due: the period's report day, or the measure's own report date. */
  dueOn: IsoDate,
  /** The first submission against the due day (inclusive); null until submitted. */
  onTime: z.boolean().nullable(),
  reviewedAt: Timestamp.nullable(),
  reviewComment: z.string().nullable(),
  attachments: z.array(Attachment),
  updatedAt: Timestamp,
  /** The substance verdict of the text as last saved (null: nothing written yet). */
  substance: SubstanceVerdict.nullable(),
  /** The report of a linked measure this one was written once in («отчитаться один раз»). */
  sharedFromReportId: z.number().int().nullable(),
});

export const ReportAbilities = z.strictObject({
  edit: z.boolean(),
  submit: z.boolean(),
  accept: z.boolean(),
  return: z.boolean(),
});

/** GET /api/measures/:id/reports. */
export const MeasureReport = Report.extend({ abilities: ReportAbilities });
/** GET /api/my/reports. */
export const MyReport = Report.extend({
  measure: z.strictObject({ id: z.number().int(), number: z.string(), title: z.string() }),
  plan: z.strictObject({ id: z.number().int(), title: z.string() }),
});

export const ReportVersion = z.strictObject({
  version: z.number().int(),
  action: z.string(),
  /** The report as it stood after the action (state, result status, text, figures, links, review comment). */
  snapshot: z.record(z.string(), z.unknown()),
  at: Timestamp,
  actor: z.string().nullable(),
});

/** GET /api/reports/:id: with the co-executors' parts the lead gathers, every version and the user's abilities. */
export const ReportDetail = Report.extend({
  parts: z.array(Report),
  gatheredText: z.string(),
  versions: z.array(ReportVersion),
  abilities: ReportAbilities,
});

export const Extension = z.strictObject({
  id: z.number().int(),
  measureId: z.number().int(),
  planId: z.number().int(),
  organisation: OrgShort,
  /** What is moved: a control date of the measure, or one executor's report. */
  target: z.strictObject({ kind: z.enum(['due', 'report']), reportId: z.number().int().nullable(), label: z.string() }),
  requestedBy: z.string(),
  reason: z.string(),
  currentDue: IsoDate.nullable(),
  requestedDue: IsoDate,
  /** Why someone should look twice (a move of months, past the plan's end). */
  warnings: z.array(z.string()),
  state: z.enum(['pending', 'approved', 'rejected']),
  decidedBy: z.string().nullable(),
  decidedAt: Timestamp.nullable(),
  decisionComment: z.string().nullable(),
  createdAt: Timestamp,
});

/** A date the user's organisation may ask to move. */
export const ExtensionTarget = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('due'), nominal: IsoDate, effective: IsoDate, label: z.string() }),
  z.strictObject({
    kind: z.literal('report'),
    reportId: z.number().int(),
    organisationId: z.number().int(),
    dueOn: IsoDate,
    label: z.string(),
  }),
]);

/** A row of the report lists («Отчёты», «На проверке», the home page). */
export const ReportListItem = z.strictObject({
  id: z.number().int(),
  plan: z.strictObject({ id: z.number().int(), title: z.string(), shortTitle: z.string() }),
  measure: z.strictObject({ id: z.number().int(), number: z.string(), title: z.string(), label: z.string() }),
  period: z.strictObject({ id: z.number().int(), label: z.string() }),
  organisation: OrgShort,
  role: z.enum(['lead', 'co']),
  state: ReportState,
  resultStatus: MeasureStatus.nullable(),
  dueOn: IsoDate,
  submittedAt: Timestamp.nullable(),
  reviewedAt: Timestamp.nullable(),
  reviewComment: z.string().nullable(),
  version: z.number().int(),
  overdue: z.boolean(),
  abilities: z.strictObject({ accept: z.boolean(), return: z.boolean(), edit: z.boolean() }),
  /** The flags the review queue shows: the verdict's label, a status conflict, the main reasons. */
  substance: z
    .strictObject({
      label: z.enum(['substantive', 'formal', 'partial']),
      statusConflict: z.boolean(),
      reasons: z.array(z.string()),
    })
    .nullable(),
  sharedFromReportId: z.number().int().nullable(),
});

export const ReportStateCounts = z.strictObject({
  expected: z.number().int(),
  draft: z.number().int(),
  submitted: z.number().int(),
  returned: z.number().int(),
  accepted: z.number().int(),
});

/** GET /api/reports: one page, the total under the filters, and the counts by state (the tabs). */
export const ReportList = z.strictObject({
  items: z.array(ReportListItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  byState: ReportStateCounts,
});

export const BulkOutcome = z.union([
  z.strictObject({ id: z.number().int(), ok: z.literal(true), version: z.number().int() }),
  z.strictObject({ id: z.number().int(), ok: z.literal(false), reason: z.string(), message: z.string() }),
]);
export const BulkAcceptResult = z.strictObject({
  accepted: z.number().int(),
  failed: z.number().int(),
  items: z.array(BulkOutcome),
});

export const RemindResult = z.strictObject({
  organisation: OrgShort,
  /** People who got the notice in the bell. */
  notified: z.number().int(),
  /** Addresses the e-mail went to (0: none). */
  emailed: z.number().int(),
  /** Why no e-mail left, when none did. */
  emailNote: z.string().nullable(),
});

export type ReportPeriod = z.infer<typeof ReportPeriod>;
export type Attachment = z.infer<typeof Attachment>;
export type Report = z.infer<typeof Report>;
export type ReportAbilities = z.infer<typeof ReportAbilities>;
export type MeasureReport = z.infer<typeof MeasureReport>;
export type MyReport = z.infer<typeof MyReport>;
export type ReportVersion = z.infer<typeof ReportVersion>;
export type ReportDetail = z.infer<typeof ReportDetail>;
export type Extension = z.infer<typeof Extension>;
export type ExtensionTarget = z.infer<typeof ExtensionTarget>;
export type ReportListItem = z.infer<typeof ReportListItem>;
export type ReportList = z.infer<typeof ReportList>;
export type BulkOutcome = z.infer<typeof BulkOutcome>;
export type BulkAcceptResult = z.infer<typeof BulkAcceptResult>;
export type RemindResult = z.infer<typeof RemindResult>;
