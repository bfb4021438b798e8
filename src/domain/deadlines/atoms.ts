/**
 * Calendar atoms: the pieces of a phrase that name a day or a span of days — «30 декабря 2024 г.»,
 * «01.07.2024», «II-III квартал 2023 г.», «первое полугодие», «март – апрель 2024», «2023-2030 гг.».
 * An atom may lack its year («до 1 августа», «4 квартал»): the year comes from a neighbour
 * («с 1 по 17 марта 2024») or, later, from each year of the plan period.
 */
import { daysInMonth } from '../calendar/iso-date.js';
import type { DayRef } from './types.js';
import { T } from './lexicon.js';
import type { Token } from './tokens.js';

export interface Atom {
  from: DayRef;
  to: DayRef;
  /** A single day («30 декабря 2024 г.»). */
  point: boolean;
  /** Whole calendar years («2024 г.», «2023-2030 гг.»). */
  yearSpan: boolean;
  /** «1 марта года, следующего за отчетным»: the day falls in the year after the reporting one. */
  nextYear: boolean;
}

export interface AtomsMatch {
  atoms: Atom[];
  end: number;
  /** Written as a range («с 1 по 17 марта», «2023-2024 гг.», «март – апрель»). */
  isRange?: boolean;
}

/** Parsing context shared by the matchers. */
export interface Cursor {
  toks: Token[];
  /** Year of the reference date, for «текущего года»; null when not given. */
  refYear: number | null;
}

const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

export const tt = (c: Cursor, i: number): number => (i < c.toks.length ? c.toks[i].t : -1);

/** Skips «г.», «гг.», «года», «г.г.» after a year. */
export function skipYearWord(c: Cursor, i: number): number {
  if (tt(c, i) !== T.YEARW) return i;
  i++;
  while (tt(c, i) === T.DOT || (tt(c, i) === T.YEARW && c.toks[i].e - c.toks[i].s <= 2)) i++;
  return i;
}

/**
 * A four-digit plan year, or «текущего года» when a reference date is known. («следующего года»
 * is read relative to the reporting year instead, see parseNextYear.)
 */
export function parseYear(c: Cursor, i: number): { year: number; end: number } | null {
  const t = tt(c, i);
  if (t === T.NUM) {
    const k = c.toks[i];
    if (k.v2 !== 4 || k.v < MIN_YEAR || k.v > MAX_YEAR) return null;
    return { year: k.v, end: skipYearWord(c, i + 1) };
  }
  if (t === T.CURRENT && tt(c, i + 1) === T.YEARW && c.refYear !== null) {
    return { year: c.refYear, end: skipYearWord(c, i + 1) };
  }
  return null;
}

/** A quarter (max 4) or half-year (max 2) number: «2», «II», «второй», «2-й». */
function partNumber(c: Cursor, i: number, max: number): number {
  const k = i < c.toks.length ? c.toks[i] : undefined;
  if (k === undefined) return 0;
  if (k.t === T.NUM && k.v2 === 1 && k.v >= 1 && k.v <= max) return k.v;
  if ((k.t === T.ROMAN || k.t === T.ORD) && k.v >= 1 && k.v <= max) return k.v;
  return 0;
}

const ref = (year: number | null, month: number, day: number | 'end'): DayRef => ({ year, month, day });

function span(fromMonth: number, toMonth: number, year: number | null): Atom {
  return {
    from: ref(year, fromMonth, 1),
    to: ref(year, toMonth, 'end'),
    point: false,
    yearSpan: false,
    nextYear: false,
  };
}

function point(year: number | null, month: number, day: number): Atom {
  const r = ref(year, month, day);
  return { from: r, to: r, point: true, yearSpan: false, nextYear: false };
}

function withYear(a: Atom, year: number): Atom {
  a.from.year = year;
  a.to.year = year;
  return a;
}

/** Valid day of a month; without a year, 29 February is allowed. */
function validDay(year: number | null, month: number, day: number): boolean {
  return day >= 1 && day <= (year === null ? (month === 2 ? 29 : daysInMonth(2000, month)) : daysInMonth(year, month));
}

/**
 * Parts of a year («II-III квартал», «I и II кварталы», «первое полугодие») with an optional year.
 * `unitCls` is T.QUARTER or T.HALF.
 */
function parseParts(c: Cursor, i: number, unitCls: number, max: number): AtomsMatch | null {
  const first = partNumber(c, i, max);
  if (first === 0) return null;
  const nums = [first];
  let range = false;
  let j = i + 1;
  if ((tt(c, j) === T.DASH || tt(c, j) === T.PO) && partNumber(c, j + 1, max) > first) {
    nums.push(partNumber(c, j + 1, max));
    range = true;
    j += 2;
  } else {
    while ((tt(c, j) === T.COMMA || tt(c, j) === T.AND) && partNumber(c, j + 1, max) > nums[nums.length - 1]) {
      nums.push(partNumber(c, j + 1, max));
      j += 2;
    }
  }
  const u = tt(c, j);
  if (!(u === unitCls || (unitCls === T.HALF && u === T.HALFW))) return null;
  j++;
  if (tt(c, j) === T.DOT) j++;
  const y = parseYear(c, j);
  const year = y ? y.year : null;
  if (y) j = y.end;
  const months = unitCls === T.QUARTER ? 3 : 6;
  const atoms = range
    ? [span((nums[0] - 1) * months + 1, nums[1] * months, year)]
    : nums.map((q) => span((q - 1) * months + 1, q * months, year));
  return { atoms, end: j };
}

/**
 * After a yearless day: «года, следующего за отчетным (годом)», «следующего за отчетным года»
 * or «следующего года». Returns the token after it, or -1.
 */
function parseNextYear(c: Cursor, j: number): number {
  let k = j;
  const hadYearWord = tt(c, k) === T.YEARW;
  if (hadYearWord) k++;
  if (tt(c, k) === T.COMMA) k++;
  if (tt(c, k) !== T.NEXT) return -1;
  k++;
  if (tt(c, k) === T.ZA) {
    k++;
    if (tt(c, k) === T.REPORTING) k++;
    if (tt(c, k) === T.YEARW || tt(c, k) === T.PERIOD) k++;
    return k;
  }
  if (!hadYearWord && tt(c, k) === T.YEARW) return k + 1;
  return hadYearWord ? k : -1;
}

const QUOTES = new Set(['«', '»', '"', '“', '”', '„', "'"].map((q) => q.charCodeAt(0)));
const isQuote = (c: Cursor, i: number) => tt(c, i) === T.SYM && QUOTES.has(c.toks[i].v);

/** A day with its month: «30 декабря 2024 г.», «1-го марта», «15 апреля», «28» декабря 2016 г. */
function parseDayMonth(c: Cursor, i: number): AtomsMatch | null {
  const k = c.toks[i];
  if (k.t !== T.NUM || k.v2 > 2 || k.v < 1 || k.v > 31) return null;
  const mi = isQuote(c, i + 1) ? i + 2 : i + 1; // «28» декабря: the official quoted day
  const mt = tt(c, mi);
  if (mt !== T.MONTH && mt !== T.MONTHQ) return null;
  const month = c.toks[mi].v;
  let j = mi + 1;
  if (tt(c, j) === T.DOT) j++;
  const y = parseYear(c, j);
  if (y) {
    if (!validDay(y.year, month, k.v)) return null;
    return { atoms: [point(y.year, month, k.v)], end: y.end };
  }
  if (!validDay(null, month, k.v)) return null;
  const a = point(null, month, k.v);
  const nx = parseNextYear(c, j);
  if (nx > 0) {
    a.nextYear = true;
    j = nx;
  }
  return { atoms: [a], end: j };
}

/** «1-17 марта 2024», «с 1 по 17 марта 2024 г.»: days of one month. */
function parseDayRange(c: Cursor, i: number): AtomsMatch | null {
  const a = c.toks[i];
  if (a.t !== T.NUM || a.v2 > 2 || a.v < 1 || a.v > 31) return null;
  const sep = tt(c, i + 1);
  if (sep !== T.DASH && sep !== T.PO && sep !== T.UNTIL) return null;
  const b = i + 2 < c.toks.length ? c.toks[i + 2] : undefined;
  if (b === undefined || b.t !== T.NUM || b.v2 > 2 || b.v <= a.v || b.v > 31) return null;
  const dm = parseDayMonth(c, i + 2);
  if (dm === null) return null;
  const end = dm.atoms[0];
  if (end.nextYear) return null;
  const from = ref(end.to.year, end.to.month, a.v);
  return { atoms: [{ from, to: end.to, point: false, yearSpan: false, nextYear: false }], end: dm.end, isRange: true };
}

/**
 * One calendar atom (or a list of quarters/half-years) starting at token `i`.
 * Returns null when the tokens there do not name a day or a span.
 */
export function parseAtoms(c: Cursor, i: number, dayMonthOk = false): AtomsMatch | null {
  const t = tt(c, i);
  if (isQuote(c, i) && tt(c, i + 1) === T.NUM && isQuote(c, i + 2)) return parseDayMonth(c, i + 1);
  if (t === T.DM) {
    // «до 15.02»: a day and month without a year, only after a preposition that makes it a date.
    if (!dayMonthOk) return null;
    const k = c.toks[i];
    return { atoms: [point(null, k.v2, k.v3)], end: i + 1 };
  }
  if (t === T.DATE) {
    const k = c.toks[i];
    return { atoms: [point(k.v, k.v2, k.v3)], end: skipYearWord(c, i + 1) };
  }
  if (t === T.MY) {
    // «12.2024»: a month of a year.
    const k = c.toks[i];
    return { atoms: [span(k.v2, k.v2, k.v)], end: skipYearWord(c, i + 1) };
  }
  if (t === T.NUM) {
    const k = c.toks[i];
    if (k.v2 === 4) {
      const y = parseYear(c, i);
      if (y === null) return null;
      // «2000 человек»: a bare four-digit number followed by an ordinary word is a count, not a year.
      if (y.end === i + 1 && tt(c, i + 1) === T.OTHER) return null;
      const a = span(1, 12, y.year);
      a.yearSpan = true;
      return { atoms: [a], end: y.end };
    }
    const next = tt(c, i + 1);
    if (next === T.MONTH || next === T.MONTHQ) return parseDayMonth(c, i);
    if (next === T.DASH || next === T.PO || next === T.UNTIL) {
      const r = parseDayRange(c, i);
      if (r) return r;
    }
    const q = parseParts(c, i, T.QUARTER, 4) ?? parseParts(c, i, T.HALF, 2);
    if (q) return q;
    // «9 месяцев 2024 года»: January to the end of the n-th month (only with a year).
    if (next === T.MONTHW && k.v >= 1 && k.v <= 11 && k.v3 === 0) {
      const y = parseYear(c, i + 2);
      if (y) return { atoms: [span(1, k.v, y.year)], end: y.end };
    }
    return null;
  }
  if (t === T.ROMAN || t === T.ORD) return parseParts(c, i, T.QUARTER, 4) ?? parseParts(c, i, T.HALF, 2);
  if (t === T.MONTH || t === T.MONTHQ) {
    const month = c.toks[i].v;
    let j = i + 1;
    if (tt(c, j) === T.DOT) j++;
    const y = parseYear(c, j);
    if (y) return { atoms: [span(month, month, y.year)], end: y.end };
    // A misspelt month alone is not trusted.
    return t === T.MONTH ? { atoms: [span(month, month, null)], end: j } : null;
  }
  if (t === T.CURRENT) {
    const y = parseYear(c, i);
    if (y === null) return null;
    const a = span(1, 12, y.year);
    a.yearSpan = true;
    return { atoms: [a], end: y.end };
  }
  return null;
}

const order = (r: DayRef) => r.month * 32 + (r.day === 'end' ? 31 : r.day);

/**
 * An atom, or a range of two («март – апрель 2024», «2022 г.- 2024г.», «с 1 марта по 17 марта
 * 2024 г.», «ноябрь 2024 – февраль 2025»). With `fromMode` (after «с»), «по» and «до» also join.
 * A yearless side takes the other side's year (the year before when it would come later).
 */
export function parseRange(c: Cursor, i: number, fromMode: boolean): AtomsMatch | null {
  const a = parseAtoms(c, i, fromMode);
  if (a === null || a.atoms.length !== 1) return a;
  let j = a.end;
  const sep = tt(c, j);
  if (!(sep === T.DASH || (fromMode && (sep === T.PO || sep === T.UNTIL)))) return a;
  j++;
  if (fromMode && tt(c, j) === T.END) j++;
  const b = parseAtoms(c, j, fromMode);
  if (b === null || b.atoms.length !== 1) return a;
  const left = a.atoms[0],
    right = b.atoms[0];
  if (left.nextYear || right.nextYear) return a;
  if (left.from.year === null && right.to.year !== null) {
    withYear(left, order(left.from) > order(right.from) ? right.to.year - 1 : right.to.year);
  } else if (right.to.year === null && left.from.year !== null) {
    withYear(right, order(right.to) < order(left.to) ? left.from.year + 1 : left.from.year);
  }
  const joined: Atom = {
    from: left.from,
    to: right.to,
    point: false,
    yearSpan: left.yearSpan && right.yearSpan,
    nextYear: false,
  };
  // A range must go forward.
  if (joined.from.year !== null && joined.to.year !== null) {
    if (joined.from.year * 1000 + order(joined.from) > joined.to.year * 1000 + order(joined.to)) return a;
  }
  return { atoms: [joined], end: b.end, isRange: true };
}
