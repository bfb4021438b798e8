/**
 * What a person must look at before an imported document becomes a plan: executors the
 * directory does not know (with the closest organisations), deadlines not understood,
 * empty titles, duplicate numbers. Pure: the directory and the deadline reader are passed in.
 */
import type { InterchangeDocument } from '../importers/interchange.js';
import { matchOrganisation, normalizeOrgName, type DirectoryEntry } from '../directory/match-organisation.js';

export type ProblemKind = 'executor_unknown' | 'deadline_unclear' | 'empty_title' | 'duplicate_number' | 'no_executor';

export interface ImportProblem {
  kind: ProblemKind;
  /** Index in document.items, or null for document-level problems. */
  item: number | null;
  message: string;
}

export interface ExecutorResolution<T extends DirectoryEntry> {
  name: string;
  byAgreement: boolean;
  match: T | null;
  candidates: T[];
  /** Indices of the items naming it. */
  items: number[];
}

const BY_AGREEMENT = /\(\s*по\s+согласованию\s*\)/i;

/** «Минздрав (по согласованию)» → name «Минздрав», byAgreement true. */
export function splitAgreementMarker(name: string): { name: string; byAgreement: boolean } {
  const byAgreement = BY_AGREEMENT.test(name);
  return { name: name.replace(BY_AGREEMENT, ' ').replace(/\s+/g, ' ').trim(), byAgreement };
}

export function resolveExecutors<T extends DirectoryEntry>(doc: InterchangeDocument, directory: T[]): ExecutorResolution<T>[] {
  const byKey = new Map<string, ExecutorResolution<T>>();
  doc.items.forEach((item, index) => {
    for (const raw of item.executors) {
      const { name, byAgreement } = splitAgreementMarker(raw);
      if (!name) continue;
      const key = normalizeOrgName(name);
      let r = byKey.get(key);
      if (!r) {
        const m = matchOrganisation(name, directory);
        r = { name, byAgreement, match: m.match, candidates: m.candidates, items: [] };
        byKey.set(key, r);
      }
      if (!r.items.includes(index)) r.items.push(index);
    }
  });
  return [...byKey.values()];
}

export function reviewImport<T extends DirectoryEntry>(
  doc: InterchangeDocument,
  directory: T[],
  isDeadlineUnderstood: (text: string) => boolean,
): { problems: ImportProblem[]; executors: ExecutorResolution<T>[] } {
  const problems: ImportProblem[] = [];
  const executors = resolveExecutors(doc, directory);
  const seen = new Map<string, number>();
  doc.items.forEach((item, i) => {
    const n = `№ ${item.number || '?'}`;
    if (!item.title.trim()) problems.push({ kind: 'empty_title', item: i, message: `${n}: не указано наименование мероприятия` });
    const key = `${item.section ?? ''}|${item.number}`;
    if (seen.has(key)) problems.push({ kind: 'duplicate_number', item: i, message: `${n}: номер повторяется в разделе` });
    else seen.set(key, i);
    if (item.executors.length === 0 && doc.kind !== 'report') problems.push({ kind: 'no_executor', item: i, message: `${n}: не указан ответственный исполнитель` });
    if (item.deadlineText.trim() && !isDeadlineUnderstood(item.deadlineText)) {
      problems.push({ kind: 'deadline_unclear', item: i, message: `${n}: срок «${item.deadlineText}» не распознан — проверьте его` });
    }
  });
  for (const e of executors) {
    if (!e.match) {
      const hint = e.candidates.length ? ` Возможно: ${e.candidates.slice(0, 3).map((c) => c.shortName).join(', ')}.` : '';
      problems.push({ kind: 'executor_unknown', item: e.items[0] ?? null, message: `Исполнитель «${e.name}» не найден в справочнике.${hint}` });
    }
  }
  return { problems, executors };
}
