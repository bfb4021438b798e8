/**
 * «Мониторинг»: counts by status and light, per plan (or per section), overdue and due-soon
 * lists, completeness and timeliness of reports by executor, control dates ahead; for a
 * plan, also the consolidated report in the official form (DOCX, XLSX, PDF).
 */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, errorMessage } from '../api';
import { useUser } from '../auth';
import { workspace } from '../workspace';
import { LightDot } from '../components/Execution';
import { PlanTabs } from '../components/PlanTabs';
import { Alert, Loading, PageHeading, useTitle } from '../components/ui';
import { execution, LIGHT_LABELS, type Dashboard, type DashboardGroup, type Light } from '../execution';
import { formatDateShort } from '../format';
import { useDirectory, useApiQuery } from '../hooks';
import { SubstanceDashboardBlock } from '../components/Substance';

const LIGHTS: Light[] = ['red', 'yellow', 'green', 'grey'];
const today = () => new Date().toISOString().slice(0, 10);

export function DashboardPage() {
  const { planId: planParam } = useParams();
  const fixedPlan = planParam ? Number(planParam) : undefined;
  const [planId, setPlanId] = useState<number | undefined>(fixedPlan);
  const [organisationId, setOrganisationId] = useState<number | undefined>();
  const [periodId, setPeriodId] = useState<number | undefined>();
  const [sectionId, setSectionId] = useState<number | undefined>();
  const [asOf, setAsOf] = useState(today());
  const [soonDays, setSoonDays] = useState(7);
  const effectivePlan = fixedPlan ?? planId;
  useTitle('Мониторинг');
  const plans = useApiQuery(['plans', false], () => api.plans());
  const periods = useApiQuery(['plan', effectivePlan ?? null, 'periods'], () =>
    effectivePlan ? execution.periods(effectivePlan) : Promise.resolve({ items: [] }),
  );
  const dir = useDirectory();
  const planDetail = useApiQuery(['plan', effectivePlan ?? null], () =>
    effectivePlan ? api.plan(effectivePlan) : Promise.resolve(null),
  );
  const data = useApiQuery(['dashboard', effectivePlan, organisationId, sectionId, periodId, asOf, soonDays], () =>
    execution.dashboard({ planId: effectivePlan, organisationId, sectionId, periodId, asOf, soonDays }),
  );
  const plan = plans.data?.items.find((p) => p.id === effectivePlan);
  const user = useUser();
  // The server decides; this only hides a button it would refuse (coordinators remind on their own plans).
  const canRemind = (id: number) =>
    user.role === 'admin' ||
    (user.role === 'coordinator' && plans.data?.items.find((p) => p.id === id)?.owner?.id === user.organisation?.id);

  return (
    <section className="page page-dashboard">
      {fixedPlan && <PlanTabs planId={fixedPlan} />}
      <PageHeading>Мониторинг исполнения{plan ? `: ${plan.title}` : ''}</PageHeading>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Фильтры">
        {!fixedPlan && (
          <label>
            План
            <select
              value={planId ?? ''}
              onChange={(e) => {
                setPlanId(e.target.value ? Number(e.target.value) : undefined);
                setPeriodId(undefined);
                setSectionId(undefined);
              }}
              data-testid="dash-plan"
            >
              <option value="">Все планы</option>
              {plans.data?.items.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          Исполнитель
          <select
            value={organisationId ?? ''}
            onChange={(e) => setOrganisationId(e.target.value ? Number(e.target.value) : undefined)}
            data-testid="dash-org"
          >
            <option value="">Все</option>
            {dir.items.map((o) => (
              <option key={o.id} value={o.id}>
                {o.shortName || o.fullName}
              </option>
            ))}
          </select>
        </label>
        {effectivePlan && (planDetail.data?.sections.length ?? 0) > 0 && (
          <label>
            Раздел
            <select
              value={sectionId ?? ''}
              onChange={(e) => setSectionId(e.target.value ? Number(e.target.value) : undefined)}
              data-testid="dash-section"
            >
              <option value="">Все</option>
              {planDetail.data?.sections.map((s) => (
                <option key={s.id} value={s.id}>
                  {/^\d{4}-\d{2}-\d{2}$/.test(s.number) ? s.title : `${s.number}. ${s.title}`}
                </option>
              ))}
            </select>
          </label>
        )}
        {effectivePlan && (
          <label>
            Отчётный период
            <select
              value={periodId ?? ''}
              onChange={(e) => setPeriodId(e.target.value ? Number(e.target.value) : undefined)}
              data-testid="dash-period"
            >
              <option value="">Текущий</option>
              {periods.data?.items.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          По состоянию на
          <input
            type="date"
            value={asOf}
            onChange={(e) => setAsOf(e.target.value || today())}
            data-testid="dash-asof"
          />
        </label>
        <label>
          «Скоро срок», дней
          <input
            type="number"
            min={0}
            max={90}
            value={soonDays}
            onChange={(e) => setSoonDays(Math.max(0, Math.min(90, Number(e.target.value) || 0)))}
          />
        </label>
      </form>
      {effectivePlan && (
        <ExportPanel planId={effectivePlan} periodId={periodId} organisationId={organisationId} sectionId={sectionId} />
      )}
      {/* Figures of other filters must not stay on screen under an error for these ones. */}
      {data.error ? (
        <Alert testId="dash-error">{data.error}</Alert>
      ) : !data.data ? (
        <Loading />
      ) : (
        <DashboardView d={data.data} planId={effectivePlan} canRemind={canRemind} />
      )}
      <SubstanceDashboardBlock planId={effectivePlan} />
    </section>
  );
}

function ExportPanel({
  planId,
  periodId,
  organisationId,
  sectionId,
}: {
  planId: number;
  periodId?: number;
  organisationId?: number;
  sectionId?: number;
}) {
  const [signerPosition, setSignerPosition] = useState('');
  const [signerName, setSignerName] = useState('');
  const [markFormal, setMarkFormal] = useState(false);
  const signer = {
    signerPosition: signerPosition.trim() || undefined,
    signerName: signerName.trim() || undefined,
    markFormal: markFormal ? ('true' as const) : undefined,
  };
  return (
    <div className="export-panel" data-testid="export-panel">
      <span>
        Выгрузить «Информацию об исполнении»
        {periodId ? ' за выбранный период' : ' (без периода — по состоянию на сегодня)'}:
      </span>{' '}
      {(['docx', 'xlsx', 'pdf'] as const).map((f) => (
        <a
          key={f}
          className="btn btn-sm"
          href={execution.exportUrl(planId, { format: f, periodId, organisationId, sectionId, ...signer })}
          data-testid={`export-${f}`}
          download
        >
          {f.toUpperCase()}
        </a>
      ))}
      <label className="checkbox small">
        <input
          type="checkbox"
          checked={markFormal}
          onChange={(e) => setMarkFormal(e.target.checked)}
          data-testid="export-mark-formal"
        />{' '}
        отметить формальные ответы
      </label>
      <details className="export-signer">
        <summary>Подпись</summary>
        <p className="small muted">
          По умолчанию подписывает руководитель организации — владельца плана (справочник организаций); «Исполнитель» —
          вы, с телефоном из настроек.
        </p>
        <label>
          Должность подписывающего{' '}
          <input
            value={signerPosition}
            maxLength={300}
            onChange={(e) => setSignerPosition(e.target.value)}
            data-testid="export-signer-position"
          />
        </label>
        <label>
          Фамилия и инициалы{' '}
          <input
            value={signerName}
            maxLength={200}
            onChange={(e) => setSignerName(e.target.value)}
            data-testid="export-signer-name"
          />
        </label>
      </details>
    </div>
  );
}

function Bar({ g }: { g: { measures: number; byLight: Record<Light, number> } }) {
  return (
    <div
      className="lightbar"
      role="img"
      aria-label={LIGHTS.map((l) => `${LIGHT_LABELS[l]}: ${g.byLight[l]}`).join(', ')}
    >
      {LIGHTS.map(
        (l) =>
          g.byLight[l] > 0 && (
            <span
              key={l}
              className={`seg seg-${l}`}
              style={{ width: `${(100 * g.byLight[l]) / Math.max(1, g.measures)}%` }}
            />
          ),
      )}
    </div>
  );
}

function DashboardView({
  d,
  planId,
  canRemind,
}: {
  d: Dashboard;
  planId?: number;
  canRemind(planId: number): boolean;
}) {
  const groups: DashboardGroup[] = (planId ? d.sections : d.plans) ?? [];
  const maxDay = Math.max(1, ...d.calendar.map((c) => c.due + c.reports));
  return (
    <>
      <div className="tiles" data-testid="dash-tiles">
        <div className="tile">
          <div className="tile-n" data-testid="dash-total">
            {d.totals.measures}
          </div>
          <div>мероприятий</div>
        </div>
        {LIGHTS.map((l) => (
          <div key={l} className={`tile tile-${l}`} data-testid={`dash-light-${l}`}>
            <div className="tile-n">{d.totals.byLight[l]}</div>
            <div>
              <LightDot light={l} /> {LIGHT_LABELS[l]}
            </div>
          </div>
        ))}
      </div>
      <p className="muted small">
        По состоянию на {formatDateShort(d.asOf)}
        {d.period ? `, период: ${d.period}` : ''}. Статусы: выполнено {d.totals.byStatus.done}, частично{' '}
        {d.totals.byStatus.partial}, не выполнено {d.totals.byStatus.not_done}, срок не наступил{' '}
        {d.totals.byStatus.not_due}, без статуса {d.totals.byStatus.none}.
      </p>

      <h2 className="section-heading">{planId ? 'По разделам' : 'По планам'}</h2>
      <table className="grid cards-on-phone" data-testid="dash-groups">
        <thead>
          <tr>
            <th scope="col">{planId ? 'Раздел' : 'План'}</th>
            <th scope="col">Мероприятий</th>
            <th scope="col">Светофор</th>
            <th scope="col">Просрочено</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.id}>
              <td data-label={planId ? 'Раздел' : 'План'}>
                {planId ? (
                  `${g.number ? g.number + '. ' : ''}${g.title}`
                ) : (
                  <Link to={`/plans/${g.id}/monitoring`}>{g.title}</Link>
                )}
              </td>
              <td data-label="Мероприятий">{g.measures}</td>
              <td data-label="Светофор">
                <Bar g={g} />
              </td>
              <td data-label="Просрочено">{g.byLight.red}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <div className="two-col">
        <ItemList title="Просрочено" items={d.overdue} testId="dash-overdue" canRemind={canRemind} />
        <ItemList title={`Скоро срок (${d.soonDays} дн.)`} items={d.dueSoon} testId="dash-soon" />
      </div>

      <h2 className="section-heading">Полнота и своевременность отчётов</h2>
      {d.executors.length === 0 ? (
        <p className="empty">Отчёты за этот период ещё не ожидались.</p>
      ) : (
        <table className="grid cards-on-phone" data-testid="dash-executors">
          <thead>
            <tr>
              <th scope="col">Исполнитель</th>
              <th scope="col">Ожидалось</th>
              <th scope="col">Представлено</th>
              <th scope="col">Вовремя</th>
              <th scope="col">Принято</th>
              <th scope="col">Полнота</th>
              <th scope="col">Своевременность</th>
            </tr>
          </thead>
          <tbody>
            {d.executors.map((e) => (
              <tr key={e.organisation.id}>
                <td data-label="Исполнитель">{e.organisation.shortName}</td>
                <td data-label="Ожидалось">{e.expected}</td>
                <td data-label="Представлено">{e.submitted}</td>
                <td data-label="Вовремя">{e.onTime}</td>
                <td data-label="Принято">{e.accepted}</td>
                <td data-label="Полнота">{e.completeness ?? '—'}%</td>
                <td data-label="Своевременность">{e.timeliness ?? '—'}%</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2 className="section-heading">Календарь контрольных дат</h2>
      {d.calendar.length === 0 ? (
        <p className="empty">В ближайшие 60 дней контрольных дат нет.</p>
      ) : (
        <ul className="calendar-bars plain" data-testid="dash-calendar">
          {d.calendar.map((c) => (
            <li key={c.day}>
              <span className="cal-day">{formatDateShort(c.day)}</span>
              <span className="cal-bar" role="img" aria-label={`сроков исполнения ${c.due}, отчётов ${c.reports}`}>
                <span className="seg seg-due" style={{ width: `${(100 * c.due) / maxDay}%` }} />
                <span className="seg seg-report" style={{ width: `${(100 * c.reports) / maxDay}%` }} />
              </span>
              <span className="small muted">
                {c.due} исп., {c.reports} отч.
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function ItemList({
  title,
  items,
  testId,
  canRemind,
}: {
  title: string;
  items: Dashboard['overdue'];
  testId: string;
  canRemind?(planId: number): boolean;
}) {
  return (
    <div>
      <h2 className="section-heading">
        {title}{' '}
        <span className="muted small">
          ({items.length}
          {items.length === 50 ? '+' : ''})
        </span>
      </h2>
      {items.length === 0 ? (
        <p className="empty">Нет.</p>
      ) : (
        <ul className="plain item-list" data-testid={testId}>
          {items.map((x) => (
            <li key={x.measure.id} data-testid={`dash-item-${x.measure.id}`}>
              <strong>{formatDateShort(x.openDue)}</strong> —{' '}
              <Link to={`/measures/${x.measure.id}`}>
                № {x.measure.number} {x.measure.title}
              </Link>
              <div className="small muted">
                {x.executors} · {x.plan.title}
              </div>
              {canRemind?.(x.plan.id) && <RemindButton measureId={x.measure.id} number={x.measure.number} />}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** «Напомнить исполнителю»: one e-mail and a notice to the lead executor, at most once a day (the server refuses a second). */
function RemindButton({ measureId, number }: { measureId: number; number: string }) {
  const [state, setState] = useState<{ busy: boolean; ok?: string; error?: string }>({ busy: false });
  if (state.ok)
    return (
      <div className="small remind-done" role="status" data-testid="remind-result">
        {state.ok}
      </div>
    );
  return (
    <div className="remind">
      <button
        type="button"
        className="btn btn-sm"
        disabled={state.busy}
        data-testid="remind"
        onClick={async () => {
          setState({ busy: true });
          try {
            const r = await workspace.remind(measureId);
            const mail = r.emailed
              ? `письмо отправлено (${r.emailed})`
              : `письмо не отправлено: ${r.emailNote ?? 'нет адресов'}`;
            setState({
              busy: false,
              ok: `Напомнили: ${r.organisation.shortName} — уведомление в системе (${r.notified}), ${mail}.`,
            });
          } catch (e) {
            setState({ busy: false, error: errorMessage(e) });
          }
        }}
      >
        Напомнить исполнителю<span className="sr-only">: № {number}</span>
      </button>
      {state.error && (
        <div className="small field-error" role="alert" data-testid="remind-error">
          {state.error}
        </div>
      )}
    </div>
  );
}
