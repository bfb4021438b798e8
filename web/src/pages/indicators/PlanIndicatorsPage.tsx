/**
 * «Целевые показатели» of a plan: the table in the document's own layout (number, name, unit,
 * base, years) with the fact beside each year's plan, the deviation and a flag where the trend
 * will miss the year's target. Managers add and edit indicators here.
 */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api';
import { IndicatorFormDialog } from '../../components/IndicatorForm';
import { PlanBreadcrumbs, PlanTabs } from '../../components/PlanTabs';
import { Alert, Loading, PageHeading, useTitle } from '../../components/ui';
import { useApiQuery } from '../../hooks';
import {
  COMPUTATION_LABELS,
  formatDeviationRu,
  formatNumberRu,
  indicatorsApi,
  PLAN_FACT_STATUS_LABELS,
  planYears,
  type IndicatorSummary,
} from '../../indicators';
import { NotFoundPage } from '../NotFoundPage';
import '../../indicators.css';

export function PlanIndicatorsPage() {
  const { planId } = useParams();
  const id = Number(planId);
  const plan = useApiQuery(['plan', id], () => api.plan(id));
  const list = useApiQuery(['plan', id, 'indicators'], () => indicatorsApi.list(id));
  const p = plan.data;
  useTitle(p ? `Целевые показатели — ${p.title}` : 'Целевые показатели');
  const [editing, setEditing] = useState<IndicatorSummary | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (!Number.isInteger(id)) return <NotFoundPage />;
  // An executor answering for an indicator may read it without reading the whole plan.
  if (!p && !(plan.error && list.data))
    return <section className="page">{plan.error && list.error ? <Alert>{list.error}</Alert> : <Loading />}</section>;
  const items = list.data?.items ?? [];
  const years = p
    ? planYears(p.periodFrom, p.periodTo)
    : [...new Set(items.flatMap((i) => i.planFact.map((r) => r.year)))].sort((a, b) => a - b);
  const canManage = !!p && p.abilities.update && p.status !== 'archived';

  return (
    <section className="page page-indicators">
      {p && <PlanBreadcrumbs plan={p} page="Целевые показатели" />}
      <div className="page-head">
        <div>
          <PageHeading>Целевые показатели</PageHeading>
          <p className="sub">
            Плановые значения по годам, фактические значения из отчётов исполнителей, отклонение и прогноз по тренду.
          </p>
        </div>
        {canManage && (
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => setEditing('new')}
            data-testid="indicator-add"
          >
            Добавить показатель
          </button>
        )}
      </div>
      {p && <PlanTabs planId={p.id} />}
      {notice && <Alert kind="success">{notice}</Alert>}
      {list.error && <Alert>{list.error}</Alert>}
      {!list.data && !list.error && <Loading />}
      {list.data && items.length === 0 && (
        <div className="empty" data-testid="indicators-empty">
          У плана нет целевых показателей.
        </div>
      )}
      {items.length > 0 && (
        <div className="table-scroll">
          <table className="grid indicators-table" data-testid="indicators-table">
            <thead>
              <tr>
                <th scope="col" rowSpan={2}>
                  №
                </th>
                <th scope="col" rowSpan={2}>
                  Наименование показателя
                </th>
                <th scope="col" rowSpan={2}>
                  Ед. изм.
                </th>
                <th scope="col" rowSpan={2}>
                  Базовое значение
                </th>
                {years.map((y) => (
                  <th key={y} scope="colgroup" colSpan={3} className="year-head">
                    {y} г.
                  </th>
                ))}
              </tr>
              <tr>
                {years.map((y) => (
                  <YearSubHeads key={y} />
                ))}
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.id} data-testid={`indicator-row-${i.number}`}>
                  <td>{i.number}</td>
                  <td className="col-title">
                    <Link to={`/indicators/${i.id}`} className="title-link">
                      {i.name}
                    </Link>
                    {i.computation !== 'reported' && (
                      <div className="muted small">Вычисляется: {COMPUTATION_LABELS[i.computation]}</div>
                    )}
                    {canManage && (
                      <div>
                        <button
                          type="button"
                          className="btn btn-sm btn-link"
                          onClick={() => setEditing(i)}
                          aria-label={`Изменить показатель ${i.number}`}
                        >
                          Изменить
                        </button>
                      </div>
                    )}
                  </td>
                  <td>{i.unit || '—'}</td>
                  <td className="num">
                    {formatNumberRu(i.baseValue)}
                    {i.basePeriod && <div className="muted small">{i.basePeriod}</div>}
                  </td>
                  {years.map((y) => (
                    <YearCells key={y} indicator={i} year={y} />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && p && (
        <IndicatorFormDialog
          plan={p}
          indicator={editing === 'new' ? null : editing}
          others={items}
          onClose={() => setEditing(null)}
          onSaved={(i) => {
            setEditing(null);
            setNotice(`Показатель № ${i.number} сохранён.`);
            void list.reload();
          }}
        />
      )}
    </section>
  );
}

function YearSubHeads() {
  return (
    <>
      <th scope="col">план</th>
      <th scope="col">факт</th>
      <th scope="col">откл.</th>
    </>
  );
}

function YearCells({ indicator, year }: { indicator: IndicatorSummary; year: number }) {
  const r = indicator.planFact.find((x) => x.year === year && x.quarter === 0);
  const target = indicator.targets.find((t) => t.year === year && t.quarter === 0);
  const planned = r?.planned ?? null;
  return (
    <>
      <td className="num">{planned != null ? formatNumberRu(planned) : target?.valueText || '—'}</td>
      <td
        className={`num fact-${r?.status ?? 'no_fact'}`}
        title={r ? PLAN_FACT_STATUS_LABELS[r.status] : undefined}
        data-testid={`fact-${indicator.number}-${year}`}
      >
        {formatNumberRu(r?.fact)}
        {r?.partial && <span className="muted small"> (на дату)</span>}
      </td>
      <td className="num">
        {formatDeviationRu(r?.partial ? null : r?.deviation)}
        {r?.willMiss && (
          <span
            className="flag-miss"
            title={`По тренду к концу года: ${formatNumberRu(r.forecast)} — план не будет достигнут`}
            data-testid={`will-miss-${indicator.number}-${year}`}
          >
            ⚠ прогноз {formatNumberRu(r.forecast)}
          </span>
        )}
      </td>
    </>
  );
}
