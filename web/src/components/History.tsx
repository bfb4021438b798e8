/** Before/after diffs of audit events, with Russian field names and readable values (audit-format.ts). */
import type { AuditEvent, Section } from '../api';
import { formatFieldValue, significantChanges, valueContextOf, type ValueContext } from '../audit-format';
import { auditActionLabel, fieldLabel, formatDateTimeRu, withExternalMark } from '../format';
import { useDirectory } from '../hooks';

export { significantChanges };

/** Names organisations from the shared directory (the event's own names come first). */
export function useOrgName(): (id: number) => string {
  const dir = useDirectory();
  return (id) => {
    const o = dir.byId.get(id);
    return o ? withExternalMark(o.shortName || o.fullName, o.external) : '(организация удалена)';
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
          <tr key={c.field} data-field={c.field}>
            <th scope="row">{fieldLabel(c.field)}</th>
            {!created && <td className="diff-before pre">{formatFieldValue(c.field, c.before, ctx)}</td>}
            <td className="diff-after pre">{formatFieldValue(c.field, c.after, ctx)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const SOURCE_LABELS: Record<string, string> = {
  import: 'импорт',
  cli: 'командная строка',
  demo: 'демонстрационные данные',
};

export function HistoryList({ items, sections }: { items: AuditEvent[]; sections?: Section[] }) {
  const orgName = useOrgName();
  if (items.length === 0) return <p className="muted">Изменений пока не было.</p>;
  const ordered = items.slice().sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.id - a.id));
  return (
    <ol className="history" data-testid="measure-history">
      {ordered.map((ev) => (
        <li key={ev.id} className="history-item" data-testid="history-item" data-action={ev.action}>
          <div className="history-head">
            <time dateTime={ev.at}>{formatDateTimeRu(ev.at)}</time>
            <span className="history-actor">{ev.actor?.fullName ?? 'Система'}</span>
            <span className="history-action">{auditActionLabel(ev.action)}</span>
            {/* A report's or a file's event says whose report and which file; the measure's own events need no more. */}
            {ev.subject && ev.entityType !== 'measure' && <span className="history-subject">{ev.subject.label}</span>}
            {ev.source && !['web', 'api', 'ui', 'http'].includes(ev.source) && (
              <span className="pill">{SOURCE_LABELS[ev.source] ?? ev.source}</span>
            )}
          </div>
          <ChangesTable ev={ev} ctx={valueContextOf(ev, orgName, sections)} />
        </li>
      ))}
    </ol>
  );
}
