/** Executors: one line per distinct name, with its directory organisation. */
import { useMemo } from 'react';
import { ExecutorRow } from './ExecutorRow';
import { type Choice, type ExecGroup, type ExecState } from './review-state';

interface ExecutorsPanelProps {
  groups: ExecGroup[];
  abbreviations: Map<string, string>;
  isResolved(g: ExecGroup): boolean;
  sameOptions(g: ExecGroup): ExecGroup[];
  execs: Record<string, ExecState>;
  itemNumber(key: number): string;
  onChoice(key: string, c: Choice): void;
  onGoToRow(itemKey: number): void;
  onCreateAll(): void;
  unresolvedCount: number;
  rememberAliases: boolean;
  setRememberAliases(v: boolean): void;
}

export function ExecutorsPanel({
  groups,
  abbreviations,
  isResolved: resolvedOf,
  sameOptions,
  execs,
  itemNumber,
  onChoice,
  onGoToRow,
  onCreateAll,
  unresolvedCount,
  rememberAliases,
  setRememberAliases,
}: ExecutorsPanelProps) {
  // Unresolved first, so the work is at the top; the order stays stable while choosing.
  const order = useMemo(
    () =>
      groups
        .map((g, i) => ({ g, i }))
        .sort((a, b) => Number(Boolean(execs[a.g.key]?.match)) - Number(Boolean(execs[b.g.key]?.match)) || a.i - b.i),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [
      groups,
      Object.values(execs)
        .map((e) => `${e.key}:${e.match?.id ?? ''}`)
        .join('|'),
    ],
  );
  return (
    <section className="panel" aria-labelledby="imp-exec-h">
      <div className="panel-head">
        <h2 id="imp-exec-h" className="panel-title">
          Исполнители{' '}
          <span className="muted small">
            ({groups.length - unresolvedCount} из {groups.length} сопоставлены со справочником)
          </span>
        </h2>
        <div className="panel-actions">
          <label
            className="check"
            title="Написание из документа станет сокращением выбранной организации, и следующий импорт узнает его сам"
          >
            <input
              type="checkbox"
              checked={rememberAliases}
              onChange={(e) => setRememberAliases(e.target.checked)}
              data-testid="import-remember-aliases"
            />
            Запомнить как сокращение
          </label>
          <button
            type="button"
            className="btn btn-sm"
            onClick={onCreateAll}
            disabled={unresolvedCount === 0}
            data-testid="import-create-all"
          >
            Создать все ненайденные{unresolvedCount > 0 && ` (${unresolvedCount})`}
          </button>
        </div>
      </div>
      {groups.length === 0 ? (
        <p className="muted">В документе не названы исполнители.</p>
      ) : (
        <table className="grid exec-table cards-on-phone" data-testid="import-executors">
          <thead>
            <tr>
              <th scope="col" className="col-name">
                Как в документе
              </th>
              <th scope="col" className="col-rows">
                Строки
              </th>
              <th scope="col" className="col-choice">
                Организация в справочнике
              </th>
            </tr>
          </thead>
          <tbody>
            {order.map(({ g, i }) => (
              <ExecutorRow
                key={g.key}
                index={i}
                group={g}
                state={execs[g.key]}
                ok={resolvedOf(g)}
                expansion={abbreviations.get(g.key)}
                same={sameOptions(g)}
                execs={execs}
                itemNumber={itemNumber}
                onChoice={(c) => onChoice(g.key, c)}
                onGoToRow={onGoToRow}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
