/**
 * The period of a plan, from its title: «на период 2022-2024 годов», «в 2024 - 2025 годы»,
 * «на 2023 год», «на 2022–2024 гг.», «на период с 2021 по 2025 год». Never guessed:
 * «до 2030 года» alone says when it ends, not when it starts, so it gives no period.
 */

const Y = '((?:19|20)\\d{2})';
const AFTER_YEAR = '(?:\\s*(?:г\\.|гг\\.|года?))?';
const YEARS_WORD = '(?:годы|годов|годах|года|год|гг|г)(?![а-яё])';
const RANGE = new RegExp(`(с\\s+)?${Y}${AFTER_YEAR}\\s*([-–—]|по|до)\\s*${Y}\\s*(${YEARS_WORD})?`, 'gi');
const SINGLE = new RegExp(`(?:на|в)\\s+${Y}\\s*(?:год|году|г\\.)(?![а-яё])`, 'i');

/**
 * `[first day, last day]` of the years a title names, or null.
 * @example parsePeriod('План … на период 2022-2024 годов') // ['2022-01-01', '2024-12-31']
 * @example parsePeriod('План … в 2024 - 2025 годы') // ['2024-01-01', '2025-12-31']
 * @example parsePeriod('План на 2023 год') // ['2023-01-01', '2023-12-31']
 */
export function parsePeriod(title: string): [string, string] | null {
  const t = title.replace(/\s+/g, ' ');
  RANGE.lastIndex = 0;
  for (let m = RANGE.exec(t); m; m = RANGE.exec(t)) {
    const [, withFrom, y1, sep, y2, yearsWord] = m;
    if (/^(по|до)$/i.test(sep) && !withFrom) continue;
    const before = t.slice(Math.max(0, m.index - 20), m.index);
    const introduced = /(?:^|\s)(на|в|период[а-яё]*|срок[а-яё]*)\s*$/i.test(before) || Boolean(withFrom);
    if (!introduced && !yearsWord) continue;
    const from = Number(y1);
    const to = Number(y2);
    if (to < from || to - from > 30) continue;
    return [`${from}-01-01`, `${to}-12-31`];
  }
  const s = SINGLE.exec(t);
  if (!s) return null;
  // «на 2024 год и на плановый период 2025 и 2026 годов»: the plan runs to the last planned year.
  const planned = new RegExp(`плановый\\s+период\\s+${Y}\\s*(?:и|[-–—])\\s*${Y}`, 'i').exec(t);
  const last = planned && Number(planned[2]) > Number(s[1]) ? planned[2] : s[1];
  return [`${s[1]}-01-01`, `${last}-12-31`];
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
const ORDINAL: Record<string, number> = { перв: 1, втор: 2, трет: 3, четверт: 4 };
const partNumber = (s: string): number | null => {
  const t = s.toLowerCase().replace(/[-–]?(й|е|го|ое|ый|ий)$/, '');
  if (/^\d$/.test(t)) return Number(t);
  if (ROMAN[t]) return ROMAN[t];
  for (const [stem, n] of Object.entries(ORDINAL)) if (t.startsWith(stem)) return n;
  return null;
};
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const span = (y: number, m1: number, m2: number): [string, string] => [iso(y, m1, 1), iso(y, m2, lastDay(y, m2))];

const PART = '(I{1,3}|IV|[1-4](?:-?(?:й|е|го|ое|ый))?|перв\\S*|втор\\S*|трет\\S*|четв[её]рт\\S*)';
const REPORT_PART = new RegExp(`(?:за|по итогам|в)\\s+${PART}\\s+(полугоди|квартал)\\S*\\s+${Y}`, 'i');
const REPORT_MONTHS = new RegExp(
  `(?:за|по итогам)\\s+(3|6|9|12|тр[её]х|шести|девяти|двенадцати)\\s+месяц\\S*\\s+${Y}`,
  'i',
);
const REPORT_YEAR = new RegExp(`(?:за|по итогам|по состоянию на конец|в)\\s+${Y}\\s*(?:г\\.|год[а-я]*)(?![а-яё])`, 'i');

/**
 * The period a report covers, from its title: «за 2023 год», «по итогам 2024 года»,
 * «в 2024 году», «за I полугодие 2025 г.», «за III квартал 2024 года», «за 9 месяцев
 * 2024 года». Null when the title states none.
 * @example parseReportPeriod('Информация … за I полугодие 2025 г.') // ['2025-01-01', '2025-06-30']
 * @example parseReportPeriod('Отчет … по итогам 2024 года') // ['2024-01-01', '2024-12-31']
 */
export function parseReportPeriod(title: string): [string, string] | null {
  const t = title.replace(/\s+/g, ' ');
  const part = REPORT_PART.exec(t);
  if (part) {
    const n = partNumber(part[1]);
    const y = Number(part[3]);
    if (n && /полугоди/i.test(part[2]) && n <= 2) return n === 1 ? span(y, 1, 6) : span(y, 7, 12);
    if (n && /квартал/i.test(part[2])) return span(y, 3 * n - 2, 3 * n);
  }
  const months = REPORT_MONTHS.exec(t);
  if (months) {
    const words: Record<string, number> = { тре: 3, тр: 3, шес: 6, дев: 9, две: 12 };
    const n = /^\d+$/.test(months[1])
      ? Number(months[1])
      : (words[months[1].slice(0, 3).toLowerCase()] ?? words[months[1].slice(0, 2).toLowerCase()]);
    if (n) return span(Number(months[2]), 1, n);
  }
  const year = REPORT_YEAR.exec(t);
  if (year) return span(Number(year[1]), 1, 12);
  return null;
}

/**
 * The document's period from its title: the years a plan is for (a report on a plan
 * names them too, and they win), else the period a report covers.
 * @example documentPeriod('Информация о ходе реализации плана … за 2023 год') // ['2023-01-01', '2023-12-31']
 */
export function documentPeriod(title: string): [string, string] | null {
  return parsePeriod(title) ?? parseReportPeriod(title);
}
