/** Client for execution: reports, review, extensions, the dashboard, search and export (docs/api.md). */
import type * as C from '../../src/contract';
import { request, withQuery } from './api';
import { MEASURE_STATUS_LABELS } from './format';

export type ReportState = C.ReportState;
export type ResultStatus = C.MeasureStatus;
export type Light = C.Light;

export type Period = C.ReportPeriod;
/** A period as the plan's «Отчётность» tab lists it, with the reports it holds. */
export type PlanPeriod = C.PlanPeriod;
export type ReportingFrequency = C.ReportingFrequency;
export interface PeriodInput {
  id?: number;
  label: string;
  startsOn: string;
  endsOn: string;
  reportDue: string;
}

/** A report as the lists send it; abilities (per measure), measure and plan («Мои отчёты») where the list adds them. */
export type Report = C.Report & Partial<Pick<C.MeasureReport, 'abilities'> & Pick<C.MyReport, 'measure' | 'plan'>>;
export type ReportDetail = C.ReportDetail;
export type Extension = C.Extension;
/** A date the user's organisation may ask to move (GET /api/measures/:id/extension-targets). */
export type ExtensionTarget = C.ExtensionTarget;

export interface ExtensionRequestInput {
  reason: string;
  requestedDue: string;
  target: { kind: 'due'; date: string } | { kind: 'report'; reportId: number };
  /** Sent again with true after the server asked to confirm a long move. */
  confirm?: boolean;
}

/** A section of the chosen plan, or a plan of the region (no number). */
export type DashboardGroup = C.DashboardSectionGroup | (C.DashboardPlanGroup & { number?: never });
export type DashboardItem = C.DashboardItem;
export type Dashboard = C.Dashboard;
export type SearchResult = C.SearchResult;

export interface ReportInput {
  version: number;
  text?: string;
  resultStatus?: ResultStatus | null;
  figures?: Record<string, string | number>;
  links?: string[];
}

/** A figure as typed in the report editor: name and value, both text. */
export interface FigureRow {
  name: string;
  value: string;
}

/**
 * The editor's figure rows as the API takes them: empty rows dropped, a value that reads as
 * a number («1 250», «12,5») kept as one, anything else («около 300») as text. Throws a
 * Russian message for a value without a name or a name given twice.
 */
export function figuresFromRows(rows: FigureRow[]): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const r of rows) {
    const name = r.name.trim().replace(/\s+/g, ' ');
    const value = r.value.trim();
    if (!name && !value) continue;
    if (!name) throw new Error(`У показателя со значением «${value}» нет названия.`);
    if (name in out) throw new Error(`Показатель «${name}» указан дважды.`);
    const compact = value.replace(/[\s\u00a0]/g, '').replace(',', '.');
    out[name] = /^-?\d+(\.\d+)?$/.test(compact) ? Number(compact) : value;
  }
  return out;
}

/** Links typed one per line; blank lines dropped. */
export const linksFromText = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

export const execution = {
  measureReports: (measureId: number) => request<{ items: Report[] }>('GET', `/measures/${measureId}/reports`),
  myReports: () => request<{ items: Report[] }>('GET', '/my/reports'),
  reviewQueue: () => request<{ items: Report[] }>('GET', '/review/reports'),
  report: (id: number) => request<ReportDetail>('GET', `/reports/${id}`),
  saveReport: (id: number, input: ReportInput) => request<Report>('PATCH', `/reports/${id}`, input),
  submitReport: (id: number, input: ReportInput) => request<Report>('POST', `/reports/${id}/submit`, input),
  acceptReport: (id: number, version: number) => request<Report>('POST', `/reports/${id}/accept`, { version }),
  returnReport: (id: number, version: number, comment: string) =>
    request<Report>('POST', `/reports/${id}/return`, { version, comment }),
  attach: (id: number, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return request<C.Attachment>('POST', `/reports/${id}/attachments`, form);
  },
  detach: (reportId: number, attachmentId: number) =>
    request<{ ok: true }>('DELETE', `/reports/${reportId}/attachments/${attachmentId}`),
  extensions: (measureId: number) => request<{ items: Extension[] }>('GET', `/measures/${measureId}/extensions`),
  extensionTargets: (measureId: number) =>
    request<{ items: ExtensionTarget[] }>('GET', `/measures/${measureId}/extension-targets`),
  requestExtension: (measureId: number, input: ExtensionRequestInput) =>
    request<Extension>('POST', `/measures/${measureId}/extensions`, input),
  pendingExtensions: () => request<{ items: Extension[] }>('GET', '/extensions/pending'),
  decideExtension: (id: number, approve: boolean, comment?: string) =>
    request<Extension>('POST', `/extensions/${id}/decide`, { approve, comment }),
  closeMeasure: (id: number) => request<{ ok: true }>('POST', `/measures/${id}/close`, {}),
  reopenMeasure: (id: number) => request<{ ok: true }>('POST', `/measures/${id}/reopen`),
  periods: (planId: number) => request<{ items: PlanPeriod[] }>('GET', `/plans/${planId}/periods`),
  setPeriods: (planId: number, items: PeriodInput[]) =>
    request<{ items: PlanPeriod[] }>('PUT', `/plans/${planId}/periods`, { items }),
  dashboard: (q: {
    planId?: number;
    organisationId?: number;
    sectionId?: number;
    periodId?: number;
    soonDays?: number;
    asOf?: string;
  }) => request<Dashboard>('GET', withQuery('/dashboard', q)),
  search: (q: string) => request<SearchResult>('GET', withQuery('/search', { q })),
  settings: () => request<C.UserSettings>('GET', '/auth/settings'),
  saveSettings: (s: { notifyEnabled?: boolean; notifyDaysBefore?: number; phone?: string; position?: string }) =>
    request<C.UserSettings>('PATCH', '/auth/settings', s),
  exportUrl: (
    planId: number,
    q: {
      format: 'docx' | 'xlsx' | 'pdf';
      periodId?: number;
      sectionId?: number;
      organisationId?: number;
      signerPosition?: string;
      signerName?: string;
      /** Mark formal execution texts (issue 15). */
      markFormal?: 'true';
    },
  ) => `/api${withQuery(`/plans/${planId}/export`, q)}`,
};

export const REPORT_STATE_LABELS: Record<ReportState, string> = {
  expected: 'ожидается',
  draft: 'черновик',
  submitted: 'представлен',
  returned: 'возвращён на доработку',
  accepted: 'принят',
};
/** A report's result status reads as the measure's status does: one wording (format.ts). */
export const RESULT_LABELS: Record<ResultStatus, string> = MEASURE_STATUS_LABELS;
export const FREQUENCY_LABELS: Record<ReportingFrequency, string> = {
  month: 'ежемесячно',
  quarter: 'ежеквартально',
  half: 'по полугодиям',
  year: 'ежегодно',
  custom: 'свои периоды',
};
export const LIGHT_LABELS: Record<Light, string> = {
  green: 'выполнено',
  yellow: 'скоро срок',
  red: 'просрочено',
  grey: 'срок не наступил',
};
