/**
 * Time expressions of execution texts: «13.03.2024 г.», «7 июня 2024 года», «27 ноября», «в декабре
 * 2024 года», «с 15 марта 2024 года по 30 апреля 2024 года», «5–6 октября 2024 года», «март – июнь
 * 2024 года», «в I квартале 2022 года», «в первом полугодии 2024 года», «за 9 месяцев 2024 года»,
 * «в 2023 году», «2021, 2022 годах», «2022 – 2024 годы». Each is an interval of days with its
 * precision and the preposition before it (it tells a deadline «до …» from a state «на …»).
 */
import { isoDate, monthNumber } from '../importers/dates.js';
import { daysInMonth } from '../calendar/iso-date.js';
import type { Span } from './text.js';

export type Precision = 'day' | 'month' | 'quarter' | 'half' | 'year';

export interface TimeExpr extends Span {
  from: string;
  to: string;
  precision: Precision;
  /** Written without a year («27 ноября»); the year was taken from the period or the deadline, or is unknown. */
  yearless: boolean;
  /** The preposition right before it, lower case: «до», «с», «на», «за», «в», «от», «по состоянию на», «не позднее»… */
  prep: string | null;
  /** «с сентября 2021 года» with no end: an open interval that runs to now. */
  since: boolean;
}

const MONTH =
  '(?:январ[ьяюе]|феврал[ьяюе]|март[ае]?|апрел[ьяюе]|ма[йяюе]|июн[ьяюе]|июл[ьяюе]|август[ае]?|сентябр[ьяюе]|октябр[ьяюе]|ноябр[ьяюе]|декабр[ьяюе])(?![а-яё])';
const YEAR_WORD = '(?:\\s*(?:г\\.|гг\\.|г(?![а-яё])|год[а-я]*))';
const ROMAN_Q: Record<string, number> = {
  i: 1,
  ii: 2,
  iii: 3,
  iv: 4,
  '1': 1,
  '2': 2,
  '3': 3,
  '4': 4,
  перв: 1,
  втор: 2,
  трет: 3,
  четверт: 4,
  четвёрт: 4,
};

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => `${y}-${pad(m)}-${pad(daysInMonth(y, m))}`;
const firstDay = (y: number, m: number) => `${y}-${pad(m)}-01`;
const fullYear = (y: string) => (y.length === 2 ? 2000 + Number(y) : Number(y));

interface Pattern {
  re: RegExp;
  build: (m: RegExpExecArray, year: number | null) => Omit<TimeExpr, 'start' | 'end' | 'prep' | 'since'> | null;
}

const dayOf = (d: string, mo: number, y: number | null) => (y === null ? null : isoDate(y, mo, Number(d)));

/** Ordered: longer forms first, so that a range is not read as two dates. */
const PATTERNS: Pattern[] = [
  {
    // «с 15 марта 2024 года по 30 апреля 2024 года», «с 1 марта по 30 апреля 2024 г.»
    re: new RegExp(
      `(?<![\\d.])(\\d{1,2})\\s+(${MONTH})(?:\\s+(\\d{4})${YEAR_WORD}?)?\\s*(?:по|[-–—])\\s*(\\d{1,2})\\s+(${MONTH})(?:\\s+(\\d{4})${YEAR_WORD}?)?`,
      'giu',
    ),
    build: (m, y) => {
      const y2 = m[6] ? Number(m[6]) : m[3] ? Number(m[3]) : y;
      const y1 = m[3] ? Number(m[3]) : y2;
      const a = dayOf(m[1], monthNumber(m[2])!, y1);
      const b = dayOf(m[4], monthNumber(m[5])!, y2);
      return a && b && a <= b ? { from: a, to: b, precision: 'day', yearless: !m[6] && !m[3] } : null;
    },
  },
  {
    // «5–6 октября 2024 года», «с 10 по 25 октября 2024 года»
    re: new RegExp(
      `(?<![\\d.])(\\d{1,2})\\s*(?:[-–—]|по)\\s*(\\d{1,2})\\s+(${MONTH})(?:\\s+(\\d{4})${YEAR_WORD}?)?`,
      'giu',
    ),
    build: (m, y) => {
      const yy = m[4] ? Number(m[4]) : y;
      const mo = monthNumber(m[3])!;
      const a = dayOf(m[1], mo, yy);
      const b = dayOf(m[2], mo, yy);
      return a && b && a <= b ? { from: a, to: b, precision: 'day', yearless: !m[4] } : null;
    },
  },
  {
    // «13.03.2024 г.», «03.12.2024г.»
    re: /(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?![\d])(?:\s*(?:г\.|г(?![а-яё])|года))?/giu,
    build: (m) => {
      const d = isoDate(fullYear(m[3]), Number(m[2]), Number(m[1]));
      return d ? { from: d, to: d, precision: 'day', yearless: false } : null;
    },
  },
  {
    // «7 июня 2024 года», «27 ноября», «"15" марта 2024 г.»
    re: new RegExp(`(?<![\\d.,])[«"“]?(\\d{1,2})[»"”]?\\s+(${MONTH})(?:\\s+(\\d{4})${YEAR_WORD}?)?`, 'giu'),
    build: (m, y) => {
      const yy = m[3] ? Number(m[3]) : y;
      const d = dayOf(m[1], monthNumber(m[2])!, yy);
      return d
        ? { from: d, to: d, precision: 'day', yearless: !m[3] }
        : yy === null
          ? { from: '', to: '', precision: 'day', yearless: true }
          : null;
    },
  },
  {
    // «январь – сентябрь 2025 года», «март – июнь 2024 года»
    re: new RegExp(`(${MONTH})\\s*[-–—]\\s*(${MONTH})\\s+(\\d{4})${YEAR_WORD}?`, 'giu'),
    build: (m) => {
      const y = Number(m[3]);
      const a = monthNumber(m[1])!;
      const b = monthNumber(m[2])!;
      return a <= b ? { from: firstDay(y, a), to: lastDay(y, b), precision: 'month', yearless: false } : null;
    },
  },
  {
    // «в декабре 2024 года», «на конец декабря 2023 года»
    re: new RegExp(`(${MONTH})\\s+(\\d{4})${YEAR_WORD}?`, 'giu'),
    build: (m) => {
      const y = Number(m[2]);
      const mo = monthNumber(m[1])!;
      return { from: firstDay(y, mo), to: lastDay(y, mo), precision: 'month', yearless: false };
    },
  },
  {
    // «в декабре» (the year is the period's): a month is enough for an event that took place
    re: /(?<![\p{L}])(?:в|во)\s+(январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|ноябре|декабре)(?![\p{L}])(?!\s+\d)/giu,
    build: (m, y) => {
      const mo = monthNumber(m[1])!;
      return y === null
        ? { from: '', to: '', precision: 'month', yearless: true }
        : { from: firstDay(y, mo), to: lastDay(y, mo), precision: 'month', yearless: true };
    },
  },
  {
    // «за 9 месяцев 2024 года»
    re: /(?<![\d.,])(\d{1,2})\s+месяц[а-я]*\s+(\d{4})(?:\s*(?:г\.|года))?/giu,
    build: (m) => {
      const n = Number(m[1]);
      const y = Number(m[2]);
      return n >= 1 && n <= 12
        ? { from: firstDay(y, 1), to: lastDay(y, n), precision: 'quarter', yearless: false }
        : null;
    },
  },
  {
    // «I квартал 2024 г.», «в 3 квартале 2024 года», «в первом квартале 2025 г.»
    re: /(?<![\p{L}\d])(IV|I{1,3}|[1-4]|перв[а-я]*|втор[а-я]*|трет[а-я]*|четв[её]рт[а-я]*)\s*(?:-?[а-я]{1,2}\s*)?(?:кв\.|кв(?![а-я])|квартал[а-я]*)\s*(\d{4})?(?:\s*(?:г\.|года|г(?![а-яё])))?/giu,
    build: (m, y) => {
      const key = m[1].toLowerCase().replace(/(перв|втор|трет|четверт|четвёрт).*/, '$1');
      const q = ROMAN_Q[key];
      const yy = m[2] ? Number(m[2]) : y;
      if (!q || yy === null) return null;
      return { from: firstDay(yy, q * 3 - 2), to: lastDay(yy, q * 3), precision: 'quarter', yearless: !m[2] };
    },
  },
  {
    // «в первом полугодии 2024 года», «II полугодие 2024 г.»
    re: /(?<![\p{L}\d])(II|I|1|2|перв[а-я]*|втор[а-я]*)\s*(?:-?[а-я]{1,2}\s*)?полугоди[а-я]*\s*(\d{4})?(?:\s*(?:г\.|года|г(?![а-яё])))?/giu,
    build: (m, y) => {
      const h = /^(ii|2|втор)/i.test(m[1]) ? 2 : 1;
      const yy = m[2] ? Number(m[2]) : y;
      if (yy === null) return null;
      return {
        from: firstDay(yy, h === 1 ? 1 : 7),
        to: lastDay(yy, h === 1 ? 6 : 12),
        precision: 'half',
        yearless: !m[2],
      };
    },
  },
  {
    // «2022 – 2024 годы», «2023-2025 гг.»
    re: /(?<![\d.])((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})(?:\s*(?:гг\.|г\.|г(?![а-яё])|год[а-я]*))/giu,
    build: (m) =>
      m[1] <= m[2] ? { from: `${m[1]}-01-01`, to: `${m[2]}-12-31`, precision: 'year', yearless: false } : null,
  },
  {
    // «в 2021, 2022 годах»
    re: /(?<![\d.])((?:19|20)\d{2})(?:\s*(?:,|и)\s*((?:19|20)\d{2}))+\s*(?:гг\.|год[а-я]*)/giu,
    build: (m) => {
      const years = m[0]
        .match(/(?:19|20)\d{2}/g)!
        .map(Number)
        .sort();
      return { from: `${years[0]}-01-01`, to: `${years[years.length - 1]}-12-31`, precision: 'year', yearless: false };
    },
  },
  {
    // «в 2023 году», «2024 г.», «за 2024 год»
    re: /(?<![\d.,])((?:19|20)\d{2})(?:\s*(?:г\.|гг\.|г(?![а-яё])|год[а-я]*))/giu,
    build: (m) => ({ from: `${m[1]}-01-01`, to: `${m[1]}-12-31`, precision: 'year', yearless: false }),
  },
];

const PREPOSITIONS =
  /(по состоянию на|не позднее|начиная с|в течение|в срок до|на конец|на начало|до конца|по итогам|на|до|с|со|по|за|в|во|от|к|ко|после|конец|начало|к концу|середине|итогам)\s*$/i;

/**
 * All time expressions in `text` (a sentence), with offsets shifted by `offset`.
 * `year` gives the year of dates written without one (null when it cannot be known).
 * @example findTimes('Проведено 3 заседания (13.03.2024 г., 01.10.2024 г.)', 0, null).map((t) => t.from) // ['2024-03-13', '2024-10-01']
 */
export function findTimes(text: string, offset: number, year: number | null): TimeExpr[] {
  const taken: Span[] = [];
  const out: TimeExpr[] = [];
  // Every form the check uses has a digit (a day, a year or an Arabic quarter number) or a Roman numeral.
  if (!/[\dIV]|(?:в|во)\s+(?:янв|фев|мар|апр|ма[ея]|июн|июл|авг|сен|окт|ноя|дек)/iu.test(text)) return out;
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
      const start = m.index;
      const end = start + m[0].replace(/\s+$/, '').length;
      if (taken.some((t) => start < t.end && t.start < end)) continue;
      const built = p.build(m, year);
      if (!built) continue;
      taken.push({ start, end });
      const before = text.slice(Math.max(0, start - 24), start);
      const prep = PREPOSITIONS.exec(before)?.[1].toLowerCase() ?? null;
      out.push({ ...built, start: offset + start, end: offset + end, prep, since: false });
    }
  }
  out.sort((a, b) => a.start - b.start);
  // «с X» without «по Y» is an open interval: it runs on to the report date.
  for (let i = 0; i < out.length; i++) {
    const t = out[i];
    if ((t.prep === 'с' || t.prep === 'со' || t.prep === 'начиная с') && t.from) {
      const next = out[i + 1];
      const joined = next && next.prep === 'по' && next.start - t.end < 6;
      if (joined) {
        t.to = next.to;
        t.end = next.end;
        out.splice(i + 1, 1);
      } else {
        t.since = true;
        t.to = '9999-12-31';
      }
    }
  }
  return out;
}

/** Kind of the preposition: a deadline («до 1 октября») names no event. */
export const isDeadline = (t: TimeExpr) =>
  t.prep === 'до' ||
  t.prep === 'не позднее' ||
  t.prep === 'в срок до' ||
  t.prep === 'к' ||
  t.prep === 'ко' ||
  t.prep === 'до конца' ||
  t.prep === 'к концу';
