/** Councils, their meetings and instructions (issue 12). */
import { z } from 'zod';
import { IsoDate } from './common.js';

export const CouncilKind = z.enum(['coordination', 'public', 'interdepartmental', 'working_group']);
export const MemberRole = z.enum(['chair', 'deputy_chair', 'secretary', 'member']);
export const MeetingFormat = z.enum(['in_person', 'absentee', 'video']);
export const MeetingStatus = z.enum(['planned', 'held', 'cancelled', 'postponed']);
export const ControlState = z.enum(['on_control', 'done', 'off_control', 'extended']);
export const ControlDecision = z.enum(['keep', 'done', 'off_control', 'extend']);

export const Council = z.strictObject({
  id: z.number().int(),
  fullName: z.string(),
  shortName: z.string(),
  kind: CouncilKind,
  ownerOrganisationId: z.number().int(),
  ownerName: z.string(),
  actTitle: z.string(),
  actNumber: z.string(),
  actDate: IsoDate.nullable(),
  quorumRule: z.enum(['half', 'two_thirds']),
  meetingRule: z.string(),
  /** The control plan whose measures are the council's instructions. */
  planId: z.number().int(),
  version: z.number().int(),
  archived: z.boolean(),
  abilities: z.strictObject({ manage: z.boolean() }),
});

export const CouncilSummary = Council.extend({
  figures: z.strictObject({
    members: z.number().int(),
    meetings: z.number().int(),
    onControl: z.number().int(),
    overdue: z.number().int(),
  }),
});

export const CouncilMember = z.strictObject({
  id: z.number().int(),
  personName: z.string(),
  position: z.string(),
  organisationId: z.number().int().nullable(),
  organisationName: z.string().nullable(),
  role: MemberRole,
  fromDate: IsoDate,
  toDate: IsoDate.nullable(),
});

export const Meeting = z.strictObject({
  id: z.number().int(),
  councilId: z.number().int(),
  number: z.string(),
  heldOn: IsoDate,
  /** The date it takes place: the new date of a postponed meeting. */
  date: IsoDate,
  startTime: z.string(),
  format: MeetingFormat,
  place: z.string(),
  status: MeetingStatus,
  postponedTo: IsoDate.nullable(),
  protocolFileId: z.number().int().nullable(),
  hasInstructions: z.boolean(),
  version: z.number().int(),
});

export const CouncilDetail = Council.extend({
  members: z.array(CouncilMember),
  membersToday: z.number().int(),
  meetings: z.array(Meeting),
});

export const AgendaQuestion = z.strictObject({
  id: z.number().int(),
  number: z.string(),
  title: z.string(),
  speakers: z.string(),
});

export const MeetingDetail = Meeting.extend({
  council: z.strictObject({ id: z.number().int(), fullName: z.string(), shortName: z.string() }),
  abilities: z.strictObject({ manage: z.boolean() }),
  questions: z.array(AgendaQuestion),
  /** The composition on the meeting's date. */
  members: z.array(CouncilMember),
  presentIds: z.array(z.number().int()),
  quorum: z.strictObject({
    members: z.number().int(),
    present: z.number().int(),
    needed: z.number().int(),
    reached: z.boolean(),
  }),
});

export const Instruction = z.strictObject({
  measureId: z.number().int(),
  number: z.string(),
  title: z.string(),
  deadlineText: z.string(),
  protocolItem: z.string(),
  executors: z.array(z.string()),
  openDue: IsoDate.nullable(),
  overdue: z.boolean(),
  state: ControlState,
  version: z.number().int(),
  questionNumber: z.string(),
  meeting: z.strictObject({ id: z.number().int(), number: z.string(), date: IsoDate }),
  decidedBy: z
    .strictObject({ meetingId: z.number().int(), number: z.string(), date: IsoDate, point: z.string() })
    .nullable(),
  newDeadline: IsoDate.nullable(),
  lastReport: z.strictObject({ state: z.string(), resultStatus: z.string().nullable(), text: z.string() }).nullable(),
});

export const MeetingPreparation = z.strictObject({
  meetingId: z.number().int(),
  date: IsoDate,
  questions: z.array(AgendaQuestion),
  due: z.array(Instruction.extend({ proposal: ControlDecision })),
});

export const ProtocolSaved = z.strictObject({ meetingId: z.number().int(), instructions: z.number().int() });
export const DecisionsSaved = z.strictObject({ decided: z.number().int() });
