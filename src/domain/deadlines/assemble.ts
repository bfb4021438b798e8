/**
 * Raw terms → Schedule. Where the genre's rules live:
 * - a frequency absorbs the day written next to it («ежегодно до 5 июля», «Ежегодно I квартал»,
 *   «ежемесячно до 5 числа …», «до 1 августа, 25 декабря» after «отчет ежегодно»);
 * - «до N числа месяца, следующего за отчетным» and «… года, следующего за отчетным» are report
 *   dates: the execution is due at the end of each period, the report after it;
 * - a whole year written before a narrower term of that year is a heading, not a term
 *   («2024 г. с 1 марта по 17 марта 2024 г.» is due 17.03.2024 only);
 * - «постоянно» followed by a relative term makes it repeat («Постоянно в течение 10 рабочих дней со дня …»);
 * - the schedule's kind is its first understood term's; only a report schedule → `continuous`.
 */
import { addDays, daysInMonth, formatYmd } from '../calendar/iso-date.js';
import type { Atom, Cursor } from './atoms.js';
import { T } from './lexicon.js';
import type { DayOfMonthSpec, Raw } from './terms.js';
import type {
  DayRef,
  Frequency,
  MonthDay,
  PlanPeriod,
  RecurringAt,
  RecurringTerm,
  Schedule,
  Term,
  TermKind,
} from './types.js';

interface Item {
  term: Term;
  s: number;
  e: number;
  /** Index of the raw term it came from (for look-behind merges). */
  raw: number;
  /** A window of whole calendar years with the years written. */
  yearHeading: boolean;
}

const MONTHS_IN: Record<Frequency, number> = { day: 0, week: 0, month: 1, quarter: 3, half: 6, year: 12 };

const yearless = (r: Raw) =>
  (r.kind === 'date' || r.kind === 'deadline' || r.kind === 'window') &&
  r.atom !== undefined &&
  r.atom.to.year === null &&
  !r.atom.nextYear;

const dayOfRaw = (r: Raw): MonthDay => {
  const ref = r.kind === 'deadline' && r.atStart ? r.atom!.from : r.atom!.to;
  return { month: ref.month, day: ref.day };
};

/** A window with written years that spans at least one whole period of `every`. */
function coversPeriod(r: Raw, every: Frequency): boolean {
  if (r.kind !== 'window' || r.atom === undefined) return false;
  const { from, to } = r.atom;
  if (from.year === null || to.year === null || from.day !== 1 || to.day !== 'end') return false;
  const months = to.year * 12 + to.month - (from.year * 12 + from.month) + 1;
  return MONTHS_IN[every] > 0 && months >= MONTHS_IN[every];
}

const isoOf = (r: DayRef, end: boolean): string => {
  const y = r.year as number;
  const d = r.day === 'end' ? daysInMonth(y, r.month) : Math.min(r.day, daysInMonth(y, r.month));
  return end || r.day !== 'end' ? formatYmd(y, r.month, d) : formatYmd(y, r.month, 1);
};

function domAt(dom: DayOfMonthSpec, every: Frequency, report: boolean): RecurringAt {
  if (dom.rel === 'next') return { type: 'afterPeriod', months: 1, day: dom.day };
  if (dom.rel === 'last') return { type: 'afterPeriod', months: 0, day: dom.day };
  // «ежемесячно до 25 числа»: that day of each month. For a report, or for longer periods
  // («ежеквартально до 10 числа»), the day falls in the month after the period: reports are
  // made on the period that has ended.
  return every === 'month' && !report
    ? { type: 'dayOfMonth', day: dom.day }
    : { type: 'afterPeriod', months: 1, day: dom.day };
}

export interface AssembleInput {
  text: string;
  cursor: Cursor;
  raws: Raw[];
  period: PlanPeriod;
}

/** Builds the Schedule from raw terms (see the module comment for the rules). */
export function assemble({ text, cursor, raws, period }: AssembleInput): Schedule {
  const source = (s: number, e: number) => sliceText(text, cursor, s, e);
  const dueRaws: Raw[] = [],
    reportRaws: Raw[] = [];
  for (const r of raws) (r.report ? reportRaws : dueRaws).push(r);

  const dueItems = buildItems(dueRaws, false, cursor, source);
  const reportItems = buildItems(reportRaws, true, cursor, source);

  // Report dates after each period leave the execution due at the period's end.
  const extraReports: Item[] = [];
  for (const it of dueItems) {
    const t = it.term;
    if (t.kind === 'recurring' && t.at.type === 'afterPeriod' && t.at.months > 0) {
      extraReports.push({ ...it, term: { ...t } });
      t.at = { type: 'end' };
    }
  }
  const reports = dropHeadings(shareYears([...reportItems, ...extraReports], cursor));
  const due = mergeContinuousRelative(dropHeadings(shareYears(dueItems, cursor)), source);

  const terms = due.map((i) => i.term);
  const reportTerms = reports.map((i) => i.term);
  let kind: TermKind = 'unspecified';
  const firstUnderstood = terms.find((t) => t.kind !== 'unspecified');
  if (firstUnderstood) kind = firstUnderstood.kind;
  else if (reportTerms.some((t) => t.kind !== 'unspecified')) {
    kind = 'continuous';
    // Only a report schedule: the work itself goes on.
    terms.unshift({ kind: 'continuous', source: '' });
  }
  if (terms.length === 0) terms.push({ kind: 'unspecified', text: text.trim(), source: text.trim() });
  return { text, kind, terms, reports: reportTerms, period: [period[0], period[1]] };
}

function buildItems(list: Raw[], report: boolean, cursor: Cursor, source: (s: number, e: number) => string): Item[] {
  const out: Item[] = [];
  const used = new Uint8Array(list.length);
  for (let i = 0; i < list.length; i++) {
    if (used[i]) continue;
    const r = list[i];
    if (r.kind === 'recurring') {
      out.push(buildRecurring(list, i, used, out, report, cursor, source));
      continue;
    }
    if (r.kind === 'dom') {
      const dom = r.dom!;
      if (dom.hint !== null) {
        const term: RecurringTerm = {
          kind: 'recurring',
          every: dom.hint,
          interval: 1,
          at: domAt(dom, dom.hint, report),
          source: source(r.s, r.e),
        };
        out.push({ term, s: r.s, e: r.e, raw: i, yearHeading: false });
      } else {
        out.push({
          term: { kind: 'unspecified', text: source(r.s, r.e), source: source(r.s, r.e) },
          s: r.s,
          e: r.e,
          raw: i,
          yearHeading: false,
        });
      }
      continue;
    }
    if (r.atom?.nextYear) {
      // «до 1 марта года, следующего за отчетным» on its own: a yearly report date.
      const term: RecurringTerm = {
        kind: 'recurring',
        every: 'year',
        interval: 1,
        at: nextYearAt(r.atom),
        source: source(r.s, r.e),
      };
      out.push({ term, s: r.s, e: r.e, raw: i, yearHeading: false });
      continue;
    }
    out.push(toItem(r, i, source));
  }
  return out;
}

function nextYearAt(a: Atom): RecurringAt {
  const day = a.to.day === 'end' ? 31 : a.to.day;
  return { type: 'afterPeriod', months: a.to.month, day };
}

/** «…, далее – ежегодно», «и в дальнейшем ежегодно»: a «then» word just before token `s`. */
function startsThereafter(c: Cursor, s: number): boolean {
  for (let i = s - 1; i >= 0; i--) {
    const t = c.toks[i].t;
    if (t === T.FILLER && c.toks[i].v === 1) return true;
    if (t !== T.COMMA && t !== T.DASH && t !== T.AND && t !== T.IN && t !== T.FILLER) return false;
  }
  return false;
}

/** Nothing but commas and brackets between two raw terms. */
function adjacent(c: Cursor, a: Raw, b: Raw): boolean {
  const [x, y] = a.e <= b.s ? [a, b] : [b, a];
  for (let i = x.e; i < y.s; i++) {
    const t = c.toks[i].t;
    if (t !== T.COMMA && t !== T.LPAR && t !== T.RPAR) return false;
  }
  return true;
}

function buildRecurring(
  list: Raw[],
  i: number,
  used: Uint8Array,
  out: Item[],
  report: boolean,
  cursor: Cursor,
  source: (s: number, e: number) => string,
): Item {
  const r = list[i];
  const every = r.every!;
  let s = r.s,
    e = r.e;
  let at: RecurringAt = { type: 'end' };
  const dates: MonthDay[] = [];
  let within: { from: string; to: string } | undefined;
  let fixed = false;
  const periodic = MONTHS_IN[every] > 0;

  const absorb = (n: Raw, j: number, behind: boolean): boolean => {
    if (!fixed && dates.length === 0 && n.kind === 'dom' && periodic) {
      // «по итогам месяца до 5 числа»: the day is in the month after the period.
      at =
        r.afterResults && n.dom!.rel === 'same'
          ? { type: 'afterPeriod', months: 1, day: n.dom!.day }
          : domAt(n.dom!, every, report);
      fixed = true;
    } else if (
      !fixed &&
      dates.length === 0 &&
      r.afterResults &&
      every === 'year' &&
      !behind &&
      yearless(n) &&
      n.kind !== 'window'
    ) {
      // «по итогам года до 1 февраля»: 1 February of the next year.
      const d = dayOfRaw(n);
      at = { type: 'afterPeriod', months: d.month, day: d.day === 'end' ? 31 : d.day };
      fixed = true;
    } else if (!fixed && yearless(n)) {
      dates.push(dayOfRaw(n));
    } else if (
      !fixed &&
      dates.length === 0 &&
      n.atom?.nextYear &&
      every === 'year' &&
      (n.kind === 'deadline' || n.kind === 'date')
    ) {
      at = nextYearAt(n.atom);
      fixed = true;
    } else if (within === undefined && adjacent(cursor, n, r) && coversPeriod(n, every)) {
      // «ежеквартально в 2024 году», «2024 год, ежеквартально» (not «2024 г., далее ежегодно»)
      within = { from: isoOf(n.atom!.from, false), to: isoOf(n.atom!.to, true) };
    } else if (within === undefined && n.kind === 'continuous' && n.atom !== undefined && n.atom.from.year !== null) {
      // «ежегодно до 1 июня, начиная с 2025 года»
      within = { from: isoOf(n.atom.from, false), to: '9999-12-31' };
    } else return false;
    if (behind) s = Math.min(s, n.s);
    else e = Math.max(e, n.e);
    used[j] = 1;
    return true;
  };

  for (let j = i + 1; j < list.length && absorb(list[j], j, false); j++) {
    if (fixed) break;
  }
  // Look behind: «до 1 марта ежегодно», «в I квартале ежегодно», «в 2024-2025 гг. ежеквартально».
  const prev = out.length > 0 ? out[out.length - 1] : undefined;
  if (
    prev !== undefined &&
    prev.raw === i - 1 &&
    i > 0 &&
    !fixed &&
    dates.length === 0 &&
    absorb(list[i - 1], i - 1, true)
  )
    out.pop();

  if (dates.length > 0) at = { type: 'dates', dates };
  // «до 1 декабря 2021 года, далее – ежегодно»: the recurrence starts after the term before it.
  const before = out.length > 0 ? out[out.length - 1] : undefined;
  if (before !== undefined && startsThereafter(cursor, r.s)) {
    const b = boundsOf(before.term);
    if (b !== null) {
      const from = addDays(b[1], 1);
      if (within === undefined) within = { from, to: '9999-12-31' };
      else if (within.from < from) within = { from, to: within.to };
    }
  }
  const term: RecurringTerm = { kind: 'recurring', every, interval: r.interval ?? 1, at, source: source(s, e) };
  if (r.times !== undefined) term.times = r.times;
  if (within) term.within = within;
  return { term, s, e, raw: i, yearHeading: false };
}

function toItem(r: Raw, i: number, source: (s: number, e: number) => string): Item {
  const src = source(r.s, r.e);
  const base = { s: r.s, e: r.e, raw: i, yearHeading: false };
  const a = r.atom;
  switch (r.kind) {
    case 'date':
      return { ...base, term: { kind: 'date', on: a!.from, source: src } };
    case 'deadline':
      return { ...base, term: { kind: 'deadline', by: r.atStart ? a!.from : a!.to, source: src } };
    case 'window':
      return {
        ...base,
        yearHeading: a!.yearSpan && a!.from.year !== null,
        term: { kind: 'window', from: a!.from, to: a!.to, source: src },
      };
    case 'continuous':
      return {
        ...base,
        term: a ? { kind: 'continuous', from: a.from, source: src } : { kind: 'continuous', source: src },
      };
    case 'relative': {
      const anchor =
        r.anchorS !== undefined && r.anchorE !== undefined && r.anchorE > r.anchorS ? source(r.anchorS, r.anchorE) : '';
      return {
        ...base,
        term: { kind: 'relative', offset: { amount: r.amount!, unit: r.unit! }, anchor, repeats: false, source: src },
      };
    }
    default:
      return { ...base, term: { kind: 'unspecified', text: src, source: src } };
  }
}

/** First and last day a term names, when it names days with written years. */
function boundsOf(t: Term): [string, string] | null {
  switch (t.kind) {
    case 'date':
      return t.on.year === null ? null : [isoOf(t.on, false), isoOf(t.on, true)];
    case 'deadline':
      return t.by.year === null ? null : [isoOf(t.by, true), isoOf(t.by, true)];
    case 'window':
      return t.from.year === null || t.to.year === null ? null : [isoOf(t.from, false), isoOf(t.to, true)];
    default:
      return null;
  }
}

/** The day (or span) of a date, deadline or window term without its year; null for other kinds. */
function yearlessRefs(t: Term): DayRef[] | null {
  if (t.kind === 'date') return t.on.year === null ? [t.on] : null;
  if (t.kind === 'deadline') return t.by.year === null ? [t.by] : null;
  if (t.kind === 'window') return t.to.year === null && t.from.month <= t.to.month ? [t.from, t.to] : null;
  return null;
}

const order = (r: DayRef) => r.month * 32 + (r.day === 'end' ? 31 : r.day);

/**
 * Yearless terms next to a year take it:
 * - after a one-year heading: «2024 г. (I квартал)», «2024 год: январь, июль» (the heading is
 *   then dropped by dropHeadings);
 * - before a dated term of a list: «до 15 апреля и 1 июня 2024 г.», «I, II полугодие 2024 г.».
 */
function shareYears(items: Item[], c: Cursor): Item[] {
  for (let i = 0; i < items.length; i++) {
    const t = items[i].term;
    if (items[i].yearHeading && t.kind === 'window' && t.from.year !== null && t.from.year === t.to.year) {
      for (let j = i + 1; j < items.length; j++) {
        const refs = yearlessRefs(items[j].term);
        if (refs === null) break;
        for (const r of refs) r.year = t.from.year;
      }
    }
  }
  for (let i = items.length - 2; i >= 0; i--) {
    const refs = yearlessRefs(items[i].term);
    const next = items[i + 1].term;
    if (refs === null || (next.kind !== 'date' && next.kind !== 'deadline' && next.kind !== 'window')) continue;
    const nref = next.kind === 'date' ? next.on : next.kind === 'deadline' ? next.by : next.from;
    if (nref.year === null || order(refs[refs.length - 1]) > order(nref)) continue;
    let listed = true;
    for (let k = items[i].e; k < items[i + 1].s; k++)
      if (c.toks[k].t !== T.COMMA && c.toks[k].t !== T.AND) listed = false;
    if (listed) for (const r of refs) r.year = nref.year;
  }
  return items;
}

/** «2024 г. с 1 марта по 17 марта 2024 г.»: the year only heads the narrower term that follows. */
function dropHeadings(items: Item[]): Item[] {
  const out: Item[] = [];
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    const next = items[i + 1];
    if (it.yearHeading && next !== undefined) {
      const outer = boundsOf(it.term);
      const inner = boundsOf(next.term);
      if (
        outer &&
        inner &&
        inner[0] >= outer[0] &&
        inner[1] <= outer[1] &&
        (inner[0] !== outer[0] || inner[1] !== outer[1])
      ) {
        next.s = Math.min(next.s, it.s);
        continue;
      }
    }
    out.push(it);
  }
  return out;
}

/** «Постоянно в течение 10 рабочих дней со дня …»: one relative term that repeats. */
function mergeContinuousRelative(items: Item[], source: (s: number, e: number) => string): Item[] {
  const out: Item[] = [];
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    const next = items[i + 1];
    if (
      it.term.kind === 'continuous' &&
      it.term.from === undefined &&
      next !== undefined &&
      next.term.kind === 'relative'
    ) {
      next.term.repeats = true;
      next.term.source = source(it.s, next.e);
      next.s = it.s;
      continue;
    }
    out.push(it);
  }
  return out;
}

const WS = /\s+/g;

/** The original text of tokens [s, e), whitespace-normalised. */
function sliceText(text: string, c: Cursor, s: number, e: number): string {
  if (e <= s || s >= c.toks.length) return '';
  const from = c.toks[Math.max(0, s)].s;
  const to = c.toks[Math.min(e, c.toks.length) - 1].e;
  return text.slice(from, to).replace(WS, ' ').trim();
}
