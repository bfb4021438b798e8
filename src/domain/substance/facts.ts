/**
 * Verifiable facts of the period (the rubric of ../shared/golden/substance/README.md):
 * - a **document** reference with a number and/or a date (acts, orders, letters, «Исх. № … от …»);
 * - a **date** (day or month) of an event that took place;
 * - a **figure** tied to a result or to the scale of the work (a count, share, amount, persons);
 * - a concrete **object** made at a named place («в ГУЗ «…» установлено табло»);
 * - a named **event** tied to a time of the period («в 2024 году проведен Дальневосточный форум»).
 * Candidates that do not count are kept with the reason, so that the executor is told what to add:
 * facts from before the period, plans and deadlines, parameters (sizes, rates, terms), the setting
 * (population), routine («ежегодно проводятся»), legal grounds, acts without number or date.
 */
import { addDays } from '../calendar/iso-date.js';
import {
  ABSTRACT_NOUNS,
  CHANGE_VERBS,
  CONTEXT_WORDS,
  CREATION_VERBS,
  DEFINING_VERBS,
  DOCUMENT_TYPES,
  EVENT_NOUNS,
  FEDERAL_ACTS,
  HABITUAL,
  INSTITUTION_NOUNS,
  LEGAL_BASIS,
  NON_COUNT_NOUNS,
  PARAMETER_WORDS,
  PLANNED,
  POSTPONE_VERBS,
  RESULT_NOUNS,
  STATE_VERBS,
} from './lexicon.js';
import { clauseOf, hasLemma, inside, type Segmented, type Sentence, type Span, type Word } from './text.js';
import { findTimes, isDeadline, type TimeExpr } from './time.js';
import type { Evidence, EvidenceKind, IsoPeriod, Rejection, RejectionKind } from './types.js';

export interface FactContext {
  period: IsoPeriod | null;
  /** Year for dates written without one, or null. */
  year: number | null;
  /** Lemmas of the measure's title: a named thing that is only the title restated is not a fact. */
  titleLemmas: ReadonlySet<string>;
}

export interface Facts {
  evidence: Evidence[];
  rejected: Rejection[];
  times: TimeExpr[][];
}

/** Dates later than this after the period's end are plans, not report dates. */
const LATE_REPORT_DAYS = 366;

interface SentenceView {
  s: Sentence;
  times: TimeExpr[];
  /** Time expressions that can anchor a figure (not deadlines, not document dates, not inside names). */
  anchors: TimeExpr[];
  past: boolean;
  state: boolean;
  future: boolean;
  habitual: boolean;
  context: boolean;
}

const completedPredicates = (ws: Word[]) => ws.filter((w) => w.info.past && !w.negated && w.info.pos !== 'PRTF');

function view(s: Sentence, ctx: FactContext): SentenceView {
  const times = findTimes(s.text, s.start, ctx.year).filter(
    (t) => !inside(s.quoted, t.start, t.end) && !inside(s.links, t.start, t.end),
  );
  const past = completedPredicates(s.words).length > 0;
  return {
    s,
    times,
    anchors: [],
    past,
    state: s.words.some((w) => !w.negated && (w.info.present || w.info.pos === 'VERB') && hasLemma(w, STATE_VERBS)),
    future: s.words.some((w) => w.info.future),
    habitual: HABITUAL.test(s.text),
    context: s.words.some((w) => hasLemma(w, CONTEXT_WORDS) && !inside(s.quoted, w.start, w.end)),
  };
}

const wordsIn = (s: Sentence, span: Span) => s.words.filter((w) => w.start >= span.start && w.end <= span.end);
/** «из 60 запланированных», «из запланированных 10»: the plan word there speaks of that number only. */
const OUT_OF_PLANNED =
  /из\s+(?:общего\s+(?:числа|количества)\s+)?(?:(?:запланированн|планируем|предусмотренн)[а-яё]*\s+)?\d+(?:[\s\u00a0]\d{3})*(?:[.,]\d+)?(?:\s+[а-яё]+){0,2}?(?:\s+(?:запланированн|планируем|предусмотренн)[а-яё]*)?/giu;

function outOfPlannedSpans(s: Sentence): Span[] {
  return [...s.text.matchAll(OUT_OF_PLANNED)].map((m) => ({
    start: s.start + m.index!,
    end: s.start + m.index! + m[0].length,
  }));
}

const outOfPlannedCache = new WeakMap<Sentence, Span[]>();
const clausePlanned = (s: Sentence, at: number) => {
  let all = outOfPlannedCache.get(s);
  if (!all) {
    all = outOfPlannedSpans(s);
    outOfPlannedCache.set(s, all);
  }
  const spans = all.filter((x) => !(at >= x.start && at < x.end));
  return wordsIn(s, clauseOf(s, at)).some(
    (w) => (hasLemma(w, PLANNED) && !inside(spans, w.start, w.end)) || w.info.future,
  );
};

function beforePeriod(t: TimeExpr, period: IsoPeriod | null): boolean {
  return !!period && !!t.to && t.to < period[0];
}
function afterReportTime(t: TimeExpr, period: IsoPeriod | null): boolean {
  return !!period && !!t.from && t.from > addDays(period[1], LATE_REPORT_DAYS);
}

/** A short highlight: the clause around `span`, or the span itself when the clause is long. */
function highlight(seg: Segmented, s: Sentence, span: Span, max = 180): Span {
  const c = clauseOf(s, span.start);
  let start = Math.min(c.start, span.start);
  let end = Math.max(c.end, span.end);
  if (end - start > max) {
    start = span.start;
    end = span.end;
  }
  while (start < end && /[\s,;:–—\-(]/.test(seg.text[start])) start++;
  while (end > start && /[\s,;:–—\-(.]/.test(seg.text[end - 1])) end--;
  // Highlights stay on one line, as the UI shows them.
  const nl = seg.text.lastIndexOf('\n', span.start);
  if (nl >= start) start = nl + 1;
  const nl2 = seg.text.indexOf('\n', span.end);
  if (nl2 >= 0 && nl2 < end) end = nl2;
  if (seg.text.slice(start, end).trim() === '') return span;
  return { start, end };
}

// ---------------------------------------------------------------- documents

interface DocumentRef extends Span {
  date: TimeExpr | null;
  number: boolean;
  federal: boolean;
  word: Word;
}

/** «№ 112-од»; legal databases print «N 112-од». */
const NUMBER_SIGN = /(?:№|N(?=\s*\d))\s*[0-9A-Za-zА-ЯЁа-яё][0-9A-Za-zА-ЯЁа-яё\-/.]*/gu;

function findDocuments(seg: Segmented, v: SentenceView): DocumentRef[] {
  const { s } = v;
  const out: DocumentRef[] = [];
  const docWords = s.words.filter((w) => hasLemma(w, DOCUMENT_TYPES) && !inside(s.quoted, w.start, w.end));
  for (let i = 0; i < docWords.length; i++) {
    const w = docWords[i];
    if (out.some((d) => w.start >= d.start && w.start < d.end)) continue;
    const limit = Math.min(s.end, docWords[i + 1]?.start ?? s.end, w.end + 220);
    const between = s.words.filter((x) => x.start > w.end && x.end <= limit);
    const date =
      v.times.find(
        (t) =>
          t.prep === 'от' &&
          t.precision === 'day' &&
          t.start >= w.end &&
          t.start < limit &&
          s.words.filter((x) => x.start > w.end && x.end <= t.start).length <= 12,
      ) ?? null;
    let numberEnd = -1;
    NUMBER_SIGN.lastIndex = 0;
    const tail = seg.text.slice(w.end, limit);
    for (let m = NUMBER_SIGN.exec(tail); m; m = NUMBER_SIGN.exec(tail)) {
      const at = w.end + m.index;
      const wordsBefore = between.filter((x) => x.end <= at);
      const prev = wordsBefore[wordsBefore.length - 1];
      if (wordsBefore.length > 12 || (prev && hasLemma(prev, INSTITUTION_NOUNS)) || inside(s.quoted, at)) break;
      numberEnd = at + m[0].replace(/[.\-/]+$/, '').length;
      break;
    }
    if (!date && numberEnd < 0) continue;
    const end = Math.max(date?.end ?? 0, numberEnd);
    const spanText = seg.text.slice(w.start, end);
    out.push({
      start: w.start,
      end,
      date,
      number: numberEnd >= 0,
      word: w,
      federal: hasLemma(w, FEDERAL_ACTS) || /Российской Федерации|Президента/u.test(spanText),
    });
  }
  return out;
}

// ---------------------------------------------------------------- figures

/** Numerals that count nothing checkable. */
const VAGUE_NUMERALS = new Set(['несколько', 'много', 'немного', 'мало', 'сколько', 'столько', 'нисколько']);

const NUMBER = /(?<![\d\p{L}.,/№:-])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+(?:[.,]\d+)?)(?![\d]|[.,]\d|:\d|-\d|\))/gu;
const MULTIPLIER = /^\s*(?:тыс(?:\.|яч[а-я]*)?|млн\.?|миллион[а-я]*|млрд\.?|миллиард[а-я]*)/iu;
const PERCENT = /^\s*(?:%|процент)/iu;
const MONEY = /^\s*(?:руб|рубл)/iu;

interface Figure extends Span {
  unit: 'percent' | 'money' | 'count' | 'bare';
  noun: Word | null;
}

/** The thing a number counts: «9 региональных проектов», «53,56 млн. руб.», «80 %». */
function readFigure(seg: Segmented, s: Sentence, start: number, end: number): Figure | null {
  let at = end;
  const mult = MULTIPLIER.exec(seg.text.slice(at, at + 16));
  if (mult) at += mult[0].length;
  const rest = seg.text.slice(at, at + 12);
  if (PERCENT.test(rest)) return { start, end: at + PERCENT.exec(rest)![0].length, unit: 'percent', noun: null };
  if (MONEY.test(rest)) {
    const w = s.words.find((x) => x.start >= at);
    return { start, end: w ? w.end : at, unit: 'money', noun: null };
  }
  const after = s.words.filter((w) => w.start >= at).slice(0, 4);
  let prevEnd = at;
  for (const w of after) {
    const gap = seg.text.slice(prevEnd, w.start);
    if (!/^[\s«"]*$/.test(gap)) break;
    const top = w.info.pos;
    if (w.info.noun && (top === 'NOUN' || !w.info.adjective)) {
      if (hasLemma(w, NON_COUNT_NOUNS)) return null;
      return { start, end: w.end, unit: 'count', noun: w };
    }
    if (!(w.info.adjective || top === 'NUMR' || top === 'ADJF' || top === 'PRTF')) break;
    prevEnd = w.end;
  }
  return { start, end: at, unit: 'bare', noun: null };
}

// ---------------------------------------------------------------- the finder

/**
 * Facts of the period in a segmented text, and the candidates that do not count.
 * @example findFacts(segment('Проведено 3 заседания Совета (13.03.2024 г.)', morph), ctx).evidence[0].kind // 'figure'
 */
export function findFacts(seg: Segmented, ctx: FactContext): Facts {
  const evidence: Evidence[] = [];
  const rejected: Rejection[] = [];
  const allTimes: TimeExpr[][] = [];
  const add = (kind: EvidenceKind, s: Sentence, span: Span) => {
    const h = highlight(seg, s, span);
    if (evidence.some((e) => e.start <= h.start && e.end >= h.end)) return;
    for (let i = evidence.length - 1; i >= 0; i--)
      if (h.start <= evidence[i].start && h.end >= evidence[i].end) evidence.splice(i, 1);
    evidence.push({ kind, text: seg.text.slice(h.start, h.end), start: h.start, end: h.end });
  };
  const reject = (kind: RejectionKind, span: Span) => {
    if (!rejected.some((r) => r.kind === kind && r.start === span.start))
      rejected.push({ kind, text: seg.text.slice(span.start, span.end), start: span.start, end: span.end });
  };

  let inherited: TimeExpr | null = null;
  let paragraph = -1;
  for (const s of seg.sentences) {
    if (s.paragraph !== paragraph) {
      paragraph = s.paragraph;
      inherited = null;
    }
    const v = view(s, ctx);
    allTimes.push(v.times);

    // Documents.
    const docs = findDocuments(seg, v);
    const docDates = new Set(docs.map((d) => d.date).filter(Boolean));
    for (const d of docs) {
      const lead = seg.text.slice(s.start, d.start);
      if (d.date && beforePeriod(d.date, ctx.period)) reject('before-period', d);
      else if (d.date && afterReportTime(d.date, ctx.period)) reject('planned', d);
      else if (!d.date && (LEGAL_BASIS.test(lead.slice(-60)) || d.federal)) reject('legal-basis', d);
      else if (d.date && d.federal && LEGAL_BASIS.test(lead.slice(-60))) reject('legal-basis', d);
      else add('document', s, d);
    }
    v.anchors = v.times.filter(
      (t) => !isDeadline(t) && !docDates.has(t) && !docs.some((d) => t.start >= d.start && t.end <= d.end),
    );

    // Dates of events.
    const predicates = completedPredicates(s.words);
    for (const t of v.times) {
      if (docDates.has(t) || docs.some((d) => t.start >= d.start && t.end <= d.end)) continue;
      if (t.precision !== 'day' && t.precision !== 'month') continue;
      // «за январь – сентябрь 2025 года» is the span reported on, not the date of an event.
      if (t.precision === 'month' && (t.prep === 'за' || t.from.slice(0, 7) !== t.to.slice(0, 7))) continue;
      if (isDeadline(t)) {
        reject('deadline', t);
        continue;
      }
      if (clausePlanned(s, t.start) || (v.future && !v.past)) {
        reject('planned', t);
        continue;
      }
      const eventDate: TimeExpr = t;
      if (eventDate.from && ctx.period && eventDate.from < ctx.period[0]) {
        reject('before-period', t);
        continue;
      }
      if (afterReportTime(eventDate, ctx.period)) {
        reject('planned', t);
        continue;
      }
      const stateOnDate =
        (t.prep === 'на' || t.prep === 'по состоянию на' || t.prep === 'на конец') && (v.state || v.past);
      const explicitRange = t.precision === 'day' && t.from !== t.to && !t.yearless;
      if (predicates.length > 0 || stateOnDate || explicitRange) add('date', s, t);
    }

    // Figures.
    const judgeFigure = (start: number, end: number): void => {
      const fig = readFigure(seg, s, start, end);
      if (!fig) return;
      const clause = clauseOf(s, start);
      const clauseWords = wordsIn(s, clause);
      const lead = seg.text.slice(clause.start, start);
      if (
        fig.unit === 'bare' &&
        !s.words.some((w) => w.end <= start && hasLemma(w, RESULT_NOUNS)) &&
        !/составил[аио]?\s*$/i.test(lead)
      )
        return;
      const planned = clausePlanned(s, start) || (v.future && !v.past);
      if (planned) {
        reject('planned', fig);
        return;
      }
      const change = clauseWords.some((w) => hasLemma(w, CHANGE_VERBS));
      if (
        /(?:^|[\s(])(?:до|от|не более|не менее|не свыше|не выше|не ниже|не позднее)\s*$/iu.test(lead.slice(-16)) &&
        !change
      ) {
        reject('parameter', fig);
        return;
      }
      // «Размер гранта – от 100 …», «ставка 1 %», «0,5 % годовых».
      const nearAfter = clauseWords.filter((w) => w.start >= fig.end).slice(0, 2);
      const nearBefore = s.words.filter((w) => w.end <= start).slice(-6);
      if (nearBefore.some((w) => hasLemma(w, PARAMETER_WORDS)) || nearAfter.some((w) => hasLemma(w, PARAMETER_WORDS))) {
        reject('parameter', fig);
        return;
      }
      // The predicate that governs the figure is its clause's verb when the clause has one.
      const isPredicate = (w: Word) => w.info.pos === 'VERB' || w.info.past;
      const clauseVerbs = clauseWords.filter(isPredicate);
      const governing = clauseVerbs.length > 0 ? clauseVerbs : s.words.filter(isPredicate);
      const done = governing.filter((w) => w.info.past && !w.negated);
      if (done.length > 0 && done.every((w) => hasLemma(w, DEFINING_VERBS))) {
        reject('parameter', fig);
        return;
      }
      if (done.length > 0 && done.every((w) => hasLemma(w, POSTPONE_VERBS))) {
        reject('planned', fig);
        return;
      }
      if (v.context) {
        reject('context', fig);
        return;
      }
      if (v.habitual && !v.past) {
        reject('habitual', fig);
        return;
      }
      const anchor = anchorOf(s, v.anchors, start, inherited);
      if (anchor && beforePeriod(anchor, ctx.period)) {
        reject('before-period', fig);
        return;
      }
      if (anchor && afterReportTime(anchor, ctx.period)) {
        reject('planned', fig);
        return;
      }
      // «Показатель на 2025 год – 8,1» with no verb of work done is a target for the year.
      if (anchor && anchor.prep === 'на' && anchor.precision === 'year' && done.length === 0) {
        reject('planned', fig);
        return;
      }
      const resultNoun = s.words.some((w) => w.end <= start && hasLemma(w, RESULT_NOUNS));
      const state = governing.some((w) => !w.negated && hasLemma(w, STATE_VERBS));
      const stateOnDate = v.anchors.some(
        (t) => (t.prep === 'на' || t.prep === 'по состоянию на' || t.prep === 'на конец') && t.precision !== 'year',
      );
      if (done.length > 0 || state || resultNoun || stateOnDate) add('figure', s, fig);
      else reject('context', fig);
    };
    NUMBER.lastIndex = 0;
    for (let m = NUMBER.exec(s.text); m; m = NUMBER.exec(s.text)) {
      const start = s.start + m.index;
      const end = start + m[0].length;
      if (v.times.some((t) => start < t.end && t.start < end) || docs.some((d) => start < d.end && d.start < end))
        continue;
      if (inside(s.quoted, start, end) || inside(s.links, start, end)) continue;
      if (/№\s*$/.test(seg.text.slice(Math.max(0, start - 3), start))) continue;
      // List numbering «1)», «2.» at the start of a line.
      if (
        /(^|\n)\s*$/.test(seg.text.slice(Math.max(0, start - 4), start)) &&
        /^[.)]/.test(seg.text.slice(end, end + 1))
      )
        continue;
      if (/^(?:19|20)\d{2}$/.test(m[0]) && !/^\s+[а-яё]/i.test(seg.text.slice(end, end + 3))) continue;
      judgeFigure(start, end);
    }
    // Counts written in words («проведено два заседания»).
    for (const w of s.words) {
      if (w.info.pos !== 'NUMR' || VAGUE_NUMERALS.has(w.lower) || inside(s.quoted, w.start, w.end)) continue;
      judgeFigure(w.start, w.end);
    }

    // A concrete object made at a named place, and a named event of the period.
    findObjectsAndEvents(seg, s, v, ctx, inherited, add, reject);

    const last = v.anchors.at(-1);
    if (last) inherited = last;
  }
  evidence.sort((a, b) => a.start - b.start);
  return { evidence, rejected, times: allTimes };
}

/** The time a figure is about: nearest in its clause, else before it in the sentence, else the paragraph's last. */
function anchorOf(s: Sentence, anchors: TimeExpr[], at: number, inherited: TimeExpr | null): TimeExpr | null {
  const clause = clauseOf(s, at);
  const inClause = anchors.filter((t) => t.start >= clause.start && t.end <= clause.end);
  if (inClause.length)
    return inClause.reduce((best, t) => (Math.abs(t.start - at) < Math.abs(best.start - at) ? t : best));
  const before = anchors.filter((t) => t.end <= at);
  if (before.length) return before[before.length - 1];
  const after = anchors.filter((t) => t.start >= at);
  if (after.length) return after[0];
  return inherited;
}

const NAMED_PLACE =
  /(?:^|[\s(])(?:[Вв]о?|[Нн]а базе|[Пп]ри)\s+(?:[А-ЯЁA-Z][А-ЯЁA-Zа-яё.-]*\s+){0,4}[«"„“]|(?:^|\s)[Вв]\s+г\.\s*[А-ЯЁ]/u;

function findObjectsAndEvents(
  seg: Segmented,
  s: Sentence,
  v: SentenceView,
  ctx: FactContext,
  inherited: TimeExpr | null,
  add: (kind: EvidenceKind, s: Sentence, span: Span) => void,
  reject: (kind: RejectionKind, span: Span) => void,
): void {
  const predicates = completedPredicates(s.words);
  if (predicates.length === 0) return;
  const planned = s.words.some((w) => hasLemma(w, PLANNED)) || (v.future && !v.past);
  if (planned) return;
  const anchor = v.anchors.at(-1) ?? inherited;
  if (anchor && beforePeriod(anchor, ctx.period)) return;
  const outsideNames = (w: Word) => !inside(s.quoted, w.start, w.end);

  // «В ГУЗ «ДКМЦ г. Читы» установлено электронное информационное табло».
  const made = predicates.find((w) => hasLemma(w, CREATION_VERBS));
  if (made && NAMED_PLACE.test(s.text)) {
    const object =
      s.words.find((w) => w.start > made.end && w.info.pos === 'NOUN' && outsideNames(w)) ??
      [...s.words].reverse().find((w) => w.end < made.start && w.info.pos === 'NOUN' && outsideNames(w));
    // The place is where the thing is, not who did the work, so even a thing the title names counts.
    if (object && !hasLemma(object, ABSTRACT_NOUNS))
      add('object', s, { start: Math.min(made.start, object.start), end: Math.max(made.end, object.end) });
  }

  // «В 2024 году проведен первый Дальневосточный форум волонтеров СВО».
  const time = v.anchors.find((t) => !beforePeriod(t, ctx.period) && !afterReportTime(t, ctx.period));
  for (let i = 0; i < s.words.length; i++) {
    const w = s.words[i];
    if (!hasLemma(w, EVENT_NOUNS) || !outsideNames(w)) continue;
    const quotedName = s.quoted.find((q) => q.start >= w.end && q.start - w.end <= 2);
    const prev = s.words[i - 1];
    const capitalName = i > 1 && prev && /^[А-ЯЁ][а-яё]/.test(prev.text) && prev.info.adjective;
    if (!quotedName && !capitalName) continue;
    const nameSpan = quotedName ?? prev;
    const nameWords = quotedName
      ? s.words.filter((x) => x.start >= quotedName.start && x.end <= quotedName.end)
      : [prev];
    const restated =
      nameWords.length > 0 &&
      nameWords.every((x) => x.lower.length <= 2 || x.info.lemmas.some((l) => ctx.titleLemmas.has(l)));
    if (restated) {
      reject('restated-title', w);
      continue;
    }
    if (!time) {
      reject('undated-event', w);
      continue;
    }
    if (v.habitual && !v.past) continue;
    add('event', s, { start: Math.min(nameSpan.start, w.start), end: Math.max(nameSpan.end, w.end) });
  }
}
