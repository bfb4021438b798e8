/** Plans, their sections, reporting periods and measures. */
import { z } from 'zod';
import {
  IsoDate,
  Light,
  MeasureStatus,
  OrgRef,
  PlanKind,
  PlanStatus,
  ReportingFrequency,
  StatusCounts,
  Timestamp,
} from './common.js';
import { MeasureReport, ReportVersion } from './reports.js';

export const PlanSummary = z.strictObject({
  id: z.number().int(),
  kind: PlanKind,
  title: z.string(),
  status: PlanStatus,
  owner: OrgRef,
  periodFrom: IsoDate,
  periodTo: IsoDate,
  approvedByName: z.string().nullable(),
  approvedOn: IsoDate.nullable(),
  /** How often executors report: by calendar periods, or periods set by hand ('custom'). */
  reportingFrequency: ReportingFrequency,
  /** Reports are due on this day of the month after a generated period ends. */
  reportDay: z.number().int(),
  /** «Контроль с даты»: nothing due before it is owed or overdue; the period's start when none was set. */
  controlFrom: IsoDate,
  measureCount: z.number().int(),
  statusCounts: StatusCounts,
  /** Bumped on every header change. */
  version: z.number().int(),
  /** The document the plan was imported from (GET /api/files/:id). */
  sourceFile: z.strictObject({ id: z.number().int(), name: z.string() }).nullable(),
});

export const Section = z.strictObject({
  id: z.number().int(),
  planId: z.number().int(),
  number: z.string(),
  title: z.string(),
  position: z.number().int(),
});

export const DeadlineKind = z.enum([
  'date',
  'deadline',
  'window',
  'recurring',
  'continuous',
  'relative',
  'unspecified',
]);
export const DeadlineOverride = z.strictObject({ due: z.array(IsoDate), reports: z.array(IsoDate) });
export const ControlPointSource = z.enum(['parsed', 'override', 'relative', 'extension']);

/** One control date of a measure: `effective` is `nominal` moved off a day off. */
export const ControlPoint = z.strictObject({
  kind: z.enum(['due', 'report']),
  nominal: IsoDate,
  effective: IsoDate,
  label: z.string().nullable(),
  source: ControlPointSource,
});

/** A measure (or a council's instruction) as every answer about measures sends it. */
export const Measure = z.strictObject({
  id: z.number().int(),
  planId: z.number().int(),
  sectionId: z.number().int().nullable(),
  number: z.string(),
  title: z.string(),
  expectedResult: z.string(),
  form: z.string(),
  deadlineText: z.string(),
  status: MeasureStatus.nullable(),
  executionText: z.string(),
  protocolItem: z.string(),
  leadExecutor: OrgRef.nullable(),
  coExecutors: z.array(OrgRef),
  /** Executors named only in words, with no organisation in the directory. */
  textExecutors: z.array(z.string()),
  /** What the deadline text was read as; null before the first reading. */
  deadlineKind: DeadlineKind.nullable(),
  deadlineUnderstood: z.boolean(),
  deadlineOverride: DeadlineOverride.nullable(),
  /** The event a relative deadline counts from. */
  anchorDate: IsoDate.nullable(),
  /** The earliest date still open (control or report date); the traffic light derives from it. */
  openDue: IsoDate.nullable(),
  /** Under control from this day when added to a plan already under control; null: with the plan. */
  controlFrom: IsoDate.nullable(),
  closed: z.boolean(),
  position: z.number().int(),
  archived: z.boolean(),
  version: z.number().int(),
  updatedAt: Timestamp,
});

export const MeasureAbilities = z.strictObject({
  update: z.boolean(),
  archive: z.boolean(),
  requestExtension: z.boolean(),
  decideExtension: z.boolean(),
});

/** A measure in GET /api/plans/:id: with its next control date, traffic light and what the user may do. */
export const PlanMeasure = Measure.extend({
  nextControl: ControlPoint.nullable(),
  light: Light,
  abilities: MeasureAbilities,
});

/** GET /api/plans/:id: the header, sections and counts; every measure only with `include=measures`. */
export const PlanDetail = PlanSummary.extend({
  sections: z.array(Section),
  measures: z.array(PlanMeasure).optional(),
  abilities: z.strictObject({ update: z.boolean(), archive: z.boolean(), addMeasure: z.boolean() }),
});

export const PlanRef = z.strictObject({ id: z.number().int(), title: z.string(), kind: PlanKind });

/** A row of GET /api/measures: the plan-table row, with its plan (lists may cross plans). */
export const ListedMeasure = PlanMeasure.extend({ plan: PlanRef });

/** GET /api/measures: one page, the list's total, and where the next page starts (null: the last page). */
export const MeasurePage = z.strictObject({
  items: z.array(ListedMeasure),
  total: z.number().int(),
  nextCursor: z.string().nullable(),
  /** The day the lights and the overdue filter were counted on. */
  today: IsoDate,
});

/** GET /api/measures/:id: every control date (`counted`: false before the control start), its plan, the user's abilities. */
export const MeasureDetail = Measure.extend({
  /** The traffic light as the plan table shows it. */
  light: Light,
  controlPoints: z.array(ControlPoint.extend({ counted: z.boolean() })),
  plan: PlanRef,
  abilities: MeasureAbilities,
  /** With `include=reports`: every report of the measure; with `include=reports,versions` each with its history. */
  reports: z.array(MeasureReport.extend({ versions: z.array(ReportVersion).optional() })).optional(),
});

/** GET /api/my/measures: the measures the user's organisation executes, with their plan. */
export const MyMeasure = Measure.extend({ plan: PlanRef });

/** A reporting period of a plan with the reports it holds (owed, and written). */
export const PlanPeriod = z.strictObject({
  id: z.number().int(),
  label: z.string(),
  startsOn: IsoDate,
  endsOn: IsoDate,
  reportDue: IsoDate,
  reports: z.number().int(),
  written: z.number().int(),
});

export type PlanSummary = z.infer<typeof PlanSummary>;
export type Section = z.infer<typeof Section>;
export type DeadlineKind = z.infer<typeof DeadlineKind>;
export type DeadlineOverride = z.infer<typeof DeadlineOverride>;
export type ControlPoint = z.infer<typeof ControlPoint>;
export type Measure = z.infer<typeof Measure>;
export type MeasureAbilities = z.infer<typeof MeasureAbilities>;
export type PlanMeasure = z.infer<typeof PlanMeasure>;
export type PlanDetail = z.infer<typeof PlanDetail>;
export type MeasureDetail = z.infer<typeof MeasureDetail>;
export type MyMeasure = z.infer<typeof MyMeasure>;
export type ListedMeasure = z.infer<typeof ListedMeasure>;
export type MeasurePage = z.infer<typeof MeasurePage>;
export type PlanPeriod = z.infer<typeof PlanPeriod>;
