/** List of plans the user may see, with progress and the «Создать план» form. */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, type PlanInput } from '../api';
import { useUser } from '../auth';
import { PlanFormDialog } from '../components/PlanForm';
import { Alert, Loading, PageHeading, StatusBreakdown, useTitle } from '../components/ui';
import { formatPeriodRu, planKindLabel, planStatusLabel } from '../format';
import { useApiQuery } from '../hooks';

export function PlansPage() {
  useTitle('Планы');
  const user = useUser();
  const navigate = useNavigate();
  const [includeArchived, setIncludeArchived] = useState(false);
  const [creating, setCreating] = useState(false);
  const plans = useApiQuery(['plans', includeArchived], () => api.plans({ includeArchived }));

  return (
    <section className="page">
      <div className="page-head">
        <PageHeading>Планы и поручения</PageHeading>
        <div className="page-actions">
          <label className="check">
            <input
              type="checkbox"
              checked={includeArchived}
              onChange={(e) => setIncludeArchived(e.target.checked)}
              data-testid="plans-include-archived"
            />
            Показать архивные
          </label>
          {user.abilities.createPlans && (
            <Link to="/import" className="btn" data-testid="import-document">
              Импорт документа
            </Link>
          )}
          {user.abilities.createPlans && (
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => setCreating(true)}
              data-testid="create-plan"
            >
              Создать план
            </button>
          )}
        </div>
      </div>
      {plans.error && <Alert>{plans.error}</Alert>}
      {!plans.data && plans.loading && <Loading />}
      {plans.data && plans.data.items.length === 0 && (
        <div className="empty">
          {user.role === 'executor' ? 'Планов с мероприятиями вашей организации пока нет.' : 'Планов пока нет.'}
          {user.abilities.createPlans &&
            ' Создайте первый план кнопкой «Создать план» или загрузите документ через «Импорт документа».'}
        </div>
      )}
      {plans.data && plans.data.items.length > 0 && (
        <table className="grid cards-on-phone" data-testid="plans-table">
          <thead>
            <tr>
              <th scope="col" className="col-title">
                Наименование
              </th>
              <th scope="col">Вид</th>
              <th scope="col">Ответственный</th>
              <th scope="col">Период</th>
              <th scope="col">Состояние</th>
              <th scope="col" className="num">
                Мероприятий
              </th>
              <th scope="col" className="col-breakdown">
                Исполнение
              </th>
            </tr>
          </thead>
          <tbody>
            {plans.data.items.map((p) => (
              <tr
                key={p.id}
                data-testid={`plan-row-${p.id}`}
                className={p.status === 'archived' ? 'row-archived' : undefined}
              >
                <td data-label="Наименование" className="col-title">
                  <Link to={`/plans/${p.id}`} className="title-link">
                    {p.title}
                  </Link>
                </td>
                <td data-label="Вид">
                  <span className={`kind kind-${p.kind}`}>{planKindLabel(p.kind)}</span>
                </td>
                <td data-label="Ответственный" title={p.owner?.fullName}>
                  {p.owner ? p.owner.shortName || p.owner.fullName : '—'}
                </td>
                <td data-label="Период" className="nowrap-md">
                  {formatPeriodRu(p.periodFrom, p.periodTo) || '—'}
                </td>
                <td data-label="Состояние">
                  <span className={`pill pill-${p.status}`}>{planStatusLabel(p.status)}</span>
                </td>
                <td data-label="Мероприятий" className="num">
                  {p.measureCount}
                </td>
                <td data-label="Исполнение" className="col-breakdown">
                  <StatusBreakdown counts={p.statusCounts} total={p.measureCount} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {creating && (
        <PlanFormDialog
          defaultOwnerId={user.organisation?.id ?? null}
          onClose={() => setCreating(false)}
          onSubmit={async (input) => {
            const plan = await api.createPlan(input as PlanInput);
            setCreating(false);
            navigate(`/plans/${plan.id}`);
          }}
        />
      )}
    </section>
  );
}
