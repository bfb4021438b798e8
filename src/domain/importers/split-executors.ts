/**
 * Splitting an «Ответственный исполнитель» cell into executors.
 *
 * Rules (../shared/golden/README.md): split at commas and semicolons outside quotes
 * and brackets, and at «. » before a capital letter («Минобр. Минздрав»), keeping
 * whole an organisation whose name holds commas («Министерство жилищно-коммунального
 * хозяйства, энергетики, цифровизации и связи Забайкальского края»). «(по согласованию)»
 * stays in the text as printed; `parseExecutor` exposes it.
 */
import { normalizeSpace } from './text-utils.js';

const OPEN_QUOTES = '«„“';
const CLOSE_FOR: Record<string, string> = { '«': '»', '„': '“', '“': '”' };

/** Words that end a sentence-like abbreviation but not an executor («г. Омск», «им. Пирогова»). */
const SHORT_ABBREVIATIONS = new Set([
  'г',
  'гг',
  'им',
  'ул',
  'пос',
  'п',
  'с',
  'д',
  'обл',
  'р',
  'ст',
  'пр',
  'т',
  'др',
  'см',
  'тыс',
  'млн',
  'руб',
  'в',
  'и',
  'рп',
  'пгт',
  'мкр',
  'корп',
  'стр',
  'каб',
  'отв',
]);

type Separator = ',' | ';' | '.' | 'initials';
interface Piece {
  text: string;
  sep: Separator | null;
}

/**
 * Government bodies whose full names end with the territory they serve; a name that
 * starts with one and has not reached its territory yet goes on after a comma.
 */
const BODY_HEAD =
  /^(министерств|комитет|департамент|управлени|агентств|служб|инспекци|комисси|аппарат|представительств|главное управление|государственн\S* (?:инспекци|комитет|служб))/i;
const TERRITORY =
  /(област[иь]|кра[яюйе](?![а-яё])|округ[аеу]?(?![а-яё])|республик|город[ау]?(?![а-яё])|района?(?![а-яё])|Российской Федерации|Федерации(?![а-яё]))/;
/** A lowercase word that begins an executor of its own, not the tail of the previous name. */
const NEW_EXECUTOR_START =
  /^(органы|орган|органам|главам|учреждениям|организациям|администрациям|руководителям|членам|представителям|главы|глава|учреждения|организации|члены|представители|руководители|эксперты|специалисты|отделы|отдел|управления|центры|советы|комиссии|администрации|подразделения|службы|предприятия|объединения|волонтеры|добровольцы|граждане|иные|другие|и другие|а также|\S+(?:ые|ие|ый|ий|ая|яя|ое|ее))(\s|$)/i;

/** Splits executors text at separators outside quotes and brackets. */
function splitRaw(text: string): Piece[] {
  const pieces: Piece[] = [];
  let depth = 0;
  const quotes: string[] = [];
  let straightOpen = false;
  let start = 0;
  let lastSep: Separator | null = null;
  const cut = (end: number, next: number, sep: Separator) => {
    pieces.push({ text: text.slice(start, end), sep: lastSep });
    lastSep = sep;
    start = next;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(' || ch === '[') {
      depth++;
      continue;
    }
    if ((ch === ')' || ch === ']') && depth > 0) {
      depth--;
      continue;
    }
    if (OPEN_QUOTES.includes(ch) && !(quotes.length && CLOSE_FOR[quotes[quotes.length - 1]] === ch)) {
      quotes.push(ch);
      continue;
    }
    if (quotes.length && CLOSE_FOR[quotes[quotes.length - 1]] === ch) {
      quotes.pop();
      continue;
    }
    if (ch === '»' && quotes.length) {
      quotes.pop();
      continue;
    }
    if (ch === '"') {
      straightOpen = !straightOpen;
      continue;
    }
    if (depth > 0 || quotes.length > 0 || straightOpen) continue;
    if (ch === ',' || ch === ';') {
      cut(i, i + 1, ch);
      continue;
    }
    if (ch === '.' && text[i + 1] === ' ' && /[А-ЯЁA-Z«"]/.test(text[i + 2] ?? '')) {
      const before = text.slice(Math.max(start, i - 80), i);
      const word = /([\p{L}-]+)$/u.exec(before)?.[1] ?? '';
      // «Матузова Е.Э. Начальники отделов»: initials after a surname end one executor (the dot stays).
      const initials = /(^|\s)[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ]\.\s?[А-ЯЁ]$/.test(before);
      if (initials) {
        cut(i + 1, i + 2, 'initials');
        continue;
      }
      if (word.length <= 1 || SHORT_ABBREVIATIONS.has(word.toLowerCase())) continue;
      cut(i, i + 2, '.');
    }
  }
  pieces.push({ text: text.slice(start), sep: lastSep });
  return pieces.map((p) => ({ ...p, text: p.text.trim() }));
}

/**
 * Splits an executors cell into executors, as printed (whitespace-normalised).
 * @example splitExecutors('Минсоц, Минобр. Минздрав') // ['Минсоц', 'Минобр', 'Минздрав']
 * @example splitExecutors('«Рабочая группа по отбору, оценке», муниципальные образования')
 * // ['«Рабочая группа по отбору, оценке»', 'муниципальные образования']
 * @example splitExecutors('Министерство по делам молодежи, физической культуры и спорта Омской области, Минтруд')
 * // ['Министерство по делам молодежи, физической культуры и спорта Омской области', 'Минтруд']
 */
export function splitExecutors(text: string): string[] {
  const t = normalizeSpace(text);
  if (!t) return [];
  const raw = splitRaw(t);
  const out: Piece[] = [];
  for (let i = 0; i < raw.length; i++) {
    const p = raw[i];
    if (!p.text) continue;
    const prev = out[out.length - 1];
    if (prev && p.sep === ',' && (continuesName(prev.text, raw, i) || modifiesPrevious(prev.text, p.text))) {
      prev.text += ', ' + p.text;
      continue;
    }
    out.push({ ...p });
  }
  return out.map((p) => p.text).filter((s) => /[\p{L}\p{N}]/u.test(s));
}

/**
 * Whether raw[i] (after a comma) continues the name in `prev`: `prev` is a government
 * body whose name has not reached its territory, raw[i] starts in lower case with a
 * word that cannot begin an executor, and the name reaches its territory within the
 * following comma-separated lowercase pieces.
 */
function continuesName(prev: string, raw: Piece[], i: number): boolean {
  if (!BODY_HEAD.test(prev) || TERRITORY.test(prev)) return false;
  for (let k = i; k < raw.length; k++) {
    const t = raw[k].text;
    if (k > i && raw[k].sep !== ',') return false;
    if (!/^[а-яё]/.test(t) || NEW_EXECUTOR_START.test(t)) return false;
    if (TERRITORY.test(t)) return true;
  }
  return false;
}

/**
 * Whether a piece after a comma is a participial phrase describing the executor before
 * it («Организации, подведомственные министерству»; «руководители организаций,
 * подведомственных министерству»; «учреждения, оказывающие социальные услуги»), not an
 * executor of its own («Минсоц, подведомственные организации»). An executor is named in
 * the nominative; a phrase starting with an adjective in another case, with an active
 * participle, or with a nominative adjective governing a noun in another case
 * («подведомственные министерству»), describes the previous one.
 */
function modifiesPrevious(prev: string, piece: string): boolean {
  const words = piece.split(' ');
  const first = words[0] ?? '';
  if (!/^[а-яё-]+$/.test(first) || first.length < 5) return false;
  if (/(ющ|ящ|ащ|вш)(ие|ая|ее|ий|иеся|аяся|ееся|ийся)$/.test(first)) return true;
  // Protocols address decisions in the dative («организациям, расположенным на территории края»):
  // a dative participle describes the addressee before it unless a dative noun follows it
  // («Минтруду, подведомственным учреждениям» names two).
  if (/(ющим|ящим|ащим|вшим|нным|тым)$/.test(first) && !/^[а-яё-]+[ая]м$/.test(words[1] ?? '')) return true;
  if (/(ых|их|ыми|ими|ого|его|ому|ему)$/.test(first) && !/^(их|его)$/.test(first)) return true;
  if (/[ыи]е$/.test(first) && /[ая]$|[иы]$/.test(prev.split(' ').pop() ?? '')) {
    const second = words[1] ?? '';
    // «подведомственные министерству»: the adjective governs a dative or instrumental.
    if (/^[а-яё-]+(у|ю|ам|ям|ами|ями|ом|ем|ой|ей|ым|им)$/.test(second) && !/^[а-яё-]+(ые|ие)$/.test(second))
      return true;
    // «подведомственные Минсоцразвития»: governs a name, and no noun follows.
    return words.length === 2 && /^[А-ЯЁ]/.test(second);
  }
  return false;
}

/**
 * An executor's name and whether it takes part «по согласованию» (an organisation
 * outside the regional government, which cannot be ordered, only asked).
 * @example parseExecutor('Совет муниципальных образований (по согласованию)')
 * // { name: 'Совет муниципальных образований', byAgreement: true }
 */
export function parseExecutor(name: string): { name: string; byAgreement: boolean } {
  const marker = /\(\s*по\s+согласовани[юя]\s*\)/giu;
  const byAgreement = marker.test(name);
  // An abbreviation defined in passing («… области (далее – Минтруд)») is not part of the name.
  const bare = name.replace(marker, ' ').replace(/\(\s*далее\s*[^()]*\)/giu, ' ');
  return { name: normalizeSpace(bare).replace(/\s+([,;.])/g, '$1'), byAgreement };
}
