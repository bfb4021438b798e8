/**
 * «Отчётность»: how often the executors of a plan report and by which day, and the
 * reporting periods themselves — generated (month, quarter, half-year, year) or set by
 * hand («9 месяцев», a council's own dates). The server refuses to drop a period that
 * already holds reports; the message says which.
 */
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { api, errorMessage } from '../api';
import { FormActions } from '../components/form';
import { PlanBreadcrumbs, PlanTabs } from '../components/PlanTabs';
import { Alert, Field, Loading, PageHeading, useTitle } from '../components/ui';
import {
  execution as execApi,
  FREQUENCY_LABELS,
  type PeriodInput,
  type PlanPeriod,
  type ReportingFrequency,
} from '../execution';
import { countRu, formatDateShort, formatPeriodRu } from '../format';
import { useApiQuery } from '../hooks';
import { NotFoundPage } from './NotFoundPage';

const REPORT_WORDS = ['отчёт', 'отчёта', 'отчётов'] as const;
const FREQUENCIES = Object.keys(FREQUENCY_LABELS) as ReportingFrequency[];

type Row = PeriodInput & { key: number; written: number };
let rowKey = 0;
const toRows = (items: PlanPeriod[]): Row[] =>
  items.map((p) => ({
    key: ++rowKey,
    id: p.id,
    label: p.label,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    reportDue: p.reportDue,
    written: p.written,
  }));

export function PlanReportingPage() {
  const { planId } = useParams();
  const id = Number(planId);
  const plan = useApiQuery(['plan', id], () => api.plan(id));
  const periods = useApiQuery(['plan', id, 'periods'], () => execApi.periods(id));
  const p = plan.data;
  useTitle(p ? `Отчётность — ${p.title}` : 'Отчётность по плану');
  const [frequency, setFrequency] = useState<ReportingFrequency | null>(null);
  const [reportDay, setReportDay] = useState<string | null>(null);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!Number.isInteger(id)) return <NotFoundPage />;
  if (!p) return <section className="page">{plan.error ? <Alert>{plan.error}</Alert> : <Loading />}</section>;

  const canEdit = p.abilities.update && p.status !== 'archived';
  const current = p.reportingFrequency ?? 'quarter';
  const freq = frequency ?? current;
  const day = reportDay ?? String(p.reportDay ?? 10);
  const editing = freq === 'custom' ? (rows ?? toRows(periods.data?.items ?? [])) : null;

  const reload = async () => {
    await Promise.all([plan.reload(), periods.reload()]);
    setFrequency(null);
    setReportDay(null);
    setRows(null);
  };

  const applyFrequency = async (e: FormEvent) => {
    e.preventDefault();
    if (freq === 'custom') return;
    const n = Number(day);
    if (!Number.isInteger(n) || n < 1 || n > 28) {
      setError('День срока отчёта — число от 1 до 28.');
      return;
    }
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await api.updatePlan(id, { reportingFrequency: freq, reportDay: n, version: p!.version });
      await reload();
      setNotice(`Периоды отчётности: ${FREQUENCY_LABELS[freq]}, отчёт до ${n}-го числа следующего месяца.`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const savePeriods = async () => {
    if (!editing) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const r = await execApi.setPeriods(
        id,
        editing.map(({ id: pid, label, startsOn, endsOn, reportDue }) => ({
          ...(pid ? { id: pid } : {}),
          label,
          startsOn,
          endsOn,
          reportDue,
        })),
      );
      await reload();
      setNotice(`Сохранено периодов: ${r.items.length}.`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const edit = (key: number, patch: Partial<Row>) =>
    setRows((editing ?? []).map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const addRow = () => {
    const last = editing?.[editing.length - 1];
    setRows([
      ...(editing ?? []),
      {
        key: ++rowKey,
        label: '',
        startsOn: last ? '' : (p.periodFrom?.slice(0, 10) ?? ''),
        endsOn: '',
        reportDue: '',
        written: 0,
      },
    ]);
  };

  return (
    <section className="page page-reporting">
      <PlanBreadcrumbs plan={p} page="Отчётность" />
      <div className="page-head">
        <div>
          <PageHeading>Периоды отчётности</PageHeading>
          <p className="sub">
            {p.title} · {formatPeriodRu(p.periodFrom, p.periodTo)}
          </p>
        </div>
      </div>
      <PlanTabs planId={p.id} />
      {error && <Alert testId="reporting-error">{error}</Alert>}
      {notice && (
        <Alert kind="success" testId="reporting-notice">
          {notice}
        </Alert>
      )}

      <form className="card reporting-settings" onSubmit={applyFrequency} data-testid="reporting-settings">
        <div className="field-row">
          <Field id="reporting-frequency" label="Исполнители отчитываются">
            <select
              id="reporting-frequency"
              value={freq}
              disabled={!canEdit || busy}
              onChange={(e) => {
                setFrequency(e.target.value as ReportingFrequency);
                setError(null);
              }}
              data-testid="reporting-frequency"
            >
              {FREQUENCIES.map((f) => (
                <option key={f} value={f}>
                  {FREQUENCY_LABELS[f]}
                </option>
              ))}
            </select>
          </Field>
          {freq !== 'custom' && (
            <Field
              id="reporting-day"
              label="Срок отчёта: число следующего месяца"
              hint="Если это нерабочий день — ближайший следующий рабочий (ст. 193 ГК РФ)."
            >
              <input
                id="reporting-day"
                type="number"
                min={1}
                max={28}
                value={day}
                disabled={!canEdit || busy}
                onChange={(e) => setReportDay(e.target.value)}
                data-testid="reporting-day"
              />
            </Field>
          )}
        </div>
        <p className="muted small">
          Мероприятие, в сроке которого назван свой график отчётов («отчёт до 25 декабря», «до 5 числа месяца,
          следующего за отчётным кварталом»), отчитывается по нему: отчёт ожидается за период, о котором он, и к своей
          дате.
        </p>
        {canEdit && freq !== 'custom' && (freq !== current || Number(day) !== p.reportDay) && (
          <FormActions
            submitLabel="Применить"
            busy={busy}
            submitTestId="reporting-apply"
            onCancel={() => {
              setFrequency(null);
              setReportDay(null);
            }}
          />
        )}
      </form>

      {periods.error && <Alert>{periods.error}</Alert>}
      {!periods.data && !periods.error && <Loading />}
      {periods.data && !editing && (
        <table className="grid cards-on-phone" data-testid="periods-table">
          <thead>
            <tr>
              <th scope="col">Период</th>
              <th scope="col">С</th>
              <th scope="col">По</th>
              <th scope="col">Срок отчёта</th>
              <th scope="col">Отчёты</th>
            </tr>
          </thead>
          <tbody>
            {periods.data.items.map((r) => (
              <tr key={r.id} data-testid="period-row">
                <td data-label="Период">
                  <strong>{r.label}</strong>
                </td>
                <td data-label="С">{formatDateShort(r.startsOn)}</td>
                <td data-label="По">{formatDateShort(r.endsOn)}</td>
                <td data-label="Срок отчёта">{formatDateShort(r.reportDue)}</td>
                <td data-label="Отчёты">
                  {r.reports ? (
                    `${countRu(r.reports, REPORT_WORDS)}, написано ${r.written}`
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {editing && (
        <div className="card" data-testid="periods-editor">
          {!canEdit && <p className="muted">Периоды заданы вручную.</p>}
          <table className="grid cards-on-phone periods-editor">
            <thead>
              <tr>
                <th scope="col">Название периода</th>
                <th scope="col">С</th>
                <th scope="col">По</th>
                <th scope="col">Срок отчёта</th>
                <th scope="col">
                  <span className="sr-only">Действия</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {editing.map((r, i) => (
                <tr key={r.key} data-testid="period-edit-row">
                  <td data-label="Название">
                    <input
                      aria-label={`Название периода ${i + 1}`}
                      value={r.label}
                      disabled={!canEdit}
                      placeholder="9 месяцев 2025 г."
                      onChange={(e) => edit(r.key, { label: e.target.value })}
                      data-testid="period-label"
                    />
                  </td>
                  <td data-label="С">
                    <input
                      type="date"
                      aria-label={`Начало периода ${i + 1}`}
                      value={r.startsOn}
                      disabled={!canEdit}
                      onChange={(e) => edit(r.key, { startsOn: e.target.value })}
                      data-testid="period-from"
                    />
                  </td>
                  <td data-label="По">
                    <input
                      type="date"
                      aria-label={`Окончание периода ${i + 1}`}
                      value={r.endsOn}
                      disabled={!canEdit}
                      onChange={(e) => edit(r.key, { endsOn: e.target.value })}
                      data-testid="period-to"
                    />
                  </td>
                  <td data-label="Срок отчёта">
                    <input
                      type="date"
                      aria-label={`Срок отчёта за период ${i + 1}`}
                      value={r.reportDue}
                      disabled={!canEdit}
                      onChange={(e) => edit(r.key, { reportDue: e.target.value })}
                      data-testid="period-due"
                    />
                  </td>
                  <td>
                    {canEdit && (
                      <button
                        type="button"
                        className="btn btn-sm btn-ghost btn-danger-text"
                        disabled={r.written > 0}
                        title={
                          r.written > 0
                            ? 'По периоду уже есть отчёты: его можно переименовать или изменить даты, но не удалить'
                            : undefined
                        }
                        onClick={() => setRows(editing.filter((x) => x.key !== r.key))}
                        data-testid="period-remove"
                      >
                        Убрать
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {canEdit && (
            <div className="form-actions">
              <button type="button" className="btn" onClick={addRow} data-testid="period-add">
                Добавить период
              </button>
              <button
                type="button"
                className="btn btn-primary"
                disabled={busy || editing.length === 0}
                onClick={savePeriods}
                data-testid="periods-save"
              >
                Сохранить периоды
              </button>
              {current !== 'custom' && (
                <button
                  type="button"
                  className="btn"
                  onClick={() => {
                    setFrequency(null);
                    setRows(null);
                  }}
                >
                  Отмена
                </button>
              )}
            </div>
          )}
        </div>
      )}
    </section>
  );
}
