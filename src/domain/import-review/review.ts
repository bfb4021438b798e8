/**
 * What a person must look at before an imported document becomes a plan: executors the
 * directory does not know (with the closest organisations), deadlines not understood,
 * empty titles, duplicate numbers. Pure: the directory and the deadline reader are passed in.
 */
import type { InterchangeDocument } from '../importers/interchange.js';
import {
  matchOrganisation,
  normalizeOrgName,
  splitDefinition,
  type DirectoryEntry,
} from '../directory/match-organisation.js';

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
  /**
   * What an unmatched name should become: an organisation, or text kept on the measure
   * (a phrase describing executors: «некоммерческие организации», «… с привлечением …»).
   */
  suggestion: 'organisation' | 'text';
  /** Found only by the short form the document gives it («… (далее – Минтруд)»): worth a look. */
  byShortForm: boolean;
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

/** Words that join executors into a description rather than name one («Комитет … с привлечением …»). */
const CONNECTIVE =
  /\s(с привлечением|при участии|с участием|совместно с|во взаимодействии с|в том числе|а также|и иные|и другие)\s/i;
/**
 * A first word in the plural: a kind of executors, not one organisation. (Adjectives only:
 * «Управление», «Отделение» end in «-ие» too, and are one organisation each.)
 */
const PLURAL_FIRST =
  /^(органы|организации|учреждения|администрации|главы|члены|представители|специалисты|руководители|центры|палаты|службы|управления|отделы|подразделения|волонт[её]ры|добровольцы|граждане|субъекты|предприятия|объединения|нко|со нко|сонко|омсу|все|иные|другие|внутренние|\S+(?:ые|кие|гие|хие|шие|щие|чие|жие))$/i;

/**
 * Whether an executor's wording names one organisation or describes executors in words,
 * which is kept as text on the measure instead of becoming an organisation.
 * @example executorWording('некоммерческие организации (по согласованию)') // 'text'
 * @example executorWording('Комитет по делам молодёжи с привлечением ресурсных центров НКО') // 'text'
 * @example executorWording('министерство внутренней политики области') // 'organisation'
 */
export function executorWording(raw: string): 'organisation' | 'text' {
  const { name } = splitAgreementMarker(splitDefinition(raw).name);
  const first = name.replace(/^[«"(]+/, '').split(/\s+/)[0] ?? '';
  if (CONNECTIVE.test(` ${name} `) || PLURAL_FIRST.test(first)) return 'text';
  return 'organisation';
}

export function resolveExecutors<T extends DirectoryEntry>(
  doc: InterchangeDocument,
  directory: T[],
): ExecutorResolution<T>[] {
  const byKey = new Map<string, ExecutorResolution<T>>();
  // «Минтруд» defined in the document as «Министерство труда … (далее – Минтруд)»: either
  // spelling found in the directory finds the other.
  const defined = new Map(Object.entries(doc.abbreviations ?? {}).map(([k, v]) => [normalizeOrgName(k), v]));
  const match = (name: string) => {
    const m = matchOrganisation(name, directory);
    const full = defined.get(normalizeOrgName(name));
    if (m.match || !full) return m;
    const viaFull = matchOrganisation(full, directory);
    return viaFull.match ? viaFull : m;
  };
  doc.items.forEach((item, index) => {
    for (const raw of item.executors) {
      const { name, byAgreement } = splitAgreementMarker(raw);
      if (!name) continue;
      const key = normalizeOrgName(name);
      let r = byKey.get(key);
      if (!r) {
        const m = match(name);
        const def = splitDefinition(name);
        const byShortForm = Boolean(m.match && def.short && !matchOrganisation(def.name, directory).match);
        r = {
          name,
          byAgreement,
          match: m.match,
          suggestion: executorWording(name),
          byShortForm,
          candidates: m.candidates,
          items: [],
        };
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
    if (!item.title.trim())
      problems.push({ kind: 'empty_title', item: i, message: `${n}: не указано наименование мероприятия` });
    const key = `${item.section ?? ''}|${item.number}`;
    if (seen.has(key))
      problems.push({ kind: 'duplicate_number', item: i, message: `${n}: номер повторяется в разделе` });
    else seen.set(key, i);
    if (item.executors.length === 0 && doc.kind !== 'report')
      problems.push({ kind: 'no_executor', item: i, message: `${n}: не указан ответственный исполнитель` });
    if (item.deadlineText.trim() && !isDeadlineUnderstood(item.deadlineText)) {
      problems.push({
        kind: 'deadline_unclear',
        item: i,
        message: `${n}: срок «${item.deadlineText}» не распознан — проверьте его`,
      });
    }
  });
  for (const e of executors) {
    if (!e.match) {
      const hint =
        e.suggestion === 'text'
          ? ' Похоже на описание исполнителей, а не на организацию: его можно оставить текстом.'
          : e.candidates.length
            ? ` Возможно: ${e.candidates
                .slice(0, 3)
                .map((c) => c.shortName)
                .join(', ')}.`
            : '';
      problems.push({
        kind: 'executor_unknown',
        item: e.items[0] ?? null,
        message: `Исполнитель «${e.name}» не найден в справочнике.${hint}`,
      });
    }
  }
  return { problems, executors };
}
