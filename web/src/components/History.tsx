/** Before/after diffs of audit events, with Russian field names and readable values. */
import type { AuditEvent, Section } from '../api';
import { auditActionLabel, diffRecords, fieldLabel, formatDateRu, formatDateTimeRu, formatSectionHeading, measureStatusLabel, orgKindLabel, planKindLabel, planStatusLabel, roleLabel, withExternalMark, type FieldChange } from '../format';
import { useDirectory } from '../hooks';

interface ValueContext {
  orgName(id: number): string;
  sections?: Section[];
}

/** Object-valued twins of id fields: when both changed, the id row is enough. */
const TWINS: Record<string, string> = { leadExecutor: 'leadExecutorId', coExecutors: 'coExecutorIds', owner: 'ownerOrganisationId', organisation: 'organisationId', section: 'sectionId' };

export function significantChanges(ev: Pick<AuditEvent, 'before' | 'after'>): FieldChange[] {
  // A reorder records the measure ids in order before and after.
  if (Array.isArray(ev.before) || Array.isArray(ev.after)) {
    return JSON.stringify(ev.before) === JSON.stringify(ev.after) ? [] : [{ field: 'measureOrder', before: ev.before, after: ev.after }];
  }
  const changes = diffRecords(ev.before, ev.after);
  const fields = new Set(changes.map((c) => c.field));
  return changes.filter((c) => !(TWINS[c.field] && fields.has(TWINS[c.field])));
}

function orgRefName(v: unknown): string | null {
  if (v && typeof v === 'object' && 'fullName' in v) {
    const o = v as { shortName?: string | null; fullName: string };
    return o.shortName || o.fullName;
  }
  return null;
}

/** Renders one field value of a snapshot as text. */
export function formatFieldValue(field: string, value: unknown, ctx: ValueContext): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value) && value.length === 0) return '—';
  switch (field) {
    case 'status':
      return typeof value === 'string' && ['draft', 'active', 'archived'].includes(value) ? planStatusLabel(value) : measureStatusLabel(String(value));
    case 'kind':
      return planKindLabel(String(value)) !== String(value) ? planKindLabel(String(value)) : orgKindLabel(String(value));
    case 'role':
      return roleLabel(String(value));
    case 'leadExecutorId':
    case 'ownerOrganisationId':
    case 'organisationId':
    case 'parentId':
      return typeof value === 'number' ? ctx.orgName(value) : String(value);
    case 'coExecutorIds':
      return Array.isArray(value) ? value.map((id) => (typeof id === 'number' ? ctx.orgName(id) : String(id))).join(', ') : String(value);
    case 'measureOrder':
      return Array.isArray(value) ? value.map((x) => `#${String(x)}`).join(', ') : String(value);
    case 'sectionId': {
      const s = ctx.sections?.find((x) => x.id === value);
      return s ? formatSectionHeading(s.number, s.title) : `раздел #${String(value)}`;
    }
    case 'periodFrom':
    case 'periodTo':
    case 'approvedOn':
      return formatDateRu(String(value)) || String(value);
  }
  if (typeof value === 'boolean') return value ? 'да' : 'нет';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  const ref = orgRefName(value);
  if (ref) return ref;
  if (Array.isArray(value)) return value.map((x) => orgRefName(x) ?? (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', ');
  return JSON.stringify(value);
}

export function useValueContext(sections?: Section[]): ValueContext {
  const dir = useDirectory();
  return {
    sections,
    orgName: (id) => {
      const o = dir.byId.get(id);
      return o ? withExternalMark(o.shortName || o.fullName, o.external) : `организация #${id}`;
    },
  };
}

export function ChangesTable({ ev, ctx }: { ev: Pick<AuditEvent, 'before' | 'after'>; ctx: ValueContext }) {
  const changes = significantChanges(ev);
  if (changes.length === 0) return null;
  const created = !ev.before;
  return (
    <table className="diff">
      <thead>
        <tr>
          <th scope="col">Поле</th>
          {!created && <th scope="col">Было</th>}
          <th scope="col">{created ? 'Значение' : 'Стало'}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.field}>
            <th scope="row">{fieldLabel(c.field)}</th>
            {!created && <td className="diff-before pre">{formatFieldValue(c.field, c.before, ctx)}</td>}
            <td className="diff-after pre">{formatFieldValue(c.field, c.after, ctx)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function HistoryList({ items, sections }: { items: AuditEvent[]; sections?: Section[] }) {
  const ctx = useValueContext(sections);
  if (items.length === 0) return <p className="muted">Изменений пока не было.</p>;
  const ordered = items.slice().sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.id - a.id));
  return (
    <ol className="history" data-testid="measure-history">
      {ordered.map((ev) => (
        <li key={ev.id} className="history-item" data-testid="history-item">
          <div className="history-head">
            <time dateTime={ev.at}>{formatDateTimeRu(ev.at)}</time>
            <span className="history-actor">{ev.actor?.fullName ?? 'Система'}</span>
            <span className="history-action">{auditActionLabel(ev.action)}</span>
            {ev.source && !['web', 'api', 'ui', 'http'].includes(ev.source) && <span className="pill">{ev.source === 'import' ? 'импорт' : ev.source === 'cli' ? 'командная строка' : ev.source}</span>}
          </div>
          <ChangesTable ev={ev} ctx={ctx} />
        </li>
      ))}
    </ol>
  );
}
