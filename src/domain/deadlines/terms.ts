/**
 * The scanner: walks the tokens of a phrase left to right and recognises raw terms
 * (a deadline, a window, a frequency, a relative offset, an event it depends on …).
 * Tokens it does not understand are skipped; they never produce a date by themselves.
 * Raw terms are assembled into a Schedule by ./assemble.ts.
 */
import { F_DAY, F_HALF, F_MONTH, F_QUARTER, F_WEEK, F_YEAR, FREQS, SPAN_DAY, SPAN_WEEK, T } from './lexicon.js';
import { parseAtoms, parseRange, parseYear, tt, type Atom, type Cursor } from './atoms.js';
import type { Frequency, OffsetUnit } from './types.js';

export type RawKind = 'date' | 'deadline' | 'window' | 'recurring' | 'continuous' | 'relative' | 'unspecified' | 'dom';

/** «до 10 числа месяца, следующего за отчетным кварталом» before it meets its frequency. */
export interface DayOfMonthSpec {
  day: number;
  /** same month / the month after the period / the period's last month. */
  rel: 'same' | 'next' | 'last';
  /** The reporting period named in the phrase («отчетным кварталом» → quarter), if any. */
  hint: Frequency | null;
}

export interface Raw {
  kind: RawKind;
  /** Token range [s, e). */
  s: number;
  e: number;
  clause: number;
  report: boolean;
  /** date / deadline: the day; window: the span; continuous: the start, if said. */
  atom?: Atom;
  /** deadline «до начала …»: due on the span's first day. */
  atStart?: boolean;
  every?: Frequency;
  interval?: number;
  times?: number;
  amount?: number;
  unit?: OffsetUnit;
  /** relative: token range of the event text. */
  anchorS?: number;
  anchorE?: number;
  dom?: DayOfMonthSpec;
  /** «по итогам года/квартала»: a day written with it falls after the period. */
  afterResults?: boolean;
}

interface Match {
  end: number;
  parts: Raw[];
}

const raw = (kind: RawKind, s: number, e: number, extra?: Partial<Raw>): Raw => ({
  kind,
  s,
  e,
  clause: 0,
  report: false,
  ...extra,
});
const one = (end: number, r: Raw): Match => ({ end, parts: [r] });

// ---------------------------------------------------------------------------------------------
// Relative: «в течение 5 рабочих дней после …», «в течение месяца со дня …», «за 10 дней до …»

function parseUnit(c: Cursor, j: number): { unit: OffsetUnit; mult: number; end: number; cls: number } | null {
  let q = j;
  let working = false;
  if (tt(c, q) === T.WORKING) {
    working = true;
    q++;
    if (tt(c, q) === T.DOT) q++;
  } else if (tt(c, q) === T.CALENDARW) {
    q++;
    if (tt(c, q) === T.DOT) q++;
  }
  const u = tt(c, q);
  let end = q + 1;
  if (u === T.DAYW) {
    if (tt(c, end) === T.DOT && c.toks[q].e - c.toks[q].s <= 2) end++;
    return { unit: working ? 'workday' : 'day', mult: 1, end, cls: u };
  }
  if (working) return null;
  if (u === T.WEEKW) return { unit: 'day', mult: 7, end, cls: u };
  if (u === T.MONTHW) {
    if (tt(c, end) === T.DOT) end++;
    return { unit: 'month', mult: 1, end, cls: u };
  }
  if (u === T.YEARW) return { unit: 'month', mult: 12, end, cls: u };
  if (u === T.QUARTER) return { unit: 'month', mult: 3, end, cls: u };
  if (u === T.HALF) return { unit: 'month', mult: 6, end, cls: u };
  return null;
}

const ANCHOR_START = new Set<number>([T.AFTER, T.FROM, T.OF, T.PO, T.UNTIL]);

/**
 * With `probe`, only says whether a relative term starts here (its end is then the anchor start):
 * used to stop another term's event text without recursing into anchors.
 */
function matchRelative(c: Cursor, i: number, probe = false): Match | null {
  let j = i;
  let strong = false;
  let sign = 1;
  const t0 = tt(c, i);
  if (t0 === T.IN || t0 === T.NA) {
    const t1 = tt(c, i + 1);
    if (t1 === T.DURING) {
      j = i + 2;
      strong = true;
    } else if (t1 === T.TERM && t0 === T.IN) {
      // «в срок не позднее 5 дней …» (but «на срок до 3 лет» is a duration, not a deadline)
      j = i + 2;
      if (tt(c, j) === T.NOT && tt(c, j + 1) === T.LATER) {
        j += 2;
        if (tt(c, j) === T.THAN) j++;
      } else if (tt(c, j) === T.UNTIL) j++;
      strong = true;
    } else if (t1 === T.SPANADJ || (t1 === T.NUM && tt(c, i + 2) === T.DASH && tt(c, i + 3) === T.SPANADJ)) {
      j = i + 1;
      strong = true;
    } else return null;
  } else if (t0 === T.DURING || t0 === T.THROUGH) {
    j = i + 1;
    strong = true;
  } else if (t0 === T.NOT && tt(c, i + 1) === T.LATER) {
    j = i + 2;
    if (tt(c, j) === T.THAN) j++;
    if (tt(c, j) === T.THROUGH) j++;
    else if (tt(c, j) === T.ZA) {
      sign = -1;
      j++;
    }
    strong = true;
  } else if (t0 === T.ZA) {
    sign = -1;
    j = i + 1;
  }

  // Amount and unit.
  let amount = 0;
  let unit: OffsetUnit;
  let mult = 1;
  let q = j;
  let implicit = false;
  let unitCls = -1;
  const a = q < c.toks.length ? c.toks[q] : undefined;
  if (a === undefined) return null;
  if (a.t === T.NUM && tt(c, q + 1) === T.DASH && tt(c, q + 2) === T.SPANADJ) {
    // «в 10-дневный срок»
    if (a.v2 > 3 || a.v < 1) return null;
    amount = a.v;
    const sv = c.toks[q + 2].v % 10;
    unit = sv === SPAN_DAY ? 'day' : 'month';
    mult = sv === SPAN_WEEK ? 7 : 1;
    q += 3;
    if (tt(c, q) === T.TERM) q++;
  } else if (a.t === T.SPANADJ) {
    // «в десятидневный срок», «в месячный срок»
    amount = Math.floor(a.v / 10);
    const sv = a.v % 10;
    unit = sv === SPAN_DAY || sv === SPAN_WEEK ? 'day' : 'month';
    mult = sv === SPAN_WEEK ? 7 : 1;
    q++;
    if (tt(c, q) !== T.TERM) return null;
    q++;
  } else {
    if (a.t === T.NUM && a.v2 <= 3 && a.v3 === 0 && a.v > 0) {
      amount = a.v;
      q++;
      if (tt(c, q) === T.LPAR && tt(c, q + 1) === T.NUMW && tt(c, q + 2) === T.RPAR) q += 3; // «10 (десяти)»
    } else if (a.t === T.NUMW) {
      amount = a.v;
      q++;
      if (tt(c, q) === T.LPAR && tt(c, q + 1) === T.NUM && tt(c, q + 2) === T.RPAR) q += 3; // «десяти (10)»
    } else {
      if (!strong) return null;
      implicit = true;
      amount = 1;
    }
    const u = parseUnit(c, q);
    if (u === null) return null;
    unit = u.unit;
    mult = u.mult;
    unitCls = u.cls;
    q = u.end;
  }
  // «за 9 месяцев 2024 года», «в течение 3 месяцев 2024 г.»: a span of a year, not an offset.
  if (tt(c, q) === T.NUM && c.toks[q].v2 === 4) return null;

  const at = tt(c, q);
  const anchored = ANCHOR_START.has(at);
  if (at === T.UNTIL) sign = -1;
  if (!anchored) {
    if (!strong || sign < 0) return null;
    // «в течение года», «в течение квартала» alone are periods of the plan, not offsets.
    if (implicit && (unitCls === T.YEARW || unitCls === T.QUARTER || unitCls === T.HALF)) return null;
  }
  if (probe) return { end: q, parts: [] };
  const end = anchored ? consumeClause(c, q, false) : q;
  return one(end, raw('relative', i, end, { amount: sign * amount * mult, unit, anchorS: q, anchorE: end }));
}

// ---------------------------------------------------------------------------------------------
// Event text: «по мере необходимости», «после утверждения …», «в установленные сроки» …

/**
 * Consumes the text of an event or a condition up to the end of its clause: a semicolon, a
 * closing bracket, or a comma followed by a new term. In `eventMode` it also stops where a
 * frequency, a deadline or a report starts without a comma («после заседания до 1 марта 2024 г.»).
 */
function consumeClause(c: Cursor, from: number, eventMode: boolean): number {
  const n = c.toks.length;
  let j = from;
  let depth = 0; // brackets opened inside the clause («после заседания (протокол от …)»)
  while (j < n) {
    const t = c.toks[j].t;
    if (t === T.SEMI) break;
    if (t === T.RPAR) {
      if (depth === 0) break;
      depth--;
    } else if (t === T.COMMA || t === T.LPAR) {
      let q = j + 1;
      while (tt(c, q) === T.FILLER || tt(c, q) === T.AND) q++;
      if (q >= n || startsTerm(c, q)) break;
      if (t === T.LPAR) depth++;
    } else if (eventMode && j > from && startsStrongTerm(c, j)) break;
    j++;
  }
  // Leave «, но», «и» before the next term to the scanner.
  while (j > from + 1 && (tt(c, j - 1) === T.FILLER || tt(c, j - 1) === T.AND || tt(c, j - 1) === T.COMMA)) j--;
  return j;
}

function startsTerm(c: Cursor, i: number): boolean {
  const t = tt(c, i);
  if (t === T.REPORT || t === T.FREQ || t === T.CONT) return true;
  return (
    matchRelative(c, i, true) !== null ||
    matchRecurring(c, i) !== null ||
    matchContinuous(c, i) !== null ||
    matchDayOfMonth(c, i) !== null ||
    matchDeadline(c, i) !== null ||
    matchFrom(c, i) !== null ||
    matchWindow(c, i) !== null
  );
}

function startsStrongTerm(c: Cursor, i: number): boolean {
  const t = tt(c, i);
  if (t === T.REPORT || t === T.FREQ || t === T.CONT) return true;
  if (t === T.NOT || t === T.TIMESN || t === T.EVERY || t === T.NUM || t === T.NUMW)
    if (matchRecurring(c, i) !== null) return true;
  if (t === T.UNTIL || t === T.NOT || t === T.BY) return matchDayOfMonth(c, i) !== null || matchDeadline(c, i) !== null;
  return false;
}

function matchEvent(c: Cursor, i: number): Match | null {
  const t = tt(c, i);
  const u = tt(c, i + 1);
  let trig = false;
  if (t === T.PO) trig = u === T.MERE || u === T.EVENT || u === T.UNSPEC;
  else if (t === T.IN || t === T.NA) {
    trig =
      u === T.UNSPEC ||
      u === T.PRI ||
      (u === T.TERM &&
        (tt(c, i + 2) === T.COMMA || tt(c, i + 2) === T.UNSPEC || tt(c, i + 2) === T.OTHER || i + 2 >= c.toks.length));
  } else if (t === T.UNSPEC || t === T.PRI || t === T.MERE || t === T.AFTER) trig = true;
  else if (t === T.UNTIL)
    trig =
      u === T.OTHER ||
      u === T.EVENT ||
      u === T.UNSPEC ||
      u === T.MERE ||
      (u === T.START && parseAtoms(c, i + 2) === null);
  else if (t === T.FROM) trig = u === T.EVENT || u === T.DAYW;
  if (!trig) return null;
  const end = consumeClause(c, i + 1, true);
  return one(end, raw('unspecified', i, end));
}

// ---------------------------------------------------------------------------------------------
// Continuous: «постоянно», «на постоянной основе», «в течение всего периода»

function matchContinuous(c: Cursor, i: number): Match | null {
  let j = i;
  if (tt(c, j) === T.NA || tt(c, j) === T.IN) j++;
  // «постоянно», «на постоянной основе», «в постоянном режиме»
  if (tt(c, j) === T.CONT) {
    j++;
    if (tt(c, j) === T.BASIS) j++;
    return one(j, raw('continuous', i, j));
  }
  // «(в) течение (всего) периода / срока», «весь период»
  const during = tt(c, j) === T.DURING;
  if (during) j++;
  else if (j > i) return null;
  const whole = tt(c, j) === T.WHOLE;
  if (whole) j++;
  if ((during || whole) && (tt(c, j) === T.PERIOD || tt(c, j) === T.TERM))
    return one(j + 1, raw('continuous', i, j + 1));
  return null;
}

// ---------------------------------------------------------------------------------------------
// Recurring: «ежеквартально», «не реже, чем два раза в год», «1 раз в полугодие», «по итогам года»

/** A period unit word at j: year, half, quarter, month, week, day. */
function periodUnit(c: Cursor, j: number): { f: number; end: number } | null {
  const t = tt(c, j);
  if (t === T.YEARW) return { f: F_YEAR, end: j + 1 };
  if (t === T.HALF) return { f: F_HALF, end: j + 1 };
  if (t === T.HALFW && tt(c, j + 1) === T.YEARW) return { f: F_HALF, end: j + 2 };
  if (t === T.QUARTER) return { f: F_QUARTER, end: tt(c, j + 1) === T.DOT ? j + 2 : j + 1 };
  if (t === T.MONTHW) return { f: F_MONTH, end: j + 1 };
  if (t === T.WEEKW) return { f: F_WEEK, end: j + 1 };
  if (t === T.DAYW) return { f: F_DAY, end: j + 1 };
  return null;
}

/**
 * «N раз в <unit>» → frequency. N = 2, 4, 12 a year mean half-years, quarters, months (golden
 * rule); any other N keeps the unit and records `times` (checked once per period).
 */
function frequencyOf(
  unitF: number,
  times: number,
  interval: number,
): { every: Frequency; interval: number; times?: number } {
  if (unitF === F_YEAR) {
    if (interval > 1) return { every: 'year', interval };
    if (times === 2) return { every: 'half', interval: 1 };
    if (times === 4) return { every: 'quarter', interval: 1 };
    if (times === 12) return { every: 'month', interval: 1 };
    return times > 1 ? { every: 'year', interval: 1, times } : { every: 'year', interval: 1 };
  }
  if (unitF === F_MONTH && interval > 1) {
    if (interval === 3) return { every: 'quarter', interval: 1 };
    if (interval === 6) return { every: 'half', interval: 1 };
    if (interval === 12) return { every: 'year', interval: 1 };
  }
  const out: { every: Frequency; interval: number; times?: number } = {
    every: FREQS[unitF],
    interval: Math.max(1, interval),
  };
  if (times > 1) out.times = times;
  return out;
}

function matchRecurring(c: Cursor, i: number): Match | null {
  const t = tt(c, i);
  if (t === T.FREQ) return one(i + 1, raw('recurring', i, i + 1, { every: FREQS[c.toks[i].v], interval: 1 }));

  // «по итогам (каждого / отчетного) года»
  if (t === T.RESULTS || (t === T.PO && tt(c, i + 1) === T.RESULTS)) {
    let j = t === T.PO ? i + 2 : i + 1;
    if (tt(c, j) === T.EVERY || tt(c, j) === T.REPORTING) j++;
    const u = periodUnit(c, j);
    if (u === null || u.f === F_DAY || u.f === F_WEEK) return null;
    return one(u.end, raw('recurring', i, u.end, { every: FREQS[u.f], interval: 1, afterResults: true }));
  }

  // «каждый квартал», «каждые 3 месяца»
  if (t === T.EVERY) {
    let j = i + 1;
    let interval = 1;
    if (tt(c, j) === T.NUM && c.toks[j].v2 <= 2 && c.toks[j].v > 0) interval = c.toks[j++].v;
    else if (tt(c, j) === T.NUMW) interval = c.toks[j++].v;
    const u = periodUnit(c, j);
    if (u === null) return null;
    return one(u.end, raw('recurring', i, u.end, frequencyOf(u.f, 1, interval)));
  }

  // «(не реже (, чем)) (N) раз в (M) <unit>», «дважды в год»
  let j = i;
  if (t === T.NOT && tt(c, i + 1) === T.RARER) {
    j = i + 2;
    if (tt(c, j) === T.COMMA) j++;
    if (tt(c, j) === T.THAN) j++;
  }
  const atLeast = j > i;
  let times = 1;
  const tj = tt(c, j);
  if (tj === T.TIMESN) {
    times = c.toks[j].v;
    j++;
  } else {
    let counted = false;
    if (tj === T.NUM && c.toks[j].v2 <= 2 && c.toks[j].v > 0 && c.toks[j].v3 === 0) {
      times = c.toks[j++].v;
      counted = true;
    } else if (tj === T.NUMW) {
      times = c.toks[j++].v;
      counted = true;
    }
    // «не реже одного заседания в квартал»: after «не реже N» any noun counts like «раз».
    if (tt(c, j) === T.TIMES || (atLeast && counted && tt(c, j) === T.OTHER && tt(c, j + 1) === T.IN)) j++;
    else return null;
  }
  if (tt(c, j) === T.IN || tt(c, j) === T.ZA) j++;
  let interval = 1;
  if (tt(c, j) === T.NUM && c.toks[j].v2 <= 2 && c.toks[j].v > 0) interval = c.toks[j++].v;
  else if (tt(c, j) === T.NUMW) interval = c.toks[j++].v;
  const u = periodUnit(c, j);
  if (u === null) return null;
  return one(u.end, raw('recurring', i, u.end, frequencyOf(u.f, times, interval)));
}

// ---------------------------------------------------------------------------------------------
// Day of month: «до 10 числа месяца, следующего за отчетным кварталом», «до 5-го числа каждого месяца»

function hintOf(t: number): Frequency | null | undefined {
  if (t === T.MONTHW) return 'month';
  if (t === T.QUARTER) return 'quarter';
  if (t === T.HALF) return 'half';
  if (t === T.YEARW) return 'year';
  if (t === T.PERIOD) return null;
  return undefined;
}

function matchDayOfMonth(c: Cursor, i: number): Match | null {
  let j = i;
  if (tt(c, j) === T.IN && tt(c, j + 1) === T.TERM) j += 2;
  const p = tt(c, j);
  if (p === T.UNTIL || p === T.BY || p === T.PO) j++;
  else if (p === T.NOT && tt(c, j + 1) === T.LATER) {
    j += 2;
    if (tt(c, j) === T.THAN) j++;
  }
  const d = j < c.toks.length ? c.toks[j] : undefined;
  if (d === undefined || d.t !== T.NUM || d.v2 > 2 || d.v < 1 || d.v > 31 || tt(c, j + 1) !== T.DAYNUM) return null;
  j += 2;
  const dom: { day: number; rel: 'same' | 'next' | 'last'; hint: Frequency | null } = {
    day: d.v,
    rel: 'same',
    hint: null,
  };
  if (tt(c, j) === T.EVERY && tt(c, j + 1) === T.MONTHW) {
    j += 2;
    dom.hint = 'month';
  } else {
    let q = j;
    if (tt(c, q) === T.MONTHW) q++;
    if (tt(c, q) === T.COMMA) q++;
    if (tt(c, q) === T.NEXT) {
      q++;
      if (tt(c, q) === T.ZA) q++;
      if (tt(c, q) === T.REPORTING) q++;
      const h = hintOf(tt(c, q));
      if (h !== undefined) {
        dom.hint = h;
        q++;
      }
      dom.rel = 'next';
      j = q;
    } else if (tt(c, q) === T.LAST && tt(c, q + 1) === T.MONTHW) {
      q += 2;
      if (tt(c, q) === T.REPORTING) q++;
      const h = hintOf(tt(c, q));
      if (h !== undefined) {
        dom.hint = h;
        q++;
      }
      dom.rel = 'last';
      j = q;
    } else if (tt(c, j) === T.MONTHW) j++;
  }
  return one(j, raw('dom', i, j, { dom }));
}

// ---------------------------------------------------------------------------------------------
// Deadline: «до 1 мая 2022 года», «не позднее 1 декабря 2024 г.», «в срок до 25.12.2024», «до конца года»

function matchDeadline(c: Cursor, i: number): Match | null {
  let j = i;
  const t = tt(c, i);
  if (t === T.IN && tt(c, i + 1) === T.TERM) j = i + 2;
  else if (t === T.TERM) j = i + 1;
  const u = tt(c, j);
  let po = false;
  if (u === T.UNTIL || u === T.BY) j++;
  else if (u === T.NOT && tt(c, j + 1) === T.LATER) {
    j += 2;
    if (tt(c, j) === T.THAN) j++;
  } else if (u === T.PO && j === i) {
    po = true;
    j++;
  } else if (j === i) return null;
  let atStart = false;
  let sawEnd = false;
  if (tt(c, j) === T.END) {
    j++;
    sawEnd = true;
  } else if (tt(c, j) === T.START) {
    j++;
    atStart = true;
  }
  const a = parseAtoms(c, j, true);
  if (a === null) {
    // «до конца года»: the end of each year of the plan.
    if (sawEnd && tt(c, j) === T.YEARW) {
      const atom: Atom = {
        from: { year: null, month: 1, day: 1 },
        to: { year: null, month: 12, day: 'end' },
        point: false,
        yearSpan: true,
        nextYear: false,
      };
      return one(j + 1, raw('deadline', i, j + 1, { atom }));
    }
    return null;
  }
  if (po && !a.atoms[0].point && !a.atoms[0].yearSpan) return null;
  return { end: a.end, parts: a.atoms.map((atom) => raw('deadline', i, a.end, { atom, atStart })) };
}

// ---------------------------------------------------------------------------------------------
// From: «с 1 марта по 17 марта 2024 г.», «С 2023 по 2024 гг.», «с 1 сентября 2024 г.»

function matchFrom(c: Cursor, i: number): Match | null {
  if (tt(c, i) !== T.FROM) return null;
  let j = i + 1;
  if (tt(c, j) === T.FROM) j++; // «начиная с»
  if (tt(c, j) === T.START) j++; // «с начала 2024 года»
  const r = parseRange(c, j, true);
  if (r === null || r.atoms.length !== 1) return null;
  const atom = r.atoms[0];
  if (r.isRange) return one(r.end, raw('window', i, r.end, { atom }));
  return one(r.end, raw('continuous', i, r.end, { atom }));
}

// ---------------------------------------------------------------------------------------------
// Window or date: «2024 г.», «IV квартал 2024 года», «в течение 2025 года», «30 декабря 2024 г.»

function matchWindow(c: Cursor, i: number): Match | null {
  const t = tt(c, i);
  let j = i;
  if ((t === T.IN || t === T.NA) && tt(c, i + 1) === T.DURING) j = i + 2;
  else if (t === T.IN || t === T.ZA || t === T.NA || t === T.DURING) j = i + 1;
  else if (t === T.PO && tt(c, i + 1) === T.RESULTS) j = i + 2;
  else if (t === T.RESULTS) j = i + 1;
  const r = parseRange(c, j, false);
  if (r === null) {
    // «в течение года»: each year of the plan.
    if (tt(c, j) === T.YEARW && (t === T.DURING || tt(c, i + 1) === T.DURING)) {
      const atom: Atom = {
        from: { year: null, month: 1, day: 1 },
        to: { year: null, month: 12, day: 'end' },
        point: false,
        yearSpan: true,
        nextYear: false,
      };
      return one(j + 1, raw('window', i, j + 1, { atom }));
    }
    return null;
  }
  if (j === i && looksLikeBrokenDate(c, i, r.atoms[0])) return one(r.end, raw('unspecified', i - 2, r.end));
  return { end: r.end, parts: r.atoms.map((atom) => raw(atom.point ? 'date' : 'window', i, r.end, { atom })) };
}

/** «до 1 декабя 2024»-like remains: a day, an unknown word, then a bare year. Not a window. */
function looksLikeBrokenDate(c: Cursor, i: number, a: Atom): boolean {
  if (!a.yearSpan || i < 2) return false;
  const w = c.toks[i - 1],
    d = c.toks[i - 2];
  return (w.t === T.OTHER || w.t === T.MONTHQ) && d.t === T.NUM && d.v2 <= 2 && d.v >= 1 && d.v <= 31;
}

// ---------------------------------------------------------------------------------------------
// Things to step over: «№ 2024-р», «от 17 ноября 2014 г.» (a document's number and date)

function matchSkip(c: Cursor, i: number): Match | null {
  const t = tt(c, i);
  if (t === T.NUMSIGN) {
    let j = i + 1;
    if (tt(c, j) === T.NUM) {
      j++;
      while (j < c.toks.length && c.toks[j].s === c.toks[j - 1].e && c.toks[j].t !== T.COMMA && c.toks[j].t !== T.SEMI)
        j++;
    }
    return { end: j, parts: [] };
  }
  if (t === T.OF) {
    const a = parseAtoms(c, i + 1);
    if (a !== null) return { end: a.end, parts: [] };
  }
  if (t === T.BADDATE) return one(i + 1, raw('unspecified', i, i + 1));
  // «31 июня 2024 г.», «5 квартал 2024»: a broken day or part of a year blocks its year too.
  if ((t === T.NUM || t === T.ROMAN || t === T.ORD) && BROKEN_UNIT.has(tt(c, i + 1)) && parseAtoms(c, i) === null) {
    let j = i + 2;
    if (tt(c, j) === T.DOT) j++;
    const y = parseYear(c, j);
    if (y) j = y.end;
    return one(j, raw('unspecified', i, j));
  }
  return null;
}

const BROKEN_UNIT = new Set<number>([T.MONTH, T.MONTHQ, T.QUARTER, T.HALF]);

const MATCHERS = [
  matchSkip,
  matchRelative,
  matchEvent,
  matchContinuous,
  matchRecurring,
  matchDayOfMonth,
  matchDeadline,
  matchFrom,
  matchWindow,
];

/**
 * Scans the tokens into raw terms, in order. A report marker («отчет», «доклад») switches the rest
 * of the phrase to the report schedule, together with a frequency written just before it in the
 * same clause («ежегодно отчет до 25 декабря»).
 */
export function scanTerms(c: Cursor): Raw[] {
  const out: Raw[] = [];
  const toks = c.toks,
    n = toks.length;
  let clause = 0;
  let report = false;
  let i = 0;
  while (i < n) {
    const t = toks[i].t;
    if (t === T.COMMA || t === T.SEMI || t === T.LPAR) {
      clause++;
      i++;
      continue;
    }
    if (t === T.REPORT) {
      if (!report) {
        report = true;
        for (let r = out.length - 1; r >= 0 && out[r].clause === clause && out[r].kind === 'recurring'; r--)
          out[r].report = true;
      }
      i++;
      continue;
    }
    let m: Match | null = null;
    for (let f = 0; f < MATCHERS.length && m === null; f++) m = MATCHERS[f](c, i);
    if (m === null) {
      i++;
      continue;
    }
    for (const p of m.parts) {
      p.clause = clause;
      p.report = report && p.kind !== 'relative';
      out.push(p);
    }
    i = m.end > i ? m.end : i + 1;
  }
  return out;
}
