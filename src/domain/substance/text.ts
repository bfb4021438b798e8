/**
 * Splitting an execution text into paragraphs, sentences, comma clauses and words, keeping offsets
 * into the original text (evidence is highlighted there).
 *
 * Imported texts keep the line breaks of the table cell, which often fall inside a sentence
 * («в количестве\n32 895 человек»), so a line continues the previous one when that line has no
 * closing punctuation and this one starts with a lower-case letter, a digit or «№».
 */
import type { Morphology, WordInfo } from './types.js';

export interface Span {
  start: number;
  end: number;
}

export interface Word extends Span {
  text: string;
  lower: string;
  info: WordInfo;
  /** «не» stands right before the word. */
  negated: boolean;
}

export interface Sentence extends Span {
  text: string;
  /** Index of the paragraph the sentence belongs to. */
  paragraph: number;
  words: Word[];
  /** Comma/semicolon/colon/bracket/dash clauses (scope of «запланировано», of a time anchor). */
  clauses: Span[];
  /** Spans inside «…» or "…" (names: numbers and dates there are not facts). */
  quoted: Span[];
  /** URLs and e-mail addresses. */
  links: Span[];
}

export interface Paragraph extends Span {
  text: string;
}

export interface Segmented {
  text: string;
  paragraphs: Paragraph[];
  sentences: Sentence[];
}

const CONTINUES = /^[a-zа-яё\d№(«"]/u;
const CLOSED = /[.!?:;]\s*$/;

/** Paragraphs: runs of lines joined when an imported line break cut a sentence. */
export function splitParagraphs(text: string): Paragraph[] {
  const lines: Span[] = [];
  let at = 0;
  for (const line of text.split('\n')) {
    lines.push({ start: at, end: at + line.length });
    at += line.length + 1;
  }
  const out: Paragraph[] = [];
  let current: Span | null = null;
  for (const l of lines) {
    const body = text.slice(l.start, l.end);
    if (body.trim() === '') {
      current = null;
      continue;
    }
    const lead = l.start + (body.length - body.trimStart().length);
    if (current && !CLOSED.test(text.slice(current.start, current.end)) && CONTINUES.test(body.trimStart())) {
      current.end = l.end;
    } else {
      current = { start: lead, end: l.end };
      out.push(current as Paragraph);
    }
  }
  for (const p of out) {
    while (p.end > p.start && /\s/.test(text[p.end - 1])) p.end--;
    p.text = text.slice(p.start, p.end);
  }
  return out;
}

/** Words after which a full stop does not end a sentence. */
const ABBREVIATIONS = new Set([
  'г',
  'гг',
  'т',
  'к',
  'п',
  'с',
  'д',
  'ул',
  'им',
  'обл',
  'руб',
  'тыс',
  'млн',
  'млрд',
  'коп',
  'ст',
  'др',
  'пр',
  'исх',
  'вх',
  'ед',
  'чел',
  'кв',
  'р',
  'мин',
  'ч',
  'стр',
  'рис',
  'см',
  'пос',
  'пгт',
  'рп',
  'мкр',
  'корп',
  'каб',
  'тел',
  'e',
  'т.е',
  'т.д',
  'т.п',
  'гос',
  'мед',
  'соц',
  'обр',
  'доп',
  'проф',
  'ср',
  'прим',
  'напр',
  'в',
  'ин',
]);

/** Sentence boundaries inside a paragraph. */
function splitSentences(p: Paragraph): Span[] {
  const out: Span[] = [];
  let start = p.start;
  const s = p.text;
  const re = /[.!?;](?=\s+[«"(–—\-A-ZА-ЯЁ\d]|[А-ЯЁ][а-яё])/gu;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const i = m.index;
    if (s[i] === '.') {
      // «1.Перевод …»: a list number, not a sentence.
      if (/^\s*\d{1,2}$/.test(s.slice(start - p.start, i))) continue;
      const before = /([\p{L}.]+)$/u.exec(s.slice(Math.max(0, i - 12), i))?.[1] ?? '';
      const word = before.toLowerCase();
      // «Кохан С.Т.», «г.», «т. к.», «руб.» are not sentence ends; a run-together «основе.Прием» is.
      if (
        ABBREVIATIONS.has(word) ||
        ABBREVIATIONS.has(word.replace(/^.*\./, '')) ||
        /^[А-ЯЁA-Z]$/u.test(before.replace(/^.*\./, ''))
      )
        continue;
      if (/\d$/.test(s.slice(0, i)) && /^\d/.test(s.slice(i + 1))) continue;
    }
    const end = p.start + i + 1;
    if (end > start) out.push({ start, end });
    start = end;
    while (start < p.end && /\s/.test(p.text[start - p.start])) start++;
  }
  if (start < p.end) out.push({ start, end: p.end });
  return out;
}

const CLAUSE_BREAK = /[,;:()]|\s[–—-]\s/g;
const MONTH_END = /(?:январ|феврал|март|апрел|ма|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-яё]*$/i;
const MONTH_START = /^(?:январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр)/i;

function splitClauses(text: string, offset: number): Span[] {
  const out: Span[] = [];
  let start = 0;
  CLAUSE_BREAK.lastIndex = 0;
  for (let m = CLAUSE_BREAK.exec(text); m; m = CLAUSE_BREAK.exec(text)) {
    // A decimal comma («53,56») does not break a clause.
    if (m[0] === ',' && /\d/.test(text[m.index - 1] ?? '') && /\d/.test(text[m.index + 1] ?? '')) continue;
    // A dash inside a range («5 – 6 октября», «январь – сентябрь 2025 года») does not either.
    if (m[0].trim() !== '' && /[–—-]/.test(m[0])) {
      const before = text.slice(Math.max(0, m.index - 12), m.index);
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 12);
      if ((/\d$/.test(before) && /^\d/.test(after)) || (MONTH_END.test(before) && MONTH_START.test(after))) continue;
    }
    if (m.index > start) out.push({ start: offset + start, end: offset + m.index });
    start = m.index + m[0].length;
  }
  if (start < text.length) out.push({ start: offset + start, end: offset + text.length });
  return out;
}

function findQuoted(text: string, offset: number): Span[] {
  const out: Span[] = [];
  if (!/[«"“„]/.test(text)) return out;
  const re = /«[^«»]{0,160}(?:«[^«»]{0,80}»[^«»]{0,80})?»|"[^"\n]{1,160}"|“[^”\n]{1,160}”|„[^“\n]{1,160}“/g;
  for (let m = re.exec(text); m; m = re.exec(text))
    out.push({ start: offset + m.index, end: offset + m.index + m[0].length });
  return out;
}

const MAYBE_LINK = /https?:|www\.|@|\.(?:ru|рф|com|org|net|su)\b/i;

function findLinks(text: string, offset: number): Span[] {
  const out: Span[] = [];
  if (!MAYBE_LINK.test(text)) return out;
  const re =
    /(?:https?:\/\/|www\.)\S+|[\w.-]+@[\w-]+\.[\w.]+|\b[\w-]+(?:\.[\w-]+)*\.(?:ru|рф|com|org|net|su)\b(?:\/\S*)?/giu;
  for (let m = re.exec(text); m; m = re.exec(text))
    out.push({ start: offset + m.index, end: offset + m.index + m[0].replace(/[.,;)]+$/, '').length });
  return out;
}

const WORD = /[A-Za-zА-ЯЁа-яё]+(?:-[A-Za-zА-ЯЁа-яё]+)*/g;

function findWords(text: string, offset: number, morphology: Morphology): Word[] {
  const out: Word[] = [];
  let negate = false;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    const lower = m[0].toLowerCase().replace(/ё/g, 'е');
    const cyrillic = /[а-я]/.test(lower);
    const info = cyrillic ? morphology.analyse(m[0]) : LATIN;
    out.push({
      text: m[0],
      lower,
      info,
      start: offset + m.index,
      end: offset + m.index + m[0].length,
      negated: negate,
    });
    negate = lower === 'не';
  }
  return out;
}

const LATIN: WordInfo = {
  lemmas: [],
  pos: 'LATN',
  past: false,
  present: false,
  future: false,
  noun: false,
  adjective: false,
};

/** Splits the text; words are analysed through `morphology`. */
export function segment(text: string, morphology: Morphology): Segmented {
  const paragraphs = splitParagraphs(text);
  const sentences: Sentence[] = [];
  paragraphs.forEach((p, pi) => {
    for (const s of splitSentences(p)) {
      const body = text.slice(s.start, s.end);
      sentences.push({
        ...s,
        text: body,
        paragraph: pi,
        words: findWords(body, s.start, morphology),
        clauses: splitClauses(body, s.start),
        quoted: findQuoted(body, s.start),
        links: findLinks(body, s.start),
      });
    }
  });
  return { text, paragraphs, sentences };
}

export const inside = (spans: readonly Span[], at: number, end = at + 1) =>
  spans.some((s) => at >= s.start && end <= s.end);
export const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
export const clauseOf = (s: Sentence, at: number): Span => s.clauses.find((c) => at >= c.start && at < c.end) ?? s;
/** Whether some lemma of the word (or the word itself, for abbreviations the dictionary lacks) is in `set`. */
export function hasLemma(w: Word, set: ReadonlySet<string>): boolean {
  const lemmas = w.info.lemmas;
  for (let i = 0; i < lemmas.length; i++) if (set.has(lemmas[i])) return true;
  return set.has(w.lower);
}
