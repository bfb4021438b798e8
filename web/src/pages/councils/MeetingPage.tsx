/**
 * One meeting: requisites and status (held, postponed with a new date, cancelled), the agenda,
 * attendance with the quorum on its date, the protocol import, its instructions, and — for the
 * secretary — the instructions due by its date with a proposal each, decided in one pass.
 */
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../api';
import { Alert, Loading, PageHeading, useTitle } from '../../components/ui';
import {
  DECISION_LABELS,
  MEETING_FORMAT_LABELS,
  MEETING_STATUS_LABELS,
  MEMBER_ROLE_LABELS,
  councilsApi,
  type ControlDecision,
  type MeetingDetail,
} from '../../councils';
import { formatDateRu } from '../../format';
import { useApiQuery, useWrite } from '../../hooks';
import { InstructionsTable } from './InstructionsTable';
import { ProtocolImport } from './ProtocolImport';

export function MeetingPage() {
  const id = Number(useParams().meetingId);
  const meeting = useApiQuery(['meeting', id], () => councilsApi.meeting(id));
  useTitle(meeting.data ? `Заседание № ${meeting.data.number}` : 'Заседание');
  if (meeting.error) return <Alert>{meeting.error}</Alert>;
  if (!meeting.data) return <Loading />;
  const m = meeting.data;
  return (
    <section className="page" data-testid="meeting-page">
      <p className="breadcrumbs">
        <Link to="/councils">Советы</Link> ›{' '}
        <Link to={`/councils/${m.council.id}`}>{m.council.shortName || m.council.fullName}</Link>
      </p>
      <PageHeading>
        Заседание № {m.number} от {formatDateRu(m.date)}
      </PageHeading>
      <p className="muted" data-testid="meeting-status">
        {MEETING_STATUS_LABELS[m.status]}
        {m.status === 'postponed' &&
          m.postponedTo &&
          ` на ${formatDateRu(m.postponedTo)} (было назначено на ${formatDateRu(m.heldOn)})`}
        {' · '}
        {MEETING_FORMAT_LABELS[m.format]}
        {m.startTime && ` · ${m.startTime}`}
        {m.place && ` · ${m.place}`}
        {m.protocolFileId && (
          <>
            {' · '}
            <a href={`/api/files/${m.protocolFileId}`}>файл протокола</a>
          </>
        )}
      </p>
      {m.abilities.manage && <StatusActions meeting={m} />}
      <Agenda meeting={m} />
      <Attendance meeting={m} />
      <h2>Протокол и поручения</h2>
      {m.hasInstructions ? (
        <MeetingInstructions councilId={m.council.id} meetingId={m.id} />
      ) : m.abilities.manage && m.status !== 'cancelled' ? (
        <ProtocolImport meeting={m} />
      ) : (
        <p className="empty">Протокол ещё не внесён.</p>
      )}
      {m.abilities.manage && (m.status === 'planned' || m.status === 'held') && <Preparation meeting={m} />}
    </section>
  );
}

function StatusActions({ meeting: m }: { meeting: MeetingDetail }) {
  const [newDate, setNewDate] = useState('');
  const [error, setError] = useState<string | null>(null);
  const update = useWrite((patch: { status: MeetingDetail['status']; postponedTo?: string }) =>
    councilsApi.updateMeeting(m.id, { version: m.version, ...patch }),
  );
  const run = (patch: { status: MeetingDetail['status']; postponedTo?: string }) =>
    update.run(patch).catch((e) => setError(errorMessage(e)));
  if (m.status === 'cancelled' || m.hasInstructions) return null;
  return (
    <div className="page-actions" data-testid="meeting-actions">
      {error && <Alert>{error}</Alert>}
      {m.status !== 'held' && (
        <button type="button" className="btn" onClick={() => run({ status: 'held' })} data-testid="meeting-held">
          Заседание состоялось
        </button>
      )}
      <label>
        Новая дата{' '}
        <input type="date" value={newDate} onChange={(e) => setNewDate(e.target.value)} data-testid="postpone-date" />
      </label>
      <button
        type="button"
        className="btn"
        disabled={!newDate}
        onClick={() => run({ status: 'postponed', postponedTo: newDate })}
        data-testid="meeting-postpone"
      >
        Перенести
      </button>
      <button type="button" className="btn btn-ghost" onClick={() => run({ status: 'cancelled' })}>
        Отменить заседание
      </button>
    </div>
  );
}

function Agenda({ meeting: m }: { meeting: MeetingDetail }) {
  const [editing, setEditing] = useState(false);
  const [rows, setRows] = useState(m.questions.map(({ number, title, speakers }) => ({ number, title, speakers })));
  const [error, setError] = useState<string | null>(null);
  const save = useWrite(() =>
    councilsApi.setAgenda(
      m.id,
      m.version,
      rows.filter((r) => r.title.trim()),
    ),
  );
  useEffect(
    () => setRows(m.questions.map(({ number, title, speakers }) => ({ number, title, speakers }))),
    [m.questions],
  );
  return (
    <>
      <h2>Повестка</h2>
      {!editing && (
        <ol className="agenda" data-testid="agenda">
          {m.questions.length === 0 && <li className="empty">Повестка не сформирована.</li>}
          {m.questions.map((q) => (
            <li key={q.id}>
              {q.number}. {q.title}
              {q.speakers && <span className="muted"> ({q.speakers})</span>}
            </li>
          ))}
        </ol>
      )}
      {editing && (
        <div data-testid="agenda-editor">
          {error && <Alert>{error}</Alert>}
          {rows.map((r, k) => (
            <div className="field-row" key={k}>
              <input
                aria-label="Номер вопроса"
                className="narrow"
                value={r.number}
                onChange={(e) => setRows((xs) => xs.map((x, j) => (j === k ? { ...x, number: e.target.value } : x)))}
              />
              <input
                aria-label="Вопрос"
                className="grow"
                data-testid="agenda-title"
                value={r.title}
                onChange={(e) => setRows((xs) => xs.map((x, j) => (j === k ? { ...x, title: e.target.value } : x)))}
              />
              <input
                aria-label="Докладчик"
                value={r.speakers}
                placeholder="Докладчик"
                onChange={(e) => setRows((xs) => xs.map((x, j) => (j === k ? { ...x, speakers: e.target.value } : x)))}
              />
            </div>
          ))}
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => setRows((xs) => [...xs, { number: String(xs.length + 1), title: '', speakers: '' }])}
            data-testid="agenda-add"
          >
            Добавить вопрос
          </button>{' '}
          <button
            type="button"
            className="btn btn-primary btn-sm"
            data-testid="agenda-save"
            onClick={() =>
              save
                .run()
                .then(() => setEditing(false))
                .catch((e) => setError(errorMessage(e)))
            }
          >
            Сохранить повестку
          </button>
        </div>
      )}
      {m.abilities.manage && !editing && (
        <button type="button" className="btn btn-sm" onClick={() => setEditing(true)} data-testid="agenda-edit">
          Изменить повестку
        </button>
      )}
    </>
  );
}

function Attendance({ meeting: m }: { meeting: MeetingDetail }) {
  const [present, setPresent] = useState<number[]>(m.presentIds);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setPresent(m.presentIds), [m.presentIds]);
  const save = useWrite(() => councilsApi.setAttendance(m.id, m.version, present));
  const q = m.quorum;
  return (
    <>
      <h2>Присутствовали</h2>
      <p data-testid="quorum" className={q.reached ? '' : 'text-danger'}>
        Присутствуют {q.present} из {q.members} членов совета на {formatDateRu(m.date)}; для кворума нужно {q.needed}.{' '}
        {q.reached ? 'Кворум есть.' : 'Кворума нет.'}
      </p>
      {error && <Alert>{error}</Alert>}
      <ul className="plain-list" data-testid="attendance">
        {m.members.map((mem) => (
          <li key={mem.id}>
            <label className="check">
              <input
                type="checkbox"
                disabled={!m.abilities.manage}
                checked={present.includes(mem.id)}
                onChange={(e) =>
                  setPresent((xs) => (e.target.checked ? [...xs, mem.id] : xs.filter((x) => x !== mem.id)))
                }
              />
              {mem.personName} — {MEMBER_ROLE_LABELS[mem.role].toLowerCase()}
              {mem.organisationName && `, ${mem.organisationName}`}
            </label>
          </li>
        ))}
      </ul>
      {m.abilities.manage && (
        <button
          type="button"
          className="btn btn-sm"
          data-testid="attendance-save"
          onClick={() => save.run().catch((e) => setError(errorMessage(e)))}
        >
          Сохранить присутствие
        </button>
      )}
    </>
  );
}

function MeetingInstructions({ councilId, meetingId }: { councilId: number; meetingId: number }) {
  const list = useApiQuery(['council-instructions', councilId, meetingId], () =>
    councilsApi.instructions(councilId, { meetingId }),
  );
  return (
    <>
      <p className="page-actions">
        Информация об исполнении решений заседания:{' '}
        {(['docx', 'xlsx', 'pdf'] as const).map((f) => (
          <a key={f} className="btn btn-sm" href={councilsApi.exportUrl(councilId, { format: f, meetingId })}>
            {f.toUpperCase()}
          </a>
        ))}
      </p>
      {list.error && <Alert>{list.error}</Alert>}
      {list.data && <InstructionsTable items={list.data.items} />}
    </>
  );
}

interface Choice {
  decision: ControlDecision;
  newDeadline: string;
  point: string;
}

function Preparation({ meeting: m }: { meeting: MeetingDetail }) {
  const prep = useApiQuery(['meeting-prepare', m.id, m.version], () => councilsApi.prepare(m.id));
  const [choices, setChoices] = useState<Record<number, Choice>>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => {
    if (prep.data)
      setChoices(
        Object.fromEntries(
          prep.data.due.map((i) => [i.measureId, { decision: i.proposal, newDeadline: '', point: '' }]),
        ),
      );
  }, [prep.data]);
  const save = useWrite(() =>
    councilsApi.decide(
      m.id,
      m.version,
      (prep.data?.due ?? []).map((i) => {
        const c = choices[i.measureId];
        return {
          measureId: i.measureId,
          version: i.version,
          decision: c.decision,
          point: c.point || undefined,
          newDeadline: c.decision === 'extend' ? c.newDeadline || undefined : undefined,
        };
      }),
    ),
  );
  if (!prep.data) return null;
  const set = (id: number, patch: Partial<Choice>) => setChoices((c) => ({ ...c, [id]: { ...c[id], ...patch } }));
  return (
    <div data-testid="preparation">
      <h2>Поручения со сроком до {formatDateRu(prep.data.date)}</h2>
      {prep.data.due.length === 0 && <p className="empty">Поручений, срок которых наступает к заседанию, нет.</p>}
      {error && <Alert>{error}</Alert>}
      {done && <Alert kind="success">{done}</Alert>}
      {prep.data.due.length > 0 && (
        <>
          <table className="grid cards-on-phone">
            <thead>
              <tr>
                <th scope="col">Протокол и пункт</th>
                <th scope="col" className="col-title">
                  Поручение
                </th>
                <th scope="col">Исполнение</th>
                <th scope="col">Решение заседания</th>
              </tr>
            </thead>
            <tbody>
              {prep.data.due.map((i) => {
                const c = choices[i.measureId];
                if (!c) return null;
                return (
                  <tr key={i.measureId} data-testid="due-row" data-number={i.number}>
                    <td data-label="Протокол и пункт">
                      № {i.meeting.number} от {formatDateRu(i.meeting.date)}, {i.protocolItem}
                    </td>
                    <td className="col-title" data-label="Поручение">
                      {i.title}
                      <div className="small muted">
                        {i.executors.join(', ')}; срок: {i.deadlineText || '—'}
                      </div>
                    </td>
                    <td data-label="Исполнение">{i.lastReport ? i.lastReport.text || '—' : 'отчёта нет'}</td>
                    <td data-label="Решение заседания">
                      <select
                        aria-label={`Решение по пункту ${i.number}`}
                        data-testid="due-decision"
                        value={c.decision}
                        onChange={(e) => set(i.measureId, { decision: e.target.value as ControlDecision })}
                      >
                        {Object.entries(DECISION_LABELS).map(([k, l]) => (
                          <option key={k} value={k}>
                            {l}
                          </option>
                        ))}
                      </select>
                      {c.decision === 'extend' && (
                        <input
                          type="date"
                          aria-label="Новый срок"
                          data-testid="due-new-deadline"
                          value={c.newDeadline}
                          onChange={(e) => set(i.measureId, { newDeadline: e.target.value })}
                        />
                      )}
                      {c.decision !== 'keep' && (
                        <input
                          aria-label="Пункт протокола"
                          placeholder="пункт протокола"
                          value={c.point}
                          onChange={(e) => set(i.measureId, { point: e.target.value })}
                        />
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <button
            type="button"
            className="btn btn-primary"
            data-testid="decisions-save"
            disabled={save.busy}
            onClick={() =>
              save
                .run()
                .then((r) => setDone(`Решения записаны: ${r.decided}.`))
                .catch((e) => setError(errorMessage(e)))
            }
          >
            Записать решения заседания
          </button>
        </>
      )}
    </div>
  );
}
