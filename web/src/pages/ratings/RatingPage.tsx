/**
 * One rating campaign: its state and the coordinators' steps (freeze, approve, publish), the
 * values grid (a municipality its own row; coordinators all, a correction with a reason), the
 * CSV import, and the ranked results with the explanation of every point.
 */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../api';
import { Alert, Field, Loading, PageHeading, useTitle } from '../../components/ui';
import { useApiQuery } from '../../hooks';
import { formatNumberRu, parseNumberRu } from '../../indicators';
import { RATING_STATE_LABELS, TRANSITION_LABELS, ratingsApi } from '../../ratings';
import { NotFoundPage } from '../NotFoundPage';
import { RatingResults } from './RatingResults';
import '../../indicators.css';

type MethodBody = {
  groups: { id: string; title: string }[];
  indicators: { id: string; title: string; unit?: string; group: string }[];
};

export function RatingPage() {
  const { ratingId } = useParams();
  const id = Number(ratingId);
  const q = useApiQuery(['rating', id], () => ratingsApi.get(id));
  const d = q.data;
  useTitle(d ? d.title : 'Рейтинг');
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [reason, setReason] = useState('');
  const [csv, setCsv] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  if (!Number.isInteger(id)) return <NotFoundPage />;
  if (!d) return <section className="page">{q.error ? <Alert>{q.error}</Alert> : <Loading />}</section>;
  const m = d.methodology.body as unknown as MethodBody;
  const valueOf = (mid: number, ind: string) => d.values.find((v) => v.municipalityId === mid && v.indicator === ind);
  const run = async (p: Promise<unknown>, ok: string) => {
    setError(null);
    try {
      await p;
      setNotice(ok);
      setEdits({});
      await q.reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const saveGrid = () => {
    const items = Object.entries(edits).map(([k, text]) => {
      const [mid, ind] = k.split('|');
      return { municipalityId: Number(mid), indicator: ind, value: text.trim() ? parseNumberRu(text) : null };
    });
    if (items.some((i, n) => i.value == null && Object.values(edits)[n].trim())) {
      setError('Значения должны быть числами, например 12,5');
      return;
    }
    if (items.length === 0) return;
    void run(ratingsApi.saveValues(id, items, reason.trim() || undefined), 'Значения сохранены.');
  };

  return (
    <section className="page rating-page">
      <nav className="breadcrumbs" aria-label="Навигационная цепочка">
        <Link to="/ratings">Рейтинги</Link>
        <span aria-hidden="true"> › </span>
        <span aria-current="page">{d.title}</span>
      </nav>
      <PageHeading>{d.title}</PageHeading>
      <p className="sub" data-testid="rating-state">
        {d.year} г. · {d.methodologyTitle} (версия {d.methodology.version}) · {RATING_STATE_LABELS[d.state]}
        {d.state === 'published' && (
          <>
            {' · '}
            <a href={`/public/ratings/${d.id}`} data-testid="rating-public-link">
              публичная страница
            </a>
          </>
        )}
      </p>
      {error && <Alert testId="rating-error">{error}</Alert>}
      {notice && <Alert kind="success">{notice}</Alert>}
      {d.abilities.transitions.length > 0 && (
        <div className="actions">
          {d.abilities.transitions.map((to) => (
            <button
              key={to}
              type="button"
              className="btn"
              data-testid={`rating-to-${to}`}
              onClick={() => void run(ratingsApi.move(id, to, d.version), `Рейтинг: ${RATING_STATE_LABELS[to]}.`)}
            >
              {TRANSITION_LABELS[to]}
            </button>
          ))}
        </div>
      )}
      <h2>Значения показателей</h2>
      <div className="table-scroll">
        <table className="grid" data-testid="rating-values">
          <thead>
            <tr>
              <th scope="col">Муниципальное образование</th>
              {m.indicators.map((i) => (
                <th key={i.id} scope="col" title={`${i.title}${i.unit ? `, ${i.unit}` : ''}`}>
                  {i.id}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {d.municipalities.map((mu) => (
              <tr key={mu.id}>
                <th scope="row">{mu.shortName}</th>
                {m.indicators.map((i) => {
                  const v = valueOf(mu.id, i.id);
                  const k = `${mu.id}|${i.id}`;
                  return (
                    <td
                      key={i.id}
                      className="num"
                      title={v?.correctionReason ? `Исправлено: ${v.correctionReason}` : undefined}
                    >
                      {d.abilities.enter ? (
                        <input
                          size={6}
                          inputMode="decimal"
                          aria-label={`${mu.shortName}: ${i.title}`}
                          value={edits[k] ?? (v?.value == null ? '' : formatNumberRu(v.value).replace(/\s/g, ''))}
                          onChange={(e) => setEdits({ ...edits, [k]: e.target.value })}
                          data-testid={`value-${mu.id}-${i.id}`}
                        />
                      ) : (
                        formatNumberRu(v?.value)
                      )}
                      {v?.correctionReason && <span className="muted small"> испр.</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {d.abilities.enter && (
        <div className="card">
          {d.abilities.manage && (
            <Field id="rating-reason" label="Причина исправления (если меняете значение, внесённое муниципалитетом)">
              <input
                id="rating-reason"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                data-testid="rating-reason"
              />
            </Field>
          )}
          <button type="button" className="btn btn-primary" onClick={saveGrid} data-testid="rating-values-save">
            Сохранить значения
          </button>
        </div>
      )}
      {d.abilities.manage && d.state === 'collecting' && (
        <form
          className="card"
          onSubmit={(e) => {
            e.preventDefault();
            void run(ratingsApi.importCsv(id, csv, reason.trim() || undefined), 'Значения из CSV загружены.');
          }}
        >
          <Field id="rating-csv" label="Загрузить значения из CSV (municipality,indicator,value)">
            <input
              id="rating-csv"
              type="file"
              accept=".csv,text/csv"
              data-testid="rating-csv"
              onChange={async (e) => setCsv((await e.target.files?.[0]?.text()) ?? '')}
            />
          </Field>
          <button type="submit" className="btn" disabled={!csv} data-testid="rating-csv-submit">
            Загрузить
          </button>
        </form>
      )}
      {d.results.length > 0 && (
        <>
          <h2>Результаты</h2>
          <RatingResults rows={d.results} groups={m.groups} />
        </>
      )}
    </section>
  );
}
