/**
 * The period of a plan, from its title: «на период 2022-2024 годов», «в 2024 - 2025 годы»,
 * «на 2023 год», «на 2022–2024 гг.», «на период с 2021 по 2025 год». Never guessed:
 * «до 2030 года» alone says when it ends, not when it starts, so it gives no period.
 */

const Y = '((?:19|20)\\d{2})';
const AFTER_YEAR = '(?:\\s*(?:г\\.|гг\\.|года?))?';
const YEARS_WORD = '(?:годы|годов|годах|года|год|гг|г)(?![а-яё])';
const RANGE = new RegExp(
  `(с\\s+)?${Y}${AFTER_YEAR}\\s*([-–—]|по|до)\\s*${Y}\\s*(${YEARS_WORD})?`,
  'gi',
);
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
