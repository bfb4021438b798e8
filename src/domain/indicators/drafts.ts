/**
 * From an imported indicator table (interchange: number, name, values by column label) to
 * what the indicators module keeps: unit, base value and period, planned values by year and
 * quarter. Pure: the import preview shows these drafts for fixing, the commit saves them.
 */
import type { InterchangeIndicator } from '../importers/interchange.js';

export type IndicatorDirection = 'up' | 'down' | 'target';
export type IndicatorBreakdown = 'total' | 'organisation' | 'municipality';
export type IndicatorComputation = 'reported' | 'share' | 'sum';

export interface TargetValue {
  year: number;
  /** 0: the year's target; 1…4: a quarter's. */
  quarter: number;
  value: number | null;
  /** As printed when it is not a plain number («не менее 5»), else ''. */
  valueText: string;
}

export interface IndicatorDraft {
  number: string;
  name: string;
  unit: string;
  direction: IndicatorDirection;
  baseValue: number | null;
  basePeriod: string;
  targets: TargetValue[];
}

/**
 * A number as Russian documents print it: decimal comma, spaces or NBSP between thousands,
 * an optional trailing «%». Null for anything else.
 * @example parseIndicatorNumber('44,7') // 44.7
 * @example parseIndicatorNumber('1 250') // 1250
 * @example parseIndicatorNumber('не менее 5') // null
 */
export function parseIndicatorNumber(text: string | number): number | null {
  if (typeof text === 'number') return Number.isFinite(text) ? text : null;
  const t = text
    .replace(/[\s\u00a0\u202f]+/g, '')
    .replace(/%$/, '')
    .replace(',', '.');
  if (!/^[-−–]?\d+(\.\d+)?$/.test(t)) return null;
  const n = Number(t.replace(/^[−–]/, '-'));
  return Number.isFinite(n) ? n : null;
}

const ROMAN_QUARTER: Record<string, number> = { I: 1, II: 2, III: 3, IV: 4 };

/** What a value column's label names: a span of years (the base), one year, or a quarter of a year. */
export type ColumnPeriod =
  | { kind: 'range'; from: number; to: number; label: string }
  | { kind: 'year'; year: number; fact: boolean }
  | { kind: 'quarter'; year: number; quarter: number };

/**
 * @example readColumnLabel('2019-2021') // { kind: 'range', from: 2019, to: 2021, label: '2019-2021' }
 * @example readColumnLabel('II кв. 2024') // { kind: 'quarter', year: 2024, quarter: 2 }
 */
export function readColumnLabel(label: string): ColumnPeriod | null {
  const l = label.replace(/\s+/g, ' ').trim();
  const range = /((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)/.exec(l);
  if (range) return { kind: 'range', from: +range[1], to: +range[2], label: `${range[1]}-${range[2]}` };
  const year = /((?:19|20)\d\d)/.exec(l);
  if (!year) return null;
  const q = /\b(IV|I{1,3}|[1-4])\s*(?:-?й\s*)?(?:кв|квартал)/i.exec(l);
  if (q) return { kind: 'quarter', year: +year[1], quarter: ROMAN_QUARTER[q[1].toUpperCase()] ?? Number(q[1]) };
  return { kind: 'year', year: +year[1], fact: /факт|отч[её]т/i.test(l) };
}

const UNIT_WORDS: Record<string, string> = {
  процент: '%',
  процентов: '%',
  проценты: '%',
  человек: 'чел.',
  единиц: 'ед.',
  единица: 'ед.',
  рублей: 'руб.',
  баллов: 'баллы',
  балл: 'баллы',
  штук: 'шт.',
};

/**
 * A unit in the short form the product shows: «процентов» -> «%», «единиц» -> «ед.».
 * @example normaliseUnit('тыс.  человек') // 'тыс. человек'
 */
export function normaliseUnit(unit: string): string {
  const u = unit.replace(/\s+/g, ' ').trim();
  return UNIT_WORDS[u.toLowerCase()] ?? u;
}

/**
 * The unit an indicator's name states («Доля …, в %», «… (ед.)», «Численность …, тыс. человек»),
 * or '' when it names none.
 * @example unitFromName('Доля организаций, в %') // '%'
 */
export function unitFromName(name: string): string {
  const n = name.toLowerCase();
  if (/(,|\()\s*(в\s+)?(%|процент)/.test(n) || /%\)?\s*$/.test(n)) return '%';
  const tail =
    /[,(]\s*(тыс\.\s*человек|тыс\.\s*чел\.?|человек|чел\.|единиц|ед\.|рублей|руб\.|млн\s*руб\.?|тыс\.\s*руб\.?|баллов|баллы|штук|шт\.)\s*\)?\s*$/.exec(
      n,
    );
  if (tail) return normaliseUnit(tail[1]);
  if (/^(доля|удельный вес|процент)/.test(n)) return '%';
  if (/^(количество|число)\b/.test(n)) return 'ед.';
  if (/^численность\b/.test(n)) return 'чел.';
  return '';
}

/**
 * Drafts from the importer's indicator rows. The base is the column that spans several years
 * («2019-2021 гг. (отчёт)»), or a year before the plan's first marked as a fact, or (lacking a
 * plan period) the first year column marked «факт»; every other year or quarter column is a
 * planned value.
 */
export function draftsFromInterchange(
  rows: InterchangeIndicator[],
  planPeriod: [string, string] | null,
): IndicatorDraft[] {
  const firstYear = planPeriod ? Number(planPeriod[0].slice(0, 4)) : null;
  return rows.map((row) => {
    let baseValue: number | null = null;
    let basePeriod = '';
    const targets: TargetValue[] = [];
    for (const [label, raw] of Object.entries(row.values)) {
      const p = readColumnLabel(label);
      if (!p) continue;
      const text = String(raw).trim();
      const value = parseIndicatorNumber(text);
      const isBase =
        !basePeriod &&
        (p.kind === 'range' ||
          (p.kind === 'year' && firstYear != null && p.year < firstYear) ||
          (p.kind === 'year' && firstYear == null && p.fact));
      if (isBase) {
        baseValue = value;
        basePeriod = p.kind === 'range' ? p.label : String((p as { year: number }).year);
        continue;
      }
      if (p.kind === 'range') continue;
      const key = { year: p.year, quarter: p.kind === 'quarter' ? p.quarter : 0 };
      if (targets.some((t) => t.year === key.year && t.quarter === key.quarter)) continue;
      targets.push({ ...key, value, valueText: value == null ? text : '' });
    }
    targets.sort((a, b) => a.year - b.year || a.quarter - b.quarter);
    const name = row.name.trim();
    return {
      number: row.number.trim() || '',
      name,
      unit: normaliseUnit(row.unit ?? '') || unitFromName(name),
      direction: 'up',
      baseValue,
      basePeriod,
      targets,
    };
  });
}
