/**
 * The head of a protocol: which council met, the protocol's number and date, where
 * and how. Printed in many layouts:
 *
 *   ПРОТОКОЛ                                 ПРОТОКОЛ № 3
 *   заседания Координационного совета        заседания Общественного совета …
 *   по … в Омской области                    от 20.06.2024
 *   15 марта 2024 г.          № 1
 *   г. Омск                                  ПРОТОКОЛ заседания … от 15 марта 2024 г. № 1
 *
 * The meeting's date is the date printed with the protocol's number (the same
 * line, or a line next to it); a date inside the council's name («образованного
 * распоряжением от 10.01.2020 № 3-р») is not it.
 */
import { findDate } from '../dates.js';
import { agreeingRun, matchHeadNoun, phraseToNominative } from '../nominative.js';
import { normalizeSpace } from '../text-utils.js';
import { MEETING_WORD, TITLE_LINE } from './protocol-markers.js';

export interface ProtocolHeader {
  /** Index of the title line. */
  titleAt: number;
  title: string;
  council: string;
  number: string | null;
  date: string | null;
  place: string | null;
  format: 'in_person' | 'absentee' | 'video' | null;
}

const NUMBER = /(?:^|[\s(])(?:№|N(?=\s?\d))\s*([0-9][0-9A-Za-zА-Яа-яЁё/\-–.]*)/u;
const DATE_TEXT =
  /(?:[«"]?\d{1,2}[»"]?\s+(?:январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-я]*\s+\d{4}|\d{1,2}\.\d{1,2}\.\d{2,4})(?:\s*(?:г\.|года|год))?/iu;
/** «(образован распоряжением … от 10.01.2020 № 3-р)»: a date and number that belong to an act, not to the protocol. */
const ACT_WORDS =
  /(?:постановлени(?:ем|я)|распоряжени(?:ем|я)|приказ(?:ом|а)|указ(?:ом|а)|решени(?:ем|я)|(?:утвержд[её]н|образован|создан)(?:н[а-я]*|а|о|ы)?(?=\s))\s+[^№]*$/iu;
const PLACE = /^(?:г\.\s?[А-ЯЁ]|город\s+[А-ЯЁ]|пгт\.?\s|с\.\s?[А-ЯЁ]|Место\s+(?:проведения|заседания)\s*[:–—-])/u;
const META =
  /^(?:Место|Время|Дата|Форма|Начало|Окончание|Формат|Способ)\s+(?:проведения|заседания|голосования|подведения|начала|окончания)?/iu;

const printedNumber = (s: string) => s.replace(/[.,;)]+$/, '');

/** Whether the text before a «№» on its line makes the number the protocol's own. */
function ownNumber(before: string, isTitleLine: boolean): boolean {
  const b = normalizeSpace(before);
  if (isTitleLine && /^(?:ПРОТОКОЛ|Протокол|ВЫПИСКА\s+ИЗ\s+ПРОТОКОЛА|Выписка\s+из\s+протокола)$/u.test(b)) return true;
  if (b.length <= 32 && !ACT_WORDS.test(b)) return true; // «15.03.2024», «г. Омск», «от 15 марта 2024 г.»
  const dated = new RegExp(`(?:от\\s+)?${DATE_TEXT.source}\\s*$`, 'iu').exec(b);
  return Boolean(dated) && !ACT_WORDS.test(b.slice(Math.max(0, dated!.index - 80), dated!.index));
}

/** The council named after «заседания»: leading adjectives and head noun in the nominative. */
export function councilName(text: string): string {
  let t = normalizeSpace(text)
    .replace(/^(?:ВЫПИСКА\s+ИЗ\s+ПРОТОКОЛА|Выписка\s+из\s+протокола|ПРОТОКОЛ|Протокол)(?![\p{L}])\s*/u, '')
    .replace(/^(?:№|N)\s*\S+\s*/u, '');
  t = t.replace(
    /^(?:(?:очередного|внеочередного|заочного|выездного|расширенного|совместного|итогового|организационного|первого|постоянно\s+действующего)\s+)*(?:заседания|совещания|собрания|заочного\s+голосования)(?:\s+членов)?\s+/iu,
    '',
  );
  t = t.replace(/^\((?:в\s+)?(?:заочной|очной|очно-заочной)\s+форме\)\s*/iu, '');
  // The date and number printed after the name are not part of it.
  t = t
    .replace(new RegExp(`\\s*(?:от\\s+)?${DATE_TEXT.source}.*$`, 'iu'), '')
    .replace(/\s*(?:№|N(?=\s?\d))\s*\S+\s*$/u, '')
    .replace(/[\s,.;:]+$/, '');
  // «(заочное голосование)», «(в заочной форме)»: how, not who.
  t = t.replace(/\s*\([^()]*(?:заочн|очной|голосовани)[^()]*\)/iu, '').trim();
  // A name printed in capitals («КООРДИНАЦИОННОГО СОВЕТА …») is declined in lower case.
  // Short words that are not prepositions are abbreviations and stay («НКО», «СО»).
  if (/\p{Lu}{4}/u.test(t) && t === t.toUpperCase()) {
    t = t
      .split(' ')
      .map((w) => (w.length > 4 || /^(?:ПО|В|ВО|И|НА|ПРИ|ДЛЯ|С|К|О|ОБ|ИХ|ЗА|ДО|ОТ)$/.test(w) ? w.toLowerCase() : w))
      .join(' ');
  }
  const words = t.split(' ');
  for (let i = 0; i < Math.min(words.length, 6); i++) {
    const head = matchHeadNoun(words[i].replace(/[^\p{L}-]/gu, ''));
    if (!head || !head.forms.some((f) => f.c === 'gen')) continue;
    const run = agreeingRun(words.slice(0, i + 1), head);
    if (run.count !== i) break;
    const nominative = phraseToNominative(words.slice(0, i + 1));
    t = [nominative, ...words.slice(i + 1)].join(' ');
    break;
  }
  return t ? t[0].toUpperCase() + t.slice(1) : t;
}

/**
 * Reads the head of a protocol from its first lines (up to the first attendance,
 * agenda or body line, `end` exclusive).
 */
export function readProtocolHeader(lines: string[], titleAt: number, end: number): ProtocolHeader {
  const head = lines.slice(0, end);
  // The council's name: the title line's own text and the lines after it, up to a date, a number or a place.
  const councilLines: string[] = [lines[titleAt]];
  let k = titleAt + 1;
  // «ПРОТОКОЛ заседания … от 15 марта 2024 г. № 1»: the whole head on one line.
  const oneLine = MEETING_WORD.test(lines[titleAt]) && (NUMBER.test(lines[titleAt]) || DATE_TEXT.test(lines[titleAt]));
  for (; !oneLine && k < end; k++) {
    const l = head[k];
    if (PLACE.test(l) || META.test(l) || /^(?:от\s|«?\d|№|N\s?\d)/u.test(l) || (DATE_TEXT.test(l) && l.length < 60))
      break;
    councilLines.push(l);
    // The name may end on the line that prints the date and number after it.
    if (NUMBER.test(l) || DATE_TEXT.test(l)) {
      k++;
      break;
    }
  }
  const titleText = normalizeSpace(councilLines.join(' '));

  // The protocol's number: on the title line, or on a short line of its own, or after a date.
  let number: string | null = null;
  let numberAt = -1;
  for (let i = 0; i < end && number === null; i++) {
    const l = head[i];
    const re = new RegExp(NUMBER.source, 'gu');
    for (let m = re.exec(l); m; m = re.exec(l)) {
      const at = m.index + (m[0].length - m[0].replace(/^[\s(]/, '').length);
      if (!ownNumber(l.slice(0, at), i === titleAt)) continue;
      number = printedNumber(m[1]);
      numberAt = i;
      break;
    }
  }
  // Its date: on the number's line, else a short dated line beside it, else the first dated line of the head.
  let date: string | null = null;
  const dateOf = (l: string) => {
    const m = DATE_TEXT.exec(l);
    return m && !ACT_WORDS.test(l.slice(Math.max(0, m.index - 80), m.index)) ? findDate(m[0]) : null;
  };
  if (numberAt >= 0) {
    date = dateOf(head[numberAt]);
    for (const d of [1, -1, 2, -2]) {
      if (date) break;
      const l = head[numberAt + d];
      if (l !== undefined && numberAt + d >= titleAt && (l.length < 60 || /^(?:от\s|Дата)/iu.test(l))) date = dateOf(l);
    }
  }
  for (let i = titleAt; i < end && !date; i++) {
    const l = head[i];
    if (l.length < 60 || /^(?:от\s|Дата)/iu.test(l) || i < k) date = dateOf(l);
  }

  // «г. Омск» on a line of its own, or beside the date («15 марта 2024 г.      г. Омск»).
  const placeLine =
    head.slice(titleAt).find((l) => PLACE.test(l)) ??
    head
      .slice(titleAt + 1)
      .map((l) => (l.length < 90 ? /(?:^|\s)(г\.\s?[А-ЯЁ][\p{L}-]+)/u.exec(l)?.[1] : undefined))
      .find(Boolean);
  // «г. Омск      № 3» / «г. Омск   15 марта 2024 г.»: the place without the number and date beside it.
  const place = placeLine
    ? normalizeSpace(
        placeLine
          .replace(/^Место\s+(?:проведения|заседания)\s*[:–—-]\s*/iu, '')
          .replace(/\s(?:№|N(?=\s?\d))\s*\S+/u, ' ')
          .replace(new RegExp(`(?:от\\s+)?${DATE_TEXT.source}`, 'iu'), ' '),
      ).replace(/[\s,]+$/, '') || null
    : null;
  const all = head.join(' ');
  const format = /заочн/iu.test(all)
    ? 'absentee'
    : /видео-?конференц|(?:^|\s)ВКС(?![\p{L}])|в\s+режиме\s+видео|дистанционн|онлайн/iu.test(all)
      ? 'video'
      : /(?:очной\s+форме|очное|Форма\s+проведения\s*[:–—-]\s*очн)/iu.test(all)
        ? 'in_person'
        : null;

  return { titleAt, title: titleText, council: councilName(titleText), number, date, place, format };
}

/**
 * Where the protocol's title line is among the first lines, or -1: «ПРОТОКОЛ» (or
 * «Протокол № …», «Выписка из протокола») opening a line, speaking of a meeting on
 * that line or one of the next three.
 */
export function findTitleLine(lines: string[]): number {
  const limit = Math.min(lines.length, 14);
  for (let i = 0; i < limit; i++) {
    const l = lines[i];
    if (!TITLE_LINE.test(l) || l.length > 400) continue;
    const near = lines.slice(i, i + 4).join(' ');
    if (MEETING_WORD.test(near) || NUMBER.test(l)) return i;
  }
  return -1;
}
