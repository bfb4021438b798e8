/**
 * Types of the report substance check (issue 15): the input is one execution text with its measure's
 * context, the output is a verdict with evidence offsets and reasons in Russian.
 */
import type { ItemStatus } from '../importers/interchange.js';

/** A plan period as ISO dates, start not after end. */
export type IsoPeriod = readonly [string, string];

export interface SubstanceInput {
  /** The execution text as typed or imported. Offsets in the verdict refer to it. */
  text: string;
  /** The measure's title: a text that only restates it reports nothing. */
  title?: string;
  /** Executors as the importer splits the executors column, in order (the first is usually the coordinator). */
  executors?: readonly string[];
  /** The measure's deadline text («ежегодно до 1 октября»); gives a year to dates written without one. */
  deadline?: string;
  /** The status mark next to the text; null when the cell is empty. */
  status?: ItemStatus | null;
  /** The plan period; facts dated before it do not count. null when unknown (council instructions). */
  period?: IsoPeriod | null;
}

export type SubstanceLabel = 'substantive' | 'formal' | 'partial';

export type EvidenceKind = 'document' | 'date' | 'figure' | 'object' | 'event';

/** A substring of the text that makes it substantive, with its place for highlighting. */
export interface Evidence {
  kind: EvidenceKind;
  text: string;
  start: number;
  end: number;
}

/** Why a candidate fact was set aside; shown to the executor so that they know what to add. */
export type RejectionKind =
  | 'before-period'
  | 'planned'
  | 'parameter'
  | 'context'
  | 'habitual'
  | 'legal-basis'
  | 'undated-document'
  | 'deadline'
  | 'undated-event'
  | 'channel'
  | 'boilerplate'
  | 'restated-title';

export interface Rejection {
  kind: RejectionKind;
  text: string;
  start: number;
  end: number;
}

/** One executor's part of a multi-executor text. */
export interface ExecutorPart {
  /** The row's executor the part belongs to (as in `executors`), or null for a body that is not one of them. */
  executor: string | null;
  /** How the part was headed in the text («Минздрав:», «Министерство образования …»), or null for the unlabelled lead. */
  heading: string | null;
  start: number;
  end: number;
  substantive: boolean;
}

export interface StatusConflict {
  kind: 'done-but-not-held' | 'done-but-partly' | 'not-done-but-completed' | 'empty-status-with-result';
  /** The Russian explanation shown next to the mark. */
  reason: string;
  /** The words that contradict the mark, when there are some. */
  evidence: Evidence | null;
}

export interface SubstanceVerdict {
  label: SubstanceLabel;
  /** Executors (names from `executors`) whose parts are formal; only for `partial`. */
  formalExecutors: string[];
  statusConflict: StatusConflict | null;
  /** Facts found, in text order; empty for a formal text. */
  evidence: Evidence[];
  /** Candidate facts that do not count, with why (for the warning shown before submitting). */
  rejected: Rejection[];
  /** Executors' parts when the text is split into them. */
  parts: ExecutorPart[];
  /** Reasons in Russian, the main one first. */
  reasons: string[];
}

/**
 * What the check needs to know about a word. Supplied by a real morphological analyser (the
 * domain stays free of I/O: the dictionary is loaded at the edge, see src/modules/substance).
 */
export interface WordInfo {
  /** Normal forms of all plausible parses, the most likely first, lower case, «ё» kept as «е». */
  lemmas: readonly string[];
  /** Part of speech of the most likely parse (OpenCorpora tags: NOUN, VERB, INFN, PRTS, PRTF, ADJF, ADJS, …). */
  pos: string;
  /** Some parse is a finite verb in the past tense or a short passive participle (a completed action). */
  past: boolean;
  /** The most likely finite-verb parse is in the present tense. */
  present: boolean;
  /** The most likely finite-verb parse is in the future tense («будет», «проведем», «продолжит»). */
  future: boolean;
  /** Some parse is a noun. */
  noun: boolean;
  /** Some parse is an adjective or a full participle (words that may stand between a number and its noun). */
  adjective: boolean;
}

export interface Morphology {
  analyse(word: string): WordInfo;
}
