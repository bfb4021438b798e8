/**
 * A plan as the familiar official table: sections as full-width rows, measures
 * numbered beneath, executors, deadline as written, expected result, status.
 * Editing actions appear according to the abilities the API computed.
 */
import { useEffect, useMemo, useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { api, errorMessage, type Measure } from '../../api';
import { PlanTabs } from '../../components/PlanTabs';
import { Alert, Loading, useTitle } from '../../components/ui';
import { formatDateRu } from '../../format';
import { useApiQuery } from '../../hooks';
import { NotFoundPage } from '../NotFoundPage';
import { PlanBreadcrumbs } from './PlanBreadcrumbs';
import { PlanDialogs } from './PlanDialogs';
import { PlanDocHead } from './PlanDocHead';
import { PlanTable } from './PlanTable';
import { PlanToolbar } from './PlanToolbar';
import { groupMeasures, type DialogState } from './plan-view';

export function PlanPage() {
  const { planId } = useParams();
  const id = Number(planId);
  const plan = useApiQuery(['plan', id], () => api.plan(id));
  const unclear = useApiQuery(['plan', id, 'unclear'], () => api.unclearDeadlines(id));
  useTitle(plan.data?.title ?? 'План');
  const location = useLocation();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<DialogState>(null);
  // A notice handed over by the page that led here (e.g. the import after saving).
  const [notice, setNotice] = useState<string | null>(
    () => (location.state as { notice?: string } | null)?.notice ?? null,
  );
  useEffect(() => {
    if ((location.state as { notice?: string } | null)?.notice)
      navigate(location.pathname, { replace: true, state: null });
  }, [location, navigate]);
  const [activating, setActivating] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [statusFilter, setStatusFilter] = useState<string>('');
  const [showExecution, setShowExecution] = useState(false);
  const [showArchived, setShowArchived] = useState(false);
  const [busyMove, setBusyMove] = useState(false);

  const p = plan.data;
  const groups = useMemo(
    () => (p ? groupMeasures(p, { filter, statusFilter, showArchived }) : []),
    [p, filter, statusFilter, showArchived],
  );

  if (!Number.isInteger(id)) return <NotFoundPage />;
  if (!p) {
    if (plan.error) {
      return (
        <section className="page">
          <PlanBreadcrumbs />
          <Alert>{plan.error}</Alert>
        </section>
      );
    }
    return <Loading />;
  }

  const canEdit = p.abilities.update && p.status !== 'archived';
  const canAdd = p.abilities.addMeasure && p.status !== 'archived';
  const filtering = Boolean(filter.trim() || statusFilter);
  const archivedCount = p.measures.filter((m) => m.archived).length;

  const flash = (text: string) => {
    setNotice(text);
    setActionError(null);
    void unclear.reload();
  };

  const activate = async (controlFrom: string) => {
    setActivating(true);
    setActionError(null);
    try {
      await api.updatePlan(p.id, { status: 'active', controlFrom, version: p.version });
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
    const before = p.measures
      .filter((x) => x.sectionId === m.sectionId && !x.archived)
      .map((x) => x.position)
      .sort((a, b) => a - b);
    plan.setData({
      ...p,
      measures: p.measures.map((x) =>
        pos.has(x.id) ? { ...x, position: before[pos.get(x.id)!] ?? pos.get(x.id)! } : x,
      ),
    });
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
      <PlanBreadcrumbs title={p.title} />
      <PlanDocHead p={p} />

      {p.status === 'draft' && (
        <div className="draft-bar" role="status" data-testid="plan-draft-bar">
          <span>
            <strong>Черновик.</strong> План ещё не действует: проверьте мероприятия, сроки и исполнителей, затем
            утвердите его.
          </span>
          {p.abilities.update && (
            <button
              type="button"
              className="btn btn-primary btn-sm"
              onClick={() => setDialog({ type: 'approve' })}
              disabled={activating}
              data-testid="activate-plan"
            >
              {activating ? 'Сохранение…' : 'Утвердить (сделать действующим)'}
            </button>
          )}
        </div>
      )}

      <PlanTabs planId={p.id} unclearCount={unclear.data?.items.length ?? null} />

      <PlanToolbar
        p={p}
        canAdd={canAdd}
        canEdit={canEdit}
        archivedCount={archivedCount}
        setDialog={setDialog}
        filter={filter}
        setFilter={setFilter}
        statusFilter={statusFilter}
        setStatusFilter={setStatusFilter}
        showExecution={showExecution}
        setShowExecution={setShowExecution}
        showArchived={showArchived}
        setShowArchived={setShowArchived}
      />

      {notice && (
        <Alert kind="success" testId="plan-notice">
          {notice}
        </Alert>
      )}
      {(actionError || plan.error) && <Alert testId="plan-error">{actionError ?? plan.error}</Alert>}
      {filtering && <p className="hint">Пока действует поиск или фильтр, порядок мероприятий не меняется.</p>}

      <PlanTable
        p={p}
        groups={groups}
        canAdd={canAdd}
        canEdit={canEdit}
        filtering={filtering}
        showExecution={showExecution}
        busyMove={busyMove}
        onMove={move}
        setDialog={setDialog}
      />

      <PlanDialogs dialog={dialog} setDialog={setDialog} p={p} plan={plan} flash={flash} activate={activate} />
    </section>
  );
}
