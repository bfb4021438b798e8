/**
 * The approval block of a plan: «УТВЕРЖДАЮ / Министр … / О.А. Петелин / «28» декабря 2016 г»
 * (a person's signature), or «УТВЕРЖДЕН распоряжением … от 16.09.2016 № 593-р»
 * (approved by an act: a date, no person).
 */
import { findDate } from './dates.js';
import { normalizeSpace } from './text-utils.js';

export interface Approval {
  approvedOn: string | null;
  approvedByName: string | null;
  /** Index of the «УТВЕРЖДАЮ» line and of the last line of the block, in the lines given. */
  start: number;
  end: number;
}

const APPROVE = /^\s*(УТВЕРЖДАЮ|УТВЕРЖД[ЕЁ]Н[АОЫ]?|Утверждаю|Утвержд[её]н[аоы]?)(?![а-яёА-ЯЁ])/;

/** «О.А. Петелин», «Петелин О.А.», «О. А. Петелин» (initials and surname, either order). */
const PERSON = /(?<![А-ЯЁа-яё])([А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?|[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s[А-ЯЁ]\.\s?[А-ЯЁ]\.)/;

/** Most lines an approval block spans after «УТВЕРЖДАЮ». */
const MAX_BLOCK_LINES = 12;

/**
 * Finds the approval block among the lines before the main table.
 * @example
 * parseApproval(['УТВЕРЖДАЮ', 'Министр социального развития', 'О.А. Петелин', '«28» декабря 2016 г', 'План'])
 * // { approvedOn: '2016-12-28', approvedByName: 'О.А. Петелин', start: 0, end: 3 }
 */
export function parseApproval(lines: string[]): Approval | null {
  const start = lines.findIndex((l) => APPROVE.test(l));
  if (start < 0) return null;
  const byPerson = /утверждаю/i.test(lines[start]);
  let approvedOn: string | null = null;
  let approvedByName: string | null = null;
  let end = start;
  for (let i = start; i < lines.length && i <= start + MAX_BLOCK_LINES; i++) {
    const line = i === start ? lines[i].replace(APPROVE, '') : lines[i];
    if (i > start && /^\s*(план|дорожная карта|перечень|информация|отч[её]т)(?![а-яё])/i.test(line) && !approvedOn) break;
    if (byPerson && !approvedByName) {
      const p = PERSON.exec(line.replace(/_+/g, ' '));
      if (p) { approvedByName = normalizeSpace(p[1]); end = i; }
    }
    const d = findDate(line);
    if (d) { approvedOn = d; end = i; break; }
    if (normalizeSpace(line)) end = i;
  }
  return { approvedOn, approvedByName, start, end };
}
