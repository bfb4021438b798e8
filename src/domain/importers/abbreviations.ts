/**
 * Abbreviations defined in the text: «Министерство труда Омской области (далее – Минтруд)».
 *
 * Two ways a short form relates to its full form:
 * - **a shortening of the phrase** («Координационного совета по … (далее – Координационный
 *   совет)»): the short form's first word shares its stem with a word before it; the
 *   full form is the short form's words followed by the rest of the phrase;
 * - **an acronym or contraction** («Минтруд», «ЦРОИ»): the full form is the name ending
 *   at «(далее»: its head noun (министерство, организация, центр…) with the adjectives
 *   agreeing with it, put into the nominative («в Омскую региональную общественную
 *   организацию "Центр…"» -> «Омская региональная общественная организация "Центр…"»).
 * The first definition of a short form wins.
 */
import { agreeingRun, matchHeadNoun, phraseToNominative } from './nominative.js';
import { normalizeSpace } from './text-utils.js';

const DEFINITION = /\(\s*(?:и\s+)?далее\s*(?:по\s+тексту|также|соответственно)?\s*(?:[-–—:]\s*|(?=[«"А-ЯЁа-яёA-Z]))/giu;

interface Token {
  text: string;
  start: number;
  end: number;
  nested: boolean;
}

/** Words of `s` with their positions; `nested` marks words inside quotes or brackets. */
function tokenize(s: string): Token[] {
  const tokens: Token[] = [];
  let depth = 0;
  let quote = 0;
  let straight = false;
  const re = /[«»"“”„()]|[\p{L}\p{N}][\p{L}\p{N}.-]*/gu;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const t = m[0];
    if (t === '(') depth++;
    else if (t === ')') depth = Math.max(0, depth - 1);
    else if (t === '«' || t === '„' || t === '“') quote++;
    else if (t === '»' || t === '”') quote = Math.max(0, quote - 1);
    else if (t === '"') straight = !straight;
    else
      tokens.push({
        text: t.replace(/[.-]+$/, ''),
        start: m.index,
        end: m.index + t.replace(/[.-]+$/, '').length,
        nested: depth > 0 || quote > 0 || straight,
      });
  }
  return tokens;
}

const commonPrefix = (a: string, b: string) => {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
};

/** Whether two words are forms of one word («совета» / «Совет»). */
export function sameStem(a: string, b: string): boolean {
  const x = a.toLowerCase().replace(/ё/g, 'е');
  const y = b.toLowerCase().replace(/ё/g, 'е');
  if (x.length < 3 || y.length < 3) return x === y;
  const shorter = Math.min(x.length, y.length);
  // Short words change only their last letter («сеть»/«сети»); longer ones, up to three.
  return commonPrefix(x, y) >= Math.max(3, shorter - 3, Math.min(4, shorter - 1));
}

const isAcronymLike = (w: string) => /^[А-ЯЁA-Z]{2,}/.test(w) || (/^Мин[а-яё]/.test(w) && !/^Министерств/.test(w));

const trimPhrase = (s: string) => normalizeSpace(s).replace(/^[\s,;:–—-]+|[\s,;:–—-]+$/g, '');

/** Adjectives (in the nominative) that agree with the head noun at tokens[h] and stand right before it. */
function agreeingAdjectives(tokens: Token[], h: number): { first: number; adjectives: string[]; head: string } {
  const m = matchHeadNoun(tokens[h].text);
  if (!m) return { first: h, adjectives: [], head: tokens[h].text };
  let from = h;
  while (from > 0 && h - from < 6 && !tokens[from - 1].nested) from--;
  const words = tokens.slice(from, h + 1).map((t) => t.text);
  const { count } = agreeingRun(words, m);
  const nominative = phraseToNominative(words.slice(words.length - 1 - count)).split(' ');
  return { first: h - count, adjectives: nominative.slice(0, count), head: nominative[count] };
}

const lowerFirst = (s: string) => (/^[А-ЯЁ][а-яё]/.test(s) ? s[0].toLowerCase() + s.slice(1) : s);

/** Full form for a short form that is a shortening of the phrase before it, or null. */
function fromShortening(before: string, short: string): string | null {
  const shortWords = short.split(/\s+/);
  if (isAcronymLike(shortWords[0]) || shortWords[0].length < 4) return null;
  const tokens = tokenize(before);
  for (let i = tokens.length - 1; i >= 0; i--) {
    if (tokens[i].nested || !sameStem(tokens[i].text, shortWords[0])) continue;
    // How many of the short form's words follow in the text.
    let k = 1;
    while (k < shortWords.length && tokens[i + k] && sameStem(tokens[i + k].text, shortWords[k])) k++;
    // The name's head noun among the matched words puts the whole name into the
    // nominative, adjectives before it included: «Региональным ресурсным центром …
    // (далее – Ресурсным центром)», «Федеральным законом … (далее – Закон)».
    for (let h = i; h < i + k; h++) {
      if (!matchHeadNoun(tokens[h].text)) continue;
      const named = agreeingAdjectives(tokens, h);
      return trimPhrase([...named.adjectives, named.head].join(' ') + before.slice(tokens[h].end));
    }
    const rest = before.slice(tokens[i + k - 1].end);
    const { adjectives } = agreeingAdjectives(tokens, i);
    const words = shortWords.slice(0, k);
    if (adjectives.length) words[0] = lowerFirst(words[0]);
    return trimPhrase([...adjectives, ...words].join(' ') + rest);
  }
  return null;
}

/**
 * Full form for an acronym spelled by the initials of the words before it
 * («органа местного самоуправления (далее – ОМСУ)»; a word may give several letters:
 * «самоуправления» gives С and У). Words in quotes or brackets do not count.
 */
function fromInitials(before: string, short: string): string | null {
  const letters = short.replace(/\s+/g, '');
  if (!/^[А-ЯЁ]{2,7}$/.test(letters)) return null;
  const acronym = letters.toLowerCase();
  const tokens = tokenize(before);
  let j = acronym.length - 1;
  let i = tokens.length - 1;
  for (; i >= 0 && j >= 0; i--) {
    const t = tokens[i];
    if (t.nested) return null;
    const w = t.text.toLowerCase();
    if (j < acronym.length - 1 && w === 'и') continue;
    let s = -1;
    for (let k = j; k >= 0; k--) {
      if (w[0] !== acronym[k]) continue;
      if (isSubsequence(acronym.slice(k + 1, j + 1), w.slice(1))) {
        s = k;
        break;
      }
    }
    if (s < 0) return null;
    j = s - 1;
  }
  if (j >= 0) return null;
  const first = i + 1;
  const words = tokens.slice(first).map((t) => t.text);
  // Put the name's head (the first noun) and its adjectives into the nominative.
  const h = words.findIndex((w) => matchHeadNoun(w, true));
  if (h < 0) return trimPhrase(before.slice(tokens[first].start));
  const nominative = phraseToNominative(words.slice(0, h + 1), true);
  return trimPhrase(nominative + before.slice(tokens[first + h].end));
}

function isSubsequence(needle: string, hay: string): boolean {
  let p = 0;
  for (let i = 0; i < hay.length && p < needle.length; i++) if (hay[i] === needle[p]) p++;
  return p === needle.length;
}

/** Prepositions that join an organisation to its parent inside one name («Совет при Губернаторе»). */
const INNER_PREPOSITION = /^(при|по)$/i;

/** Full form for an acronym or contraction: the name ending where the definition starts. */
function fromName(before: string): string | null {
  const tokens = tokenize(before);
  let h = -1;
  for (let i = tokens.length - 1; i >= 0; i--) {
    if (!tokens[i].nested && matchHeadNoun(tokens[i].text)) {
      h = i;
      break;
    }
  }
  if (h < 0) return null;
  // «Комитет по делам ЗАГС при Правительстве …»: the name starts at the outer body.
  for (;;) {
    const { first } = agreeingAdjectives(tokens, h);
    const prev = tokens[first - 1];
    if (!prev || !INNER_PREPOSITION.test(prev.text)) break;
    let outer = -1;
    for (let i = first - 2; i >= 0 && i >= first - 8; i--)
      if (!tokens[i].nested && matchHeadNoun(tokens[i].text)) {
        outer = i;
        break;
      }
    if (outer < 0) break;
    h = outer;
  }
  const { adjectives, head } = agreeingAdjectives(tokens, h);
  return trimPhrase([...adjectives, head].join(' ') + before.slice(tokens[h].end));
}

/** The short form inside «(далее – …)», up to the matching bracket; null when unbalanced. */
function readShort(text: string, from: number): { short: string; end: number } | null {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return { short: text.slice(from, i), end: i + 1 };
  }
  return null;
}

/**
 * Abbreviations defined by «(далее – …)» in the given texts (paragraphs, cells),
 * short form -> full form; the first definition of a short form wins.
 * @example extractAbbreviations(['Министерство труда Омской области (далее – Минтруд)'])
 * // { 'Минтруд': 'Министерство труда Омской области' }
 */
export function extractAbbreviations(texts: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of texts) {
    if (!/далее/i.test(raw)) continue;
    const text = normalizeSpace(raw);
    let segmentStart = 0;
    DEFINITION.lastIndex = 0;
    for (let m = DEFINITION.exec(text); m; m = DEFINITION.exec(text)) {
      if (/соответственно/i.test(m[0])) continue;
      const r = readShort(text, m.index + m[0].length);
      if (!r) continue;
      let short = normalizeSpace(r.short).replace(/[.,;]+$/, '');
      // «(далее – «Совет»)»: quotes around the whole short form are not part of it.
      if (/^[«"“„][^«»"“”„]*[»"”“]$/.test(short)) short = short.slice(1, -1).trim();
      // A name ends at «(далее»; it does not reach further back than a long sentence.
      const before = text.slice(Math.max(segmentStart, m.index - 600), m.index);
      segmentStart = r.end;
      DEFINITION.lastIndex = r.end;
      if (!short || short.length > 80 || out[short] !== undefined || !/[\p{L}]/u.test(short)) continue;
      let full = fromShortening(before, short) ?? fromInitials(before, short) ?? fromName(before) ?? lastClause(before);
      // A capitalised short form names an institution: so does its full form («Координационный совет»).
      if (full && /^[А-ЯЁ]/.test(short) && /^[а-яё]/.test(full) && !/^[А-ЯЁ]{2,}/.test(short))
        full = full[0].toUpperCase() + full.slice(1);
      if (full && full !== short) out[short] = full;
    }
  }
  return out;
}

/** Fallback: the last clause before the definition, without a leading preposition. */
function lastClause(before: string): string | null {
  const parts = before.split(/[,;:]\s+(?![^(]*\))/);
  const last = trimPhrase(
    (parts[parts.length - 1] ?? '').replace(/^(в|во|на|с|со|к|ко|о|об|по|для|при|от|из|у)\s+/i, ''),
  );
  return last.length >= 3 ? last : null;
}
