/**
 * The one HTTP client of the web app, written to docs/api.md. Sends JSON with the
 * session cookie (`credentials: 'same-origin'`) and the CSRF token on writes; turns
 * every non-2xx answer into an `ApiError` carrying the server's Russian `message`.
 */
import type { MeasureStatus, OrgKind, PlanKind, PlanStatus, Role } from './format';

export type { MeasureStatus, OrgKind, PlanKind } from './format';

// ---------------------------------------------------------------------------
// Types of the contract

export interface OrgRef {
  id: number;
  shortName: string | null;
  fullName: string;
  /** Not in the contract's OrgRef; the server sends it and the UI uses it for «(по согласованию)». */
  external?: boolean;
}

export interface Organisation {
  id: number;
  parentId: number | null;
  kind: OrgKind;
  fullName: string;
  shortName: string | null;
  aliases: string[];
  external: boolean;
  /** Not in the contract; shown when the server sends it (`includeArchived=true`). */
  archived?: boolean;
  /** An archived entry merged into another: the one that took its place. */
  mergedIntoId?: number | null;
  /** Who signs the consolidated reports of the organisation's plans. */
  headPosition?: string;
  headName?: string;
}

export interface OrganisationInput {
  fullName: string;
  /** A string: '' clears it (the API does not take null here). */
  shortName?: string;
  aliases?: string[];
  kind: OrgKind;
  parentId?: number | null;
  external?: boolean;
  headPosition?: string;
  headName?: string;
}

export interface UserAbilities {
  manageDirectory: boolean;
  manageUsers: boolean;
  createPlans: boolean;
  viewAudit: boolean;
}

export interface User {
  id: number;
  login: string;
  fullName: string;
  email: string | null;
  role: Role;
  organisation: OrgRef | null;
  abilities: UserAbilities;
  /** Not in the contract's `User` (PATCH /api/users/:id accepts it); GET /api/users sends it. */
  active?: boolean;
  /** Not in the contract; GET /api/users sends it while a lockout lasts. */
  locked?: boolean;
  /** The password is a one-time one set by an administrator: it must be changed before anything else. */
  mustChangePassword?: boolean;
}

export interface UserInput {
  login: string;
  fullName: string;
  email?: string;
  role: Role;
  organisationId: number;
  password: string;
}

export interface UserPatch {
  fullName?: string;
  email?: string | null;
  role?: Role;
  organisationId?: number;
  active?: boolean;
  password?: string;
  /** Not in the contract; lifts a login lockout. */
  unlock?: boolean;
}

export interface StatusCounts {
  done: number;
  partial: number;
  not_done: number;
  not_due: number;
  none: number;
}

export interface PlanSummary {
  id: number;
  kind: PlanKind;
  title: string;
  status: PlanStatus;
  owner: OrgRef | null;
  periodFrom: string | null;
  periodTo: string | null;
  approvedByName: string | null;
  approvedOn: string | null;
  /** How often executors report; 'custom' when the periods were set by hand. */
  reportingFrequency?: 'month' | 'quarter' | 'half' | 'year' | 'custom';
  /** Reports are due on this day of the month after a period. */
  reportDay?: number;
  /** «Контроль с даты»: nothing due before it is owed or overdue. */
  controlFrom?: string;
  measureCount: number;
  statusCounts: StatusCounts;
  /** Bumped on every header change. */
  version?: number;
  /** The document the plan was imported from (download: `fileUrl(id)`). */
  sourceFile?: { id: number; name: string } | null;
}

export interface Section {
  id: number;
  planId: number;
  number: string;
  title: string;
  position: number;
}

/** Text fields are strings, '' when empty: the API neither sends nor accepts null for them. */
export interface MeasureFields {
  number: string;
  title: string;
  expectedResult?: string;
  form?: string;
  deadlineText?: string;
  status?: MeasureStatus | null;
  executionText?: string;
  protocolItem?: string;
}

/** Dates set by hand instead of the ones read from the deadline text; null clears. */
export interface DeadlineOverride {
  due: string[];
  reports: string[];
}

export interface MeasureInput extends MeasureFields {
  sectionId: number | null;
  leadExecutorId?: number | null;
  coExecutorIds?: number[];
  deadlineOverride?: DeadlineOverride | null;
  /** The event a relative deadline counts from («в течение 5 дней после заседания»). */
  anchorDate?: string | null;
  /** The measure's own control start (null: with the plan). */
  controlFrom?: string | null;
}

export type DeadlineKind = 'date' | 'deadline' | 'window' | 'recurring' | 'continuous' | 'relative' | 'unspecified';

/** One control date of a measure: `effective` is `nominal` moved off a day off. */
export interface ControlPoint {
  kind: 'due' | 'report';
  nominal: string;
  effective: string;
  label: string | null;
  source: 'parsed' | 'override' | 'relative' | 'extension';
  /** GET /api/measures/:id: false for a date before the control start (on record, never overdue). */
  counted?: boolean;
}

export interface Measure extends MeasureFields {
  id: number;
  planId: number;
  sectionId: number | null;
  leadExecutor: OrgRef | null;
  coExecutors: OrgRef[];
  /** Executors named only in words, with no organisation in the directory. */
  textExecutors?: string[];
  position: number;
  archived: boolean;
  version: number;
  updatedAt: string;
  /** In the contract for every Measure, but GET /api/my/measures leaves it out: treat as absent = no rights. */
  abilities?: { update: boolean; archive: boolean; requestExtension?: boolean; decideExtension?: boolean };
  plan?: { id: number; title: string; kind: PlanKind };
  /** What the deadline text was read as; null before the first reading. */
  deadlineKind?: DeadlineKind | null;
  deadlineUnderstood?: boolean;
  deadlineOverride?: DeadlineOverride | null;
  anchorDate?: string | null;
  /** GET /api/plans/:id: the first control date from today on, or null. */
  nextControl?: ControlPoint | null;
  /** GET /api/measures/:id: every control date. */
  controlPoints?: ControlPoint[];
  /** GET /api/plans/:id: the traffic light (green done, yellow due soon, red overdue, grey not due). */
  light?: 'green' | 'yellow' | 'red' | 'grey';
  openDue?: string | null;
  closed?: boolean;
  /** Under control from this day when added to a plan already under control; null: with the plan. */
  controlFrom?: string | null;
}

export interface Plan extends PlanSummary {
  sections: Section[];
  measures: Measure[];
  abilities: { update: boolean; archive: boolean; addMeasure: boolean };
}

export interface PlanInput {
  kind: PlanKind;
  title: string;
  ownerOrganisationId: number;
  periodFrom: string;
  periodTo: string;
  approvedByName?: string | null;
  approvedOn?: string | null;
  /** «Контроль с даты»; omitted: today once the plan has begun. */
  controlFrom?: string;
}

/** `version`: the header as the editor saw it; a change made meanwhile is refused (409). */
export type PlanPatch = Partial<PlanInput> & { status?: 'draft' | 'active'; reportingFrequency?: 'month' | 'quarter' | 'half' | 'year'; reportDay?: number; version?: number };

export interface AuditEvent {
  id: number;
  at: string;
  actor: { id: number; fullName: string } | null;
  action: string;
  entityType: string;
  entityId: number | null;
  planId: number | null;
  measureId: number | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  source: string | null;
  /** What the event is about, named by plan, measure number and title, executor, period. */
  subject?: { label: string; plan: { id: number; shortTitle: string } | null; measure: { id: number; name: string } | null };
  /** Names of the ids in the snapshots (sections, measures of a reorder, organisations). */
  names?: { sections: Record<number, string>; measures: Record<number, string>; organisations: Record<number, string> };
}

export interface Session {
  user: User;
  csrfToken: string;
}

// ---------------------------------------------------------------------------
// Import (src/domain/importers/interchange.ts, src/modules/imports)

export type DocumentKind = 'plan' | 'report' | 'council_decisions' | 'protocol';

export interface InterchangeItem {
  number: string;
  /** Number of the section the item stands under, or null. */
  section: string | null;
  title: string;
  executorsText: string;
  executors: string[];
  deadlineText: string;
  expectedResult: string;
  form: string;
  executionText: string;
  status: MeasureStatus | null;
  protocolItem: string;
}

export interface InterchangeDocument {
  kind: DocumentKind;
  title: string;
  approvedOn: string | null;
  approvedByName: string | null;
  period: [string, string] | null;
  sections: { number: string; title: string }[];
  indicators: { number: string; name: string; values: Record<string, string | number> }[];
  items: InterchangeItem[];
  abbreviations: Record<string, string>;
  /** Protocols only: the meeting (src/domain/importers/interchange.ts MeetingHeader). */
  meeting?: { council: string; number: string | null; date: string | null; place: string | null; format: 'in_person' | 'absentee' | 'video' | null };
  warnings: string[];
}

export type ImportProblemKind = 'executor_unknown' | 'deadline_unclear' | 'empty_title' | 'duplicate_number' | 'no_executor';

export interface ImportProblem {
  kind: ImportProblemKind;
  /** Index in document.items, or null. */
  item: number | null;
  message: string;
}

export interface ExecutorResolution {
  /** As in the document, without «(по согласованию)». */
  name: string;
  byAgreement: boolean;
  match: OrgRef | null;
  /** For a name not found: an organisation, or a phrase describing executors, kept as text. */
  suggestion?: 'organisation' | 'text';
  /** Found only by the short form the document gives it («… (далее – Минтруд)»). */
  byShortForm?: boolean;
  candidates: OrgRef[];
  /** Indices of the items naming it. */
  items: number[];
}

export interface ImportPreview {
  importId: number;
  fileId: number;
  fileName: string;
  document: InterchangeDocument;
  problems: ImportProblem[];
  executors: ExecutorResolution[];
  /** GET /api/imports/:id only: 'preview' until saved or applied. */
  status?: 'preview' | 'saved' | 'applied' | string;
}

/** A role a person gives a column of a document the reader could not place. */
export type MappableRole = 'number' | 'title' | 'deadline' | 'executors' | 'expectedResult' | 'execution' | 'status' | 'form' | 'protocolItem' | 'skip';

export type LayoutBlock = { type: 'table'; rows: string[][]; totalRows: number } | { type: 'lines'; lines: string[]; totalLines: number };

/** A document no reading placed: what was tried, and what the reader found. */
export interface ImportUnread {
  importId: number;
  fileId: number;
  fileName: string;
  status: 'unread';
  document: null;
  unread: { message: string; layout: { blocks: LayoutBlock[] } };
}

export interface ColumnsInput {
  block: number;
  headerRow: number;
  columns: MappableRole[];
  remember: boolean;
}

export type ExecutorChoice = { organisationId: number } | { create: { fullName: string; shortName?: string; kind: OrgKind } } | { text: true };

export interface ImportCommitInput {
  plan: PlanInput;
  sections: { number: string; title: string }[];
  items: {
    number: string;
    section: string | null;
    title: string;
    executors: string[];
    deadlineText: string;
    expectedResult: string;
    form: string;
    executionText: string;
    status: MeasureStatus | null;
    protocolItem: string;
  }[];
  executorMap: Record<string, ExecutorChoice>;
  rememberAliases: boolean;
}

export interface ReportChange {
  measureId: number;
  number: string;
  title: string;
  before: { status: MeasureStatus | null; executionText: string };
  after: { status: MeasureStatus | null; executionText: string };
}

export interface ApplyReportResult {
  changes: ReportChange[];
  /** Item numbers of the report with no measure of that number in the plan. */
  unmatched: string[];
  applied: boolean;
}

// ---------------------------------------------------------------------------
// Deadlines

export interface ControlDate {
  nominal: string;
  effective: string;
  label?: string | null;
}

export interface DeadlineInterpretation {
  kind: DeadlineKind;
  understood: boolean;
  /** Russian: «31.03.2024 (→ 01.04.2024), 30.06.2024 …; отчёт до 10.04.2024». */
  description: string;
  due: ControlDate[];
  reports: ControlDate[];
  pending: { kind: string; text: string }[];
  /** Terms counted from an event; non-empty means the measure wants an `anchorDate`. */
  relative: { offset: { amount: number; unit: string }; anchor: string }[];
}

export interface CalendarItem extends ControlPoint {
  measure: { id: number; number: string; title: string };
}

export interface UnclearDeadline {
  id: number;
  number: string;
  title: string;
  deadlineText: string;
}

// ---------------------------------------------------------------------------
// Errors

/**
 * One validation issue: `{path: 'items.3.title', message: '«Наименование»: значение не может быть пустым'}`
 * (path = dotted field path, '' for the request as a whole). Plain strings are still read.
 */
export type ErrorDetail = string | { path?: (string | number)[] | string; field?: string; message: string };

/** Field names by the Russian labels the server quotes in its validation sentences. */
const FIELD_BY_LABEL: Record<string, string> = {
  'Логин': 'login', 'Пароль': 'password', 'Текущий пароль': 'currentPassword', 'Новый пароль': 'newPassword',
  'Наименование': 'title', 'Номер': 'number', 'Вид': 'kind', 'Полное наименование': 'fullName',
  'Краткое наименование': 'shortName', 'Сокращения': 'aliases', 'Вышестоящая организация': 'parentId',
  'Организация-владелец': 'ownerOrganisationId', 'Начало периода': 'periodFrom', 'Окончание периода': 'periodTo',
  'Кем утверждён': 'approvedByName', 'Дата утверждения': 'approvedOn', 'Раздел': 'sectionId',
  'Ожидаемый результат': 'expectedResult', 'Форма реализации': 'form', 'Срок исполнения': 'deadlineText',
  'Ответственный исполнитель': 'leadExecutorId', 'Соисполнители': 'coExecutorIds', 'Статус': 'status',
  'Информация об исполнении': 'executionText', 'Пункт протокола': 'protocolItem', 'Роль': 'role',
  'Организация': 'organisationId', 'Электронная почта': 'email',
  'Сроки, установленные вручную': 'deadlineOverride', 'Дата события': 'anchorDate',
};

const LABELLED = /^«([^»]+)»:\s*(.+)$/s;

/** «Наименование»: значение не может быть пустым → «Значение не может быть пустым» (the field shows its own label). */
function withoutLabel(message: string): string {
  const m = LABELLED.exec(message);
  if (!m) return message;
  return m[2].charAt(0).toUpperCase() + m[2].slice(1);
}

function pathOf(d: Exclude<ErrorDetail, string>): string {
  if (d.field) return d.field;
  if (Array.isArray(d.path)) return d.path.join('.');
  return d.path ?? '';
}

/** An answer other than 2xx. `message` is Russian and fit to show as is. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** The kind: validation | unauthorized | forbidden | not_found | conflict | too_large | unsupported | … */
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    /** The precise cause, e.g. 'auth.locked', 'measure.stale', 'import.unsupported_format'. */
    readonly reason: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Messages per top-level field name (first wins), without the «label»: prefix. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const d of this.details) {
      if (typeof d === 'string') {
        const m = LABELLED.exec(d);
        const key = m ? (FIELD_BY_LABEL[m[1]] ?? m[1]) : '';
        if (key && !out[key]) out[key] = withoutLabel(d);
        continue;
      }
      const key = pathOf(d).split('.')[0];
      if (key && d.message && !out[key]) out[key] = withoutLabel(d.message);
    }
    return out;
  }

  /** Messages per full dotted path ('plan.title', 'items.3.title'), without the «label»: prefix. */
  pathErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const d of this.details) {
      if (typeof d === 'string') continue;
      const key = pathOf(d);
      if (key && d.message && !out[key]) out[key] = withoutLabel(d.message);
    }
    return out;
  }
}

const FALLBACK_MESSAGES: Record<number, string> = {
  400: 'Данные не прошли проверку.',
  401: 'Требуется вход в систему.',
  403: 'Недостаточно прав для этого действия.',
  404: 'Запись не найдена.',
  409: 'Запись изменена другим пользователем или используется.',
  413: 'Слишком большой объём данных.',
  415: 'Неподдерживаемый формат.',
  429: 'Слишком много попыток. Повторите позже.',
};

/** Human text for any error thrown by a call. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof TypeError) return 'Нет связи с сервером. Проверьте подключение и повторите.';
  if (e instanceof Error && e.message) return e.message;
  return 'Непредвиденная ошибка.';
}

// ---------------------------------------------------------------------------
// Transport

let csrfToken: string | null = null;
const unauthorizedListeners = new Set<() => void>();

/** Subscribes to 401 answers of ordinary calls (the session has ended). */
export function onUnauthorized(fn: () => void): () => void {
  unauthorizedListeners.add(fn);
  return () => unauthorizedListeners.delete(fn);
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

export async function request<T>(method: Method, path: string, body?: unknown, opts: { quiet401?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  // A FormData body sets its own multipart Content-Type (with the boundary).
  const form = typeof FormData !== 'undefined' && body instanceof FormData;
  if (body !== undefined && !form) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const res = await fetch(`/api${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : form ? (body as FormData) : JSON.stringify(body),
  });
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const err = (data && typeof data === 'object' ? data : {}) as { code?: string; reason?: string; message?: string; details?: unknown };
    const details = Array.isArray(err.details) ? (err.details as ErrorDetail[]) : [];
    const e = new ApiError(
      res.status,
      err.code ?? String(res.status),
      err.message || FALLBACK_MESSAGES[res.status] || `Ошибка сервера (${res.status}).`,
      details,
      err.reason ?? null,
    );
    if (res.status === 401 && !opts.quiet401) unauthorizedListeners.forEach((fn) => fn());
    throw e;
  }
  return data as T;
}

// ---------------------------------------------------------------------------
// Endpoints

export const api = {
  // Auth
  async login(login: string, password: string): Promise<Session> {
    const s = await request<Session>('POST', '/auth/login', { login, password }, { quiet401: true });
    csrfToken = s.csrfToken;
    return s;
  },
  async me(): Promise<Session> {
    const s = await request<Session>('GET', '/auth/me', undefined, { quiet401: true });
    csrfToken = s.csrfToken;
    return s;
  },
  async logout(): Promise<void> {
    try {
      await request('POST', '/auth/logout', undefined, { quiet401: true });
    } finally {
      csrfToken = null;
    }
  },
  changePassword: (currentPassword: string, newPassword: string) =>
    request<{ ok: true }>('POST', '/auth/password', { currentPassword, newPassword }, { quiet401: true }),

  // Directory
  organisations: (opts: { q?: string; includeArchived?: boolean } = {}) =>
    request<{ items: Organisation[] }>('GET', withQuery('/organisations', opts)),
  resolveOrganisation: (name: string) =>
    request<{ match: Organisation | null; candidates: Organisation[] }>('GET', withQuery('/organisations/resolve', { name })),
  createOrganisation: (input: OrganisationInput) => request<Organisation>('POST', '/organisations', input),
  updateOrganisation: (id: number, patch: Partial<OrganisationInput>) => request<Organisation>('PATCH', `/organisations/${id}`, patch),
  deleteOrganisation: (id: number) => request<{ ok: true }>('DELETE', `/organisations/${id}`),

  // Users
  users: () => request<{ items: User[] }>('GET', '/users'),
  createUser: (input: UserInput) => request<User>('POST', '/users', input),
  updateUser: (id: number, patch: UserPatch) => request<User>('PATCH', `/users/${id}`, patch),

  // Plans
  plans: (opts: { includeArchived?: boolean } = {}) => request<{ items: PlanSummary[] }>('GET', withQuery('/plans', opts)),
  plan: (id: number) => request<Plan>('GET', `/plans/${id}`),
  createPlan: (input: PlanInput) => request<Plan>('POST', '/plans', input),
  updatePlan: (id: number, patch: PlanPatch) => request<Plan>('PATCH', `/plans/${id}`, patch),
  archivePlan: (id: number) => request<Plan>('POST', `/plans/${id}/archive`),
  createSection: (planId: number, input: { number: string; title: string }) => request<Section>('POST', `/plans/${planId}/sections`, input),
  updateSection: (id: number, patch: { number?: string; title?: string }) => request<Section>('PATCH', `/sections/${id}`, patch),
  deleteSection: (id: number) => request<unknown>('DELETE', `/sections/${id}`),
  createMeasure: (planId: number, input: MeasureInput) => request<Measure>('POST', `/plans/${planId}/measures`, input),
  reorder: (planId: number, sectionId: number | null, measureIds: number[]) =>
    request<{ ok: true }>('POST', `/plans/${planId}/reorder`, { sectionId, measureIds }),

  // Measures
  measure: (id: number) => request<Measure>('GET', `/measures/${id}`),
  updateMeasure: (id: number, patch: Partial<MeasureInput> & { version: number }) => request<Measure>('PATCH', `/measures/${id}`, patch),
  archiveMeasure: (id: number) => request<Measure>('POST', `/measures/${id}/archive`),
  measureHistory: (id: number) => request<{ items: AuditEvent[] }>('GET', `/measures/${id}/history`),
  myMeasures: () => request<{ items: Measure[] }>('GET', '/my/measures'),

  // Import
  uploadImport(file: File): Promise<ImportPreview | ImportUnread> {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<ImportPreview | ImportUnread>('POST', '/imports', form);
  },
  importPreview: (id: number) => request<ImportPreview | ImportUnread>('GET', `/imports/${id}`),
  importLayout: (id: number) => request<{ layout: { blocks: LayoutBlock[] } }>('GET', `/imports/${id}/layout`),
  readImportWithColumns: (id: number, input: ColumnsInput) => request<ImportPreview>('POST', `/imports/${id}/columns`, input),
  commitImport: (id: number, input: ImportCommitInput) => request<{ planId: number }>('POST', `/imports/${id}/commit`, input),
  applyReport: (id: number, input: { planId: number; period: string; dryRun: boolean }) =>
    request<ApplyReportResult>('POST', `/imports/${id}/apply-report`, input),
  /** Download address of a stored file (the original of an imported plan). */
  fileUrl: (id: number) => `/api/files/${id}`,

  // Deadlines
  interpretDeadline: (q: { text: string; planId?: number; periodFrom?: string; periodTo?: string; anchorDate?: string | null }) =>
    request<DeadlineInterpretation>('GET', withQuery('/deadlines/interpret', q)),
  planCalendar: (planId: number, range: { from?: string; to?: string } = {}) =>
    request<{ items: CalendarItem[] }>('GET', withQuery(`/plans/${planId}/calendar`, range)),
  unclearDeadlines: (planId: number) => request<{ items: UnclearDeadline[] }>('GET', `/plans/${planId}/unclear-deadlines`),

  // Audit
  audit: (opts: { entityType?: string; limit?: number; before?: string | number } = {}) =>
    request<{ items: AuditEvent[] }>('GET', withQuery('/audit', opts)),

  health: () => request<{ status: string; database: string }>('GET', '/health'),
};
