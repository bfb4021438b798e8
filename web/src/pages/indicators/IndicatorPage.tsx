/**
 * One target indicator: what it is, plan against fact by year and quarter with the deviation
 * and the trend's forecast, charts (a line over time, bars by municipality), the reported
 * figures with their review, and the form in which the responsible executor enters a figure.
 */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { safeHref } from '../../format';
import { IndicatorFormDialog } from '../../components/IndicatorForm';
import { PlanFactLineChart, UnitBarChart } from '../../components/IndicatorCharts';
import { FormActions, useSubmit } from '../../components/form';
import { Alert, Field, Loading, PageHeading, useTitle } from '../../components/ui';
import { useApiQuery, useWrite } from '../../hooks';
import {
  BREAKDOWN_LABELS,
  COMPUTATION_LABELS,
  DIRECTION_LABELS,
  FACT_STATE_LABELS,
  formatDeviationRu,
  formatNumberRu,
  indicatorsApi,
  parseNumberRu,
  periodLabelRu,
  PLAN_FACT_STATUS_LABELS,
  planYears,
  type IndicatorDetail,
  type IndicatorFact,
} from '../../indicators';
import { NotFoundPage } from '../NotFoundPage';
import '../../indicators.css';

export function IndicatorPage() {
  const { indicatorId } = useParams();
  const id = Number(indicatorId);
  const q = useApiQuery(['indicator', id], () => indicatorsApi.get(id));
  const d = q.data;
  useTitle(d ? `Показатель № ${d.number} — ${d.name}` : 'Целевой показатель');
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  if (!Number.isInteger(id)) return <NotFoundPage />;
  if (!d) return <section className="page">{q.error ? <Alert>{q.error}</Alert> : <Loading />}</section>;

  const years = planYears(d.planPeriod.from, d.planPeriod.to);
  const unitYears = [...new Set(d.values.filter((v) => v.unitId != null && v.quarter === 0).map((v) => v.year))];
  const barYear = unitYears.length ? Math.max(...unitYears) : null;
  const unitName = (uid: number) => d.units.find((u) => u.id === uid)?.shortName ?? String(uid);
  const canEnter =
    d.computation !== 'share' && (d.breakdown === 'total' ? d.abilities.report : d.reportableUnitIds.length > 0);

  return (
    <section className="page indicator-page">
      <nav className="breadcrumbs" aria-label="Навигационная цепочка">
        <Link to="/plans">Планы</Link>
        <span aria-hidden="true"> › </span>
        <Link to={`/plans/${d.planId}`}>{d.planTitle}</Link>
        <span aria-hidden="true"> › </span>
        <Link to={`/plans/${d.planId}/indicators`}>Целевые показатели</Link>
        <span aria-hidden="true"> › </span>
        <span aria-current="page">№ {d.number}</span>
      </nav>
      <div className="page-head">
        <div>
          <PageHeading>
            {d.number}. {d.name}
          </PageHeading>
        </div>
        {d.abilities.update && (
          <button type="button" className="btn" onClick={() => setEditing(true)} data-testid="indicator-edit">
            Изменить
          </button>
        )}
      </div>
      {notice && <Alert kind="success">{notice}</Alert>}
      <dl className="indicator-meta">
        <dt>Единица измерения</dt>
        <dd>{d.unit || '—'}</dd>
        <dt>Улучшение</dt>
        <dd>{DIRECTION_LABELS[d.direction]}</dd>
        <dt>Базовое значение</dt>
        <dd>
          {formatNumberRu(d.baseValue)}
          {d.basePeriod ? ` (${d.basePeriod})` : ''}
        </dd>
        <dt>Разбивка</dt>
        <dd>{BREAKDOWN_LABELS[d.breakdown]}</dd>
        <dt>Значение</dt>
        <dd data-testid="indicator-computation">
          {COMPUTATION_LABELS[d.computation]}
          {d.components.length > 0 && (
            <>
              {': '}
              {d.components.map((c, i) => (
                <span key={c.id}>
                  {i > 0 && ' / '}
                  <Link to={`/indicators/${c.id}`}>
                    № {c.number} {c.name}
                  </Link>
                </span>
              ))}
            </>
          )}
        </dd>
        <dt>Ответственные</dt>
        <dd>{d.responsibles.map((o) => o.shortName).join(', ') || '—'}</dd>
        {d.source && (
          <>
            <dt>Источник данных</dt>
            <dd>{d.source}</dd>
          </>
        )}
        {d.method && (
          <>
            <dt>Методика расчёта</dt>
            <dd>{d.method}</dd>
          </>
        )}
      </dl>

      <h2>План и факт</h2>
      <table className="grid indicator-plan-fact" data-testid="plan-fact-table">
        <thead>
          <tr>
            <th scope="col">Период</th>
            <th scope="col">План</th>
            <th scope="col">Факт</th>
            <th scope="col">Отклонение</th>
            <th scope="col">% плана</th>
            <th scope="col">Оценка</th>
          </tr>
        </thead>
        <tbody>
          {d.planFact.map((r) => (
            <tr key={`${r.year}-${r.quarter}`} data-testid={`pf-${r.year}-${r.quarter}`}>
              <th scope="row">{periodLabelRu(r.year, r.quarter)}</th>
              <td className="num">{formatNumberRu(r.planned)}</td>
              <td className="num">
                {formatNumberRu(r.fact)}
                {r.partial && <span className="muted small"> (на дату)</span>}
              </td>
              <td className="num">{formatDeviationRu(r.partial ? null : r.deviation)}</td>
              <td className="num">
                {r.percentOfPlan == null || r.partial ? '—' : `${formatNumberRu(r.percentOfPlan)} %`}
              </td>
              <td className={`fact-${r.status}`}>
                {PLAN_FACT_STATUS_LABELS[r.status]}
                {r.willMiss && (
                  <span className="flag-miss" data-testid={`pf-miss-${r.year}`}>
                    ⚠ по тренду к концу года {formatNumberRu(r.forecast)} {d.unit} — план не будет достигнут
                  </span>
                )}
                {!r.willMiss && r.forecast != null && (
                  <span className="muted small"> прогноз {formatNumberRu(r.forecast)}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <PlanFactLineChart rows={d.planFact} unit={d.unit} testId="chart-plan-fact" />
      {barYear != null && (
        <>
          <h3>По муниципальным образованиям (организациям), {barYear} г.</h3>
          <UnitBarChart
            items={d.values
              .filter((v) => v.unitId != null && v.year === barYear && v.quarter === 0)
              .map((v) => ({ name: unitName(v.unitId!), value: v.value }))}
            unit={d.unit}
            testId="chart-units"
          />
        </>
      )}

      <h2>Внесённые значения</h2>
      {d.facts.length === 0 ? (
        <p className="muted" data-testid="facts-empty">
          {d.computation === 'share' ? 'Значения вычисляются из числителя и знаменателя.' : 'Значения ещё не внесены.'}
        </p>
      ) : (
        <FactsTable detail={d} onChanged={() => void q.reload()} />
      )}
      {canEnter && (
        <FactForm
          detail={d}
          years={years}
          onSaved={(f) => {
            setNotice(`Значение за ${periodLabelRu(f.year, f.quarter)} сохранено и передано на проверку.`);
            void q.reload();
          }}
        />
      )}
      {editing && (
        <IndicatorFormDialog
          plan={{ id: d.planId, periodFrom: d.planPeriod.from, periodTo: d.planPeriod.to }}
          indicator={d}
          others={[]}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            setNotice('Показатель сохранён.');
            void q.reload();
          }}
        />
      )}
    </section>
  );
}

function FactsTable({ detail, onChanged }: { detail: IndicatorDetail; onChanged(): void }) {
  const [returning, setReturning] = useState<IndicatorFact | null>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const accept = useWrite((f: IndicatorFact) => indicatorsApi.accept(f.id, f.version));
  const ret = useWrite((f: IndicatorFact, c: string) => indicatorsApi.returnFact(f.id, f.version, c));
  const act = async (p: Promise<unknown>) => {
    setError(null);
    try {
      await p;
      setReturning(null);
      setComment('');
      onChanged();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <>
      {error && <Alert>{error}</Alert>}
      <table className="grid" data-testid="facts-table">
        <thead>
          <tr>
            <th scope="col">Период</th>
            {detail.breakdown !== 'total' && <th scope="col">Муниципальное образование / организация</th>}
            <th scope="col">Значение</th>
            <th scope="col">Комментарий</th>
            <th scope="col">Подтверждение</th>
            <th scope="col">Статус</th>
            {detail.abilities.review && (
              <th scope="col">
                <span className="sr-only">Действия</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {detail.facts.map((f) => {
            const href = f.evidenceUrl ? safeHref(f.evidenceUrl) : null;
            return (
              <tr key={f.id} data-testid={`fact-row-${f.year}-${f.quarter}-${f.unit?.id ?? 0}`}>
                <td>{periodLabelRu(f.year, f.quarter)}</td>
                {detail.breakdown !== 'total' && <td>{f.unit?.shortName ?? 'итог'}</td>}
                <td className="num">{formatNumberRu(f.value)}</td>
                <td>{f.comment || '—'}</td>
                <td>
                  {href ? (
                    <a href={href} target="_blank" rel="noreferrer noopener">
                      документ
                    </a>
                  ) : (
                    '—'
                  )}
                </td>
                <td className={`fact-state-${f.state}`}>
                  {FACT_STATE_LABELS[f.state]}
                  {f.reviewComment && <div className="small">«{f.reviewComment}»</div>}
                </td>
                {detail.abilities.review && (
                  <td>
                    {f.state === 'submitted' && (
                      <>
                        <button
                          type="button"
                          className="btn btn-sm"
                          disabled={accept.busy}
                          onClick={() => void act(accept.run(f))}
                          data-testid="fact-accept"
                        >
                          Принять
                        </button>{' '}
                        <button
                          type="button"
                          className="btn btn-sm"
                          onClick={() => setReturning(f)}
                          data-testid="fact-return"
                        >
                          Вернуть
                        </button>
                      </>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {returning && (
        <form
          className="card"
          onSubmit={(e) => {
            e.preventDefault();
            if (!comment.trim()) {
              setError('Укажите, что нужно исправить');
              return;
            }
            void act(ret.run(returning, comment.trim()));
          }}
          data-testid="fact-return-form"
        >
          <Field
            id="fact-return-comment"
            label={`Вернуть значение за ${periodLabelRu(returning.year, returning.quarter)}`}
          >
            <textarea
              id="fact-return-comment"
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              rows={2}
              data-testid="fact-return-comment"
            />
          </Field>
          <FormActions submitLabel="Вернуть на доработку" busy={ret.busy} onCancel={() => setReturning(null)} />
        </form>
      )}
    </>
  );
}

function FactForm({
  detail,
  years,
  onSaved,
}: {
  detail: IndicatorDetail;
  years: number[];
  onSaved(f: IndicatorFact): void;
}) {
  const units = detail.units.filter((u) => detail.reportableUnitIds.includes(u.id));
  const [year, setYear] = useState(years.find((y) => y === new Date().getFullYear()) ?? years[0]);
  const [quarter, setQuarter] = useState(0);
  const [unitId, setUnitId] = useState<number | null>(detail.breakdown === 'total' ? null : (units[0]?.id ?? null));
  const [value, setValue] = useState('');
  const [comment, setComment] = useState('');
  const [evidence, setEvidence] = useState('');
  const existing = detail.facts.find(
    (f) => f.year === year && f.quarter === quarter && (f.unit?.id ?? null) === unitId,
  );
  const save = useSubmit(async () => {
    const f = await indicatorsApi.saveFact(detail.id, {
      year,
      quarter,
      unitOrganisationId: unitId,
      value: parseNumberRu(value)!,
      comment: comment.trim(),
      evidenceUrl: evidence.trim() || null,
      version: existing?.version,
    });
    setValue('');
    setComment('');
    setEvidence('');
    onSaved(f);
  });
  return (
    <form
      className="card"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const errors: Record<string, string> = {};
        if (parseNumberRu(value) == null) errors.value = 'Введите число, например 6,8';
        if (evidence.trim() && !/^https?:\/\//.test(evidence.trim()))
          errors.evidenceUrl = 'Ссылка должна начинаться с http:// или https://';
        if (save.invalid(errors, 'Проверьте выделенные поля')) return;
        void save.submit();
      }}
      data-testid="fact-form"
    >
      <h3>Внести значение</h3>
      {save.error && <Alert>{save.error}</Alert>}
      <div className="field-row">
        <Field id="fact-year" label="Год" className="narrow">
          <select id="fact-year" value={year} onChange={(e) => setYear(Number(e.target.value))} data-testid="fact-year">
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </Field>
        <Field id="fact-quarter" label="Период" className="narrow">
          <select
            id="fact-quarter"
            value={quarter}
            onChange={(e) => setQuarter(Number(e.target.value))}
            data-testid="fact-quarter"
          >
            <option value={0}>за год</option>
            <option value={1}>I квартал</option>
            <option value={2}>II квартал</option>
            <option value={3}>III квартал</option>
            <option value={4}>IV квартал</option>
          </select>
        </Field>
        {detail.breakdown !== 'total' && (
          <Field id="fact-unit" label="Муниципальное образование / организация">
            <select
              id="fact-unit"
              value={unitId ?? ''}
              onChange={(e) => setUnitId(Number(e.target.value))}
              data-testid="fact-unit"
            >
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.shortName}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field
          id="fact-value"
          label={`Значение${detail.unit ? `, ${detail.unit}` : ''}`}
          error={save.fieldErrors.value}
          className="narrow"
        >
          <input
            id="fact-value"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            inputMode="decimal"
            data-testid="fact-value"
          />
        </Field>
      </div>
      {existing && (
        <p className="muted small" data-testid="fact-existing">
          Уже внесено: {formatNumberRu(existing.value)} ({FACT_STATE_LABELS[existing.state]}). Новое значение заменит
          его.
        </p>
      )}
      <Field id="fact-comment" label="Комментарий">
        <textarea
          id="fact-comment"
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          rows={2}
          data-testid="fact-comment"
        />
      </Field>
      <Field id="fact-evidence" label="Ссылка на подтверждающий документ" error={save.fieldErrors.evidenceUrl}>
        <input
          id="fact-evidence"
          value={evidence}
          onChange={(e) => setEvidence(e.target.value)}
          placeholder="https://"
          data-testid="fact-evidence"
        />
      </Field>
      <FormActions submitLabel="Сохранить и передать на проверку" busy={save.busy} submitTestId="fact-save" />
    </form>
  );
}
