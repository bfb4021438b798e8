/** «Мои показатели»: the indicators the user's organisation answers for, each a link to enter its figures. */
import { Link } from 'react-router';
import { Alert, Loading, PageHeading, useTitle } from '../../components/ui';
import { useApiQuery } from '../../hooks';
import { indicatorsApi } from '../../indicators';

export function MyIndicatorsPage() {
  useTitle('Мои показатели');
  const q = useApiQuery(['my', 'indicators'], () => indicatorsApi.mine());
  const items = q.data?.items ?? [];
  return (
    <section className="page">
      <PageHeading>Мои показатели</PageHeading>
      <p className="sub">Целевые показатели, за которые отвечает ваша организация: внесите фактические значения.</p>
      {q.error && <Alert>{q.error}</Alert>}
      {!q.data && !q.error && <Loading />}
      {q.data && items.length === 0 && <div className="empty">Ваша организация не отвечает ни за один показатель.</div>}
      {items.length > 0 && (
        <table className="grid" data-testid="my-indicators">
          <thead>
            <tr>
              <th scope="col">План</th>
              <th scope="col">№</th>
              <th scope="col">Показатель</th>
              <th scope="col">Ед. изм.</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id}>
                <td>{i.planTitle}</td>
                <td>{i.number}</td>
                <td>
                  <Link to={`/indicators/${i.id}`} className="title-link">
                    {i.name}
                  </Link>
                </td>
                <td>{i.unit || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
