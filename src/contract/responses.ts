/**
 * What every API route answers, by status: the one response contract. The HTTP layer
 * attaches these to the routes (src/http/contract.ts) so that /api/openapi.json documents
 * them, and the API tests validate every answer they receive against them. A route missing
 * here fails test/api/contract.test.ts. Errors (4xx, 5xx) are `ApiError` on every route.
 */
import { z } from 'zod';
import { ApiError, itemsOf, Ok } from './common.js';
import {
  LinkCandidate,
  MeasureLinkCreated,
  MeasureLinks,
  ShareResult,
  ShareTarget,
  SubstanceDashboard,
  SubstanceVerdict,
} from './substance.js';
import { ApiToken, CreatedApiToken, SessionAnswer, UserSettings } from './auth.js';
import { AuditEvent } from './audit.js';
import { CalendarItem, DeadlineInterpretation, UnclearDeadline } from './deadlines.js';
import { CreatedUser, MergeResult, Organisation, OrganisationMatch, UserView } from './directory.js';
import {
  ApplyReportResult,
  ImportCommitted,
  ImportPreview,
  ImportUnread,
  Layout,
  StoredImportPreview,
} from './imports.js';
import {
  Measure,
  MeasureDetail,
  MeasurePage,
  MyMeasure,
  PlanDetail,
  PlanPeriod,
  PlanSummary,
  Section,
} from './plans.js';
import {
  Attachment,
  BulkAcceptResult,
  Extension,
  ExtensionTarget,
  MeasureReport,
  MyReport,
  RemindResult,
  Report,
  ReportDetail,
  ReportList,
} from './reports.js';
import {
  Council,
  CouncilDetail,
  CouncilMember,
  CouncilSummary,
  DecisionsSaved,
  Instruction,
  Meeting,
  MeetingDetail,
  MeetingPreparation,
  ProtocolSaved,
} from './councils.js';
import { Indicator, IndicatorDetail, IndicatorFact, MyIndicator } from './indicators.js';
import { PublicRating, Rating, RatingDetail, RatingMethodology } from './ratings.js';
import { Dashboard, Home, NotificationPage, SearchResult, UnreadCount } from './workspace.js';
import {
  NokAnswerMark,
  NokAssessment,
  NokCampaign,
  NokCampaignDetail,
  NokFormAccepted,
  NokLinks,
  NokPlanCreated,
  NokPublicQuestionnaire,
  NokPublicResults,
  NokResults,
  NokStaffUser,
} from './nok.js';

/** A file rather than JSON: documented by its media types. */
export interface BinaryResponse {
  description: string;
  content: Record<string, { schema: z.ZodType }>;
}

const binary = (description: string, mediaTypes: string[]): BinaryResponse => ({
  description,
  content: Object.fromEntries(mediaTypes.map((m) => [m, { schema: z.string().meta({ format: 'binary' }) }])),
});

export type ResponseSchema = z.ZodType | BinaryResponse;
export type RouteResponses = Record<number, ResponseSchema>;

export const isBinaryResponse = (s: ResponseSchema): s is BinaryResponse => !(s instanceof z.ZodType);

export { ApiError };

const REPORT_MEDIA_TYPES = [
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/pdf',
];

/** Keys are `METHOD /path` exactly as the routes are declared. */
export const responses = {
  'GET /api/health': { 200: z.strictObject({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }) },
  'GET /api/openapi.json': { 200: z.record(z.string(), z.unknown()) },

  // Sign-in, session, own settings and API tokens
  'POST /api/auth/login': { 200: SessionAnswer },
  'POST /api/auth/logout': { 200: Ok },
  'GET /api/auth/me': { 200: SessionAnswer },
  'POST /api/auth/password': { 200: Ok },
  'GET /api/auth/settings': { 200: UserSettings },
  'PATCH /api/auth/settings': { 200: UserSettings },
  'GET /api/auth/tokens': { 200: itemsOf(ApiToken) },
  'POST /api/auth/tokens': { 201: CreatedApiToken },
  'DELETE /api/auth/tokens/:id': { 200: ApiToken },

  // Directory
  'GET /api/organisations': { 200: itemsOf(Organisation) },
  'GET /api/organisations/resolve': { 200: OrganisationMatch },
  'POST /api/organisations': { 201: Organisation },
  'POST /api/organisations/merge': { 200: MergeResult },
  'PATCH /api/organisations/:id': { 200: Organisation },
  'DELETE /api/organisations/:id': { 200: Ok },
  'GET /api/users': { 200: itemsOf(UserView) },
  'POST /api/users': { 201: CreatedUser },
  'PATCH /api/users/:id': { 200: UserView },

  // Plans, sections, periods
  'GET /api/plans': { 200: itemsOf(PlanSummary) },
  'POST /api/plans': { 201: PlanSummary },
  'GET /api/plans/:id': { 200: PlanDetail },
  'PATCH /api/plans/:id': { 200: PlanSummary },
  'GET /api/plans/:id/periods': { 200: itemsOf(PlanPeriod) },
  'PUT /api/plans/:id/periods': { 200: itemsOf(PlanPeriod) },
  'POST /api/plans/:id/archive': { 200: PlanSummary },
  'POST /api/plans/:id/sections': { 201: Section },
  'PATCH /api/sections/:id': { 200: Section },
  'DELETE /api/sections/:id': { 200: Ok },

  // Measures
  'POST /api/plans/:id/measures': { 201: Measure },
  'POST /api/plans/:id/reorder': { 200: Ok },
  'GET /api/measures/:id': { 200: MeasureDetail },
  'PATCH /api/measures/:id': { 200: Measure },
  'POST /api/measures/:id/archive': { 200: Measure },
  'GET /api/measures/:id/history': { 200: itemsOf(AuditEvent) },
  'GET /api/my/measures': { 200: itemsOf(MyMeasure) },
  'GET /api/measures': { 200: MeasurePage },
  'POST /api/measures/:id/close': { 200: Ok },
  'POST /api/measures/:id/reopen': { 200: Ok },
  'POST /api/measures/:id/remind': { 200: RemindResult },

  // Deadlines
  'GET /api/deadlines/interpret': { 200: DeadlineInterpretation },
  'GET /api/plans/:id/calendar': { 200: itemsOf(CalendarItem) },
  'GET /api/plans/:id/unclear-deadlines': { 200: itemsOf(UnclearDeadline) },

  // Reports and their review
  'GET /api/measures/:id/reports': { 200: itemsOf(MeasureReport) },
  'GET /api/my/reports': { 200: itemsOf(MyReport) },
  'GET /api/review/reports': { 200: itemsOf(Report) },
  'GET /api/reports': { 200: ReportList },
  'GET /api/reports/period-labels': { 200: itemsOf(z.string()) },
  'GET /api/reports/:id': { 200: ReportDetail },
  'PATCH /api/reports/:id': { 200: Report },
  'POST /api/reports/:id/submit': { 200: Report },
  'POST /api/reports/:id/accept': { 200: Report },
  'POST /api/reports/:id/return': { 200: Report },
  'POST /api/reports/accept-many': { 200: BulkAcceptResult },
  'POST /api/reports/:id/attachments': { 201: Attachment },
  'DELETE /api/reports/:id/attachments/:attachmentId': { 200: Ok },
  // Issue 15: substance of reports, linked measures, a report written once
  'POST /api/reports/:id/check': { 200: SubstanceVerdict },
  'GET /api/reports/:id/share-targets': { 200: itemsOf(ShareTarget) },
  'POST /api/reports/:id/share': { 200: ShareResult },
  'GET /api/measures/:id/links': { 200: MeasureLinks },
  'GET /api/measures/:id/link-candidates': { 200: itemsOf(LinkCandidate) },
  'POST /api/measure-links': { 201: MeasureLinkCreated },
  'DELETE /api/measure-links/:id': { 200: Ok },
  'GET /api/dashboard/substance': { 200: SubstanceDashboard },

  // Deadline extensions
  'GET /api/measures/:id/extensions': { 200: itemsOf(Extension) },
  'GET /api/measures/:id/extension-targets': { 200: itemsOf(ExtensionTarget) },
  'POST /api/measures/:id/extensions': { 201: Extension },
  'GET /api/extensions/pending': { 200: itemsOf(Extension) },
  'POST /api/extensions/:id/decide': { 200: Extension },

  // Councils, meetings, instructions
  'GET /api/councils': { 200: itemsOf(CouncilSummary) },
  'POST /api/councils': { 201: Council },
  'GET /api/councils/:id': { 200: CouncilDetail },
  'PATCH /api/councils/:id': { 200: Council },
  'POST /api/councils/:id/members': { 201: CouncilMember },
  'POST /api/council-members/:id/end': { 200: CouncilMember },
  'POST /api/councils/:id/meetings': { 201: Meeting },
  'GET /api/councils/:id/instructions': { 200: itemsOf(Instruction) },
  'GET /api/councils/:id/export': {
    200: binary('«Информация об исполнении решений …» in the official table form', REPORT_MEDIA_TYPES),
  },
  'GET /api/meetings/:id': { 200: MeetingDetail },
  'PATCH /api/meetings/:id': { 200: Meeting },
  'PUT /api/meetings/:id/agenda': { 200: MeetingDetail },
  'PUT /api/meetings/:id/attendance': { 200: MeetingDetail },
  'POST /api/meetings/:id/protocol': { 201: ProtocolSaved },
  'GET /api/meetings/:id/prepare': { 200: MeetingPreparation },
  'POST /api/meetings/:id/decisions': { 200: DecisionsSaved },

  // Import
  'POST /api/imports': { 201: z.union([ImportPreview, ImportUnread]) },
  'GET /api/imports/:id': { 200: z.union([StoredImportPreview, ImportUnread]) },
  'GET /api/imports/:id/layout': { 200: z.strictObject({ layout: Layout }) },
  'POST /api/imports/:id/columns': { 200: ImportPreview },
  'POST /api/imports/:id/commit': { 201: ImportCommitted },
  'POST /api/imports/:id/apply-report': { 200: ApplyReportResult },
  'GET /api/files/:id': { 200: binary('The stored file as uploaded', ['application/octet-stream']) },

  // Monitoring, exports, workspace, audit
  'GET /api/dashboard': { 200: Dashboard },
  'GET /api/search': { 200: SearchResult },
  'GET /api/plans/:id/export': { 200: binary('The consolidated report in the format asked for', REPORT_MEDIA_TYPES) },
  'GET /api/home': { 200: Home },
  'GET /api/notifications': { 200: NotificationPage },
  'GET /api/notifications/unread-count': { 200: UnreadCount },
  'POST /api/notifications/read': { 200: UnreadCount },
  'GET /api/audit': { 200: itemsOf(AuditEvent) },

  // НОК: campaigns, the operator's work, results, improvement plans, the public questionnaire
  'GET /api/nok/campaigns': { 200: itemsOf(NokCampaign) },
  'POST /api/nok/campaigns': { 201: NokCampaignDetail },
  'GET /api/nok/campaigns/:id': { 200: NokCampaignDetail },
  'PATCH /api/nok/campaigns/:id': { 200: NokCampaignDetail },
  'POST /api/nok/campaigns/:id/publish': { 200: NokCampaignDetail },
  'GET /api/nok/campaigns/:id/results': { 200: NokResults },
  'GET /api/nok/operator-staff': { 200: itemsOf(NokStaffUser) },
  'GET /api/nok/assessments/:id': { 200: NokAssessment },
  'PUT /api/nok/assessments/:id/checklist': { 200: NokAssessment },
  'POST /api/nok/assessments/:id/answers': { 201: NokFormAccepted },
  'PATCH /api/nok/answers/:id': { 200: NokAnswerMark },
  'POST /api/nok/assessments/:id/plan': { 201: NokPlanCreated },
  'GET /api/nok/assessments/:id/links': { 200: NokLinks },
  'GET /api/nok/public/campaigns/:id': { 200: NokPublicResults },
  'GET /api/nok/q/:code': { 200: NokPublicQuestionnaire },
  'POST /api/nok/q/:code/answers': { 201: NokFormAccepted },
  // Target indicators and their facts
  'GET /api/plans/:id/indicators': { 200: itemsOf(Indicator) },
  'POST /api/plans/:id/indicators': { 201: Indicator },
  'GET /api/indicators/:id': { 200: IndicatorDetail },
  'PATCH /api/indicators/:id': { 200: Indicator },
  'DELETE /api/indicators/:id': { 200: Ok },
  'PUT /api/indicators/:id/facts': { 200: IndicatorFact },
  'POST /api/indicator-facts/:id/accept': { 200: IndicatorFact },
  'POST /api/indicator-facts/:id/return': { 200: IndicatorFact },
  'GET /api/my/indicators': { 200: itemsOf(MyIndicator) },

  // Ratings of municipalities
  'GET /api/rating-methodologies': { 200: itemsOf(RatingMethodology) },
  'POST /api/rating-methodologies': { 201: RatingMethodology },
  'GET /api/ratings': { 200: itemsOf(Rating) },
  'POST /api/ratings': { 201: Rating },
  'GET /api/ratings/:id': { 200: RatingDetail },
  'PUT /api/ratings/:id/values': { 200: RatingDetail },
  'POST /api/ratings/:id/values-csv': { 200: RatingDetail },
  'POST /api/ratings/:id/state': { 200: RatingDetail },
  'GET /api/public/ratings/:id': { 200: PublicRating },
} satisfies Record<string, RouteResponses>;

export type RouteKey = keyof typeof responses;

/** The body type a route answers with on `status` (the web client's types come from here). */
export type ResponseOf<
  K extends RouteKey,
  S extends keyof (typeof responses)[K] = 200 extends keyof (typeof responses)[K] ? 200 : keyof (typeof responses)[K],
> = (typeof responses)[K][S] extends z.ZodType ? z.infer<(typeof responses)[K][S]> : Blob;
