/** Tabs of a plan: the table, its calendar of control dates, deadlines nobody could read, reporting periods, monitoring. */
import { Link, NavLink } from 'react-router';

export function PlanTabs({ planId, unclearCount }: { planId: number; unclearCount?: number | null }) {
  const cls = ({ isActive }: { isActive: boolean }) => (isActive ? 'tab active' : 'tab');
  return (
    <nav className="tabs" aria-label="Разделы плана">
      <NavLink to={`/plans/${planId}`} end className={cls} data-testid="plan-tab-table">
        Мероприятия
      </NavLink>
      <NavLink to={`/plans/${planId}/calendar`} className={cls} data-testid="plan-tab-calendar">
        Календарь
      </NavLink>
      <NavLink to={`/plans/${planId}/unclear`} className={cls} data-testid="plan-tab-unclear">
        Нераспознанные сроки
        {unclearCount != null && (
          <span className={`tab-count ${unclearCount > 0 ? 'tab-count-warn' : ''}`} data-testid="unclear-count">
            {unclearCount}
          </span>
        )}
      </NavLink>
      <NavLink to={`/plans/${planId}/indicators`} className={cls} data-testid="plan-tab-indicators">
        Показатели
      </NavLink>
      <NavLink to={`/plans/${planId}/reporting`} className={cls} data-testid="plan-tab-reporting">
        Отчётность
      </NavLink>
      <NavLink to={`/plans/${planId}/monitoring`} className={cls} data-testid="plan-tab-monitoring">
        Мониторинг и отчёт
      </NavLink>
    </nav>
  );
}

/** «Планы › <plan> › <page>» above a plan's tab pages. */
export function PlanBreadcrumbs({ plan, page }: { plan: { id: number; title: string }; page: string }) {
  return (
    <nav className="breadcrumbs" aria-label="Навигационная цепочка">
      <Link to="/plans">Планы</Link>
      <span aria-hidden="true"> › </span>
      <Link to={`/plans/${plan.id}`}>{plan.title}</Link>
      <span aria-hidden="true"> › </span>
      <span aria-current="page">{page}</span>
    </nav>
  );
}
