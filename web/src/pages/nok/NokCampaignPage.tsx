/**
 * One НОК campaign: its organisations with their questionnaire links, answers counted and
 * checklists; the scores by the methodology (indicators, К1–К5, total, rank, last year, the
 * points that pulled each organisation down); publication; improvement plans.
 */
import { Fragment, useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../api';
import { Alert, Loading, PageHeading, useTitle } from '../../components/ui';
import { formatDateRu, formatDateTimeRu } from '../../format';
import { useApiQuery } from '../../hooks';
import { SECTOR_LABELS, nokApi, points } from '../../nok-api';
import '../../nok.css';

export function NokCampaignPage() {
  const id = Number(useParams().campaignId);
  const campaign = useApiQuery(['nok', 'campaign', id], () => nokApi.campaign(id));
  const results = useApiQuery(['nok', 'results', id], () => nokApi.results(id));
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  useTitle(campaign.data?.title ?? 'Кампания');
  const c = campaign.data;

  async function act(fn: () => Promise<unknown>, done: string) {
    setError(null);
    setNotice(null);
    try {
      await fn();
      await Promise.all([campaign.reload(), results.reload()]);
      setNotice(done);
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  if (campaign.error) return <Alert>{campaign.error}</Alert>;
  if (!c) return <Loading />;
  const mine = c.abilities;
  return (
    <section className="page">
      <div className="page-head">
        <PageHeading>{c.title}</PageHeading>
        <div className="page-actions">
          {mine.manage && (
            <button
              type="button"
              className="btn"
              data-testid="nok-toggle-collection"
              onClick={() =>
                act(
                  () =>
                    nokApi.updateCampaign(c.id, {
                      version: c.version,
                      status: c.status === 'open' ? 'closed' : 'open',
                    }),
                  c.status === 'open' ? 'Сбор анкет завершён.' : 'Сбор анкет возобновлён.',
                )
              }
            >
              {c.status === 'open' ? 'Завершить сбор анкет' : 'Возобновить сбор анкет'}
            </button>
          )}
          {mine.manage && (
            <button
              type="button"
              className="btn btn-primary"
              data-testid="nok-publish"
              onClick={() =>
                act(
                  () => nokApi.publish(c.id, c.version, !c.publishedAt),
                  c.publishedAt ? 'Публикация результатов снята.' : 'Результаты опубликованы.',
                )
              }
            >
              {c.publishedAt ? 'Снять с публикации' : 'Опубликовать результаты'}
            </button>
          )}
        </div>
      </div>
      <dl className="meta">
        <dt>Сфера</dt>
        <dd>{SECTOR_LABELS[c.sector]}</dd>
        <dt>Уполномоченный орган</dt>
        <dd>{c.owner.name}</dd>
        <dt>Оператор</dt>
        <dd>
          {c.operator.name}
          {c.staff.length > 0 && ` (${c.staff.map((s) => s.fullName).join(', ')})`}
        </dd>
        <dt>Сбор анкет</dt>
        <dd>
          {formatDateRu(c.startsOn)} — {formatDateRu(c.endsOn)}
          {c.status === 'closed' && ', завершён'}
        </dd>
        <dt>Результаты</dt>
        <dd data-testid="nok-published">
          {c.publishedAt ? `опубликованы ${formatDateTimeRu(c.publishedAt)}` : 'не опубликованы'}
          {c.publishedAt && (
            <>
              {' · '}
              <Link to={`/results/nok/${c.id}`} data-testid="nok-public-link">
                публичная страница
              </Link>
            </>
          )}
        </dd>
        <dt>Методика</dt>
        <dd>
          Приказ Минтруда России № 344н (редакция {c.edition}), анкета по приказу № 675н ({c.questionnaireEdition})
        </dd>
      </dl>
      {error && <Alert>{error}</Alert>}
      {notice && <Alert kind="success">{notice}</Alert>}

      <h2>Организации</h2>
      <table className="grid cards-on-phone" data-testid="nok-assessments">
        <thead>
          <tr>
            <th>Организация</th>
            <th>Анкет учтено / план</th>
            <th>Чек-лист</th>
            <th>Анкета для граждан</th>
          </tr>
        </thead>
        <tbody>
          {c.assessments.map((a) => (
            <tr key={a.id}>
              <td>
                {mine.operate || a.code ? (
                  <Link to={`/nok/assessments/${a.id}`}>{a.organisation.name}</Link>
                ) : (
                  a.organisation.name
                )}
              </td>
              <td>
                {a.counted} / {a.plannedRespondents}
                {a.suspicious > 0 && ` (исключено: ${a.suspicious})`}
              </td>
              <td>{a.checked ? `заполнен ${formatDateRu(a.checkedAt)}` : 'не заполнен'}</td>
              <td>
                {a.code && (
                  <Link to={`/nok/assessments/${a.id}/poster`} data-testid={`nok-poster-${a.id}`}>
                    QR-код, плакат и ссылка
                  </Link>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Результаты оценки</h2>
      {results.error && <Alert>{results.error}</Alert>}
      {results.data && (
        <>
          {results.data.mean !== null && (
            <p>
              Средний балл по организациям кампании: <strong>{points(results.data.mean)}</strong>
            </p>
          )}
          <table className="grid" data-testid="nok-results">
            <thead>
              <tr>
                <th>Место</th>
                <th>Организация</th>
                <th>К1</th>
                <th>К2</th>
                <th>К3</th>
                <th>К4</th>
                <th>К5</th>
                <th>Итог</th>
                <th>Прошлый год</th>
                <th>План по устранению недостатков</th>
              </tr>
            </thead>
            <tbody>
              {[...results.data.items]
                .sort((x, y) => (x.rank ?? 1e9) - (y.rank ?? 1e9))
                .map((r) => (
                  <Fragment key={r.assessmentId}>
                    <tr>
                      <td>{r.rank ?? '—'}</td>
                      <td>
                        <button
                          type="button"
                          className="btn-link"
                          aria-expanded={open === r.assessmentId}
                          onClick={() => setOpen(open === r.assessmentId ? null : r.assessmentId)}
                        >
                          {r.organisation.name}
                        </button>
                        {!r.scored && <div className="hint">{r.missing}</div>}
                      </td>
                      {(['1', '2', '3', '4', '5'] as const).map((k) => (
                        <td key={k}>{points(r.criteria?.[k])}</td>
                      ))}
                      <td data-testid={`nok-total-${r.assessmentId}`}>
                        <strong>{points(r.total)}</strong>
                      </td>
                      <td>{points(r.previousTotal)}</td>
                      <td>
                        {r.planId ? (
                          <Link to={`/plans/${r.planId}`} data-testid={`nok-plan-${r.assessmentId}`}>
                            Открыть план
                          </Link>
                        ) : (
                          mine.manage &&
                          r.scored && (
                            <button
                              type="button"
                              className="btn btn-sm"
                              data-testid={`nok-make-plan-${r.assessmentId}`}
                              onClick={() =>
                                act(
                                  () => nokApi.createPlan(r.assessmentId),
                                  'Проект плана по устранению недостатков создан; утвердите его на странице плана.',
                                )
                              }
                            >
                              Сформировать план
                            </button>
                          )
                        )}
                      </td>
                    </tr>
                    {open === r.assessmentId && r.scored && (
                      <tr>
                        <td />
                        <td colSpan={9}>
                          <div>
                            Показатели:{' '}
                            {Object.entries(r.indicators)
                              .map(([k, v]) => `${k} — ${points(v)}`)
                              .join('; ')}
                          </div>
                          {r.shortfalls.length > 0 ? (
                            <>
                              <div>Что снизило оценку:</div>
                              <ul className="nok-shortfalls">
                                {r.shortfalls.map((s) => (
                                  <li key={s.indicator}>
                                    {s.text}; потеряно в итоговом балле: {points(s.lostInTotal)}
                                  </li>
                                ))}
                              </ul>
                            </>
                          ) : (
                            <div>Недостатков не выявлено.</div>
                          )}
                        </td>
                      </tr>
                    )}
                  </Fragment>
                ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
