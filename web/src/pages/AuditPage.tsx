/** Audit log (admin): recent events, filter by entity type, load older. */
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, errorMessage, type AuditEvent } from '../api';
import { useUser } from '../auth';
import { ChangesTable, significantChanges, useValueContext } from '../components/History';
import { Alert, Loading, PageHeading, useTitle } from '../components/ui';
import { auditActionLabel, entityTypeLabel, formatDateTimeRu } from '../format';
import { NotFoundPage } from './NotFoundPage';

const PAGE = 50;
/** The entity types GET /api/audit accepts as a filter (its zod enum). */
const ENTITY_TYPES = ['plan', 'section', 'measure', 'organisation', 'user', 'session'];

export function AuditPage() {
  useTitle('Журнал');
  const me = useUser();
  const ctx = useValueContext();
  const [entityType, setEntityType] = useState('');
  const [items, setItems] = useState<AuditEvent[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [more, setMore] = useState(false);

  const load = async (append: boolean) => {
    setLoading(true);
    setError(null);
    try {
      const last = append && items?.length ? items[items.length - 1] : undefined;
      const r = await api.audit({ entityType: entityType || undefined, limit: PAGE, before: last?.id });
      setItems((old) => (append && old ? [...old, ...r.items] : r.items));
      setMore(r.items.length === PAGE);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    if (me.abilities.viewAudit) void load(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [entityType, me.abilities.viewAudit]);

  if (!me.abilities.viewAudit) return <NotFoundPage message="Журнал доступен только администратору." />;

  return (
    <section className="page">
      <div className="page-head">
        <PageHeading>Журнал изменений</PageHeading>
        <div className="page-actions">
          <label htmlFor="audit-type">Объект</label>
          <select id="audit-type" value={entityType} onChange={(e) => setEntityType(e.target.value)} data-testid="audit-entity-type">
            <option value="">Все</option>
            {ENTITY_TYPES.map((t) => (
              <option key={t} value={t}>
                {entityTypeLabel(t)}
              </option>
            ))}
          </select>
          <button type="button" className="btn" onClick={() => load(false)} disabled={loading}>
            Обновить
          </button>
        </div>
      </div>
      {error && <Alert>{error}</Alert>}
      {!items && loading && <Loading />}
      {items && items.length === 0 && <div className="empty">Событий нет.</div>}
      {items && items.length > 0 && (
        <table className="grid cards-on-phone audit-table" data-testid="audit-table">
          <thead>
            <tr>
              <th scope="col" className="col-when">Время</th>
              <th scope="col">Пользователь</th>
              <th scope="col">Действие</th>
              <th scope="col">Объект</th>
              <th scope="col" className="col-changes">Изменения</th>
            </tr>
          </thead>
          <tbody>
            {items.map((ev) => {
              const n = significantChanges(ev).length;
              return (
                <tr key={ev.id} data-testid="audit-row">
                  <td data-label="Время" className="col-when">
                    <time dateTime={ev.at}>{formatDateTimeRu(ev.at)}</time>
                  </td>
                  <td data-label="Пользователь">{ev.actor?.fullName ?? <span className="muted">система</span>}</td>
                  <td data-label="Действие">
                    {auditActionLabel(ev.action)}
                    {ev.source && ev.source !== 'web' && ev.source !== 'api' && <div className="muted small">{ev.source}</div>}
                  </td>
                  <td data-label="Объект">
                    <EntityLink ev={ev} />
                  </td>
                  <td data-label="Изменения" className="col-changes">
                    {n === 0 ? (
                      <span className="muted">—</span>
                    ) : n <= 3 ? (
                      <ChangesTable ev={ev} ctx={ctx} />
                    ) : (
                      <details>
                        <summary>{n} полей</summary>
                        <ChangesTable ev={ev} ctx={ctx} />
                      </details>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {more && (
        <p className="load-more">
          <button type="button" className="btn" onClick={() => load(true)} disabled={loading} data-testid="audit-more">
            {loading ? 'Загрузка…' : 'Показать более ранние'}
          </button>
        </p>
      )}
    </section>
  );
}

function EntityLink({ ev }: { ev: AuditEvent }) {
  const label = `${entityTypeLabel(ev.entityType)}${ev.entityId !== null && ev.entityType !== 'session' ? ` № ${ev.entityId}` : ''}`;
  const name = (ev.after?.title ?? ev.before?.title ?? ev.after?.fullName ?? ev.before?.fullName ?? ev.after?.login) as string | undefined;
  const text = (
    <>
      {label}
      {name && <div className="small clamp-2">{String(name)}</div>}
    </>
  );
  if (ev.measureId) return <Link to={`/measures/${ev.measureId}`}>{text}</Link>;
  if (ev.entityType === 'plan' && ev.entityId) return <Link to={`/plans/${ev.entityId}`}>{text}</Link>;
  if (ev.planId) return <Link to={`/plans/${ev.planId}`}>{text}</Link>;
  return <span>{text}</span>;
}
