/** Deadlines the reader could not turn into dates: a work list, each with its edit form. */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, type Measure } from '../api';
import { MeasureFormDialog } from '../components/MeasureForm';
import { PlanBreadcrumbs, PlanTabs } from '../components/PlanTabs';
import { Alert, Loading, PageHeading, useTitle } from '../components/ui';
import { countRu } from '../format';
import { useApiQuery } from '../hooks';
import { NotFoundPage } from './NotFoundPage';

const WORDS = ['срок не распознан', 'срока не распознаны', 'сроков не распознаны'] as const;

export function PlanUnclearPage() {
  const { planId } = useParams();
  const id = Number(planId);
  const plan = useApiQuery(['plan', id], () => api.plan(id));
  const list = useApiQuery(['plan', id, 'unclear'], () => api.unclearDeadlines(id));
  const p = plan.data;
  useTitle(p ? `Нераспознанные сроки — ${p.title}` : 'Нераспознанные сроки');
  const [editing, setEditing] = useState<Measure | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (!Number.isInteger(id)) return <NotFoundPage />;
  if (!p) return <section className="page">{plan.error ? <Alert>{plan.error}</Alert> : <Loading />}</section>;
  const items = list.data?.items ?? [];

  return (
    <section className="page page-unclear">
      <PlanBreadcrumbs plan={p} page="Нераспознанные сроки" />
      <div className="page-head">
        <div>
          <PageHeading>Нераспознанные сроки</PageHeading>
          <p className="sub">
            Система не смогла определить даты по тексту срока. Уточните текст или укажите даты вручную — тогда
            мероприятие появится в календаре и контроле сроков.
          </p>
        </div>
      </div>
      <PlanTabs planId={p.id} unclearCount={list.data?.items.length ?? null} />
      {notice && <Alert kind="success">{notice}</Alert>}
      {list.error && <Alert>{list.error}</Alert>}
      {!list.data && !list.error && <Loading />}
      {list.data && items.length === 0 && (
        <div className="empty" data-testid="unclear-empty">
          Все сроки плана распознаны.
        </div>
      )}
      {items.length > 0 && (
        <>
          <p className="muted">{countRu(items.length, WORDS)}.</p>
          <table className="grid unclear-table cards-on-phone" data-testid="unclear-table">
            <thead>
              <tr>
                <th scope="col" className="col-num">
                  №
                </th>
                <th scope="col" className="col-title">
                  Мероприятие
                </th>
                <th scope="col" className="col-deadline">
                  Срок исполнения (как в документе)
                </th>
                <th scope="col" className="col-actions">
                  <span className="sr-only">Действия</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((it) => {
                return (
                  <tr key={it.id} data-testid={`unclear-row-${it.number}`}>
                    <td className="col-num" data-label="№">
                      {it.number}
                    </td>
                    <td className="col-title" data-label="Мероприятие">
                      <Link to={`/measures/${it.id}`} className="title-link">
                        {it.title}
                      </Link>
                    </td>
                    <td className="col-deadline pre" data-label="Срок">
                      {it.deadlineText || <span className="muted">—</span>}
                    </td>
                    <td className="col-actions" data-label="">
                      {p.abilities.update && p.status !== 'archived' ? (
                        <button
                          type="button"
                          className="btn btn-sm"
                          // The plan's answer no longer carries its measures: the one to edit is read on demand.
                          onClick={() => void api.measure(it.id).then(setEditing)}
                          aria-label={`Указать срок: ${it.number}`}
                          data-testid="unclear-edit"
                        >
                          Указать срок
                        </button>
                      ) : (
                        <Link to={`/measures/${it.id}`} className="btn btn-sm">
                          Открыть
                        </Link>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
      {editing && (
        <MeasureFormDialog
          plan={p}
          measure={editing}
          focusDeadline
          onClose={() => setEditing(null)}
          onSaved={(m) => {
            setEditing(null);
            setNotice(`Мероприятие ${m.number} сохранено.`);
            void list.reload();
            void plan.reload();
          }}
        />
      )}
    </section>
  );
}
