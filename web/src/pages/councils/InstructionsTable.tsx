/** A council's instructions with their protocol point, executors, deadline and control state. */
import { Link } from 'react-router';
import { CONTROL_STATE_LABELS, type Instruction } from '../../councils';
import { formatDateRu } from '../../format';

export function InstructionsTable({ items }: { items: Instruction[] }) {
  if (items.length === 0) return <p className="empty">Поручений пока нет.</p>;
  return (
    <table className="grid cards-on-phone" data-testid="instructions-table">
      <thead>
        <tr>
          <th scope="col">Протокол и пункт</th>
          <th scope="col" className="col-title">
            Поручение
          </th>
          <th scope="col">Исполнители</th>
          <th scope="col">Срок</th>
          <th scope="col">Отметка</th>
        </tr>
      </thead>
      <tbody>
        {items.map((i) => (
          <tr key={i.measureId} data-testid="instruction-row" data-number={i.number}>
            <td data-label="Протокол и пункт">
              № {i.meeting.number} от {formatDateRu(i.meeting.date)}, {i.protocolItem}
            </td>
            <td className="col-title" data-label="Поручение">
              <Link to={`/measures/${i.measureId}`}>{i.title}</Link>
            </td>
            <td data-label="Исполнители">{i.executors.join(', ') || '—'}</td>
            <td data-label="Срок" className={i.overdue ? 'text-danger' : ''}>
              {i.deadlineText || '—'}
              {i.openDue && <div className="small muted">контроль: {formatDateRu(i.openDue)}</div>}
            </td>
            <td data-label="Отметка" data-testid="instruction-state">
              {CONTROL_STATE_LABELS[i.state]}
              {i.state === 'extended' && i.newDeadline && ` до ${formatDateRu(i.newDeadline)}`}
              {i.decidedBy && (
                <div className="small muted">
                  решение заседания № {i.decidedBy.number} от {formatDateRu(i.decidedBy.date)}
                  {i.decidedBy.point && `, ${i.decidedBy.point}`}
                </div>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
