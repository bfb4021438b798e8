/** One council: requisites, composition with its history, meetings, instructions and the execution report. */
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { FormActions, FormDialog, useSubmit } from '../../components/form';
import { Alert, Field, Loading, PageHeading, describedBy, useTitle } from '../../components/ui';
import {
  COUNCIL_KIND_LABELS,
  MEETING_FORMAT_LABELS,
  MEETING_STATUS_LABELS,
  MEMBER_ROLE_LABELS,
  councilsApi,
  type CouncilMember,
  type MeetingInput,
  type MemberInput,
} from '../../councils';
import { formatDateRu } from '../../format';
import { useApiQuery, useDirectory, useWrite } from '../../hooks';
import { InstructionsTable } from './InstructionsTable';

const todayIso = () => new Date().toISOString().slice(0, 10);

export function CouncilPage() {
  const id = Number(useParams().councilId);
  const navigate = useNavigate();
  const council = useApiQuery(['council', id], () => councilsApi.get(id));
  const instructions = useApiQuery(['council-instructions', id], () => councilsApi.instructions(id));
  const [addingMember, setAddingMember] = useState(false);
  const [addingMeeting, setAddingMeeting] = useState(false);
  const [ending, setEnding] = useState<CouncilMember | null>(null);
  useTitle(council.data?.shortName || council.data?.fullName || 'Совет');
  if (council.error) return <Alert>{council.error}</Alert>;
  if (!council.data) return <Loading />;
  const c = council.data;
  const manage = c.abilities.manage;
  const today = todayIso();
  return (
    <section className="page" data-testid="council-page">
      <p className="breadcrumbs">
        <Link to="/councils">Советы</Link>
      </p>
      <PageHeading>{c.fullName}</PageHeading>
      <p className="muted">
        {COUNCIL_KIND_LABELS[c.kind]} · {c.ownerName}
        {c.actTitle && ` · состав утверждён: ${c.actTitle}`}
        {c.actDate && ` от ${formatDateRu(c.actDate)}`}
        {c.actNumber && ` № ${c.actNumber}`}
        {c.meetingRule && ` · заседания: ${c.meetingRule}`}
      </p>

      <h2>Состав</h2>
      <p className="muted">Членов на сегодня: {c.membersToday}</p>
      <table className="grid cards-on-phone" data-testid="members-table">
        <thead>
          <tr>
            <th scope="col">Роль</th>
            <th scope="col">Член совета</th>
            <th scope="col">Организация</th>
            <th scope="col">С</th>
            <th scope="col">По</th>
            {manage && <th scope="col" />}
          </tr>
        </thead>
        <tbody>
          {c.members.map((m) => {
            const former = m.toDate !== null && m.toDate < today;
            return (
              <tr key={m.id} className={former ? 'muted' : ''} data-testid="member-row">
                <td data-label="Роль">{MEMBER_ROLE_LABELS[m.role]}</td>
                <td data-label="Член совета">
                  {m.personName}
                  {m.position && <div className="muted small">{m.position}</div>}
                </td>
                <td data-label="Организация">{m.organisationName ?? '—'}</td>
                <td data-label="С">{formatDateRu(m.fromDate)}</td>
                <td data-label="По">{m.toDate ? formatDateRu(m.toDate) : 'по настоящее время'}</td>
                {manage && (
                  <td>
                    {m.toDate === null && (
                      <button type="button" className="btn btn-sm btn-ghost" onClick={() => setEnding(m)}>
                        Вывести из состава
                      </button>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {manage && (
        <button type="button" className="btn" onClick={() => setAddingMember(true)} data-testid="add-member">
          Добавить члена совета
        </button>
      )}

      <h2>Заседания</h2>
      {c.meetings.length === 0 && <p className="empty">Заседаний пока нет.</p>}
      {c.meetings.length > 0 && (
        <table className="grid cards-on-phone" data-testid="meetings-table">
          <thead>
            <tr>
              <th scope="col">№</th>
              <th scope="col">Дата</th>
              <th scope="col">Форма</th>
              <th scope="col">Состояние</th>
              <th scope="col">Протокол</th>
            </tr>
          </thead>
          <tbody>
            {c.meetings.map((m) => (
              <tr key={m.id} data-testid="meeting-row">
                <td data-label="№">
                  <Link to={`/meetings/${m.id}`}>Заседание № {m.number}</Link>
                </td>
                <td data-label="Дата">
                  {formatDateRu(m.date)}
                  {m.startTime && `, ${m.startTime}`}
                </td>
                <td data-label="Форма">{MEETING_FORMAT_LABELS[m.format]}</td>
                <td data-label="Состояние">
                  {MEETING_STATUS_LABELS[m.status]}
                  {m.status === 'postponed' && m.postponedTo && ` на ${formatDateRu(m.postponedTo)}`}
                </td>
                <td data-label="Протокол">{m.hasInstructions ? 'внесён' : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {manage && (
        <button type="button" className="btn" onClick={() => setAddingMeeting(true)} data-testid="add-meeting">
          Назначить заседание
        </button>
      )}

      <h2>Поручения</h2>
      <p className="page-actions" data-testid="council-export">
        Информация об исполнении решений:{' '}
        {(['docx', 'xlsx', 'pdf'] as const).map((f) => (
          <a
            key={f}
            className="btn btn-sm"
            href={councilsApi.exportUrl(id, { format: f })}
            data-testid={`council-export-${f}`}
          >
            {f.toUpperCase()}
          </a>
        ))}
      </p>
      {instructions.error && <Alert>{instructions.error}</Alert>}
      {instructions.data && <InstructionsTable items={instructions.data.items} />}

      {addingMember && <MemberDialog councilId={id} onClose={() => setAddingMember(false)} />}
      {ending && <EndMemberDialog member={ending} onClose={() => setEnding(null)} />}
      {addingMeeting && (
        <MeetingDialog
          councilId={id}
          suggestedNumber={String(c.meetings.length + 1)}
          onClose={() => setAddingMeeting(false)}
          onSaved={(meetingId) => navigate(`/meetings/${meetingId}`)}
        />
      )}
    </section>
  );
}

function MemberDialog({ councilId, onClose }: { councilId: number; onClose(): void }) {
  const dir = useDirectory();
  const [v, setV] = useState<MemberInput>({
    personName: '',
    position: '',
    organisationId: null,
    role: 'member',
    fromDate: todayIso(),
  });
  const save = useSubmit(async (input: MemberInput) => {
    await councilsApi.addMember(councilId, input);
    onClose();
  });
  const errors = save.fieldErrors;
  const set = (patch: Partial<MemberInput>) => setV((x) => ({ ...x, ...patch }));
  const submit = () => {
    const local: Record<string, string> = {};
    if (!v.personName.trim()) local.personName = 'Укажите фамилию и инициалы.';
    if (!v.fromDate) local.fromDate = 'Укажите дату включения в состав.';
    if (save.invalid(local)) return;
    void save.submit(v);
  };
  return (
    <FormDialog title="Член совета" onClose={onClose} onSubmit={submit} error={save.error} testId="member-dialog">
      <Field id="m-name" label="Фамилия, инициалы" error={errors.personName} required>
        <input
          id="m-name"
          data-testid="member-field-name"
          value={v.personName}
          onChange={(e) => set({ personName: e.target.value })}
          aria-describedby={describedBy('m-name', errors.personName)}
        />
      </Field>
      <Field id="m-pos" label="Должность">
        <input id="m-pos" value={v.position} onChange={(e) => set({ position: e.target.value })} />
      </Field>
      <div className="field-row">
        <Field id="m-role" label="Роль" className="grow">
          <select
            id="m-role"
            data-testid="member-field-role"
            value={v.role}
            onChange={(e) => set({ role: e.target.value as MemberInput['role'] })}
          >
            {Object.entries(MEMBER_ROLE_LABELS).map(([k, l]) => (
              <option key={k} value={k}>
                {l}
              </option>
            ))}
          </select>
        </Field>
        <Field id="m-from" label="В составе с" error={errors.fromDate} required className="narrow">
          <input
            id="m-from"
            type="date"
            data-testid="member-field-from"
            value={v.fromDate}
            onChange={(e) => set({ fromDate: e.target.value })}
          />
        </Field>
      </div>
      <Field id="m-org" label="Организация">
        <select
          id="m-org"
          data-testid="member-field-org"
          value={v.organisationId ?? ''}
          onChange={(e) => set({ organisationId: e.target.value ? Number(e.target.value) : null })}
        >
          <option value="">— не из справочника —</option>
          {dir.items
            .filter((o) => !o.archived)
            .map((o) => (
              <option key={o.id} value={o.id}>
                {o.shortName}
              </option>
            ))}
        </select>
      </Field>
      <FormActions submitLabel="Добавить" busy={save.busy} submitTestId="member-submit" onCancel={onClose} />
    </FormDialog>
  );
}

function EndMemberDialog({ member, onClose }: { member: CouncilMember; onClose(): void }) {
  const [toDate, setToDate] = useState(todayIso());
  const end = useWrite((d: string) => councilsApi.endMember(member.id, d));
  const [error, setError] = useState<string | null>(null);
  return (
    <FormDialog
      title={`Вывести из состава: ${member.personName}`}
      onClose={onClose}
      error={error}
      onSubmit={() =>
        end
          .run(toDate)
          .then(onClose)
          .catch((e: Error) => setError(e.message))
      }
    >
      <Field id="end-date" label="Последний день в составе" required>
        <input id="end-date" type="date" value={toDate} onChange={(e) => setToDate(e.target.value)} />
      </Field>
      <FormActions submitLabel="Вывести" busy={end.busy} onCancel={onClose} />
    </FormDialog>
  );
}

function MeetingDialog({
  councilId,
  suggestedNumber,
  onClose,
  onSaved,
}: {
  councilId: number;
  suggestedNumber: string;
  onClose(): void;
  onSaved(id: number): void;
}) {
  const [v, setV] = useState<MeetingInput>({
    number: suggestedNumber,
    heldOn: '',
    startTime: '',
    format: 'in_person',
    place: '',
  });
  const save = useSubmit(async (input: MeetingInput) =>
    onSaved((await councilsApi.createMeeting(councilId, input)).id),
  );
  const errors = save.fieldErrors;
  const set = (patch: Partial<MeetingInput>) => setV((x) => ({ ...x, ...patch }));
  const submit = () => {
    const local: Record<string, string> = {};
    if (!v.number.trim()) local.number = 'Укажите номер заседания.';
    if (!v.heldOn) local.heldOn = 'Укажите дату заседания.';
    if (save.invalid(local)) return;
    void save.submit(v);
  };
  return (
    <FormDialog title="Заседание" onClose={onClose} onSubmit={submit} error={save.error} testId="meeting-dialog">
      <div className="field-row">
        <Field id="mt-no" label="Номер" error={errors.number} required className="narrow">
          <input
            id="mt-no"
            data-testid="meeting-field-number"
            value={v.number}
            onChange={(e) => set({ number: e.target.value })}
          />
        </Field>
        <Field id="mt-date" label="Дата" error={errors.heldOn} required className="narrow">
          <input
            id="mt-date"
            type="date"
            data-testid="meeting-field-date"
            value={v.heldOn}
            onChange={(e) => set({ heldOn: e.target.value })}
          />
        </Field>
        <Field id="mt-time" label="Время" className="narrow">
          <input
            id="mt-time"
            value={v.startTime}
            placeholder="15:00"
            onChange={(e) => set({ startTime: e.target.value })}
          />
        </Field>
      </div>
      <div className="field-row">
        <Field id="mt-format" label="Форма" className="narrow">
          <select
            id="mt-format"
            value={v.format}
            onChange={(e) => set({ format: e.target.value as MeetingInput['format'] })}
          >
            {Object.entries(MEETING_FORMAT_LABELS).map(([k, l]) => (
              <option key={k} value={k}>
                {l}
              </option>
            ))}
          </select>
        </Field>
        <Field id="mt-place" label="Место" className="grow">
          <input id="mt-place" value={v.place} onChange={(e) => set({ place: e.target.value })} />
        </Field>
      </div>
      <FormActions submitLabel="Назначить" busy={save.busy} submitTestId="meeting-submit" onCancel={onClose} />
    </FormDialog>
  );
}
