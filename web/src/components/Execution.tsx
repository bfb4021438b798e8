/**
 * Execution of one measure: the reports owed per period (lead and co-executors), the
 * report editor with attachments, the coordinator's decision, deadline extensions and
 * closing («снято с контроля»).
 */
import { useState } from 'react';
import { ApiError, api, errorMessage, type Measure } from '../api';
import {
  execution,
  figuresFromRows,
  linksFromText,
  LIGHT_LABELS,
  REPORT_STATE_LABELS,
  RESULT_LABELS,
  type Extension,
  type ExtensionTarget,
  type FigureRow,
  type ReportDetail,
  type ResultStatus,
} from '../execution';
import { formatDateShort, formatDateTimeRu, safeHref } from '../format';
import { useApiQuery } from '../hooks';
import { FormActions } from './form';
import { Alert, Loading } from './ui';

export function LightDot({ light }: { light?: string }) {
  if (!light) return null;
  const label = LIGHT_LABELS[light as keyof typeof LIGHT_LABELS] ?? light;
  return (
    <span
      className={`light light-${light}`}
      role="img"
      aria-label={label}
      title={label}
      data-testid={`light-${light}`}
    />
  );
}

export function ExecutionSection({ m, canManage, onChanged }: { m: Measure; canManage: boolean; onChanged(): void }) {
  const reports = useApiQuery(['measure', m.id, 'reports'], () => execution.measureReports(m.id));
  const [openId, setOpenId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = async () => {
    await reports.reload();
    onChanged();
  };
  return (
    <section aria-labelledby="exec-heading" data-testid="execution">
      <div className="section-heading-row">
        <h2 className="section-heading" id="exec-heading">
          Исполнение
        </h2>
        {canManage && (
          <button
            type="button"
            className="btn btn-sm"
            data-testid="measure-close-toggle"
            onClick={async () => {
              setError(null);
              try {
                if (m.closed) await execution.reopenMeasure(m.id);
                else await execution.closeMeasure(m.id);
                onChanged();
              } catch (e) {
                setError(errorMessage(e));
              }
            }}
          >
            {m.closed ? 'Вернуть на контроль' : 'Снять с контроля'}
          </button>
        )}
      </div>
      {m.closed && <Alert kind="info">Снято с контроля.</Alert>}
      {error && <Alert>{error}</Alert>}
      {reports.error && <Alert>{reports.error}</Alert>}
      {!reports.data ? (
        !reports.error && <Loading />
      ) : reports.data.items.length === 0 ? (
        <p className="empty">Отчёты по этому мероприятию не ожидаются.</p>
      ) : (
        <table className="grid cards-on-phone" data-testid="reports-table">
          <thead>
            <tr>
              <th scope="col">Период</th>
              <th scope="col">Исполнитель</th>
              <th scope="col">Состояние</th>
              <th scope="col">Срок отчёта</th>
              <th scope="col">Статус</th>
              <th scope="col">
                <span className="sr-only">Действия</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {reports.data.items.map((r) => (
              <tr
                key={r.id}
                data-testid={`report-row-${r.id}`}
                data-period={r.period.label}
                data-org={r.organisation.shortName}
                data-role={r.role}
              >
                <td data-label="Период">{r.period.label}</td>
                <td data-label="Исполнитель">
                  {r.organisation.shortName}
                  {r.role === 'co' && <span className="muted small"> (соисполнитель)</span>}
                </td>
                <td data-label="Состояние">
                  <span className={`rstate rstate-${r.state}`}>{REPORT_STATE_LABELS[r.state]}</span>
                  {r.onTime === false && <span className="badge badge-warn">с опозданием</span>}
                </td>
                <td data-label="Срок отчёта" className="nowrap-md">
                  {formatDateShort(r.dueOn)}
                </td>
                <td data-label="Статус">
                  {r.resultStatus ? RESULT_LABELS[r.resultStatus] : <span className="muted">—</span>}
                </td>
                <td>
                  <button
                    type="button"
                    className="btn btn-sm"
                    onClick={() => setOpenId(openId === r.id ? null : r.id)}
                    data-testid={`report-open-${r.id}`}
                    aria-expanded={openId === r.id}
                  >
                    {openId === r.id
                      ? 'Свернуть'
                      : r.abilities?.edit
                        ? 'Заполнить'
                        : r.abilities?.accept
                          ? 'Проверить'
                          : 'Открыть'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {openId && <ReportEditor key={openId} id={openId} onChanged={reload} />}
      <Extensions m={m} onChanged={onChanged} />
    </section>
  );
}

export function ReportEditor({ id, onChanged }: { id: number; onChanged(): Promise<void> }) {
  const report = useApiQuery(['report', id], () => execution.report(id));
  const [text, setText] = useState<string | null>(null);
  const [status, setStatus] = useState<ResultStatus | '' | null>(null);
  const [comment, setComment] = useState('');
  const [figureRows, setFigureRows] = useState<FigureRow[] | null>(null);
  const [linksText, setLinksText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const r = report.data;
  if (!r) return report.error ? <Alert>{report.error}</Alert> : <Loading />;
  const curText = text ?? r.text;
  const curStatus = status ?? r.resultStatus ?? '';
  const curFigures = figureRows ?? Object.entries(r.figures).map(([name, value]) => ({ name, value: String(value) }));
  const curLinks = linksText ?? r.links.join('\n');

  /** `keepEdits`: an attachment upload must not throw away text typed but not yet saved. */
  const act = async (fn: (r: ReportDetail) => Promise<unknown>, done: string, keepEdits = false) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await fn(r);
      if (!keepEdits) {
        setText(null);
        setStatus(null);
        setComment('');
        setFigureRows(null);
        setLinksText(null);
      }
      await report.reload();
      await onChanged();
      setNotice(done);
    } catch (e) {
      setError(errorMessage(e));
      // A stale version: show the other person's change (in the message) and load it.
      if (e instanceof ApiError && e.status === 409) await report.reload();
    } finally {
      setBusy(false);
    }
  };
  const input = () => ({
    version: r.version,
    text: curText,
    resultStatus: (curStatus || null) as ResultStatus | null,
    figures: figuresFromRows(curFigures),
    links: linksFromText(curLinks),
  });
  const editFigure = (i: number, patch: Partial<FigureRow>) =>
    setFigureRows(curFigures.map((f, k) => (k === i ? { ...f, ...patch } : f)));

  return (
    <div className="report-editor card" data-testid="report-editor">
      <h3>
        Отчёт за {r.period.label} — {r.organisation.shortName}{' '}
        <span className="muted small">
          ({REPORT_STATE_LABELS[r.state]}, версия {r.version})
        </span>
      </h3>
      {r.state === 'returned' && r.reviewComment && (
        <Alert kind="info" testId="report-returned-comment">
          Возвращено на доработку: {r.reviewComment}
        </Alert>
      )}
      {error && <Alert testId="report-error">{error}</Alert>}
      {notice && (
        <Alert kind="success" testId="report-notice">
          {notice}
        </Alert>
      )}
      {r.abilities.edit ? (
        <>
          <label htmlFor={`rt-${id}`}>Информация об исполнении</label>
          <textarea
            id={`rt-${id}`}
            rows={6}
            value={curText}
            onChange={(e) => setText(e.target.value)}
            data-testid="report-text"
          />
          {r.role === 'lead' && (
            <>
              <label htmlFor={`rs-${id}`}>Статус исполнения</label>
              <select
                id={`rs-${id}`}
                value={curStatus}
                onChange={(e) => setStatus(e.target.value as ResultStatus | '')}
                data-testid="report-status"
              >
                <option value="">— выберите —</option>
                {Object.entries(RESULT_LABELS).map(([k, v]) => (
                  <option key={k} value={k}>
                    {v}
                  </option>
                ))}
              </select>
            </>
          )}
          <fieldset className="report-figures" data-testid="report-figures">
            <legend>Показатели (необязательно)</legend>
            {curFigures.map((f, i) => (
              <div className="figure-row" key={i}>
                <input
                  aria-label={`Показатель ${i + 1}: название`}
                  placeholder="Число участников"
                  value={f.name}
                  onChange={(e) => editFigure(i, { name: e.target.value })}
                  data-testid="figure-name"
                />
                <input
                  aria-label={`Показатель ${i + 1}: значение`}
                  placeholder="640"
                  value={f.value}
                  onChange={(e) => editFigure(i, { value: e.target.value })}
                  data-testid="figure-value"
                />
                <button
                  type="button"
                  className="btn btn-sm btn-ghost btn-danger-text"
                  onClick={() => setFigureRows(curFigures.filter((_, k) => k !== i))}
                  aria-label={`Убрать показатель ${i + 1}`}
                >
                  Убрать
                </button>
              </div>
            ))}
            <button
              type="button"
              className="btn btn-sm"
              onClick={() => setFigureRows([...curFigures, { name: '', value: '' }])}
              data-testid="figure-add"
            >
              Добавить показатель
            </button>
          </fieldset>
          <label htmlFor={`rl-${id}`}>Ссылки (по одной в строке: публикации, страницы на сайте)</label>
          <textarea
            id={`rl-${id}`}
            rows={2}
            value={curLinks}
            placeholder="https://minsoc.example.ru/news/…"
            onChange={(e) => setLinksText(e.target.value)}
            data-testid="report-links"
          />
          <label htmlFor={`ra-${id}`}>Приложить файл (PDF, Word, Excel, изображение; до 20 МБ)</label>
          <input
            id={`ra-${id}`}
            type="file"
            data-testid="report-attach"
            disabled={busy}
            onChange={async (e) => {
              const f = e.target.files?.[0];
              if (!f) return;
              await act(() => execution.attach(r.id, f), `Файл «${f.name}» приложен.`, true);
              e.target.value = '';
            }}
          />
        </>
      ) : (
        <div className="pre" data-testid="report-view-text">
          {r.text || <span className="muted">Текст не представлен.</span>}
        </div>
      )}
      {!r.abilities.edit && Object.keys(r.figures).length > 0 && (
        <table className="grid figures-table" data-testid="report-view-figures">
          <tbody>
            {Object.entries(r.figures).map(([k, v]) => (
              <tr key={k}>
                <th scope="row">{k}</th>
                <td>{typeof v === 'number' ? v.toLocaleString('ru-RU') : v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!r.abilities.edit && r.links.length > 0 && (
        <ul className="plain" data-testid="report-view-links">
          {r.links.map((l) => {
            const href = safeHref(l);
            return (
              <li key={l}>
                {href ? (
                  <a href={href} target="_blank" rel="noopener noreferrer">
                    {l}
                  </a>
                ) : (
                  l
                )}
              </li>
            );
          })}
        </ul>
      )}
      {r.attachments.length > 0 && (
        <ul className="plain" data-testid="report-attachments">
          {r.attachments.map((a) => (
            <li key={a.id} data-testid="report-attachment">
              <a href={api.fileUrl(a.fileId)}>{a.name}</a>{' '}
              <span className="muted small">({Math.ceil(a.size / 1024)} КБ)</span>
              {/* Files come off only while the report is being written, by its own organisation (the server checks). */}
              {r.abilities.edit && (
                <button
                  type="button"
                  className="btn btn-sm btn-ghost btn-danger-text"
                  disabled={busy}
                  onClick={() => act((x) => execution.detach(x.id, a.id), `Файл «${a.name}» убран.`, true)}
                  data-testid="report-detach"
                >
                  Убрать<span className="sr-only"> файл {a.name}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {r.role === 'lead' && r.parts.length > 0 && (
        <div className="small">
          <strong>Части соисполнителей:</strong>
          <ul className="plain">
            {r.parts.map((p) => (
              <li key={p.id}>
                {p.organisation.shortName}: {p.text || <span className="muted">{REPORT_STATE_LABELS[p.state]}</span>}
              </li>
            ))}
          </ul>
          <strong>Сводный текст:</strong> <div className="pre">{r.gatheredText}</div>
        </div>
      )}
      <div className="form-actions">
        {r.abilities.edit && (
          <button
            type="button"
            className="btn"
            disabled={busy}
            onClick={() => act((x) => execution.saveReport(x.id, input()), 'Черновик сохранён.')}
            data-testid="report-save"
          >
            Сохранить черновик
          </button>
        )}
        {r.abilities.submit && (
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy}
            onClick={() => act((x) => execution.submitReport(x.id, input()), 'Отчёт отправлен.')}
            data-testid="report-submit"
          >
            Отправить
          </button>
        )}
        {r.abilities.accept && (
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy}
            onClick={() => act((x) => execution.acceptReport(x.id, x.version), 'Отчёт принят.')}
            data-testid="report-accept"
          >
            Принять
          </button>
        )}
      </div>
      {r.abilities.return && (
        <div className="return-box">
          <label htmlFor={`rc-${id}`}>Что доработать</label>
          <textarea
            id={`rc-${id}`}
            rows={2}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            data-testid="report-return-comment"
          />
          <button
            type="button"
            className="btn btn-danger-outline"
            disabled={busy}
            onClick={() =>
              act((x) => execution.returnReport(x.id, x.version, comment), 'Отчёт возвращён на доработку.')
            }
            data-testid="report-return"
          >
            Вернуть на доработку
          </button>
        </div>
      )}
      <details className="small">
        <summary>Версии ({r.versions.length})</summary>
        <ul className="plain">
          {r.versions.map((v, i) => (
            <li key={i}>
              {formatDateTimeRu(v.at)} — {v.actor ?? 'система'}: {ACTION_LABELS[v.action] ?? v.action} (версия{' '}
              {v.version})
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}

const ACTION_LABELS: Record<string, string> = {
  save: 'сохранён черновик',
  submit: 'отправлен',
  return: 'возвращён',
  accept: 'принят',
  reopen: 'открыт снова',
};

/**
 * «Перенос срока»: the request names the date it moves (a control date for the lead, one's
 * own report for any executor), shows old and new, and is confirmed again when the server
 * warns of a long move; the coordinator decides with a comment (required to reject).
 * Offered only to whom the server's abilities allow.
 */
function Extensions({ m, onChanged }: { m: Measure; onChanged(): void }) {
  const canRequest = Boolean(m.abilities?.requestExtension) && !m.closed;
  const canDecide = Boolean(m.abilities?.decideExtension);
  const list = useApiQuery(['measure', m.id, 'extensions'], () => execution.extensions(m.id));
  const targets = useApiQuery(['measure', m.id, 'extension-targets', canRequest], () =>
    canRequest ? execution.extensionTargets(m.id) : Promise.resolve({ items: [] as ExtensionTarget[] }),
  );
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const reloadAll = async () => {
    await Promise.all([list.reload(), targets.reload()]);
    onChanged();
  };
  const items = list.data?.items ?? [];
  const movable = targets.data?.items ?? [];
  return (
    <div className="extensions" data-testid="extensions">
      <div className="section-heading-row">
        <h3>Перенос срока</h3>
        {canRequest && movable.length > 0 && (
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => {
              setOpen(!open);
              setNotice(null);
            }}
            aria-expanded={open}
            data-testid="extension-open"
          >
            Запросить перенос срока
          </button>
        )}
      </div>
      {error && <Alert>{error}</Alert>}
      {notice && (
        <Alert kind="success" testId="extension-notice">
          {notice}
        </Alert>
      )}
      {open && (
        <ExtensionForm
          measureId={m.id}
          targets={movable}
          onCancel={() => setOpen(false)}
          onSent={async () => {
            setOpen(false);
            setNotice('Запрос отправлен координатору.');
            await reloadAll();
          }}
        />
      )}
      {items.length === 0 ? (
        <p className="empty small">Запросов нет.</p>
      ) : (
        <ul className="plain extension-list">
          {items.map((x) => (
            <li key={x.id} data-testid={`extension-${x.id}`} data-state={x.state}>
              <div>
                <strong>{x.target.label}</strong>: {x.currentDue ? formatDateShort(x.currentDue) : '—'} →{' '}
                <strong>{formatDateShort(x.requestedDue)}</strong>{' '}
                <span className={`badge ext-${x.state}`}>{EXTENSION_STATE_LABELS[x.state]}</span>
              </div>
              <div className="small">
                {x.organisation.shortName}, {x.requestedBy}, {formatDateTimeRu(x.createdAt)}: {x.reason}
              </div>
              {x.warnings.length > 0 && (
                <div className="small warn-text" data-testid="extension-warnings">
                  Внимание: {x.warnings.join('; ')}
                </div>
              )}
              {x.state !== 'pending' && (
                <div className="small muted">
                  {x.state === 'approved' ? 'Согласовал' : 'Отклонил'}: {x.decidedBy ?? '—'}
                  {x.decidedAt ? `, ${formatDateTimeRu(x.decidedAt)}` : ''}
                  {x.decisionComment && <> — «{x.decisionComment}»</>}
                </div>
              )}
              {canDecide && x.state === 'pending' && (
                <ExtensionDecision
                  ext={x}
                  onDecided={async (approved) => {
                    setNotice(approved ? 'Перенос согласован.' : 'В переносе отказано.');
                    await reloadAll();
                  }}
                  onError={setError}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const EXTENSION_STATE_LABELS: Record<Extension['state'], string> = {
  pending: 'на рассмотрении',
  approved: 'согласован',
  rejected: 'отклонён',
};

const targetKey = (t: ExtensionTarget) => (t.kind === 'due' ? `due:${t.nominal}` : `report:${t.reportId}`);
const targetDate = (t: ExtensionTarget) => (t.kind === 'due' ? t.nominal : t.dueOn);

function ExtensionForm({
  measureId,
  targets,
  onSent,
  onCancel,
}: {
  measureId: number;
  targets: ExtensionTarget[];
  onSent(): Promise<void>;
  onCancel(): void;
}) {
  const [key, setKey] = useState(targetKey(targets[0]));
  const [date, setDate] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  /** The server's warnings about a long move, waiting for the user's confirmation. */
  const [confirmText, setConfirmText] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const target = targets.find((t) => targetKey(t) === key) ?? targets[0];
  const send = async (confirm: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await execution.requestExtension(measureId, {
        reason,
        requestedDue: date,
        confirm,
        target:
          target.kind === 'due' ? { kind: 'due', date: target.nominal } : { kind: 'report', reportId: target.reportId },
      });
      await onSent();
    } catch (e) {
      if (e instanceof ApiError && e.reason === 'extension.confirm') setConfirmText(e.message);
      else setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="inline-form extension-form"
      data-testid="extension-form"
      onSubmit={(e) => {
        e.preventDefault();
        setConfirmText(null);
        void send(false);
      }}
    >
      {error && <Alert testId="extension-error">{error}</Alert>}
      <label htmlFor="ext-target">Что перенести</label>
      <select
        id="ext-target"
        value={key}
        onChange={(e) => {
          setKey(e.target.value);
          setConfirmText(null);
        }}
        data-testid="extension-target"
      >
        {targets.map((t) => (
          <option key={targetKey(t)} value={targetKey(t)}>
            {t.label}
          </option>
        ))}
      </select>
      <label htmlFor="ext-date">Новый срок</label>
      <input
        id="ext-date"
        type="date"
        value={date}
        min={targetDate(target)}
        onChange={(e) => {
          setDate(e.target.value);
          setConfirmText(null);
        }}
        required
        data-testid="extension-date"
      />
      {date && (
        <p className="small" data-testid="extension-preview">
          Срок {formatDateShort(targetDate(target))} → <strong>{formatDateShort(date)}</strong>
        </p>
      )}
      <label htmlFor="ext-reason">Причина</label>
      <textarea
        id="ext-reason"
        rows={2}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        required
        data-testid="extension-reason"
      />
      {confirmText && (
        <div className="alert alert-info" role="alert" data-testid="extension-confirm">
          <p>{confirmText}</p>
          <button
            type="button"
            className="btn btn-sm btn-primary"
            disabled={busy}
            onClick={() => send(true)}
            data-testid="extension-confirm-send"
          >
            Всё равно отправить
          </button>
        </div>
      )}
      <FormActions
        submitLabel="Отправить запрос"
        busy={busy}
        disabled={!date || !reason.trim()}
        submitTestId="extension-send"
        onCancel={onCancel}
      />
    </form>
  );
}

function ExtensionDecision({
  ext,
  onDecided,
  onError,
}: {
  ext: Extension;
  onDecided(approved: boolean): Promise<void>;
  onError(message: string | null): void;
}) {
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [local, setLocal] = useState<string | null>(null);
  const decide = async (approve: boolean) => {
    if (!approve && !comment.trim()) {
      setLocal('Укажите причину отказа.');
      return;
    }
    setBusy(true);
    setLocal(null);
    onError(null);
    try {
      await execution.decideExtension(ext.id, approve, comment.trim() || undefined);
      await onDecided(approve);
    } catch (e) {
      onError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const id = `ext-comment-${ext.id}`;
  return (
    <div className="extension-decision" data-testid="extension-decision">
      <label htmlFor={id}>Комментарий к решению (при отказе обязателен)</label>
      <textarea
        id={id}
        rows={2}
        value={comment}
        onChange={(e) => {
          setComment(e.target.value);
          setLocal(null);
        }}
        aria-invalid={local ? true : undefined}
        aria-describedby={local ? `${id}-error` : undefined}
        data-testid="extension-comment"
      />
      {local && (
        <div className="field-error" id={`${id}-error`}>
          {local}
        </div>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="btn btn-sm btn-primary"
          disabled={busy}
          onClick={() => decide(true)}
          data-testid="extension-approve"
        >
          Согласовать
        </button>
        <button
          type="button"
          className="btn btn-sm btn-danger-outline"
          disabled={busy}
          onClick={() => decide(false)}
          data-testid="extension-reject"
        >
          Отклонить
        </button>
      </div>
    </div>
  );
}
