/** Measures where the user's organisation is lead or co-executor, grouped by plan. */
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, errorMessage, type Measure, type PlanHead as Plan } from '../api';
import { useUser } from '../auth';
import { MeasureFormDialog } from '../components/MeasureForm';
import { Alert, Executors, Loading, PageHeading, StatusBadge, useTitle } from '../components/ui';
import { MEASURE_STATUS_LABELS, countRu, planKindLabel, type MeasureStatus } from '../format';
import { useApiQuery } from '../hooks';

interface PlanGroup {
  plan: { id: number; title: string; kind: string };
  measures: Measure[];
}

export function MyMeasuresPage() {
  useTitle('Мои мероприятия');
  const user = useUser();
  const list = useApiQuery(['my-measures'], () => api.myMeasures());
  const [statusFilter, setStatusFilter] = useState('');
  const [editing, setEditing] = useState<{ plan: Plan; measure: Measure } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const groups = useMemo<PlanGroup[]>(() => {
    const byPlan = new Map<number, PlanGroup>();
    for (const m of list.data?.items ?? []) {
      if (m.archived) continue;
      if (statusFilter && (m.status ?? 'none') !== statusFilter) continue;
      const plan = m.plan ?? { id: m.planId, title: `План #${m.planId}`, kind: 'plan' };
      const g = byPlan.get(plan.id) ?? { plan, measures: [] };
      g.measures.push(m);
      byPlan.set(plan.id, g);
    }
    return [...byPlan.values()];
  }, [list.data, statusFilter]);

  const orgId = user.organisation?.id;
  const total = groups.reduce((s, g) => s + g.measures.length, 0);

  return (
    <section className="page">
      <div className="page-head">
        <div>
          <PageHeading>Мои мероприятия</PageHeading>
          {user.organisation && (
            <p className="sub">
              Мероприятия, где {user.organisation.shortName || user.organisation.fullName} — ответственный исполнитель
              или соисполнитель.
            </p>
          )}
        </div>
        <div className="page-actions">
          <label htmlFor="my-status">Статус</label>
          <select id="my-status" value={statusFilter} onChange={(e) => setStatusFilter(e.target.value)}>
            <option value="">Все</option>
            {(Object.entries(MEASURE_STATUS_LABELS) as [MeasureStatus, string][]).map(([k, l]) => (
              <option key={k} value={k}>
                {l}
              </option>
            ))}
            <option value="none">Без статуса</option>
          </select>
        </div>
      </div>
      {(list.error || error) && <Alert>{error ?? list.error}</Alert>}
      {notice && <Alert kind="success">{notice}</Alert>}
      {!list.data && list.loading && <Loading />}
      {list.data && total === 0 && (
        <div className="empty">
          {statusFilter ? 'Нет мероприятий с таким статусом.' : 'Мероприятий вашей организации пока нет.'}
        </div>
      )}
      {groups.map((g) => (
        <section key={g.plan.id} className="plan-group" data-testid={`my-plan-${g.plan.id}`}>
          <h2 className="section-heading">
            <Link to={`/plans/${g.plan.id}`}>{g.plan.title}</Link>{' '}
            <span className="muted small">
              {planKindLabel(g.plan.kind)} · {countRu(g.measures.length, ['мероприятие', 'мероприятия', 'мероприятий'])}
            </span>
          </h2>
          <table className="grid cards-on-phone">
            <thead>
              <tr>
                <th scope="col" className="col-num">
                  № п/п
                </th>
                <th scope="col" className="col-title">
                  Наименование мероприятия
                </th>
                <th scope="col" className="col-exec">
                  Исполнители
                </th>
                <th scope="col" className="col-role">
                  Участие
                </th>
                <th scope="col" className="col-deadline">
                  Срок исполнения
                </th>
                <th scope="col" className="col-status">
                  Статус
                </th>
                {g.measures.some((m) => m.abilities?.update) && (
                  <th scope="col" className="col-actions">
                    <span className="sr-only">Действия</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {g.measures.map((m) => (
                <tr key={m.id} data-testid={`my-measure-${m.id}`}>
                  <td className="col-num" data-label="№ п/п">
                    {m.number}
                  </td>
                  <td className="col-title" data-label="Мероприятие">
                    <Link to={`/measures/${m.id}`} className="title-link">
                      {m.title}
                    </Link>
                  </td>
                  <td className="col-exec" data-label="Исполнители">
                    <Executors lead={m.leadExecutor} co={m.coExecutors} text={m.textExecutors} />
                  </td>
                  <td className="col-role" data-label="Участие">
                    {m.leadExecutor?.id === orgId ? (
                      <span className="pill pill-lead">ответственный</span>
                    ) : (
                      <span className="pill">соисполнитель</span>
                    )}
                  </td>
                  <td className="col-deadline pre" data-label="Срок">
                    {m.deadlineText || <span className="muted">—</span>}
                  </td>
                  <td className="col-status" data-label="Статус">
                    <StatusBadge status={m.status} />
                  </td>
                  {g.measures.some((x) => x.abilities?.update) && (
                    <td className="col-actions" data-label="">
                      {m.abilities?.update && (
                        <button
                          type="button"
                          className="btn btn-sm"
                          onClick={async () => {
                            setError(null);
                            try {
                              const plan = await api.plan(m.planId);
                              setEditing({ plan, measure: m });
                            } catch (e) {
                              setError(errorMessage(e));
                            }
                          }}
                        >
                          Изменить
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      {editing && (
        <MeasureFormDialog
          plan={editing.plan}
          measure={editing.measure}
          onClose={() => setEditing(null)}
          onSaved={(m) => {
            setEditing(null);
            setNotice(`Мероприятие ${m.number} сохранено.`);
            void list.reload();
          }}
        />
      )}
    </section>
  );
}
