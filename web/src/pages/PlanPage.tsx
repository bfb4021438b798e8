/**
 * A plan as the familiar official table: sections as full-width rows, measures
 * numbered beneath, executors, deadline as written, expected result, status.
 * Editing actions appear according to the abilities the API computed.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { LightDot } from '../components/Execution';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { api, ApiError, errorMessage, type Measure, type Plan, type Section } from '../api';
import { ConfirmDialog, Dialog } from '../components/Dialog';
import { Icon } from '../components/Icon';
import { MeasureFormDialog } from '../components/MeasureForm';
import { CONTROL_FROM_HINT, PlanFormDialog } from '../components/PlanForm';
import { PlanTabs } from '../components/PlanTabs';
import { Alert, Executors, Field, Loading, PageHeading, StatusBadge, StatusBreakdown, describedBy, useTitle } from '../components/ui';
import {
  MEASURE_STATUS_LABELS,
  countRu,
  formatControlDate,
  formatDateRu,
  formatPeriodRu,
  formatSectionHeading,
  planKindLabel,
  planStatusLabel,
  type MeasureStatus,
} from '../format';
import { useLoader } from '../hooks';
import { normaliseName } from '../org-search';
import { NotFoundPage } from './NotFoundPage';

type DialogState =
  | { type: 'header' }
  | { type: 'archivePlan' }
  | { type: 'section'; section?: Section }
  | { type: 'deleteSection'; section: Section }
  | { type: 'measure'; measure?: Measure; sectionId?: number | null }
  | { type: 'archiveMeasure'; measure: Measure }
  | { type: 'approve' }
  | null;

interface Group {
  section: Section | null;
  measures: Measure[];
}

const MEASURE_WORDS = ['мероприятие', 'мероприятия', 'мероприятий'] as const;
const INSTRUCTION_WORDS = ['поручение', 'поручения', 'поручений'] as const;

export function PlanPage() {
  const { planId } = useParams();
  const id = Number(planId);
  const plan = useLoader(() => api.plan(id), [id]);
  const unclear = useLoader(() => api.unclearDeadlines(id), [id]);
  useTitle(plan.data?.title ?? 'План');
  const location = useLocation();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<DialogState>(null);
  // A notice handed over by the page that led here (e.g. the import after saving).
  const [notice, setNotice] = useState<string | null>(() => (location.state as { notice?: string } | null)?.notice ?? null);
  useEffect(() => {
    if ((location.state as { notice?: string } | null)?.notice) navigate(location.pathname, { replace: true, state: null });
  }, [location, navigate]);
  const [activating, setActivating] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [statusFilter, setStatusFilter] = useState<string>('');
  const [showExecution, setShowExecution] = useState(false);
  const [showArchived, setShowArchived] = useState(false);
  const [busyMove, setBusyMove] = useState(false);

  const p = plan.data;
  const groups = useMemo(() => (p ? groupMeasures(p, { filter, statusFilter, showArchived }) : []), [p, filter, statusFilter, showArchived]);

  if (!Number.isInteger(id)) return <NotFoundPage />;
  if (!p) {
    if (plan.error) {
      return (
        <section className="page">
          <Breadcrumbs />
          <Alert>{plan.error}</Alert>
        </section>
      );
    }
    return <Loading />;
  }

  const council = p.kind === 'council_decisions';
  const canEdit = p.abilities.update && p.status !== 'archived';
  const canAdd = p.abilities.addMeasure && p.status !== 'archived';
  const filtering = Boolean(filter.trim() || statusFilter);
  const archivedCount = p.measures.filter((m) => m.archived).length;
  const anyRowActions = canEdit || p.measures.some((m) => m.abilities?.update || m.abilities?.archive);
  // № + title + executors + deadline + status, plus protocol item (council) or expected result (plan).
  const columns = 6 + (showExecution ? 1 : 0) + (anyRowActions ? 1 : 0);

  const flash = (text: string) => {
    setNotice(text);
    setActionError(null);
    void unclear.reload();
  };

  const activate = async (controlFrom: string) => {
    setActivating(true);
    setActionError(null);
    try {
      await api.updatePlan(p.id, { status: 'active', controlFrom });
      setDialog(null);
      flash(`План утверждён и действует; контроль с ${formatDateRu(controlFrom)}.`);
      await plan.reload();
    } finally {
      setActivating(false);
    }
  };

  const move = async (m: Measure, delta: -1 | 1) => {
    const group = groups.find((g) => (g.section?.id ?? null) === (m.sectionId ?? null));
    if (!group) return;
    const ids = group.measures.filter((x) => !x.archived).map((x) => x.id);
    const i = ids.indexOf(m.id);
    const j = i + delta;
    if (i < 0 || j < 0 || j >= ids.length) return;
    [ids[i], ids[j]] = [ids[j], ids[i]];
    setBusyMove(true);
    setActionError(null);
    // Optimistic: positions follow the new order at once; the reload confirms.
    const pos = new Map(ids.map((mid, k) => [mid, k]));
    const before = p.measures.filter((x) => x.sectionId === m.sectionId && !x.archived).map((x) => x.position).sort((a, b) => a - b);
    plan.setData({ ...p, measures: p.measures.map((x) => (pos.has(x.id) ? { ...x, position: before[pos.get(x.id)!] ?? pos.get(x.id)! } : x)) });
    try {
      await api.reorder(p.id, m.sectionId ?? null, ids);
    } catch (e) {
      setActionError(errorMessage(e));
    } finally {
      await plan.reload();
      setBusyMove(false);
      requestAnimationFrame(() => {
        const first = delta < 0 ? j === 0 : j === ids.length - 1;
        const sel = `[data-move="${first ? (delta < 0 ? 'down' : 'up') : delta < 0 ? 'up' : 'down'}-${m.id}"]`;
        document.querySelector<HTMLElement>(sel)?.focus();
      });
    }
  };

  return (
    <section className="page page-plan">
      <Breadcrumbs title={p.title} />
      <header className="doc-head">
        {(p.approvedByName || p.approvedOn) && (
          <div className="approval" data-testid="plan-approval">
            <div className="approval-word">УТВЕРЖДАЮ</div>
            {p.approvedByName && <div className="approval-name">{p.approvedByName}</div>}
            {p.approvedOn && <div className="approval-date">{formatDateRu(p.approvedOn)}</div>}
          </div>
        )}
        <div className="doc-kind">{planKindLabel(p.kind)}</div>
        <PageHeading className="doc-title">{p.title}</PageHeading>
        <div className="doc-meta">
          {formatPeriodRu(p.periodFrom, p.periodTo) && (
            <span data-testid="plan-period">
              Период: <strong>{formatPeriodRu(p.periodFrom, p.periodTo)}</strong>
            </span>
          )}
          {p.owner && (
            <span title={p.owner.fullName}>
              Ответственный: <strong>{p.owner.shortName || p.owner.fullName}</strong>
            </span>
          )}
          <span className={`pill pill-${p.status}`} data-testid="plan-status">
            {planStatusLabel(p.status)}
          </span>
          {p.controlFrom && p.periodFrom && p.controlFrom > p.periodFrom && (
            <span data-testid="plan-control-from">
              Контроль с: <strong>{formatDateRu(p.controlFrom)}</strong>
            </span>
          )}
          <span>{countRu(p.measureCount, council ? INSTRUCTION_WORDS : MEASURE_WORDS)}</span>
          {p.sourceFile && (
            <span data-testid="plan-source">
              Источник:{' '}
              <a href={api.fileUrl(p.sourceFile.id)} download={p.sourceFile.name} title="Скачать исходный файл">
                {p.sourceFile.name}
              </a>
            </span>
          )}
          {p.measureCount > 0 && (
            <span className="doc-progress">
              <StatusBreakdown counts={p.statusCounts} total={p.measureCount} />
            </span>
          )}
        </div>
      </header>

      {p.status === 'draft' && (
        <div className="draft-bar" role="status" data-testid="plan-draft-bar">
          <span>
            <strong>Черновик.</strong> План ещё не действует: проверьте мероприятия, сроки и исполнителей, затем утвердите его.
          </span>
          {p.abilities.update && (
            <button type="button" className="btn btn-primary btn-sm" onClick={() => setDialog({ type: 'approve' })} disabled={activating} data-testid="activate-plan">
              {activating ? 'Сохранение…' : 'Утвердить (сделать действующим)'}
            </button>
          )}
        </div>
      )}

      <PlanTabs planId={p.id} unclearCount={unclear.data?.items.length ?? null} />

      <div className="toolbar" role="toolbar" aria-label="Действия с планом">
        <div className="toolbar-group">
          {canAdd && (
            <button type="button" className="btn btn-primary" onClick={() => setDialog({ type: 'measure' })} data-testid="add-measure">
              {council ? 'Добавить поручение' : 'Добавить мероприятие'}
            </button>
          )}
          {canEdit && (
            <button type="button" className="btn" onClick={() => setDialog({ type: 'section' })} data-testid="add-section">
              {council ? 'Добавить протокол' : 'Добавить раздел'}
            </button>
          )}
          {canEdit && (
            <button type="button" className="btn" onClick={() => setDialog({ type: 'header' })} data-testid="edit-plan">
              Реквизиты плана
            </button>
          )}
          {p.abilities.archive && p.status !== 'archived' && (
            <button type="button" className="btn btn-danger-outline" onClick={() => setDialog({ type: 'archivePlan' })} data-testid="archive-plan">
              В архив
            </button>
          )}
        </div>
        <div className="toolbar-group toolbar-filters">
          <label className="sr-only" htmlFor="plan-filter">
            Поиск по плану
          </label>
          <input id="plan-filter" type="search" placeholder="Номер, текст или исполнитель" value={filter} onChange={(e) => setFilter(e.target.value)} data-testid="plan-filter" />
          <label className="sr-only" htmlFor="plan-status-filter">
            Статус
          </label>
          <select id="plan-status-filter" value={statusFilter} onChange={(e) => setStatusFilter(e.target.value)} data-testid="plan-status-filter">
            <option value="">Все статусы</option>
            {(Object.entries(MEASURE_STATUS_LABELS) as [MeasureStatus, string][]).map(([k, l]) => (
              <option key={k} value={k}>
                {l}
              </option>
            ))}
            <option value="none">Без статуса</option>
          </select>
          <label className="check">
            <input type="checkbox" checked={showExecution} onChange={(e) => setShowExecution(e.target.checked)} data-testid="toggle-execution" />
            Исполнение
          </label>
          {archivedCount > 0 && (
            <label className="check">
              <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
              Архивные ({archivedCount})
            </label>
          )}
        </div>
      </div>

      {notice && (
        <Alert kind="success" testId="plan-notice">
          {notice}
        </Alert>
      )}
      {(actionError || plan.error) && <Alert testId="plan-error">{actionError ?? plan.error}</Alert>}
      {filtering && <p className="hint">Пока действует поиск или фильтр, порядок мероприятий не меняется.</p>}

      <table className={`grid plan-table cards-on-phone ${council ? 'is-council' : ''} ${showExecution ? 'with-execution' : ''}`} data-testid="plan-table">
        <caption className="sr-only">
          {p.title}: {council ? 'поручения' : 'мероприятия'} по разделам
        </caption>
        <thead>
          <tr>
            <th scope="col" className="col-num">
              № п/п
            </th>
            {council && (
              <th scope="col" className="col-protocol">
                Пункт протокола
              </th>
            )}
            <th scope="col" className="col-title">
              {council ? 'Содержание поручения' : 'Наименование мероприятия'}
            </th>
            <th scope="col" className="col-exec">
              {council ? 'Ответственные' : 'Ответственный исполнитель'}
            </th>
            <th scope="col" className="col-deadline">
              Срок исполнения
            </th>
            {!council && (
              <th scope="col" className="col-result">
                Ожидаемый результат
              </th>
            )}
            {showExecution && (
              <th scope="col" className="col-execution">
                Информация об исполнении
              </th>
            )}
            <th scope="col" className="col-status">
              Статус
            </th>
            {anyRowActions && (
              <th scope="col" className="col-actions">
                <span className="sr-only">Действия</span>
              </th>
            )}
          </tr>
        </thead>
        {groups.map((g) => {
          const live = g.measures.filter((m) => !m.archived);
          return (
            <tbody key={g.section?.id ?? 'none'}>
              {(g.section || p.sections.length > 0) && (
                <tr className="section-row" data-testid={`section-row-${g.section ? g.section.number || g.section.id : 'none'}`}>
                  <th scope="colgroup" colSpan={columns}>
                    <div className="section-head">
                      <span className="section-title">{g.section ? formatSectionHeading(g.section.number, g.section.title) : 'Без раздела'}</span>
                      {g.section && (canAdd || canEdit) && (
                        <span className="section-actions">
                          {canAdd && (
                            <button type="button" className="btn btn-sm btn-ghost" onClick={() => setDialog({ type: 'measure', sectionId: g.section!.id })} data-testid={`add-measure-section-${g.section.id}`}>
                              + {council ? 'поручение' : 'мероприятие'}
                            </button>
                          )}
                          {canEdit && (
                            <button type="button" className="btn btn-sm btn-ghost" onClick={() => setDialog({ type: 'section', section: g.section! })} aria-label={`Изменить раздел ${g.section.number}`} data-testid={`edit-section-${g.section.id}`}>
                              Изменить
                            </button>
                          )}
                          {canEdit && live.length === 0 && (
                            <button type="button" className="btn btn-sm btn-ghost" onClick={() => setDialog({ type: 'deleteSection', section: g.section! })} aria-label={`Удалить раздел ${g.section.number}`} data-testid={`delete-section-${g.section.id}`}>
                              Удалить
                            </button>
                          )}
                        </span>
                      )}
                    </div>
                  </th>
                </tr>
              )}
              {g.measures.length === 0 && (
                <tr className="empty-row">
                  <td colSpan={columns}>{filtering ? 'Нет совпадений в этом разделе.' : 'В разделе пока нет мероприятий.'}</td>
                </tr>
              )}
              {g.measures.map((m) => {
                const idx = live.indexOf(m);
                return (
                  <tr key={m.id} data-testid={`measure-row-${m.number}`} data-measure-id={m.id} className={m.archived ? 'row-archived' : undefined}>
                    <td className="col-num" data-label="№ п/п">
                      {m.number}
                    </td>
                    {council && (
                      <td className="col-protocol pre" data-label="Пункт протокола">
                        {m.protocolItem || <span className="muted">—</span>}
                      </td>
                    )}
                    <td className="col-title" data-label={council ? 'Поручение' : 'Мероприятие'}>
                      <Link to={`/measures/${m.id}`} className="title-link">
                        {m.title}
                      </Link>
                      {m.archived && <span className="pill pill-archived">в архиве</span>}
                    </td>
                    <td className="col-exec" data-label="Исполнитель">
                      <Executors lead={m.leadExecutor} co={m.coExecutors} text={m.textExecutors} />
                    </td>
                    <td className="col-deadline" data-label="Срок">
                      <div className="pre">{m.deadlineText || <span className="muted">—</span>}</div>
                      <NextControl m={m} />
                    </td>
                    {!council && (
                      <td className="col-result" data-label="Результат">
                        {m.expectedResult && <div className="pre">{m.expectedResult}</div>}
                        {m.form && <div className="muted small">Форма: {m.form}</div>}
                        {!m.expectedResult && !m.form && <span className="muted">—</span>}
                      </td>
                    )}
                    {showExecution && (
                      <td className="col-execution pre clamp" data-label="Исполнение">
                        {m.executionText || <span className="muted">—</span>}
                      </td>
                    )}
                    <td className="col-status" data-label="Статус">
                      <LightDot light={m.light} /> <StatusBadge status={m.status} />
                    </td>
                    {anyRowActions && (
                      <td className="col-actions" data-label="">
                        {!m.archived && (
                          <div className="row-actions">
                            {canEdit && !filtering && (
                              <>
                                <button type="button" className="btn-icon" disabled={busyMove || idx <= 0} onClick={() => move(m, -1)} aria-label={`Поднять ${m.number}`} title="Выше" data-move={`up-${m.id}`} data-testid="measure-up">
                                  <Icon name="up" />
                                </button>
                                <button type="button" className="btn-icon" disabled={busyMove || idx < 0 || idx >= live.length - 1} onClick={() => move(m, 1)} aria-label={`Опустить ${m.number}`} title="Ниже" data-move={`down-${m.id}`} data-testid="measure-down">
                                  <Icon name="down" />
                                </button>
                              </>
                            )}
                            {m.abilities?.update && (
                              <button type="button" className="btn-icon" onClick={() => setDialog({ type: 'measure', measure: m })} aria-label={`Изменить ${m.number}`} title="Изменить" data-testid="measure-edit">
                                <Icon name="edit" />
                              </button>
                            )}
                            {m.abilities?.archive && (
                              <button type="button" className="btn-icon btn-icon-danger" onClick={() => setDialog({ type: 'archiveMeasure', measure: m })} aria-label={`В архив ${m.number}`} title="В архив" data-testid="measure-archive">
                                <Icon name="archive" />
                              </button>
                            )}
                          </div>
                        )}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          );
        })}
        {groups.length === 0 && (
          <tbody>
            <tr className="empty-row">
              <td colSpan={columns}>
                {filtering ? 'Ничего не найдено.' : canAdd ? 'В плане пока нет мероприятий. Добавьте раздел и мероприятия.' : 'В плане нет мероприятий, доступных вам.'}
              </td>
            </tr>
          </tbody>
        )}
      </table>

      {dialog?.type === 'header' && (
        <PlanFormDialog
          plan={p}
          onClose={() => setDialog(null)}
          onSubmit={async (patch) => {
            const updated = await api.updatePlan(p.id, { ...patch, version: p.version });
            setDialog(null);
            plan.setData({ ...p, ...updated, sections: updated.sections ?? p.sections, measures: updated.measures ?? p.measures });
            flash('Реквизиты плана сохранены.');
            void plan.reload();
          }}
        />
      )}
      {dialog?.type === 'approve' && <ApproveDialog plan={p} onApprove={activate} onClose={() => setDialog(null)} />}
      {dialog?.type === 'archivePlan' && (
        <ConfirmDialog
          title="Перенести план в архив?"
          message={<p>План «{p.title}» перестанет показываться в списке. Данные и история сохранятся.</p>}
          confirmLabel="В архив"
          danger
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api.archivePlan(p.id);
            flash('План перенесён в архив.');
            await plan.reload();
          }}
        />
      )}
      {dialog?.type === 'section' && (
        <SectionDialog
          section={dialog.section}
          council={council}
          suggestedNumber={String(p.sections.length + 1)}
          onClose={() => setDialog(null)}
          onSubmit={async (input) => {
            if (dialog.section) await api.updateSection(dialog.section.id, input);
            else await api.createSection(p.id, input);
            setDialog(null);
            flash(dialog.section ? 'Раздел изменён.' : 'Раздел добавлен.');
            await plan.reload();
          }}
        />
      )}
      {dialog?.type === 'deleteSection' && (
        <ConfirmDialog
          title="Удалить раздел?"
          message={<p>Раздел «{formatSectionHeading(dialog.section.number, dialog.section.title)}» будет удалён.</p>}
          confirmLabel="Удалить"
          danger
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api.deleteSection(dialog.section.id);
            flash('Раздел удалён.');
            await plan.reload();
          }}
        />
      )}
      {dialog?.type === 'measure' && (
        <MeasureFormDialog
          plan={p}
          measure={dialog.measure}
          defaultSectionId={dialog.sectionId}
          onClose={() => setDialog(null)}
          onSaved={(m) => {
            setDialog(null);
            flash(dialog.measure ? `Мероприятие ${m.number} сохранено.` : `Мероприятие ${m.number} добавлено.`);
            void plan.reload();
          }}
        />
      )}
      {dialog?.type === 'archiveMeasure' && (
        <ConfirmDialog
          title="Перенести мероприятие в архив?"
          message={
            <p>
              Мероприятие {dialog.measure.number} «{dialog.measure.title}» будет скрыто из плана. История сохранится.
            </p>
          }
          confirmLabel="В архив"
          danger
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api.archiveMeasure(dialog.measure.id);
            flash(`Мероприятие ${dialog.measure.number} перенесено в архив.`);
            await plan.reload();
          }}
        />
      )}
    </section>
  );
}

/** «Ближайший срок: 01.04.2024 (перенесено с 31.03.2024)» and a mark on a deadline nobody could read. */
function NextControl({ m }: { m: Measure }) {
  const unclear = m.deadlineUnderstood === false && !m.deadlineOverride;
  if (!m.nextControl && !unclear && !m.deadlineOverride) return null;
  return (
    <div className="next-control">
      {m.nextControl && (
        <div data-testid="next-control" title={m.nextControl.label ?? undefined}>
          <span className="muted">{m.nextControl.kind === 'report' ? 'Ближайший отчёт:' : 'Ближайший срок:'}</span> {formatControlDate(m.nextControl)}
        </div>
      )}
      {m.deadlineOverride && <span className="badge badge-info">даты указаны вручную</span>}
      {unclear && (
        <span className="badge badge-warn" data-testid="deadline-unclear-badge" title="Укажите даты вручную в форме мероприятия">
          срок не распознан
        </span>
      )}
    </div>
  );
}

/**
 * Approving a draft: the plan comes under control from a date — by default today (or the
 * period's start if it has not begun, never earlier than the draft had), so that a plan
 * already under way does not owe reports for the time before it was approved.
 */
function ApproveDialog({ plan, onApprove, onClose }: { plan: Plan; onApprove(controlFrom: string): Promise<void>; onClose(): void }) {
  const today = new Date().toISOString().slice(0, 10);
  const offered = [plan.periodFrom && plan.periodFrom > today ? plan.periodFrom : today, plan.controlFrom ?? ''].sort().pop()!;
  const [controlFrom, setControlFrom] = useState(offered);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!controlFrom) {
      setErrors({ controlFrom: 'Укажите дату, с которой план на контроле.' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onApprove(controlFrom);
    } catch (err) {
      setError(errorMessage(err));
      if (err instanceof ApiError) setErrors(err.fieldErrors());
      setBusy(false);
    }
  };
  const running = Boolean(plan.periodFrom && plan.periodFrom < controlFrom);
  return (
    <Dialog title="Утвердить план" onClose={onClose} testId="approve-dialog">
      <form onSubmit={submit} noValidate data-testid="approve-form">
        {error && <Alert testId="approve-error">{error}</Alert>}
        <p>
          План «{plan.title}» станет действующим: исполнители увидят свои мероприятия и сроки отчётов, начнутся напоминания.
        </p>
        <Field id="approve-control-from" label="Контроль с даты" error={errors.controlFrom} required hint={CONTROL_FROM_HINT}>
          <input
            id="approve-control-from"
            type="date"
            value={controlFrom}
            min={plan.periodFrom ?? undefined}
            onChange={(e) => setControlFrom(e.target.value)}
            aria-describedby={describedBy('approve-control-from', errors.controlFrom)}
            data-testid="approve-control-from"
          />
        </Field>
        {running && (
          <p className="muted small" data-testid="approve-running-note">
            Период плана начался {formatDateRu(plan.periodFrom)}: за время до {formatDateRu(controlFrom)} отчёты не потребуются.
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="approve-submit">
            {busy ? 'Сохранение…' : 'Утвердить'}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            Отмена
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function Breadcrumbs({ title }: { title?: string }) {
  return (
    <nav className="breadcrumbs" aria-label="Навигационная цепочка">
      <Link to="/plans">Планы</Link>
      {title && (
        <>
          <span aria-hidden="true"> › </span>
          <span aria-current="page">{title}</span>
        </>
      )}
    </nav>
  );
}

/** Sections in order, measures in order within each; filters applied. */
function groupMeasures(p: Plan, opts: { filter: string; statusFilter: string; showArchived: boolean }): Group[] {
  const q = normaliseName(opts.filter);
  const matches = (m: Measure) => {
    if (!opts.showArchived && m.archived) return false;
    if (opts.statusFilter && (m.status ?? 'none') !== opts.statusFilter) return false;
    if (!q) return true;
    const hay = normaliseName(
      [m.number, m.title, m.deadlineText, m.expectedResult, m.protocolItem, m.leadExecutor?.shortName, m.leadExecutor?.fullName, ...m.coExecutors.flatMap((o) => [o.shortName, o.fullName])]
        .filter(Boolean)
        .join(' '),
    );
    return q.split(' ').every((t) => hay.includes(t));
  };
  const filtering = Boolean(q || opts.statusFilter);
  const sections = p.sections.slice().sort((a, b) => a.position - b.position);
  const known = new Set(sections.map((s) => s.id));
  const sorted = p.measures.slice().sort((a, b) => a.position - b.position || a.id - b.id);
  const groups: Group[] = [];
  const loose = sorted.filter((m) => (m.sectionId === null || !known.has(m.sectionId)) && matches(m));
  if (loose.length) groups.push({ section: null, measures: loose });
  for (const s of sections) {
    const ms = sorted.filter((m) => m.sectionId === s.id && matches(m));
    // Executors see only their measures: hide sections that are empty for them unless editing.
    if (ms.length || (!filtering && p.abilities.update)) groups.push({ section: s, measures: ms });
  }
  return groups;
}

function SectionDialog({
  section,
  council,
  suggestedNumber,
  onSubmit,
  onClose,
}: {
  section?: Section;
  council: boolean;
  suggestedNumber: string;
  onSubmit(input: { number: string; title: string }): Promise<void>;
  onClose(): void;
}) {
  const [number, setNumber] = useState(section?.number ?? suggestedNumber);
  const [title, setTitle] = useState(section?.title ?? '');
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!number.trim()) local.number = 'Укажите номер.';
    if (!title.trim()) local.title = 'Укажите наименование раздела.';
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit({ number: number.trim(), title: title.trim() });
    } catch (err) {
      setError(errorMessage(err));
      if (err instanceof ApiError) setErrors(err.fieldErrors());
      setBusy(false);
    }
  };
  return (
    <Dialog title={section ? 'Раздел' : council ? 'Новый протокол' : 'Новый раздел'} onClose={onClose} testId="section-dialog">
      <form onSubmit={submit} noValidate data-testid="section-form">
        {error && <Alert>{error}</Alert>}
        <div className="field-row">
          <Field id="sec-number" label="Номер" error={errors.number} required className="narrow" hint="1, 2… или I, II…">
            <input id="sec-number" data-testid="section-field-number" value={number} onChange={(e) => setNumber(e.target.value)} aria-describedby={describedBy('sec-number', errors.number)} />
          </Field>
          <Field id="sec-title" label="Наименование" error={errors.title} required className="grow">
            <input
              id="sec-title"
              data-testid="section-field-title"
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              placeholder={council ? 'Протокол заседания Координационного совета от 30 июня 2021 года' : 'Стратегия развития социальной сферы'}
              aria-describedby={describedBy('sec-title', errors.title)}
            />
          </Field>
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="section-submit">
            {section ? 'Сохранить' : 'Добавить'}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            Отмена
          </button>
        </div>
      </form>
    </Dialog>
  );
}
