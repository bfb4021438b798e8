/**
 * Normalisation and tokenisation of a deadline phrase. The normalised text has exactly the
 * length of the original, so token offsets cut the original text (for `source` and anchors).
 */
import { isValidYmd } from '../calendar/iso-date.js';
import { NUMBER_SUFFIXES, T, classify, fixHomoglyphs, splitGluedRoman } from './lexicon.js';

export interface Token {
  /** Class, one of {@link T}. */
  t: number;
  /** NUM: value; DATE/MY: year; word classes: the lexicon value (month number, frequency …); SYM: char code. */
  v: number;
  /** NUM: digit count; DATE/DM/MY: month. */
  v2: number;
  /** NUM/ROMAN: 1 when written as an ordinal («10-го», «I-м»); DATE/DM: day. */
  v3: number;
  /** Start and end offsets in the text. */
  s: number;
  e: number;
}

// Groups: 1–4 numeric date d.m.y (also d/m/y), 5–7 ISO date, 8–9 month.year («12.2024»), 10–11
// day.month without a year («до 15.02»), 12 number, 13 word, 14 «, ; :», 15 «.», 16 dash, 17 «(»,
// 18 «)», 19 «№»; else any visible character.
const TOKEN_RE =
  /(\d{1,2})([./])(\d{1,2})\2(\d{4}|\d{2})(?!\.?\d)|(\d{4})-(\d{2})-(\d{2})(?!\d)|(\d{1,2})\.(\d{4})(?![.\d])|(\d{1,2})\.(\d{2})(?![.\d])|(\d+)|([a-zа-я]+)|([,;:])|(\.)|([-‐‑‒–—―−])|(\()|(\))|(№)|(\S)/g;

const FOLD_RE = /[ёі]/g;
const fold = (ch: string) => (ch === 'ё' ? 'е' : 'i');

/** Lower case, «ё» → «е», Cyrillic «і» → Latin «i» (Roman numerals), same length as the input. */
export function normalize(text: string): string {
  let low = text.toLowerCase();
  if (low.length !== text.length) {
    // A few characters change length when lower-cased (e.g. «İ»): fold them one by one.
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const l = text[i].toLowerCase();
      out += l.length === 1 ? l : text[i];
    }
    low = out;
  }
  return low.replace(FOLD_RE, fold);
}

function tok(t: number, v: number, v2: number, v3: number, s: number, e: number): Token {
  return { t, v, v2, v3, s, e };
}

/** Splits a normalised phrase into classified tokens. */
export function tokenize(norm: string): Token[] {
  const out: Token[] = [];
  const re = TOKEN_RE;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(norm)) !== null) {
    const s = m.index,
      e = s + m[0].length;
    if (m[1] !== undefined) {
      let y = +m[4];
      if (m[4].length === 2) y += 2000;
      const mo = +m[3],
        d = +m[1];
      out.push(isValidYmd(y, mo, d) ? tok(T.DATE, y, mo, d, s, e) : tok(T.BADDATE, 0, 0, 0, s, e));
    } else if (m[5] !== undefined) {
      const y = +m[5],
        mo = +m[6],
        d = +m[7];
      out.push(isValidYmd(y, mo, d) ? tok(T.DATE, y, mo, d, s, e) : tok(T.BADDATE, 0, 0, 0, s, e));
    } else if (m[8] !== undefined) {
      const mo = +m[8],
        y = +m[9];
      out.push(mo >= 1 && mo <= 12 && y >= 1000 ? tok(T.MY, y, mo, 0, s, e) : tok(T.BADDATE, 0, 0, 0, s, e));
    } else if (m[10] !== undefined) {
      // «15.02»: trusted only after «до», «не позднее», «с», «по» (see atoms.ts); else a number pair.
      const d = +m[10],
        mo = +m[11];
      out.push(isValidYmd(2000, mo, d) ? tok(T.DM, 0, mo, d, s, e) : tok(T.OTHER, 0, 0, 0, s, e));
    } else if (m[12] !== undefined) {
      out.push(tok(T.NUM, m[12].length > 9 ? Number.MAX_SAFE_INTEGER : +m[12], m[12].length, 0, s, e));
    } else if (m[13] !== undefined) {
      pushWord(out, m[13], s, e);
    } else if (m[14] !== undefined) {
      out.push(tok(m[14] === ';' ? T.SEMI : T.COMMA, 0, 0, 0, s, e));
    } else if (m[15] !== undefined) {
      out.push(tok(T.DOT, 0, 0, 0, s, e));
    } else if (m[16] !== undefined) {
      out.push(tok(T.DASH, 0, 0, 0, s, e));
    } else if (m[17] !== undefined) {
      out.push(tok(T.LPAR, 0, 0, 0, s, e));
    } else if (m[18] !== undefined) {
      out.push(tok(T.RPAR, 0, 0, 0, s, e));
    } else if (m[19] !== undefined) {
      out.push(tok(T.NUMSIGN, 0, 0, 0, s, e));
    } else {
      out.push(tok(T.SYM, m[0].charCodeAt(0), 0, 0, s, e));
    }
  }
  return out;
}

function pushWord(out: Token[], raw: string, s: number, e: number): void {
  let word = raw;
  const glued = splitGluedRoman(word);
  if (glued) {
    const [roman, rest] = glued;
    pushWord(out, roman, s, s + roman.length);
    pushWord(out, rest, s + roman.length, e);
    return;
  }
  word = fixHomoglyphs(word);
  const prev = out.length > 0 ? out[out.length - 1] : undefined;
  // «10-го», «2-е», «1-й», «I-м», «2-х», «5-ти»: an ending glued to a number is dropped; an
  // ordinal ending marks the number as an ordinal.
  const suffix = prev !== undefined ? NUMBER_SUFFIXES.get(word) : undefined;
  if (prev !== undefined && suffix !== undefined) {
    if ((prev.t === T.NUM || prev.t === T.ROMAN) && prev.e === s) {
      prev.v3 = suffix;
      prev.e = e;
      return;
    }
    const before = out.length > 1 ? out[out.length - 2] : undefined;
    if (
      prev.t === T.DASH &&
      prev.e === s &&
      before !== undefined &&
      (before.t === T.NUM || before.t === T.ROMAN) &&
      before.e === prev.s
    ) {
      out.pop();
      before.v3 = suffix;
      before.e = e;
      return;
    }
  }
  const [cls, value] = classify(word);
  out.push(tok(cls, value, 0, 0, s, e));
}
