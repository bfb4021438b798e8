/**
 * The interchange document: what the importer understood of a plan, report,
 * council-decisions document or the protocol of one council meeting. It is the contract between the pure reader
 * (document -> InterchangeDocument) and everything that persists or previews it.
 * Field meanings follow ../shared/golden/README.md.
 */
export type DocumentKind = 'plan' | 'report' | 'council_decisions' | 'protocol';

export type ItemStatus = 'done' | 'partial' | 'not_done' | 'not_due';

export interface InterchangeSection {
  /** As printed («1», «II», or an ISO date «2021-06-30» for a council protocol). */
  number: string;
  title: string;
  /** Protocols: the speakers named for an agenda question («Иванов И.И.»), as printed. */
  speakers?: string[];
}

export interface InterchangeIndicator {
  number: string;
  name: string;
  /** Header label («2019-2021», «2022») -> value as printed (number or text). */
  values: Record<string, string | number>;
  /** The «Единица измерения» column's cell, when the table has one. */
  unit?: string;
}

export interface InterchangeItem {
  number: string;
  /** Number of the section the item stands under, or null. */
  section: string | null;
  title: string;
  executorsText: string;
  executors: string[];
  deadlineText: string;
  expectedResult: string;
  form: string;
  executionText: string;
  status: ItemStatus | null;
  /** For council decisions: «пункт 5 вопроса № 2». */
  protocolItem: string;
}

/** Who took part in a meeting, as the protocol lists them. */
export interface MeetingAttendee {
  group: 'chair' | 'present' | 'invited' | 'secretary' | 'absent';
  /** The person as printed («Иванов И.И.», «И.И. Иванов»), or the whole entry when no name is recognised. */
  name: string;
  position: string;
}

/** The meeting a protocol records (kind 'protocol'). */
export interface MeetingHeader {
  /** The council's name, its leading words put into the nominative («Координационный совет по …»). */
  council: string;
  /** The protocol's number as printed, without «№» («1», «3-СО»), or null. */
  number: string | null;
  /** ISO date printed with the protocol's number, or null. */
  date: string | null;
  /** «г. Омск», «Министерство …, ул. …, каб. 101», as printed, or null. */
  place: string | null;
  /** How the meeting was held, when the protocol says: in person, absentee voting (заочно), video conference. */
  format: 'in_person' | 'absentee' | 'video' | null;
  attendance: MeetingAttendee[];
}

export interface InterchangeDocument {
  kind: DocumentKind;
  title: string;
  approvedOn: string | null;
  approvedByName: string | null;
  period: [string, string] | null;
  sections: InterchangeSection[];
  indicators: InterchangeIndicator[];
  items: InterchangeItem[];
  abbreviations: Record<string, string>;
  /** Only for kind 'protocol': the meeting; its sections are the agenda questions and its items the decisions. */
  meeting?: MeetingHeader;
  /** Problems the reader noticed, in Russian, for the preview («строка 12: пустое наименование»). */
  warnings: string[];
}
