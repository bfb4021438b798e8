/** What leaves the server for plans, sections and measures: never raw rows. */
import type { Actor } from '../../domain/policy/authorize.js';
import { authorize, type MeasureSubject, type PlanSubject } from '../../domain/policy/authorize.js';
import type { ReportingFrequency } from '../../domain/reporting/periods.js';
import { controlStart } from '../../domain/reporting/control-start.js';

export type PlanKind = 'plan' | 'council_decisions';
export type PlanStatus = 'draft' | 'active' | 'archived';
export type MeasureStatus = 'done' | 'partial' | 'not_done' | 'not_due';
export interface OrgRef {
  id: number;
  shortName: string;
  fullName: string;
  external: boolean;
}

export interface PlanSummary {
  id: number;
  kind: PlanKind;
  title: string;
  status: PlanStatus;
  owner: OrgRef;
  periodFrom: string;
  periodTo: string;
  approvedByName: string | null;
  approvedOn: string | null;
  /** How often executors report: by calendar periods, or periods set by hand ('custom'). */
  reportingFrequency: ReportingFrequency;
  /** Reports are due on this day of the month after a generated period ends. */
  reportDay: number;
  /**
   * «Контроль с даты»: nothing due before it is owed or overdue (domain/reporting/control-start.ts);
   * the plan period's start when none was set.
   */
  controlFrom: string;
  measureCount: number;
  statusCounts: Record<MeasureStatus | 'none', number>;
  version: number;
  sourceFile: { id: number; name: string } | null;
}

export interface SectionView {
  id: number;
  planId: number;
  number: string;
  title: string;
  position: number;
}

export interface MeasureView {
  id: number;
  planId: number;
  sectionId: number | null;
  number: string;
  title: string;
  expectedResult: string;
  form: string;
  deadlineText: string;
  status: MeasureStatus | null;
  executionText: string;
  protocolItem: string;
  leadExecutor: OrgRef | null;
  coExecutors: OrgRef[];
  /** Executors named only in words, with no organisation in the directory («некоммерческие организации»). */
  textExecutors: string[];
  /** What the deadline text was understood as («recurring», «relative», …; «unspecified» needs a person). */
  deadlineKind: string | null;
  deadlineUnderstood: boolean;
  deadlineOverride: { due: string[]; reports: string[] } | null;
  anchorDate: string | null;
  /** The earliest date still open (control or report date); the traffic light derives from it. */
  openDue: string | null;
  /** Under control from this day when added by hand to a plan already under control; null: with the plan. */
  controlFrom: string | null;
  closed: boolean;
  position: number;
  archived: boolean;
  version: number;
  updatedAt: string;
}

export const planSubject = (p: { regionId: number; ownerOrganisationId: number; status: PlanStatus }): PlanSubject => p;

export function presentPlanSummary(r: Record<string, unknown>): PlanSummary {
  return {
    id: Number(r.id),
    kind: r.kind as PlanKind,
    title: String(r.title),
    status: r.status as PlanStatus,
    owner: {
      id: Number(r.owner_organisation_id),
      shortName: String(r.owner_short),
      fullName: String(r.owner_full),
      external: false,
    },
    periodFrom: String(r.period_from),
    periodTo: String(r.period_to),
    approvedByName: (r.approved_by_name as string) ?? null,
    approvedOn: (r.approved_on as string) ?? null,
    reportingFrequency: r.reporting_frequency as PlanSummary['reportingFrequency'],
    reportDay: Number(r.report_day),
    controlFrom: controlStart({
      periodFrom: String(r.period_from),
      controlFrom: (r.control_from as string | null) ?? null,
    }),
    measureCount: Number(r.measure_count ?? 0),
    statusCounts: {
      done: Number(r.n_done ?? 0),
      partial: Number(r.n_partial ?? 0),
      not_done: Number(r.n_not_done ?? 0),
      not_due: Number(r.n_not_due ?? 0),
      none: Number(r.n_none ?? 0),
    },
    version: Number(r.version),
    sourceFile: r.source_file_id ? { id: Number(r.source_file_id), name: String(r.source_file_name) } : null,
  };
}

/** The sections columns a SectionView is made of. */
export interface SectionRow {
  id: number;
  plan_id: number;
  number: string;
  title: string;
  position: number;
}

export function presentSection(r: SectionRow): SectionView {
  return {
    id: Number(r.id),
    planId: Number(r.plan_id),
    number: String(r.number),
    title: String(r.title),
    position: Number(r.position),
  };
}

export interface ExecutorRow {
  measure_id: number;
  organisation_id: number;
  role: 'lead' | 'co';
  short_name: string;
  full_name: string;
  external: boolean;
}

export function presentMeasure(r: Record<string, unknown>, executors: ExecutorRow[]): MeasureView {
  const ref = (e: ExecutorRow): OrgRef => ({
    id: Number(e.organisation_id),
    shortName: e.short_name,
    fullName: e.full_name,
    external: Boolean(e.external),
  });
  const lead = executors.find((e) => e.role === 'lead');
  return {
    id: Number(r.id),
    planId: Number(r.plan_id),
    sectionId: r.section_id == null ? null : Number(r.section_id),
    number: String(r.number),
    title: String(r.title),
    expectedResult: String(r.expected_result ?? ''),
    form: String(r.form ?? ''),
    deadlineText: String(r.deadline_text ?? ''),
    status: (r.status as MeasureStatus) ?? null,
    executionText: String(r.execution_text ?? ''),
    protocolItem: String(r.protocol_item ?? ''),
    leadExecutor: lead ? ref(lead) : null,
    coExecutors: executors.filter((e) => e.role === 'co').map(ref),
    textExecutors: Array.isArray(r.text_executors) ? (r.text_executors as string[]) : [],
    deadlineKind: (r.schedule as { kind?: string } | null)?.kind ?? null,
    deadlineUnderstood: r.deadline_understood !== false,
    deadlineOverride: (r.deadline_override as MeasureView['deadlineOverride']) ?? null,
    anchorDate: (r.anchor_date as string) ?? null,
    openDue: (r.open_due as string) ?? null,
    controlFrom: (r.control_from as string) ?? null,
    closed: r.closed_at != null,
    position: Number(r.position),
    archived: r.archived_at != null,
    version: Number(r.version),
    updatedAt: new Date(r.updated_at as string).toISOString(),
  };
}

export function measureAbilities(actor: Actor, subject: MeasureSubject) {
  return {
    update: authorize(actor, { action: 'measure.update', subject }),
    archive: authorize(actor, { action: 'measure.archive', subject }),
    requestExtension: authorize(actor, { action: 'extension.request', subject }),
    decideExtension: authorize(actor, { action: 'extension.decide', subject }),
  };
}
