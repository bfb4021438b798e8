/**
 * One report on a page of its own, where report lists, notices and the home page lead: the
 * editor (or the review) first, with what it is about above it — so that on a phone the
 * report is on the first screen, not under the measure's control dates and history.
 */
import { Link, useParams } from 'react-router';
import { api } from '../api';
import { ReportEditor } from '../components/Execution';
import { Alert, Loading, PageHeading, useTitle } from '../components/ui';
import { execution, REPORT_STATE_LABELS } from '../execution';
import { formatDateShort } from '../format';
import { useApiQuery } from '../hooks';
import { NotFoundPage } from './NotFoundPage';

export function ReportPage() {
  const { reportId } = useParams();
  const id = Number(reportId);
  const report = useApiQuery(['report', id], () => execution.report(id));
  const measureId = report.data?.measureId;
  const measure = useApiQuery(['measure', measureId ?? null], () =>
    measureId ? api.measure(measureId) : Promise.resolve(null),
  );
  const r = report.data;
  const m = measure.data;
  useTitle(r ? `Отчёт за ${r.period.label}` : 'Отчёт');
  if (!Number.isInteger(id) || id <= 0) return <NotFoundPage />;
  if (!r)
    return report.error ? (
      <section className="page">
        <Alert>{report.error}</Alert>
      </section>
    ) : (
      <Loading />
    );
  return (
    <section className="page page-report">
      <nav className="breadcrumbs" aria-label="Навигационная цепочка">
        <Link to="/reports">Отчёты</Link>
        <span aria-hidden="true"> › </span>
        {m?.plan ? <Link to={`/plans/${r.planId}`}>{m.plan.title}</Link> : <Link to={`/plans/${r.planId}`}>План</Link>}
        <span aria-hidden="true"> › </span>
        <span aria-current="page">Отчёт за {r.period.label}</span>
      </nav>
      <div className="doc-kind">
        {r.organisation.shortName}
        {r.role === 'co' ? ' (соисполнитель)' : ''} · {REPORT_STATE_LABELS[r.state]} · срок {formatDateShort(r.dueOn)}
      </div>
      <PageHeading className="measure-title">
        {m ? (
          <Link to={`/measures/${m.id}`} data-testid="report-page-measure">
            № {m.number} {m.title}
          </Link>
        ) : (
          'Отчёт'
        )}
      </PageHeading>
      {m?.deadlineText && (
        <p className="small">
          <span className="muted">Срок исполнения:</span> {m.deadlineText}
        </p>
      )}
      <ReportEditor
        id={id}
        onChanged={async () => {
          await report.reload();
        }}
      />
      <p className="small">
        <Link to={`/measures/${r.measureId}`}>Все отчёты, контрольные даты и история мероприятия →</Link>
      </p>
    </section>
  );
}
