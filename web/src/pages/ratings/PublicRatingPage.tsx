/** The published rating, open without login: the ranked table, the chart and every explanation. */
import { useParams } from 'react-router';
import { Alert, Loading, PageHeading, useTitle } from '../../components/ui';
import { useApiQuery } from '../../hooks';
import { ratingsApi } from '../../ratings';
import { RatingResults } from './RatingResults';
import '../../indicators.css';

export function PublicRatingPage() {
  const { ratingId } = useParams();
  const id = Number(ratingId);
  const q = useApiQuery(['public-rating', id], () => ratingsApi.publicRating(id));
  const d = q.data;
  useTitle(d ? d.title : 'Рейтинг');
  return (
    <main className="page public-rating" data-testid="public-rating">
      {!d && (q.error ? <Alert>{q.error}</Alert> : <Loading />)}
      {d && (
        <>
          <PageHeading>{d.title}</PageHeading>
          <p className="sub">
            {d.year} г. · методика: {d.methodologyTitle}
          </p>
          <RatingResults
            rows={d.results}
            groups={(d.methodology.body as unknown as { groups: { id: string; title: string }[] }).groups}
          />
        </>
      )}
    </main>
  );
}
