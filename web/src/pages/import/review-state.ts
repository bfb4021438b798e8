/** The editable state of an import preview: rows, executor groups and their directory choices. */
import { type InterchangeItem, type OrgRef } from '../../api';
import { type MeasureStatus, type OrgKind, type PlanKind } from '../../format';
import { normalizeOrgName, parseExecutorLines, splitAgreementMarker } from '../../import-review';

export const MEASURE_WORDS = ['мероприятие', 'мероприятия', 'мероприятий'] as const;
export const SECTION_WORDS = ['раздел', 'раздела', 'разделов'] as const;
export const EXEC_WORDS = ['исполнитель', 'исполнителя', 'исполнителей'] as const;
export interface EditItem {
  /** Index in document.items: stable across edits. */
  key: number;
  number: string;
  section: string | null;
  title: string;
  executorsText: string;
  deadlineText: string;
  expectedResult: string;
  form: string;
  executionText: string;
  status: MeasureStatus | null;
  protocolItem: string;
  excluded: boolean;
}

export type Choice =
  | { type: 'none' }
  | { type: 'org'; id: number; picked?: boolean }
  | { type: 'pick' }
  | { type: 'create'; fullName: string; shortName: string; kind: OrgKind }
  /** The organisation created for another name whose short name this is («Комитет» of «… (далее – Комитет)»). */
  | { type: 'same'; as: string }
  /** Kept on the measure as text: a phrase describing executors, not one organisation. */
  | { type: 'text' };

export interface ExecState {
  key: string;
  name: string;
  byAgreement: boolean;
  match: OrgRef | null;
  /** «text» for a phrase describing executors («некоммерческие организации»). */
  suggestion: 'organisation' | 'text';
  /** Found only by the short form in «(далее – …)». */
  byShortForm?: boolean;
  candidates: OrgRef[];
  loading?: boolean;
  error?: string;
  choice: Choice;
}

export interface ExecGroup {
  key: string;
  name: string;
  byAgreement: boolean;
  /** Item keys naming it, in order. */
  items: number[];
}

export interface Header {
  kind: PlanKind;
  title: string;
  ownerId: number | null;
  periodFrom: string;
  periodTo: string;
  approvedByName: string;
  approvedOn: string;
}

export type ProblemKind =
  'executor_unknown' | 'deadline_unclear' | 'empty_title' | 'duplicate_number' | 'no_executor' | 'empty_number';

export interface LiveProblem {
  kind: ProblemKind;
  item: number | null;
  exec?: string;
  message: string;
  /** Must be fixed before saving. */
  blocking: boolean;
}

export const PROBLEM_TAGS: Record<ProblemKind, string> = {
  executor_unknown: 'Исполнитель',
  deadline_unclear: 'Срок',
  empty_title: 'Наименование',
  duplicate_number: 'Номер',
  no_executor: 'Исполнитель',
  empty_number: 'Номер',
};

const resolved = (c: Choice) => c.type === 'org' || c.type === 'create' || c.type === 'text';

/**
 * Groups whose new organisation will carry `g`'s name as its short name and are named
 * earlier in the document: the server then finds `g` by that short name (it has no way
 * to say «the organisation created for X» in executorMap).
 */
export function sameTargets(g: ExecGroup, groups: ExecGroup[], execs: Record<string, ExecState>): ExecGroup[] {
  return groups.filter((h) => {
    if (h.key === g.key) return false;
    const c = execs[h.key]?.choice;
    return (
      c?.type === 'create' && normalizeOrgName(c.shortName) === g.key && (h.items[0] ?? Infinity) < (g.items[0] ?? -1)
    );
  });
}

export function isResolved(g: ExecGroup, groups: ExecGroup[], execs: Record<string, ExecState>): boolean {
  const c = execs[g.key]?.choice;
  if (!c) return false;
  if (c.type === 'same') return sameTargets(g, groups, execs).some((h) => h.key === c.as);
  return resolved(c);
}

export function toEditItem(it: InterchangeItem, key: number): EditItem {
  return {
    key,
    number: it.number,
    section: it.section,
    title: it.title,
    executorsText: it.executors.join('\n'),
    deadlineText: it.deadlineText,
    expectedResult: it.expectedResult,
    form: it.form,
    executionText: it.executionText,
    status: it.status,
    protocolItem: it.protocolItem,
    excluded: false,
  };
}

export function groupExecutors(items: EditItem[]): ExecGroup[] {
  const out = new Map<string, ExecGroup>();
  for (const it of items) {
    if (it.excluded) continue;
    for (const raw of parseExecutorLines(it.executorsText)) {
      const { name, byAgreement } = splitAgreementMarker(raw);
      if (!name) continue;
      const key = normalizeOrgName(name);
      if (!key) continue;
      let g = out.get(key);
      if (!g) out.set(key, (g = { key, name, byAgreement, items: [] }));
      if (!g.items.includes(it.key)) g.items.push(it.key);
    }
  }
  return [...out.values()];
}

export const orgName = (o: { shortName?: string | null; fullName: string }) => o.shortName || o.fullName;
export const stripExtension = (name: string) => name.replace(/\.[a-z0-9]{2,5}$/i, '');
