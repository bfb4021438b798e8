import { type Measure, type Plan } from '../../api';
import { formatSectionHeading } from '../../format';
import { MeasureRow } from './MeasureRow';
import { type DialogState, type Group } from './plan-view';

/** The official table: sections as full-width rows, measures numbered beneath. */
export function PlanTable({
  p,
  groups,
  canAdd,
  canEdit,
  filtering,
  showExecution,
  busyMove,
  onMove,
  setDialog,
}: {
  p: Plan;
  groups: Group[];
  canAdd: boolean;
  canEdit: boolean;
  filtering: boolean;
  showExecution: boolean;
  busyMove: boolean;
  onMove(m: Measure, delta: -1 | 1): void;
  setDialog(d: DialogState): void;
}) {
  const council = p.kind === 'council_decisions';
  const anyRowActions = canEdit || p.measures.some((m) => m.abilities?.update || m.abilities?.archive);
  // № + title + executors + deadline + status, plus protocol item (council) or expected result (plan).
  const columns = 6 + (showExecution ? 1 : 0) + (anyRowActions ? 1 : 0);
  return (
    <table
      className={`grid plan-table cards-on-phone ${council ? 'is-council' : ''} ${showExecution ? 'with-execution' : ''}`}
      data-testid="plan-table"
    >
      <caption className="sr-only">
        {p.title}: {council ? 'поручения' : 'мероприятия'} по разделам
      </caption>
      <thead>
        <tr>
          <th scope="col" className="col-num">
            № п/п
          </th>
          {council && (
            <th scope="col" className="col-protocol">
              Пункт протокола
            </th>
          )}
          <th scope="col" className="col-title">
            {council ? 'Содержание поручения' : 'Наименование мероприятия'}
          </th>
          <th scope="col" className="col-exec">
            {council ? 'Ответственные' : 'Ответственный исполнитель'}
          </th>
          <th scope="col" className="col-deadline">
            Срок исполнения
          </th>
          {!council && (
            <th scope="col" className="col-result">
              Ожидаемый результат
            </th>
          )}
          {showExecution && (
            <th scope="col" className="col-execution">
              Информация об исполнении
            </th>
          )}
          <th scope="col" className="col-status">
            Статус
          </th>
          {anyRowActions && (
            <th scope="col" className="col-actions">
              <span className="sr-only">Действия</span>
            </th>
          )}
        </tr>
      </thead>
      {groups.map((g) => {
        const live = g.measures.filter((m) => !m.archived);
        return (
          <tbody key={g.section?.id ?? 'none'}>
            {(g.section || p.sections.length > 0) && (
              <tr
                className="section-row"
                data-testid={`section-row-${g.section ? g.section.number || g.section.id : 'none'}`}
              >
                <th scope="colgroup" colSpan={columns}>
                  <div className="section-head">
                    <span className="section-title">
                      {g.section ? formatSectionHeading(g.section.number, g.section.title) : 'Без раздела'}
                    </span>
                    {g.section && (canAdd || canEdit) && (
                      <span className="section-actions">
                        {canAdd && (
                          <button
                            type="button"
                            className="btn btn-sm btn-ghost"
                            onClick={() => setDialog({ type: 'measure', sectionId: g.section!.id })}
                            data-testid={`add-measure-section-${g.section.id}`}
                          >
                            + {council ? 'поручение' : 'мероприятие'}
                          </button>
                        )}
                        {canEdit && (
                          <button
                            type="button"
                            className="btn btn-sm btn-ghost"
                            onClick={() => setDialog({ type: 'section', section: g.section! })}
                            aria-label={`Изменить раздел ${g.section.number}`}
                            data-testid={`edit-section-${g.section.id}`}
                          >
                            Изменить
                          </button>
                        )}
                        {canEdit && live.length === 0 && (
                          <button
                            type="button"
                            className="btn btn-sm btn-ghost"
                            onClick={() => setDialog({ type: 'deleteSection', section: g.section! })}
                            aria-label={`Удалить раздел ${g.section.number}`}
                            data-testid={`delete-section-${g.section.id}`}
                          >
                            Удалить
                          </button>
                        )}
                      </span>
                    )}
                  </div>
                </th>
              </tr>
            )}
            {g.measures.length === 0 && (
              <tr className="empty-row">
                <td colSpan={columns}>
                  {filtering ? 'Нет совпадений в этом разделе.' : 'В разделе пока нет мероприятий.'}
                </td>
              </tr>
            )}
            {g.measures.map((m) => {
              const idx = live.indexOf(m);
              return (
                <MeasureRow
                  key={m.id}
                  m={m}
                  idx={idx}
                  liveCount={live.length}
                  council={council}
                  showExecution={showExecution}
                  anyRowActions={anyRowActions}
                  canEdit={canEdit}
                  filtering={filtering}
                  busyMove={busyMove}
                  onMove={onMove}
                  setDialog={setDialog}
                />
              );
            })}
          </tbody>
        );
      })}
      {groups.length === 0 && (
        <tbody>
          <tr className="empty-row">
            <td colSpan={columns}>
              {filtering
                ? 'Ничего не найдено.'
                : canAdd
                  ? 'В плане пока нет мероприятий. Добавьте раздел и мероприятия.'
                  : 'В плане нет мероприятий, доступных вам.'}
            </td>
          </tr>
        </tbody>
      )}
    </table>
  );
}
