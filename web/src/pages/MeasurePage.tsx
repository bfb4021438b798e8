/** One measure with all its fields and the history of its changes. */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, type Measure, type PlanHead as Plan } from '../api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { HistoryList } from '../components/History';
import { ExecutionSection, LightDot } from '../components/Execution';
import { LinkedWork } from '../components/Substance';
import { MeasureFormDialog } from '../components/MeasureForm';
import { Alert, Loading, PageHeading, StatusBadge, useTitle } from '../components/ui';
import {
  CONTROL_KIND_LABELS,
  CONTROL_SOURCE_LABELS,
  deadlineKindLabel,
  formatDateRu,
  formatDateShort,
  formatDateTimeRu,
  formatSectionHeading,
  planKindLabel,
  withExternalMark,
} from '../format';
import { useDirectory, useApiQuery } from '../hooks';
import { NotFoundPage } from './NotFoundPage';

export function MeasurePage() {
  const { measureId } = useParams();
  const id = Number(measureId);
  const measure = useApiQuery(['measure', id], () => api.measure(id));
  const history = useApiQuery(['measure', id, 'history'], () => api.measureHistory(id));
  const planId = measure.data?.plan?.id ?? measure.data?.planId;
  // The plan gives section names and the context the edit form needs.
  const plan = useApiQuery<Plan | null>(['plan', planId ?? null], () =>
    planId ? api.plan(planId) : Promise.resolve(null),
  );
  const dir = useDirectory();
  const [editing, setEditing] = useState(false);
  const [archiving, setArchiving] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const m = measure.data;
  useTitle(m ? `Мероприятие ${m.number}` : 'Мероприятие');

  if (!Number.isInteger(id)) return <NotFoundPage />;
  if (!m)
    return measure.error ? (
      <section className="page">
        <Alert>{measure.error}</Alert>
      </section>
    ) : (
      <Loading />
    );

  const council = (m.plan?.kind ?? plan.data?.kind) === 'council_decisions';
  const section = plan.data?.sections.find((s) => s.id === m.sectionId);
  const orgName = (o: { id: number; shortName: string | null; fullName: string; external?: boolean }) =>
    withExternalMark(o.fullName, o.external ?? dir.byId.get(o.id)?.external);

  const refresh = async () => {
    await Promise.all([measure.reload(), history.reload(), plan.reload()]);
  };

  return (
    <section className="page page-measure">
      <nav className="breadcrumbs" aria-label="Навигационная цепочка">
        <Link to="/plans">Планы</Link>
        <span aria-hidden="true"> › </span>
        {planId ? <Link to={`/plans/${planId}`}>{m.plan?.title ?? plan.data?.title ?? 'План'}</Link> : 'План'}
        <span aria-hidden="true"> › </span>
        <span aria-current="page">
          {council ? 'Поручение' : 'Мероприятие'} {m.number}
        </span>
      </nav>
      <div className="page-head">
        <div>
          <div className="doc-kind">
            {council ? 'Поручение' : 'Мероприятие'} № {m.number}
            {m.plan && <> · {planKindLabel(m.plan.kind)}</>}
          </div>
          <PageHeading className="measure-title">{m.title}</PageHeading>
        </div>
        <div className="page-actions">
          {m.abilities?.update && !m.archived && (
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => setEditing(true)}
              disabled={plan.loading && !plan.data}
              data-testid="measure-page-edit"
            >
              Изменить
            </button>
          )}
          {m.abilities?.archive && !m.archived && (
            <button
              type="button"
              className="btn btn-danger-outline"
              onClick={() => setArchiving(true)}
              data-testid="measure-page-archive"
            >
              В архив
            </button>
          )}
        </div>
      </div>
      {notice && <Alert kind="success">{notice}</Alert>}
      {m.archived && <Alert kind="info">Мероприятие перенесено в архив.</Alert>}
      <nav className="jump-links" aria-label="Разделы страницы">
        <a href="#exec-heading">Исполнение и отчёты</a> <a href="#cp-heading">Контрольные точки</a>{' '}
        <a href="#history-heading">История изменений</a>
      </nav>

      <dl className="props" data-testid="measure-props">
        <div>
          <dt>{council ? 'Протокол' : 'Раздел'}</dt>
          <dd>{section ? formatSectionHeading(section.number, section.title) : m.sectionId ? '…' : 'Без раздела'}</dd>
        </div>
        {council && (
          <div>
            <dt>Пункт протокола</dt>
            <dd className="pre">{m.protocolItem || '—'}</dd>
          </div>
        )}
        <div>
          <dt>{council ? 'Ответственные' : 'Ответственный исполнитель'}</dt>
          <dd>{m.leadExecutor ? orgName(m.leadExecutor) : <span className="muted">не назначен</span>}</dd>
        </div>
        <div>
          <dt>Соисполнители</dt>
          <dd>
            {m.coExecutors.length ? (
              <ul className="plain">
                {m.coExecutors.map((o) => (
                  <li key={o.id}>{orgName(o)}</li>
                ))}
              </ul>
            ) : (
              '—'
            )}
          </dd>
        </div>
        {(m.textExecutors?.length ?? 0) > 0 && (
          <div>
            <dt>Также (без организации в справочнике)</dt>
            <dd data-testid="measure-text-executors">{m.textExecutors!.join(', ')}</dd>
          </div>
        )}
        <div>
          <dt>Срок исполнения</dt>
          <dd>
            <div className="pre">{m.deadlineText || '—'}</div>
            {m.deadlineKind && (
              <div className="deadline-kind" data-testid="measure-deadline-kind">
                <span className="muted">Вид срока:</span>{' '}
                {deadlineKindLabel(m.deadlineKind, m.deadlineUnderstood !== false)}
                {m.deadlineOverride && <span className="badge badge-info">даты указаны вручную</span>}
                {m.deadlineUnderstood === false && !m.deadlineOverride && (
                  <span className="badge badge-warn">срок не распознан</span>
                )}
              </div>
            )}
            {m.controlFrom && (
              <div className="small" data-testid="measure-control-from">
                <span className="muted">На контроле с:</span> {formatDateRu(m.controlFrom)}
              </div>
            )}
            {m.anchorDate && (
              <div className="small">
                <span className="muted">Дата события:</span> {formatDateRu(m.anchorDate)}
              </div>
            )}
          </dd>
        </div>
        <div>
          <dt>Ожидаемый результат</dt>
          <dd className="pre">{m.expectedResult || '—'}</dd>
        </div>
        <div>
          <dt>Форма реализации</dt>
          <dd className="pre">{m.form || '—'}</dd>
        </div>
        <div>
          <dt>Статус</dt>
          <dd>
            <LightDot light={m.light} /> <StatusBadge status={m.status} />
          </dd>
        </div>
        <div className="wide">
          <dt>Информация об исполнении</dt>
          <dd className="pre">{m.executionText || <span className="muted">не представлена</span>}</dd>
        </div>
        <div>
          <dt>Изменено</dt>
          <dd>
            {formatDateTimeRu(m.updatedAt)} <span className="muted">(версия {m.version})</span>
          </dd>
        </div>
      </dl>

      <ControlPoints m={m} canEdit={Boolean(m.abilities?.update && !m.archived)} onEdit={() => setEditing(true)} />

      {!m.archived && (
        <>
          <ExecutionSection m={m} canManage={Boolean(m.abilities?.update)} onChanged={() => void refresh()} />
          <LinkedWork measureId={m.id} executionText={m.executionText ?? ''} />
        </>
      )}

      <h2 className="section-heading" id="history-heading">
        История изменений
      </h2>
      {history.error && <Alert>{history.error}</Alert>}
      {history.data ? (
        <HistoryList items={history.data.items} sections={plan.data?.sections} />
      ) : (
        !history.error && <Loading />
      )}

      {editing && (
        <MeasureFormDialog
          plan={plan.data ?? { id: m.planId, kind: m.plan?.kind ?? 'plan', sections: [] }}
          measure={m}
          onClose={() => setEditing(false)}
          onSaved={(saved: Measure) => {
            setEditing(false);
            measure.setData({ ...m, ...saved });
            setNotice('Изменения сохранены.');
            void refresh();
          }}
        />
      )}
      {archiving && (
        <ConfirmDialog
          title="Перенести мероприятие в архив?"
          message={<p>Мероприятие {m.number} будет скрыто из плана. История сохранится.</p>}
          confirmLabel="В архив"
          danger
          onClose={() => setArchiving(false)}
          onConfirm={async () => {
            await api.archiveMeasure(m.id);
            setNotice('Мероприятие перенесено в архив.');
            await refresh();
          }}
        />
      )}
    </section>
  );
}

/** Every control date of the measure: execution and report dates, moves off days off, where each came from. */
function ControlPoints({ m, canEdit, onEdit }: { m: Measure; canEdit: boolean; onEdit(): void }) {
  const points = m.controlPoints ?? [];
  let empty: React.ReactNode = 'Контрольных дат нет.';
  if (m.deadlineKind === 'relative' && !m.anchorDate)
    empty = 'Срок отсчитывается от события: укажите «Дату события» в форме мероприятия, и даты появятся.';
  else if (m.deadlineUnderstood === false) empty = 'Срок не распознан — укажите даты вручную в форме мероприятия.';
  else if (m.deadlineKind === 'continuous') empty = 'Постоянное мероприятие без контрольных дат.';
  else if (!m.deadlineText) empty = 'Срок не указан.';
  return (
    <section aria-labelledby="cp-heading" data-testid="control-points">
      <div className="section-heading-row">
        <h2 className="section-heading" id="cp-heading">
          Контрольные точки {points.length > 0 && <span className="muted small">({points.length})</span>}
        </h2>
        {canEdit && points.length === 0 && (
          <button type="button" className="btn btn-sm" onClick={onEdit}>
            Указать сроки
          </button>
        )}
      </div>
      {points.length === 0 ? (
        <p className="empty" data-testid="control-points-empty">
          {empty}
        </p>
      ) : (
        <table className="grid cp-table cards-on-phone" data-testid="control-points-table">
          <thead>
            <tr>
              <th scope="col">Вид</th>
              <th scope="col">Дата</th>
              <th scope="col">Перенос</th>
              <th scope="col">Период</th>
              <th scope="col">Источник</th>
            </tr>
          </thead>
          <tbody>
            {points.map((c, i) => (
              <tr
                key={`${c.kind}-${c.effective}-${i}`}
                data-testid="control-point"
                data-counted={c.counted === false ? 'false' : 'true'}
                className={c.counted === false ? 'row-muted' : undefined}
              >
                <td data-label="Вид">
                  <span className={`ckind ckind-${c.kind}`}>{CONTROL_KIND_LABELS[c.kind] ?? c.kind}</span>
                </td>
                <td data-label="Дата" className="nowrap-md">
                  <strong>{formatDateShort(c.effective)}</strong>
                  {c.counted === false && <div className="muted small">до начала контроля</div>}
                </td>
                <td data-label="Перенос" className="nowrap-md">
                  {c.nominal !== c.effective ? <>с {formatDateShort(c.nominal)}</> : <span className="muted">—</span>}
                </td>
                <td data-label="Период">{c.label || <span className="muted">—</span>}</td>
                <td data-label="Источник">{CONTROL_SOURCE_LABELS[c.source] ?? c.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
