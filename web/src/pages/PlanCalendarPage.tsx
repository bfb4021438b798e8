/** A plan's calendar: every control date of its measures, month by month. */
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, type CalendarItem } from '../api';
import { PlanBreadcrumbs, PlanTabs } from '../components/PlanTabs';
import { Alert, Loading, PageHeading, useTitle } from '../components/ui';
import {
  CONTROL_KIND_LABELS,
  CONTROL_SOURCE_LABELS,
  countRu,
  formatDateShort,
  formatMonthRu,
  formatPeriodRu,
} from '../format';
import { useApiQuery } from '../hooks';
import { useDebounced } from '../interpret';
import { NotFoundPage } from './NotFoundPage';

const DATE_WORDS = ['контрольная дата', 'контрольные даты', 'контрольных дат'] as const;

function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function PlanCalendarPage() {
  const { planId } = useParams();
  const id = Number(planId);
  const plan = useApiQuery(['plan', id], () => api.plan(id));
  const unclear = useApiQuery(['plan', id, 'unclear'], () => api.unclearDeadlines(id));
  const p = plan.data;
  useTitle(p ? `Календарь — ${p.title}` : 'Календарь плана');
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);
  const [kind, setKind] = useState<'' | 'due' | 'report'>('');
  const from = range?.from ?? p?.periodFrom?.slice(0, 10) ?? '';
  const to = range?.to ?? p?.periodTo?.slice(0, 10) ?? '';
  const q = useDebounced(`${from}|${to}`, 300);
  const cal = useApiQuery(['plan', id, 'calendar', q, Boolean(p)], () => {
    if (!p) return Promise.resolve(null);
    const [f, t] = q.split('|');
    return api.planCalendar(id, { from: f || undefined, to: t || undefined });
  });
  const today = todayIso();

  const months = useMemo(() => {
    const out: { key: string; label: string; items: CalendarItem[] }[] = [];
    for (const it of cal.data?.items ?? []) {
      if (kind && it.kind !== kind) continue;
      const key = it.effective.slice(0, 7);
      let m = out[out.length - 1];
      if (!m || m.key !== key) out.push((m = { key, label: formatMonthRu(it.effective), items: [] }));
      m.items.push(it);
    }
    return out;
  }, [cal.data, kind]);
  const total = months.reduce((n, m) => n + m.items.length, 0);

  if (!Number.isInteger(id)) return <NotFoundPage />;
  if (!p) return <section className="page">{plan.error ? <Alert>{plan.error}</Alert> : <Loading />}</section>;

  const setQuick = (f: string, t: string) => setRange({ from: f, to: t });
  const year = today.slice(0, 4);
  const pFrom = p.periodFrom?.slice(0, 10) ?? '';
  const pTo = p.periodTo?.slice(0, 10) ?? '';

  return (
    <section className="page page-calendar">
      <PlanBreadcrumbs plan={p} page="Календарь" />
      <div className="page-head">
        <div>
          <PageHeading>Календарь контрольных дат</PageHeading>
          <p className="sub">
            {p.title} · {formatPeriodRu(p.periodFrom, p.periodTo)}
          </p>
        </div>
      </div>
      <PlanTabs planId={p.id} unclearCount={unclear.data?.items.length ?? null} />
      <div className="toolbar" role="toolbar" aria-label="Период календаря">
        <div className="toolbar-group">
          <label htmlFor="cal-from">с</label>
          <input
            id="cal-from"
            type="date"
            value={from}
            onChange={(e) => setRange({ from: e.target.value, to })}
            data-testid="calendar-from"
          />
          <label htmlFor="cal-to">по</label>
          <input
            id="cal-to"
            type="date"
            value={to}
            onChange={(e) => setRange({ from, to: e.target.value })}
            data-testid="calendar-to"
          />
          <label className="sr-only" htmlFor="cal-kind">
            Вид даты
          </label>
          <select
            id="cal-kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as '' | 'due' | 'report')}
            data-testid="calendar-kind"
          >
            <option value="">Исполнение и отчёты</option>
            <option value="due">Только исполнение</option>
            <option value="report">Только отчёты</option>
          </select>
        </div>
        <div className="toolbar-group">
          <button type="button" className="btn btn-sm" onClick={() => setQuick(pFrom, pTo)}>
            Весь период
          </button>
          <button type="button" className="btn btn-sm" onClick={() => setQuick(`${year}-01-01`, `${year}-12-31`)}>
            {year} год
          </button>
          <button type="button" className="btn btn-sm" onClick={() => setQuick(today, pTo > today ? pTo : '')}>
            С сегодняшнего дня
          </button>
        </div>
      </div>
      {cal.error && <Alert>{cal.error}</Alert>}
      {!cal.data && !cal.error && <Loading />}
      {cal.data && (
        <>
          <p className="muted" aria-live="polite" data-testid="calendar-total">
            {total ? countRu(total, DATE_WORDS) : 'В этом периоде контрольных дат нет.'}
            {cal.loading && ' · обновление…'}
          </p>
          <div className="calendar" data-testid="plan-calendar">
            {months.map((m) => (
              <section
                key={m.key}
                className="cal-month"
                aria-labelledby={`cal-${m.key}`}
                data-testid={`calendar-month-${m.key}`}
              >
                <h2 id={`cal-${m.key}`} className="cal-month-title">
                  {m.label} <span className="muted small">({m.items.length})</span>
                </h2>
                <table className="grid cal-table cards-on-phone">
                  <thead>
                    <tr>
                      <th scope="col" className="col-date">
                        Дата
                      </th>
                      <th scope="col" className="col-kind">
                        Вид
                      </th>
                      <th scope="col" className="col-num">
                        №
                      </th>
                      <th scope="col" className="col-title">
                        Мероприятие
                      </th>
                      <th scope="col" className="col-label">
                        Период
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {m.items.map((it, i) => (
                      <tr
                        key={`${it.measure.id}-${it.kind}-${it.effective}-${i}`}
                        className={it.effective < today ? 'row-past' : undefined}
                        data-testid="calendar-item"
                      >
                        <td className="col-date" data-label="Дата">
                          <strong>{formatDateShort(it.effective)}</strong>
                          {it.nominal !== it.effective && (
                            <div className="small muted">перенесено с {formatDateShort(it.nominal)}</div>
                          )}
                        </td>
                        <td className="col-kind" data-label="Вид">
                          <span className={`ckind ckind-${it.kind}`}>{CONTROL_KIND_LABELS[it.kind] ?? it.kind}</span>
                          {it.source !== 'parsed' && (
                            <div className="small muted">{CONTROL_SOURCE_LABELS[it.source] ?? it.source}</div>
                          )}
                        </td>
                        <td className="col-num" data-label="№">
                          {it.measure.number}
                        </td>
                        <td className="col-title" data-label="Мероприятие">
                          <Link to={`/measures/${it.measure.id}`} className="title-link">
                            {it.measure.title}
                          </Link>
                        </td>
                        <td className="col-label" data-label="Период">
                          {it.label || <span className="muted">—</span>}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            ))}
          </div>
        </>
      )}
    </section>
  );
}
