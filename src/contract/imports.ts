/** Document import: what the reader found, the review before saving, applying a report. */
import { z } from 'zod';
import { IsoDate, MeasureStatus, OrgName } from './common.js';

export const DocumentKind = z.enum(['plan', 'report', 'council_decisions', 'protocol']);

export const InterchangeItem = z.strictObject({
  number: z.string(),
  /** Number of the section the item stands under, or null. */
  section: z.string().nullable(),
  title: z.string(),
  executorsText: z.string(),
  executors: z.array(z.string()),
  deadlineText: z.string(),
  expectedResult: z.string(),
  form: z.string(),
  executionText: z.string(),
  status: MeasureStatus.nullable(),
  /** For council decisions: «пункт 5 вопроса № 2». */
  protocolItem: z.string(),
});

export const MeetingHeader = z.strictObject({
  council: z.string(),
  number: z.string().nullable(),
  date: IsoDate.nullable(),
  place: z.string().nullable(),
  format: z.enum(['in_person', 'absentee', 'video']).nullable(),
  attendance: z.array(
    z.strictObject({
      group: z.enum(['chair', 'present', 'invited', 'secretary', 'absent']),
      name: z.string(),
      position: z.string(),
    }),
  ),
});

/** The interchange form every reader produces (src/domain/importers/interchange.ts). */
export const InterchangeDocument = z.strictObject({
  kind: DocumentKind,
  title: z.string(),
  approvedOn: IsoDate.nullable(),
  approvedByName: z.string().nullable(),
  period: z.tuple([IsoDate, IsoDate]).nullable(),
  sections: z.array(
    z.strictObject({ number: z.string(), title: z.string(), speakers: z.array(z.string()).optional() }),
  ),
  indicators: z.array(
    z.strictObject({
      number: z.string(),
      name: z.string(),
      values: z.record(z.string(), z.union([z.string(), z.number()])),
      unit: z.string().optional(),
    }),
  ),
  items: z.array(InterchangeItem),
  abbreviations: z.record(z.string(), z.string()),
  /** Protocols only: the meeting; its sections are the agenda questions and its items the decisions. */
  meeting: MeetingHeader.optional(),
  /** Problems the reader noticed, in Russian. */
  warnings: z.array(z.string()),
});

export const ImportProblem = z.strictObject({
  kind: z.enum(['executor_unknown', 'deadline_unclear', 'empty_title', 'duplicate_number', 'no_executor']),
  /** Index in document.items, or null for the document as a whole. */
  item: z.number().int().nullable(),
  message: z.string(),
});

export const ExecutorResolution = z.strictObject({
  /** As in the document, without «(по согласованию)». */
  name: z.string(),
  byAgreement: z.boolean(),
  match: OrgName.nullable(),
  /** For a name not found: an organisation, or a phrase describing executors, kept as text. */
  suggestion: z.enum(['organisation', 'text']),
  /** Found only by the short form the document gives it («… (далее – Минтруд)»). */
  byShortForm: z.boolean(),
  candidates: z.array(OrgName),
  /** Indices of the items naming it. */
  items: z.array(z.number().int()),
});

export const LayoutBlock = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('table'), rows: z.array(z.array(z.string())), totalRows: z.number().int() }),
  z.strictObject({ type: z.literal('lines'), lines: z.array(z.string()), totalLines: z.number().int() }),
]);
export const Layout = z.strictObject({ blocks: z.array(LayoutBlock) });

/** A document read: what a person reviews before it becomes a plan. */
/** An indicator of the document as it will be saved; the preview sends it back fixed. */
export const IndicatorDraft = z.strictObject({
  number: z.string(),
  name: z.string(),
  unit: z.string(),
  direction: z.enum(['up', 'down', 'target']),
  baseValue: z.number().nullable(),
  basePeriod: z.string(),
  targets: z.array(
    z.strictObject({
      year: z.number().int(),
      quarter: z.number().int(),
      value: z.number().nullable(),
      valueText: z.string(),
    }),
  ),
});

export const ImportPreview = z.strictObject({
  importId: z.number().int(),
  fileId: z.number().int(),
  fileName: z.string(),
  document: InterchangeDocument,
  problems: z.array(ImportProblem),
  executors: z.array(ExecutorResolution),
  /** The document's target indicators as they will be kept (unit, base, planned values): for fixing. */
  indicatorDrafts: z.array(IndicatorDraft),
});

/** GET /api/imports/:id of a read document: with where it stands. */
export const StoredImportPreview = ImportPreview.extend({ status: z.enum(['preview', 'saved', 'applied']) });

/** A document no reading placed: what the reader found, for a person to point at its columns. */
export const ImportUnread = z.strictObject({
  importId: z.number().int(),
  fileId: z.number().int(),
  fileName: z.string(),
  status: z.literal('unread'),
  document: z.null(),
  problems: z.array(ImportProblem).length(0),
  executors: z.array(ExecutorResolution).length(0),
  unread: z.strictObject({ message: z.string(), layout: Layout }),
});

export const ImportCommitted = z.strictObject({ planId: z.number().int() });

export const ReportChange = z.strictObject({
  measureId: z.number().int(),
  /** The measure's version the change was computed from; the apply sends it back. */
  version: z.number().int(),
  number: z.string(),
  title: z.string(),
  before: z.strictObject({ status: MeasureStatus.nullable(), executionText: z.string() }),
  after: z.strictObject({ status: MeasureStatus.nullable(), executionText: z.string() }),
});

/** POST /api/imports/:id/apply-report: what changes (dry run) or changed. */
export const ApplyReportResult = z.strictObject({
  changes: z.array(ReportChange),
  /** Item numbers of the report with no measure of that number in the plan. */
  unmatched: z.array(z.string()),
  applied: z.boolean(),
});

export type DocumentKind = z.infer<typeof DocumentKind>;
export type InterchangeItem = z.infer<typeof InterchangeItem>;
export type InterchangeDocument = z.infer<typeof InterchangeDocument>;
export type ImportProblem = z.infer<typeof ImportProblem>;
export type ExecutorResolution = z.infer<typeof ExecutorResolution>;
export type LayoutBlock = z.infer<typeof LayoutBlock>;
export type Layout = z.infer<typeof Layout>;
export type ImportPreview = z.infer<typeof ImportPreview>;
export type StoredImportPreview = z.infer<typeof StoredImportPreview>;
export type ImportUnread = z.infer<typeof ImportUnread>;
export type IndicatorDraft = z.infer<typeof IndicatorDraft>;
export type ReportChange = z.infer<typeof ReportChange>;
export type ApplyReportResult = z.infer<typeof ApplyReportResult>;
