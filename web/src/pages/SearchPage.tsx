/** Full-text search over measures and reports (Russian word forms). */
import { Link, useSearchParams } from 'react-router';
import { Alert, Loading, PageHeading, useTitle } from '../components/ui';
import { execution } from '../execution';
import { useApiQuery } from '../hooks';

/** Highlights «…» fragments that the server marks, without injecting HTML. */
function Snippet({ text }: { text: string }) {
  const parts = text.split(/(«[^»]*»)/);
  return (
    <span>
      {parts.map((p, i) => (p.startsWith('«') && p.endsWith('»') ? <mark key={i}>{p.slice(1, -1)}</mark> : p))}
    </span>
  );
}

export function SearchPage() {
  const [params] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  useTitle(`Поиск: ${q}`);
  const res = useApiQuery(['search', q], () =>
    q.length >= 2 ? execution.search(q) : Promise.resolve({ measures: [], reports: [] }),
  );
  return (
    <section className="page">
      <PageHeading>Поиск: «{q}»</PageHeading>
      {q.length < 2 && <p className="empty">Введите не менее двух букв.</p>}
      {res.error && <Alert>{res.error}</Alert>}
      {!res.data ? (
        <Loading />
      ) : (
        <>
          <h2 className="section-heading">Мероприятия ({res.data.measures.length})</h2>
          <ul className="plain item-list" data-testid="search-measures">
            {res.data.measures.map((m) => (
              <li key={m.id}>
                <Link to={`/measures/${m.id}`}>
                  № {m.number} {m.title}
                </Link>
                <div className="small">
                  <Snippet text={m.snippet} />
                </div>
                <div className="small muted">{m.plan.title}</div>
              </li>
            ))}
          </ul>
          <h2 className="section-heading">Отчёты ({res.data.reports.length})</h2>
          <ul className="plain item-list" data-testid="search-reports">
            {res.data.reports.map((r) => (
              <li key={r.id}>
                <Link to={`/measures/${r.measure.id}`}>
                  № {r.measure.number} {r.measure.title}
                </Link>{' '}
                — {r.organisation}, {r.period}
                <div className="small">
                  <Snippet text={r.snippet} />
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
