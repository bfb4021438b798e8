/**
 * Item and section numbers as printed in the «№ п/п» column: «1», «1.1.», «12.1 12.8»
 * (a range is one item), «II», «1)».
 */

export interface ParsedNumber {
  /** Normalised: trailing dot dropped, a range joined with an en dash («12.1–12.8»). */
  number: string;
  kind: 'arabic' | 'roman' | 'range';
  /** Arabic levels: «4.2» -> [4, 2]; for a range, its first end. */
  levels: number[];
}

const ARABIC = /^(\d{1,3}(?:\.\d{1,3})*(?:\.?[а-яa-z](?![а-яa-z]))?)\.?\)?$/;
const RANGE = /^(\d{1,3}(?:\.\d{1,3})*)\.?\s*(?:[-–—]|\s|\.\.)\s*(\d{1,3}(?:\.\d{1,3})*)\.?$/;
const ROMAN = /^([IVXLC]{1,7})\.?\)?$/;

/** Value of a Roman numeral, or null when the letters do not form one. */
export function romanValue(s: string): number | null {
  const v: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const a = v[s[i]];
    const b = v[s[i + 1]] ?? 0;
    if (!a) return null;
    total += a < b ? -a : a;
  }
  return total > 0 ? total : null;
}

/**
 * Parses a number cell; null when the cell is not a number.
 * @example parseItemNumber('1.1.') // { number: '1.1', kind: 'arabic', levels: [1, 1] }
 * @example parseItemNumber('12.1 12.8') // { number: '12.1–12.8', kind: 'range', levels: [12, 1] }
 * @example parseItemNumber('II.') // { number: 'II', kind: 'roman', levels: [2] }
 */
export function parseItemNumber(cell: string): ParsedNumber | null {
  const t = cell.replace(/\s+/g, ' ').trim().replace(/^№\s*/, '');
  if (!t) return null;
  let m = ARABIC.exec(t);
  if (m)
    return {
      number: m[1],
      kind: 'arabic',
      levels: m[1]
        .split('.')
        .map((x) => parseInt(x, 10))
        .filter((x) => !Number.isNaN(x)),
    };
  m = RANGE.exec(t);
  if (m) return { number: `${m[1]}–${m[2]}`, kind: 'range', levels: m[1].split('.').map(Number) };
  m = ROMAN.exec(t);
  if (m && romanValue(m[1])) return { number: m[1], kind: 'roman', levels: [romanValue(m[1])!] };
  return null;
}

/** Whether `child` is numbered under `parent` («1.2» under «1»). */
export const isUnder = (child: string, parent: string): boolean => child.startsWith(parent + '.');
