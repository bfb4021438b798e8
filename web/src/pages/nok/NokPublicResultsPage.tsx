/** The published results of a НОК campaign: a public page, no login (issue 14, «Publication»). */
import { useParams } from 'react-router';
import { request } from '../../api';
import type * as C from '../../../../src/contract';
import { Alert, Loading, useTitle } from '../../components/ui';
import { formatDateRu } from '../../format';
import { useApiQuery } from '../../hooks';
import { points } from '../../nok-api';
import '../../nok.css';

export function NokPublicResultsPage() {
  const id = Number(useParams().campaignId);
  const r = useApiQuery(['nok', 'public', id], () =>
    request<C.NokPublicResults>('GET', `/nok/public/campaigns/${id}`, undefined, { quiet401: true }),
  );
  useTitle(r.data ? `Результаты: ${r.data.title}` : 'Результаты независимой оценки');
  return (
    <div className="nok-public">
      <main className="nok-public-main" style={{ maxWidth: 1000 }}>
        {r.error && <Alert>{r.error}</Alert>}
        {!r.data && !r.error && <Loading />}
        {r.data && (
          <>
            <p className="nok-kicker">Независимая оценка качества условий оказания услуг</p>
            <h1>{r.data.title}</h1>
            <p>
              Сфера: {r.data.sectorName}. Уполномоченный орган: {r.data.owner}. Опубликовано{' '}
              {formatDateRu(r.data.publishedAt)}.
            </p>
            <table className="grid" data-testid="nok-public-results">
              <thead>
                <tr>
                  <th>Место</th>
                  <th>Организация</th>
                  <th>К1</th>
                  <th>К2</th>
                  <th>К3</th>
                  <th>К4</th>
                  <th>К5</th>
                  <th>Итоговый балл</th>
                </tr>
              </thead>
              <tbody>
                {r.data.items.map((i) => (
                  <tr key={i.organisation}>
                    <td>{i.rank}</td>
                    <td>{i.organisation}</td>
                    {(['1', '2', '3', '4', '5'] as const).map((k) => (
                      <td key={k}>{points(i.criteria[k])}</td>
                    ))}
                    <td>
                      <strong>{points(i.total)}</strong>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="nok-privacy">
              К1 — открытость и доступность информации; К2 — комфортность условий; К3 — доступность услуг для инвалидов;
              К4 — доброжелательность и вежливость работников; К5 — удовлетворенность условиями оказания услуг. Баллы
              рассчитаны по приказу Минтруда России № 344н.
            </p>
          </>
        )}
      </main>
    </div>
  );
}
