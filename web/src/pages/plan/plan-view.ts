/** What the plan page shows: its open dialog, and the measures grouped by section and filtered. */
import { type Measure, type Plan, type Section } from '../../api';
import { normaliseName } from '../../org-search';

export type DialogState =
  | { type: 'header' }
  | { type: 'archivePlan' }
  | { type: 'section'; section?: Section }
  | { type: 'deleteSection'; section: Section }
  | { type: 'measure'; measure?: Measure; sectionId?: number | null }
  | { type: 'archiveMeasure'; measure: Measure }
  | { type: 'approve' }
  | null;

export interface Group {
  section: Section | null;
  measures: Measure[];
}

export const MEASURE_WORDS = ['мероприятие', 'мероприятия', 'мероприятий'] as const;
export const INSTRUCTION_WORDS = ['поручение', 'поручения', 'поручений'] as const;
/** Sections in order, measures in order within each; filters applied. */
export function groupMeasures(p: Plan, opts: { filter: string; statusFilter: string; showArchived: boolean }): Group[] {
  const q = normaliseName(opts.filter);
  const matches = (m: Measure) => {
    if (!opts.showArchived && m.archived) return false;
    if (opts.statusFilter && (m.status ?? 'none') !== opts.statusFilter) return false;
    if (!q) return true;
    const hay = normaliseName(
      [
        m.number,
        m.title,
        m.deadlineText,
        m.expectedResult,
        m.protocolItem,
        m.leadExecutor?.shortName,
        m.leadExecutor?.fullName,
        ...m.coExecutors.flatMap((o) => [o.shortName, o.fullName]),
      ]
        .filter(Boolean)
        .join(' '),
    );
    return q.split(' ').every((t) => hay.includes(t));
  };
  const filtering = Boolean(q || opts.statusFilter);
  const sections = p.sections.slice().sort((a, b) => a.position - b.position);
  const known = new Set(sections.map((s) => s.id));
  const sorted = p.measures.slice().sort((a, b) => a.position - b.position || a.id - b.id);
  const groups: Group[] = [];
  const loose = sorted.filter((m) => (m.sectionId === null || !known.has(m.sectionId)) && matches(m));
  if (loose.length) groups.push({ section: null, measures: loose });
  for (const s of sections) {
    const ms = sorted.filter((m) => m.sectionId === s.id && matches(m));
    // Executors see only their measures: hide sections that are empty for them unless editing.
    if (ms.length || (!filtering && p.abilities.update)) groups.push({ section: s, measures: ms });
  }
  return groups;
}
