/**
 * The citizens' questionnaire (issue 14): a public page per organisation, reached by the QR
 * code or the short link (/q/<code>) and embedded in the organisation's site (/embed/nok/<code>).
 * No login, no personal data. Mobile first; a version for the visually impaired (large type,
 * high contrast) that the person switches on and that is remembered on the device.
 *
 * On a weak connection nothing is lost: the answers are kept in the browser as they are given,
 * a finished form waits in an outbox (localStorage) until the server acknowledges it, and is
 * resent when the connection returns (the `online` event, a timer, the next visit). Each form
 * carries a random submission id, so a resend is never counted twice; a random device id lets
 * the server mark a second form from the same device as suspicious.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { ApiError } from '../../api';
import { nokApi, type Answers, type NokPublicQuestionnaire } from '../../nok-api';
import { formatDateRu } from '../../format';
import '../../nok.css';

interface Outgoing {
  code: string;
  submissionId: string;
  answers: Answers;
}

const OUTBOX = 'nok:outbox';
const store = {
  get<T>(key: string, fallback: T): T {
    try {
      const v = localStorage.getItem(key);
      return v === null ? fallback : (JSON.parse(v) as T);
    } catch {
      return fallback;
    }
  },
  set(key: string, value: unknown) {
    try {
      localStorage.setItem(key, JSON.stringify(value));
    } catch {
      /* private mode or full storage: the form still works, only without the safety net */
    }
  },
  remove(key: string) {
    try {
      localStorage.removeItem(key);
    } catch {
      /* as above */
    }
  },
};

function deviceId(): string {
  let id = store.get<string | null>('nok:device', null);
  if (!id) {
    id = crypto.randomUUID();
    store.set('nok:device', id);
  }
  return id;
}

/** Sends what waits in the outbox. Returns what became of the given code's form. */
async function flushOutbox(): Promise<Map<string, 'sent' | 'waiting' | { error: string }>> {
  const outcome = new Map<string, 'sent' | 'waiting' | { error: string }>();
  const pending = store.get<Outgoing[]>(OUTBOX, []);
  const left: Outgoing[] = [];
  for (const item of pending) {
    try {
      await nokApi.submit(item.code, { submissionId: item.submissionId, deviceId: deviceId(), answers: item.answers });
      outcome.set(item.code, 'sent');
      store.set(`nok:done:${item.code}`, true);
      store.remove(`nok:draft:${item.code}`);
    } catch (e) {
      // Refused for a reason the person can fix or that will not change: say so, drop it.
      if (e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 408 && e.status !== 429) {
        outcome.set(item.code, { error: e.message });
      } else {
        // No connection, a timeout, the server busy: keep it for later.
        left.push(item);
        outcome.set(item.code, 'waiting');
      }
    }
  }
  store.set(OUTBOX, left);
  return outcome;
}

export function QuestionnairePage({ embedded = false }: { embedded?: boolean }) {
  const { code = '' } = useParams();
  const [q, setQ] = useState<NokPublicQuestionnaire | null>(() =>
    store.get<NokPublicQuestionnaire | null>(`nok:q:${code}`, null),
  );
  const [loadError, setLoadError] = useState<string | null>(null);
  const [answers, setAnswers] = useState<Answers>(() => store.get<Answers>(`nok:draft:${code}`, {}));
  const [state, setState] = useState<'filling' | 'waiting' | 'sent'>(() =>
    store.get(`nok:done:${code}`, false)
      ? 'sent'
      : store.get<Outgoing[]>(OUTBOX, []).some((o) => o.code === code)
        ? 'waiting'
        : 'filling',
  );
  const [sendError, setSendError] = useState<string | null>(null);
  const [a11y, setA11y] = useState<boolean>(
    () => store.get('nok:a11y', false) || new URLSearchParams(location.search).get('a11y') === '1',
  );

  useEffect(() => {
    document.title = q ? `Анкета: ${q.organisation.name}` : 'Анкета';
  }, [q]);

  useEffect(() => {
    nokApi.questionnaire(code).then(
      (r) => {
        setQ(r);
        store.set(`nok:q:${code}`, r);
      },
      (e: unknown) => {
        // Offline with a copy kept from before: the copy serves.
        if (e instanceof ApiError) setLoadError(e.message);
        else if (!store.get(`nok:q:${code}`, null))
          setLoadError('Нет связи с сервером. Проверьте подключение к интернету и обновите страницу.');
      },
    );
  }, [code]);

  const flush = useCallback(async () => {
    const outcome = (await flushOutbox()).get(code);
    if (outcome === 'sent') setState('sent');
    else if (outcome && typeof outcome === 'object') {
      setState('filling');
      setSendError(outcome.error);
    }
  }, [code]);

  useEffect(() => {
    void flush();
    const onOnline = () => void flush();
    window.addEventListener('online', onOnline);
    const timer = window.setInterval(() => {
      if (store.get<Outgoing[]>(OUTBOX, []).length) void flush();
    }, 20_000);
    return () => {
      window.removeEventListener('online', onOnline);
      window.clearInterval(timer);
    };
  }, [flush]);

  const questions = useMemo(() => q?.questionnaire.questions ?? [], [q]);
  const visible = useMemo(
    () => questions.filter((x) => !x.askedIf || answers[x.askedIf] === 'yes'),
    [questions, answers],
  );
  const answered = visible.filter((x) => answers[x.id]).length;

  function answer(id: string, value: 'yes' | 'no') {
    const next: Answers = { ...answers, [id]: value };
    // «Нет» closes the questions that follow from «Да»: their answers go.
    if (value === 'no') for (const x of questions) if (x.askedIf === id) delete next[x.id];
    setAnswers(next);
    store.set(`nok:draft:${code}`, next);
    setSendError(null);
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (answered === 0) {
      setSendError('Ответьте хотя бы на один вопрос.');
      return;
    }
    const outbox = store.get<Outgoing[]>(OUTBOX, []).filter((o) => o.code !== code);
    outbox.push({ code, submissionId: crypto.randomUUID(), answers });
    store.set(OUTBOX, outbox);
    setState('waiting');
    await flush();
  }

  function toggleA11y() {
    store.set('nok:a11y', !a11y);
    setA11y(!a11y);
  }

  const shell = (children: React.ReactNode) => (
    <div className={`nok-public ${a11y ? 'nok-a11y' : ''} ${embedded ? 'nok-embedded' : ''}`} lang="ru">
      <div className="nok-public-bar">
        <button type="button" className="nok-a11y-toggle" onClick={toggleA11y} aria-pressed={a11y} data-testid="a11y">
          {a11y ? 'Обычная версия' : 'Версия для слабовидящих'}
        </button>
      </div>
      <main className="nok-public-main">{children}</main>
    </div>
  );

  if (loadError && !q)
    return shell(
      <p className="nok-message" role="alert">
        {loadError}
      </p>,
    );
  if (!q)
    return shell(
      <p className="nok-message" role="status">
        Загрузка анкеты…
      </p>,
    );

  const heading = (
    <header>
      <p className="nok-kicker">Независимая оценка качества условий оказания услуг</p>
      <h1>{q.organisation.name}</h1>
      {q.organisation.fullName !== q.organisation.name && <p className="nok-fullname">{q.organisation.fullName}</p>}
    </header>
  );

  if (state === 'sent')
    return shell(
      <>
        {heading}
        <p className="nok-message nok-thanks" role="status" data-testid="nok-thanks">
          Спасибо! Ваши ответы приняты. Ваше мнение поможет улучшить работу организации.
        </p>
      </>,
    );
  if (state === 'waiting')
    return shell(
      <>
        {heading}
        <p className="nok-message" role="status" data-testid="nok-waiting">
          Ответы сохранены на этом устройстве и будут отправлены автоматически, как только появится связь с интернетом.
          Страницу можно закрыть — при следующем открытии отправка продолжится.
        </p>
        <button type="button" className="nok-submit" onClick={() => void flush()}>
          Отправить сейчас
        </button>
      </>,
    );
  if (q.state !== 'open')
    return shell(
      <>
        {heading}
        <p className="nok-message" role="status" data-testid="nok-closed">
          {q.message}
        </p>
      </>,
    );

  return shell(
    <>
      {heading}
      <p className="nok-intro">{q.questionnaire.intro}</p>
      <p className="nok-dates">
        Опрос проводится с {formatDateRu(q.startsOn)} по {formatDateRu(q.endsOn)}.
      </p>
      <form onSubmit={submit} noValidate data-testid="nok-form">
        {visible.map((x) => (
          <fieldset key={x.id} className="nok-question" data-testid={`q-${x.id}`}>
            <legend>
              <span className="nok-number">{x.number}.</span> {x.text}
            </legend>
            <div className="nok-options">
              {(['yes', 'no'] as const).map((v) => (
                <label key={v} className={`nok-option ${answers[x.id] === v ? 'chosen' : ''}`}>
                  <input
                    type="radio"
                    name={x.id}
                    value={v}
                    checked={answers[x.id] === v}
                    onChange={() => answer(x.id, v)}
                  />
                  {v === 'yes' ? 'Да' : 'Нет'}
                  {v === 'no' && x.noSkipsTo && <span className="nok-skip"> (переход к вопросу {x.noSkipsTo})</span>}
                </label>
              ))}
            </div>
          </fieldset>
        ))}
        {sendError && (
          <p className="nok-error" role="alert" data-testid="nok-error">
            {sendError}
          </p>
        )}
        <p className="nok-progress" aria-live="polite">
          Отвечено {answered} из {visible.length}
        </p>
        <button type="submit" className="nok-submit" data-testid="nok-submit">
          Отправить ответы
        </button>
        <p className="nok-privacy">
          Анкета анонимная: мы не спрашиваем имя, телефон или адрес и не сохраняем сведения о вашем устройстве.
        </p>
      </form>
    </>,
  );
}
