/**
 * «Применить к плану»: an execution report's statuses and texts onto an existing plan,
 * matched by measure number. A dry run shows the changes first; only then «Применить».
 */
import { useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, errorMessage, type ApplyReportResult, type ImportPreview, type PlanSummary } from '../../api';
import { FormActions } from '../../components/form';
import { Alert, Field, Loading, StatusBadge } from '../../components/ui';
import { countRu, formatPeriodRu, planStatusLabel } from '../../format';
import { useApiQuery } from '../../hooks';
import { reportPeriodLabel } from '../../import-review';

const CHANGE_WORDS = ['изменение', 'изменения', 'изменений'] as const;
const MEASURE_WORDS = ['мероприятие', 'мероприятия', 'мероприятий'] as const;

const normTitle = (s: string) =>
  s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^а-яa-z0-9]+/g, ' ')
    .trim();
const numKey = (n: string) => n.replace(/\s+/g, '').replace(/\.$/, '');

const words = (s: string) =>
  new Set(
    s
      .toLowerCase()
      .replace(/ё/g, 'е')
      .split(/[^а-яa-z0-9]+/)
      .filter((w) => w.length >= 4),
  );

/** The plan whose title shares most words with the report's, when one clearly does. */
function guessPlan(title: string, plans: PlanSummary[]): number | null {
  const mine = words(title);
  if (!mine.size) return null;
  const scored = plans
    .map((p) => {
      const theirs = words(p.title);
      let common = 0;
      for (const w of mine) if (theirs.has(w)) common++;
      return { id: p.id, score: common / Math.max(mine.size, 1) };
    })
    .sort((a, b) => b.score - a.score);
  if (scored[0] && scored[0].score >= 0.5 && (!scored[1] || scored[1].score < scored[0].score)) return scored[0].id;
  return null;
}

export function ReportApply({ preview }: { preview: ImportPreview }) {
  const doc = preview.document;
  const plans = useApiQuery(['plans', false], () => api.plans());
  const choosable = useMemo(() => (plans.data?.items ?? []).filter((p) => p.status !== 'archived'), [plans.data]);
  const [planChoice, setPlanChoice] = useState<string | null>(null);
  const guessed = useMemo(() => guessPlan(doc.title, choosable), [doc.title, choosable]);
  const planId = planChoice ?? (guessed ? String(guessed) : '');
  const [period, setPeriod] = useState(() => reportPeriodLabel(doc));
  const [result, setResult] = useState<(ApplyReportResult & { for: string }) | null>(null);
  const [busy, setBusy] = useState<'dry' | 'apply' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [applied, setApplied] = useState<{ planId: number; count: number } | null>(null);
  const requestKey = `${planId}|${period.trim()}`;
  // Rows are matched by number only: show the report's own title where it differs.
  const reportTitle = useMemo(() => new Map(doc.items.map((i) => [numKey(i.number), i.title])), [doc.items]);
  const current = result && result.for === requestKey ? result : null;

  const check = (): boolean => {
    const e: Record<string, string> = {};
    if (!planId) e.planId = 'Выберите план.';
    if (!period.trim()) e.period = 'Укажите отчётный период, например «I квартал 2025 г.».';
    setErrors(e);
    return Object.keys(e).length === 0;
  };

  const dryRun = async (ev?: FormEvent) => {
    ev?.preventDefault();
    setError(null);
    if (!check()) return;
    setBusy('dry');
    try {
      const r = await api.applyReport(preview.importId, {
        planId: Number(planId),
        period: period.trim(),
        dryRun: true,
      });
      setResult({ ...r, for: requestKey });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const apply = async () => {
    if (!current || !check()) return;
    setError(null);
    setBusy('apply');
    try {
      const r = await api.applyReport(preview.importId, {
        planId: Number(planId),
        period: period.trim(),
        dryRun: false,
        // Exactly the changes shown: if the plan changed since, the server refuses (409) and nothing is written.
        versions: current.changes.map((c) => ({ measureId: c.measureId, version: c.version })),
      });
      setApplied({ planId: Number(planId), count: r.changes.length });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  if (applied) {
    return (
      <Alert kind="success" testId="report-applied">
        Отчёт применён: {countRu(applied.count, CHANGE_WORDS)} за период «{period.trim()}».{' '}
        <Link to={`/plans/${applied.planId}`}>Открыть план</Link>
      </Alert>
    );
  }

  return (
    <section className="panel" aria-labelledby="report-apply-h" data-testid="report-apply">
      <h2 id="report-apply-h" className="panel-title">
        Применить к плану
      </h2>
      <p className="muted">
        Строки отчёта сопоставляются с мероприятиями плана по номеру. Сначала посмотрите, что изменится: статусы и
        информация об исполнении.
      </p>
      {plans.error && <Alert>{plans.error}</Alert>}
      {!plans.data && !plans.error && <Loading label="Загрузка планов…" />}
      {plans.data && (
        <form className="field-row report-form" onSubmit={dryRun} noValidate>
          <Field id="report-plan" label="План" error={errors.planId} required className="grow">
            <select
              id="report-plan"
              value={planId}
              onChange={(e) => setPlanChoice(e.target.value)}
              aria-invalid={errors.planId ? true : undefined}
              aria-describedby={errors.planId ? 'report-plan-error' : undefined}
              data-testid="report-plan"
            >
              <option value="">— выберите план —</option>
              {choosable.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title.length > 110 ? `${p.title.slice(0, 108)}…` : p.title} (
                  {formatPeriodRu(p.periodFrom, p.periodTo)}, {planStatusLabel(p.status).toLowerCase()})
                </option>
              ))}
            </select>
          </Field>
          <Field
            id="report-period"
            label="Отчётный период"
            error={errors.period}
            required
            className="narrow-lg"
            hint="Например: «I квартал 2025 г.», «2025 г.»"
          >
            <input
              id="report-period"
              value={period}
              onChange={(e) => setPeriod(e.target.value)}
              maxLength={100}
              aria-invalid={errors.period ? true : undefined}
              aria-describedby={errors.period ? 'report-period-error' : 'report-period-hint'}
              data-testid="report-period"
            />
          </Field>
          <div className="field field-button">
            <button type="submit" className="btn" disabled={busy !== null} data-testid="report-dry-run">
              {busy === 'dry' ? 'Проверка…' : 'Показать изменения'}
            </button>
          </div>
        </form>
      )}
      {error && <Alert testId="report-error">{error}</Alert>}
      {current && (
        <div className="report-result" data-testid="report-diff">
          {current.changes.length === 0 ? (
            <Alert kind="info">Отчёт ничего не меняет в этом плане: статусы и тексты уже совпадают.</Alert>
          ) : (
            <>
              <p>
                <strong>{countRu(current.changes.length, CHANGE_WORDS)}</strong> в плане:
              </p>
              <table className="grid diff-table cards-on-phone">
                <thead>
                  <tr>
                    <th scope="col" className="col-num">
                      №
                    </th>
                    <th scope="col" className="col-title">
                      Мероприятие
                    </th>
                    <th scope="col" className="col-status">
                      Статус
                    </th>
                    <th scope="col">Информация об исполнении: было</th>
                    <th scope="col">стало</th>
                  </tr>
                </thead>
                <tbody>
                  {current.changes.map((c) => (
                    <tr key={c.measureId} data-testid={`report-change-${c.number}`}>
                      <td className="col-num" data-label="№">
                        {c.number}
                      </td>
                      <td className="col-title" data-label="Мероприятие">
                        <Link to={`/measures/${c.measureId}`} className="title-link" target="_blank" rel="noreferrer">
                          {c.title}
                        </Link>
                        {(() => {
                          const theirs = reportTitle.get(numKey(c.number));
                          if (!theirs || normTitle(theirs) === normTitle(c.title)) return null;
                          return (
                            <div className="title-mismatch" data-testid="report-title-mismatch">
                              <span className="badge badge-warn">в отчёте другое наименование</span> {theirs}
                            </div>
                          );
                        })()}
                      </td>
                      <td className="col-status" data-label="Статус">
                        {c.before.status === c.after.status ? (
                          <StatusBadge status={c.after.status} />
                        ) : (
                          <span className="status-change">
                            <StatusBadge status={c.before.status} /> <span aria-label="станет">→</span>{' '}
                            <StatusBadge status={c.after.status} />
                          </span>
                        )}
                      </td>
                      <td className="pre diff-before-cell" data-label="Было">
                        {c.before.executionText || <span className="muted">—</span>}
                      </td>
                      <td
                        className={`pre ${c.before.executionText !== c.after.executionText ? 'diff-after-cell' : ''}`}
                        data-label="Стало"
                      >
                        {c.before.executionText === c.after.executionText ? (
                          <span className="muted">без изменений</span>
                        ) : (
                          c.after.executionText || <span className="muted">—</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          {current.unmatched.length > 0 && (
            <Alert kind="info" testId="report-unmatched">
              Не найдены в плане ({countRu(current.unmatched.length, MEASURE_WORDS)}): № {current.unmatched.join(', ')}.
              Эти строки отчёта не будут перенесены.
            </Alert>
          )}
          {current.changes.length > 0 && (
            <FormActions
              submitLabel={`Применить (${countRu(current.changes.length, CHANGE_WORDS)})`}
              busy={busy !== null}
              busyLabel={busy === 'apply' ? 'Применение…' : undefined}
              submitTestId="report-apply-submit"
              onSubmitClick={apply}
            >
              <span className="hint">Изменения попадут в историю каждого мероприятия с пометкой файла отчёта.</span>
            </FormActions>
          )}
        </div>
      )}
    </section>
  );
}
