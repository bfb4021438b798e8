import { type Measure } from '../../api';
import { formatControlDate } from '../../format';

/** «Ближайший срок: 01.04.2024 (перенесено с 31.03.2024)» and a mark on a deadline nobody could read. */
export function NextControl({ m }: { m: Measure }) {
  const unclear = m.deadlineUnderstood === false && !m.deadlineOverride;
  if (!m.nextControl && !unclear && !m.deadlineOverride) return null;
  return (
    <div className="next-control">
      {m.nextControl && (
        <div data-testid="next-control" title={m.nextControl.label ?? undefined}>
          <span className="muted">{m.nextControl.kind === 'report' ? 'Ближайший отчёт:' : 'Ближайший срок:'}</span>{' '}
          {formatControlDate(m.nextControl)}
        </div>
      )}
      {m.deadlineOverride && <span className="badge badge-info">даты указаны вручную</span>}
      {unclear && (
        <span
          className="badge badge-warn"
          data-testid="deadline-unclear-badge"
          title="Укажите даты вручную в форме мероприятия"
        >
          срок не распознан
        </span>
      )}
    </div>
  );
}
