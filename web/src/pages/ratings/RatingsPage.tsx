/** «Рейтинги муниципальных образований»: campaigns, and for coordinators the methodology import and a new campaign. */
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api';
import { Alert, Field, Loading, PageHeading, useTitle } from '../../components/ui';
import { useApiQuery } from '../../hooks';
import { RATING_STATE_LABELS, ratingsApi } from '../../ratings';

export function RatingsPage() {
  useTitle('Рейтинги муниципальных образований');
  const list = useApiQuery(['ratings'], () => ratingsApi.list());
  const methods = useApiQuery(['rating-methodologies'], () => ratingsApi.methodologies());
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [methodologyId, setMethodologyId] = useState<number | null>(null);
  const [year, setYear] = useState(String(new Date().getFullYear() - 1));
  const [title, setTitle] = useState('');
  const run = async (p: Promise<unknown>, ok: string) => {
    setError(null);
    try {
      await p;
      setNotice(ok);
      await Promise.all([list.reload(), methods.reload()]);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const items = list.data?.items ?? [];
  const ms = methods.data?.items ?? [];
  return (
    <section className="page">
      <PageHeading>Рейтинги муниципальных образований</PageHeading>
      {error && <Alert testId="ratings-error">{error}</Alert>}
      {notice && <Alert kind="success">{notice}</Alert>}
      {!list.data && !list.error && <Loading />}
      {items.length > 0 && (
        <table className="grid" data-testid="ratings-list">
          <thead>
            <tr>
              <th scope="col">Рейтинг</th>
              <th scope="col">Год</th>
              <th scope="col">Методика</th>
              <th scope="col">Состояние</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/ratings/${r.id}`}>{r.title}</Link>
                </td>
                <td>{r.year}</td>
                <td>{r.methodologyTitle}</td>
                <td>{RATING_STATE_LABELS[r.state]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.data && items.length === 0 && <div className="empty">Рейтингов пока нет.</div>}
      <section className="card">
        <h2>Методика рейтинга</h2>
        <p className="muted">
          Файл JSON: группы с весами, показатели (единица, направление, вес, нормирование), правило для пропусков и
          категории. Загрузка той же методики создаёт её новую версию.
        </p>
        <Field id="method-file" label="Загрузить методику (JSON)">
          <input
            id="method-file"
            type="file"
            accept=".json,application/json"
            data-testid="method-file"
            onChange={async (e) => {
              const f = e.target.files?.[0];
              if (!f) return;
              let body: unknown;
              try {
                body = JSON.parse(await f.text());
              } catch {
                setError('Файл методики не является корректным JSON');
                return;
              }
              await run(ratingsApi.createMethodology(body), `Методика из файла «${f.name}» загружена.`);
            }}
          />
        </Field>
        {ms.length > 0 && (
          <ul data-testid="methodologies">
            {ms.map((m) => (
              <li key={m.id}>
                {m.title} — версия {m.version}
              </li>
            ))}
          </ul>
        )}
      </section>
      {ms.length > 0 && (
        <form
          className="card"
          onSubmit={(e) => {
            e.preventDefault();
            const mid = methodologyId ?? ms[0].id;
            if (!title.trim() || !/^\d{4}$/.test(year)) {
              setError('Укажите название и год рейтинга');
              return;
            }
            void run(
              ratingsApi.create({ methodologyId: mid, year: Number(year), title: title.trim() }),
              'Рейтинг создан: муниципальные образования могут вносить значения.',
            );
          }}
          data-testid="rating-create"
        >
          <h2>Новый рейтинг</h2>
          <div className="field-row">
            <Field id="rating-method" label="Методика">
              <select
                id="rating-method"
                value={methodologyId ?? ms[0].id}
                onChange={(e) => setMethodologyId(Number(e.target.value))}
              >
                {ms.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.title} (версия {m.version})
                  </option>
                ))}
              </select>
            </Field>
            <Field id="rating-year" label="Год" className="narrow">
              <input
                id="rating-year"
                value={year}
                onChange={(e) => setYear(e.target.value)}
                data-testid="rating-year"
              />
            </Field>
          </div>
          <Field id="rating-title" label="Название">
            <input
              id="rating-title"
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              data-testid="rating-title"
            />
          </Field>
          <button type="submit" className="btn btn-primary" data-testid="rating-create-submit">
            Создать рейтинг
          </button>
        </form>
      )}
    </section>
  );
}
