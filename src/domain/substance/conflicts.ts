/**
 * Status conflicts: the mark next to the text contradicts it (rubric «Status conflicts»).
 * - «Выполнено» while the text says the work was postponed, cancelled or not held — unless another
 *   part of the text reports it done (one executor postponing while another completes is no conflict);
 * - «Выполнено» with only a part of the planned count («3 из 5 запланированных», «выполнено частично»,
 *   «плановое значение – 120, фактически … 87»);
 * - «Не выполнено» while the text reports completion and does not explain the mark;
 * - an empty mark next to a reported result.
 * A formal text under «Выполнено» is unsupported, not contradicted: no conflict.
 */
import {
  COMPLETION_VERBS,
  DATA_NOUNS,
  EXPLANATION,
  HELD_NOUNS,
  HELD_VERBS,
  PLANNED,
  POSTPONE_VERBS,
} from './lexicon.js';
import { clauseOf, hasLemma, type Segmented, type Sentence, type Span } from './text.js';
import type { Evidence, StatusConflict, SubstanceInput } from './types.js';

interface Marker extends Span {
  sentence: Sentence;
}

/** Words saying the measure was postponed, cancelled or not held. */
function notHeldMarkers(seg: Segmented): Marker[] {
  const out: Marker[] = [];
  for (const s of seg.sentences) {
    const dataTransfer = s.words.some((w) => hasLemma(w, DATA_NOUNS));
    const heldThing = s.words.some((w) => hasLemma(w, HELD_NOUNS)) || /\d{4}|квартал|срок|позднее/i.test(s.text);
    for (const w of s.words) {
      if (hasLemma(w, POSTPONE_VERBS) && !w.negated && heldThing && !dataTransfer)
        out.push({ start: w.start, end: w.end, sentence: s });
      else if (w.negated && hasLemma(w, HELD_VERBS) && (w.info.past || w.info.pos === 'PRTS' || w.info.pos === 'ADJS'))
        out.push({ start: w.start - 3, end: w.end, sentence: s });
      else if (/^несостояв/.test(w.lower) || (w.lower === 'удалось' && w.negated))
        out.push({ start: w.start, end: w.end, sentence: s });
    }
  }
  return out;
}

/** «Выполнено», «исполнено в полном объеме», «работа завершена» (not negated). */
function completionClaims(seg: Segmented): Marker[] {
  const out: Marker[] = [];
  for (const s of seg.sentences) {
    for (const w of s.words) {
      if (w.negated || !hasLemma(w, COMPLETION_VERBS) || !(w.info.past || w.info.pos === 'PRTS')) continue;
      if (/частичн/i.test(s.text)) continue;
      out.push({ start: w.start, end: w.end, sentence: s });
    }
    const full = /в полном объ[её]ме/i.exec(s.text);
    if (full && !/не в полном/i.test(s.text))
      out.push({ start: s.start + full.index, end: s.start + full.index + full[0].length, sentence: s });
  }
  return out;
}

const numberValue = (s: string) => Number(s.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.'));
const NUM = '(\\d{1,3}(?:[ \\u00a0\\u202f]\\d{3})+|\\d+(?:[.,]\\d+)?)';

const PARTLY =
  /(?:выполнен[оаы]?|исполнен[оаы]?|реализован[оаы]?)\s+частично|частично\s+(?:выполнен|исполнен|реализован)|не в полном объ[её]ме/i;
const PERCENT_DONE = new RegExp(`(?:выполнен[оаы]?|исполнен[оаы]?)\\s+на\\s+${NUM}\\s*%`, 'iu');
const OUT_OF_PLAN = new RegExp(
  `${NUM}\\s+(?:[а-яё]+\\s+){0,2}из\\s+${NUM}\\s+(?:[а-яё]+\\s+)?(?:запланированн|планируем|предусмотренн|по плану)`,
  'iu',
);
const PLAN_THEN_DONE = new RegExp(
  `из\\s+(?:общего\\s+(?:числа|количества)\\s+)?(?:запланированн[а-я]*|предусмотренн[а-я]*)\\s+${NUM}[^.;]*?(?:проведен[оаы]?|выполнен[оаы]?|организован[оаы]?|состоял[оаи]сь)\\s+${NUM}(?!\\s*[-–.,]?\\d)`,
  'iu',
);
const OUT_OF = new RegExp(`${NUM}\\s+из\\s+${NUM}`, 'iu');
const REST_NOT_DONE = /остальн|перенес|отмен|не проведен|не состоял|не выполнен/i;
const NUMBER_WORD = new RegExp(`${NUM}\\s+([а-яё]+)`, 'giu');

/** Only a part of the planned count was done. */
function partlyDone(seg: Segmented): Marker | null {
  for (const s of seg.sentences) {
    const t = s.text;
    const at = (i: number, len: number): Marker => ({ start: s.start + i, end: s.start + i + len, sentence: s });
    if (!/\d|частичн|полном/i.test(t)) continue;
    let m = PARTLY.exec(t);
    if (m) return at(m.index, m[0].length);
    m = PERCENT_DONE.exec(t);
    if (m && numberValue(m[1]) < 100) return at(m.index, m[0].length);
    // «3 из 5 запланированных», «из запланированных 10 … проведено 6», «2 семинара из 4 запланированных».
    m = OUT_OF_PLAN.exec(t);
    if (m && numberValue(m[1]) < numberValue(m[2])) return at(m.index, m[0].length);
    // «Проведено 2 из 4 заседаний, остальные перенесены»: the rest is said not to have happened.
    m = OUT_OF.exec(t);
    if (m && numberValue(m[1]) < numberValue(m[2]) && REST_NOT_DONE.test(t)) return at(m.index, m[0].length);
    m = PLAN_THEN_DONE.exec(t);
    if (m && numberValue(m[2]) < numberValue(m[1])) return at(m.index, m[0].length);
    // «Плановое значение – 120 человек, фактически … обучено 87 человек».
    const planned = planAndFact(s);
    if (planned) return planned;
  }
  return null;
}

function planAndFact(s: Sentence): Marker | null {
  const nums = [...s.text.matchAll(NUMBER_WORD)];
  if (nums.length < 2) return null;
  // A planned figure: a plan word before it with no completed verb in between («Плановое значение – 120 человек»).
  const planned = (at: number) => {
    const before = s.words.filter((w) => w.end <= at);
    const p = before.map((w) => hasLemma(w, PLANNED)).lastIndexOf(true);
    return p >= 0 && !before.slice(p + 1).some((w) => w.info.past && !w.negated);
  };
  for (const a of nums) {
    if (!planned(s.start + a.index!)) continue;
    for (const b of nums) {
      if (b.index! <= a.index! || b[2].slice(0, 4) !== a[2].slice(0, 4)) continue;
      const c = clauseOf(s, s.start + b.index!);
      const factClause = s.words.filter((w) => w.start >= c.start && w.end <= c.end);
      if (factClause.some((w) => hasLemma(w, PLANNED)) || !factClause.some((w) => w.info.past && !w.negated)) continue;
      if (numberValue(b[1]) < numberValue(a[1]))
        return { start: s.start + a.index!, end: s.start + b.index! + b[0].length, sentence: s };
    }
  }
  return null;
}

const evidenceOf = (seg: Segmented, m: Marker | null): Evidence | null => {
  if (!m) return null;
  const c = clauseOf(m.sentence, Math.max(m.start, m.sentence.start));
  const start = Math.min(c.start, Math.max(m.start, m.sentence.start));
  const end = Math.max(c.end, m.end);
  return { kind: 'date', text: seg.text.slice(start, end).trim(), start, end };
};

const inSentence = (m: Marker, facts: readonly Evidence[]) =>
  facts.some((f) => f.start >= m.sentence.start && f.end <= m.sentence.end);

/**
 * The conflict between `input.status` and the text, or null.
 * `facts` are the text's verifiable facts (from findFacts); `placeholder` marks a «Х»-only text.
 */
export function findStatusConflict(
  input: SubstanceInput,
  seg: Segmented,
  facts: readonly Evidence[],
  placeholder: boolean,
): StatusConflict | null {
  if (placeholder || seg.text.trim() === '') return null;
  const status = input.status ?? null;
  if (status !== 'done' && status !== 'not_done' && status !== null) return null;
  const notHeld = notHeldMarkers(seg);
  const claims = completionClaims(seg);
  const notHeldSentences = new Set(notHeld.map((m) => m.sentence));
  if (status === 'done') {
    const partly = partlyDone(seg);
    if (partly) {
      const ev = evidenceOf(seg, partly);
      return {
        kind: 'done-but-partly',
        reason: `Отметка «Выполнено», но выполнена только часть запланированного: «${ev!.text}»`,
        evidence: ev,
      };
    }
    if (notHeld.length > 0) {
      // Facts outside the clauses that say «перенесено» / «не проведено» show that work was done.
      const notHeldClauses = notHeld.map((m) => clauseOf(m.sentence, Math.max(m.start, m.sentence.start)));
      const otherFacts = facts.filter((f) => !notHeldClauses.some((c) => f.start < c.end && c.start < f.end));
      const otherClaims = claims.filter((c) => !notHeldSentences.has(c.sentence));
      if (otherFacts.length === 0 && otherClaims.length === 0) {
        const ev = evidenceOf(seg, notHeld[0]);
        return {
          kind: 'done-but-not-held',
          reason: `Отметка «Выполнено», но в тексте сказано, что мероприятие перенесено, отменено или не проведено: «${ev!.text}»`,
          evidence: ev,
        };
      }
    }
    return null;
  }
  if (status === 'not_done') {
    if (notHeld.length > 0 || EXPLANATION.test(seg.text) || partlyDone(seg)) return null;
    const completedFacts = facts.filter((f) =>
      seg.sentences.some((s) => f.start >= s.start && f.end <= s.end && s.words.some((w) => w.info.past && !w.negated)),
    );
    const marker = claims[0] ?? null;
    if (marker || completedFacts.length > 0) {
      const ev = marker ? evidenceOf(seg, marker) : completedFacts[0];
      return {
        kind: 'not-done-but-completed',
        reason: `Отметка «Не выполнено», но текст сообщает о выполнении: «${ev!.text}»`,
        evidence: ev,
      };
    }
    return null;
  }
  if (status === null) {
    const result = facts.length > 0 ? facts[0] : claims.length > 0 ? evidenceOf(seg, claims[0]) : null;
    if (!result) return null;
    if (notHeld.length > 0 && !facts.some((f) => !notHeld.some((m) => inSentence(m, [f])))) return null;
    return {
      kind: 'empty-status-with-result',
      reason: `Статус не отмечен, хотя текст сообщает о результате: «${result.text}»`,
      evidence: result,
    };
  }
  return null;
}
