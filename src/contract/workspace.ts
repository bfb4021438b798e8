/** The home page, notifications, the dashboard and search. */
import { z } from 'zod';
import { IsoDate, LightCounts, OrgShort, PlanKind, StatusCounts, Timestamp } from './common.js';
import { ReportListItem } from './reports.js';

export const NotificationKind = z.enum([
  'report_returned',
  'report_accepted',
  'extension_approved',
  'extension_rejected',
  'assigned',
  'due_soon',
  'overdue',
  'reminder',
]);

export const AppNotification = z.strictObject({
  id: z.number().int(),
  kind: NotificationKind,
  title: z.string(),
  body: z.string(),
  planId: z.number().int().nullable(),
  measureId: z.number().int().nullable(),
  reportId: z.number().int().nullable(),
  createdAt: Timestamp,
  read: z.boolean(),
});

/** GET /api/notifications: newest first; `more` when older ones remain (page with `before`). */
export const NotificationPage = z.strictObject({
  items: z.array(AppNotification),
  more: z.boolean(),
  unread: z.number().int(),
});
export const UnreadCount = z.strictObject({ unread: z.number().int() });

const PlanShort = z.strictObject({ id: z.number().int(), shortTitle: z.string() });

export const HomeExtension = z.strictObject({
  id: z.number().int(),
  state: z.enum(['pending', 'approved', 'rejected']),
  reason: z.string(),
  currentDue: IsoDate.nullable(),
  requestedDue: IsoDate,
  decisionComment: z.string().nullable(),
  decidedAt: Timestamp.nullable(),
  measure: z.strictObject({ id: z.number().int(), number: z.string(), title: z.string(), label: z.string() }),
  plan: PlanShort,
});

/** GET /api/home («Моя работа»). */
export const Home = z.strictObject({
  today: IsoDate,
  soonDays: z.number().int(),
  counts: z.strictObject({
    overdue: z.number().int(),
    dueSoon: z.number().int(),
    open: z.number().int(),
    returned: z.number().int(),
    submitted: z.number().int(),
    accepted: z.number().int(),
    extensionsPending: z.number().int(),
    extensionsDecided: z.number().int(),
    unread: z.number().int(),
  }),
  toSubmit: z.array(ReportListItem),
  returned: z.array(ReportListItem),
  extensions: z.array(HomeExtension),
  notifications: z.array(AppNotification),
  /** For those who review: what awaits them; null for the others. */
  review: z
    .strictObject({
      reports: z.number().int(),
      extensions: z.number().int(),
      pendingExtensions: z.array(
        z.strictObject({
          id: z.number().int(),
          reason: z.string(),
          currentDue: IsoDate.nullable(),
          requestedDue: IsoDate,
          organisation: z.string(),
          measure: z.strictObject({ id: z.number().int(), label: z.string() }),
          plan: PlanShort,
        }),
      ),
    })
    .nullable(),
});

const GroupCounts = { measures: z.number().int(), byStatus: StatusCounts, byLight: LightCounts };
/** A plan of the region (no plan chosen) or a section of the chosen plan (id 0: «Без раздела»). */
export const DashboardPlanGroup = z.strictObject({
  id: z.number().int(),
  title: z.string(),
  kind: PlanKind,
  ...GroupCounts,
});
export const DashboardSectionGroup = z.strictObject({
  id: z.number().int(),
  number: z.string(),
  title: z.string(),
  ...GroupCounts,
});
export const DashboardItem = z.strictObject({
  measure: z.strictObject({ id: z.number().int(), number: z.string(), title: z.string() }),
  plan: z.strictObject({ id: z.number().int(), title: z.string() }),
  openDue: IsoDate,
  status: z.string().nullable(),
  /** Short names of the executors, comma-separated. */
  executors: z.string(),
});

/** GET /api/dashboard: `plans` when no plan is chosen, `sections` when one is. */
export const Dashboard = z.strictObject({
  asOf: IsoDate,
  soonDays: z.number().int(),
  period: z.string().nullable(),
  totals: z.strictObject(GroupCounts),
  plans: z.array(DashboardPlanGroup).optional(),
  sections: z.array(DashboardSectionGroup).optional(),
  overdue: z.array(DashboardItem),
  dueSoon: z.array(DashboardItem),
  executors: z.array(
    z.strictObject({
      organisation: OrgShort,
      expected: z.number().int(),
      submitted: z.number().int(),
      onTime: z.number().int(),
      accepted: z.number().int(),
      /** Percent with one decimal; null when nothing was owed. */
      completeness: z.number().nullable(),
      timeliness: z.number().nullable(),
    }),
  ),
  calendar: z.array(z.strictObject({ day: IsoDate, due: z.number().int(), reports: z.number().int() })),
});

export const SearchResult = z.strictObject({
  measures: z.array(
    z.strictObject({
      id: z.number().int(),
      number: z.string(),
      title: z.string(),
      plan: z.strictObject({ id: z.number().int(), title: z.string() }),
      snippet: z.string(),
    }),
  ),
  reports: z.array(
    z.strictObject({
      id: z.number().int(),
      measure: z.strictObject({ id: z.number().int(), number: z.string(), title: z.string() }),
      period: z.string(),
      organisation: z.string(),
      snippet: z.string(),
    }),
  ),
});

export type NotificationKind = z.infer<typeof NotificationKind>;
export type AppNotification = z.infer<typeof AppNotification>;
export type NotificationPage = z.infer<typeof NotificationPage>;
export type HomeExtension = z.infer<typeof HomeExtension>;
export type Home = z.infer<typeof Home>;
export type DashboardPlanGroup = z.infer<typeof DashboardPlanGroup>;
export type DashboardSectionGroup = z.infer<typeof DashboardSectionGroup>;
export type DashboardItem = z.infer<typeof DashboardItem>;
export type Dashboard = z.infer<typeof Dashboard>;
export type SearchResult = z.infer<typeof SearchResult>;
