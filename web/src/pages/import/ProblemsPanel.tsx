/** «Проверьте перед сохранением»: the live problems, each with a link to where it is fixed. */
import { PROBLEM_TAGS, type LiveProblem } from './review-state';

interface ProblemsPanelProps {
  problems: LiveProblem[];
  blockingCount: number;
  numberOf(itemKey: number): string;
  focusExec(execKey: string): void;
  focusRow(itemKey: number, field: string): void;
  goToProblem(p: LiveProblem): void;
}

export function ProblemsPanel({
  problems,
  blockingCount,
  numberOf,
  focusExec,
  focusRow,
  goToProblem,
}: ProblemsPanelProps) {
  return (
    <section className="panel" aria-labelledby="imp-problems-h" data-testid="import-problems">
      <h2 id="imp-problems-h" className="panel-title">
        Проверьте перед сохранением{' '}
        <span
          className={`count ${blockingCount ? 'count-bad' : problems.length ? 'count-warn' : 'count-ok'}`}
          data-testid="import-problem-count"
        >
          {problems.length}
        </span>
      </h2>
      {problems.length === 0 ? (
        <p className="ok-line">Замечаний нет — документ готов к сохранению.</p>
      ) : (
        <ul className="problems">
          {problems.map((p, i) => (
            <li
              key={`${p.kind}-${p.item}-${p.exec ?? ''}-${i}`}
              className={`problem ${p.blocking ? 'problem-blocking' : 'problem-warning'}`}
              data-testid="import-problem"
              data-kind={p.kind}
            >
              <span className="problem-tag">{PROBLEM_TAGS[p.kind]}</span>
              <span className="problem-text">{p.message}</span>
              <span className="problem-links">
                {p.exec && (
                  <button type="button" className="btn-link" onClick={() => focusExec(p.exec!)}>
                    Сопоставить
                  </button>
                )}
                {p.item !== null && (
                  <button
                    type="button"
                    className="btn-link"
                    onClick={() => (p.exec ? focusRow(p.item!, 'executors') : goToProblem(p))}
                    data-testid="import-problem-goto"
                  >
                    к строке № {numberOf(p.item)}
                  </button>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
