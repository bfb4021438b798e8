/** Audit log (admin): recent events, filter by entity type, load older. */
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, errorMessage, type AuditEvent } from '../api';
import { useUser } from '../auth';
import { ChangesTable, significantChanges, useOrgName } from '../components/History';
import { valueContextOf } from '../audit-format';
import { Alert, Loading, PageHeading, useTitle } from '../components/ui';
import { auditActionLabel, entityTypeLabel, formatDateTimeRu } from '../format';
import { NotFoundPage } from './NotFoundPage';

const PAGE = 50;
/** The entity types GET /api/audit accepts as a filter (its zod enum). */
const ENTITY_TYPES = ['plan', 'section', 'measure', 'report', 'organisation', 'user', 'session'];

export function AuditPage() {
  useTitle('Журнал');
  const me = useUser();
  const orgName = useOrgName();
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
          <select
            id="audit-type"
            value={entityType}
            onChange={(e) => setEntityType(e.target.value)}
            data-testid="audit-entity-type"
          >
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
              <th scope="col" className="col-when">
                Время
              </th>
              <th scope="col">Пользователь</th>
              <th scope="col">Действие</th>
              <th scope="col">Объект</th>
              <th scope="col" className="col-changes">
                Изменения
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((ev) => {
              const n = significantChanges(ev).length;
              const ctx = valueContextOf(ev, orgName);
              return (
                <tr key={ev.id} data-testid="audit-row">
                  <td data-label="Время" className="col-when">
                    <time dateTime={ev.at}>{formatDateTimeRu(ev.at)}</time>
                  </td>
                  <td data-label="Пользователь">{ev.actor?.fullName ?? <span className="muted">система</span>}</td>
                  <td data-label="Действие">
                    {auditActionLabel(ev.action)}
                    {ev.source && ev.source !== 'web' && ev.source !== 'api' && (
                      <div className="muted small">{ev.source}</div>
                    )}
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

/**
 * What the event is about, as the server named it: «Мероприятие 2.1 «…»», «Отчёт Минкультуры
 * за I квартал 2025 г.», with the plan's short title below — never a database id.
 */
function EntityLink({ ev }: { ev: AuditEvent }) {
  const label = ev.subject?.label ?? entityTypeLabel(ev.entityType);
  const plan = ev.subject?.plan && ev.entityType !== 'plan' ? ev.subject.plan.shortTitle : null;
  const text = (
    <>
      <span data-testid="audit-subject">{label}</span>
      {plan && <div className="small muted clamp-2">{plan}</div>}
    </>
  );
  if (ev.measureId && ev.subject?.measure) return <Link to={`/measures/${ev.measureId}`}>{text}</Link>;
  if (ev.subject?.plan) return <Link to={`/plans/${ev.subject.plan.id}`}>{text}</Link>;
  return <span>{text}</span>;
}
