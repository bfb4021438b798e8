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

const APPROVE = /(УТВЕРЖДАЮ|УТВЕРЖД[ЕЁ]Н[АОЫ]?|Утверждаю|Утвержд[её]н[аоы]?|\(\s*утв\.)(?![а-яёА-ЯЁ])/;

/** «О.А. Петелин», «Петелин О.А.», «О. А. Петелин» (initials and surname, either order). */
const PERSON =
  /(?<![А-ЯЁа-яё])([А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?|[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s[А-ЯЁ]\.\s?[А-ЯЁ]\.)/;

/** Most lines an approval block spans after «УТВЕРЖДАЮ». */
const MAX_BLOCK_LINES = 12;

/**
 * The right-hand column of a line laid out in two columns with spaces or tabs
 * («СОГЛАСОВАНО          УТВЕРЖДАЮ»): what stands from `col` on.
 */
function rightColumn(line: string, col: number): string {
  if (line.includes('\t')) {
    const parts = line.split(/\t+/).filter((x) => x.trim());
    if (parts.length > 1) return parts[parts.length - 1];
    return /^\s*/.exec(line)![0].length >= col / 2 ? line : '';
  }
  return line.length > col - 3 ? line.slice(Math.max(0, col - 3)) : '';
}

/**
 * Finds the approval block among the lines before the main table (lines as printed:
 * a block set beside a «СОГЛАСОВАНО» block is read from its own column).
 * @example
 * parseApproval(['УТВЕРЖДАЮ', 'Министр социального развития', 'О.А. Петелин', '«28» декабря 2016 г', 'План'])
 * // { approvedOn: '2016-12-28', approvedByName: 'О.А. Петелин', start: 0, end: 3 }
 */
export function parseApproval(lines: string[]): Approval | null {
  let start = -1;
  let col = 0;
  let beside = false;
  for (let i = 0; i < lines.length && start < 0; i++) {
    const m = APPROVE.exec(lines[i]);
    if (!m) continue;
    const before = lines[i].slice(0, m.index);
    // At the start of the line, or as a column beside another block; a legal database's
    // «(утв. приказом … от …)» may follow the title on its line.
    if (before.trim() && !/(\s{3,}|\t)$/.test(before) && !m[1].startsWith('(')) continue;
    if (m[1].startsWith('(')) {
      start = i;
      col = m.index;
      break;
    }
    start = i;
    col = m.index;
    beside = before.trim() !== '';
  }
  if (start < 0) return null;
  const byPerson = /утверждаю/i.test(lines[start]);
  let approvedOn: string | null = null;
  let approvedByName: string | null = null;
  let end = start;
  for (let i = start; i < lines.length && i <= start + MAX_BLOCK_LINES; i++) {
    const raw = i === start ? lines[i].slice(col).replace(APPROVE, '') : beside ? rightColumn(lines[i], col) : lines[i];
    const line = normalizeSpace(raw);
    if (i > start && /^(план|дорожная карта|перечень|информация|отч[её]т)(?![а-яё])/i.test(line) && !approvedOn) break;
    if (byPerson && !approvedByName) {
      const p = PERSON.exec(line.replace(/_+/g, ' '));
      if (p) {
        approvedByName = normalizeSpace(p[1]);
        end = i;
      }
    }
    const d: string | null = approvedOn ? null : findDate(line);
    if (d) {
      approvedOn = d;
      end = i;
    }
    // The block ends at its date, unless the signature comes after it.
    if (approvedOn && (approvedByName || !byPerson || i >= end + 2)) break;
    if (line && !approvedOn) end = i;
  }
  return { approvedOn, approvedByName, start, end };
}
