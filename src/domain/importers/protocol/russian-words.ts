/**
 * The little Russian grammar a protocol reader needs: where an infinitive is (a
 * decision says what to do in the infinitive: «обеспечить», «провести»), what a
 * person's name looks like («Иванов И.И.», «И.И. Иванов», «Иванов Иван Иванович»),
 * and which opening words are addressees in the dative («Министерству …»,
 * «органам местного самоуправления …»). No dictionary of the language is shipped:
 * the genre's vocabulary is small and its endings are regular, so endings plus a
 * few lists of exceptions do the job (and no maintained npm package does Russian
 * morphology offline in a few kilobytes).
 */
import { matchHeadNoun } from '../nominative.js';

/** Nouns ending in «-ть» that read like infinitives. */
const NOUNS_IN_T = new Set([
  'сеть',
  'путь',
  'суть',
  'треть',
  'печать',
  'ртуть',
  'мать',
  'рать',
  'благодать',
  'знать',
  'тетрадь',
  'власть',
  'часть',
  'честь',
  'весть',
  'область',
]);
/** Infinitives in «-чь» (few; «ночь», «речь» are nouns). */
const INFINITIVES_CH = new Set([
  'помочь',
  'привлечь',
  'вовлечь',
  'пресечь',
  'сберечь',
  'отвлечь',
  'увлечь',
  'достичь',
  'обеспечь',
]);
/** Nouns in «-асти/-ести» that are not infinitives («власти», «части», «области», «вести»). */
const NOUNS_IN_TI =
  /(?:власти|части|области|счасти|напасти|пасти|масти|снасти|страсти|вести|повести|совести|лести|мести|чести|нести)$/;
/** Common infinitives in «-ти» (most «-ти» words in protocols are nouns: «области», «деятельности»). */
const INFINITIVES_TI = new Set([
  'провести',
  'внести',
  'ввести',
  'привести',
  'перевести',
  'произвести',
  'учести',
  'вести',
  'нести',
  'найти',
  'пройти',
  'прийти',
  'обрести',
  'спасти',
  'развести',
  'отвести',
  'завести',
  'подвести',
  'вывести',
  'вынести',
  'перенести',
  'занести',
  'донести',
  'принести',
  'отнести',
  'изобрести',
  'расти',
  'подойти',
  'перейти',
  'выйти',
  'войти',
  'зайти',
  'обойти',
  'уйти',
  'дойти',
  'превзойти',
]);

/**
 * Whether a word is an infinitive («обеспечить», «провести», «руководствоваться»).
 * @example isInfinitive('обеспечить') // true
 * @example isInfinitive('области') // false
 * @example isInfinitive('деятельность') // false
 */
export function isInfinitive(word: string): boolean {
  const w = word.toLowerCase().replace(/ё/g, 'е');
  if (!/^[а-я-]{3,}$/.test(w)) return false;
  if (/(ть|ться)$/.test(w)) {
    if (NOUNS_IN_T.has(w)) return false;
    // «деятельность», «доступность»: nouns in «-сть», except a few verbs («учесть», «счесть»).
    return !/сть$/.test(w) || /^(?:у|с|про|за|пере|вы)честь$|^(?:у|при|пере)?класть$/.test(w.replace(/ся$/, ''));
  }
  if (/(ти|тись)$/.test(w)) {
    const base = w.replace(/сь$/, '');
    if (INFINITIVES_TI.has(base)) return true;
    return !NOUNS_IN_TI.test(base) && /(?:ести|йти|зти)$/.test(base);
  }
  if (/чь(ся)?$/.test(w)) return INFINITIVES_CH.has(w.replace(/ся$/, ''));
  return false;
}

/** Words of a text outside brackets and quotes, with their offsets. */
export function wordsOutsideBrackets(text: string): Array<{ word: string; start: number; end: number }> {
  const out: Array<{ word: string; start: number; end: number }> = [];
  let depth = 0;
  let quoted = 0;
  let straight = false;
  const re = /[\p{L}\p{N}][\p{L}\p{N}-]*|[()«»"]/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const t = m[0];
    if (t === '(') {
      depth++;
      continue;
    }
    if (t === ')') {
      depth = Math.max(0, depth - 1);
      continue;
    }
    if (t === '«') {
      quoted++;
      continue;
    }
    if (t === '»') {
      quoted = Math.max(0, quoted - 1);
      continue;
    }
    if (t === '"') {
      straight = !straight;
      continue;
    }
    if (depth || quoted || straight) continue;
    out.push({ word: t, start: m.index, end: m.index + t.length });
  }
  return out;
}

/** Whether a text holds an infinitive outside brackets and quotes. */
export const hasInfinitive = (text: string): boolean => wordsOutsideBrackets(text).some((w) => isInfinitive(w.word));

const INITIALS = String.raw`[А-ЯЁ]\.\s?[А-ЯЁ]\.?`;
const SURNAME = String.raw`[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?`;
const PATRONYMIC = String.raw`[А-ЯЁ][а-яё]+(?:вич|вна|чна|ична|ич|оглы|кызы)(?:а|у|ем|ой|е)?`;
/** A person as protocols print one: «Иванов И.И.», «И.И. Иванов», «Иванов Иван Иванович» (any case). */
export const PERSON = new RegExp(
  String.raw`(?:${SURNAME}\s+${INITIALS}|${INITIALS}\s?${SURNAME}|${SURNAME}\s+[А-ЯЁ][а-яё]+\s+${PATRONYMIC})`,
  'u',
);
const PERSON_AT_START = new RegExp(
  String.raw`^(?:${SURNAME}\s+${INITIALS}|${INITIALS}\s?${SURNAME}|${SURNAME}\s+[А-ЯЁ][а-яё]+\s+${PATRONYMIC})`,
  'u',
);

/** The person named at the very start of a text, or null. */
export function personAtStart(text: string): string | null {
  return PERSON_AT_START.exec(text)?.[0] ?? null;
}

/** Government bodies' and documents' head nouns that never address a decision («Плану …», «Проекту …»). */
const DOCUMENT_HEADS =
  /^(план|проект|программ|стратеги|концепци|реестр|конкурс|сайт|портал|приказ|закон|указ|стандарт|регламент|постановлени|распоряжени|положени|соглашени|систем|платформ|форум|навигатор|показател|перечн)/;
/** People by their office, in the dative («Министру», «заместителю», «главам»). */
const ROLE_DATIVE =
  /^(министр|заместител|председател|секретар|руководител|директор|начальник|ректор|глав|член|эксперт|специалист|координатор|представител|исполнител|куратор|депутат|губернатор|сотрудник|работник|мэр|префект|уполномоченн|ответственн|управляющ)(у|ю|е|ам|ям|ому|ему|ым|им)$/;

/**
 * Whether the words a decision opens with (after «Рекомендовать»/«Поручить») name
 * its addressee in the dative: «Министерству …», «органам …», «Областному центру»,
 * «Иванову И.И.», «Минтруду», «ГБУ «…»».
 * @example isDativeAddresseeStart(['Министерству', 'труда']) // true
 * @example isDativeAddresseeStart(['Информацию', 'принять']) // false
 */
export function isDativeAddresseeStart(words: string[]): boolean {
  const first = words[0] ?? '';
  const w = first.toLowerCase().replace(/ё/g, 'е');
  if (!w || isInfinitive(w)) return false;
  if (w === 'всем') return true;
  // Abbreviations are not declined: «ГБУ «КЦСОН» обеспечить», «Минобразования провести».
  if (/^[А-ЯЁA-Z]{2,}(?:-[А-ЯЁA-Z]+)?$/.test(first) && first.length <= 10) return true;
  if (/^Мин[а-яё]{2,}$/.test(first)) return true;
  if (ROLE_DATIVE.test(w)) return true;
  // A person: «Иванову И.И.», «Петровой А.А.», «И.И. Иванову».
  // (Words come without their dots: «Иванову И.И.» is «Иванову», «И», «И».)
  const initial = (x: string | undefined) => /^[А-ЯЁ]\.?(?:[А-ЯЁ]\.?)?$/.test(x ?? '');
  if (/^[А-ЯЁ][а-яё]+(у|ю|ой|ей)$/.test(first) && initial(words[1])) return true;
  if (initial(first) && words.slice(1, 3).some((x) => /^[А-ЯЁ][а-яё]+(у|ю|ой|ей)$/.test(x))) return true;
  // Plural dative («органам», «учреждениям»); masculine/neuter adjectives («Областному»).
  if (/[ая]м$/.test(w) && w.length >= 5) return true;
  if (/(ому|ему)$/.test(w) && w.length >= 5) return true;
  // Plural adjectives before a plural dative noun: «образовательным организациям», «муниципальным образованиям».
  if (
    /(ым|им)$/.test(w) &&
    w.length >= 5 &&
    words.slice(1, 4).some((x) => /[ая]м$/.test(x.toLowerCase()) && x.length >= 5)
  )
    return true;
  const head = matchHeadNoun(w);
  if (head) return !DOCUMENT_HEADS.test(w) && head.forms.some((f) => f.c === 'dat');
  // Feminine adjectives («Региональной общественной организации», «Рабочей группе»): the noun decides.
  if (/(ой|ей)$/.test(w) && w.length >= 5) {
    for (const next of words.slice(1, 5)) {
      const n = next.toLowerCase();
      if (/(ой|ей)$/.test(n)) continue;
      const h = matchHeadNoun(n);
      return Boolean(h && !DOCUMENT_HEADS.test(n) && h.forms.some((f) => f.c === 'dat'));
    }
  }
  return false;
}
