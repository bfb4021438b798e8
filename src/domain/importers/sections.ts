/**
 * Section headings: «1. Стратегия развития социальной сферы», «II. План мероприятий»,
 * «Раздел 3. Поддержка СО НКО», and for council reports a protocol, numbered by its
 * date: «Протокол заседания Координационного совета от 30 июня 2021 года» -> 2021-06-30.
 */
import { findDate } from './dates.js';
import { parseItemNumber } from './numbering.js';
import { normalizeSpace } from './text-utils.js';

export interface SectionHeading {
  /** As printed («1», «II»), an ISO date for a protocol, or null when unnumbered. */
  number: string | null;
  title: string;
  isProtocol: boolean;
}

const NUMBERED = /^(?:[Рр]аздел\s+|[Чч]асть\s+)?((?:\d{1,3}(?:\.\d{1,3})*)|[IVXLC]{1,7})(?:[.):]\s*|\s+)(\S.*)$/;

/** Whether a text is a protocol heading of a council report («Протокол заседания … от <дата>»). */
export function isProtocolHeading(text: string): boolean {
  const t = normalizeSpace(text);
  if (t.length > 300 || !/(^|\s|\()(протокол|заседани)/i.test(t) || findDate(t) === null) return false;
  // «2. Подготовка к заседанию Совета 15 мая» is a numbered section, not a protocol.
  return !/^(?:\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,7})[.)]\s/.test(t) || /^\S+\s+протокол/i.test(t);
}

/**
 * Reads a section heading.
 * @example parseSectionHeading('1. Стратегия развития социальной сферы') // { number: '1', title: 'Стратегия развития социальной сферы', isProtocol: false }
 * @example parseSectionHeading('Протокол заседания совета от 30 июня 2021 года').number // '2021-06-30'
 */
export function parseSectionHeading(text: string): SectionHeading {
  const t = normalizeSpace(text);
  if (isProtocolHeading(t)) return { number: findDate(t), title: t, isProtocol: true };
  const m = NUMBERED.exec(t);
  if (m && parseItemNumber(m[1]) && /[\p{L}]/u.test(m[2])) {
    // A Roman numeral must be followed by a separator, not be a word's first letters («Информация …»).
    return { number: m[1], title: m[2].trim(), isProtocol: false };
  }
  return { number: null, title: t, isProtocol: false };
}

/** Whether a paragraph reads as a numbered heading («II. План мероприятий», «Раздел 2»). */
export function isNumberedHeading(text: string): boolean {
  const t = normalizeSpace(text);
  return t.length <= 300 && /^(?:раздел\s+|часть\s+)?(\d{1,2}|[IVXLC]{1,6})[.)]\s+[А-ЯЁA-Z«"]/i.test(t);
}
