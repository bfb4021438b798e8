/**
 * Client for the workspace: the home page, report lists and the review queue (filtered and
 * paged by the server), bulk accept, notifications, «Напомнить исполнителю», organisation
 * merge (docs/api.md, «Workspace»).
 */
import { request, withQuery, type Organisation } from './api';
import type { ReportState } from './execution';

export interface ReportListItem {
  id: number;
  plan: { id: number; title: string; shortTitle: string };
  measure: { id: number; number: string; title: string; label: string };
  period: { id: number; label: string };
  organisation: { id: number; shortName: string };
  role: 'lead' | 'co';
  state: ReportState;
  resultStatus: string | null;
  dueOn: string;
  submittedAt: string | null;
  reviewedAt: string | null;
  reviewComment: string | null;
  version: number;
  overdue: boolean;
  abilities: { accept: boolean; return: boolean; edit: boolean };
}

export interface ReportListQuery {
  view?: 'all' | 'mine' | 'review';
  planId?: number;
  periodId?: number;
  periodLabel?: string;
  /** Comma-separated states. */
  state?: string;
  organisationId?: number;
  dueFrom?: string;
  dueTo?: string;
  overdue?: boolean;
  page?: number;
  pageSize?: number;
}

export interface ReportList {
  items: ReportListItem[];
  total: number;
  page: number;
  pageSize: number;
  byState: Record<ReportState, number>;
}

export type NotificationKind = 'report_returned' | 'report_accepted' | 'extension_approved' | 'extension_rejected' | 'assigned' | 'due_soon' | 'overdue' | 'reminder';

export interface AppNotification {
  id: number;
  kind: NotificationKind;
  title: string;
  body: string;
  planId: number | null;
  measureId: number | null;
  reportId: number | null;
  createdAt: string;
  read: boolean;
}

export interface HomeExtension {
  id: number;
  state: 'pending' | 'approved' | 'rejected';
  reason: string;
  currentDue: string | null;
  requestedDue: string;
  decisionComment: string | null;
  decidedAt: string | null;
  measure: { id: number; number: string; title: string; label: string };
  plan: { id: number; shortTitle: string };
}

export interface Home {
  today: string;
  soonDays: number;
  counts: { overdue: number; dueSoon: number; open: number; returned: number; submitted: number; accepted: number; extensionsPending: number; extensionsDecided: number; unread: number };
  toSubmit: ReportListItem[];
  returned: ReportListItem[];
  extensions: HomeExtension[];
  notifications: AppNotification[];
  review: {
    reports: number;
    extensions: number;
    pendingExtensions: { id: number; reason: string; currentDue: string | null; requestedDue: string; organisation: string; measure: { id: number; label: string }; plan: { id: number; shortTitle: string } }[];
  } | null;
}

export type BulkOutcome = { id: number; ok: true; version: number } | { id: number; ok: false; reason: string; message: string };

export interface RemindResult { organisation: { id: number; shortName: string }; notified: number; emailed: number; emailNote: string | null }

export interface MergeResult {
  organisation: Organisation;
  merged: Organisation;
  moved: { measures: number; reports: number; users: number; plans: number; children: number; extensionRequests: number; shared: number };
}

export const workspace = {
  home: () => request<Home>('GET', '/home'),
  reports: (q: ReportListQuery) => request<ReportList>('GET', withQuery('/reports', q as Record<string, string | number | boolean | undefined>)),
  periodLabels: (planId?: number) => request<{ items: string[] }>('GET', withQuery('/reports/period-labels', { planId })),
  acceptMany: (items: { id: number; version: number }[]) =>
    request<{ accepted: number; failed: number; items: BulkOutcome[] }>('POST', '/reports/accept-many', { items }),
  notifications: (q: { unread?: boolean; before?: number; limit?: number } = {}) =>
    request<{ items: AppNotification[]; more: boolean; unread: number }>('GET', withQuery('/notifications', q)),
  unreadCount: () => request<{ unread: number }>('GET', '/notifications/unread-count'),
  markRead: (ids: number[]) => request<{ unread: number }>('POST', '/notifications/read', { ids }),
  markAllRead: () => request<{ unread: number }>('POST', '/notifications/read', { all: true }),
  remind: (measureId: number, body: { organisationId?: number; note?: string } = {}) => request<RemindResult>('POST', `/measures/${measureId}/remind`, body),
  merge: (survivorId: number, mergedId: number, dryRun = false) =>
    request<MergeResult>('POST', '/organisations/merge', dryRun ? { survivorId, mergedId, dryRun } : { survivorId, mergedId }),
};

/** Where a notice leads: its report, else its measure, else its plan. */
export function notificationLink(n: Pick<AppNotification, 'reportId' | 'measureId' | 'planId'>): string {
  if (n.reportId) return `/reports/${n.reportId}`;
  if (n.measureId) return `/measures/${n.measureId}`;
  if (n.planId) return `/plans/${n.planId}`;
  return '/notifications';
}

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  report_returned: 'Возврат на доработку',
  report_accepted: 'Отчёт принят',
  extension_approved: 'Перенос согласован',
  extension_rejected: 'Перенос отклонён',
  assigned: 'Назначение',
  due_soon: 'Скоро срок',
  overdue: 'Срок пропущен',
  reminder: 'Напоминание',
};
