/**
 * Reasons in Russian, shown to the executor before submitting and to the coordinator in the queue.
 * A formal verdict says what is missing and, when candidates were set aside, why they do not count.
 */
import type { Evidence, EvidenceKind, Rejection, RejectionKind } from './types.js';

export const NO_FACTS = 'В тексте нет ни цифр, ни дат, ни реквизитов документов — отчёт может быть возвращён';
export const ADVICE =
  'Добавьте то, что можно проверить: число с результатом, дату проведённого мероприятия или номер и дату документа';
export const PLACEHOLDER = 'В ячейке только «Х» — отчёт не представлен';
export const EMPTY = 'Текст отчёта пуст';

const KIND: Record<EvidenceKind, string> = {
  document: 'реквизиты документа',
  date: 'дата события',
  figure: 'число с результатом',
  object: 'конкретный объект в названном месте',
  event: 'названное событие с датой',
};

const REJECTED: Record<RejectionKind, string> = {
  'before-period': 'Даты и факты относятся ко времени до начала периода плана и работу за период не подтверждают',
  planned: 'Указаны планы и плановые даты — это ещё не события',
  deadline: 'Дата стоит как срок («до …»), а не как дата проведённого мероприятия',
  parameter: 'Числа в тексте — параметры (размеры, сроки, ставки, диапазоны), а не результаты',
  context: 'Числа в тексте описывают обстановку, а не результат работы',
  habitual: 'Описан порядок работы («ежегодно», «регулярно»), а не то, что сделано за период',
  'legal-basis': 'Ссылки на нормативные акты — основание работы, а не её результат',
  'undated-document': 'Документ назван без номера и даты',
  'undated-event': 'Мероприятие названо без даты',
  channel: 'Названы только каналы размещения (сайт, социальные сети) — нужны число публикаций или дата',
  boilerplate: 'Шаблонная формулировка не сообщает, что сделано',
  'restated-title': 'Текст повторяет название мероприятия',
};

const BOILERPLATE =
  /(на постоянной основе|в установленном порядке|в штатном режиме|на регулярной основе|в постоянном режиме|по мере необходимости|(?:работа|мониторинг)\s+ведется|ведется\s+работа|актуализируется|в рамках (?:текущей деятельности|компетенции)|выполнено в полном объ[её]ме|(?:мероприятие|пункт)\s+(?:выполнено|исполнено))/i;
const CHANNEL = /(сайт|портал|социальн[а-я]* сет|вконтакте|телеграм|telegram|госпаблик|https?:\/\/|\.ru\b)/i;
const UNDATED_DOCUMENT =
  /(?:приказом|постановлением|распоряжением|письмом|решением)\s+(?![^.\n]{0,80}(?:№|\d{2}\.\d{2}\.\d{4}))/i;
const MEETING = /(заседани|совещани|круглом столе|встреч)/i;

/** Reasons for a substantive text: which facts were found. */
export function substantiveReasons(evidence: readonly Evidence[]): string[] {
  const shown = evidence.slice(0, 3).map((e) => `${KIND[e.kind]}: «${e.text}»`);
  return [
    `Есть проверяемые факты периода — ${shown.join('; ')}${evidence.length > 3 ? ` и ещё ${evidence.length - 3}` : ''}`,
  ];
}

/** Reasons for a formal text (or part): what is missing and why candidates do not count. */
export function formalReasons(text: string, rejected: readonly Rejection[]): string[] {
  const out: string[] = [];
  const kinds = [...new Set(rejected.map((r) => r.kind))];
  if (kinds.length === 0) out.push(NO_FACTS);
  else out.push(`В тексте нет проверяемых фактов отчётного периода — отчёт может быть возвращён`);
  for (const k of kinds) {
    const example = rejected.find((r) => r.kind === k)!;
    out.push(`${REJECTED[k]}: «${example.text.trim()}»`);
  }
  const b = BOILERPLATE.exec(text);
  if (b) out.push(`${REJECTED.boilerplate}: «${b[1]}»`);
  if (CHANNEL.test(text) && !kinds.includes('channel')) out.push(REJECTED.channel);
  if (UNDATED_DOCUMENT.test(text) && !kinds.includes('legal-basis')) out.push(REJECTED['undated-document']);
  if (MEETING.test(text) && !kinds.includes('undated-event')) out.push('Заседание или встреча названы без даты');
  out.push(ADVICE);
  return out;
}
