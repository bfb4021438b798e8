/**
 * Russian calendar dates as printed in plans: «28» декабря 2016 г, 30 июня 2021 года,
 * 16.09.2016. Pure; no clock.
 */

const MONTHS: Record<string, number> = {
  январ: 1,
  феврал: 2,
  март: 3,
  апрел: 4,
  ма: 5,
  июн: 6,
  июл: 7,
  август: 8,
  сентябр: 9,
  октябр: 10,
  ноябр: 11,
  декабр: 12,
};

/** Month number from a Russian month word in any case («декабря», «Май», «мая»), or null. */
export function monthNumber(word: string): number | null {
  const w = word.toLowerCase();
  if (/^ма[йяе]$/.test(w)) return 5;
  for (const [stem, n] of Object.entries(MONTHS)) if (stem !== 'ма' && w.startsWith(stem)) return n;
  return null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO date if the day exists in that month, else null. */
export function isoDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || y < 1900 || y > 2200) return null;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= last ? `${y}-${pad(m)}-${pad(d)}` : null;
}

const WORD_DATE = /(?:^|[^\d])[«"“„']?\s*(\d{1,2})\s*(?:[»"”']\s*|\s+)([А-Яа-яЁё]+)\s+(\d{4})/;
const NUMERIC_DATE = /(?:^|[^\d.])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?![\d])/;

/**
 * Finds the first calendar date in a text and returns it as `YYYY-MM-DD`.
 * @example findDate('«28» декабря 2016 г') // '2016-12-28'
 * @example findDate('Протокол заседания от 1 октября 2021 года') // '2021-10-01'
 * @example findDate('от 16.09.2016 № 593-р') // '2016-09-16'
 */
export function findDate(text: string): string | null {
  const w = WORD_DATE.exec(text);
  const n = NUMERIC_DATE.exec(text);
  const fromWord = () => {
    if (!w) return null;
    const m = monthNumber(w[2]);
    return m ? isoDate(Number(w[3]), m, Number(w[1])) : null;
  };
  const fromNumeric = () => {
    if (!n) return null;
    const y = n[3].length === 2 ? 2000 + Number(n[3]) : Number(n[3]);
    return isoDate(y, Number(n[2]), Number(n[1]));
  };
  // Whichever comes first in the text wins.
  if (w && n) return w.index <= n.index ? (fromWord() ?? fromNumeric()) : (fromNumeric() ?? fromWord());
  return fromWord() ?? fromNumeric();
}
