/**
 * A document the reader could not place (or placed wrongly): what it found is shown —
 * tables as rows of cells, text as lines — and the person points at the header row and
 * says which column is which. The document is then read with those columns; remembered,
 * the organisation's next document of the same shape reads by itself.
 */
import { useMemo, useState } from 'react';
import { api, errorMessage, type ImportPreview, type LayoutBlock, type MappableRole } from '../../api';
import { Alert } from '../../components/ui';
import { countRu } from '../../format';
import { classifyHeader } from '../../../../src/contract/text-rules';

export const ROLE_LABELS: Record<MappableRole, string> = {
  skip: 'Не использовать',
  number: '№ п/п',
  title: 'Наименование мероприятия',
  deadline: 'Срок исполнения',
  executors: 'Исполнители',
  expectedResult: 'Ожидаемый результат',
  execution: 'Информация об исполнении',
  status: 'Статус (выполнено / не выполнено)',
  form: 'Форма завершения',
  protocolItem: 'Пункт протокола',
};
const ROLES = Object.keys(ROLE_LABELS) as MappableRole[];
const ROW_WORDS = ['строка', 'строки', 'строк'] as const;
const COLUMN_WORDS = ['столбец', 'столбца', 'столбцов'] as const;

/** A first guess of a column's role from its header text; the person corrects it. */
function guessRole(label: string): MappableRole {
  const role = classifyHeader(label);
  return role && (ROLES as string[]).includes(role) ? (role as MappableRole) : 'skip';
}

/** How many lines from `from` look like a header's labels (short, not numbers). */
function guessHeaderLines(lines: string[], from: number): number {
  let n = 0;
  while (
    from + n < lines.length &&
    n < 12 &&
    lines[from + n].length <= 80 &&
    !/^\d+([.)]|\.\d+)*\.?$/.test(lines[from + n].trim())
  )
    n++;
  return Math.max(2, n);
}

interface Props {
  importId: number;
  blocks: LayoutBlock[];
  onRead(preview: ImportPreview): void;
}

export function ImportColumns({ importId, blocks, onRead }: Props) {
  const [header, setHeader] = useState<{ block: number; row: number } | null>(null);
  const [columns, setColumns] = useState<MappableRole[]>([]);
  const [remember, setRemember] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const chooseTableHeader = (block: number, row: number) => {
    const b = blocks[block] as Extract<LayoutBlock, { type: 'table' }>;
    setHeader({ block, row });
    setColumns(b.rows[row].map(guessRole));
    setError(null);
  };
  const chooseLinesHeader = (block: number, row: number) => {
    const b = blocks[block] as Extract<LayoutBlock, { type: 'lines' }>;
    setHeader({ block, row });
    setColumns(b.lines.slice(row, row + guessHeaderLines(b.lines, row)).map(guessRole));
    setError(null);
  };
  const setCount = (n: number) => {
    if (!header) return;
    const b = blocks[header.block] as Extract<LayoutBlock, { type: 'lines' }>;
    const count = Math.max(1, Math.min(40, n || 1, b.lines.length - header.row));
    setColumns((old) => b.lines.slice(header.row, header.row + count).map((l, i) => old[i] ?? guessRole(l)));
  };
  const setRole = (i: number, role: MappableRole) => setColumns((old) => old.map((r, j) => (j === i ? role : r)));

  const read = async () => {
    if (!header) return;
    if (!columns.includes('title')) {
      setError('Укажите, в каком столбце наименование мероприятия.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onRead(
        await api.readImportWithColumns(importId, { block: header.block, headerRow: header.row, columns, remember }),
      );
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  const roleSelect = (i: number, label: string) => (
    <select
      id={`layout-role-${i}`}
      value={columns[i]}
      onChange={(e) => setRole(i, e.target.value as MappableRole)}
      aria-label={`Что в столбце ${i + 1} («${label.slice(0, 60)}»)`}
      data-testid={`layout-role-${i}`}
    >
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {ROLE_LABELS[r]}
        </option>
      ))}
    </select>
  );

  const chosen = useMemo(() => (header ? blocks[header.block] : null), [header, blocks]);

  return (
    <div className="import-columns" data-testid="import-columns">
      <ol className="import-columns-steps">
        <li>Найдите строку заголовка таблицы и нажмите у неё «Заголовок».</li>
        <li>Для каждого столбца выберите, что в нём; ненужные оставьте «Не использовать».</li>
        <li>Нажмите «Прочитать документ»: дальше — обычная проверка перед сохранением.</li>
      </ol>
      {blocks.map((b, bi) =>
        b.type === 'table' ? (
          <section key={bi} className="panel panel-table" aria-label={`Таблица ${bi + 1}`}>
            <h2 className="panel-title">
              Таблица{' '}
              <span className="muted small">
                ({countRu(b.totalRows, ROW_WORDS)}
                {b.totalRows > b.rows.length ? `, показаны первые ${b.rows.length}` : ''})
              </span>
            </h2>
            <div className="table-scroll">
              <table className="grid layout-grid" data-testid={`layout-table-${bi}`}>
                <tbody>
                  {b.rows.map((row, ri) => {
                    const isHeader = header?.block === bi && header.row === ri;
                    return (
                      <tr key={ri} className={isHeader ? 'layout-header-row' : undefined}>
                        <td className="layout-pick">
                          <button
                            type="button"
                            className={`btn btn-sm ${isHeader ? 'btn-primary' : ''}`}
                            aria-pressed={isHeader}
                            onClick={() => chooseTableHeader(bi, ri)}
                            data-testid={`layout-header-${bi}-${ri}`}
                          >
                            Заголовок
                          </button>
                        </td>
                        {row.map((c, ci) => (
                          <td key={ci}>
                            <div className="layout-cell">{c}</div>
                            {isHeader && (
                              <div className="layout-role">
                                <label htmlFor={`layout-role-${ci}`} className="sr-only">
                                  Что в столбце {ci + 1}
                                </label>
                                {roleSelect(ci, c)}
                              </div>
                            )}
                          </td>
                        ))}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </section>
        ) : (
          <section key={bi} className="panel" aria-label={`Текст ${bi + 1}`}>
            <h2 className="panel-title">
              Текст{' '}
              <span className="muted small">
                ({countRu(b.totalLines, ROW_WORDS)}
                {b.totalLines > b.lines.length ? `, показаны первые ${b.lines.length}` : ''}; каждая строка — ячейка)
              </span>
            </h2>
            <ol className="layout-lines" data-testid={`layout-lines-${bi}`}>
              {b.lines.map((l, li) => {
                const inHeader = header?.block === bi && li >= header.row && li < header.row + columns.length;
                const first = header?.block === bi && li === header.row;
                return (
                  <li key={li} className={inHeader ? 'layout-header-row' : undefined}>
                    <button
                      type="button"
                      className={`btn btn-sm ${first ? 'btn-primary' : ''}`}
                      aria-pressed={first}
                      onClick={() => chooseLinesHeader(bi, li)}
                      data-testid={`layout-header-${bi}-${li}`}
                    >
                      Заголовок
                    </button>{' '}
                    <span className="layout-cell">{l}</span>
                    {inHeader && <span className="layout-role"> {roleSelect(li - header!.row, l)}</span>}
                    {first && (
                      <div className="layout-count">
                        <label htmlFor="layout-count">Строк в заголовке (столбцов):</label>{' '}
                        <input
                          id="layout-count"
                          type="number"
                          min={1}
                          max={40}
                          value={columns.length}
                          onChange={(e) => setCount(Number(e.target.value))}
                          data-testid="layout-count"
                        />
                      </div>
                    )}
                  </li>
                );
              })}
            </ol>
          </section>
        ),
      )}
      <div className="savebar" role="region" aria-label="Чтение документа">
        <div className="savebar-status" aria-live="polite">
          {chosen ? (
            <span>
              Заголовок выбран: {countRu(columns.length, COLUMN_WORDS)}, наименование —{' '}
              {columns.includes('title') ? <strong>указано</strong> : <span className="savebar-bad">не указано</span>}
            </span>
          ) : (
            <span className="muted">Выберите строку заголовка</span>
          )}
        </div>
        {error && (
          <div className="savebar-error" role="alert" data-testid="layout-error">
            {error}
          </div>
        )}
        <div className="savebar-actions">
          <label
            className="check"
            title="Следующий документ с таким же заголовком от вашей организации будет прочитан по этой разметке сам"
          >
            <input
              type="checkbox"
              checked={remember}
              onChange={(e) => setRemember(e.target.checked)}
              data-testid="layout-remember"
            />
            Запомнить для документов такого вида
          </label>
          <button
            type="button"
            className="btn btn-primary"
            onClick={read}
            disabled={!header || busy}
            data-testid="layout-read"
          >
            {busy ? 'Чтение…' : 'Прочитать документ'}
          </button>
        </div>
      </div>
    </div>
  );
}

/** A stand-alone alert with what the reader tried. */
export function UnreadNotice({ message }: { message: string }) {
  return (
    <Alert kind="info" testId="import-unread-message">
      <strong>Документ не прочитан автоматически.</strong> {message}
    </Alert>
  );
}
