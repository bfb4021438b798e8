/**
 * How a plan is named where people read it: in lists, notifications, the review queue and
 * the title of the consolidated report. A plan's title is the document's heading, often
 * with abbreviations defined on the way («… организаций (далее – СО НКО) …»): those belong
 * to the document's body, not to a heading or a list row.
 */

/** «(далее – …)», «(далее-СОНКО)», «(далее по тексту – …)», «(и далее – …)». */
const DEFINITION_OPEN = /\(\s*(?:и\s+)?далее(?:\s+по\s+тексту|\s+также)?\s*(?:[-‐‑–—:]\s*|(?=[«"“„\p{L}]))/giu;

/**
 * The text without its «(далее – …)» definitions (brackets balanced, so «(далее – НКО (СО
 * НКО))» goes whole); spaces left around the cut are closed up.
 * @example stripDefinitions('План поддержки организаций (далее – СО НКО) в 2025 году') // 'План поддержки организаций в 2025 году'
 */
export function stripDefinitions(text: string): string {
  let out = '';
  let from = 0;
  DEFINITION_OPEN.lastIndex = 0;
  for (let m = DEFINITION_OPEN.exec(text); m; m = DEFINITION_OPEN.exec(text)) {
    let depth = 1;
    let end = -1;
    for (let i = m.index + m[0].length; i < text.length; i++) {
      if (text[i] === '(') depth++;
      else if (text[i] === ')' && --depth === 0) {
        end = i + 1;
        break;
      }
    }
    if (end < 0) break; // unbalanced: leave the rest as written
    out += text.slice(from, m.index);
    from = end;
    DEFINITION_OPEN.lastIndex = end;
  }
  out += text.slice(from);
  return out
    .replace(/\s+([,.;:!?»)])/g, '$1')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/** Cut at a word boundary, with «…». */
function shorten(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:—–-]+$/, '')}…`;
}

/**
 * A plan's title short enough for a list row or a notification: definitions removed,
 * whitespace closed up, cut at a word boundary.
 * @example shortPlanTitle('План мероприятий по поддержке социально ориентированных некоммерческих организаций (далее – СО НКО) в Северо-Озёрской области на 2025–2027 годы', 70)
 * // 'План мероприятий по поддержке социально… на 2025–2027 годы'
 */
export function shortPlanTitle(title: string, max = 90): string {
  const t = stripDefinitions(title.replace(/\s+/g, ' '));
  if (t.length <= max) return t;
  // Plans of one subject differ by their years: a cut keeps «на 2025–2027 годы» at the end.
  const years = YEARS_TAIL.exec(t);
  if (years && years[0].length < max / 2)
    return `${shorten(t.slice(0, years.index), max - years[0].length - 1)} ${years[0].trim()}`;
  return shorten(t, max);
}

/** «на 2025–2027 годы», «в 2024 - 2025 годы», «на период 2022-2024 годов», «до 2030 года», «на 2025 год». */
const YEARS_TAIL = /\s(?:на|в|до)\s+(?:период\s+)?(?:\d{4}\s*(?:[-–—]\s*\d{4}\s*)?)(?:год[а-я]*|гг?\.?)?\.?\s*$/iu;

/**
 * «№ 1.2 Наименование…» — a measure as a person reads it: its number as printed and its
 * title (never the database id).
 * @example measureLabel({ number: '2.1.', title: 'Проведение форума' }) // '№ 2.1. Проведение форума'
 */
export function measureLabel(m: { number: string; title: string }, max = 120): string {
  const title = shorten(m.title.replace(/\s+/g, ' ').trim(), max);
  return m.number.trim() ? `№ ${m.number.trim()} ${title}` : title;
}
