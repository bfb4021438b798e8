/**
 * «Отчёты»: the organisation's reports, the coordinator's review queue and (for those who
 * see the region) all reports — filtered by plan, period, state, executor and due day, and
 * paged by the server, so that a region's hundreds of thousands of reports stay one
 * request away. The filters live in the address, so a filtered list can be bookmarked or
 * sent. A row opens the report itself; returned reports stand out with the reason.
 * In the review queue reports can be accepted in bulk; each is accepted on its own and
 * the ones refused are listed with the reason.
 */
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, errorMessage } from '../api';
import { useUser } from '../auth';
import { Alert, Loading, PageHeading, useTitle } from '../components/ui';
import { SubstanceFlag } from '../components/Substance';
import { execution, REPORT_STATE_LABELS, type ReportState } from '../execution';
import { countRu, formatDateShort } from '../format';
import { useDirectory, useApiQuery } from '../hooks';
import { workspace, type BulkOutcome, type ReportListItem } from '../workspace';

type View = 'mine' | 'review' | 'all';
const PAGE_SIZE = 50;
const OPEN = 'expected,draft,returned';
const STATE_OPTIONS: { value: string; label: string }[] = [
  { value: '', label: 'Все' },
  { value: OPEN, label: 'Не сданы (ожидаются, черновики, возвращённые)' },
  ...(['expected', 'draft', 'submitted', 'returned', 'accepted'] as ReportState[]).map((s) => ({
    value: s,
    label: REPORT_STATE_LABELS[s],
  })),
];

export function ReportsPage() {
  useTitle('Отчёты');
  const user = useUser();
  const reviewer = user.role === 'coordinator' || user.role === 'admin';
  const views: { id: View; label: string }[] = [
    ...(reviewer ? [{ id: 'review' as View, label: 'На проверке' }] : []),
    ...(user.organisation ? [{ id: 'mine' as View, label: 'Отчёты моей организации' }] : []),
    ...(user.role !== 'executor' ? [{ id: 'all' as View, label: 'Все отчёты' }] : []),
  ];
  const [params, setParams] = useSearchParams();
  const view = (views.find((v) => v.id === params.get('view'))?.id ?? views[0]?.id ?? 'mine') as View;
  const num = (k: string) => (params.get(k) ? Number(params.get(k)) : undefined);
  const str = (k: string) => params.get(k) || undefined;
  const q = {
    view,
    planId: num('planId'),
    periodId: num('periodId'),
    periodLabel: str('periodLabel'),
    state: str('state'),
    organisationId: view === 'mine' ? undefined : num('organisationId'),
    dueFrom: str('dueFrom'),
    dueTo: str('dueTo'),
    overdue: params.get('overdue') === '1' || undefined,
    page: num('page') ?? 1,
    pageSize: PAGE_SIZE,
  };
  const key = JSON.stringify(q);
  const list = useApiQuery(['reports', key], () => workspace.reports(q));
  const plans = useApiQuery(['plans', false], () => api.plans());
  const periods = useApiQuery(['plan', q.planId, 'period-options'], () =>
    q.planId
      ? execution.periods(q.planId).then((r) => r.items.map((p) => ({ id: p.id, label: p.label })))
      : Promise.resolve([]),
  );
  const labels = useApiQuery(['period-labels', Boolean(q.planId)], () =>
    q.planId ? Promise.resolve({ items: [] as string[] }) : workspace.periodLabels(),
  );
  const home = useApiQuery(['home', view === 'review'], () =>
    view === 'review' ? workspace.home() : Promise.resolve(null),
  );
  const dir = useDirectory();
  const navigate = useNavigate();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [bulk, setBulk] = useState<{
    busy: boolean;
    outcomes?: BulkOutcome[];
    names?: Map<number, string>;
    error?: string;
  }>({ busy: false });

  /** Changes filters (and goes back to the first page). */
  const set = (patch: Record<string, string | number | boolean | undefined>) => {
    // From the address as it is now, not as this render saw it: two quick changes both count.
    // React Router hands the updater the params of the last render (navigations are
    // transitions, so a second change can come before the re-render); the browser's address is
    // already updated synchronously by the first change, so it is the one to start from.
    setParams(
      () => {
        const next = new URLSearchParams(window.location.search);
        for (const [k, v] of Object.entries(patch)) {
          if (v === undefined || v === '' || v === false) next.delete(k);
          else next.set(k, v === true ? '1' : String(v));
        }
        if (!('page' in patch)) next.delete('page');
        return next;
      },
      { replace: true },
    );
    setSelected(new Set());
  };

  const data = list.data;
  const acceptable = useMemo(() => (data?.items ?? []).filter((r) => r.abilities.accept), [data]);
  const byId = useMemo(() => new Map((data?.items ?? []).map((r) => [r.id, r])), [data]);
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  const acceptSelected = async () => {
    const items = acceptable.filter((r) => selected.has(r.id)).map((r) => ({ id: r.id, version: r.version }));
    if (!items.length) return;
    // Named now: the accepted ones leave the list when it reloads.
    const names = new Map(
      items.map(({ id }) => {
        const r = byId.get(id)!;
        return [id, `${r.measure.label} — ${r.organisation.shortName}, ${r.period.label}`];
      }),
    );
    setBulk({ busy: true });
    try {
      const r = await workspace.acceptMany(items);
      setBulk({ busy: false, outcomes: r.items, names });
      setSelected(new Set());
      await list.reload();
    } catch (e) {
      setBulk({ busy: false, error: errorMessage(e) });
    }
  };

  return (
    <section className="page page-reports">
      <PageHeading>Отчёты</PageHeading>
      {views.length > 1 && (
        <div className="tabs" role="tablist" aria-label="Какие отчёты">
          {views.map((v) => (
            <button
              key={v.id}
              type="button"
              role="tab"
              aria-selected={view === v.id}
              className={view === v.id ? 'tab active' : 'tab'}
              onClick={() => {
                set({ view: v.id, organisationId: undefined });
                setBulk({ busy: false });
              }}
              data-testid={`reports-tab-${v.id}`}
            >
              {v.label}
            </button>
          ))}
        </div>
      )}

      <form
        className="filters"
        aria-label="Фильтры отчётов"
        onSubmit={(e) => e.preventDefault()}
        data-testid="report-filters"
      >
        <label>
          План
          <select
            value={q.planId ?? ''}
            onChange={(e) => set({ planId: e.target.value || undefined, periodId: undefined, periodLabel: undefined })}
            data-testid="filter-plan"
          >
            <option value="">Все планы</option>
            {plans.data?.items.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          Отчётный период
          {q.planId ? (
            <select
              value={q.periodId ?? ''}
              onChange={(e) => set({ periodId: e.target.value || undefined })}
              data-testid="filter-period"
            >
              <option value="">Все</option>
              {periods.data?.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
          ) : (
            <select
              value={q.periodLabel ?? ''}
              onChange={(e) => set({ periodLabel: e.target.value || undefined })}
              data-testid="filter-period"
            >
              <option value="">Все</option>
              {labels.data?.items.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          )}
        </label>
        <label>
          Состояние
          <select
            value={q.state ?? (view === 'review' ? 'submitted' : '')}
            onChange={(e) => set({ state: e.target.value || undefined })}
            data-testid="filter-state"
          >
            {STATE_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        {view !== 'mine' && user.role !== 'executor' && (
          <label>
            Исполнитель
            <select
              value={q.organisationId ?? ''}
              onChange={(e) => set({ organisationId: e.target.value || undefined })}
              data-testid="filter-org"
            >
              <option value="">Все</option>
              {dir.items.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.shortName || o.fullName}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          Срок отчёта с
          <input
            type="date"
            value={q.dueFrom ?? ''}
            onChange={(e) => set({ dueFrom: e.target.value || undefined })}
            data-testid="filter-due-from"
          />
        </label>
        <label>
          по
          <input
            type="date"
            value={q.dueTo ?? ''}
            onChange={(e) => set({ dueTo: e.target.value || undefined })}
            data-testid="filter-due-to"
          />
        </label>
        <label className="check filter-check">
          <input
            type="checkbox"
            checked={Boolean(q.overdue)}
            onChange={(e) => set({ overdue: e.target.checked })}
            data-testid="filter-overdue"
          />{' '}
          Только просроченные
        </label>
        {[...params.keys()].some((k) => k !== 'view') && (
          <button
            type="button"
            className="btn btn-sm btn-ghost"
            onClick={() => {
              setParams(view === views[0]?.id ? {} : { view }, { replace: true });
              setSelected(new Set());
            }}
          >
            Сбросить фильтры
          </button>
        )}
      </form>

      {data && (
        <p className="muted small" data-testid="reports-total" aria-live="polite">
          {data.total === 0 ? 'Отчётов не найдено.' : `Найдено ${countRu(data.total, ['отчёт', 'отчёта', 'отчётов'])}`}
          {data.total > 0 &&
            ` · показаны ${(data.page - 1) * data.pageSize + 1}–${Math.min(data.total, data.page * data.pageSize)}`}
          {data.byState.returned > 0 && view !== 'review' && (
            <>
              {' '}
              ·{' '}
              <button type="button" className="btn-link" onClick={() => set({ state: 'returned' })}>
                возвращено на доработку: {data.byState.returned}
              </button>
            </>
          )}
        </p>
      )}

      {view === 'review' && acceptable.length > 0 && (
        <div className="bulkbar" data-testid="bulk-bar">
          <label className="check">
            <input
              type="checkbox"
              checked={acceptable.every((r) => selected.has(r.id))}
              onChange={(e) => setSelected(e.target.checked ? new Set(acceptable.map((r) => r.id)) : new Set())}
              data-testid="select-all"
            />
            Выбрать все на странице ({acceptable.length})
          </label>
          <button
            type="button"
            className="btn btn-primary btn-sm"
            disabled={bulk.busy || selected.size === 0}
            onClick={() => void acceptSelected()}
            data-testid="bulk-accept"
          >
            Принять выбранные{selected.size ? ` (${selected.size})` : ''}
          </button>
        </div>
      )}
      {bulk.error && <Alert>{bulk.error}</Alert>}
      {bulk.outcomes && (
        <BulkResult outcomes={bulk.outcomes} names={bulk.names ?? new Map()} onClose={() => setBulk({ busy: false })} />
      )}

      {list.error && <Alert>{list.error}</Alert>}
      {!data
        ? !list.error && <Loading />
        : data.items.length > 0 && (
            <table className="grid cards-on-phone report-list" data-testid="report-list">
              <thead>
                <tr>
                  {view === 'review' && (
                    <th scope="col">
                      <span className="sr-only">Выбрать</span>
                    </th>
                  )}
                  <th scope="col">Срок отчёта</th>
                  <th scope="col">План</th>
                  <th scope="col">Мероприятие</th>
                  <th scope="col">Период</th>
                  <th scope="col">Исполнитель</th>
                  <th scope="col">Состояние</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((r) => (
                  <ReportRow
                    key={r.id}
                    r={r}
                    review={view === 'review'}
                    checked={selected.has(r.id)}
                    onCheck={(on) =>
                      setSelected((old) => {
                        const next = new Set(old);
                        if (on) next.add(r.id);
                        else next.delete(r.id);
                        return next;
                      })
                    }
                    onOpen={() => navigate(`/reports/${r.id}`)}
                  />
                ))}
              </tbody>
            </table>
          )}

      {data && pages > 1 && (
        <nav className="pager" aria-label="Страницы списка" data-testid="pager">
          <button
            type="button"
            className="btn btn-sm"
            disabled={data.page <= 1}
            onClick={() => set({ page: data.page - 1 })}
          >
            ‹ Назад
          </button>
          <span className="small">
            Страница {data.page} из {pages}
          </span>
          <button
            type="button"
            className="btn btn-sm"
            disabled={data.page >= pages}
            onClick={() => set({ page: data.page + 1 })}
            data-testid="pager-next"
          >
            Вперёд ›
          </button>
        </nav>
      )}

      {view === 'review' && home.data?.review && (
        <>
          <h2 className="section-heading" id="pending-extensions">
            Запросы на перенос срока
          </h2>
          {home.data.review.pendingExtensions.length === 0 ? (
            <p className="empty">Запросов нет.</p>
          ) : (
            <ul className="plain item-list" data-testid="pending-extensions">
              {home.data.review.pendingExtensions.map((x) => (
                <li key={x.id}>
                  <Link to={`/measures/${x.measure.id}`}>{x.measure.label}</Link>
                  <div className="small">
                    {x.organisation} просит перенести {x.currentDue ? `с ${formatDateShort(x.currentDue)} ` : ''}на{' '}
                    <strong>{formatDateShort(x.requestedDue)}</strong>: {x.reason}
                  </div>
                  <div className="small muted">{x.plan.shortTitle}</div>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

function ReportRow({
  r,
  review,
  checked,
  onCheck,
  onOpen,
}: {
  r: ReportListItem;
  review: boolean;
  checked: boolean;
  onCheck(on: boolean): void;
  onOpen(): void;
}) {
  const cls = [r.state === 'returned' ? 'row-returned' : '', r.overdue ? 'row-overdue' : '', 'row-link']
    .filter(Boolean)
    .join(' ');
  return (
    <tr
      className={cls}
      data-testid={`report-item-${r.id}`}
      data-state={r.state}
      data-role={r.role}
      onClick={(e) => {
        if (!(e.target as HTMLElement).closest('a, button, input, label')) onOpen();
      }}
    >
      {review && (
        <td data-label="Выбрать">
          {r.abilities.accept && (
            <input
              type="checkbox"
              checked={checked}
              onChange={(e) => onCheck(e.target.checked)}
              aria-label={`Выбрать: ${r.measure.label}, ${r.organisation.shortName}`}
              data-testid="select-report"
            />
          )}
        </td>
      )}
      <td data-label="Срок отчёта" className="nowrap-md">
        {formatDateShort(r.dueOn)}
        {r.overdue && <span className="badge badge-warn">просрочен</span>}
      </td>
      <td data-label="План" title={r.plan.title}>
        {r.plan.shortTitle}
      </td>
      <td data-label="Мероприятие">
        <Link to={`/reports/${r.id}`} data-testid="report-item-open">
          {r.measure.label}
        </Link>
        {r.role === 'co' && <span className="muted small"> (часть соисполнителя)</span>}
      </td>
      <td data-label="Период">{r.period.label}</td>
      <td data-label="Исполнитель">{r.organisation.shortName}</td>
      <td data-label="Состояние">
        <span className={`rstate rstate-${r.state}`}>{REPORT_STATE_LABELS[r.state]}</span>
        {r.substance && r.state !== 'expected' && (
          <SubstanceFlag
            label={r.substance.label}
            conflict={r.substance.statusConflict}
            reasons={r.substance.reasons}
          />
        )}
        {r.sharedFromReportId && <span className="badge badge-info">из связанного плана</span>}
        {r.substance && r.substance.label !== 'substantive' && r.state === 'submitted' && (
          <div className="small substance-why" data-testid="substance-why">
            {r.substance.reasons[0]}
          </div>
        )}
        {r.state === 'returned' && r.reviewComment && (
          <div className="small returned-why">Что доработать: {r.reviewComment}</div>
        )}
      </td>
    </tr>
  );
}

function BulkResult({
  outcomes,
  names,
  onClose,
}: {
  outcomes: BulkOutcome[];
  names: Map<number, string>;
  onClose(): void;
}) {
  const ok = outcomes.filter((o) => o.ok).length;
  const failed = outcomes.filter((o): o is Extract<BulkOutcome, { ok: false }> => !o.ok);
  const name = (id: number) => names.get(id) ?? 'Отчёт';
  return (
    <div
      className={`alert ${failed.length ? 'alert-warning' : 'alert-success'}`}
      role="status"
      data-testid="bulk-result"
    >
      <p>
        <strong>Принято: {ok}.</strong>
        {failed.length > 0 && ` Не принято: ${failed.length}.`}
      </p>
      {failed.length > 0 && (
        <ul className="plain small">
          {failed.map((f) => (
            <li key={f.id}>
              {name(f.id)}: {f.message}
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="btn-link" onClick={onClose}>
        Скрыть
      </button>
    </div>
  );
}
