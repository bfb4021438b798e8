/**
 * Client for the workspace: the home page, report lists and the review queue (filtered and
 * paged by the server), bulk accept, notifications, «Напомнить исполнителю», organisation
 * merge (docs/api.md, «Workspace»).
 */
import type * as C from '../../src/contract';
import { request, withQuery } from './api';

export type ReportListItem = C.ReportListItem;

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

export type ReportList = C.ReportList;
export type NotificationKind = C.NotificationKind;
export type AppNotification = C.AppNotification;
export type HomeExtension = C.HomeExtension;
export type Home = C.Home;
export type BulkOutcome = C.BulkOutcome;
export type RemindResult = C.RemindResult;
export type MergeResult = C.MergeResult;

export const workspace = {
  home: () => request<Home>('GET', '/home'),
  reports: (q: ReportListQuery) =>
    request<ReportList>('GET', withQuery('/reports', q as Record<string, string | number | boolean | undefined>)),
  periodLabels: (planId?: number) =>
    request<{ items: string[] }>('GET', withQuery('/reports/period-labels', { planId })),
  acceptMany: (items: { id: number; version: number }[]) =>
    request<C.BulkAcceptResult>('POST', '/reports/accept-many', { items }),
  notifications: (q: { unread?: boolean; before?: number; limit?: number } = {}) =>
    request<C.NotificationPage>('GET', withQuery('/notifications', q)),
  unreadCount: () => request<{ unread: number }>('GET', '/notifications/unread-count'),
  markRead: (ids: number[]) => request<{ unread: number }>('POST', '/notifications/read', { ids }),
  markAllRead: () => request<{ unread: number }>('POST', '/notifications/read', { all: true }),
  remind: (measureId: number, body: { organisationId?: number; note?: string } = {}) =>
    request<RemindResult>('POST', `/measures/${measureId}/remind`, body),
  merge: (survivorId: number, mergedId: number, dryRun = false) =>
    request<MergeResult>(
      'POST',
      '/organisations/merge',
      dryRun ? { survivorId, mergedId, dryRun } : { survivorId, mergedId },
    ),
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
