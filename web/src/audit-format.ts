/**
 * Audit snapshots as a person reads them: which fields changed, their Russian names and
 * their values formatted (dates, statuses, executors, periods, files) — never an internal
 * name, a raw date or JSON. Pure, so that a test can check every field the server audits.
 */
import type { AuditEvent } from './api';
import {
  FREQUENCY_LABELS,
  REPORT_STATE_LABELS,
  RESULT_LABELS,
  type ReportingFrequency,
  type ReportState,
  type ResultStatus,
} from './execution';
import {
  deadlineKindLabel,
  diffRecords,
  FIELD_LABELS,
  formatDateRu,
  formatDateShort,
  formatDateTimeRu,
  measureStatusLabel,
  orgKindLabel,
  planKindLabel,
  planStatusLabel,
  roleLabel,
  type FieldChange,
} from './format';

export interface AuditNames {
  sections: Record<number, string>;
  measures: Record<number, string>;
  organisations: Record<number, string>;
}

export interface ValueContext {
  orgName(id: number): string;
  /** Names the server gave for the ids of one event's snapshots. */
  names?: AuditNames;
  /** A plan's sections, when the page has them (names older events too). */
  sections?: { id: number; number: string; title: string }[];
}

/** A context for one event: its own names first, then the page's directory. */
export function valueContextOf(
  ev: Pick<AuditEvent, 'names'> | { names?: AuditNames },
  orgName: (id: number) => string,
  sections?: ValueContext['sections'],
): ValueContext {
  return { orgName, names: ev.names, sections };
}

/** Object-valued twins of id fields: when both changed, the id row is enough. */
const TWINS: Record<string, string> = {
  leadExecutor: 'leadExecutorId',
  coExecutors: 'coExecutorIds',
  owner: 'ownerOrganisationId',
  organisation: 'organisationId',
  section: 'sectionId',
  fileId: 'name',
};

export function significantChanges(ev: Pick<AuditEvent, 'before' | 'after'>): FieldChange[] {
  // A reorder records the measure ids in order before and after.
  if (Array.isArray(ev.before) || Array.isArray(ev.after)) {
    return JSON.stringify(ev.before) === JSON.stringify(ev.after)
      ? []
      : [{ field: 'measureOrder', before: ev.before, after: ev.after }];
  }
  const changes = diffRecords(ev.before, ev.after);
  const fields = new Set(changes.map((c) => c.field));
  return changes.filter((c) => !(TWINS[c.field] && fields.has(TWINS[c.field])));
}

const EXTENSION_STATES: Record<string, string> = {
  pending: 'на рассмотрении',
  approved: 'согласован',
  rejected: 'отклонён',
};
const EXECUTOR_ROLES: Record<string, string> = { lead: 'ответственный исполнитель', co: 'соисполнитель' };

function orgRefName(v: unknown): string | null {
  if (v && typeof v === 'object' && ('shortName' in v || 'fullName' in v)) {
    const o = v as { shortName?: string | null; fullName?: string };
    return o.shortName || o.fullName || null;
  }
  return null;
}

const date = (v: unknown) => formatDateRu(String(v)) || String(v);
const moment = (v: unknown) => formatDateTimeRu(String(v)) || String(v);
const list = (v: unknown, one: (x: unknown) => string) => (Array.isArray(v) ? v.map(one).join(', ') : one(v));

/** A reporting period as the «Отчётность» tab shows it: «I квартал 2025 г. (01.01.2025–31.03.2025, отчёт до 10.04.2025)». */
function periodText(p: unknown): string {
  if (typeof p === 'string') return p;
  const x = p as { label?: string; startsOn?: string; endsOn?: string; reportDue?: string };
  if (!x?.label) return String(p);
  const span = x.startsOn && x.endsOn ? `${formatDateShort(x.startsOn)}–${formatDateShort(x.endsOn)}` : '';
  const due = x.reportDue ? `отчёт до ${formatDateShort(x.reportDue)}` : '';
  const extra = [span, due].filter(Boolean).join(', ');
  return extra ? `${x.label} (${extra})` : x.label;
}

const kb = (bytes: unknown) => `${Math.max(1, Math.ceil(Number(bytes) / 1024)).toLocaleString('ru-RU')} КБ`;

/** Renders one field value of a snapshot as text. */
/** Values of the council records (issue 12), as the council screens name them. */
const COUNCIL_VALUES: Record<string, Record<string, string>> = {
  status: { planned: 'Запланировано', held: 'Состоялось', cancelled: 'Отменено', postponed: 'Перенесено' },
  state: { on_control: 'На контроле', done: 'Исполнено', off_control: 'Снято с контроля', extended: 'Продлено' },
  kind: {
    coordination: 'Координационный совет',
    public: 'Общественный совет',
    interdepartmental: 'Межведомственный совет (комиссия)',
    working_group: 'Рабочая группа',
  },
  role: {
    chair: 'Председатель',
    deputy_chair: 'Заместитель председателя',
    secretary: 'Секретарь',
    member: 'Член совета',
  },
  format: { in_person: 'Очно', absentee: 'Заочно', video: 'ВКС', docx: 'DOCX', xlsx: 'XLSX', pdf: 'PDF' },
  quorumRule: { half: 'более половины членов', two_thirds: 'не менее двух третей членов' },
};

export function formatFieldValue(field: string, value: unknown, ctx: ValueContext): string {
  const councilValue = typeof value === 'string' ? COUNCIL_VALUES[field]?.[value] : undefined;
  if (councilValue) return councilValue;
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value) && value.length === 0) return '—';
  const org = (id: unknown) =>
    typeof id === 'number' ? (ctx.names?.organisations[id] ?? ctx.orgName(id)) : String(id);
  switch (field) {
    case 'status':
      return typeof value === 'string' && ['draft', 'active', 'archived'].includes(value)
        ? planStatusLabel(value)
        : measureStatusLabel(String(value));
    case 'resultStatus':
      return RESULT_LABELS[value as ResultStatus] ?? String(value);
    case 'state':
      return REPORT_STATE_LABELS[value as ReportState] ?? EXTENSION_STATES[String(value)] ?? String(value);
    case 'kind':
      return planKindLabel(String(value)) !== String(value)
        ? planKindLabel(String(value))
        : orgKindLabel(String(value));
    case 'role':
      return EXECUTOR_ROLES[String(value)] ?? roleLabel(String(value));
    case 'leadExecutorId':
    case 'ownerOrganisationId':
    case 'organisationId':
    case 'parentId':
    case 'coExecutorIds':
      return list(value, org);
    case 'measureOrder':
      return list(value, (id) =>
        typeof id === 'number' ? (ctx.names?.measures[id] ?? `(удалённое мероприятие)`) : String(id),
      );
    case 'sectionId': {
      const id = Number(value);
      const s = ctx.sections?.find((x) => x.id === id);
      return ctx.names?.sections[id] ?? (s ? `${s.number}. ${s.title}` : '(раздел удалён)');
    }
    case 'periodFrom':
    case 'periodTo':
    case 'approvedOn':
    case 'anchorDate':
    case 'openDue':
    case 'controlFrom':
    case 'dueOn':
    case 'currentDue':
    case 'requestedDue':
    case 'newDeadline':
    case 'date':
    case 'heldOn':
    case 'postponedTo':
    case 'fromDate':
    case 'toDate':
    case 'actDate':
      return date(value);
    case 'submittedAt':
    case 'reviewedAt':
    case 'decidedAt':
      return moment(value);
    case 'deadlineKind':
      return deadlineKindLabel(String(value), true);
    case 'deadlineOverride': {
      const o = value as { due?: string[]; reports?: string[] };
      const parts = [
        o.due?.length ? `исполнение: ${o.due.map(formatDateShort).join(', ')}` : '',
        o.reports?.length ? `отчёты: ${o.reports.map(formatDateShort).join(', ')}` : '',
      ];
      return parts.filter(Boolean).join('; ') || '—';
    }
    case 'reportingFrequency':
    case 'frequency':
      return FREQUENCY_LABELS[value as ReportingFrequency] ?? String(value);
    case 'period':
      return periodText(value);
    case 'periods':
      return list(value, periodText);
    case 'figures':
      return (
        Object.entries(value as Record<string, unknown>)
          .map(([k, v]) => `${k}: ${typeof v === 'number' ? v.toLocaleString('ru-RU') : String(v)}`)
          .join('; ') || '—'
      );
    case 'attachments':
      return list(value, (a) => String((a as { name?: string }).name ?? a));
    case 'target':
      return String((value as { label?: string }).label ?? '—');
    case 'sourceFile':
      return String((value as { name?: string }).name ?? '—');
    case 'size':
      return kb(value);
    case 'warnings':
      return list(value, String);
    case 'notifyDaysBefore':
      return `за ${String(value)} дн.`;
    case 'substance': {
      const v = value as { label?: string; statusConflict?: unknown };
      const label =
        v.label === 'formal'
          ? 'формальный ответ'
          : v.label === 'partial'
            ? 'часть исполнителей — формально'
            : 'есть проверяемые факты';
      return v.statusConflict ? `${label}; статус противоречит тексту` : label;
    }
    case 'measures':
      return list(value, String);
  }
  if (typeof value === 'boolean') return value ? 'да' : 'нет';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  const ref = orgRefName(value);
  if (ref) return ref;
  if (Array.isArray(value))
    return value.map((x) => orgRefName(x) ?? (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', ');
  return JSON.stringify(value);
}

/** Fields that hold what people typed verbatim: their values are shown as written. */
const VERBATIM = new Set([
  'login',
  'email',
  'links',
  'text',
  'title',
  'fullName',
  'shortName',
  'aliases',
  'number',
  'reason',
  'comment',
  'decisionComment',
  'reviewComment',
  'executionText',
  'deadlineText',
  'name',
  'file',
  'alias',
]);

/**
 * What a reader would stumble on in these events: a field without a Russian label, or a
 * value left raw (JSON, an ISO date, an internal word). Empty when all reads well.
 */
export function auditedFieldProblems(events: Pick<AuditEvent, 'action' | 'before' | 'after' | 'names'>[]): string[] {
  const out = new Set<string>();
  const ctx = (ev: (typeof events)[number]) => valueContextOf(ev, (id) => `организация ${id}`);
  for (const ev of events) {
    for (const c of significantChanges(ev)) {
      if (!FIELD_LABELS[c.field]) out.add(`${ev.action}: поле «${c.field}» без подписи`);
      for (const v of [c.before, c.after]) {
        if (v === undefined || v === null) continue;
        const text = formatFieldValue(c.field, v, ctx(ev));
        const raw =
          /^[[{]/.test(text) ||
          /\d{4}-\d{2}-\d{2}/.test(text) ||
          /#\d/.test(text) ||
          /организация \d/.test(text) ||
          (!VERBATIM.has(c.field) && /^[a-z_]+$/.test(text));
        if (raw) out.add(`${ev.action}: «${c.field}» показано как «${text.slice(0, 60)}»`);
      }
    }
  }
  return [...out];
}
