/** «Мои отчёты» (what the user's organisation owes) and «На проверке» (what awaits the coordinator). */
import { Link } from 'react-router';
import { useAuth } from '../auth';
import { Alert, Loading, PageHeading, useTitle } from '../components/ui';
import { execution, REPORT_STATE_LABELS, type Report } from '../execution';
import { formatDateShort } from '../format';
import { useLoader } from '../hooks';

export function MyReportsPage() {
  useTitle('Отчёты');
  const { user } = useAuth();
  const mine = useLoader(() => execution.myReports(), []);
  const review = useLoader(() => execution.reviewQueue(), []);
  const ext = useLoader(() => execution.pendingExtensions(), []);
  const today = new Date().toISOString().slice(0, 10);
  const reviewer = user?.role === 'coordinator' || user?.role === 'admin';
  return (
    <section className="page">
      <PageHeading>Отчёты</PageHeading>
      {reviewer && (
        <>
          <h2 className="section-heading">На проверке</h2>
          {review.error && <Alert>{review.error}</Alert>}
          {!review.data ? <Loading /> : review.data.items.length === 0 ? <p className="empty">Отчётов на проверке нет.</p> : <ReportTable items={review.data.items} today={today} testId="review-table" />}
          <h2 className="section-heading">Запросы на перенос срока</h2>
          {!ext.data ? <Loading /> : ext.data.items.length === 0 ? <p className="empty">Запросов нет.</p> : (
            <ul className="plain" data-testid="pending-extensions">
              {ext.data.items.map((x) => <li key={x.id}><Link to={`/measures/${x.measureId}`}>Мероприятие</Link>: {x.organisation.shortName} просит перенести на {formatDateShort(x.requestedDue)} — {x.reason}</li>)}
            </ul>
          )}
        </>
      )}
      <h2 className="section-heading">Отчёты моей организации</h2>
      {mine.error && <Alert>{mine.error}</Alert>}
      {!mine.data ? <Loading /> : mine.data.items.length === 0 ? <p className="empty">Отчёты не ожидаются.</p> : <ReportTable items={mine.data.items} today={today} testId="my-reports" />}
    </section>
  );
}

function ReportTable({ items, today, testId }: { items: Report[]; today: string; testId: string }) {
  return (
    <table className="grid cards-on-phone" data-testid={testId}>
      <thead><tr><th scope="col">Срок отчёта</th><th scope="col">Период</th><th scope="col">Мероприятие</th><th scope="col">Исполнитель</th><th scope="col">Состояние</th></tr></thead>
      <tbody>
        {items.map((r) => {
          const late = r.dueOn < today && (r.state === 'expected' || r.state === 'draft' || r.state === 'returned');
          return (
            <tr key={r.id} className={late ? 'row-overdue' : undefined}>
              <td data-label="Срок отчёта">{formatDateShort(r.dueOn)}{late && <span className="badge badge-warn">просрочен</span>}</td>
              <td data-label="Период">{r.period.label}</td>
              <td data-label="Мероприятие"><Link to={`/measures/${r.measureId}`}>{r.measure ? `№ ${r.measure.number} ${r.measure.title}` : `Мероприятие ${r.measureId}`}</Link></td>
              <td data-label="Исполнитель">{r.organisation.shortName}</td>
              <td data-label="Состояние">{REPORT_STATE_LABELS[r.state]}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
