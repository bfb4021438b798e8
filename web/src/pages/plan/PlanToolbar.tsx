import { type Plan } from '../../api';
import { MEASURE_STATUS_LABELS, type MeasureStatus } from '../../format';
import { type DialogState } from './plan-view';

/** Actions on the plan, and the search and filters of its table. */
export function PlanToolbar({
  p,
  canAdd,
  canEdit,
  archivedCount,
  setDialog,
  filter,
  setFilter,
  statusFilter,
  setStatusFilter,
  showExecution,
  setShowExecution,
  showArchived,
  setShowArchived,
}: {
  p: Plan;
  canAdd: boolean;
  canEdit: boolean;
  archivedCount: number;
  setDialog(d: DialogState): void;
  filter: string;
  setFilter(v: string): void;
  statusFilter: string;
  setStatusFilter(v: string): void;
  showExecution: boolean;
  setShowExecution(v: boolean): void;
  showArchived: boolean;
  setShowArchived(v: boolean): void;
}) {
  const council = p.kind === 'council_decisions';
  return (
    <div className="toolbar" role="toolbar" aria-label="Действия с планом">
      <div className="toolbar-group">
        {canAdd && (
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => setDialog({ type: 'measure' })}
            data-testid="add-measure"
          >
            {council ? 'Добавить поручение' : 'Добавить мероприятие'}
          </button>
        )}
        {canEdit && (
          <button
            type="button"
            className="btn"
            onClick={() => setDialog({ type: 'section' })}
            data-testid="add-section"
          >
            {council ? 'Добавить протокол' : 'Добавить раздел'}
          </button>
        )}
        {canEdit && (
          <button type="button" className="btn" onClick={() => setDialog({ type: 'header' })} data-testid="edit-plan">
            Реквизиты плана
          </button>
        )}
        {p.abilities.archive && p.status !== 'archived' && (
          <button
            type="button"
            className="btn btn-danger-outline"
            onClick={() => setDialog({ type: 'archivePlan' })}
            data-testid="archive-plan"
          >
            В архив
          </button>
        )}
      </div>
      <div className="toolbar-group toolbar-filters">
        <label className="sr-only" htmlFor="plan-filter">
          Поиск по плану
        </label>
        <input
          id="plan-filter"
          type="search"
          placeholder="Номер, текст или исполнитель"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          data-testid="plan-filter"
        />
        <label className="sr-only" htmlFor="plan-status-filter">
          Статус
        </label>
        <select
          id="plan-status-filter"
          value={statusFilter}
          onChange={(e) => setStatusFilter(e.target.value)}
          data-testid="plan-status-filter"
        >
          <option value="">Все статусы</option>
          {(Object.entries(MEASURE_STATUS_LABELS) as [MeasureStatus, string][]).map(([k, l]) => (
            <option key={k} value={k}>
              {l}
            </option>
          ))}
          <option value="none">Без статуса</option>
        </select>
        <label className="check">
          <input
            type="checkbox"
            checked={showExecution}
            onChange={(e) => setShowExecution(e.target.checked)}
            data-testid="toggle-execution"
          />
          Исполнение
        </label>
        {archivedCount > 0 && (
          <label className="check">
            <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
            Архивные ({archivedCount})
          </label>
        )}
      </div>
    </div>
  );
}
