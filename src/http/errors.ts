/**
 * One error handler for the whole API: every failure leaves as `{code, message}` with
 * a Russian message for the user; the English detail goes to the log only.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, isDomainError, type ErrorKind } from '../domain/errors.js';

const statusOf: Record<ErrorKind, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported: 415,
  unavailable: 503,
};

/** Russian names of request fields, for validation messages. */
const fieldLabels: Record<string, string> = {
  login: 'Логин',
  password: 'Пароль',
  currentPassword: 'Текущий пароль',
  newPassword: 'Новый пароль',
  title: 'Наименование',
  number: 'Номер',
  kind: 'Вид',
  fullName: 'Полное наименование',
  shortName: 'Краткое наименование',
  aliases: 'Сокращения',
  parentId: 'Вышестоящая организация',
  ownerOrganisationId: 'Организация-владелец',
  periodFrom: 'Начало периода',
  periodTo: 'Окончание периода',
  approvedByName: 'Кем утверждён',
  approvedOn: 'Дата утверждения',
  sectionId: 'Раздел',
  expectedResult: 'Ожидаемый результат',
  form: 'Форма реализации',
  deadlineText: 'Срок исполнения',
  leadExecutorId: 'Ответственный исполнитель',
  coExecutorIds: 'Соисполнители',
  status: 'Статус',
  executionText: 'Информация об исполнении',
  protocolItem: 'Пункт протокола',
  version: 'Версия',
  role: 'Роль',
  deadlineOverride: 'Сроки, установленные вручную',
  anchorDate: 'Дата события',
  due: 'Контрольные даты',
  reports: 'Даты отчётов',
  organisationId: 'Организация',
  email: 'Электронная почта',
  measureIds: 'Мероприятия',
  reportingFrequency: 'Периодичность отчётности',
  reportDay: 'День срока отчёта',
  items: 'Периоды',
  label: 'Название периода',
  startsOn: 'Начало периода',
  endsOn: 'Окончание периода',
  reportDue: 'Срок отчёта',
  controlFrom: 'Контроль с даты',
  requestedDue: 'Новый срок',
  reason: 'Причина',
  comment: 'Комментарий',
};

interface ZodIssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  maximum?: unknown;
  minimum?: unknown;
  keys?: string[];
  input?: unknown;
  expected?: unknown;
}

/** Turns one zod issue into a Russian sentence. */
export function describeIssueRu(issue: ZodIssueLike): string {
  const path = issue.path.filter((p) => typeof p === 'string' || typeof p === 'number');
  const key = path.filter((p) => typeof p === 'string').at(-1) as string | undefined;
  const field = key ? `«${fieldLabels[key] ?? key}»` : 'Запрос';
  switch (issue.code) {
    case 'invalid_type':
      return /received undefined/.test(issue.message)
        ? `${field}: обязательное поле`
        : `${field}: неверный тип значения`;
    case 'too_big':
      return `${field}: слишком длинное значение (не более ${String(issue.maximum)})`;
    case 'too_small':
      return Number(issue.minimum) <= 1
        ? `${field}: значение не может быть пустым`
        : `${field}: слишком короткое значение (не менее ${String(issue.minimum)})`;
    case 'unrecognized_keys':
      return `Неизвестные поля: ${(issue.keys ?? []).join(', ')}`;
    case 'invalid_value':
      return `${field}: недопустимое значение`;
    case 'invalid_format':
      return `${field}: неверный формат`;
    default:
      return `${field}: ${issue.message}`;
  }
}

export function sendError(reply: FastifyReply, status: number, code: string, message: string, details?: unknown) {
  return reply.status(status).send(details ? { code, message, details } : { code, message });
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((v) => {
      const path = v.instancePath.split('/').filter(Boolean);
      return {
        path: path.join('.'),
        message: describeIssueRu({
          ...(v.params as object),
          code: v.keyword,
          path,
          message: v.message ?? '',
        } as ZodIssueLike),
      };
    });
    request.log.info({ issues: error.validation }, 'request validation failed');
    return sendError(reply, 400, 'validation', details.map((d) => d.message).join('; '), details);
  }
  if (isDomainError(error)) {
    const e = error as DomainError;
    request.log.info({ code: e.code, detail: e.detail }, 'request refused');
    const retryAfter = (e as { retryAfterSeconds?: number }).retryAfterSeconds;
    if (retryAfter) reply.header('retry-after', String(retryAfter));
    // `code` is the kind (one small vocabulary); `reason` the precise cause, for clients that care.
    return reply.status(statusOf[e.kind]).send({ code: e.kind, reason: e.code, message: e.message });
  }
  const code = error.code;
  if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (error.statusCode === 400 && error instanceof SyntaxError)) {
    return sendError(reply, 400, 'validation', 'Тело запроса не является корректным JSON');
  }
  if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return sendError(reply, 400, 'validation', 'Пустое тело запроса');
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413)
    return sendError(reply, 413, 'too_large', 'Слишком большой запрос');
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || error.statusCode === 415)
    return sendError(reply, 415, 'unsupported', 'Неподдерживаемый тип содержимого');
  if (error.statusCode === 429) {
    request.log.info({ url: request.url, ip: request.ip, user: request.session?.user.userId }, 'rate limited');
    // @fastify/rate-limit throws what its errorResponseBuilder made (src/http/rate-limits.ts): a Russian message.
    const message =
      typeof error.message === 'string' && /[а-яё]/i.test(error.message)
        ? error.message
        : 'Слишком много запросов, попробуйте позже';
    return sendError(reply, 429, 'rate_limited', message);
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    request.log.info({ err: error }, 'client error');
    return sendError(reply, error.statusCode, 'bad_request', 'Некорректный запрос');
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendError(
    reply,
    500,
    'internal',
    'Внутренняя ошибка сервера. Попробуйте позже или обратитесь к администратору.',
  );
}
