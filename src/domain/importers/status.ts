/**
 * Execution status as printed in reports: «Выполнено», «Не выполнено» / «Не выполнен»,
 * «Частично выполнено», «Х» (not due in the period). A status printed twice
 * («Выполнено\nВыполнено») counts once.
 */
import type { ItemStatus } from './interchange.js';

const TOKEN =
  /(частично\s+(?:выполнен[аоы]?|исполнен[аоы]?)|(?:выполнен[аоы]?|исполнен[аоы]?)\s+частично|не\s+(?:выполнен[аоы]?|исполнен[аоы]?)|(?:выполнен[аоы]?|исполнен[аоы]?)|(?<!\p{L})[хx](?!\p{L}))/giu;

const classify = (token: string): ItemStatus => {
  const t = token.toLowerCase().replace(/\s+/g, ' ');
  if (t.includes('частично')) return 'partial';
  if (t.startsWith('не ')) return 'not_done';
  if (t === 'х' || t === 'x') return 'not_due';
  return 'done';
};

/** Whether a cell holds nothing but status words («Выполнено», «Х», «Не выполнено»). */
export function isStatusOnly(cell: string): boolean {
  const text = cell.trim();
  return text !== '' && text.match(TOKEN) !== null && text.replace(TOKEN, ' ').replace(/[\s.,;:!()/\\-]+/g, '') === '';
}

/**
 * Status of a status cell, or null when the cell is empty or says something else.
 * Distinct statuses in one cell: the first one printed wins.
 * @example parseStatus('Выполнено\nВыполнено') // 'done'
 * @example parseStatus('Не выполнен') // 'not_done'
 * @example parseStatus('Х') // 'not_due'
 */
export function parseStatus(cell: string): ItemStatus | null {
  const text = cell.trim();
  if (!text) return null;
  if (/^частично[.\s]*$/i.test(text)) return 'partial';
  // A status cell holds nothing but status words (and punctuation)…
  const rest = text.replace(TOKEN, ' ').replace(/[\s.,;:!()/\\-]+/g, '');
  const m = text.match(TOKEN);
  if (rest.length === 0) return m ? classify(m[0]) : null;
  // …or starts with one and adds a note («Выполнено 12.03.2024», «Не выполнено (перенос срока)»).
  return statusFromExecutionText(text);
}

/**
 * Status stated at the start of an execution text («Выполнено. Вопрос включен…»),
 * used when a report has no separate status column or leaves it empty.
 * @example statusFromExecutionText('Выполнено.\nВопрос включен в повестку') // 'done'
 */
export function statusFromExecutionText(text: string): ItemStatus | null {
  const first = text.trim().split('\n')[0].trim();
  if (/^[хx][\s.;,]*$/iu.test(first)) return 'not_due';
  // The first words, wherever the lines were broken («Частично» / «выполнено.»).
  const opening = text.trim().slice(0, 80).replace(/\s+/g, ' ');
  const m =
    /^(частично\s+(?:вы|ис)полнен[аоы]?|(?:вы|ис)полнен[аоы]?\s+частично|не\s+(?:вы|ис)полнен[аоы]?|(?:вы|ис)полнен[аоы]?)(?=$|[\s.,;:!])/iu.exec(
      opening,
    );
  return m ? classify(m[1]) : null;
}
