/** One measure row of the preview table; memoised so typing in one row re-renders only it. */
import { memo } from 'react';
import { DeadlineMeaning } from '../../components/DeadlineMeaning';
import { MEASURE_STATUS_LABELS, type MeasureStatus } from '../../format';
import { normalizeOrgName, parseExecutorLines, splitAgreementMarker } from '../../import-review';
import { useDeadlineInterpretation } from '../../interpret';
import { orgName, type EditItem, type ExecState, type ProblemKind } from './review-state';

interface ItemRowProps {
  item: EditItem;
  problems: ProblemKind[] | undefined;
  errors: Record<string, string>;
  setItem(key: number, patch: Partial<EditItem>): void;
  council: boolean;
  showProtocol: boolean;
  showExecution: boolean;
  showResult: boolean;
  execs: Record<string, ExecState>;
  periodFrom: string;
  periodTo: string;
  onGoToExec(key: string): void;
}

/** Status words short enough for a narrow select. */
const STATUS_SHORT: Record<MeasureStatus, string> = {
  done: 'Выполнено',
  partial: 'Частично',
  not_done: 'Не выполнено',
  not_due: 'Х (не наступил)',
};

export const ItemRow = memo(function ItemRow({
  item,
  problems,
  errors,
  setItem,
  council,
  showProtocol,
  showExecution,
  showResult,
  execs,
  periodFrom,
  periodTo,
  onGoToExec,
}: ItemRowProps) {
  const k = item.key;
  const id = (f: string) => `ir-${k}-${f}`;
  const has = (p: ProblemKind) => Boolean(problems?.includes(p));
  const err = (f: string) => errors[`${k}.${f}`];
  const set = (patch: Partial<EditItem>) => setItem(k, patch);
  const interp = useDeadlineInterpretation(
    item.excluded
      ? null
      : { text: item.deadlineText, periodFrom: periodFrom || undefined, periodTo: periodTo || undefined },
  );
  const execNames = parseExecutorLines(item.executorsText);
  const n = item.number || '?';
  const rowCls = [item.excluded ? 'row-excluded' : '', problems?.length && !item.excluded ? 'row-problem' : '']
    .filter(Boolean)
    .join(' ');

  return (
    <tr
      id={`import-row-${k}`}
      className={rowCls || undefined}
      data-testid={`import-row-${item.number}`}
      data-problems={problems?.join(' ') || undefined}
    >
      <td
        className={`col-num ${has('duplicate_number') || has('empty_number') ? 'cell-problem' : ''}`}
        data-label="№ п/п"
      >
        <input
          id={id('number')}
          aria-label={`Номер строки ${n}`}
          value={item.number}
          onChange={(e) => set({ number: e.target.value })}
          disabled={item.excluded}
          aria-invalid={has('duplicate_number') || has('empty_number') || Boolean(err('number')) || undefined}
        />
        {has('duplicate_number') && <div className="cell-note">номер повторяется</div>}
        {err('number') && <div className="field-error">{err('number')}</div>}
        <button
          type="button"
          className="btn-link exclude-link"
          onClick={() => set({ excluded: !item.excluded })}
          aria-pressed={item.excluded}
          aria-label={item.excluded ? `Вернуть строку ${n}` : `Исключить строку ${n}`}
          title={item.excluded ? 'Вернуть строку в план' : 'Не сохранять эту строку'}
          data-testid="import-item-exclude"
        >
          {item.excluded ? 'вернуть' : 'исключить'}
        </button>
      </td>
      {showProtocol && (
        <td className="col-protocol" data-label="Пункт протокола">
          <input
            aria-label={`Пункт протокола, строка ${n}`}
            value={item.protocolItem}
            onChange={(e) => set({ protocolItem: e.target.value })}
            disabled={item.excluded}
          />
        </td>
      )}
      <td
        className={`col-title ${has('empty_title') ? 'cell-problem' : ''}`}
        data-label={council ? 'Поручение' : 'Мероприятие'}
      >
        <textarea
          id={id('title')}
          className="autosize"
          aria-label={`Наименование, строка ${n}`}
          rows={2}
          value={item.title}
          onChange={(e) => set({ title: e.target.value })}
          disabled={item.excluded}
          aria-invalid={has('empty_title') || Boolean(err('title')) || undefined}
          data-testid="import-item-title"
        />
        {err('title') && <div className="field-error">{err('title')}</div>}
      </td>
      <td
        className={`col-exec ${has('no_executor') || has('executor_unknown') ? 'cell-problem' : ''}`}
        data-label="Исполнители"
      >
        <textarea
          id={id('executors')}
          className="autosize"
          aria-label={`Исполнители, строка ${n} (по одному в строке)`}
          rows={Math.max(1, execNames.length)}
          value={item.executorsText}
          onChange={(e) => set({ executorsText: e.target.value })}
          disabled={item.excluded}
          data-testid="import-item-executors"
        />
        {!item.excluded && execNames.length > 0 && (
          <ul className="exec-marks" aria-label="Сопоставление исполнителей">
            {execNames.map((raw, i) => {
              const { name } = splitAgreementMarker(raw);
              const st = execs[normalizeOrgName(name)];
              const c = st?.choice;
              let text: string;
              let cls: string;
              if (!st || st.loading) {
                text = 'поиск…';
                cls = 'mark-pending';
              } else if (c?.type === 'org') {
                const o = st.match?.id === c.id ? st.match : (st.candidates.find((x) => x.id === c.id) ?? null);
                text = `→ ${o ? orgName(o) : 'выбрано'}`;
                cls = 'mark-ok';
              } else if (c?.type === 'create') {
                text = `+ новая: ${c.shortName || c.fullName}`;
                cls = 'mark-new';
              } else if (c?.type === 'text') {
                text = 'текстом, без организации';
                cls = 'mark-ok';
              } else if (c?.type === 'same') {
                const t = execs[c.as]?.choice;
                text = `+ новая: ${t?.type === 'create' ? t.shortName || t.fullName : '?'}`;
                cls = 'mark-new';
              } else {
                text = 'не сопоставлен';
                cls = 'mark-bad';
              }
              return (
                <li key={i} className={`exec-mark ${cls}`}>
                  <button
                    type="button"
                    className="btn-link"
                    onClick={() => onGoToExec(normalizeOrgName(name))}
                    title={`${name}: перейти к сопоставлению`}
                  >
                    {execNames.length > 1 && (
                      <span className="mark-name">{name.length > 28 ? `${name.slice(0, 26)}…` : name}: </span>
                    )}
                    {text}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        {has('no_executor') && <div className="cell-note">исполнитель не указан</div>}
      </td>
      <td className={`col-deadline ${has('deadline_unclear') ? 'cell-problem' : ''}`} data-label="Срок">
        <textarea
          id={id('deadline')}
          className="autosize"
          rows={1}
          aria-label={`Срок исполнения, строка ${n}`}
          value={item.deadlineText}
          onChange={(e) => set({ deadlineText: e.target.value })}
          disabled={item.excluded}
          aria-describedby={`${id('deadline')}-meaning`}
          aria-invalid={has('deadline_unclear') || undefined}
          data-testid="import-item-deadline"
        />
        {!item.excluded && (
          <DeadlineMeaning id={`${id('deadline')}-meaning`} state={interp} unclearHint="Срок не распознан" compact />
        )}
      </td>
      {showResult && (
        <td className="col-result" data-label="Результат">
          <textarea
            className="autosize"
            rows={1}
            aria-label={`Ожидаемый результат, строка ${n}`}
            value={item.expectedResult}
            onChange={(e) => set({ expectedResult: e.target.value })}
            disabled={item.excluded}
          />
        </td>
      )}
      {showExecution && (
        <>
          <td className="col-status" data-label="Статус">
            <select
              aria-label={`Статус, строка ${n}`}
              value={item.status ?? ''}
              onChange={(e) => set({ status: (e.target.value || null) as MeasureStatus | null })}
              disabled={item.excluded}
            >
              <option value="">—</option>
              {(Object.keys(STATUS_SHORT) as MeasureStatus[]).map((st) => (
                <option key={st} value={st} title={MEASURE_STATUS_LABELS[st]}>
                  {STATUS_SHORT[st]}
                </option>
              ))}
            </select>
          </td>
          <td className="col-execution" data-label="Исполнение">
            <textarea
              className="autosize clamp-input"
              rows={2}
              aria-label={`Информация об исполнении, строка ${n}`}
              value={item.executionText}
              onChange={(e) => set({ executionText: e.target.value })}
              disabled={item.excluded}
            />
          </td>
        </>
      )}
    </tr>
  );
});
