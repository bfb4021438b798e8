/**
 * Dates written out the Russian way, as official documents and letters print them.
 * The one home of the genitive month names: reminders, mail subjects and exported
 * reports all format through here.
 */

/** Month names in the genitive case, January first: «12 января». */
export const MONTHS_GENITIVE: readonly string[] = [
  'января',
  'февраля',
  'марта',
  'апреля',
  'мая',
  'июня',
  'июля',
  'августа',
  'сентября',
  'октября',
  'ноября',
  'декабря',
];

/**
 * An ISO date (or the date part of a date-time, taken as written) in long form; `yearWord`
 * follows the year: «г.» in letters and tables, «года» in the running text of a document.
 * Returns null when `iso` does not start with a valid `YYYY-MM-DD`.
 * @example russianLongDate('2016-12-28') // '28 декабря 2016 г.'
 * @example russianLongDate('2021-06-30', 'года') // '30 июня 2021 года'
 */
export function russianLongDate(iso: string, yearWord: 'г.' | 'года' = 'г.'): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso.trim());
  const month = m ? MONTHS_GENITIVE[Number(m[2]) - 1] : undefined;
  if (!m || !month) return null;
  return `${Number(m[3])} ${month} ${m[1]} ${yearWord}`;
}
