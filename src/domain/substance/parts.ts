/**
 * Executors' parts of a multi-executor text (the rubric's «Executors' parts»):
 * - a paragraph headed «Минздрав:» («1) Минэконом:», «Комитет по культуре:», «Министерство образования:»);
 * - a paragraph that opens with its ministry as the actor («Минздрав предлагает …», «Министерство
 *   жилищно-коммунального хозяйства … осуществляет …», «Информация об участии Министерства культуры …»);
 * - an unlabelled leading paragraph, attributed to the first listed executor without a part of its own.
 * A part runs until the next heading. Names are matched to the row's executors by the way ministries
 * are shortened: a prefix («Минкульт» = «Минкультуры»), a contraction of the full name's words
 * («Минсоцзащиты» = «Министерство социальной защиты …», «МинЖКХ» = «… жилищно-коммунального хозяйства …»),
 * or an alias the executor cell defines («(далее – Минтруд)»).
 */
import { normalizeOrgName } from '../directory/match-organisation.js';
import type { Paragraph, Segmented } from './text.js';

export interface RawPart {
  executor: string | null;
  heading: string | null;
  start: number;
  end: number;
}

const BODY = /^(министерств|комитет|департамент|управлени|агентств|администраци|служб|инспекци|аппарат|правительств)/i;
const STOP = new Set(['и', 'по', 'в', 'на', 'с', 'для', 'об', 'о', 'при', 'из']);
const TERRITORY = /^(края|кра[йю]|области|облас|республики|округа|города|района|федерации|российской|забайкальского)$/;

/** Forms of a body's name that a text may use: the name itself and the aliases it defines. */
function namesOf(executor: string): string[] {
  const out = [executor.replace(/\(.*?\)/g, ' ')];
  for (const m of executor.matchAll(/\(\s*(?:далее\s*[-–—]?\s*|далее по тексту\s*[-–—]?\s*)([^)]+)\)/gi))
    out.push(m[1]);
  return out.map(normalizeOrgName).filter(Boolean);
}

const isAbbreviation = (name: string) => /^мин[а-яё]{2,}$/.test(name) && !/^министерств/.test(name);

/** Content words of a full name, hyphenated words split («жилищно-коммунального» → two words). */
function contentWords(name: string): string[] {
  return name.split(/[\s-]+/).filter((w) => w && !STOP.has(w) && !BODY.test(w) && !TERRITORY.test(w));
}

const commonPrefix = (a: string, b: string) => {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
};

/** Whether `tail` («соцзащиты», «жкх», «культ») is spelled by prefixes of consecutive words. */
function contracts(tail: string, words: string[]): boolean {
  const fits = (seg: string, word: string) =>
    word.startsWith(seg) || (seg.length >= 5 && commonPrefix(seg, word) >= seg.length - 1);
  const from = (t: number, w: number): boolean => {
    if (t === tail.length) return true;
    if (w >= words.length) return false;
    for (let len = tail.length - t; len >= 1; len--)
      if (fits(tail.slice(t, t + len), words[w]) && from(t + len, w + 1)) return true;
    return false;
  };
  // A short tail may be an acronym («жкх»); a longer one starts with a real prefix («соц…»).
  const minFirst = tail.length <= 4 ? 1 : 2;
  for (let w = 0; w < words.length; w++) {
    for (let len = tail.length; len >= minFirst; len--)
      if (fits(tail.slice(0, len), words[w]) && from(len, w + 1)) return true;
  }
  return false;
}

/** How well a name used in the text matches a listed executor: 0 = not at all. */
function matchScore(mention: string, executor: string): number {
  let best = 0;
  const m = normalizeOrgName(mention);
  if (!m) return 0;
  for (const name of namesOf(executor)) {
    if (name === m) return 4;
    const a = isAbbreviation(m);
    const b = isAbbreviation(name);
    if (a && b) {
      const [short, long] = m.length <= name.length ? [m, name] : [name, m];
      if (short.length >= 6 && long.startsWith(short)) best = Math.max(best, 3);
    } else if (a !== b) {
      const [abbr, full] = a ? [m, name] : [name, m];
      if (contracts(abbr.slice(3), contentWords(full))) best = Math.max(best, 2);
    } else {
      const x = contentWords(m);
      const y = contentWords(name);
      const shared = x.filter((w) =>
        y.some((u) => commonPrefix(w, u) >= Math.max(4, Math.min(w.length, u.length) - 3)),
      ).length;
      if (x.length && shared >= Math.min(2, x.length, y.length)) best = Math.max(best, shared === x.length ? 2 : 1);
    }
  }
  return best;
}

/** The listed executor a name refers to, or null. */
export function resolveExecutor(mention: string, executors: readonly string[]): string | null {
  let best: string | null = null;
  let score = 0;
  for (const e of executors) {
    const s = matchScore(mention, e);
    if (s > score) {
      score = s;
      best = e;
    }
  }
  return best;
}

const HEADING =
  /^\s*(?:\d{1,2}[.)]\s*)?([^:\n]{2,140}?)\s*:(?!\/\/)|^\s*(?:\d{1,2}[.)]\s*)?(Мин(?!истерств)[А-ЯЁа-яё]{2,})\s+[–—-]\s+/u;
const ACTOR =
  /^\s*(?:\d{1,2}[.)]\s*)?(?:Информация\s+(?:об участии|о деятельности|о работе)\s+)?(Министерств[а-я]*(?:\s+[^\s.,;:()]+){1,14}|Мин(?!истерств)[А-ЯЁа-яё]{2,})/u;

/** The body a paragraph is headed by or opens with, or null. */
function headingOf(p: Paragraph, executors: readonly string[]): { name: string; executor: string | null } | null {
  const h = HEADING.exec(p.text);
  if (h) {
    const name = (h[1] ?? h[2]).trim();
    const words = name.split(/\s+/);
    const orgLike =
      (words.length === 1 && /^Мин[А-ЯЁа-яё]{2,}$/u.test(name) && !/^Министерств/i.test(name)) ||
      (BODY.test(name) && words.length <= 16) ||
      (words.length <= 8 &&
        resolveExecutor(name, executors) !== null &&
        matchScore(name, resolveExecutor(name, executors)!) >= 3);
    if (orgLike) return { name, executor: resolveExecutor(name, executors) };
  }
  const a = ACTOR.exec(p.text);
  if (a) {
    let name = a[1];
    if (/^Министерств/i.test(name)) {
      // A full name ends at its territory («… Забайкальского края»); «Министерство осуществляет …» names nobody.
      const words = name.split(/\s+/);
      const t = words.findIndex((w, i) => i > 0 && /^(края|области|республики|округа)$/i.test(w));
      name = (t > 0 ? words.slice(0, t + 1) : words.slice(0, 6)).join(' ');
      const executor = resolveExecutor(name, executors);
      if (!executor && t < 0) return null;
      return { name, executor };
    }
    const executor = resolveExecutor(name, executors);
    return { name, executor };
  }
  return null;
}

/** A status mark repeated at the head of the text («Выполнено.») is not anyone's part. */
const STATUS_ECHO =
  /^\s*(?:(?:мероприятие\s+)?(?:выполнено|исполнено|не выполнено|не исполнено|частично выполнено|выполнено частично)[.!]?\s*(?:\n|$))/iu;

/**
 * Splits the text into executors' parts. Returns [] when the text has no headed part.
 * @example splitParts(seg('Минсоц: …\nМинобр: …'), ['Минсоц', 'Минобр']).map((p) => p.executor) // ['Минсоц', 'Минобр']
 */
export function splitParts(seg: Segmented, executors: readonly string[]): RawPart[] {
  const heads: { at: number; name: string; executor: string | null }[] = [];
  for (const p of seg.paragraphs) {
    const h = headingOf(p, executors);
    if (h) heads.push({ at: p.start, ...h });
  }
  if (heads.length === 0) return [];
  const parts: RawPart[] = [];
  const echo = STATUS_ECHO.exec(seg.text);
  const leadStart = echo ? echo[0].length : 0;
  if (seg.text.slice(leadStart, heads[0].at).trim() !== '') {
    let s = leadStart;
    while (/\s/.test(seg.text[s] ?? '')) s++;
    parts.push({ executor: null, heading: null, start: s, end: heads[0].at });
  }
  heads.forEach((h, i) =>
    parts.push({
      executor: h.executor,
      heading: h.name,
      start: h.at,
      end: i + 1 < heads.length ? heads[i + 1].at : seg.text.length,
    }),
  );
  // The unlabelled lead belongs to the first listed executor that has no part of its own.
  const lead = parts.find((p) => p.heading === null);
  if (lead) {
    const own = new Set(parts.map((p) => p.executor).filter(Boolean));
    lead.executor = executors.find((e) => !own.has(e)) ?? executors[0] ?? null;
  }
  for (const p of parts) while (p.end > p.start && /\s/.test(seg.text[p.end - 1])) p.end--;
  return parts;
}
