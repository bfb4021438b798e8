import { LightDot } from '../../components/Execution';
import { Link } from 'react-router';
import { type Measure } from '../../api';
import { Icon } from '../../components/Icon';
import { Executors, StatusBadge } from '../../components/ui';
import { NextControl } from './NextControl';
import { type DialogState } from './plan-view';

/** One measure of the plan table, with its move/edit/archive buttons. */
export function MeasureRow({
  m,
  idx,
  liveCount,
  council,
  showExecution,
  anyRowActions,
  canEdit,
  filtering,
  busyMove,
  onMove,
  setDialog,
}: {
  m: Measure;
  /** Position among the live (not archived) measures of its section; -1 when archived. */
  idx: number;
  liveCount: number;
  council: boolean;
  showExecution: boolean;
  anyRowActions: boolean;
  canEdit: boolean;
  filtering: boolean;
  busyMove: boolean;
  onMove(m: Measure, delta: -1 | 1): void;
  setDialog(d: DialogState): void;
}) {
  return (
    <tr
      data-testid={`measure-row-${m.number}`}
      data-measure-id={m.id}
      className={m.archived ? 'row-archived' : undefined}
    >
      <td className="col-num" data-label="№ п/п">
        {m.number}
      </td>
      {council && (
        <td className="col-protocol pre" data-label="Пункт протокола">
          {m.protocolItem || <span className="muted">—</span>}
        </td>
      )}
      <td className="col-title" data-label={council ? 'Поручение' : 'Мероприятие'}>
        <Link to={`/measures/${m.id}`} className="title-link">
          {m.title}
        </Link>
        {m.archived && <span className="pill pill-archived">в архиве</span>}
      </td>
      <td className="col-exec" data-label="Исполнитель">
        <Executors lead={m.leadExecutor} co={m.coExecutors} text={m.textExecutors} />
      </td>
      <td className="col-deadline" data-label="Срок">
        <div className="pre">{m.deadlineText || <span className="muted">—</span>}</div>
        <NextControl m={m} />
      </td>
      {!council && (
        <td className="col-result" data-label="Результат">
          {m.expectedResult && <div className="pre">{m.expectedResult}</div>}
          {m.form && <div className="muted small">Форма: {m.form}</div>}
          {!m.expectedResult && !m.form && <span className="muted">—</span>}
        </td>
      )}
      {showExecution && (
        <td className="col-execution pre clamp" data-label="Исполнение">
          {m.executionText || <span className="muted">—</span>}
        </td>
      )}
      <td className="col-status" data-label="Статус">
        <LightDot light={m.light} /> <StatusBadge status={m.status} />
      </td>
      {anyRowActions && (
        <td className="col-actions" data-label="">
          {!m.archived && (
            <div className="row-actions">
              {canEdit && !filtering && (
                <>
                  <button
                    type="button"
                    className="btn-icon"
                    disabled={busyMove || idx <= 0}
                    onClick={() => onMove(m, -1)}
                    aria-label={`Поднять ${m.number}`}
                    title="Выше"
                    data-move={`up-${m.id}`}
                    data-testid="measure-up"
                  >
                    <Icon name="up" />
                  </button>
                  <button
                    type="button"
                    className="btn-icon"
                    disabled={busyMove || idx < 0 || idx >= liveCount - 1}
                    onClick={() => onMove(m, 1)}
                    aria-label={`Опустить ${m.number}`}
                    title="Ниже"
                    data-move={`down-${m.id}`}
                    data-testid="measure-down"
                  >
                    <Icon name="down" />
                  </button>
                </>
              )}
              {m.abilities?.update && (
                <button
                  type="button"
                  className="btn-icon"
                  onClick={() => setDialog({ type: 'measure', measure: m })}
                  aria-label={`Изменить ${m.number}`}
                  title="Изменить"
                  data-testid="measure-edit"
                >
                  <Icon name="edit" />
                </button>
              )}
              {m.abilities?.archive && (
                <button
                  type="button"
                  className="btn-icon btn-icon-danger"
                  onClick={() => setDialog({ type: 'archiveMeasure', measure: m })}
                  aria-label={`В архив ${m.number}`}
                  title="В архив"
                  data-testid="measure-archive"
                >
                  <Icon name="archive" />
                </button>
              )}
            </div>
          )}
        </td>
      )}
    </tr>
  );
}
