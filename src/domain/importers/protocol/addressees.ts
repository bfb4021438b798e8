/**
 * Executors named inside a decision: the addressees in the dative that open it.
 *
 * «Министерству труда и социального развития Омской области (Иванову И.И.)
 * обеспечить …» — the decision is addressed to whoever stands in the dative before
 * the infinitive saying what to do. «Рекомендовать» / «Поручить» / «Предложить»
 * before them is dropped; the addressees stay as written (in the dative, with the
 * persons in brackets). Anything else («Информацию принять к сведению», «Утвердить
 * план …») names no executor, and none is invented.
 */
import { isDativeAddresseeStart, isInfinitive, wordsOutsideBrackets } from './russian-words.js';

/** Verbs that hand a decision to its addressees and are not part of them. */
const LEAD_VERB = /^(?:рекомендовать|поручить|предложить)\s+/iu;

/** Words after which the addressees are over: a term, a partner, a condition («в срок», «совместно с»). */
function endsAddressees(word: string, next: string): boolean {
  const w = word.toLowerCase();
  const n = next.toLowerCase();
  if (
    /^(?:совместно|ежегодно|ежеквартально|ежемесячно|еженедельно|постоянно|незамедлительно|оперативно|дополнительно|своевременно|регулярно|также|необходимо|впредь|далее)$/.test(
      w,
    )
  )
    return true;
  if (w === 'в' || w === 'во') {
    return /^(?:срок|течение|рамках|целях|установленн|соответствии|пределах|случае|ходе|порядке|период|месячный|двухнедельный|недельный|кратчайш|оперативном|дальнейшем|этой|этих|связи|части|\d|[ivx]+$|перв|втор|трет|четв|январ|феврал|март|апрел|ма[ея]|июн|июл|август|сентябр|октябр|ноябр|декабр)/.test(
      n,
    );
  }
  if (w === 'до' || w === 'к')
    return /^(?:\d|«|конца|начала|следующ|очередн|ближайш|окончани|середин|плановому)/.test(n);
  if (w === 'не') return /^(?:позднее|позже|реже|менее)$/.test(n);
  if (w === 'с') return /^(?:учетом|учётом|участием|привлечением|использованием|целью|\d)/.test(n);
  if (w === 'по') return /^(?:итогам|результатам|мере|возможности)$/.test(n);
  if (w === 'на')
    return /^(?:постоянной|регулярной|системной|плановой|период|основе|следующем|очередном|ближайшем)$/.test(n);
  if (w === 'при') return /^[а-яё]/.test(next); // «при участии», not «Совету при Губернаторе»
  return false;
}

/**
 * The dative addressees at the start of a decision, as written, or ''.
 * @example findDativeAddressees('Министерству труда (Иванову И.И.) обеспечить приём заявок') // 'Министерству труда (Иванову И.И.)'
 * @example findDativeAddressees('Рекомендовать органам местного самоуправления: организовать …') // 'органам местного самоуправления'
 * @example findDativeAddressees('Информацию принять к сведению') // ''
 */
export function findDativeAddressees(decision: string): string {
  const text = decision.trim();
  const lead = LEAD_VERB.exec(text);
  const from = lead ? lead[0].length : 0;
  const body = text.slice(from);
  const words = wordsOutsideBrackets(body);
  if (!words.length || !isDativeAddresseeStart(words.slice(0, 5).map((w) => w.word))) return '';
  // «Иванову И.И.» splits into «Иванову», «И», «И»: a colon may only end the phrase outside brackets too.
  const colon = colonOutsideBrackets(body);
  let end = -1;
  for (let i = 1; i < words.length && i <= 40; i++) {
    const w = words[i];
    if (colon >= 0 && w.start > colon) {
      end = colon;
      break;
    }
    if (isInfinitive(w.word) || endsAddressees(w.word, words[i + 1]?.word ?? '')) {
      end = w.start;
      break;
    }
  }
  if (end < 0 && colon >= 0 && colon < 400) end = colon;
  if (end < 0) return '';
  const phrase = body
    .slice(0, end)
    .replace(/[\s,–—:-]+$/u, '')
    .trim();
  // A sentence must not end inside the addressees («Информацию … принять. Минтруду …» is not one).
  return /[.;!?]\s+[А-ЯЁ][а-яё]/u.test(phrase.replace(/(?:^|\s)(?:[А-ЯЁ]\.\s?){1,2}/gu, ' ')) ? '' : phrase;
}

function colonOutsideBrackets(s: string): number {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(' || c === '«') depth++;
    else if ((c === ')' || c === '»') && depth > 0) depth--;
    else if (c === ':' && depth === 0) return i;
  }
  return -1;
}
