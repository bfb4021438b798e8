/**
 * Word classes of the deadline genre. Every word of a «Срок исполнения» cell is mapped to a
 * class; words outside the lexicon are `OTHER` and can never produce a date on their own.
 * Forms are listed explicitly; a few stems are matched loosely to survive typos seen in real
 * documents («ежекватально», «следующим за отчетным», «кварталa» with a Latin «a»).
 */

/** Token classes (plain numbers: cheap to compare in the hot loop). */
export const T = {
  OTHER: 0,
  NUM: 1,
  DATE: 2,
  BADDATE: 3,
  ROMAN: 4,
  ORD: 5,
  NUMW: 6,
  MONTH: 7,
  YEARW: 8,
  QUARTER: 9,
  HALF: 10,
  MONTHW: 11,
  DAYW: 12,
  WEEKW: 13,
  WORKING: 14,
  CALENDARW: 15,
  FREQ: 16,
  TIMES: 17,
  TIMESN: 18,
  EVERY: 19,
  IN: 20,
  UNTIL: 21,
  NOT: 22,
  LATER: 23,
  TERM: 24,
  BY: 25,
  PO: 26,
  FROM: 27,
  DURING: 28,
  END: 29,
  START: 30,
  AFTER: 31,
  THROUGH: 32,
  ZA: 33,
  RARER: 34,
  THAN: 35,
  DAYNUM: 36,
  NEXT: 37,
  REPORTING: 38,
  RESULTS: 39,
  CONT: 40,
  NA: 41,
  PERIOD: 42,
  WHOLE: 43,
  REPORT: 44,
  UNSPEC: 45,
  AND: 46,
  CURRENT: 47,
  LAST: 48,
  SPANADJ: 49,
  OF: 50,
  NUMSIGN: 51,
  COMMA: 52,
  SEMI: 53,
  DOT: 54,
  DASH: 55,
  LPAR: 56,
  RPAR: 57,
  SYM: 58,
  FILLER: 59,
  HALFW: 60,
  EVENT: 61,
  PRI: 62,
  MERE: 63,
  BASIS: 64,
  MONTHQ: 65,
  DM: 66,
  MY: 67,
} as const;

/** Frequency codes carried by FREQ tokens (index into FREQS). */
export const FREQS = ['day', 'week', 'month', 'quarter', 'half', 'year'] as const;
export const F_DAY = 0,
  F_WEEK = 1,
  F_MONTH = 2,
  F_QUARTER = 3,
  F_HALF = 4,
  F_YEAR = 5;

/** SPANADJ value: amount * 10 + unit (1 day, 2 week, 3 month). «10-дневный» → 101. */
export const SPAN_DAY = 1,
  SPAN_WEEK = 2,
  SPAN_MONTH = 3;

type Entry = readonly [cls: number, value: number];
const lex = new Map<string, Entry>();
const add = (cls: number, value: number, ...words: string[]) => {
  for (const w of words) lex.set(w, [cls, value]);
};

// Months: every case form plus the usual abbreviations.
const MONTH_FORMS: string[][] = [
  ['январь', 'января', 'январе', 'январю', 'январем', 'янв'],
  ['февраль', 'февраля', 'феврале', 'февралю', 'февралем', 'фев', 'февр'],
  ['март', 'марта', 'марте', 'марту', 'мартом', 'мар'],
  ['апрель', 'апреля', 'апреле', 'апрелю', 'апрелем', 'апр'],
  ['май', 'мая', 'мае', 'маю', 'маем'],
  ['июнь', 'июня', 'июне', 'июню', 'июнем', 'июн'],
  ['июль', 'июля', 'июле', 'июлю', 'июлем', 'июл'],
  ['август', 'августа', 'августе', 'августу', 'августом', 'авг'],
  ['сентябрь', 'сентября', 'сентябре', 'сентябрю', 'сентябрем', 'сен', 'сент'],
  ['октябрь', 'октября', 'октябре', 'октябрю', 'октябрем', 'окт'],
  ['ноябрь', 'ноября', 'ноябре', 'ноябрю', 'ноябрем', 'ноя', 'нояб'],
  ['декабрь', 'декабря', 'декабре', 'декабрю', 'декабрем', 'дек'],
];
MONTH_FORMS.forEach((forms, i) => add(T.MONTH, i + 1, ...forms));
const MONTH_STEMS = [
  'январ',
  'феврал',
  'март',
  'апрел',
  'июн',
  'июл',
  'август',
  'сентябр',
  'октябр',
  'ноябр',
  'декабр',
];
const MONTH_STEM_VALUES = [1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12];

add(T.YEARW, 0, 'г', 'гг', 'год', 'года', 'году', 'годом', 'годы', 'годов', 'годам', 'годах', 'годами', 'лет', 'гг');
add(
  T.QUARTER,
  0,
  'кв',
  'квартал',
  'квартала',
  'квартале',
  'кварталу',
  'кварталом',
  'кварталы',
  'кварталов',
  'кварталам',
  'кварталах',
  'кварталами',
);
add(
  T.HALF,
  0,
  'полугодие',
  'полугодия',
  'полугодии',
  'полугодию',
  'полугодием',
  'полугодий',
  'полугодиям',
  'полугодиях',
  'полугод',
  'полгода',
  'полугода',
);
add(T.HALFW, 0, 'пол');
add(T.MONTHW, 0, 'месяц', 'месяца', 'месяце', 'месяцу', 'месяцем', 'месяцы', 'месяцев', 'месяцам', 'месяцах', 'мес');
add(T.DAYW, 0, 'день', 'дня', 'дней', 'дню', 'днем', 'дни', 'днях', 'сутки', 'суток', 'дн');
add(T.WEEKW, 0, 'неделя', 'недели', 'недель', 'неделю', 'неделе', 'неделей');
add(T.WORKING, 0, 'рабочих', 'рабочий', 'рабочего', 'рабочие', 'рабочим', 'раб');
add(T.CALENDARW, 0, 'календарных', 'календарный', 'календарного', 'календарные', 'календ', 'кал');

add(T.NUMW, 1, 'один', 'одного', 'одна', 'одну', 'одной', 'одно', 'единожды', 'однократно');
add(T.NUMW, 2, 'два', 'двух', 'две', 'двум');
add(T.NUMW, 3, 'три', 'трех', 'трем');
add(T.NUMW, 4, 'четыре', 'четырех', 'четырем');
add(T.NUMW, 5, 'пять', 'пяти');
add(T.NUMW, 6, 'шесть', 'шести');
add(T.NUMW, 7, 'семь', 'семи');
add(T.NUMW, 8, 'восемь', 'восьми');
add(T.NUMW, 9, 'девять', 'девяти');
add(T.NUMW, 10, 'десять', 'десяти');
add(T.NUMW, 12, 'двенадцать', 'двенадцати');
add(T.NUMW, 14, 'четырнадцать', 'четырнадцати');
add(T.NUMW, 15, 'пятнадцать', 'пятнадцати');
add(T.NUMW, 20, 'двадцать', 'двадцати');
add(T.NUMW, 30, 'тридцать', 'тридцати');
add(T.NUMW, 45, 'сорокапяти');
add(T.NUMW, 60, 'шестьдесят', 'шестидесяти');
add(T.NUMW, 90, 'девяносто');
add(T.TIMESN, 2, 'дважды');
add(T.TIMESN, 3, 'трижды');
add(T.TIMESN, 4, 'четырежды');

add(T.ORD, 1, 'первый', 'первого', 'первом', 'первое', 'первая', 'первой', 'первую', 'первому');
add(T.ORD, 2, 'второй', 'второго', 'втором', 'второе', 'вторая', 'вторую', 'второму');
add(T.ORD, 3, 'третий', 'третьего', 'третьем', 'третье', 'третья', 'третью', 'третьему');
add(T.ORD, 4, 'четвертый', 'четвертого', 'четвертом', 'четвертое', 'четвертая', 'четвертой', 'четвертому');
add(T.ROMAN, 1, 'i');
add(T.ROMAN, 2, 'ii');
add(T.ROMAN, 3, 'iii');
add(T.ROMAN, 4, 'iv');
/**
 * Endings glued to a number («1-й», «10-го», «2-е», «4-м» are ordinals; «2-х», «5-ти» are
 * cardinals in the genitive): value 1 marks an ordinal, 0 a cardinal.
 */
export const NUMBER_SUFFIXES = new Map<string, number>([
  ['й', 1],
  ['го', 1],
  ['ое', 1],
  ['ый', 1],
  ['ий', 1],
  ['ого', 1],
  ['ом', 1],
  ['е', 1],
  ['я', 1],
  ['ая', 1],
  ['ой', 1],
  ['м', 1],
  ['ые', 1],
  ['ых', 1],
  ['ю', 1],
  ['ую', 1],
  ['му', 1],
  ['х', 0],
  ['ти', 0],
  ['ми', 0],
  ['ух', 0],
  ['ех', 0],
  ['и', 0],
  ['ть', 0],
]);

add(T.FREQ, F_DAY, 'ежедневно', 'ежедневный', 'ежедневная', 'ежедневное', 'ежедневные');
add(T.FREQ, F_WEEK, 'еженедельно', 'еженедельный', 'еженедельная', 'еженедельное', 'еженедельные');
add(T.TIMES, 0, 'раз', 'раза');
add(T.EVERY, 0, 'каждый', 'каждого', 'каждое', 'каждую', 'каждом', 'каждые', 'каждая', 'каждой', 'каждых');
add(T.FREQ, F_QUARTER, 'поквартально', 'квартально');
add(T.FREQ, F_MONTH, 'помесячно');
add(T.FREQ, F_HALF, 'полугодично', 'полугодовой', 'полугодовая', 'полугодовые');
add(T.IN, 0, 'в', 'во');
add(T.UNTIL, 0, 'до');
add(T.NOT, 0, 'не');
add(T.LATER, 0, 'позднее', 'позже', 'поздней');
add(T.TERM, 0, 'срок', 'сроки', 'срока', 'сроке');
add(T.BY, 0, 'к', 'ко');
add(T.PO, 0, 'по');
add(T.FROM, 0, 'с', 'со', 'начиная', 'начинать');
add(T.DURING, 0, 'течение', 'течении', 'протяжении', 'протяжение');
add(
  T.END,
  0,
  'конца',
  'конец',
  'концу',
  'окончания',
  'окончании',
  'завершения',
  'завершении',
  'истечения',
  'истечении',
);
add(T.START, 0, 'начала', 'начало', 'началу');
add(T.AFTER, 0, 'после', 'спустя');
add(T.THROUGH, 0, 'через');
add(T.ZA, 0, 'за');
add(T.RARER, 0, 'реже', 'чаще', 'менее', 'более', 'меньше');
add(T.THAN, 0, 'чем');
add(T.DAYNUM, 0, 'числа', 'число', 'числу');
add(T.RESULTS, 0, 'итогам', 'итогов', 'итоги', 'результатам');
add(
  T.CONT,
  0,
  'постоянно',
  'постоянной',
  'постоянном',
  'постоянный',
  'постоянная',
  'постоянное',
  'регулярно',
  'систематически',
  'непрерывно',
);
add(T.BASIS, 0, 'основе', 'режиме', 'основа');
add(T.NA, 0, 'на');
add(T.PERIOD, 0, 'период', 'периода', 'периоде', 'периодом', 'периоды');
add(T.WHOLE, 0, 'весь', 'всего', 'всей', 'всем', 'всех', 'вся', 'всю');
add(
  T.REPORT,
  0,
  'отчет',
  'отчета',
  'отчеты',
  'отчетов',
  'отчетом',
  'отчету',
  'отчетность',
  'отчетности',
  'доклад',
  'доклада',
  'доклады',
  'докладов',
  'докладом',
  'докладу',
  'информация',
  'информацию',
  'отчитаться',
  'отчитываться',
);
add(T.AND, 0, 'и', 'или', 'а');
add(T.FILLER, 0, 'но', 'однако', 'включительно', 'также');
/** «далее», «затем», «в дальнейшем»: what follows starts after the term before (value 1). */
add(T.FILLER, 1, 'затем', 'далее', 'впоследствии', 'дальнейшем', 'последующем');
add(T.CURRENT, 0, 'текущего', 'текущий', 'текущем', 'текущему', 'этого', 'этом', 'сего');
add(T.LAST, 0, 'последнего', 'последний', 'последнем', 'последнему');
add(T.OF, 0, 'от');
add(T.PRI, 0, 'при', 'согласно', 'соответствии', 'случае', 'случаях', 'зависимости', 'порядке');
add(T.MERE, 0, 'мере', 'мер');
add(
  T.EVENT,
  0,
  'момента',
  'даты',
  'дату',
  'дата',
  'запросу',
  'запроса',
  'требованию',
  'согласованию',
  'графику',
  'плану',
  'поручению',
  'решению',
  'факту',
  'отдельному',
  'отдельным',
  'мероприятий',
);
add(
  T.UNSPEC,
  0,
  'необходимости',
  'необходимость',
  'установленные',
  'установленный',
  'установленном',
  'установленных',
  'установленного',
  'установленным',
  'установлены',
  'определенные',
  'определенный',
  'определенных',
  'утвержденные',
  'утвержденным',
  'регламентные',
  'нормативные',
  'законодательством',
  'наличии',
  'потребности',
  'отдельно',
  'дополнительно',
  'ситуации',
  'усмотрению',
);

// Count words glued with span adjectives: «десятидневный», «двухнедельный», «трехмесячный».
const COUNT_PREFIX: Record<string, number> = {
  одно: 1,
  двух: 2,
  трех: 3,
  четырех: 4,
  пяти: 5,
  шести: 6,
  семи: 7,
  восьми: 8,
  девяти: 9,
  десяти: 10,
  двенадцати: 12,
  четырнадцати: 14,
  пятнадцати: 15,
  двадцати: 20,
  тридцати: 30,
  сорока: 40,
  сорокапяти: 45,
  шестидесяти: 60,
  девяносто: 90,
};
const SPAN_RE = /^(.*?)(дневн|недельн|месячн)(ый|ого|ом|ая|ой|ое|ую|ые|ых)?$/;

const FUZZY_MONTHS: [string, number][] = MONTH_FORMS.flatMap((forms, i) =>
  forms
    .slice(0, 3)
    .filter((f) => f.length >= 5)
    .map((f): [string, number] => [f, i + 1]),
);

/** True when `a` becomes `b` by at most one insertion, deletion, substitution or swap of neighbours. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length,
    lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

const LATIN_TO_CYRILLIC: Record<string, string> = {
  a: 'а',
  c: 'с',
  e: 'е',
  o: 'о',
  p: 'р',
  x: 'х',
  y: 'у',
  k: 'к',
  m: 'м',
  t: 'т',
  h: 'н',
  b: 'в',
};
const HAS_LATIN = /[a-z]/;
const HAS_CYR = /[а-я]/;
const ROMAN_GLUED = /^(iv|i{1,3})([а-я]+)$/;

/** The class of a lower-case word with «ё» already folded to «е»; cached. */
const cache = new Map<string, Entry>();
const OTHER_ENTRY: Entry = [T.OTHER, 0];

export function classify(word: string): Entry {
  const hit = lex.get(word) ?? cache.get(word);
  if (hit) return hit;
  const entry = classifyLoose(word);
  if (cache.size > 20_000) cache.clear();
  cache.set(word, entry);
  return entry;
}

/** Fixes a word typed with Latin look-alikes («oтчет»); leaves Roman numerals alone. */
export function fixHomoglyphs(word: string): string {
  if (!HAS_LATIN.test(word) || !HAS_CYR.test(word)) return word;
  let out = '';
  for (const ch of word) out += LATIN_TO_CYRILLIC[ch] ?? ch;
  return out;
}

/** «ivкв» → ['iv', 'кв']: a Roman numeral glued to a Cyrillic word. */
export function splitGluedRoman(word: string): [string, string] | null {
  const m = ROMAN_GLUED.exec(word);
  return m ? [m[1], m[2]] : null;
}

function classifyLoose(w: string): Entry {
  const len = w.length;
  if (len >= 7 && w.startsWith('еже')) {
    // Frequency adverbs/adjectives with typos: ежекватально, ежемесечно, ежегоднo …
    if (w.includes('полуг')) return [T.FREQ, F_HALF];
    if (w.includes('мес')) return [T.FREQ, F_MONTH];
    if (w.includes('ква') || w.includes('квр')) return [T.FREQ, F_QUARTER];
    if (w.includes('год') || w.includes('гдн')) return [T.FREQ, F_YEAR];
    if (w.includes('нед')) return [T.FREQ, F_WEEK];
    if (w.includes('днев')) return [T.FREQ, F_DAY];
    return OTHER_ENTRY;
  }
  for (let i = 0; i < MONTH_STEMS.length; i++) {
    const stem = MONTH_STEMS[i];
    if (w.startsWith(stem) && len <= stem.length + 2) return [T.MONTH, MONTH_STEM_VALUES[i]];
  }
  if (len >= 5) {
    // A month misspelt by one letter («декабя», «сентабря»): only trusted next to a day or a year.
    for (let i = 0; i < FUZZY_MONTHS.length; i++) {
      const [form, month] = FUZZY_MONTHS[i];
      if (form.charCodeAt(0) === w.charCodeAt(0) && form.charCodeAt(1) === w.charCodeAt(1) && withinOneEdit(w, form)) {
        return [T.MONTHQ, month];
      }
    }
  }
  if (w.startsWith('квартал') && len <= 10) return [T.QUARTER, 0];
  if ((w.startsWith('кватрал') || w.startsWith('квартл')) && len <= 10) return [T.QUARTER, 0];
  if (w.startsWith('полугод') && len <= 11) return [T.HALF, 0];
  if (w.startsWith('отчетн') || w.startsWith('отчтн')) return [T.REPORTING, 0];
  if (w.startsWith('отчет') && len <= 10) return [T.REPORT, 0];
  if (w.startsWith('доклад') && len <= 9) return [T.REPORT, 0];
  if (w.startsWith('рабоч') && len <= 8) return [T.WORKING, 0];
  if (w.startsWith('календарн')) return [T.CALENDARW, 0];
  if (w.startsWith('следующ') || w.startsWith('последующ') || w.startsWith('следущ')) return [T.NEXT, 0];
  if (w.startsWith('постоянн')) return [T.CONT, 0];
  if (w.startsWith('установленн') || w.startsWith('необходим')) return [T.UNSPEC, 0];
  if (w.startsWith('текущ')) return [T.CURRENT, 0];
  if (w.startsWith('итог')) return [T.RESULTS, 0];
  const span = SPAN_RE.exec(w);
  if (span) {
    const unit = span[2] === 'дневн' ? SPAN_DAY : span[2] === 'недельн' ? SPAN_WEEK : SPAN_MONTH;
    const prefix = span[1];
    const n = prefix === '' ? 1 : COUNT_PREFIX[prefix];
    if (n !== undefined) return [T.SPANADJ, n * 10 + unit];
  }
  return OTHER_ENTRY;
}
