/**
 * RawDocument of a council meeting's protocol -> InterchangeDocument (kind 'protocol').
 *
 * A protocol reads top to bottom: its head (council, number, date, place), who
 * attended, the agenda, then per question a heading, the discussion («СЛУШАЛИ»,
 * «ВЫСТУПИЛИ»), the decisions («РЕШИЛИ: 1.1. …»), maybe the vote, and at the end
 * the signatures. The reader walks the lines once with that order in mind:
 *
 * - sections are the agenda questions, numbered as printed; a question listed in
 *   the agenda and again as a heading is one section (matched by its number's
 *   value, so «1.» and «I.» are the same question);
 * - every numbered decision is an item under the question it stands under; a
 *   «РЕШИЛИ» with one unnumbered decision gives one item numbered like its question;
 * - an item's title is the decision's text without labelled «Срок: …» /
 *   «Ответственные: …» lines and without the vote; its deadline and executors come
 *   from those labels, a decisions table's columns, or the sentence itself
 *   (decision-terms.ts, addressees.ts).
 * Pure: no I/O, no clock.
 */
import { DomainError } from '../../errors.js';
import { extractAbbreviations } from '../abbreviations.js';
import type { InterchangeDocument, InterchangeItem, InterchangeSection, MeetingAttendee } from '../interchange.js';
import { isUnder, romanValue } from '../numbering.js';
import type { RawDocument } from '../raw-document.js';
import { splitExecutors } from '../split-executors.js';
import { normalizeSpace } from '../text-utils.js';
import { findDativeAddressees } from './addressees.js';
import { findDeadlineInText, isLabelledLine, readLabelledTerms } from './decision-terms.js';
import { findTitleLine, readProtocolHeader } from './protocol-header.js';
import { toProtocolLines, type ProtocolLine } from './protocol-lines.js';
import {
  isProceduralLine,
  isSignature,
  isVoting,
  looksLikeDecision,
  looksLikeQuestionTitle,
  matchAgenda,
  matchAttendance,
  matchDecided,
  matchHeard,
  parseNumbered,
  parseQuestionMention,
  splitSpeakers,
  type AttendanceGroup,
  type NumberedLine,
} from './protocol-markers.js';
import { PERSON, personAtStart } from './russian-words.js';

interface Question {
  number: string;
  value: number | null;
  title: string;
  speakers: string[];
}

interface Decision {
  number: string;
  /** «1.» / «1)»: how the decision's number was printed. */
  delimiter?: string;
  /** The last sub-point («1)», «2)») read into the decision's text after its «…:». */
  subpoint?: number;
  section: string | null;
  /** Text lines of the decision (the first is its opening, number removed). */
  parts: string[];
  /** From a decisions table's columns. */
  columnExecutors?: string;
  columnDeadline?: string;
}

interface Block {
  decisions: Decision[];
  loose: string[];
}

type Mode = 'head' | 'attendance' | 'agenda' | 'question' | 'discussion' | 'decisions' | 'voting' | 'end';

const valueOf = (n: string): number | null => (/^\d+$/.test(n) ? Number(n) : romanValue(n));
const fold = (s: string) =>
  s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
/** The same question worded in the agenda and in the heading (allowing for trimmed tails). */
function sameQuestion(a: string, b: string): boolean {
  const x = fold(a);
  const y = fold(b);
  if (!x || !y) return false;
  const n = Math.min(40, x.length, y.length);
  return x.slice(0, n) === y.slice(0, n);
}

const TITLE_OF_OTHER_KINDS =
  /^(?:ИНФОРМАЦИЯ|Информация|ОТЧЕТ|ОТЧЁТ|Отч[её]т|ПЛАН|План|ДОРОЖНАЯ|Дорожная|СВЕДЕНИЯ|Сведения|ПЕРЕЧЕНЬ|Перечень|РЕЕСТР|Реестр|МОНИТОРИНГ|Мониторинг)(?![\p{L}])/u;

const textOf = (l: ProtocolLine) => (l.type === 'text' ? l.text : '');

/** Whether a line is one of those that end a protocol's head. */
function startsBody(text: string): boolean {
  if (
    matchAttendance(text) ||
    matchAgenda(text) ||
    matchHeard(text) ||
    matchDecided(text) ||
    parseQuestionMention(text)
  )
    return true;
  const n = parseNumbered(text);
  return Boolean(n && n.levels.length === 1 && looksLikeQuestionTitle(n.rest));
}

/**
 * Whether a document is the protocol of a meeting: its title line («ПРОТОКОЛ …»,
 * «Выписка из протокола …») comes among the first lines, before any other kind's
 * title, and the text is laid out as a protocol (attendance, agenda, «СЛУШАЛИ»,
 * «РЕШИЛИ»). A report on council decisions, whose rows name protocols, is not one.
 */
export function isProtocolDocument(raw: RawDocument): boolean {
  return detect(toProtocolLines(raw)) >= 0;
}

function detect(lines: ProtocolLine[]): number {
  const texts = lines.map(textOf);
  const titleAt = findTitleLine(texts);
  if (titleAt < 0) return -1;
  if (lines.slice(0, titleAt).some((l) => l.type === 'row' || TITLE_OF_OTHER_KINDS.test(textOf(l)))) return -1;
  const structured = lines
    .slice(titleAt + 1)
    .some(
      (l) =>
        l.type === 'row' ||
        (l.type === 'text' &&
          (matchDecided(l.text) ||
            matchHeard(l.text) ||
            matchAgenda(l.text) ||
            matchAttendance(l.text) ||
            parseQuestionMention(l.text))),
    );
  return structured ? titleAt : -1;
}

/**
 * Reads a protocol. Throws DomainError('validation', 'import.protocol_unreadable')
 * when it is not one, or when neither an agenda question nor a decision is found.
 * @example readProtocol(readTextDocument(bytes)).meeting?.date // '2024-03-15'
 */
export function readProtocol(raw: RawDocument): InterchangeDocument {
  const doc = readIfProtocol(raw);
  if (!doc) throw unreadable('no protocol title line («ПРОТОКОЛ …») followed by a protocol layout');
  return doc;
}

/**
 * The protocol's reading when the document is one, else null (one pass for the
 * importer's dispatch). Throws like readProtocol when it is a protocol but unreadable.
 */
export function readIfProtocol(raw: RawDocument): InterchangeDocument | null {
  const lines = toProtocolLines(raw);
  const titleAt = detect(lines);
  if (titleAt < 0) return null;
  const texts = lines.map(textOf);
  let headEnd = titleAt + 1;
  while (headEnd < lines.length && lines[headEnd].type === 'text' && !startsBody(texts[headEnd])) headEnd++;
  const header = readProtocolHeader(texts, titleAt, headEnd);

  const warnings: string[] = [];
  const sections: Question[] = [];
  const attendance: MeetingAttendee[] = [];
  const decisions: Decision[] = [];
  let mode: Mode = 'head';
  let group: AttendanceGroup = 'present';
  let current: Question | null = null;
  let block: Block | null = null;
  let decision: Decision | null = null;
  /** The question whose heading was read last, while its continuation lines may follow. */
  let openHeading: Question | null = null;
  /** Whether the agenda listed its questions (then headings can only repeat them). */
  let agendaRead = false;

  const sectionOf = (value: number | null) => (value === null ? undefined : sections.find((s) => s.value === value));

  const closeBlock = () => {
    decision = null;
    if (!block) return;
    const b = block;
    block = null;
    if (!b.decisions.length && b.loose.length) {
      // One unnumbered decision: numbered like its question, so that it can be referred to.
      decisions.push({
        number: current?.number ?? String(decisions.length + 1),
        section: current?.number ?? null,
        parts: b.loose,
      });
      warnings.push(
        `Вопрос ${current?.number ?? '—'}: решение без номера, ему присвоен номер ${current?.number ?? decisions.length}`,
      );
      return;
    }
    if (b.decisions.length && b.loose.some((l) => !/:$/.test(l))) {
      warnings.push(
        `Вопрос ${current?.number ?? '—'}: текст без номера перед решениями пропущен («${normalizeSpace(b.loose.join(' ')).slice(0, 60)}…»)`,
      );
    }
    // All decisions of the meeting under one «РЕШИЛИ», numbered by question («1.1», «2.1»): each to its question.
    const firsts = new Set(
      b.decisions
        .map((d) => d.number.split('.'))
        .filter((l) => l.length >= 2)
        .map((l) => Number(l[0])),
    );
    const multi = b.decisions.every((d) => d.number.includes('.'));
    if (multi && [...firsts].every((v) => sectionOf(v)) && (firsts.size > 1 || !current)) {
      for (const d of b.decisions) d.section = sectionOf(Number(d.number.split('.')[0]))!.number;
    }
    decisions.push(...b.decisions);
  };
  const openBlock = () => {
    closeBlock();
    block = { decisions: [], loose: [] };
    mode = 'decisions';
    openHeading = null;
  };

  const startQuestion = (number: string, rest: string) => {
    closeBlock();
    const { title, speakers } = splitSpeakers(rest);
    const value = valueOf(number);
    let q = sectionOf(value);
    if (mode === 'agenda' && !q) {
      agendaRead = true;
      sections.push({ number, value, title, speakers });
      openHeading = sections[sections.length - 1];
      return;
    }
    if (q) {
      if (!q.title) q.title = title;
      if (!q.speakers.length) q.speakers = speakers;
      // The heading the decisions stand under gives the number as printed there.
      q.number = number;
    } else {
      q = { number, value, title, speakers };
      sections.push(q);
    }
    current = q;
    openHeading = q;
    mode = 'question';
  };

  /**
   * «2. Минобразования, Минтруду …:» over «1) при возможности обеспечить …; 2) в срок до …»:
   * the sub-points restart at 1 and are the decision's text («подпункт 1 пункта 2»), not
   * decisions of their own. A multi-level number («2.1)») is a decision of its own.
   */
  const isSubpoint = (d: Decision, n: NumberedLine): boolean => {
    if (n.levels.length > 1 || n.kind !== 'arabic') return false;
    const k = n.levels[0];
    const parent = d.number.split('.').map(Number);
    const opened = d.subpoint !== undefined || /:$/.test(d.parts[d.parts.length - 1] ?? '');
    if (!opened || !(k === (d.subpoint ?? 0) + 1)) return false;
    const nextDecision = parent.length === 1 && k === parent[0] + 1 && n.delimiter === d.delimiter;
    return !nextDecision || /^[а-яё]/u.test(n.rest);
  };

  const startDecision = (n: NumberedLine, line: string) => {
    if (mode !== 'decisions' || !block) openBlock();
    else if (decision && isSubpoint(decision, n)) {
      const d = decision as Decision;
      d.parts.push(line);
      d.subpoint = n.levels[0];
      return;
    }
    decision = { number: n.number, delimiter: n.delimiter, section: current?.number ?? null, parts: [n.rest] };
    block!.decisions.push(decision);
  };

  const isQuestionHeading = (n: NumberedLine): boolean => {
    if (n.levels.length > 1 || !/\p{L}/u.test(n.rest)) return false;
    if (mode === 'attendance' && (personAtStart(n.rest) || !looksLikeQuestionTitle(n.rest))) return false;
    if (n.kind === 'roman') return true;
    if (mode === 'agenda') return true;
    if (mode === 'head' || mode === 'attendance') return looksLikeQuestionTitle(n.rest) && !looksLikeDecision(n.rest);
    const existing = sectionOf(n.levels[0]);
    if (existing && sameQuestion(existing.title, splitSpeakers(n.rest).title)) return true;
    if (looksLikeDecision(n.rest) || !looksLikeQuestionTitle(n.rest)) return false;
    const cur = current?.value ?? 0;
    // With an agenda read, a question heading repeats one of its numbers (or adds one after the
    // last, «Разное», once the decisions before it are over); a list in a speech does not.
    const last = Math.max(0, ...sections.map((q) => q.value ?? 0));
    if (agendaRead && !existing && !(n.levels[0] === last + 1 && (mode === 'decisions' || mode === 'voting')))
      return false;
    if (mode === 'decisions' || mode === 'voting') {
      const numbered = block?.decisions ?? [];
      // Decisions numbered «1.1», «1.2»: a plain «2.» is the next question.
      if (numbered.length && numbered.every((d) => d.number.includes('.'))) return n.levels[0] !== cur;
      return !current || n.levels[0] === cur + 1 || Boolean(existing);
    }
    return !current || n.levels[0] === cur + 1 || Boolean(existing);
  };

  const addAttendee = (text: string, cells: string[] | null, afterHeading = false) => {
    if (/:$/.test(text) && !PERSON.test(text)) return; // «члены Совета:»
    let name = '';
    let position = '';
    if (cells && cells.length >= 2) {
      const at = cells.findIndex((c) => PERSON.test(c));
      if (at >= 0) {
        name = PERSON.exec(cells[at])![0];
        position = cells.filter((_, i) => i !== at).join(' ') + ' ' + cells[at].replace(name, ' ');
      }
    } else {
      const m = PERSON.exec(text);
      if (m) {
        name = m[0];
        position = text.replace(m[0], ' ');
      }
    }
    if (!name) {
      const last = attendance[attendance.length - 1];
      if (last && !afterHeading && /^[а-яё(]/u.test(text)) last.position = normalizeSpace(`${last.position} ${text}`);
      return;
    }
    attendance.push({
      group,
      name: normalizeSpace(name),
      position: normalizeSpace(position).replace(/^[\s,;:–—-]+|[\s,;.]+$/gu, ''),
    });
  };

  const handle = (line: ProtocolLine): void => {
    if (mode === 'end') return;
    if (line.type === 'row') {
      if (mode !== 'decisions' || !block) openBlock();
      decision = {
        number: line.number || String(block!.decisions.length + 1),
        section: current?.number ?? null,
        parts: [line.title],
        columnExecutors: line.executorsText,
        columnDeadline: line.deadlineText,
      };
      if (!line.number) warnings.push(`Решение без номера в таблице: присвоен номер ${decision.number}`);
      block!.decisions.push(decision);
      return;
    }
    const text = line.text;
    const again = (rest: string) => {
      if (rest) handle({ type: 'text', text: rest, cells: null });
    };
    const preBody = mode === 'head' || mode === 'attendance' || mode === 'agenda';
    if (mode === 'head' || mode === 'attendance') {
      const a = matchAttendance(text);
      if (a) {
        mode = 'attendance';
        group = a.group;
        if (a.rest) addAttendee(a.rest, null, true);
        return;
      }
    }
    if (preBody) {
      const agenda = matchAgenda(text);
      if (agenda) {
        mode = 'agenda';
        again(agenda.rest);
        return;
      }
    }
    const mention = parseQuestionMention(text);
    if (mention) {
      const q = mention.number
        ? mention.number
        : (sections[(mention.ordinal ?? 0) - 1]?.number ?? String(mention.ordinal));
      const restIsTitle =
        looksLikeQuestionTitle(mention.rest) && !matchHeard(mention.rest) && !matchDecided(mention.rest);
      if (mode === 'agenda' && !sectionOf(valueOf(q))) {
        startQuestion(q, mention.rest);
        return;
      }
      if (mode === 'agenda') mode = 'question';
      startQuestion(q, restIsTitle ? mention.rest : '');
      if (!restIsTitle) again(mention.rest);
      return;
    }
    const heard = matchHeard(text);
    if (heard) {
      closeBlock();
      // «2. СЛУШАЛИ: …» or «СЛУШАЛИ: 2. О …»: the question is named here.
      const inner = heard.number ? null : parseNumbered(heard.rest);
      const number =
        heard.number ??
        (inner && inner.levels.length === 1 && looksLikeQuestionTitle(inner.rest) ? inner.number : null);
      const rest = inner && number ? inner.rest : heard.rest;
      let titled: Question | null = null;
      if (number && (valueOf(number) !== current?.value || !current)) {
        if (mode === 'agenda') mode = 'question';
        startQuestion(number, looksLikeQuestionTitle(rest) ? rest : '');
        titled = current;
      }
      mode = 'discussion';
      // «1. СЛУШАЛИ:» with the question's wording on the next line.
      openHeading = titled && !titled.title ? titled : null;
      return;
    }
    const decided = matchDecided(text);
    if (decided) {
      openBlock();
      again(decided.rest);
      return;
    }
    if (isVoting(text)) {
      decision = null;
      if (mode === 'decisions') mode = 'voting';
      return;
    }
    if (!preBody && isSignature(text, line.cells)) {
      closeBlock();
      mode = 'end';
      return;
    }
    if (isProceduralLine(text)) return;
    // An agenda question repeated as a heading without its number.
    const repeated =
      mode !== 'head' && mode !== 'attendance' && !parseNumbered(text)
        ? sections.find(
            (q) =>
              q !== current &&
              q.title.length >= 12 &&
              text.length <= q.title.length + 80 &&
              sameQuestion(q.title, splitSpeakers(text).title),
          )
        : undefined;
    if (repeated && (mode !== 'agenda' || repeated !== openHeading)) {
      if (mode === 'agenda') mode = 'question';
      startQuestion(repeated.number, text);
      return;
    }
    const n = parseNumbered(text);
    if (n) {
      if (isQuestionHeading(n)) {
        // A numbered line repeating an agenda question starts the body.
        if (mode === 'agenda' && sectionOf(n.levels[0])) mode = 'question';
        else if (mode === 'head' || mode === 'attendance') mode = 'question';
        startQuestion(n.number, n.rest);
        return;
      }
      const underCurrent = current !== null && n.levels.length >= 2 && n.levels[0] === current.value;
      if (
        mode === 'decisions' ||
        mode === 'voting' ||
        (mode === 'question' && (looksLikeDecision(n.rest) || underCurrent)) ||
        (mode === 'discussion' && underCurrent)
      ) {
        startDecision(n, text);
        return;
      }
      if (mode === 'attendance') addAttendee(n.rest, line.cells); // a numbered list of those present
      return; // a list inside a speech
    }
    switch (mode) {
      case 'attendance':
        addAttendee(text, line.cells);
        return;
      case 'agenda':
      case 'question': {
        // A heading going on over a second line («…в 2024 году»); else a speaker line.
        const q = openHeading;
        if (q && /^[а-яё«"(]/u.test(text) && !/^\(/.test(text)) {
          const joined = splitSpeakers(`${q.title} ${text}`);
          q.title = joined.title;
          q.speakers.push(...joined.speakers);
        } else if (q && (/^\(/.test(text) || PERSON.test(text))) {
          q.speakers.push(
            text.replace(/^\(|\)$/g, '').replace(/^(?:Докладчик[иа]?|Содокладчик[иа]?|Информация)\s*[:–—-]\s*/u, ''),
          );
          openHeading = null;
        }
        return;
      }
      case 'discussion':
        if (openHeading && !openHeading.title && looksLikeQuestionTitle(text)) {
          const { title, speakers } = splitSpeakers(text);
          openHeading.title = title;
          openHeading.speakers.push(...speakers);
        }
        openHeading = null;
        return;
      case 'decisions':
        if (decision) (decision as Decision).parts.push(text);
        else block?.loose.push(text);
        return;
      default:
        return;
    }
  };

  for (let i = headEnd; i < lines.length; i++) handle(lines[i]);
  closeBlock();

  if (!sections.length && !decisions.length) {
    throw unreadable(`protocol "${header.title.slice(0, 80)}": no agenda questions and no decisions found`);
  }
  if (!header.date) warnings.push('Не найдена дата протокола');
  if (!header.number) warnings.push('Не найден номер протокола');

  const items = buildItems(decisions, warnings);
  const allText = lines.map((l) => (l.type === 'text' ? l.text : `${l.title} ${l.executorsText}`));
  const out: InterchangeSection[] = sections.map((s) =>
    s.speakers.length
      ? { number: s.number, title: s.title, speakers: s.speakers }
      : { number: s.number, title: s.title },
  );
  return {
    kind: 'protocol',
    title: header.title,
    approvedOn: null,
    approvedByName: null,
    period: null,
    sections: out,
    indicators: [],
    items,
    abbreviations: extractAbbreviations(allText),
    meeting: {
      council: header.council,
      number: header.number,
      date: header.date,
      place: header.place,
      format: header.format,
      attendance,
    },
    warnings,
  };
}

/** The vote printed inside a decision's text («… . Голосовали: единогласно»). */
const INLINE_VOTE = /\s(?:ГОЛОСОВАЛИ|Голосовали|Результаты\s+голосования|Итоги\s+голосования)\s*[:–—-].*$/u;

function buildItems(decisions: Decision[], warnings: string[]): InterchangeItem[] {
  const items: InterchangeItem[] = [];
  const seen = new Set<string>();
  for (const d of decisions) {
    let lineDeadline = '';
    let lineExecutors = '';
    const body: string[] = [];
    for (const part of d.parts) {
      if (isLabelledLine(part)) {
        const t = readLabelledTerms(part.replace(/^\(|\)\.?$/g, ''));
        lineDeadline ||= t.deadline;
        lineExecutors ||= t.executors;
        if (t.rest && !/^[\s.,;]*$/.test(t.rest)) body.push(t.rest);
      } else body.push(part);
    }
    const joined = normalizeSpace(body.join(' ')).replace(INLINE_VOTE, '');
    const inText = readLabelledTerms(joined);
    const title = inText.rest;
    const deadlineText =
      lineDeadline || normalizeSpace(d.columnDeadline) || inText.deadline || findDeadlineInText(title);
    const executorsText =
      lineExecutors || normalizeSpace(d.columnExecutors) || inText.executors || findDativeAddressees(title);
    const key = `${d.section ?? ''}|${d.number}`;
    if (seen.has(key))
      warnings.push(`Решение ${d.number}${d.section ? ` (вопрос ${d.section})` : ''} встречается несколько раз`);
    seen.add(key);
    if (!title) warnings.push(`Решение ${d.number}: пустой текст`);
    items.push({
      number: d.number,
      section: d.section,
      title,
      executorsText,
      executors: splitExecutors(executorsText),
      deadlineText,
      expectedResult: '',
      form: '',
      executionText: '',
      status: null,
      protocolItem: '',
    });
  }
  // «1.2. Министерству …:» over «1.2.1. обеспечить …»: the sub-decisions are addressed to the same executors.
  for (const it of items) {
    if (it.executorsText) continue;
    const parent = items.find(
      (p) => p.section === it.section && isUnder(it.number, p.number) && /:$/.test(p.title) && p.executorsText,
    );
    if (parent) {
      it.executorsText = parent.executorsText;
      it.executors = [...parent.executors];
    }
  }
  return items;
}

function unreadable(detail: string): DomainError {
  return new DomainError(
    'validation',
    'import.protocol_unreadable',
    'Не удалось прочитать протокол: не найдены ни вопросы повестки дня, ни решения («РЕШИЛИ: 1.1. …»). Проверьте, что файл содержит текст протокола, а не его скан или изображение.',
    detail,
  );
}
