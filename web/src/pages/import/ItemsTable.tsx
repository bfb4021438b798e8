/** The measures as they will be saved, grouped by section, editable in place. */
import { useMemo } from 'react';
import { formatDateRu } from '../../format';
import { ItemRow } from './ItemRow';
import { type EditItem, type ExecState, type ProblemKind } from './review-state';

interface ItemsTableProps {
  items: EditItem[];
  sections: { number: string; title: string }[];
  setSectionTitle(index: number, title: string): void;
  setItem(key: number, patch: Partial<EditItem>): void;
  council: boolean;
  showProtocol: boolean;
  showExecution: boolean;
  showResult: boolean;
  rowProblems: Map<number, ProblemKind[]>;
  pathErrors: Record<string, string>;
  execs: Record<string, ExecState>;
  periodFrom: string;
  periodTo: string;
  onGoToExec(key: string): void;
}

export function ItemsTable({
  items,
  sections,
  setSectionTitle,
  setItem,
  council,
  showProtocol,
  showExecution,
  showResult,
  rowProblems,
  pathErrors,
  execs,
  periodFrom,
  periodTo,
  onGoToExec,
}: ItemsTableProps) {
  const columns = 4 + (showProtocol ? 1 : 0) + (showExecution ? 2 : 0) + (showResult ? 1 : 0);
  const bySection = useMemo(() => {
    const known = new Set(sections.map((s) => s.number));
    const groups: { section: { number: string; title: string; index: number } | null; items: EditItem[] }[] = [];
    const loose = items.filter((i) => i.section === null || !known.has(i.section));
    if (loose.length) groups.push({ section: null, items: loose });
    sections.forEach((s, index) =>
      groups.push({ section: { ...s, index }, items: items.filter((i) => i.section === s.number) }),
    );
    return groups;
  }, [items, sections]);

  return (
    <table
      className={`grid import-table cards-on-phone ${showExecution ? 'with-execution' : ''} ${showProtocol ? 'with-protocol' : ''} ${showResult ? '' : 'no-result'}`}
      data-testid="import-table"
    >
      <thead>
        <tr>
          <th scope="col" className="col-num">
            № п/п
          </th>
          {showProtocol && (
            <th scope="col" className="col-protocol">
              Пункт протокола
            </th>
          )}
          <th scope="col" className="col-title">
            {council ? 'Содержание поручения' : 'Наименование мероприятия'}
          </th>
          <th scope="col" className="col-exec">
            Исполнители <span className="th-hint">(по одному в строке)</span>
          </th>
          <th scope="col" className="col-deadline">
            Срок исполнения
          </th>
          {showResult && (
            <th scope="col" className="col-result">
              Ожидаемый результат
            </th>
          )}
          {showExecution && (
            <>
              <th scope="col" className="col-status">
                Статус
              </th>
              <th scope="col" className="col-execution">
                Информация об исполнении
              </th>
            </>
          )}
        </tr>
      </thead>
      {bySection.map((g) => (
        <tbody key={g.section ? `s-${g.section.index}` : 'loose'}>
          {(g.section || sections.length > 0) && (
            <tr className="section-row" data-testid={`import-section-${g.section ? g.section.number : 'none'}`}>
              <th scope="colgroup" colSpan={columns}>
                {g.section ? (
                  <div className="section-edit">
                    <span className="section-num">
                      {/^\d{4}-\d{2}-\d{2}$/.test(g.section.number)
                        ? formatDateRu(g.section.number)
                        : `${g.section.number}.`}
                    </span>
                    <label className="sr-only" htmlFor={`is-${g.section.index}`}>
                      Наименование раздела {g.section.number}
                    </label>
                    <textarea
                      id={`is-${g.section.index}`}
                      className="autosize"
                      rows={1}
                      value={g.section.title}
                      onChange={(e) => setSectionTitle(g.section!.index, e.target.value)}
                    />
                  </div>
                ) : (
                  'Без раздела'
                )}
              </th>
            </tr>
          )}
          {g.items.map((it) => (
            <ItemRow
              key={it.key}
              item={it}
              problems={rowProblems.get(it.key)}
              errors={pathErrors}
              setItem={setItem}
              council={council}
              showProtocol={showProtocol}
              showExecution={showExecution}
              showResult={showResult}
              execs={execs}
              periodFrom={periodFrom}
              periodTo={periodTo}
              onGoToExec={onGoToExec}
            />
          ))}
          {g.items.length === 0 && (
            <tr className="empty-row">
              <td colSpan={columns}>В разделе нет мероприятий.</td>
            </tr>
          )}
        </tbody>
      ))}
    </table>
  );
}
