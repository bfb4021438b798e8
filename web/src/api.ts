/**
 * The one HTTP client of the web app, written to docs/api.md. Sends JSON with the
 * session cookie (`credentials: 'same-origin'`) and the CSRF token on writes; turns
 * every non-2xx answer into an `ApiError` carrying the server's Russian `message`.
 */
import type * as C from '../../src/contract';
import type { MeasureStatus, OrgKind, PlanKind, Role } from './format';

export type { MeasureStatus, OrgKind, PlanKind } from './format';

// ---------------------------------------------------------------------------
// Types of the contract: answers are typed from the server's schemas (src/contract), inputs here.

/** An organisation named in an answer; `external` where the answer says (executors, plan owners). */
export type OrgRef = C.OrgName & Partial<Pick<C.OrgRef, 'external'>>;
export type Organisation = C.Organisation;

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

export type UserAbilities = C.UserAbilities;
/** The signed-in user (GET /api/auth/me). */
export type User = C.SessionUser;
/** A user as the directory lists them (GET /api/users). */
export type UserView = C.UserView;

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
  /** The version the form was opened on (409 when someone changed the user since). */
  version: number;
}

export type StatusCounts = C.StatusCounts;
export type PlanSummary = C.PlanSummary;
export type Section = C.Section;

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
export type DeadlineOverride = C.DeadlineOverride;

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

export type DeadlineKind = C.DeadlineKind;

/** One control date of a measure: `effective` is `nominal` moved off a day off (`counted` in GET /api/measures/:id). */
export type ControlPoint = C.ControlPoint & { counted?: boolean };

/**
 * A measure as the answers about measures send it; the fields only some answers add (the plan
 * table's light and next date, the measure page's control dates, abilities, plan) are optional.
 */
export type Measure = C.Measure & Partial<Omit<C.PlanMeasure & C.MeasureDetail, keyof C.Measure>>;

/** A plan's header, sections and counts (GET /api/plans/:id). */
export type PlanHead = C.PlanDetail;
/** A plan as the plan page holds it: the header and the measures loaded so far. */
export type Plan = C.PlanDetail & { measures: NonNullable<C.PlanDetail['measures']> };

/** A row of a measure list (GET /api/measures) and one page of it. */
export type ListedMeasure = C.ListedMeasure;
export type MeasurePage = C.MeasurePage;
export interface MeasureListQuery {
  planId?: number;
  sectionId?: number | 'none';
  executorId?: number;
  status?: string;
  due?: 'overdue' | 'soon';
  q?: string;
  sort?: 'position' | 'number' | 'deadline' | 'status' | 'executor' | 'updated';
  dir?: 'asc' | 'desc';
  limit?: number;
  cursor?: string;
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
export type PlanPatch = Partial<PlanInput> & {
  status?: 'draft' | 'active';
  reportingFrequency?: 'month' | 'quarter' | 'half' | 'year';
  reportDay?: number;
  /** The version the page was opened on (409 when someone changed the plan since). */
  version: number;
};

export type AuditEvent = C.AuditEvent;
export type Session = C.SessionAnswer;

// ---------------------------------------------------------------------------
// Import (src/domain/importers/interchange.ts, src/modules/imports)

export type DocumentKind = C.DocumentKind;
export type InterchangeItem = C.InterchangeItem;
export type InterchangeDocument = C.InterchangeDocument;
export type ImportProblemKind = C.ImportProblem['kind'];
export type ImportProblem = C.ImportProblem;
export type ExecutorResolution = C.ExecutorResolution;
/** POST /api/imports/:id/columns; GET /api/imports/:id adds where it stands (`status`). */
export type ImportPreview = C.ImportPreview & { status?: C.StoredImportPreview['status'] };

/** A role a person gives a column of a document the reader could not place. */
export type MappableRole =
  | 'number'
  | 'title'
  | 'deadline'
  | 'executors'
  | 'expectedResult'
  | 'execution'
  | 'status'
  | 'form'
  | 'protocolItem'
  | 'skip';

export type LayoutBlock = C.LayoutBlock;
/** A document no reading placed: what was tried, and what the reader found. */
export type ImportUnread = C.ImportUnread;

export interface ColumnsInput {
  block: number;
  headerRow: number;
  columns: MappableRole[];
  remember: boolean;
}

export type ExecutorChoice =
  { organisationId: number } | { create: { fullName: string; shortName?: string; kind: OrgKind } } | { text: true };

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
  /** The target indicators as fixed in the preview (issue 13); omitted: as the document reads. */
  indicators?: C.IndicatorDraft[];
}

export type ReportChange = C.ReportChange;
export type ApplyReportResult = C.ApplyReportResult;

// ---------------------------------------------------------------------------
// Deadlines

export type ControlDate = C.ControlDate;
export type DeadlineInterpretation = C.DeadlineInterpretation;
export type CalendarItem = C.CalendarItem;
export type UnclearDeadline = C.UnclearDeadline;

// ---------------------------------------------------------------------------
// Errors

/**
 * One validation issue: `{path: 'items.3.title', message: '«Наименование»: значение не может быть пустым'}`
 * (path = dotted field path, '' for the request as a whole). Plain strings are still read.
 */
export type ErrorDetail = string | { path?: (string | number)[] | string; field?: string; message: string };

/** Field names by the Russian labels the server quotes in its validation sentences. */
const FIELD_BY_LABEL: Record<string, string> = {
  Логин: 'login',
  Пароль: 'password',
  'Текущий пароль': 'currentPassword',
  'Новый пароль': 'newPassword',
  Наименование: 'title',
  Номер: 'number',
  Вид: 'kind',
  'Полное наименование': 'fullName',
  'Краткое наименование': 'shortName',
  Сокращения: 'aliases',
  'Вышестоящая организация': 'parentId',
  'Организация-владелец': 'ownerOrganisationId',
  'Начало периода': 'periodFrom',
  'Окончание периода': 'periodTo',
  'Кем утверждён': 'approvedByName',
  'Дата утверждения': 'approvedOn',
  Раздел: 'sectionId',
  'Ожидаемый результат': 'expectedResult',
  'Форма реализации': 'form',
  'Срок исполнения': 'deadlineText',
  'Ответственный исполнитель': 'leadExecutorId',
  Соисполнители: 'coExecutorIds',
  Статус: 'status',
  'Информация об исполнении': 'executionText',
  'Пункт протокола': 'protocolItem',
  Роль: 'role',
  Организация: 'organisationId',
  'Электронная почта': 'email',
  'Сроки, установленные вручную': 'deadlineOverride',
  'Дата события': 'anchorDate',
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

export async function request<T>(
  method: Method,
  path: string,
  body?: unknown,
  opts: { quiet401?: boolean } = {},
): Promise<T> {
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
    const err = (data && typeof data === 'object' ? data : {}) as {
      code?: string;
      reason?: string;
      message?: string;
      details?: unknown;
    };
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
    request<C.OrganisationMatch>('GET', withQuery('/organisations/resolve', { name })),
  createOrganisation: (input: OrganisationInput) => request<Organisation>('POST', '/organisations', input),
  updateOrganisation: (id: number, patch: Partial<OrganisationInput> & { version: number }) =>
    request<Organisation>('PATCH', `/organisations/${id}`, patch),
  deleteOrganisation: (id: number) => request<{ ok: true }>('DELETE', `/organisations/${id}`),

  // Users
  users: () => request<{ items: UserView[] }>('GET', '/users'),
  createUser: (input: UserInput) => request<UserView>('POST', '/users', input),
  updateUser: (id: number, patch: UserPatch) => request<UserView>('PATCH', `/users/${id}`, patch),

  // Plans
  plans: (opts: { includeArchived?: boolean } = {}) =>
    request<{ items: PlanSummary[] }>('GET', withQuery('/plans', opts)),
  /** The plan's header, sections and counts (no measures: `measures` pages them). */
  plan: (id: number) => request<PlanHead>('GET', `/plans/${id}`),
  measures: (query: MeasureListQuery) =>
    request<MeasurePage>('GET', withQuery('/measures', query as Record<string, string | number | undefined>)),
  createPlan: (input: PlanInput) => request<PlanSummary>('POST', '/plans', input),
  // The header only: sections and measures are never in this answer.
  updatePlan: (id: number, patch: PlanPatch) =>
    request<PlanSummary & Partial<Record<'sections' | 'measures', never>>>('PATCH', `/plans/${id}`, patch),
  archivePlan: (id: number) => request<PlanSummary>('POST', `/plans/${id}/archive`),
  createSection: (planId: number, input: { number: string; title: string }) =>
    request<Section>('POST', `/plans/${planId}/sections`, input),
  updateSection: (id: number, patch: { number?: string; title?: string }) =>
    request<Section>('PATCH', `/sections/${id}`, patch),
  deleteSection: (id: number) => request<{ ok: true }>('DELETE', `/sections/${id}`),
  createMeasure: (planId: number, input: MeasureInput) => request<Measure>('POST', `/plans/${planId}/measures`, input),
  reorder: (planId: number, sectionId: number | null, measureIds: number[]) =>
    request<{ ok: true }>('POST', `/plans/${planId}/reorder`, { sectionId, measureIds }),

  // Measures
  measure: (id: number) => request<C.MeasureDetail>('GET', `/measures/${id}`),
  updateMeasure: (id: number, patch: Partial<MeasureInput> & { version: number }) =>
    request<Measure>('PATCH', `/measures/${id}`, patch),
  archiveMeasure: (id: number) => request<Measure>('POST', `/measures/${id}/archive`),
  measureHistory: (id: number) => request<{ items: AuditEvent[] }>('GET', `/measures/${id}/history`),
  myMeasures: () => request<{ items: C.MyMeasure[] }>('GET', '/my/measures'),

  // Import
  uploadImport(file: File): Promise<ImportPreview | ImportUnread> {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<ImportPreview | ImportUnread>('POST', '/imports', form);
  },
  importPreview: (id: number) => request<C.StoredImportPreview | ImportUnread>('GET', `/imports/${id}`),
  importLayout: (id: number) => request<{ layout: { blocks: LayoutBlock[] } }>('GET', `/imports/${id}/layout`),
  readImportWithColumns: (id: number, input: ColumnsInput) =>
    request<ImportPreview>('POST', `/imports/${id}/columns`, input),
  commitImport: (id: number, input: ImportCommitInput) =>
    request<{ planId: number }>('POST', `/imports/${id}/commit`, input),
  applyReport: (
    id: number,
    input: { planId: number; period: string; dryRun: boolean; versions?: { measureId: number; version: number }[] },
  ) => request<ApplyReportResult>('POST', `/imports/${id}/apply-report`, input),
  /** Download address of a stored file (the original of an imported plan). */
  fileUrl: (id: number) => `/api/files/${id}`,

  // Deadlines
  interpretDeadline: (q: {
    text: string;
    planId?: number;
    periodFrom?: string;
    periodTo?: string;
    anchorDate?: string | null;
  }) => request<DeadlineInterpretation>('GET', withQuery('/deadlines/interpret', q)),
  planCalendar: (planId: number, range: { from?: string; to?: string } = {}) =>
    request<{ items: CalendarItem[] }>('GET', withQuery(`/plans/${planId}/calendar`, range)),
  unclearDeadlines: (planId: number) =>
    request<{ items: UnclearDeadline[] }>('GET', `/plans/${planId}/unclear-deadlines`),

  // Audit
  audit: (opts: { entityType?: string; limit?: number; before?: string | number } = {}) =>
    request<{ items: AuditEvent[] }>('GET', withQuery('/audit', opts)),

  health: () => request<C.ResponseOf<'GET /api/health'>>('GET', '/health'),
};
