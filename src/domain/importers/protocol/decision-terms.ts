/**
 * Deadlines and executors of one protocol decision, as written.
 *
 * - Labelled: «Срок: до 1 декабря 2024 г.», «Срок исполнения – в течение месяца»,
 *   «Ответственные: Минтруд, Минздрав», «Исполнители: …», on a line of their own,
 *   after the sentence, or in brackets («(срок – до 1 июня)»). The label goes; the
 *   term stays as printed.
 * - Inside the sentence: «… в срок до 1 июня 2024 г. подготовить …», «к следующему
 *   заседанию Совета», «в течение 10 рабочих дней со дня …», «ежеквартально». The
 *   phrase keeps its own preposition («до 1 июня 2024 г.»); «в срок» before it is a
 *   label in all but name and goes.
 * Pure functions of text.
 */
import { isInfinitive } from './russian-words.js';

const MONTH = String.raw`(?:январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-я]*`;
const YEAR = String.raw`(?:\s*(?:19|20)\d{2}\s*(?:г\.|года|год|гг\.)?)`;
const DAY_MONTH = String.raw`[«"]?\d{1,2}[»"]?\s+${MONTH}(?:${YEAR}|\s+(?:текущего|следующего|очередного|отч[её]тного)\s+года)?`;
const NUM_DATE = String.raw`\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})(?!\d)(?:\s*(?:г\.|года))?`;
const ORDINAL = String.raw`(?:[IV]{1,3}|[1-4])(?:\s*-?\s*(?:го|й|м|ом))?`;
const QUARTER_GEN = String.raw`${ORDINAL}\s+(?:квартала|полугодия)${YEAR}?`;
const DAY_OF_MONTH = String.raw`\d{1,2}(?:-?го)?\s+числа(?:\s+(?:месяца|каждого\s+месяца))?(?:,?\s+следующего\s+за\s+отч[её]тным(?:\s+(?:периодом|кварталом|месяцем|годом|полугодием))?)?`;
const END_OF = String.raw`(?:конца|окончания|начала|середины)\s+(?:\d{4}\s+года|текущего\s+(?:года|квартала|месяца)|года|квартала|месяца|${QUARTER_GEN}|${MONTH}${YEAR}?|отч[её]тного\s+(?:года|периода))`;
const POINT = String.raw`(?:${DAY_MONTH}|${NUM_DATE}|${END_OF}|${DAY_OF_MONTH}|${QUARTER_GEN}|(?:19|20)\d{2}\s+года)`;
const COUNT = String.raw`(?:\d{1,3}|одного|двух|тр[её]х|четыр[её]х|пяти|шести|семи|десяти|пятнадцати|тридцати)`;
const SPAN = String.raw`(?:${COUNT}\s+)?(?:(?:рабочих|календарных)\s+)?(?:дн[а-я]*|недел[а-я]*|месяц[а-я]*|года|квартала|полугодия|(?:19|20)\d{2}\s+года|${QUARTER_GEN}|текущего\s+(?:года|квартала|месяца)|${MONTH}(?:\s*[–—-]\s*${MONTH})?${YEAR}?)`;
const QUARTER_PREP = String.raw`(?:${ORDINAL}|первом|втором|тр[её]тьем|четв[её]ртом)\s+(?:квартале|полугодии)${YEAR}?`;
const MONTH_PREP = String.raw`(?:январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|ноябре|декабре)${YEAR}?`;

/**
 * «в 2025 году» is a term next to the verb it times («провести в 2025 году»,
 * «в 2025 году провести») or closing the sentence; «перечень для оценки в 2025 году
 * (прилагается)» is not one.
 */
const YEAR_ONLY = /((?:в|во)\s+(?:19|20)\d{2}\s*(?:г\.|году))/giu;

/** In-sentence deadline phrases; the first group is the text kept («до …»), the match may hold «в срок» before it. */
const PHRASES: RegExp[] = [
  new RegExp(String.raw`(?:в\s+срок\s+)?((?:до|не\s+позднее|не\s+позже)\s+${POINT})`, 'giu'),
  new RegExp(String.raw`(?:в\s+срок\s+)?(в\s+течение\s+${SPAN})`, 'giu'),
  new RegExp(
    String.raw`(?:в\s+срок\s+)?((?:не\s+позднее|не\s+позже|не\s+более)\s+${COUNT}\s+(?:(?:рабочих|календарных)\s+)?(?:дн[а-я]*|недел[а-я]*|месяц[а-я]*))`,
    'giu',
  ),
  new RegExp(String.raw`(к\s+(?:следующему|очередному|ближайшему|последующему|плановому)\s+заседанию)`, 'giu'),
  new RegExp(String.raw`(на\s+(?:следующем|очередном|ближайшем|последующем|плановом)\s+заседании)`, 'giu'),
  new RegExp(String.raw`(к\s+(?:${DAY_MONTH}|${NUM_DATE}|${END_OF}))`, 'giu'),
  new RegExp(
    String.raw`(в\s+(?:месячный|двухнедельный|недельный|двухмесячный|тр[её]хмесячный|\d{1,2}-дневный|десятидневный|пятидневный)\s+срок)`,
    'giu',
  ),
  new RegExp(
    String.raw`((?:в\s+период\s+)?с\s+(?:\d{1,2}\s+${MONTH}|${NUM_DATE}|\d{1,2})${YEAR}?\s+по\s+${POINT})`,
    'giu',
  ),
  new RegExp(String.raw`((?:в|во)\s+(?:${QUARTER_PREP}|${MONTH_PREP}))`, 'giu'),
  YEAR_ONLY,
  new RegExp(
    String.raw`((?:ежемесячно|ежеквартально|ежегодно|еженедельно|ежедневно|постоянно|на\s+постоянной\s+основе|по\s+мере\s+необходимости|незамедлительно|в\s+оперативном\s+порядке|в\s+установленные\s+сроки|в\s+установленный\s+срок|(?:не\s+реже|не\s+менее)\s+\S+\s+раз[а]?\s+в\s+(?:год|квартал|месяц|полугодие|неделю)))`,
    'giu',
  ),
];

/** The anchor a relative term counts from («со дня подписания протокола»), up to a verb or punctuation. */
const ANCHOR =
  /^\s+((?:со|с|после|от)\s+(?:дня|даты|момента|получения|подписания|проведения|утверждения|поступления|окончания|завершения)[^,;.:()]*)/u;

function nextToVerb(text: string, start: number, end: number): boolean {
  const before = /([\p{L}-]+)[\s,]*$/u.exec(text.slice(0, start))?.[1] ?? '';
  const after = /^[\s,]*([\p{L}-]+)/u.exec(text.slice(end))?.[1] ?? '';
  // …or it ends the sentence: «… открытия факультетов в 2025 году.»
  const timed = (w: string, following: string) =>
    isInfinitive(w) && !/^\s*(?:к\s+сведению|во\s+внимание)/iu.test(following);
  return (
    timed(before, text.slice(start)) ||
    timed(after, text.slice(end).replace(/^[\s,]*[\p{L}-]+/u, '')) ||
    /^\s*(?:[.;]|$)/.test(text.slice(end))
  );
}

interface Found {
  start: number;
  end: number;
  text: string;
}

function cutAtInfinitive(s: string): string {
  const words = s.split(/\s+/);
  const at = words.findIndex((w, i) => i > 0 && isInfinitive(w.replace(/[^\p{L}-]/gu, '')));
  return at > 0 ? words.slice(0, at).join(' ') : s;
}

/** Words that may follow «к следующему заседанию»: whose meeting («Совета», «Координационного совета»). */
function meetingTail(rest: string): string {
  const m =
    /^\s+((?:[А-ЯЁа-яё]+(?:ого|его|ой|ей)\s+)?(?:[Сс]овета|[Кк]омиссии|[Рр]абочей\s+группы|[Гг]руппы|[Шш]таба|[Кк]оллегии|[Пп]резидиума)(?:\s+[А-ЯЁ][а-яё]*)?)/u.exec(
      rest,
    );
  return m ? ' ' + m[1] : '';
}

/**
 * The deadline written inside a decision's sentence, with its preposition, or ''.
 * Of several, the first is taken, together with a second one right after it
 * («ежеквартально до 10 числа месяца, следующего за отчетным»).
 * @example findDeadlineInText('Минтруду в срок до 1 июня 2024 г. подготовить доклад') // 'до 1 июня 2024 г.'
 * @example findDeadlineInText('Доложить к следующему заседанию Совета') // 'к следующему заседанию Совета'
 */
export function findDeadlineInText(text: string): string {
  const found: Found[] = [];
  for (const re of PHRASES) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      // Whole words only (JavaScript's \b does not know Cyrillic).
      const before = text[m.index - 1];
      const after = text[m.index + m[0].length];
      if ((before && /[\p{L}\p{N}]/u.test(before)) || (after && /[\p{L}\p{N}]/u.test(after) && !/\.$/.test(m[0])))
        continue;
      const start = m.index + m[0].length - m[1].length;
      if (re === YEAR_ONLY && !nextToVerb(text, m.index, m.index + m[0].length)) continue;
      let end = m.index + m[0].length;
      let phrase = m[1];
      if (/^(?:к|на)\s/i.test(phrase) && /заседани/i.test(phrase)) {
        const tail = meetingTail(text.slice(end));
        phrase += tail;
        end += tail.length;
      }
      const anchor = ANCHOR.exec(text.slice(end));
      if (anchor && /^(?:в\s+течение|не\s+позднее|не\s+позже|не\s+более)/i.test(phrase)) {
        const a = cutAtInfinitive(anchor[1]).replace(/\s+$/, '');
        phrase += ' ' + a;
        end += anchor[0].indexOf(anchor[1]) + a.length;
      }
      found.push({ start, end, text: phrase });
    }
  }
  if (!found.length) return '';
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const first = found[0];
  let result = first.text;
  let end = first.end;
  // A second term right after the first («ежеквартально, до 10 числа …»).
  for (const f of found.slice(1)) {
    if (f.start < end) continue;
    const gap = text.slice(end, f.start);
    if (/^[\s,]*(?:в\s+срок\s*)?$/u.test(gap)) {
      result += (gap.includes(',') ? ', ' : ' ') + f.text;
      end = f.end;
    }
    break;
  }
  return tidyTerm(result);
}

/** Drops a sentence's final full stop and stray punctuation, keeping «г.» and initials. */
export function tidyTerm(s: string): string {
  let t = s
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[\s:–—-]+/, '');
  for (let prev = ''; prev !== t;) {
    prev = t;
    t = t.replace(/[\s,;:–—-]+$/, '');
    // A bracket closed after the term («(срок – до 1 июня)»), not opened in it.
    if (/\)$/.test(t) && (t.match(/\)/g)?.length ?? 0) > (t.match(/\(/g)?.length ?? 0)) t = t.slice(0, -1);
    if (/\.$/.test(t) && !/(?:^|[\s.])(?:г|гг|обл|руб|[А-ЯЁ])\.$/u.test(t)) t = t.slice(0, -1);
  }
  if ((t.match(/\(/g)?.length ?? 0) > (t.match(/\)/g)?.length ?? 0)) t = t.replace(/^\(\s*/, '');
  return t.trim();
}

/** A deadline label: «Срок», «Сроки», «Срок исполнения», «Срок представления информации». */
const DEADLINE_LABEL = String.raw`(?:[Сс]рок(?:и)?(?:\s+(?:исполнения|выполнения|реализации|представления|предоставления|подготовки|направления|информации|решения|поручения|отч[её]та|доклада)){0,3})`;
/** An executors label: «Ответственные», «Ответственный исполнитель», «Исполнители», «Отв.». */
const EXECUTORS_LABEL = String.raw`(?:[Оо]тветственн(?:ые|ый|ая|ое|ых)(?:\s+(?:исполнител[ьи]|за\s+исполнение|лица|лицо))*|[Ии]сполнител(?:и|ь)|[Сс]оисполнител(?:и|ь)|[Оо]тв\.(?:\s*исп\.?)?)`;
const LABEL_AT = new RegExp(String.raw`(${DEADLINE_LABEL}|${EXECUTORS_LABEL})\s*(?:[:–—]|-(?=\s))\s*`, 'giu');

export interface LabelledTerms {
  deadline: string;
  executors: string;
  /** The text with the labelled parts that stand apart (a line, a sentence, brackets at the end) removed. */
  rest: string;
}

/**
 * Finds labelled deadline and executors parts in a decision's text.
 * A label counts where it opens the text, a sentence («…. Срок: …»), a clause
 * («…; срок – …») or brackets («(ответственный – Минтруд)»).
 * @example readLabelledTerms('Срок: до 1 июня 2024 г. Ответственный: Минтруд.') // { deadline: 'до 1 июня 2024 г.', executors: 'Минтруд', rest: '' }
 */
export function readLabelledTerms(text: string): LabelledTerms {
  const labels: Array<{
    at: number;
    bodyStart: number;
    kind: 'deadline' | 'executors';
    bracket: boolean;
    apart: boolean;
  }> = [];
  LABEL_AT.lastIndex = 0;
  for (let m = LABEL_AT.exec(text); m; m = LABEL_AT.exec(text)) {
    const before = text.slice(0, m.index);
    const opens = /^\s*$/.test(before);
    const sentence = /[.!]\s*$/.test(before);
    const bracket = /\(\s*$/.test(before) || depthAt(text, m.index) > 0;
    const clause = /[;,–—]\s*$/.test(before);
    if (!opens && !sentence && !bracket && !clause) continue;
    const kind = EXECUTORS_START.test(m[1]) ? 'executors' : 'deadline';
    const at = /\(\s*$/.test(before) ? before.replace(/\(\s*$/, '').length : m.index;
    labels.push({ at, bodyStart: m.index + m[0].length, kind, bracket, apart: (opens || sentence) && !bracket });
  }
  let deadline = '';
  let executors = '';
  const cuts: Array<[number, number]> = [];
  labels.forEach((l, i) => {
    const next = labels[i + 1];
    let body = text.slice(l.bodyStart, next ? next.at : text.length);
    if (l.bracket) {
      const close = findClose(text, l.bodyStart);
      if (close >= 0) body = text.slice(l.bodyStart, Math.min(close, next ? next.at : close));
    } else if (!next) {
      // The term ends with its sentence when more text follows («Срок: до 1 июня. Отчёт направить …»).
      const stop = sentenceEnd(body);
      if (stop >= 0) body = body.slice(0, stop + 1);
    }
    const value = tidyTerm(body);
    if (l.kind === 'deadline' && !deadline) deadline = value;
    if (l.kind === 'executors' && !executors) executors = value;
    // A labelled part standing apart (a line, a sentence of its own) is not the decision's text;
    // a clause or brackets inside the sentence stay in it as printed.
    if (l.apart) cuts.push([l.at, l.bodyStart + body.length]);
  });
  let rest = text;
  for (const [a, b] of cuts.sort((x, y) => y[0] - x[0])) rest = rest.slice(0, a) + ' ' + rest.slice(b);
  rest = rest
    .replace(/\s+/g, ' ')
    .replace(/\s+([.,;)])/g, '$1')
    .trim();
  return { deadline, executors, rest };
}

const EXECUTORS_START = new RegExp(`^${EXECUTORS_LABEL}`, 'iu');

/** Index of the full stop or semicolon that ends the first sentence of `s` when text follows it, else -1. */
function sentenceEnd(s: string): number {
  const re = /[.;](?=\s+[А-ЯЁA-Z«"])/gu;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (m[0] === ';') return m.index;
    const word = /(\S+)$/.exec(s.slice(0, m.index))?.[1] ?? '';
    // «г.» after a year ends a date and may end the sentence; «г. Омск», initials («И.И.») do not.
    if (/^(?:г|гг)$/.test(word) && /(?:19|20)\d{2}\s*$/.test(s.slice(0, m.index - word.length))) return m.index;
    if (/^(?:г|гг|обл|им|ул|[А-ЯЁ]|[А-ЯЁ]\.[А-ЯЁ])$/u.test(word)) continue;
    return m.index;
  }
  return -1;
}

function depthAt(text: string, at: number): number {
  let depth = 0;
  for (let i = 0; i < at; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && depth > 0) depth--;
  }
  return depth;
}

function findClose(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

const LABEL_LINE = new RegExp(String.raw`^\(?\s*(?:${DEADLINE_LABEL}|${EXECUTORS_LABEL})\s*(?:[:–—]|-(?=\s))`, 'iu');

/** Whether a line is nothing but a labelled deadline or executors part. */
export function isLabelledLine(line: string): boolean {
  return LABEL_LINE.test(line.trim());
}
