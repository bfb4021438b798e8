/** The councils part of the API client (issue 12): councils, members, meetings, protocols, decisions. */
import type * as C from '../../src/contract';
import { request, withQuery, type ExecutorChoice } from './api';

export type Council = C.ResponseOf<'POST /api/councils'>;
export type CouncilSummary = C.ResponseOf<'GET /api/councils'>['items'][number];
export type CouncilDetail = C.ResponseOf<'GET /api/councils/:id'>;
export type CouncilMember = CouncilDetail['members'][number];
export type Meeting = CouncilDetail['meetings'][number];
export type MeetingDetail = C.ResponseOf<'GET /api/meetings/:id'>;
export type Instruction = C.ResponseOf<'GET /api/councils/:id/instructions'>['items'][number];
export type MeetingPreparation = C.ResponseOf<'GET /api/meetings/:id/prepare'>;
export type ControlDecision = MeetingPreparation['due'][number]['proposal'];

export interface CouncilInput {
  fullName: string;
  shortName?: string;
  kind: Council['kind'];
  ownerOrganisationId: number;
  actTitle?: string;
  actNumber?: string;
  actDate?: string | null;
  quorumRule?: 'half' | 'two_thirds';
  meetingRule?: string;
}

export interface MemberInput {
  personName: string;
  position?: string;
  organisationId?: number | null;
  role: CouncilMember['role'];
  fromDate: string;
}

export interface MeetingInput {
  number: string;
  heldOn: string;
  startTime?: string;
  format?: Meeting['format'];
  place?: string;
}

export interface ProtocolInput {
  version: number;
  importId: number;
  questions: { number: string; title: string; speakers?: string }[];
  items: { number: string; section: string | null; title: string; executors: string[]; deadlineText: string }[];
  executorMap: Record<string, ExecutorChoice>;
  rememberAliases?: boolean;
}

export const councilsApi = {
  list: () => request<{ items: CouncilSummary[] }>('GET', '/councils'),
  create: (input: CouncilInput) => request<Council>('POST', '/councils', input),
  get: (id: number) => request<CouncilDetail>('GET', `/councils/${id}`),
  update: (id: number, patch: Partial<Omit<CouncilInput, 'ownerOrganisationId'>> & { version: number }) =>
    request<Council>('PATCH', `/councils/${id}`, patch),
  addMember: (id: number, input: MemberInput) => request<CouncilMember>('POST', `/councils/${id}/members`, input),
  endMember: (memberId: number, toDate: string) =>
    request<CouncilMember>('POST', `/council-members/${memberId}/end`, { toDate }),
  createMeeting: (id: number, input: MeetingInput) => request<Meeting>('POST', `/councils/${id}/meetings`, input),
  instructions: (id: number, q: { meetingId?: number; live?: 'true' } = {}) =>
    request<{ items: Instruction[] }>('GET', withQuery(`/councils/${id}/instructions`, q)),
  exportUrl: (id: number, q: { format: 'docx' | 'xlsx' | 'pdf'; meetingId?: number }) =>
    `/api${withQuery(`/councils/${id}/export`, q)}`,
  meeting: (id: number) => request<MeetingDetail>('GET', `/meetings/${id}`),
  updateMeeting: (
    id: number,
    patch: Partial<MeetingInput> & { version: number; status?: Meeting['status']; postponedTo?: string | null },
  ) => request<Meeting>('PATCH', `/meetings/${id}`, patch),
  setAgenda: (id: number, version: number, questions: { number: string; title: string; speakers?: string }[]) =>
    request<MeetingDetail>('PUT', `/meetings/${id}/agenda`, { version, questions }),
  setAttendance: (id: number, version: number, memberIds: number[]) =>
    request<MeetingDetail>('PUT', `/meetings/${id}/attendance`, { version, memberIds }),
  saveProtocol: (id: number, input: ProtocolInput) =>
    request<{ meetingId: number; instructions: number }>('POST', `/meetings/${id}/protocol`, input),
  prepare: (id: number) => request<MeetingPreparation>('GET', `/meetings/${id}/prepare`),
  decide: (
    id: number,
    version: number,
    items: { measureId: number; version: number; decision: ControlDecision; point?: string; newDeadline?: string }[],
  ) => request<{ decided: number }>('POST', `/meetings/${id}/decisions`, { version, items }),
};

export const COUNCIL_KIND_LABELS: Record<Council['kind'], string> = {
  coordination: 'Координационный совет',
  public: 'Общественный совет',
  interdepartmental: 'Межведомственный совет (комиссия)',
  working_group: 'Рабочая группа',
};
export const MEMBER_ROLE_LABELS: Record<CouncilMember['role'], string> = {
  chair: 'Председатель',
  deputy_chair: 'Заместитель председателя',
  secretary: 'Секретарь',
  member: 'Член совета',
};
export const MEETING_FORMAT_LABELS: Record<Meeting['format'], string> = {
  in_person: 'Очно',
  absentee: 'Заочно',
  video: 'ВКС',
};
export const MEETING_STATUS_LABELS: Record<Meeting['status'], string> = {
  planned: 'Запланировано',
  held: 'Состоялось',
  cancelled: 'Отменено',
  postponed: 'Перенесено',
};
export const CONTROL_STATE_LABELS: Record<Instruction['state'], string> = {
  on_control: 'На контроле',
  done: 'Исполнено',
  off_control: 'Снято с контроля',
  extended: 'Продлено',
};
export const DECISION_LABELS: Record<ControlDecision, string> = {
  keep: 'Оставить на контроле',
  done: 'Снять с контроля как исполненное',
  off_control: 'Снять с контроля',
  extend: 'Продлить',
};
