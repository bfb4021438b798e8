/**
 * Pure formatting helpers for the Russian UI: dates, quarters, periods and the labels
 * of the API's enumerations. No I/O, no clock: everything is a function of its inputs.
 */
import { format, isValid, parseISO } from 'date-fns';
import { ru } from 'date-fns/locale';

export type DateInput = string | Date | null | undefined;

/**
 * Reads an API date. A bare `YYYY-MM-DD` is a calendar day (local midnight, never
 * shifted by the time zone); anything else is parsed as an ISO timestamp.
 */
export function parseApiDate(value: DateInput): Date | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return isValid(value) ? value : null;
  const d = parseISO(value);
  return isValid(d) ? d : null;
}

/**
 * Formats a day the way Russian official documents write it.
 * @example formatDateRu('2016-12-28') // '28 декабря 2016 г.'
 */
export function formatDateRu(value: DateInput): string {
  const d = parseApiDate(value);
  return d ? format(d, 'd MMMM yyyy', { locale: ru }) + ' г.' : '';
}

/**
 * Formats a moment with the time of day (for history and the audit log).
 * @example formatDateTimeRu(new Date(2016, 11, 28, 9, 5)) // '28 декабря 2016 г., 09:05'
 */
export function formatDateTimeRu(value: DateInput): string {
  const d = parseApiDate(value);
  return d ? `${formatDateRu(d)}, ${format(d, 'HH:mm')}` : '';
}

const ROMAN_QUARTERS = ['I', 'II', 'III', 'IV'] as const;

/**
 * Names the quarter a day falls in, or a given year and quarter (1–4).
 * @example formatQuarterRu('2024-02-10') // 'I кв. 2024 г.'
 * @example formatQuarterRu({ year: 2025, quarter: 4 }) // 'IV кв. 2025 г.'
 */
export function formatQuarterRu(value: DateInput | { year: number; quarter: number }): string {
  let year: number;
  let quarter: number;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    ({ year, quarter } = value);
  } else {
    const d = parseApiDate(value);
    if (!d) return '';
    year = d.getFullYear();
    quarter = Math.floor(d.getMonth() / 3) + 1;
  }
  const roman = ROMAN_QUARTERS[quarter - 1];
  return roman ? `${roman} кв. ${year} г.` : '';
}

function isFirstDayOfQuarter(d: Date): boolean {
  return d.getDate() === 1 && d.getMonth() % 3 === 0;
}

function isLastDayOfQuarter(d: Date): boolean {
  const next = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1);
  return next.getDate() === 1 && next.getMonth() % 3 === 0;
}

/**
 * Describes a plan period as compactly as the calendar allows: whole years, whole
 * quarters, or exact days.
 * @example formatPeriodRu('2024-01-01', '2025-12-31') // '2024–2025 гг.'
 * @example formatPeriodRu('2024-01-01', '2024-03-31') // 'I кв. 2024 г.'
 * @example formatPeriodRu('2024-02-01', '2024-05-15') // 'с 1 февраля 2024 г. по 15 мая 2024 г.'
 */
export function formatPeriodRu(from: DateInput, to: DateInput): string {
  const a = parseApiDate(from);
  const b = parseApiDate(to);
  if (!a && !b) return '';
  if (a && !b) return `с ${formatDateRu(a)}`;
  if (!a && b) return `по ${formatDateRu(b)}`;
  const start = a as Date;
  const end = b as Date;
  const wholeYears = start.getMonth() === 0 && start.getDate() === 1 && end.getMonth() === 11 && end.getDate() === 31;
  if (wholeYears) {
    return start.getFullYear() === end.getFullYear()
      ? `${start.getFullYear()} г.`
      : `${start.getFullYear()}–${end.getFullYear()} гг.`;
  }
  if (isFirstDayOfQuarter(start) && isLastDayOfQuarter(end)) {
    const qa = formatQuarterRu(start);
    const qb = formatQuarterRu(end);
    return qa === qb ? qa : `${qa} – ${qb}`;
  }
  return `с ${formatDateRu(start)} по ${formatDateRu(end)}`;
}

/**
 * Chooses the Russian plural form for a count.
 * @example pluralRu(21, ['мероприятие', 'мероприятия', 'мероприятий']) // 'мероприятие'
 */
export function pluralRu(n: number, forms: readonly [string, string, string]): string {
  const abs = Math.abs(n) % 100;
  const last = abs % 10;
  if (abs > 10 && abs < 20) return forms[2];
  if (last === 1) return forms[0];
  if (last >= 2 && last <= 4) return forms[1];
  return forms[2];
}

/** Count with its noun: `countRu(3, [...]) === '3 мероприятия'`. */
export function countRu(n: number, forms: readonly [string, string, string]): string {
  return `${n} ${pluralRu(n, forms)}`;
}

// ---------------------------------------------------------------------------
// Labels of the API's enumerations

export type Role = 'admin' | 'coordinator' | 'executor' | 'observer';
export type PlanKind = 'plan' | 'council_decisions';
export type PlanStatus = 'draft' | 'active' | 'archived';
export type MeasureStatus = 'done' | 'partial' | 'not_done' | 'not_due';
export type OrgKind = 'region' | 'executive' | 'institution' | 'municipality' | 'ngo' | 'council' | 'group' | 'other';

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Администратор',
  coordinator: 'Координатор',
  executor: 'Исполнитель',
  observer: 'Наблюдатель',
};

export const PLAN_KIND_LABELS: Record<PlanKind, string> = {
  plan: 'План мероприятий',
  council_decisions: 'Поручения совета',
};

export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  draft: 'Черновик',
  active: 'Действует',
  archived: 'В архиве',
};

/**
 * Status words, one wording wherever a status is chosen or read (the measure form, the
 * report editor, filters, history). Paper tables write «Х» for «срок не наступил»; the
 * status badge keeps that mark in tables, with these words as its accessible name.
 */
export const MEASURE_STATUS_LABELS: Record<MeasureStatus, string> = {
  done: 'Выполнено',
  partial: 'Частично выполнено',
  not_done: 'Не выполнено',
  not_due: 'Срок не наступил',
};

export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  region: 'Субъект РФ',
  executive: 'Исполнительный орган',
  institution: 'Учреждение',
  municipality: 'Муниципальное образование',
  ngo: 'НКО',
  council: 'Совет',
  group: 'Группа исполнителей',
  other: 'Прочее',
};

const ENTITY_TYPE_LABELS: Record<string, string> = {
  plan: 'План',
  section: 'Раздел',
  measure: 'Мероприятие',
  organisation: 'Организация',
  user: 'Пользователь',
  session: 'Сеанс',
  auth: 'Вход в систему',
  report: 'Отчёт',
  import: 'Импорт',
  import_layout: 'Разметка столбцов импорта',
  nok_campaign: 'Кампания независимой оценки',
  nok_assessment: 'Организация в независимой оценке',
  nok_answer: 'Анкета независимой оценки',
  council: 'Совет',
};

const AUDIT_ACTION_LABELS: Record<string, string> = {
  create: 'Создание',
  created: 'Создание',
  update: 'Изменение',
  updated: 'Изменение',
  delete: 'Удаление',
  deleted: 'Удаление',
  archive: 'Перенос в архив',
  archived: 'Перенос в архив',
  restore: 'Восстановление',
  reorder: 'Изменение порядка',
  import: 'Импорт',
  login: 'Вход',
  'login.success': 'Вход',
  login_failed: 'Неудачный вход',
  'login.failed': 'Неудачный вход',
  logout: 'Выход',
  password: 'Смена пароля',
  password_change: 'Смена пароля',
  'password.change': 'Смена пароля',
  password_reset: 'Сброс пароля',
  lockout: 'Блокировка входа',
  locked: 'Блокировка входа',
  password_changed: 'Смена пароля',
  alias_added: 'Добавлено написание',
  imported: 'Импорт',
  report_imported: 'Импорт отчёта',
  'session.login': 'Вход в систему',
  'session.logout': 'Выход из системы',
  'measure.reorder': 'Изменение порядка мероприятий',
  'measure.report_accepted': 'Исполнение по принятому отчёту',
  'measure.close': 'Снято с контроля',
  'measure.reopen': 'Возвращено на контроль',
  'report.save': 'Черновик отчёта',
  'report.submit': 'Отчёт отправлен',
  'report.return': 'Отчёт возвращён на доработку',
  'report.accept': 'Отчёт принят',
  'report.attachment_added': 'Приложен файл',
  'report.attachment_removed': 'Убран файл',
  'demo.seed': 'Загрузка демонстрационных данных',
  'extension.request': 'Запрос переноса срока',
  'extension.approve': 'Перенос срока одобрен',
  'extension.reject': 'В переносе срока отказано',
  'plan.periods_set': 'Периоды отчётности заданы вручную',
  'user.settings': 'Настройки уведомлений',
  'measure.remind': 'Напоминание исполнителю',
  'measure.executor_merged': 'Исполнитель объединён с другой организацией',
  'organisation.merge': 'Объединение организаций',
  'organisation.merged_into': 'Организация объединена с другой',
  'report.bulk_accept': 'Отчёты приняты списком',
  'import_layout.saved': 'Запомнена разметка столбцов',
  'token.create': 'Создан API-токен',
  'token.revoke': 'Отозван API-токен',
  'nok.campaign.create': 'Создана кампания независимой оценки',
  'nok.campaign.update': 'Изменена кампания независимой оценки',
  'nok.campaign.publish': 'Результаты независимой оценки опубликованы',
  'nok.campaign.unpublish': 'Публикация результатов независимой оценки снята',
  'nok.checklist.save': 'Сохранён чек-лист оператора',
  'nok.answer.paper': 'Внесена бумажная анкета',
  'nok.answer.exclude': 'Анкета исключена из расчёта',
  'nok.answer.include': 'Анкета снова учтена',
  'nok.plan.create': 'Создан план по устранению недостатков',
  'council.create': 'Создан совет',
  'council.update': 'Изменены сведения о совете',
  'council.member_add': 'Изменение состава: включён',
  'council.member_end': 'Изменение состава: выведен',
  'council.export': 'Выгрузка информации об исполнении решений',
  'meeting.create': 'Назначено заседание',
  'meeting.update': 'Изменены сведения о заседании',
  'meeting.held': 'Заседание состоялось',
  'meeting.postponed': 'Заседание перенесено',
  'meeting.cancelled': 'Заседание отменено',
  'meeting.planned': 'Заседание запланировано',
  'meeting.agenda': 'Изменена повестка',
  'meeting.attendance': 'Отмечено присутствие',
  'meeting.protocol': 'Внесён протокол заседания',
  'instruction.done': 'Снято с контроля как исполненное',
  'instruction.off_control': 'Снято с контроля решением заседания',
  'instruction.extended': 'Срок продлён решением заседания',
};

/** Russian names of entity fields, used in history diffs and validation messages. */
export const FIELD_LABELS: Record<string, string> = {
  substance: 'Содержательность отчёта',
  sharedFrom: 'Отчёт написан один раз в',
  measures: 'Связанные мероприятия (одна и та же работа)',
  kind: 'Вид',
  title: 'Наименование',
  status: 'Статус',
  number: '№ п/п',
  sectionId: 'Раздел',
  section: 'Раздел',
  expectedResult: 'Ожидаемый результат',
  form: 'Форма реализации',
  deadlineText: 'Срок исполнения',
  leadExecutorId: 'Ответственный исполнитель',
  leadExecutor: 'Ответственный исполнитель',
  coExecutorIds: 'Соисполнители',
  coExecutors: 'Соисполнители',
  textExecutors: 'Исполнители (без организации в справочнике)',
  executionText: 'Информация об исполнении',
  protocolItem: 'Пункт протокола',
  position: 'Порядок',
  archived: 'В архиве',
  ownerOrganisationId: 'Ответственная организация',
  owner: 'Ответственная организация',
  periodFrom: 'Начало периода',
  periodTo: 'Окончание периода',
  approvedByName: 'Кем утверждён',
  approvedOn: 'Дата утверждения',
  fullName: 'Полное наименование',
  shortName: 'Краткое наименование',
  aliases: 'Другие написания',
  parentId: 'Вышестоящая организация',
  external: 'По согласованию',
  login: 'Логин',
  email: 'Эл. почта',
  role: 'Роль',
  organisationId: 'Организация',
  active: 'Активен',
  password: 'Пароль',
  newPassword: 'Новый пароль',
  currentPassword: 'Текущий пароль',
  measureOrder: 'Порядок мероприятий',
  locked: 'Заблокирован',
  mustChangePassword: 'Временный пароль',
  unlock: 'Разблокировка',
  reportingFrequency: 'Периодичность отчётности',
  reportDay: 'Срок отчёта (число месяца)',
  frequency: 'Периодичность отчётности',
  periods: 'Периоды отчётности',
  period: 'Отчётный период',
  text: 'Текст отчёта',
  resultStatus: 'Статус исполнения',
  state: 'Состояние',
  figures: 'Показатели',
  links: 'Ссылки',
  reviewComment: 'Комментарий проверяющего',
  version: 'Версия',
  name: 'Имя файла',
  size: 'Размер',
  fileId: 'Файл',
  notifyEnabled: 'Напоминания',
  notifyDaysBefore: 'За сколько дней напоминать',
  phone: 'Телефон',
  headPosition: 'Должность руководителя',
  headName: 'Руководитель (подпись отчётов)',
  mergedIntoId: 'Объединена с',
  // Every field an audited change records has a name here (test/api/audit-labels.test.ts).
  organisation: 'Организация',
  openDue: 'Ближайший открытый срок',
  controlFrom: 'Контроль с даты',
  deadlineOverride: 'Сроки, указанные вручную',
  anchorDate: 'Дата события',
  deadlineKind: 'Вид срока',
  deadlineUnderstood: 'Срок распознан',
  closed: 'Снято с контроля',
  comment: 'Комментарий',
  dueOn: 'Срок отчёта',
  submittedAt: 'Представлен',
  onTime: 'Представлен в срок',
  reviewedAt: 'Проверен',
  attachments: 'Приложенные файлы',
  target: 'Что переносится',
  currentDue: 'Действующий срок',
  requestedDue: 'Новый срок',
  requestedBy: 'Кто запросил',
  reason: 'Причина',
  warnings: 'Предупреждения',
  decidedBy: 'Кто решил',
  decidedAt: 'Дата решения',
  decisionComment: 'Комментарий к решению',
  sourceFile: 'Исходный файл',
  file: 'Файл',
  alias: 'Написание',
  tokenId: 'Номер API-токена',
  tokenName: 'API-токен',
  tokenScope: 'Права токена',
  expiresAt: 'Действует до',
  point: 'Пункт протокола',
  newDeadline: 'Новый срок',
  meetingId: 'Заседание',
  present: 'Присутствовали',
  instructions: 'Поручений',
  date: 'Дата',
  personName: 'Член совета',
  fromDate: 'В составе с',
  toDate: 'В составе по',
  heldOn: 'Дата заседания',
  startTime: 'Время',
  format: 'Форма',
  place: 'Место',
  postponedTo: 'Перенесено на',
  actTitle: 'Акт об утверждении состава',
  actNumber: 'Номер акта',
  actDate: 'Дата акта',
  quorumRule: 'Кворум',
  meetingRule: 'Периодичность заседаний',
  organisationName: 'Организация',
  hasInstructions: 'Протокол внесён',
  protocolFileId: 'Файл протокола',
  councilId: 'Совет',
  ownerName: 'Организация',
  planId: 'План',
  speakers: 'Докладчики',
  questions: 'Вопросы повестки',
  abilities: 'Права',
};

export const roleLabel = (role: string | null | undefined): string => (role && ROLE_LABELS[role as Role]) || role || '';
export const planKindLabel = (kind: string | null | undefined): string =>
  (kind && PLAN_KIND_LABELS[kind as PlanKind]) || kind || '';
export const planStatusLabel = (status: string | null | undefined): string =>
  (status && PLAN_STATUS_LABELS[status as PlanStatus]) || status || '';
/** `null` means no status has been set yet: shown as an empty cell / «Не указан». */
export const measureStatusLabel = (status: string | null | undefined): string =>
  (status && MEASURE_STATUS_LABELS[status as MeasureStatus]) || status || 'Не указан';
export const orgKindLabel = (kind: string | null | undefined): string =>
  (kind && ORG_KIND_LABELS[kind as OrgKind]) || kind || '';
export const entityTypeLabel = (type: string | null | undefined): string =>
  (type && ENTITY_TYPE_LABELS[type]) || type || '';
export const auditActionLabel = (action: string | null | undefined): string => {
  if (!action) return '';
  if (AUDIT_ACTION_LABELS[action]) return AUDIT_ACTION_LABELS[action];
  // "measure.update" style: try the last segment.
  const tail = action.split(/[.:]/).pop() ?? action;
  return AUDIT_ACTION_LABELS[tail] ?? action;
};
export const fieldLabel = (field: string): string => FIELD_LABELS[field] ?? field;

/**
 * Heading of a section row: «1. Стратегия…», «I. Организационные мероприятия»; a number
 * that already ends with a dot keeps it; an empty number gives the bare title.
 * @example formatSectionHeading('1', 'Стратегия') // '1. Стратегия'
 */
export function formatSectionHeading(number: string | number | null | undefined, title: string): string {
  const n = number === null || number === undefined ? '' : String(number).trim();
  if (!n) return title;
  // Protocols are often keyed by their date: «2025-04-17» is not a number to print.
  if (/^\d{4}-\d{2}-\d{2}$/.test(n)) return /\d{4}/.test(title) ? title : `${title} от ${formatDateRu(n)}`;
  return /[.)]$/.test(n) ? `${n} ${title}` : `${n}. ${title}`;
}

/** A name with the «(по согласованию)» mark of an organisation outside the government. */
export function withExternalMark(name: string, external: boolean | undefined): string {
  return external ? `${name} (по согласованию)` : name;
}

// ---------------------------------------------------------------------------
// History diffs

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/**
 * Bookkeeping a reader has no use for: fields that change on every write, ids the event
 * already names, counts derived from the measures, and the position a reorder records as
 * a whole (`measureOrder`).
 */
const IGNORED_DIFF_FIELDS = new Set([
  'version',
  'updatedAt',
  'createdAt',
  'id',
  'planId',
  'measureId',
  'abilities',
  'passwordHash',
  'measureCount',
  'statusCounts',
  'position',
  'sharedFromReportId',
  'linkId',
]);

function sameValue(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (v === undefined || v === '' ? null : v);
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

/**
 * Lists the fields that differ between two snapshots of an entity (either may be null:
 * creation or deletion). Field order follows the `after` snapshot, then `before`.
 * @example diffRecords({ title: 'А', version: 1 }, { title: 'Б', version: 2 })
 * // [{ field: 'title', before: 'А', after: 'Б' }]
 */
export function diffRecords(before: unknown, after: unknown): FieldChange[] {
  const b = before && typeof before === 'object' ? (before as Record<string, unknown>) : {};
  const a = after && typeof after === 'object' ? (after as Record<string, unknown>) : {};
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys
    .filter((k) => !IGNORED_DIFF_FIELDS.has(k) && !sameValue(b[k], a[k]))
    .map((k) => ({ field: k, before: b[k], after: a[k] }));
}

/**
 * Suggests the number of a new measure: the last number in the section with its final
 * component incremented, keeping the trailing dot style; else «<section>.1».
 * @example nextMeasureNumber(['1.1.', '1.2.'], '1') // '1.3.'
 * @example nextMeasureNumber([], '2') // '2.1'
 * @example nextMeasureNumber(['7'], null) // '8'
 */
export function nextMeasureNumber(existing: readonly string[], sectionNumber: string | null | undefined): string {
  const last = [...existing].reverse().find((n) => /\d+\.?\s*$/.test(n.trim()));
  if (last) {
    const m = /^(.*?)(\d+)(\.?)\s*$/.exec(last.trim());
    if (m) return `${m[1]}${Number(m[2]) + 1}${m[3]}`;
  }
  const s = (sectionNumber ?? '').trim().replace(/\.$/, '');
  if (/^\d+$/.test(s)) return `${s}.1`;
  return String(existing.length + 1);
}

// ---------------------------------------------------------------------------
// Deadlines and control dates

/**
 * A day as tables and control lists write it.
 * @example formatDateShort('2024-04-01') // '01.04.2024'
 */
export function formatDateShort(value: DateInput): string {
  const d = parseApiDate(value);
  return d ? format(d, 'dd.MM.yyyy') : '';
}

/**
 * Heading of a calendar month, nominative and capitalised.
 * @example formatMonthRu('2025-01-31') // 'Январь 2025 г.'
 */
export function formatMonthRu(value: DateInput): string {
  const d = parseApiDate(value);
  if (!d) return '';
  const m = format(d, 'LLLL', { locale: ru });
  return `${m.charAt(0).toUpperCase()}${m.slice(1)} ${d.getFullYear()} г.`;
}

/** What a deadline text was read as, in the words of the plan table. */
export const DEADLINE_KIND_LABELS: Record<string, string> = {
  date: 'к дате',
  deadline: 'до даты',
  window: 'период',
  recurring: 'периодически',
  continuous: 'постоянно',
  relative: 'относительный',
  unspecified: 'не распознан',
};

/** «не распознан» only when the reader gave up; an empty text is «не указан». */
export function deadlineKindLabel(kind: string | null | undefined, understood = true): string {
  if (!kind) return '';
  if (kind === 'unspecified' && understood) return 'не указан';
  return DEADLINE_KIND_LABELS[kind] ?? kind;
}

export const CONTROL_KIND_LABELS: Record<string, string> = { due: 'Исполнение', report: 'Отчёт' };
export const CONTROL_SOURCE_LABELS: Record<string, string> = {
  parsed: 'из текста срока',
  override: 'указано вручную',
  relative: 'от даты события',
  extension: 'перенесено по запросу',
};

/**
 * A control date with its move off a day off: «01.04.2024 (перенесено с 31.03.2024)».
 */
export function formatControlDate(c: { nominal: string; effective: string }): string {
  const eff = formatDateShort(c.effective);
  return c.nominal && c.nominal !== c.effective ? `${eff} (перенесено с ${formatDateShort(c.nominal)})` : eff;
}

export const DOCUMENT_KIND_LABELS: Record<string, string> = {
  plan: 'План мероприятий',
  council_decisions: 'Решения (поручения) совета',
  report: 'Отчёт об исполнении',
  protocol: 'Протокол заседания',
};

/**
 * The address a link may point at: absolute http(s) only. Anything else (`javascript:`,
 * `data:`, relative, malformed) is shown as text, never rendered as a live link — links
 * stored before the server refused such schemes included.
 * @example safeHref('https://example.ru/a') // 'https://example.ru/a'; safeHref('javascript:alert(1)') // null
 */
export function safeHref(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
