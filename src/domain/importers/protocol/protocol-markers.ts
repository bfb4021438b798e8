/**
 * The words that structure a protocol, as officials print them: the title
 * («ПРОТОКОЛ»), attendance («Председательствовал», «Присутствовали», «Приглашенные»),
 * the agenda («ПОВЕСТКА ДНЯ»), the discussion («СЛУШАЛИ», «ВЫСТУПИЛИ»), the
 * decisions («РЕШИЛИ», «Решили», «ПОСТАНОВИЛИ»), voting («ГОЛОСОВАЛИ», «за – 12»)
 * and the signatures at the end. Every test takes a whitespace-normalised line.
 * (JavaScript's \b knows no Cyrillic, hence the explicit look-arounds.)
 */
import { romanValue } from '../numbering.js';
import { PERSON, hasInfinitive, personAtStart } from './russian-words.js';

const END = String.raw`(?![\p{L}\p{N}])`;

/** The protocol's title line: «ПРОТОКОЛ», «Протокол № 3», «ВЫПИСКА ИЗ ПРОТОКОЛА …». */
export const TITLE_LINE = new RegExp(
  String.raw`^(?:ВЫПИСКА\s+ИЗ\s+ПРОТОКОЛА|Выписка\s+из\s+протокола|ПРОТОКОЛ|Протокол)${END}`,
  'u',
);
/** What a protocol records: a meeting, a session, absentee voting. */
export const MEETING_WORD = /(?:заседани|совещани|собрани|заочного\s+голосовани|голосования)/iu;

export type AttendanceGroup = 'chair' | 'present' | 'invited' | 'secretary' | 'absent';

const ATTENDANCE: Array<[AttendanceGroup, RegExp]> = [
  [
    'chair',
    new RegExp(
      String.raw`^(?:Председательствовал[аи]?|Председательствующий|Председатель\s+заседания|Председатель(?:\s+(?:Совета|совета|комиссии|Комиссии|рабочей\s+группы))?)${END}\s*(?:[:–—-]\s*|$)`,
      'iu',
    ),
  ],
  [
    'present',
    new RegExp(
      String.raw`^(?:Присутствовали|ПРИСУТСТВОВАЛИ|Присутствуют|Присутствовал[аи]?\s+члены[^:]{0,60}|Члены\s+(?:[А-ЯЁа-яё]+\s+)?(?:совета|Совета|комиссии|Комиссии|рабочей\s+группы|группы|штаба)[^:]{0,60}|(?:В\s+заседании|В\s+голосовании|В\s+заочном\s+голосовании)\s+(?:приняли|принимали)\s+участие[^:]{0,60}|Участники(?:\s+заседания)?|Участвовали)${END}\s*(?:[:–—-]\s*|$)`,
      'iu',
    ),
  ],
  [
    'invited',
    new RegExp(
      String.raw`^(?:Приглашенные|Приглашённые|ПРИГЛАШЕННЫЕ|Приглашены|Приглашенные\s+лица|Также\s+присутствовали|Приглашенные\s+на\s+заседание[^:]{0,40})${END}\s*(?:[:–—-]\s*|$)`,
      'iu',
    ),
  ],
  [
    'secretary',
    new RegExp(
      String.raw`^(?:Секретарь(?:\s+(?:заседания|Совета|совета|комиссии|Комиссии|рабочей\s+группы))?|Ответственный\s+секретарь)${END}\s*(?:[:–—-]\s*|$)`,
      'iu',
    ),
  ],
  ['absent', new RegExp(String.raw`^(?:Отсутствовали|ОТСУТСТВОВАЛИ|Отсутствуют)${END}\s*(?:[:–—-]\s*|$)`, 'iu')],
];

/** An attendance heading and the text after it («Присутствовали: 12 членов Совета»). */
export function matchAttendance(line: string): { group: AttendanceGroup; rest: string } | null {
  for (const [group, re] of ATTENDANCE) {
    const m = re.exec(line);
    if (m) return { group, rest: line.slice(m[0].length).trim() };
  }
  return null;
}

const AGENDA = new RegExp(
  String.raw`^(?:ПОВЕСТКА(?:\s+ДНЯ)?|Повестка(?:\s+дня|\s+заседания)?|Вопросы\s+повестки(?:\s+дня)?|Рассматриваемые\s+вопросы|Вопросы,\s+вынесенные\s+на\s+(?:рассмотрение|голосование))${END}[^:]{0,60}?\s*[:.]?\s*`,
  'u',
);
/** The agenda heading and what follows it on its line. */
export function matchAgenda(line: string): { rest: string } | null {
  const m = AGENDA.exec(line);
  if (!m || /утвержден|принят/i.test(line.slice(0, 60))) return null;
  return { rest: line.slice(m[0].length).trim() };
}

const NUMBER_PREFIX = String.raw`(?:(\d{1,2}|[IVXLC]{1,6})[.)]\s*)?`;
const HEARD = new RegExp(
  String.raw`^${NUMBER_PREFIX}(?:СЛУШАЛИ|Слушали|ВЫСТУПИЛИ|Выступили|ВЫСТУПИЛ[А]?|ДОКЛАДЧИК[И]?|ИНФОРМАЦИЯ|ОБСУЖДЕНИЕ|СЛУШАЛИ И ОБСУДИЛИ|(?:Выступил[аи]?|Докладчик[и]?|Содокладчик[и]?|Обсуждение|Информация|Доклад|В\s+обсуждении\s+(?:приняли\s+участие|участвовали))${END}(?=\s*[:–—-]|\s*$))\s*[:–—-]?\s*`,
  'u',
);
/** «СЛУШАЛИ: …», «2. СЛУШАЛИ: …», «ВЫСТУПИЛИ: …», «Докладчик: …». */
export function matchHeard(line: string): { number: string | null; rest: string } | null {
  const m = HEARD.exec(line);
  return m ? { number: m[1] ?? null, rest: line.slice(m[0].length).trim() } : null;
}

const DECIDED_WORD = String.raw`(?:РЕШИЛИ|Решили|решили|РЕШИЛ[А]?|Решил[а]?|решил[а]?|ПОСТАНОВИЛИ|Постановили|постановили|ПОСТАНОВИЛ[А]?|Постановил[а]?|РЕШЕНО|Решено|решено|РЕШЕНИЕ|Решение|РЕШЕНИЯ|Решения|ПРИНЯТОЕ\s+РЕШЕНИЕ|Принятое\s+решение|ПРИНЯТЫЕ\s+РЕШЕНИЯ|Принятые\s+решения|РЕШЕНИЕ\s+СОВЕТА|Решение\s+Совета|Решение\s+комиссии)`;
const DECIDED = new RegExp(
  String.raw`^(.{0,90}?)(?<![\p{L}])(${DECIDED_WORD})${END}\s*(:|\.|$|(?=\s+(?:\d|[А-ЯЁ«])))\s*`,
  'u',
);
/**
 * «РЕШИЛИ:», «Решили:», «Совет решил:», «По итогам обсуждения решили:» and what
 * follows on the line. A lead-in must not be a decision itself.
 */
export function matchDecided(line: string): { rest: string } | null {
  const m = DECIDED.exec(line);
  if (!m) return null;
  const lead = m[1].trim();
  // «Решение принято единогласно» is a vote; «Решение:» / «РЕШЕНИЕ» alone a heading.
  if (/^(?:Решени|РЕШЕНИ|Принят|ПРИНЯТ)/.test(m[2]) && m[3] !== ':' && line.slice(m[0].length).trim() !== '')
    return null;
  if (
    lead &&
    (hasInfinitive(lead) ||
      /^[\d(«"]/.test(lead) ||
      /[.;:]$/.test(lead) ||
      /^(?:Информаци|Доклад|Предложени)/.test(lead))
  )
    return null;
  return { rest: line.slice(m[0].length).trim() };
}

/** «ГОЛОСОВАЛИ: за – 12», «Итоги голосования», «"за" – 10, "против" – нет», «Решение принято единогласно». */
export function isVoting(line: string): boolean {
  return (
    /^(?:ГОЛОСОВАЛИ|Голосовали|ГОЛОСОВАНИЕ|Голосование|ИТОГИ\s+ГОЛОСОВАНИЯ|Итоги\s+голосования|РЕЗУЛЬТАТЫ\s+ГОЛОСОВАНИЯ|Результаты\s+голосования|Единогласно|ЕДИНОГЛАСНО|Принято\s+единогласно|ПРИНЯТО\s+ЕДИНОГЛАСНО)(?![\p{L}])/u.test(
      line,
    ) ||
    /^[«"„]?(?:за|ЗА|За)[»"“]?\s*[–—:-]\s*(?:\d|единогласно|все)/u.test(line) ||
    /^(?:Решени[ея]|Предложени[ея])\s+(?:принят[оыа]?|не\s+принят)/u.test(line) ||
    /^[«"„]?(?:против|воздержал\S*)[»"“]?\s*[–—:-]/iu.test(line)
  );
}

/** Words a meeting's closing signatures start with. */
const SIGNER =
  /^(?:Председател[ья]|Руководитель(?=\s+(?:рабочей|группы|комиссии|штаба|Совета|совета))|Член(?=\s+(?:Совета|совета|комиссии))|Председательствующ\S*|Заместитель\s+председател\S*|Зам\.\s*председател\S*|Секретар[ья]|Ответственный\s+секретарь|Протокол\s+(?:вел[аи]?|составил[аи]?|подготовил[аи]?|оформил[аи]?)|Протокол\s+вёл|Подпис[иь])(?![\p{L}])/u;

const FULL_PERSON = new RegExp(`^(?:${PERSON.source})$`, 'u');

/** «Председатель Совета И.И. Иванов», «Секретарь», «Протокол вела: Петрова А.А.». */
export function isSignature(line: string, cells: string[] | null): boolean {
  // A layout row «должность | И.О. Фамилия» at the end of the text.
  if (
    cells &&
    cells.length >= 2 &&
    cells.length <= 3 &&
    FULL_PERSON.test(cells[cells.length - 1]) &&
    !hasInfinitive(line)
  )
    return true;
  if (!SIGNER.test(line) || line.length > 140) return false;
  const after = line.replace(SIGNER, '');
  // «Председатель Совета отметил, что …» is speech, not a signature.
  if (/(?:^|\s)[а-яё]+(?:ал|ял|ил|ел|ул|ла|ли|ть|ет|ит)(?=[\s,.:;]|$)/u.test(after.replace(PERSON, ' '))) return false;
  if (/^Протокол/.test(line) || cells) return true;
  return PERSON.test(after) || after.length <= 60 || /_{3,}|\(подпись\)/.test(after);
}

export interface NumberedLine {
  /** As printed, trailing «.»/«)» dropped («1.1», «II»). */
  number: string;
  kind: 'arabic' | 'roman';
  levels: number[];
  /** What follows the number: «1.» -> '.', «1)» -> ')', «1.1 Текст» -> ''. */
  delimiter: '.' | ')' | '';
  rest: string;
}

/**
 * A line opening with a number: «1.1. Текст», «2) текст», «II. О …», «1.1.Текст».
 * A date («15.03.2024 …») is not a number.
 */
export function parseNumbered(line: string): NumberedLine | null {
  let m =
    /^(\d{1,2}(?:\.\d{1,2}){0,3})(?:\.|\))?\s+(?=\S)/u.exec(line) ??
    /^(\d{1,2}(?:\.\d{1,2}){0,3})[.)](?=[А-ЯЁа-яё«"(])/u.exec(line);
  if (m) {
    const number = m[1];
    // «2024 г.», «10 числа» and the like are text, not numbering: a bare number must be followed by a dot or bracket.
    if (!/[.)]/.test(line.slice(number.length, number.length + 1)) && !number.includes('.')) return null;
    const delimiter = (
      line[number.length] === '.' || line[number.length] === ')' ? line[number.length] : ''
    ) as NumberedLine['delimiter'];
    return {
      number,
      kind: 'arabic',
      levels: number.split('.').map(Number),
      delimiter,
      rest: line.slice(m[0].length).trim(),
    };
  }
  m = /^([IVXLC]{1,6})[.)]\s*(?=\S)/u.exec(line);
  if (m && romanValue(m[1]))
    return {
      number: m[1],
      kind: 'roman',
      levels: [romanValue(m[1])!],
      delimiter: line[m[1].length] as '.' | ')',
      rest: line.slice(m[0].length).trim(),
    };
  return null;
}

const ORDINALS = [
  'перв',
  'втор',
  'трет',
  'четв[её]рт',
  'пят',
  'шест',
  'седьм',
  'восьм',
  'девят',
  'десят',
  'одиннадцат',
  'двенадцат',
];

const ORDINAL_MENTION = new RegExp(
  String.raw`^По\s+(${ORDINALS.join('|')})[а-яё]*\s+вопросу(?:\s+повестки(?:\s+дня)?)?(?:\s+заседания)?\s*[.:,–—-]?\s*`,
  'iu',
);

/**
 * A question named without its number in front: «Вопрос 2. О …», «ВОПРОС № 2:»,
 * «По второму вопросу повестки дня: …» (ordinal -> position in the agenda).
 */
export function parseQuestionMention(
  line: string,
): { number: string | null; ordinal: number | null; rest: string } | null {
  let m =
    /^(?:Вопрос|ВОПРОС|По\s+вопросу)\s*(?:№\s*)?(\d{1,2}|[IVXLC]{1,6})(?:\s+повестки(?:\s+дня)?)?\s*[.:)–—-]?\s*/u.exec(
      line,
    );
  if (m) return { number: m[1], ordinal: null, rest: line.slice(m[0].length).trim() };
  m = ORDINAL_MENTION.exec(line);
  if (m) {
    const stem = m[1].toLowerCase().replace('ё', 'е');
    const ordinal = ORDINALS.findIndex((o) => stem.startsWith(o.replace('[её]', 'е'))) + 1;
    return { number: null, ordinal, rest: line.slice(m[0].length).trim() };
  }
  return null;
}

/** Opening words of an agenda question («О …», «Об итогах …», «Разное»). */
export function looksLikeQuestionTitle(text: string): boolean {
  return /^(?:О|Об|Обо|О\s+ходе|Об\s+итогах|Отч[её]т|Информация|Рассмотрение|Утверждение|Разное|Итоги|Согласование|Обсуждение|Избрание|Выборы|Подведение|Результаты|Презентация|Организационные|Текущие|Доклад|Заслушивание)(?![\p{L}])/iu.test(
    text,
  );
}

/** Whether a numbered text reads as a decision rather than a question: it orders, approves or notes. */
export function looksLikeDecision(text: string): boolean {
  return hasInfinitive(text) || /(?:к\s+сведению|принят[аоы]?\s+к\s+сведению)/iu.test(text);
}

const SPEAKER_WORDS =
  /(?:докладчик|содокладчик|выступ|информаци[яи]\s|доклад\s|министр|заместител|председател|директор|начальник|руководител|секретар|консультант|специалист|уполномоченн|глава\s)/iu;

/**
 * A question's title without its speakers: «О … (Иванов И.И.)», «О … – Иванов
 * Иван Иванович, министр …», «О …. Докладчик: …». Returns the title and the
 * speakers as printed.
 * @example splitSpeakers('Об итогах года (Иванов И.И., министр труда)') // { title: 'Об итогах года', speakers: ['Иванов И.И., министр труда'] }
 */
export function splitSpeakers(text: string): { title: string; speakers: string[] } {
  let t = text.trim();
  const speakers: string[] = [];
  const label =
    /[.;,]?\s*(?:Докладчик[иа]?|Содокладчик[иа]?|Докладывает|Выступающи[ей]|Информаци[яи]|Информирует|Ответственный\s+за\s+подготовку)\s*[:–—-]\s*/iu.exec(
      t,
    );
  if (label && label.index > 0) {
    speakers.push(t.slice(label.index + label[0].length).trim());
    t = t.slice(0, label.index);
  }
  for (;;) {
    t = t.replace(/[\s.;,:]+$/, '');
    const bracket = /\(([^()]*(?:\([^()]*\)[^()]*)*)\)$/.exec(t);
    if (bracket && (PERSON.test(bracket[1]) || SPEAKER_WORDS.test(bracket[1]))) {
      speakers.unshift(
        bracket[1]
          .replace(/^(?:докладчик[иа]?|содокладчик[иа]?|информаци[яи]|выступающи[ей])\s*[:–—-]?\s*/iu, '')
          .trim(),
      );
      t = t.slice(0, bracket.index);
      continue;
    }
    const dash = /\s[–—-]\s+(\S.*)$/u.exec(t);
    if (
      dash &&
      (personAtStart(dash[1]) ||
        /^(?:министр|заместитель|председатель|директор|начальник|руководитель|секретарь|консультант|глава)\s/iu.test(
          dash[1],
        ))
    ) {
      speakers.unshift(dash[1].trim());
      t = t.slice(0, dash.index);
      continue;
    }
    break;
  }
  return { title: t.replace(/[\s.;,:]+$/, '').trim(), speakers };
}

/** Lines that say nothing the reader needs: quorum, «Заседание открыл …». */
export function isProceduralLine(line: string): boolean {
  return /^(?:Кворум|Заседание\s+(?:правомочно|открыл|открыла|закрыл)|Повестка\s+дня\s+(?:утверждена|принята)|Приложение|Приложения)(?![\p{L}])/u.test(
    line,
  );
}
