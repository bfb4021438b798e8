/**
 * Russian morphology for the substance check: the `az` package (Az.js) with the OpenCorpora
 * dictionaries it ships.
 *
 * Why this library: the check needs lemmas and tense/part-of-speech of Russian words, offline, in
 * Node 20. Az.js is a JavaScript port of pymorphy2 (the reference analyser for Russian) and reads
 * the same DAWG dictionaries built from OpenCorpora (~390k lemmas), with pymorphy2's guessers for
 * unknown words; it works from files in the package (no network), has no dependencies, is MIT
 * licensed (the dictionary data is OpenCorpora's, CC BY-SA), weighs 12 MB unpacked and loads in
 * ~170 ms. The alternatives reachable here are stemmers (snowball, natural), which give no tense or
 * part of speech and conflate words the rules must tell apart, or wrappers of Yandex MyStem, which
 * download a binary at install time (not possible here).
 *
 * Loading reads files, so it lives here, at the edge, and happens once, lazily; the analysis of a
 * word is cached (the genre's vocabulary is small: a warm cache makes a word ~0.2 µs instead of
 * ~14 µs, which is what lets the check run at thousands of texts per second).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Az from 'az';
import type { Morphology, WordInfo } from '../../domain/substance/index.js';

/** Above this many distinct words the cache starts over (bounded memory on unbounded input). */
const CACHE_LIMIT = 200_000;
/** Parses this much less likely than the best one are ignored. */
const SCORE_RATIO = 0.25;

const has = (tag: { [g: string]: unknown }, g: string) => tag[g] === true;

/** What the check needs from Az's parses of one word. */
export function wordInfoFromParses(parses: ReturnType<typeof Az.Morph>): WordInfo {
  if (parses.length === 0)
    return { lemmas: [], pos: '', past: false, present: false, future: false, noun: false, adjective: false };
  const top = parses[0].score;
  // A guessed word (not in the dictionary) keeps only its best guess: the others are noise.
  const known = (parses[0] as { parser?: string }).parser === 'Dictionary';
  const likely = known ? parses.filter((p, i) => i === 0 || p.score >= top * SCORE_RATIO) : [parses[0]];
  const lemmas: string[] = [];
  for (const p of likely) {
    const n = p.normalize();
    const l = String(n.word ?? n.toString())
      .toLowerCase()
      .replace(/ё/g, 'е');
    if (l && !lemmas.includes(l)) lemmas.push(l);
  }
  // Tense is read from the best parse only: «инклюзивному» must not pass for a future-tense verb.
  const verb = parses[0].tag.POS === 'VERB' ? parses[0] : undefined;
  return {
    lemmas,
    pos: String(parses[0].tag.POS ?? ''),
    past: likely.some((p) => (p.tag.POS === 'VERB' && has(p.tag, 'past')) || p.tag.POS === 'PRTS'),
    present: !!verb && has(verb.tag, 'pres'),
    future: !!verb && has(verb.tag, 'futr'),
    noun: likely.some((p) => p.tag.POS === 'NOUN'),
    adjective: likely.some((p) => p.tag.POS === 'ADJF' || p.tag.POS === 'PRTF' || p.tag.POS === 'NUMR'),
  };
}

/** A Morphology over an initialised Az, with a bounded cache keyed by the word as written. */
export function azMorphology(az: typeof Az = Az): Morphology {
  let cache = new Map<string, WordInfo>();
  return {
    analyse(word: string): WordInfo {
      const hit = cache.get(word);
      if (hit) return hit;
      const info = wordInfoFromParses(az.Morph(word));
      if (cache.size >= CACHE_LIMIT) cache = new Map();
      cache.set(word, info);
      return info;
    },
  };
}

let loading: Promise<Morphology> | null = null;

/** Loads the dictionaries once (about 170 ms) and returns the shared analyser. */
export function loadMorphology(): Promise<Morphology> {
  loading ??= new Promise<Morphology>((resolve, reject) => {
    const dicts = join(dirname(createRequire(import.meta.url).resolve('az/package.json')), 'dicts');
    Az.Morph.init(dicts, (error) => {
      if (error) reject(new Error(`cannot load the Russian morphology dictionaries from ${dicts}: ${String(error)}`));
      else resolve(azMorphology(Az));
    });
  });
  return loading;
}
