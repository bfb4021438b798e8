/**
 * One organisation of a НОК campaign, the operator's page: the checklist of the information
 * stand and site, remote channels, comfort and accessibility (who checked, when), paper
 * questionnaires typed in, and the forms received with the suspicious ones excluded (with the
 * reason, never dropped).
 */
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../api';
import { Alert, Loading, PageHeading, useTitle } from '../../components/ui';
import { formatDateTimeRu } from '../../format';
import { useApiQuery } from '../../hooks';
import { nokApi, type Answers, type NokChecklist } from '../../nok-api';
import '../../nok.css';

type ListKey = 'remoteChannels' | 'comfortConditions' | 'accessOrg' | 'accessServices';

export function NokAssessmentPage() {
  const id = Number(useParams().assessmentId);
  const a = useApiQuery(['nok', 'assessment', id], () => nokApi.assessment(id));
  useTitle(a.data ? `${a.data.organisation.name}: независимая оценка` : 'Независимая оценка');
  const [checklist, setChecklist] = useState<NokChecklist | null>(null);
  const [paper, setPaper] = useState<Answers>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const data = a.data;

  useEffect(() => {
    if (!data) return;
    const c = data.campaign;
    setChecklist(
      data.checklist ?? {
        stand: c.standItems.map(() => false),
        site: c.siteItems.map(() => false),
        remoteChannels: [],
        comfortConditions: [],
        accessOrg: [],
        accessServices: [],
      },
    );
  }, [data]);

  if (a.error) return <Alert>{a.error}</Alert>;
  if (!data || !checklist) return <Loading />;
  const operate = data.campaign.abilities.operate;

  async function run(fn: () => Promise<unknown>, done: string) {
    setError(null);
    setNotice(null);
    try {
      await fn();
      await a.reload();
      setNotice(done);
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  const flag = (k: 'stand' | 'site', i: number, v: boolean) =>
    setChecklist({ ...checklist, [k]: checklist[k].map((x, j) => (j === i ? v : x)) });
  const item = (k: ListKey, itemId: string, v: boolean) =>
    setChecklist({ ...checklist, [k]: v ? [...checklist[k], itemId] : checklist[k].filter((x) => x !== itemId) });
  const visiblePaper = data.questions.filter((q) => !q.askedIf || paper[q.askedIf] === 'yes');

  return (
    <section className="page">
      <p>
        <Link to={`/nok/${data.campaign.id}`}>← {data.campaign.title}</Link>
      </p>
      <PageHeading>{data.organisation.name}</PageHeading>
      {error && <Alert>{error}</Alert>}
      {notice && <Alert kind="success">{notice}</Alert>}

      <h2>Чек-лист оператора</h2>
      <p className="hint" data-testid="nok-checked">
        {data.checkedAt
          ? `Проверено: ${data.checkedBy ?? '—'}, ${formatDateTimeRu(data.checkedAt)}`
          : 'Ещё не проверялось.'}
      </p>
      <form
        className="nok-checklist"
        data-testid="nok-checklist"
        onSubmit={(e) => {
          e.preventDefault();
          void run(() => nokApi.saveChecklist(id, data.version, checklist), 'Чек-лист сохранён.');
        }}
      >
        {(['stand', 'site'] as const).map((k) => (
          <fieldset key={k} disabled={!operate}>
            <legend>
              1.1. Информация {k === 'stand' ? 'на информационных стендах' : 'на официальном сайте'} (размещена)
            </legend>
            {(k === 'stand' ? data.campaign.standItems : data.campaign.siteItems).map((text, i) => (
              <label key={i}>
                <input
                  type="checkbox"
                  checked={checklist[k][i] ?? false}
                  onChange={(e) => flag(k, i, e.target.checked)}
                />
                {text}
              </label>
            ))}
            {(k === 'stand' ? data.campaign.standItems : data.campaign.siteItems).length === 0 && (
              <p className="hint">Перечень не задан в кампании.</p>
            )}
          </fieldset>
        ))}
        {data.lists.map((list) => (
          <fieldset key={list.key} disabled={!operate}>
            <legend>
              {list.indicator}. {list.title}
            </legend>
            {list.items.map((it) => (
              <label key={it.id}>
                <input
                  type="checkbox"
                  checked={checklist[list.key].includes(it.id)}
                  onChange={(e) => item(list.key, it.id, e.target.checked)}
                  data-testid={`nok-item-${it.id}`}
                />
                {it.text}
              </label>
            ))}
          </fieldset>
        ))}
        {operate && (
          <button type="submit" className="btn btn-primary" data-testid="nok-checklist-save">
            Сохранить чек-лист
          </button>
        )}
      </form>

      {operate && (
        <>
          <h2>Бумажная анкета</h2>
          <form
            data-testid="nok-paper"
            onSubmit={(e) => {
              e.preventDefault();
              void run(async () => {
                await nokApi.enterPaper(id, paper);
                setPaper({});
              }, 'Анкета внесена.');
            }}
          >
            {visiblePaper.map((q) => (
              <fieldset key={q.id} className="field">
                <legend>
                  {q.number}. {q.text}
                </legend>
                {(['yes', 'no'] as const).map((v) => (
                  <label key={v} className="check">
                    <input
                      type="radio"
                      name={`paper-${q.id}`}
                      checked={paper[q.id] === v}
                      onChange={() => {
                        const next = { ...paper, [q.id]: v };
                        if (v === 'no') for (const x of data.questions) if (x.askedIf === q.id) delete next[x.id];
                        setPaper(next);
                      }}
                    />
                    {v === 'yes' ? 'Да' : 'Нет'}
                  </label>
                ))}
              </fieldset>
            ))}
            <button type="submit" className="btn" data-testid="nok-paper-save">
              Внести анкету
            </button>
          </form>
        </>
      )}

      <h2>Полученные анкеты</h2>
      <table className="grid" data-testid="nok-answers">
        <thead>
          <tr>
            <th>Получена</th>
            <th>Способ</th>
            <th>Ответов</th>
            <th>Учёт</th>
          </tr>
        </thead>
        <tbody>
          {data.answers.map((x) => (
            <tr key={x.id}>
              <td>{formatDateTimeRu(x.createdAt)}</td>
              <td>{x.source === 'online' ? 'онлайн' : 'бумажная'}</td>
              <td>{x.answered}</td>
              <td>
                {x.suspiciousReason ? `Исключена: ${x.suspiciousReason}` : 'Учтена'}{' '}
                {operate && (
                  <button
                    type="button"
                    className="btn-link"
                    onClick={() => {
                      const reason = x.suspiciousReason ? null : window.prompt('Причина исключения анкеты');
                      if (x.suspiciousReason || reason)
                        void run(() => nokApi.markAnswer(x.id, reason || null), 'Учёт анкеты изменён.');
                    }}
                  >
                    {x.suspiciousReason ? 'Учесть' : 'Исключить'}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
