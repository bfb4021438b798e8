/**
 * A council's instructions: the decisions of a meeting's protocol saved as measures of the
 * council's control plan (one section per meeting, the protocol point kept on each), with
 * their control state — on control, executed, taken off control or extended by a later
 * meeting's decision. Reports, acceptance and extension requests are the plan's own
 * (modules/reports); this file only adds what a council decides.
 */
import type { Database, Queryable } from '../../db/database.js';
import { russianLongDate } from '../../domain/calendar/index.js';
import { councilGenitive, instructionNumbers, protocolPoint } from '../../domain/councils/composition.js';
import { DomainError, notFound } from '../../domain/errors.js';
import type { Actor } from '../../domain/policy/authorize.js';
import { recordAudit } from '../audit/index.js';
import { buildPlanReportModel } from '../exports/index.js';
import { commitImportIntoPlan, type ExecutorChoice } from '../imports/index.js';
import { setDeadlineOverride, setMeasureClosedState } from '../measures/index.js';
import { regenerateControlPoints } from '../obligations/index.js';
import { measureVisibility, widenPlanPeriod } from '../plans/index.js';
import { bindNextMeetingDeadlines } from './next-meeting.js';
import {
  claimMeeting,
  loadCouncil,
  loadMeetingRow,
  loadQuestions,
  presentMeeting,
  writeQuestions,
  type CouncilRow,
  type QuestionInput,
} from './councils.service.js';

export const CONTROL_STATES = ['on_control', 'done', 'off_control', 'extended'] as const;
export type ControlState = (typeof CONTROL_STATES)[number];
export const DECISIONS = ['keep', 'done', 'off_control', 'extend'] as const;
export type Decision = (typeof DECISIONS)[number];

export interface ProtocolItemInput {
  number: string;
  /** The agenda question the decision stands under, as printed. */
  section: string | null;
  title: string;
  executors: string[];
  deadlineText: string;
}

export interface ProtocolCommitInput {
  version: number;
  importId: number;
  questions: QuestionInput[];
  items: ProtocolItemInput[];
  executorMap: Record<string, ExecutorChoice>;
  rememberAliases: boolean;
}

/**
 * Saves a meeting's protocol, read and reviewed on the import screen: its decisions become
 * instructions in the council's control plan under a section of this meeting (its date is
 * the section's number, so relative deadlines count from it and the execution report's
 * «Протокол заседания … от …» rows find them), the agenda is filled if empty, the document is
 * kept as the meeting's protocol file and the meeting is held. All or nothing.
 */
export async function commitProtocol(db: Database, actor: Actor, meetingId: number, input: ProtocolCommitInput) {
  return db.transaction(async (tx) => {
    const { meeting, council } = await loadMeetingRow(tx, actor, meetingId, { forUpdate: true, manage: true });
    if (meeting.section_id !== null)
      throw new DomainError(
        'conflict',
        'meeting.has_protocol',
        'Протокол этого заседания уже внесён',
        `meeting ${meetingId} has a protocol`,
      );
    if (meeting.status === 'cancelled')
      throw new DomainError('conflict', 'meeting.cancelled', 'Заседание отменено', `meeting ${meetingId} cancelled`);
    if (input.items.length === 0)
      throw new DomainError('validation', 'meeting.no_decisions', 'В протоколе нет ни одного решения', 'no items');
    await claimMeeting(tx, meetingId, input.version);
    const date = presentMeeting(meeting).date;
    await widenPlanPeriod(tx, Number(council.plan_id), date);
    const sectionNumber = date;
    const taken = await tx.one(`SELECT id FROM sections WHERE plan_id = $1 AND number = $2`, [
      council.plan_id,
      sectionNumber,
    ]);
    if (taken)
      throw new DomainError(
        'conflict',
        'meeting.same_date',
        'Протокол другого заседания этого совета от той же даты уже внесён',
        `section ${sectionNumber} exists`,
      );
    const title = `Протокол заседания ${councilGenitive(council.full_name).replace(/^«|»$/g, '')} от ${russianLongDate(date, 'года') ?? date} № ${meeting.number}`;
    const numbers = instructionNumbers(input.items);
    const { measureIds, fileId, fileName } = await commitImportIntoPlan(
      tx,
      actor,
      input.importId,
      Number(council.plan_id),
      {
        sections: [{ number: sectionNumber, title }],
        items: input.items.map((item) => ({
          number: item.number,
          section: sectionNumber,
          title: item.title,
          executors: item.executors,
          deadlineText: item.deadlineText,
          expectedResult: '',
          form: '',
          executionText: '',
          status: null,
          protocolItem: protocolPoint(item.number, item.section),
        })),
        executorMap: input.executorMap,
        rememberAliases: input.rememberAliases,
      },
      // Under control from the meeting that gave them, however late the protocol is entered.
      { anchorDate: date, controlFrom: date, numbers },
    );
    const section = await tx.one<{ id: number }>(`SELECT id FROM sections WHERE plan_id = $1 AND number = $2`, [
      council.plan_id,
      sectionNumber,
    ]);
    await tx.query(
      `UPDATE council_meetings SET section_id = $2, protocol_file_id = $3, status = 'held', held_on = $4, postponed_to = NULL, updated_at = now() WHERE id = $1`,
      [meetingId, section!.id, fileId, date],
    );
    if ((await loadQuestions(tx, meetingId)).length === 0) await writeQuestions(tx, meetingId, input.questions);
    await tx.query(
      `INSERT INTO instruction_control (measure_id, region_id, council_id, meeting_id, question_number)
       SELECT u.measure_id, $1, $2, $3, u.question FROM unnest($4::int[], $5::text[]) AS u(measure_id, question)`,
      [actor.regionId, council.id, meetingId, measureIds, input.items.map((i) => i.section ?? '')],
    );
    await bindNextMeetingDeadlines(tx, Number(council.id));
    await recordAudit(tx, actor, actor.regionId, {
      action: 'meeting.protocol',
      entityType: 'council',
      entityId: Number(council.id),
      planId: Number(council.plan_id),
      after: { meetingId, number: meeting.number, date, file: fileName, fileId, instructions: measureIds.length },
      source: fileName,
    });
    return { meetingId, instructions: measureIds.length };
  });
}

interface InstructionRow {
  measure_id: number;
  number: string;
  title: string;
  deadline_text: string;
  protocol_item: string;
  executors: string[] | null;
  text_executors: string[] | null;
  open_due: string | null;
  closed: boolean;
  state: ControlState;
  version: number;
  question_number: string;
  meeting_id: number;
  meeting_number: string;
  meeting_date: string;
  decided_meeting_id: number | null;
  decided_number: string | null;
  decided_date: string | null;
  decided_point: string;
  new_deadline: string | null;
  last_report_state: string | null;
  last_result: string | null;
  last_report_text: string | null;
}

function presentInstruction(r: InstructionRow, today: string) {
  const live = r.state === 'on_control' || r.state === 'extended';
  return {
    measureId: Number(r.measure_id),
    number: r.number,
    title: r.title,
    deadlineText: r.deadline_text,
    protocolItem: r.protocol_item,
    executors: [...(r.executors ?? []), ...(r.text_executors ?? [])],
    openDue: live ? r.open_due : null,
    overdue: live && r.open_due !== null && r.open_due < today,
    state: r.state,
    version: Number(r.version),
    questionNumber: r.question_number,
    meeting: { id: Number(r.meeting_id), number: r.meeting_number, date: r.meeting_date },
    decidedBy:
      r.decided_meeting_id === null
        ? null
        : {
            meetingId: Number(r.decided_meeting_id),
            number: r.decided_number ?? '',
            date: r.decided_date ?? '',
            point: r.decided_point,
          },
    newDeadline: r.new_deadline,
    lastReport: r.last_report_state
      ? { state: r.last_report_state, resultStatus: r.last_result, text: r.last_report_text ?? '' }
      : null,
  };
}
export type InstructionView = ReturnType<typeof presentInstruction>;

/**
 * The council's instructions the actor may see (an executor: its own organisation's, like
 * any measure), optionally of one meeting or only those still on control and due by a date.
 */
export async function listInstructions(
  db: Queryable,
  actor: Actor,
  councilId: number,
  today: string,
  opts: { meetingId?: number; dueBy?: string; live?: boolean } = {},
): Promise<InstructionView[]> {
  await loadCouncil(db, actor, councilId);
  const params: unknown[] = [actor.regionId, actor.organisationId, councilId];
  let where = `ic.council_id = $3 AND m.archived_at IS NULL AND ${measureVisibility(actor)}`;
  if (opts.meetingId) {
    params.push(opts.meetingId);
    where += ` AND ic.meeting_id = $${params.length}`;
  }
  if (opts.live || opts.dueBy) where += ` AND ic.state IN ('on_control','extended')`;
  if (opts.dueBy) {
    params.push(opts.dueBy);
    where += ` AND mt.held_on < $${params.length}::date AND (m.open_due IS NULL OR m.open_due <= $${params.length}::date)`;
  }
  const rows = await db.query<InstructionRow>(
    `SELECT m.id AS measure_id, m.number, m.title, m.deadline_text, m.protocol_item, m.text_executors,
       (SELECT array_agg(o.short_name ORDER BY me.position) FROM measure_executors me JOIN organisations o ON o.id = me.organisation_id WHERE me.measure_id = m.id) AS executors,
       m.open_due::text AS open_due, m.closed_at IS NOT NULL AS closed,
       ic.state, ic.version, ic.question_number, ic.meeting_id, mt.number AS meeting_number, mt.held_on::text AS meeting_date,
       ic.decided_meeting_id, dm.number AS decided_number, dm.held_on::text AS decided_date, ic.decided_point, ic.new_deadline::text AS new_deadline,
       lr.state AS last_report_state, lr.result_status AS last_result, lr.text AS last_report_text
     FROM instruction_control ic
     JOIN measures m ON m.id = ic.measure_id
     JOIN council_meetings mt ON mt.id = ic.meeting_id
     LEFT JOIN council_meetings dm ON dm.id = ic.decided_meeting_id
     LEFT JOIN LATERAL (
       SELECT r.state, r.result_status, r.text FROM reports r JOIN reporting_periods rp ON rp.id = r.period_id
       WHERE r.measure_id = m.id AND r.role = 'lead' AND r.state <> 'expected'
       ORDER BY rp.starts_on DESC, r.id DESC LIMIT 1) lr ON true
     WHERE ${where}
     ORDER BY mt.held_on, m.position`,
    params,
  );
  return rows.map((r) => presentInstruction(r, today));
}

/**
 * What the secretary proposes for an instruction due by the next meeting: executed when its
 * lead's last report was accepted as done; extended when it is overdue without that; else keep.
 */
export function proposeDecision(i: InstructionView, meetingDate: string): Decision {
  if (i.lastReport?.state === 'accepted' && i.lastReport.resultStatus === 'done') return 'done';
  if (i.openDue !== null && i.openDue < meetingDate) return 'extend';
  return 'keep';
}

/** Preparing a planned meeting: its agenda and the instructions due by its date with proposals. */
export async function prepareMeeting(db: Queryable, actor: Actor, meetingId: number, today: string) {
  const { meeting, council } = await loadMeetingRow(db, actor, meetingId);
  const date = presentMeeting(meeting).date;
  const due = await listInstructions(db, actor, Number(council.id), today, { dueBy: date });
  return {
    meetingId,
    date,
    questions: await loadQuestions(db, meetingId),
    due: due.filter((i) => i.meeting.id !== meetingId).map((i) => ({ ...i, proposal: proposeDecision(i, date) })),
  };
}

export interface DecisionInput {
  measureId: number;
  /** The instruction's control version as read. */
  version: number;
  decision: Decision;
  /** The point of this meeting's protocol that decides it («пункт 1.2 вопроса № I»). */
  point?: string;
  newDeadline?: string;
}

/**
 * Records a meeting's decisions on earlier instructions in one pass: executed or taken off
 * control (the measure is closed: nothing more is owed), or extended to a new date (the
 * control date becomes it). Each change is conditional on the instruction's version and its
 * being on control; all apply or none.
 */
export async function decideInstructions(
  db: Database,
  actor: Actor,
  meetingId: number,
  input: { version: number; items: DecisionInput[] },
) {
  return db.transaction(async (tx) => {
    const { meeting, council } = await loadMeetingRow(tx, actor, meetingId, { forUpdate: true, manage: true });
    if (meeting.status === 'cancelled' || meeting.status === 'postponed')
      throw new DomainError(
        'conflict',
        'meeting.not_held',
        'Решения принимаются на состоявшемся или назначенном заседании',
        `meeting ${meetingId} is ${meeting.status}`,
      );
    await claimMeeting(tx, meetingId, input.version);
    const date = presentMeeting(meeting).date;
    const touched: number[] = [];
    for (const item of input.items) {
      if (item.decision === 'keep') continue;
      await decideOne(tx, actor, council, meetingId, date, item);
      touched.push(item.measureId);
    }
    await regenerateControlPoints(tx, { measureIds: touched });
    return { decided: touched.length };
  });
}

async function decideOne(
  tx: Queryable,
  actor: Actor,
  council: CouncilRow,
  meetingId: number,
  meetingDate: string,
  item: DecisionInput,
) {
  const before = await tx.one<{
    state: ControlState;
    meeting_id: number;
    held_on: string;
    new_deadline: string | null;
  }>(
    `SELECT ic.state, ic.meeting_id, mt.held_on::text AS held_on, ic.new_deadline::text AS new_deadline
     FROM instruction_control ic JOIN council_meetings mt ON mt.id = ic.meeting_id
     WHERE ic.measure_id = $1 AND ic.council_id = $2`,
    [item.measureId, council.id],
  );
  if (!before) throw notFound('Поручение не найдено', `instruction ${item.measureId} not in council ${council.id}`);
  if (Number(before.meeting_id) === meetingId || before.held_on > meetingDate)
    throw new DomainError(
      'validation',
      'instruction.same_meeting',
      'Решение о поручении принимает одно из следующих заседаний',
      `instruction ${item.measureId} from meeting ${before.meeting_id}`,
    );
  if (item.decision === 'extend' && (!item.newDeadline || item.newDeadline < meetingDate))
    throw new DomainError(
      'validation',
      'instruction.new_deadline',
      'Укажите новый срок исполнения — не раньше даты заседания',
      'extend without a later date',
    );
  const state: ControlState =
    item.decision === 'extend' ? 'extended' : item.decision === 'done' ? 'done' : 'off_control';
  const changed = await tx.query(
    `UPDATE instruction_control SET state = $3, decided_meeting_id = $4, decided_point = $5, new_deadline = $6::date,
       version = version + 1, updated_at = now()
     WHERE measure_id = $1 AND version = $2 AND state IN ('on_control','extended') RETURNING measure_id`,
    [item.measureId, item.version, state, meetingId, (item.point ?? '').trim(), item.newDeadline ?? null],
  );
  if (changed.length !== 1)
    throw new DomainError(
      'conflict',
      'instruction.stale',
      'Поручение уже изменено или снято с контроля — обновите страницу',
      `instruction ${item.measureId} stale`,
    );
  if (state === 'extended') await setDeadlineOverride(tx, item.measureId, { due: [item.newDeadline!], reports: [] });
  else await setMeasureClosedState(tx, item.measureId, true, actor.userId);
  await recordAudit(tx, actor, actor.regionId, {
    action: `instruction.${state}`,
    entityType: 'measure',
    entityId: item.measureId,
    planId: Number(council.plan_id),
    measureId: item.measureId,
    before: { state: before.state, newDeadline: before.new_deadline },
    after: { state, meetingId, point: (item.point ?? '').trim(), newDeadline: item.newDeadline ?? null },
  });
}

/**
 * «Информация об исполнении решений <совета>» in the official table form (seed 001), for the
 * whole council or one meeting: the plan report builder over the council's control plan.
 */
export async function councilReportModel(
  db: Queryable,
  actor: Actor,
  councilId: number,
  f: { meetingId?: number; today: string; signerPosition?: string; signerName?: string },
) {
  const council = await loadCouncil(db, actor, councilId);
  let sectionId: number | undefined;
  if (f.meetingId) {
    const { meeting } = await loadMeetingRow(db, actor, f.meetingId);
    if (Number(meeting.council_id) !== councilId)
      throw notFound('Заседание не найдено', `meeting ${f.meetingId} not of council ${councilId}`);
    if (meeting.section_id === null)
      throw new DomainError(
        'validation',
        'meeting.no_protocol',
        'Протокол этого заседания ещё не внесён',
        `meeting ${f.meetingId} has no protocol`,
      );
    sectionId = Number(meeting.section_id);
  }
  const { model } = await buildPlanReportModel(db, actor, Number(council.plan_id), {
    today: f.today,
    sectionId,
    signerPosition: f.signerPosition,
    signerName: f.signerName,
  });
  model.title = `Информация об исполнении решений ${councilGenitive(council.full_name)}`;
  const stem = `Информация об исполнении решений ${council.short_name || council.full_name}`
    .replace(/[\\/:*?"<>|]+/g, ' ')
    .slice(0, 120)
    .trim();
  return { model, fileStem: `${stem} ${f.today}` };
}
