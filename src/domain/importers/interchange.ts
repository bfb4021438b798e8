/**
 * The interchange document: what the importer understood of a plan, report or
 * council-decisions document. It is the contract between the pure reader
 * (document -> InterchangeDocument) and everything that persists or previews it.
 * Field meanings follow ../shared/golden/README.md.
 */
export type DocumentKind = 'plan' | 'report' | 'council_decisions';

export type ItemStatus = 'done' | 'partial' | 'not_done' | 'not_due';

export interface InterchangeSection {
  /** As printed («1», «II», or an ISO date «2021-06-30» for a council protocol). */
  number: string;
  title: string;
}

export interface InterchangeIndicator {
  number: string;
  name: string;
  /** Header label («2019-2021», «2022») -> value as printed (number or text). */
  values: Record<string, string | number>;
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
  /** Problems the reader noticed, in Russian, for the preview («строка 12: пустое наименование»). */
  warnings: string[];
}
