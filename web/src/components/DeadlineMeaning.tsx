/**
 * What a deadline text means, under the field that holds it: «= 31.03.2024 (→ 01.04.2024),
 * 30.06.2024 …; отчёт до 10.04.2024», or a warning when the reader did not understand it.
 * Polite live region: screen readers hear the reading after typing stops.
 */
import type { InterpretState } from '../interpret';

interface Props {
  id: string;
  state: InterpretState & { pending: boolean };
  /** Text shown under an unclear deadline (the measure form offers manual dates). */
  unclearHint?: string;
  /** Shown instead of the reading (e.g. «Даты указаны вручную»). */
  override?: string | null;
  compact?: boolean;
  testId?: string;
}

export function DeadlineMeaning({
  id,
  state,
  unclearHint = 'Срок не распознан — укажите даты вручную',
  override,
  compact,
  testId = 'deadline-meaning',
}: Props) {
  let cls = 'meaning';
  let body: React.ReactNode = null;
  let understood: boolean | undefined;
  if (override) {
    cls += ' meaning-override';
    body = override;
  } else if (state.status === 'done') {
    understood = state.data.understood;
    if (!understood) {
      cls += ' meaning-warn';
      body = (
        <>
          <strong>{unclearHint}</strong>
          {!compact && state.data.description && <span className="meaning-desc"> ({state.data.description})</span>}
        </>
      );
    } else if (state.data.kind === 'unspecified') {
      body = <span className="muted">{state.data.description || 'Срок не указан'}</span>;
    } else {
      const relativeOnly =
        state.data.relative.length > 0 && state.data.due.length === 0 && state.data.reports.length === 0;
      body = (
        <>
          <span aria-hidden="true">= </span>
          {state.data.description}
          {relativeOnly && <span className="muted"> — дата появится, когда будет указана дата события</span>}
        </>
      );
    }
  } else if (state.status === 'error') {
    cls += ' meaning-error';
    body = `Не удалось проверить срок: ${state.message}`;
  } else if (state.status === 'loading' || state.pending) {
    cls += ' meaning-pending';
    body = 'Проверка срока…';
  }
  if (state.pending && state.status === 'done') cls += ' meaning-stale';
  return (
    <div
      id={id}
      className={cls}
      data-testid={testId}
      data-understood={understood === undefined ? undefined : String(understood)}
      aria-live="polite"
    >
      {body}
    </div>
  );
}
