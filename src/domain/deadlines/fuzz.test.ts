/**
 * Property tests: text without date words never yields a date; random input never throws;
 * phrases generated from the genre's grammar give exactly the dates they were built from.
 * Seeded, so a failure is reproducible.
 */
import { describe, expect, it } from 'vitest';
import { daysInMonth, formatYmd, isIsoDate } from '../calendar/iso-date.js';
import { expandSchedule, parseDeadline, summarizeForCli } from './index.js';
import type { PlanPeriod } from './types.js';

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
type Rand = ReturnType<typeof rng>;
const pick = <T>(r: Rand, list: readonly T[]): T => list[Math.floor(r() * list.length)];
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

const P: PlanPeriod = ['2024-01-01', '2025-12-31'];

// Words of measure titles, executors and results: no month, year, quarter, frequency or unit word.
const CONTENT = (
  'организация проведение заседаний общественного совета мониторинг анализ реализации государственной политики ' +
  'социальной сфере края указов президента национальных проектов программ корректировка стратегии развития ' +
  'министерство труда социального развития некоммерческих организаций обеспечение доступа услугам ' +
  'информационное освещение деятельности средствах массовой информации размещение официальном сайте сети интернет ' +
  'формирование перечня проблем плана мероприятий рабочих встреч представителей органов местного самоуправления ' +
  'главы администраций муниципальных районов городского округа области минсоц минздрав минобр минкульт минспорт ' +
  'независимой оценки качества условий оказания получателей анкетирование результатов утверждения бюджета финансирования ' +
  'протокол решение поручение губернатора правительства методических рекомендаций подготовка согласование'
).split(' ');
// The genre's small words, which only mean something next to a date word.
const FUNCTION = [
  'до',
  'не',
  'позднее',
  'в',
  'срок',
  'течение',
  'с',
  'по',
  'после',
  'со',
  'за',
  'к',
  'на',
  'и',
  'или',
  'от',
  '№',
  ',',
  '(',
  ')',
  '-',
  '–',
  ';',
  '.',
  'постоянно',
  'отчет',
  'доклад',
  'информация',
  'мере',
  'необходимости',
  'рабочих',
  'дней',
  'раз',
  'реже',
  'чем',
  'числа',
  'следующего',
  'отчетным',
  'конца',
  'начала',
  'итогам',
  'каждый',
  'весь',
  'период',
  'далее',
  'но',
  'не менее',
];
const NUMBERS = Array.from({ length: 99 }, (_, i) => String(i + 1));

function salad(r: Rand): string {
  const n = int(r, 1, 14);
  const words: string[] = [];
  for (let i = 0; i < n; i++) {
    const x = r();
    words.push(x < 0.5 ? pick(r, CONTENT) : x < 0.85 ? pick(r, FUNCTION) : pick(r, NUMBERS));
  }
  const text = words.join(r() < 0.2 ? '\n' : ' ');
  return r() < 0.3 ? text[0].toUpperCase() + text.slice(1) : text;
}

// Real non-date cells of the genre (titles, executors, results, unspecified deadlines), to shuffle.
const FRAGMENTS = [
  'Организация проведения заседаний Общественного совета по вопросам проведения независимой оценки',
  'Размещение информации о своей деятельности на официальных сайтах в сети «Интернет»',
  'Главы администраций муниципальных районов (по согласованию); общественные палаты муниципальных образований',
  'в течение 5 рабочих дней после поступления информации о результатах независимой оценки от Общественного совета',
  'Постоянно в течение 10 рабочих дней со дня создания, получения или изменения информации',
  'по мере необходимости, по отдельному плану, в установленные сроки',
  'Министерство труда и социального развития Омской области (далее – Минтруд)',
  'Перечень проблем развития некоммерческих организаций № 12 от заседания совета',
];

function shuffled(r: Rand): string {
  const words = pick(r, FRAGMENTS)
    .split(/\s+/)
    .concat(r() < 0.5 ? pick(r, FRAGMENTS).split(/\s+/) : []);
  for (let i = words.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [words[i], words[j]] = [words[j], words[i]];
  }
  return words.slice(0, int(r, 1, words.length)).join(' ');
}

describe('never guesses a date', () => {
  it('word salad without date words yields no control date', () => {
    const r = rng(20240501);
    for (let i = 0; i < 4000; i++) {
      const text = salad(r);
      const out = summarizeForCli(parseDeadline(text, { period: P }));
      expect({ text, due: out.due, reports: out.reports }).toEqual({ text, due: [], reports: [] });
      // «каждый дней» reads as daily (no control dates): still no date.
      expect(['date', 'deadline', 'window'], text).not.toContain(out.kind);
    }
  });

  it('shuffled fragments of non-date cells yield no control date', () => {
    const r = rng(7);
    for (let i = 0; i < 3000; i++) {
      const text = shuffled(r);
      const out = summarizeForCli(parseDeadline(text, { period: P }));
      expect({ text, due: out.due, reports: out.reports }).toEqual({ text, due: [], reports: [] });
    }
  });

  it('random characters never throw and only give valid ISO dates', () => {
    const r = rng(99);
    const alphabet = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюяIVXivx0123456789 .,;:-–—()№/«»"\n\t\u00a0';
    for (let i = 0; i < 3000; i++) {
      let text = '';
      const n = int(r, 0, 40);
      for (let k = 0; k < n; k++) text += alphabet[int(r, 0, alphabet.length - 1)];
      const e = expandSchedule(parseDeadline(text, { period: P }));
      for (const d of [...e.due, ...e.reports]) {
        expect(isIsoDate(d.nominal), text).toBe(true);
        expect(isIsoDate(d.effective), text).toBe(true);
        expect(d.effective >= d.nominal, text).toBe(true);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Generated genre phrases: the answer is known by construction.

const GEN = [
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
const NOM = [
  'январь',
  'февраль',
  'март',
  'апрель',
  'май',
  'июнь',
  'июль',
  'август',
  'сентябрь',
  'октябрь',
  'ноябрь',
  'декабрь',
];
const ROMAN = ['I', 'II', 'III', 'IV'];
const ORD_Q = ['первый', 'второй', 'третий', 'четвертый'];
const DASHES = ['-', ' - ', ' – ', '–', '—', ' — ', '- '];
const YEAR_WORDS = ['', ' г.', ' г', 'г.', ' года', ' год'];
const YEARS_WORDS = ['', ' гг.', ' годы', ' годов', 'гг.'];

interface Case {
  text: string;
  period: PlanPeriod;
  kind: string;
  due: string[];
  reports?: string[];
}

function generate(r: Rand): Case {
  const y = int(r, 2020, 2030);
  const period: PlanPeriod = [`${y}-01-01`, `${y + int(r, 0, 2)}-12-31`];
  const m = int(r, 1, 12);
  const d = int(r, 1, daysInMonth(y, m));
  const iso = formatYmd(y, m, d);
  const endOf = (yy: number, mm: number) => formatYmd(yy, mm, daysInMonth(yy, mm));
  switch (int(r, 0, 8)) {
    case 0: {
      const pre = pick(r, ['до ', 'не позднее ', 'в срок до ', 'В срок до ', 'Не позднее ', 'к ']);
      return { text: `${pre}${d} ${GEN[m - 1]} ${y}${pick(r, YEAR_WORDS)}`, period, kind: 'deadline', due: [iso] };
    }
    case 1: {
      const dd = r() < 0.5 ? String(d).padStart(2, '0') : String(d);
      const mm = r() < 0.7 ? String(m).padStart(2, '0') : String(m);
      const yy = r() < 0.8 ? String(y) : String(y).slice(2);
      const pre = pick(r, ['', 'до ', 'в срок до ']);
      return {
        text: `${pre}${dd}.${mm}.${yy}${pick(r, ['', ' г.', 'г.'])}`,
        period,
        kind: pre ? 'deadline' : 'date',
        due: [iso],
      };
    }
    case 2: {
      const q = int(r, 1, 4);
      const num = pick(r, [ROMAN[q - 1], String(q), ORD_Q[q - 1], `${q}-й`]);
      const word = pick(r, [' квартал', ' кв.', ' кв', ' квартал']);
      return { text: `${num}${word} ${y}${pick(r, YEAR_WORDS)}`, period, kind: 'window', due: [endOf(y, q * 3)] };
    }
    case 3: {
      const q1 = int(r, 1, 3),
        q2 = int(r, q1 + 1, 4);
      const roman = r() < 0.5;
      const a = roman ? ROMAN[q1 - 1] : String(q1),
        b = roman ? ROMAN[q2 - 1] : String(q2);
      return {
        text: `${a}${pick(r, DASHES)}${b} ${pick(r, ['квартал', 'кварталы', 'кв.'])} ${y}${pick(r, YEAR_WORDS)}`,
        period,
        kind: 'window',
        due: [endOf(y, q2 * 3)],
      };
    }
    case 4: {
      const y2 = y + int(r, 1, 8);
      const left = r() < 0.5 ? `${y}${pick(r, YEAR_WORDS)}` : String(y);
      return {
        text: `${left}${pick(r, DASHES)}${y2}${pick(r, YEARS_WORDS)}`,
        period,
        kind: 'window',
        due: [`${y2}-12-31`],
      };
    }
    case 5: {
      const m2 = int(r, m, 12);
      if (m2 === m)
        return {
          text: `${pick(r, ['', 'в '])}${m === 5 && r() < 0.5 ? 'мае' : NOM[m - 1]} ${y}${pick(r, YEAR_WORDS)}`.replace(
            'в май',
            'в мае',
          ),
          period,
          kind: 'window',
          due: [endOf(y, m)],
        };
      return {
        text: `${NOM[m - 1]}${pick(r, DASHES)}${NOM[m2 - 1]} ${y}${pick(r, YEAR_WORDS)}`,
        period,
        kind: 'window',
        due: [endOf(y, m2)],
      };
    }
    case 6: {
      const h = int(r, 1, 2);
      const num = pick(r, [ROMAN[h - 1], String(h), h === 1 ? 'первое' : 'второе', `${h}-е`]);
      return { text: `${num} полугодие ${y}${pick(r, YEAR_WORDS)}`, period, kind: 'window', due: [endOf(y, h * 6)] };
    }
    case 7: {
      const years: number[] = [];
      for (let yy = +period[0].slice(0, 4); yy <= +period[1].slice(0, 4); yy++) years.push(yy);
      const dd = Math.min(d, 28);
      return {
        text: `${pick(r, ['ежегодно до ', 'Ежегодно до ', 'ежегодно, до ', 'ежегодно в срок до ', 'ежегодно не позднее '])}${dd} ${GEN[m - 1]}`,
        period,
        kind: 'recurring',
        due: years.map((yy) => formatYmd(yy, m, dd)),
      };
    }
    default: {
      const years: number[] = [];
      for (let yy = +period[0].slice(0, 4); yy <= +period[1].slice(0, 4); yy++) years.push(yy);
      const dd = int(r, 1, 28);
      const reports = years.flatMap((yy) =>
        [3, 6, 9, 12].map((qm) => (qm === 12 ? formatYmd(yy + 1, 1, dd) : formatYmd(yy, qm + 1, dd))),
      );
      const due = years.flatMap((yy) => [3, 6, 9, 12].map((qm) => endOf(yy, qm)));
      const text = `${pick(r, ['ежеквартально', 'Ежеквартально', 'ежеквартально,'])} ${pick(r, ['до', 'не позднее', 'в срок до'])} ${dd}${pick(r, ['', '-го'])} числа месяца, ${pick(r, ['следующего', 'следующим'])} за ${pick(r, ['отчетным', 'отчётным'])}${pick(r, ['', ' кварталом', ' периодом'])}`;
      return { text, period, kind: 'recurring', due, reports };
    }
  }
}

describe('generated genre phrases', () => {
  it('give exactly the dates they were built from', () => {
    const r = rng(31337);
    for (let i = 0; i < 3000; i++) {
      const c = generate(r);
      const out = summarizeForCli(parseDeadline(c.text, { period: c.period }));
      expect({ text: c.text, kind: out.kind, due: out.due, reports: out.reports }).toEqual({
        text: c.text,
        kind: c.kind,
        due: [...c.due].sort(),
        reports: [...(c.reports ?? [])].sort(),
      });
    }
  });
});
