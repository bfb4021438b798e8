/**
 * The report substance check (issue 15): one execution text → `substantive` / `formal` / `partial`,
 * a status conflict, evidence with offsets and reasons in Russian. Pure: the period, the deadline
 * and the morphology come in; no clock, no I/O.
 */
import { findStatusConflict } from './conflicts.js';
import { findFacts } from './facts.js';
import { splitParts } from './parts.js';
import { EMPTY, PLACEHOLDER, formalReasons, substantiveReasons } from './reasons.js';
import { segment } from './text.js';
import type { Evidence, ExecutorPart, Morphology, SubstanceInput, SubstanceVerdict } from './types.js';

/** «Х» (or a dash) alone in the cell: the executor reported nothing. */
const PLACEHOLDER_TEXT = /^\s*[ХхXx\-–—]?\s*\.?\s*$/u;

/** The year of dates written without one: the period's, if it is one year, else the deadline's only year. */
function defaultYear(input: SubstanceInput): number | null {
  const p = input.period;
  if (p && p[0].slice(0, 4) === p[1].slice(0, 4)) return Number(p[0].slice(0, 4));
  const years = new Set((input.deadline ?? '').match(/(?:19|20)\d{2}/g) ?? []);
  if (years.size === 1) return Number([...years][0]);
  if (p) return Number(p[1].slice(0, 4));
  return null;
}

/** Titles repeat across a plan's reports: their lemmas are kept per morphology (bounded). */
const titleCache = new WeakMap<Morphology, Map<string, Set<string>>>();

function titleLemmas(title: string | undefined, morphology: Morphology): Set<string> {
  let cache = titleCache.get(morphology);
  if (!cache) {
    cache = new Map();
    titleCache.set(morphology, cache);
  }
  const hit = cache.get(title ?? '');
  if (hit) return hit;
  if (cache.size >= 2_000) cache.clear();
  const out = new Set<string>();
  cache.set(title ?? '', out);
  for (const m of (title ?? '').matchAll(/[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)*/g))
    for (const l of morphology.analyse(m[0]).lemmas) out.add(l);
  return out;
}

const within = (e: Evidence, p: { start: number; end: number }) => e.start >= p.start && e.start < p.end;

/**
 * Checks one execution text.
 * @example checkSubstance({ text: 'Работа ведется на постоянной основе.', status: 'done', period: ['2024-01-01', '2024-12-31'] }, morphology).label // 'formal'
 * @example checkSubstance({ text: 'Проведено 3 заседания Совета (13.03.2024 г.)', period: ['2024-01-01', '2024-12-31'] }, morphology).label // 'substantive'
 */
export function checkSubstance(input: SubstanceInput, morphology: Morphology): SubstanceVerdict {
  const text = input.text ?? '';
  const executors = [...new Set((input.executors ?? []).map((e) => e.trim()).filter(Boolean))];
  if (text.trim() === '' || PLACEHOLDER_TEXT.test(text)) {
    return {
      label: 'formal',
      formalExecutors: [],
      statusConflict: null,
      evidence: [],
      rejected: [],
      parts: [],
      reasons: [text.trim() === '' ? EMPTY : PLACEHOLDER],
    };
  }
  const seg = segment(text, morphology);
  const { evidence, rejected } = findFacts(seg, {
    period: input.period ?? null,
    year: defaultYear(input),
    titleLemmas: titleLemmas(input.title, morphology),
  });
  const raw = executors.length > 1 ? splitParts(seg, executors) : [];
  const parts: ExecutorPart[] = raw.map((p) => ({ ...p, substantive: evidence.some((e) => within(e, p)) }));

  let label: SubstanceVerdict['label'] = evidence.length > 0 ? 'substantive' : 'formal';
  let formalExecutors: string[] = [];
  const byExecutor = new Map<string, boolean>();
  for (const p of parts)
    if (p.executor) byExecutor.set(p.executor, (byExecutor.get(p.executor) ?? false) || p.substantive);
  if (byExecutor.size >= 2) {
    const formal = executors.filter((e) => byExecutor.get(e) === false);
    if (formal.length > 0 && formal.length < byExecutor.size) {
      label = 'partial';
      formalExecutors = formal;
    }
  }

  const statusConflict = findStatusConflict(input, seg, evidence, false);
  const reasons: string[] = [];
  if (label === 'formal') reasons.push(...formalReasons(text, rejected));
  else if (label === 'substantive') reasons.push(...substantiveReasons(evidence));
  else {
    reasons.push(
      `Части исполнителей без проверяемых фактов: ${formalExecutors.join(', ')} — эти части могут быть возвращены`,
    );
    for (const e of formalExecutors) {
      const own = parts.filter((p) => p.executor === e);
      const ownRejected = rejected.filter((r) => own.some((p) => r.start >= p.start && r.start < p.end));
      const first = formalReasons(own.map((p) => text.slice(p.start, p.end)).join('\n'), ownRejected).slice(1, 2);
      if (first.length && !first[0].startsWith('Добавьте'))
        reasons.push(`${e}: ${first[0][0].toLowerCase()}${first[0].slice(1)}`);
    }
    reasons.push(...substantiveReasons(evidence));
  }
  if (statusConflict) reasons.push(statusConflict.reason);
  return {
    label,
    formalExecutors,
    statusConflict,
    evidence: label === 'formal' ? [] : evidence,
    rejected,
    parts,
    reasons,
  };
}
