/**
 * Councils: the council, its composition with history and its meetings (agenda, attendance,
 * quorum). Every write is one transaction: the row changed conditionally on its version (409
 * on a stale one), the audit event beside it. Instructions live in instructions.service.ts.
 */
import type { Database, Queryable } from '../../db/database.js';
import { membersOn, quorumOf, type Quorum, type QuorumRule } from '../../domain/councils/composition.js';
import { DomainError, forbidden, notFound } from '../../domain/errors.js';
import { authorize, type Actor, type CouncilSubject } from '../../domain/policy/authorize.js';
import { recordAudit } from '../audit/index.js';
import { createPlan } from '../plans/index.js';
import { bindNextMeetingDeadlines } from './next-meeting.js';

export const COUNCIL_KINDS = ['coordination', 'public', 'interdepartmental', 'working_group'] as const;
export const MEMBER_ROLES = ['chair', 'deputy_chair', 'secretary', 'member'] as const;
export const MEETING_FORMATS = ['in_person', 'absentee', 'video'] as const;
export const MEETING_STATUSES = ['planned', 'held', 'cancelled', 'postponed'] as const;

export type CouncilKind = (typeof COUNCIL_KINDS)[number];
export type MemberRole = (typeof MEMBER_ROLES)[number];
export type MeetingFormat = (typeof MEETING_FORMATS)[number];
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export interface CouncilRow {
  id: number;
  region_id: number;
  owner_organisation_id: number;
  full_name: string;
  short_name: string;
  kind: CouncilKind;
  act_title: string;
  act_number: string;
  act_date: string | null;
  quorum_rule: QuorumRule;
  meeting_rule: string;
  plan_id: number;
  version: number;
  archived_at: string | null;
}

const COUNCIL_COLUMNS = `c.id, c.region_id, c.owner_organisation_id, c.full_name, c.short_name, c.kind, c.act_title, c.act_number,
  c.act_date::text AS act_date, c.quorum_rule, c.meeting_rule, c.plan_id, c.version, c.archived_at::text AS archived_at`;

export const councilSubjectOf = (c: CouncilRow): CouncilSubject => ({
  regionId: Number(c.region_id),
  ownerOrganisationId: Number(c.owner_organisation_id),
  archived: c.archived_at !== null,
});

/** The council, if the actor may read it; `forUpdate` locks its row for the transaction. */
export async function loadCouncil(
  db: Queryable,
  actor: Actor,
  id: number,
  opts: { forUpdate?: boolean; manage?: boolean } = {},
): Promise<CouncilRow> {
  const r = await db.one<CouncilRow>(
    `SELECT ${COUNCIL_COLUMNS} FROM councils c WHERE c.id = $1 AND c.region_id = $2${opts.forUpdate ? ' FOR UPDATE' : ''}`,
    [id, actor.regionId],
  );
  if (!r || !authorize(actor, { action: 'council.read', subject: councilSubjectOf(r) }))
    throw notFound('Совет не найден', `council ${id} not found`);
  if (opts.manage && !authorize(actor, { action: 'council.manage', subject: councilSubjectOf(r) })) throw forbidden();
  return r;
}

function presentCouncil(r: CouncilRow & { owner_name?: string }, actor: Actor) {
  return {
    id: Number(r.id),
    fullName: r.full_name,
    shortName: r.short_name,
    kind: r.kind,
    ownerOrganisationId: Number(r.owner_organisation_id),
    ownerName: r.owner_name ?? '',
    actTitle: r.act_title,
    actNumber: r.act_number,
    actDate: r.act_date,
    quorumRule: r.quorum_rule,
    meetingRule: r.meeting_rule,
    planId: Number(r.plan_id),
    version: Number(r.version),
    archived: r.archived_at !== null,
    abilities: { manage: authorize(actor, { action: 'council.manage', subject: councilSubjectOf(r) }) },
  };
}
export type CouncilView = ReturnType<typeof presentCouncil>;

const stale = (what: string, id: number) =>
  new DomainError(
    'conflict',
    'stale',
    `${what} уже изменены другим пользователем — обновите страницу`,
    `${what} ${id}: stale version`,
  );

function duplicate(e: unknown, message: string): never {
  if ((e as { code?: string }).code === '23505') throw new DomainError('conflict', 'duplicate', message, String(e));
  throw e;
}

export interface CouncilInput {
  fullName: string;
  shortName?: string;
  kind: CouncilKind;
  ownerOrganisationId: number;
  actTitle?: string;
  actNumber?: string;
  actDate?: string | null;
  quorumRule?: QuorumRule;
  meetingRule?: string;
}

/** Lists the councils of the region with their figures: instructions on control and overdue. */
export async function listCouncils(db: Queryable, actor: Actor, today: string) {
  const rows = await db.query<
    CouncilRow & { owner_name: string; members: number; meetings: number; on_control: number; overdue: number }
  >(
    `SELECT ${COUNCIL_COLUMNS}, o.short_name AS owner_name,
       (SELECT count(*)::int FROM council_members cm WHERE cm.council_id = c.id AND cm.from_date <= $3::date AND (cm.to_date IS NULL OR cm.to_date >= $3::date)) AS members,
       (SELECT count(*)::int FROM council_meetings mt WHERE mt.council_id = c.id AND mt.status <> 'cancelled') AS meetings,
       (SELECT count(*)::int FROM instruction_control ic JOIN measures m ON m.id = ic.measure_id
         WHERE ic.council_id = c.id AND ic.state IN ('on_control','extended') AND m.archived_at IS NULL) AS on_control,
       (SELECT count(*)::int FROM instruction_control ic JOIN measures m ON m.id = ic.measure_id
         WHERE ic.council_id = c.id AND ic.state IN ('on_control','extended') AND m.archived_at IS NULL AND m.open_due < $3::date) AS overdue
     FROM councils c JOIN organisations o ON o.id = c.owner_organisation_id
     WHERE c.region_id = $1 AND c.archived_at IS NULL AND $2::int IS NOT NULL ORDER BY c.full_name`,
    [actor.regionId, actor.organisationId, today],
  );
  return rows.map((r) => ({
    ...presentCouncil(r, actor),
    figures: {
      members: Number(r.members),
      meetings: Number(r.meetings),
      onControl: Number(r.on_control),
      overdue: Number(r.overdue),
    },
  }));
}

/**
 * A new council and, with it, its control plan: the plan (kind 'council_decisions') whose
 * measures are the council's instructions, so that reports, acceptance, extensions and
 * control dates serve them as they serve any measure (docs/decisions/0011).
 */
export async function createCouncil(db: Database, actor: Actor, input: CouncilInput, today: string) {
  if (
    !authorize(actor, {
      action: 'council.create',
      subject: { regionId: actor.regionId, ownerOrganisationId: input.ownerOrganisationId },
    })
  )
    throw forbidden();
  return db.transaction(async (tx) => {
    const year = Number((input.actDate ?? today).slice(0, 4));
    const plan = await createPlan(
      db,
      actor,
      {
        kind: 'council_decisions',
        title: `Поручения: ${input.fullName.trim()}`,
        ownerOrganisationId: input.ownerOrganisationId,
        // Instructions run over years; the period grows when a meeting falls past its end.
        periodFrom: `${Math.min(year, Number(today.slice(0, 4)))}-01-01`,
        periodTo: `${Number(today.slice(0, 4)) + 3}-12-31`,
        // Each instruction is under control from its meeting's date (measures.control_from).
        controlFrom: `${Math.min(year, Number(today.slice(0, 4)))}-01-01`,
      },
      { status: 'active', tx, today },
    );
    const r = await tx
      .one<{ id: number }>(
        `INSERT INTO councils (region_id, owner_organisation_id, full_name, short_name, kind, act_title, act_number, act_date, quorum_rule, meeting_rule, plan_id)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) RETURNING id`,
        [
          actor.regionId,
          input.ownerOrganisationId,
          input.fullName.trim(),
          (input.shortName ?? '').trim(),
          input.kind,
          (input.actTitle ?? '').trim(),
          (input.actNumber ?? '').trim(),
          input.actDate ?? null,
          input.quorumRule ?? 'half',
          (input.meetingRule ?? '').trim(),
          plan.id,
        ],
      )
      .catch((e) => duplicate(e, `Совет «${input.fullName.trim()}» уже есть`));
    const council = presentCouncil(await loadCouncil(tx, actor, r!.id), actor);
    await recordAudit(tx, actor, actor.regionId, {
      action: 'council.create',
      entityType: 'council',
      entityId: council.id,
      planId: plan.id,
      after: council,
    });
    return council;
  });
}

export async function updateCouncil(
  db: Database,
  actor: Actor,
  id: number,
  input: Partial<Omit<CouncilInput, 'ownerOrganisationId'>> & { version: number },
) {
  return db.transaction(async (tx) => {
    const before = presentCouncil(await loadCouncil(tx, actor, id, { manage: true }), actor);
    const changed = await tx
      .query(
        `UPDATE councils SET full_name = COALESCE($3, full_name), short_name = COALESCE($4, short_name), kind = COALESCE($5, kind),
           act_title = COALESCE($6, act_title), act_number = COALESCE($7, act_number),
           act_date = CASE WHEN $8::boolean THEN $9::date ELSE act_date END,
           quorum_rule = COALESCE($10, quorum_rule), meeting_rule = COALESCE($11, meeting_rule),
           version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $2 RETURNING id`,
        [
          id,
          input.version,
          input.fullName?.trim() ?? null,
          input.shortName?.trim() ?? null,
          input.kind ?? null,
          input.actTitle?.trim() ?? null,
          input.actNumber?.trim() ?? null,
          input.actDate !== undefined,
          input.actDate ?? null,
          input.quorumRule ?? null,
          input.meetingRule?.trim() ?? null,
        ],
      )
      .catch((e) => duplicate(e, `Совет «${input.fullName?.trim()}» уже есть`));
    if (changed.length !== 1) throw stale('Сведения о совете', id);
    const after = presentCouncil(await loadCouncil(tx, actor, id), actor);
    await recordAudit(tx, actor, actor.regionId, {
      action: 'council.update',
      entityType: 'council',
      entityId: id,
      planId: after.planId,
      before,
      after,
    });
    return after;
  });
}

// Members

interface MemberRow {
  id: number;
  council_id: number;
  person_name: string;
  position: string;
  organisation_id: number | null;
  organisation_name: string | null;
  role: MemberRole;
  from_date: string;
  to_date: string | null;
}

const presentMember = (r: MemberRow) => ({
  id: Number(r.id),
  personName: r.person_name,
  position: r.position,
  organisationId: r.organisation_id === null ? null : Number(r.organisation_id),
  organisationName: r.organisation_name ?? null,
  role: r.role,
  fromDate: r.from_date,
  toDate: r.to_date,
});
export type MemberView = ReturnType<typeof presentMember>;

async function loadMembers(db: Queryable, councilId: number): Promise<MemberView[]> {
  const rows = await db.query<MemberRow>(
    `SELECT cm.id, cm.council_id, cm.person_name, cm.position, cm.organisation_id, o.short_name AS organisation_name, cm.role,
            cm.from_date::text AS from_date, cm.to_date::text AS to_date
     FROM council_members cm LEFT JOIN organisations o ON o.id = cm.organisation_id
     WHERE cm.council_id = $1
     ORDER BY array_position(ARRAY['chair','deputy_chair','secretary','member'], cm.role), cm.from_date, cm.person_name, cm.id`,
    [councilId],
  );
  return rows.map(presentMember);
}

async function assertOrganisation(tx: Queryable, actor: Actor, id: number | null | undefined) {
  if (id == null) return;
  const o = await tx.one(`SELECT id FROM organisations WHERE id = $1 AND region_id = $2 AND archived_at IS NULL`, [
    id,
    actor.regionId,
  ]);
  if (!o)
    throw new DomainError('validation', 'council.organisation', 'Организация не найдена в справочнике', `org ${id}`);
}

export interface MemberInput {
  personName: string;
  position?: string;
  organisationId?: number | null;
  role: MemberRole;
  fromDate: string;
  toDate?: string | null;
}

/** A composition change adds a membership from a date; the council row is locked so changes queue. */
export async function addMember(db: Database, actor: Actor, councilId: number, input: MemberInput) {
  if (input.toDate && input.toDate < input.fromDate)
    throw new DomainError('validation', 'council.member_dates', 'Дата окончания раньше даты начала', 'to < from');
  return db.transaction(async (tx) => {
    const council = await loadCouncil(tx, actor, councilId, { forUpdate: true, manage: true });
    await assertOrganisation(tx, actor, input.organisationId);
    const r = await tx.one<{ id: number }>(
      `INSERT INTO council_members (region_id, council_id, person_name, position, organisation_id, role, from_date, to_date)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
      [
        actor.regionId,
        councilId,
        input.personName.trim(),
        (input.position ?? '').trim(),
        input.organisationId ?? null,
        input.role,
        input.fromDate,
        input.toDate ?? null,
      ],
    );
    await tx.query(`UPDATE councils SET version = version + 1, updated_at = now() WHERE id = $1`, [councilId]);
    const member = (await loadMembers(tx, councilId)).find((m) => m.id === Number(r!.id))!;
    await recordAudit(tx, actor, actor.regionId, {
      action: 'council.member_add',
      entityType: 'council',
      entityId: councilId,
      planId: Number(council.plan_id),
      after: member,
    });
    return member;
  });
}

/** Ends a membership on a date (the last day): the history keeps it. Conditional on it being open. */
export async function endMember(db: Database, actor: Actor, memberId: number, toDate: string) {
  return db.transaction(async (tx) => {
    const m = await tx.one<{ council_id: number }>(
      `SELECT council_id FROM council_members WHERE id = $1 AND region_id = $2`,
      [memberId, actor.regionId],
    );
    if (!m) throw notFound('Член совета не найден', `member ${memberId}`);
    const council = await loadCouncil(tx, actor, Number(m.council_id), { forUpdate: true, manage: true });
    const before = (await loadMembers(tx, council.id)).find((x) => x.id === memberId)!;
    if (toDate < before.fromDate)
      throw new DomainError('validation', 'council.member_dates', 'Дата окончания раньше даты начала', 'to < from');
    const changed = await tx.query(
      `UPDATE council_members SET to_date = $2 WHERE id = $1 AND to_date IS NULL RETURNING id`,
      [memberId, toDate],
    );
    if (changed.length !== 1)
      throw new DomainError('conflict', 'council.member_ended', 'Членство уже прекращено', `member ${memberId} ended`);
    await tx.query(`UPDATE councils SET version = version + 1, updated_at = now() WHERE id = $1`, [council.id]);
    const after = (await loadMembers(tx, council.id)).find((x) => x.id === memberId)!;
    await recordAudit(tx, actor, actor.regionId, {
      action: 'council.member_end',
      entityType: 'council',
      entityId: council.id,
      planId: Number(council.plan_id),
      before,
      after,
    });
    return after;
  });
}

// Meetings

interface MeetingRow {
  id: number;
  council_id: number;
  number: string;
  held_on: string;
  start_time: string;
  format: MeetingFormat;
  place: string;
  status: MeetingStatus;
  postponed_to: string | null;
  section_id: number | null;
  protocol_file_id: number | null;
  version: number;
}

const MEETING_COLUMNS = `mt.id, mt.council_id, mt.number, mt.held_on::text AS held_on, mt.start_time, mt.format, mt.place, mt.status,
  mt.postponed_to::text AS postponed_to, mt.section_id, mt.protocol_file_id, mt.version`;

const presentMeeting = (r: MeetingRow) => ({
  id: Number(r.id),
  councilId: Number(r.council_id),
  number: r.number,
  heldOn: r.held_on,
  /** The date it takes place: the new date of a postponed meeting. */
  date: r.status === 'postponed' && r.postponed_to ? r.postponed_to : r.held_on,
  startTime: r.start_time,
  format: r.format,
  place: r.place,
  status: r.status,
  postponedTo: r.postponed_to,
  protocolFileId: r.protocol_file_id === null ? null : Number(r.protocol_file_id),
  hasInstructions: r.section_id !== null,
  version: Number(r.version),
});
export type MeetingView = ReturnType<typeof presentMeeting>;

export async function loadMeetingRow(
  db: Queryable,
  actor: Actor,
  id: number,
  opts: { forUpdate?: boolean; manage?: boolean } = {},
): Promise<{ meeting: MeetingRow; council: CouncilRow }> {
  const meeting = await db.one<MeetingRow>(
    `SELECT ${MEETING_COLUMNS} FROM council_meetings mt WHERE mt.id = $1 AND mt.region_id = $2${opts.forUpdate ? ' FOR UPDATE' : ''}`,
    [id, actor.regionId],
  );
  if (!meeting) throw notFound('Заседание не найдено', `meeting ${id} not found`);
  const council = await loadCouncil(db, actor, Number(meeting.council_id), { manage: opts.manage });
  return { meeting, council };
}

export async function listMeetings(db: Queryable, councilId: number): Promise<MeetingView[]> {
  const rows = await db.query<MeetingRow>(
    `SELECT ${MEETING_COLUMNS} FROM council_meetings mt WHERE mt.council_id = $1 ORDER BY mt.held_on, mt.id`,
    [councilId],
  );
  return rows.map(presentMeeting);
}

/** The council with its composition (history included), meetings and figures. */
export async function getCouncil(db: Queryable, actor: Actor, id: number, today: string) {
  const row = await loadCouncil(db, actor, id);
  const owner = await db.one<{ short_name: string }>(`SELECT short_name FROM organisations WHERE id = $1`, [
    row.owner_organisation_id,
  ]);
  const members = await loadMembers(db, id);
  return {
    ...presentCouncil({ ...row, owner_name: owner?.short_name ?? '' }, actor),
    members,
    membersToday: membersOn(members, today).length,
    meetings: await listMeetings(db, id),
  };
}

export interface MeetingInput {
  number: string;
  heldOn: string;
  startTime?: string;
  format?: MeetingFormat;
  place?: string;
  status?: 'planned' | 'held';
}

export async function createMeeting(db: Database, actor: Actor, councilId: number, input: MeetingInput) {
  return db.transaction(async (tx) => {
    const council = await loadCouncil(tx, actor, councilId, { forUpdate: true, manage: true });
    const r = await tx
      .one<{ id: number }>(
        `INSERT INTO council_meetings (region_id, council_id, number, held_on, start_time, format, place, status)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
        [
          actor.regionId,
          councilId,
          input.number.trim(),
          input.heldOn,
          (input.startTime ?? '').trim(),
          input.format ?? 'in_person',
          (input.place ?? '').trim(),
          input.status ?? 'planned',
        ],
      )
      .catch((e) => duplicate(e, `Заседание № ${input.number.trim()} у этого совета уже есть`));
    const meeting = presentMeeting((await loadMeetingRow(tx, actor, Number(r!.id))).meeting);
    await bindNextMeetingDeadlines(tx, councilId);
    await recordAudit(tx, actor, actor.regionId, {
      action: 'meeting.create',
      entityType: 'council',
      entityId: councilId,
      planId: Number(council.plan_id),
      after: meeting,
    });
    return meeting;
  });
}

export interface MeetingPatch extends Partial<Omit<MeetingInput, 'status'>> {
  version: number;
  status?: MeetingStatus;
  postponedTo?: string | null;
}

/**
 * Changes a meeting: its requisites, or its status — held, cancelled, postponed (with the new
 * date). A meeting whose protocol is saved keeps its date: its instructions count from it.
 */
export async function updateMeeting(db: Database, actor: Actor, id: number, input: MeetingPatch) {
  return db.transaction(async (tx) => {
    const { meeting, council } = await loadMeetingRow(tx, actor, id, { forUpdate: true, manage: true });
    const before = presentMeeting(meeting);
    if (input.status === 'postponed' && !input.postponedTo)
      throw new DomainError('validation', 'meeting.postponed_to', 'Укажите новую дату заседания', 'postponed w/o date');
    if (meeting.section_id !== null && input.heldOn && input.heldOn !== meeting.held_on)
      throw new DomainError(
        'conflict',
        'meeting.has_protocol',
        'Протокол заседания уже внесён: дату заседания изменить нельзя',
        'date change after protocol',
      );
    if (meeting.section_id !== null && input.status && input.status !== 'held')
      throw new DomainError(
        'conflict',
        'meeting.has_protocol',
        'Протокол заседания уже внесён: заседание состоялось',
        'status change after protocol',
      );
    // Holding a postponed meeting: it took place on its new date.
    const heldOn =
      input.heldOn ?? (input.status === 'held' && meeting.status === 'postponed' ? meeting.postponed_to : null);
    const postponedTo = input.status === 'postponed' ? input.postponedTo : input.status ? null : undefined;
    const changed = await tx
      .query(
        `UPDATE council_meetings SET number = COALESCE($3, number), held_on = COALESCE($4::date, held_on),
           start_time = COALESCE($5, start_time), format = COALESCE($6, format), place = COALESCE($7, place),
           status = COALESCE($8, status), postponed_to = CASE WHEN $9::boolean THEN $10::date ELSE postponed_to END,
           version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $2 RETURNING id`,
        [
          id,
          input.version,
          input.number?.trim() ?? null,
          heldOn,
          input.startTime?.trim() ?? null,
          input.format ?? null,
          input.place?.trim() ?? null,
          input.status ?? null,
          postponedTo !== undefined,
          postponedTo ?? null,
        ],
      )
      .catch((e) => duplicate(e, `Заседание № ${input.number?.trim()} у этого совета уже есть`));
    if (changed.length !== 1) throw stale('Сведения о заседании', id);
    const after = presentMeeting((await loadMeetingRow(tx, actor, id)).meeting);
    if (after.date !== before.date || after.status !== before.status)
      await bindNextMeetingDeadlines(tx, Number(council.id));
    await recordAudit(tx, actor, actor.regionId, {
      action: before.status !== after.status ? `meeting.${after.status}` : 'meeting.update',
      entityType: 'council',
      entityId: Number(council.id),
      planId: Number(council.plan_id),
      before,
      after,
    });
    return after;
  });
}

export interface QuestionInput {
  number: string;
  title: string;
  speakers?: string;
}

async function loadQuestions(db: Queryable, meetingId: number) {
  return (
    await db.query<{ id: number; number: string; title: string; speakers: string }>(
      `SELECT id, number, title, speakers FROM meeting_questions WHERE meeting_id = $1 ORDER BY position`,
      [meetingId],
    )
  ).map((q) => ({ id: Number(q.id), number: q.number, title: q.title, speakers: q.speakers }));
}

async function writeQuestions(tx: Queryable, meetingId: number, questions: QuestionInput[]) {
  await tx.query(`DELETE FROM meeting_questions WHERE meeting_id = $1`, [meetingId]);
  if (questions.length === 0) return;
  await tx.query(
    `INSERT INTO meeting_questions (meeting_id, position, number, title, speakers)
     SELECT $1, u.ord, u.number, u.title, u.speakers FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS u(number, title, speakers, ord)`,
    [
      meetingId,
      questions.map((q) => q.number.trim()),
      questions.map((q) => q.title.trim()),
      questions.map((q) => (q.speakers ?? '').trim()),
    ],
  );
}

/** Bumps the meeting's version if it is still `version`: every change to it queues on this. */
async function claimMeeting(tx: Queryable, id: number, version: number) {
  const changed = await tx.query(
    `UPDATE council_meetings SET version = version + 1, updated_at = now() WHERE id = $1 AND version = $2 RETURNING id`,
    [id, version],
  );
  if (changed.length !== 1) throw stale('Сведения о заседании', id);
}

/** Replaces the agenda: questions in order with their speakers. */
export async function setAgenda(
  db: Database,
  actor: Actor,
  id: number,
  input: { version: number; questions: QuestionInput[] },
) {
  return db.transaction(async (tx) => {
    const { council } = await loadMeetingRow(tx, actor, id, { forUpdate: true, manage: true });
    const before = await loadQuestions(tx, id);
    await claimMeeting(tx, id, input.version);
    await writeQuestions(tx, id, input.questions);
    const after = await loadQuestions(tx, id);
    await recordAudit(tx, actor, actor.regionId, {
      action: 'meeting.agenda',
      entityType: 'council',
      entityId: Number(council.id),
      planId: Number(council.plan_id),
      before,
      after,
    });
    return getMeeting(tx, actor, id);
  });
}

/** Records who was present: members of the council on the meeting's date only. */
export async function setAttendance(
  db: Database,
  actor: Actor,
  id: number,
  input: { version: number; memberIds: number[] },
) {
  return db.transaction(async (tx) => {
    const { meeting, council } = await loadMeetingRow(tx, actor, id, { forUpdate: true, manage: true });
    const date = presentMeeting(meeting).date;
    const inForce = new Set(membersOn(await loadMembers(tx, Number(council.id)), date).map((m) => m.id));
    const wrong = input.memberIds.filter((m) => !inForce.has(m));
    if (wrong.length)
      throw new DomainError(
        'validation',
        'meeting.attendance',
        'Отмечены лица, не входившие в состав совета на дату заседания',
        `members ${wrong.join(',')} not in force on ${date}`,
      );
    const before = (
      await tx.query<{ member_id: number }>(`SELECT member_id FROM meeting_attendance WHERE meeting_id = $1`, [id])
    ).map((r) => Number(r.member_id));
    await claimMeeting(tx, id, input.version);
    await tx.query(`DELETE FROM meeting_attendance WHERE meeting_id = $1`, [id]);
    const ids = [...new Set(input.memberIds)];
    if (ids.length)
      await tx.query(`INSERT INTO meeting_attendance (meeting_id, member_id) SELECT $1, unnest($2::int[])`, [id, ids]);
    await recordAudit(tx, actor, actor.regionId, {
      action: 'meeting.attendance',
      entityType: 'council',
      entityId: Number(council.id),
      planId: Number(council.plan_id),
      before: { present: before },
      after: { present: ids },
    });
    return getMeeting(tx, actor, id);
  });
}

/** The quorum of a meeting from the composition on its date. */
async function meetingQuorum(db: Queryable, council: CouncilRow, meeting: MeetingRow, date: string) {
  const members = await loadMembers(db, Number(council.id));
  const present = (
    await db.query<{ member_id: number }>(`SELECT member_id FROM meeting_attendance WHERE meeting_id = $1`, [
      meeting.id,
    ])
  ).map((r) => Number(r.member_id));
  const quorum: Quorum = quorumOf(members, present, date, council.quorum_rule);
  return { members: membersOn(members, date), present, quorum };
}

/** A meeting with its agenda, attendance and quorum (its instructions: instructions.service). */
export async function getMeeting(db: Queryable, actor: Actor, id: number) {
  const { meeting, council } = await loadMeetingRow(db, actor, id);
  const view = presentMeeting(meeting);
  const { members, present, quorum } = await meetingQuorum(db, council, meeting, view.date);
  return {
    ...view,
    council: { id: Number(council.id), fullName: council.full_name, shortName: council.short_name },
    abilities: { manage: authorize(actor, { action: 'council.manage', subject: councilSubjectOf(council) }) },
    questions: await loadQuestions(db, id),
    members,
    presentIds: present,
    quorum,
  };
}

export { loadMembers, loadQuestions, writeQuestions, presentMeeting, claimMeeting };
