/**
 * «Одна и та же работа»: how alike two measures' wordings are after morphological normalisation
 * (issue 15, candidate links between plans). Pure: the morphology comes in.
 *
 * Each title becomes the set of lemmas of its content words; the genre's generic words
 * («проведение», «мероприятие», «обеспечение» …), which every other measure has, are left out so
 * that two measures are alike by what the work is about. The score is Dice's coefficient of the
 * two sets; the shared lemmas are the reason shown to the coordinator.
 */
import type { Morphology } from './types.js';

/** Parts of speech that carry no subject: prepositions, conjunctions, particles, pronouns, interjections. */
const FUNCTION_POS = new Set(['PREP', 'CONJ', 'PRCL', 'NPRO', 'INTJ', 'PRED']);

/** Lemmas nearly every measure of a social-sector plan has: they say nothing about which work it is. */
const GENERIC = new Set([
  'проведение',
  'провести',
  'мероприятие',
  'обеспечение',
  'обеспечить',
  'организация',
  'организовать',
  'осуществление',
  'реализация',
  'работа',
  'участие',
  'рамка',
  'целое',
  'цель',
  'год',
  'область',
  'региональный',
  'государственный',
  'муниципальный',
  'информация',
  'вопрос',
  'сфера',
  'деятельность',
  'направленный',
  'план',
  'также',
  'который',
  'этот',
  'весь',
]);

/** The content lemmas of a wording, in first-seen order (the most likely lemma of each word). */
export function titleLemmaSet(title: string, morphology: Morphology): string[] {
  const out: string[] = [];
  for (const m of title.matchAll(/[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)*|[A-Za-z]{2,}/g)) {
    const word = m[0];
    if (word.length < 3 && !/^[А-ЯЁA-Z]{2,}$/.test(word)) continue;
    // Abbreviations («НОК», «СО НКО») are kept as written.
    if (/^[А-ЯЁA-Z]{2,}$/.test(word)) {
      if (!out.includes(word.toLowerCase())) out.push(word.toLowerCase());
      continue;
    }
    const info = morphology.analyse(word.toLowerCase());
    if (FUNCTION_POS.has(info.pos)) continue;
    const lemma = info.lemmas[0] ?? word.toLowerCase().replace(/ё/g, 'е');
    if (GENERIC.has(lemma) || out.includes(lemma)) continue;
    out.push(lemma);
  }
  return out;
}

/** Dice's coefficient of two lemma sets (0…1) and the lemmas they share. */
export function titleSimilarity(a: readonly string[], b: readonly string[]): { score: number; shared: string[] } {
  if (a.length === 0 || b.length === 0) return { score: 0, shared: [] };
  const bs = new Set(b);
  const shared = a.filter((l) => bs.has(l));
  return { score: (2 * shared.length) / (a.length + b.length), shared };
}
