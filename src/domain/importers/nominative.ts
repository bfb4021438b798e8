/**
 * Just enough Russian morphology to name an organisation in the nominative case.
 *
 * An abbreviation is often defined mid-sentence, in whatever case the sentence puts
 * it: «направить в Омскую региональную общественную организацию "Центр…" (далее –
 * ЦРОИ)». The dictionary of abbreviations wants the name as a heading would print
 * it: «Омская региональная общественная организация "Центр…"». Names in this genre
 * are a head noun from a small vocabulary (министерство, комитет, организация,
 * учреждение, совет, центр…) with agreeing adjectives before it and genitive or
 * quoted complements after it, which stay as they are. So: recognise the head noun
 * and its case from a paradigm table, take the adjectives that agree with it, and
 * put head and adjectives into the nominative of the same number.
 */

export type Gender = 'm' | 'f' | 'n';
export type Num = 'sg' | 'pl';
export type Case = 'nom' | 'gen' | 'dat' | 'acc' | 'ins' | 'pre';
export interface Form {
  c: Case;
  n: Num;
}

type Paradigm = 'ija' | 'a' | 'ie' | 'o' | 'hard' | 'soft' | 'softF';

/** Noun endings per paradigm (after the stem). */
const NOUN_ENDINGS: Record<Paradigm, Record<string, Form[]>> = {
  // организаци-я
  ija: {
    я: [{ c: 'nom', n: 'sg' }],
    и: [
      { c: 'gen', n: 'sg' },
      { c: 'nom', n: 'pl' },
      { c: 'dat', n: 'sg' },
      { c: 'pre', n: 'sg' },
      { c: 'acc', n: 'pl' },
    ],
    ю: [{ c: 'acc', n: 'sg' }],
    ей: [{ c: 'ins', n: 'sg' }],
    ею: [{ c: 'ins', n: 'sg' }],
    й: [{ c: 'gen', n: 'pl' }],
    ям: [{ c: 'dat', n: 'pl' }],
    ями: [{ c: 'ins', n: 'pl' }],
    ях: [{ c: 'pre', n: 'pl' }],
  },
  // служб-а
  a: {
    а: [{ c: 'nom', n: 'sg' }],
    ы: [
      { c: 'gen', n: 'sg' },
      { c: 'nom', n: 'pl' },
      { c: 'acc', n: 'pl' },
    ],
    и: [
      { c: 'gen', n: 'sg' },
      { c: 'nom', n: 'pl' },
      { c: 'acc', n: 'pl' },
    ],
    е: [
      { c: 'dat', n: 'sg' },
      { c: 'pre', n: 'sg' },
    ],
    у: [{ c: 'acc', n: 'sg' }],
    ой: [{ c: 'ins', n: 'sg' }],
    ей: [{ c: 'ins', n: 'sg' }],
    '': [{ c: 'gen', n: 'pl' }],
    ам: [{ c: 'dat', n: 'pl' }],
    ами: [{ c: 'ins', n: 'pl' }],
    ах: [{ c: 'pre', n: 'pl' }],
  },
  // учреждени-е
  ie: {
    е: [
      { c: 'nom', n: 'sg' },
      { c: 'acc', n: 'sg' },
    ],
    я: [
      { c: 'gen', n: 'sg' },
      { c: 'nom', n: 'pl' },
      { c: 'acc', n: 'pl' },
    ],
    ю: [{ c: 'dat', n: 'sg' }],
    ем: [{ c: 'ins', n: 'sg' }],
    и: [{ c: 'pre', n: 'sg' }],
    й: [{ c: 'gen', n: 'pl' }],
    ям: [{ c: 'dat', n: 'pl' }],
    ями: [{ c: 'ins', n: 'pl' }],
    ях: [{ c: 'pre', n: 'pl' }],
  },
  // министерств-о
  o: {
    о: [
      { c: 'nom', n: 'sg' },
      { c: 'acc', n: 'sg' },
    ],
    а: [
      { c: 'gen', n: 'sg' },
      { c: 'nom', n: 'pl' },
      { c: 'acc', n: 'pl' },
    ],
    у: [{ c: 'dat', n: 'sg' }],
    ом: [{ c: 'ins', n: 'sg' }],
    е: [{ c: 'pre', n: 'sg' }],
    '': [{ c: 'gen', n: 'pl' }],
    ам: [{ c: 'dat', n: 'pl' }],
    ами: [{ c: 'ins', n: 'pl' }],
    ах: [{ c: 'pre', n: 'pl' }],
  },
  // комитет-
  hard: {
    '': [
      { c: 'nom', n: 'sg' },
      { c: 'acc', n: 'sg' },
    ],
    а: [{ c: 'gen', n: 'sg' }],
    у: [{ c: 'dat', n: 'sg' }],
    ом: [{ c: 'ins', n: 'sg' }],
    е: [{ c: 'pre', n: 'sg' }],
    ы: [
      { c: 'nom', n: 'pl' },
      { c: 'acc', n: 'pl' },
    ],
    и: [
      { c: 'nom', n: 'pl' },
      { c: 'acc', n: 'pl' },
    ],
    ов: [{ c: 'gen', n: 'pl' }],
    ам: [{ c: 'dat', n: 'pl' }],
    ами: [{ c: 'ins', n: 'pl' }],
    ах: [{ c: 'pre', n: 'pl' }],
  },
  // сет-ь (feminine, soft)
  softF: {
    ь: [
      { c: 'nom', n: 'sg' },
      { c: 'acc', n: 'sg' },
    ],
    и: [
      { c: 'gen', n: 'sg' },
      { c: 'dat', n: 'sg' },
      { c: 'pre', n: 'sg' },
      { c: 'nom', n: 'pl' },
      { c: 'acc', n: 'pl' },
    ],
    ью: [{ c: 'ins', n: 'sg' }],
    ей: [{ c: 'gen', n: 'pl' }],
    ям: [{ c: 'dat', n: 'pl' }],
    ями: [{ c: 'ins', n: 'pl' }],
    ях: [{ c: 'pre', n: 'pl' }],
  },
  // показател-ь, музе-й
  soft: {
    ь: [
      { c: 'nom', n: 'sg' },
      { c: 'acc', n: 'sg' },
    ],
    й: [
      { c: 'nom', n: 'sg' },
      { c: 'acc', n: 'sg' },
    ],
    я: [{ c: 'gen', n: 'sg' }],
    ю: [{ c: 'dat', n: 'sg' }],
    ем: [{ c: 'ins', n: 'sg' }],
    е: [{ c: 'pre', n: 'sg' }],
    и: [
      { c: 'nom', n: 'pl' },
      { c: 'acc', n: 'pl' },
    ],
    ей: [{ c: 'gen', n: 'pl' }],
    ев: [{ c: 'gen', n: 'pl' }],
    ям: [{ c: 'dat', n: 'pl' }],
    ями: [{ c: 'ins', n: 'pl' }],
    ях: [{ c: 'pre', n: 'pl' }],
  },
};

/** Nominative endings per paradigm: [singular, plural]. */
const NOUN_NOM: Record<Paradigm, [string, string]> = {
  ija: ['я', 'и'],
  a: ['а', 'ы'],
  ie: ['е', 'я'],
  o: ['о', 'а'],
  hard: ['', 'ы'],
  soft: ['ь', 'и'],
  softF: ['ь', 'и'],
};

interface HeadNoun {
  stem: string;
  p: Paradigm;
  g: Gender;
  /** Irregular nominative singular («перечень»). */ nomSg?: string;
}

const heads = (p: Paradigm, g: Gender, stems: string[]): HeadNoun[] => stems.map((stem) => ({ stem, p, g }));

/**
 * Head nouns of organisation and document names in plans of measures. Stems are
 * lower case; the paradigm gives the endings.
 */
const HEADS: HeadNoun[] = [
  ...heads('ija', 'f', [
    'организаци',
    'администраци',
    'комисси',
    'инспекци',
    'ассоциаци',
    'стратеги',
    'концепци',
    'лаборатори',
    'академи',
    'гимнази',
    'редакци',
    'дирекци',
    'корпораци',
    'компани',
    'кампани',
    'полици',
  ]),
  ...heads('a', 'f', [
    'служб',
    'групп',
    'программ',
    'систем',
    'платформ',
    'школ',
    'больниц',
    'поликлиник',
    'библиотек',
    'дум',
    'палат',
    'прокуратур',
  ]),
  ...heads('ie', 'n', [
    'управлени',
    'учреждени',
    'отделени',
    'объединени',
    'предприяти',
    'постановлени',
    'распоряжени',
    'положени',
    'соглашени',
    'подразделени',
  ]),
  ...heads('o', 'n', [
    'министерств',
    'агентств',
    'правительств',
    'обществ',
    'партнерств',
    'сообществ',
    'товариществ',
    'казначейств',
    'представительств',
  ]),
  ...heads('hard', 'm', [
    'комитет',
    'департамент',
    'центр',
    'фонд',
    'совет',
    'орган',
    'институт',
    'союз',
    'проект',
    'план',
    'реестр',
    'конкурс',
    'сайт',
    'портал',
    'университет',
    'колледж',
    'техникум',
    'диспансер',
    'приказ',
    'закон',
    'указ',
    'стандарт',
    'форум',
    'штаб',
    'клуб',
    'театр',
    'комплекс',
    'интернат',
    'аппарат',
    'регламент',
    'навигатор',
    'банк',
    'суд',
    'филиал',
    'отдел',
    'сектор',
  ]),
  ...heads('soft', 'm', ['показател', 'музе', 'лице', 'госпитал']),
  ...heads('softF', 'f', ['сет']),
  { stem: 'перечн', p: 'soft', g: 'm', nomSg: 'перечень' },
];

/** Adjective endings by gender/number and case. */
const ADJ: Record<'m' | 'f' | 'n' | 'pl', Record<Case, string[]>> = {
  m: {
    nom: ['ый', 'ий', 'ой'],
    gen: ['ого', 'его'],
    dat: ['ому', 'ему'],
    acc: ['ый', 'ий', 'ой'],
    ins: ['ым', 'им'],
    pre: ['ом', 'ем'],
  },
  f: {
    nom: ['ая', 'яя'],
    gen: ['ой', 'ей'],
    dat: ['ой', 'ей'],
    acc: ['ую', 'юю'],
    ins: ['ой', 'ей', 'ою', 'ею'],
    pre: ['ой', 'ей'],
  },
  n: {
    nom: ['ое', 'ее'],
    gen: ['ого', 'его'],
    dat: ['ому', 'ему'],
    acc: ['ое', 'ее'],
    ins: ['ым', 'им'],
    pre: ['ом', 'ем'],
  },
  pl: {
    nom: ['ые', 'ие'],
    gen: ['ых', 'их'],
    dat: ['ым', 'им'],
    acc: ['ые', 'ие'],
    ins: ['ыми', 'ими'],
    pre: ['ых', 'их'],
  },
};

/** Stems of adjectives stressed on the ending: masculine nominative «-ой» («областной», «городской»). */
const STRESSED_ENDING =
  /(областн|городск|краев|окружн|трудов|делов|волостн|поселков|мирово|боев|выпускн|рабоч|сельск|заводск|морск|мужск|донск|полев)$/;

export interface HeadMatch {
  noun: HeadNoun;
  /** Possible grammatical forms of the printed word. */
  forms: Form[];
}

/** Nouns recognised by suffix only, for phrases already known to be a name (an acronym's expansion). */
const GENERIC_HEADS: HeadNoun[] = [
  { stem: 'ств', p: 'o', g: 'n' },
  { stem: 'ени', p: 'ie', g: 'n' },
  { stem: 'ани', p: 'ie', g: 'n' },
  { stem: 'ти', p: 'ie', g: 'n' },
  { stem: 'ци', p: 'ija', g: 'f' },
  { stem: 'оценк', p: 'a', g: 'f' },
];

/**
 * Recognises a head noun of an organisation or document name, in any case.
 * With `generic`, also nouns known only by their suffix (-ство, -ние, -ция).
 */
export function matchHeadNoun(word: string, generic = false): HeadMatch | null {
  const w = word.toLowerCase().replace(/ё/g, 'е');
  for (const noun of HEADS) {
    if (noun.nomSg && w === noun.nomSg)
      return {
        noun,
        forms: [
          { c: 'nom', n: 'sg' },
          { c: 'acc', n: 'sg' },
        ],
      };
    if (!w.startsWith(noun.stem)) continue;
    const end = w.slice(noun.stem.length);
    let forms = NOUN_ENDINGS[noun.p][end];
    if (forms && noun.nomSg) forms = forms.filter((f) => f.n === 'pl' || (f.c !== 'nom' && f.c !== 'acc'));
    if (forms && forms.length) return { noun, forms };
  }
  if (!generic) return null;
  for (const g of GENERIC_HEADS) {
    const at = w.lastIndexOf(g.stem);
    if (at < (g.stem.length >= 4 ? 0 : 2)) continue;
    const forms = NOUN_ENDINGS[g.p][w.slice(at + g.stem.length)];
    if (forms) return { noun: { ...g, stem: w.slice(0, at + g.stem.length) }, forms };
  }
  return null;
}

const adjKey = (g: Gender, n: Num) => (n === 'pl' ? 'pl' : g);

/** The adjective ending of `word` that agrees with a noun of gender `g` in form `f`, or null. */
export function agreeingEnding(word: string, g: Gender, f: Form): string | null {
  const w = word.toLowerCase();
  if (!/^[а-яё-]+$/.test(w) || w.length < 4) return null;
  const endings = ADJ[adjKey(g, f.n)][f.c];
  // Longest ending first («-ыми» before «-ым»).
  for (const e of [...endings].sort((a, b) => b.length - a.length))
    if (w.endsWith(e) && w.length > e.length + 1) return e;
  return null;
}

const VELAR_OR_SIBILANT = /[гкхжшчщ]$/;
const SOFT_SPELLED = /^(его|ему|им|ем|их|ими|ей|ею|юю|ее|яя|ий|ие)$/;

/** Puts an agreeing adjective into the nominative of gender `g` and number `n`. */
export function adjectiveToNominative(word: string, ending: string, g: Gender, n: Num): string {
  const stem = word.slice(0, word.length - ending.length);
  const s = stem.toLowerCase();
  const soft = SOFT_SPELLED.test(ending) && !VELAR_OR_SIBILANT.test(s);
  const velar = VELAR_OR_SIBILANT.test(s);
  let nom: string;
  if (n === 'pl') nom = soft || velar ? 'ие' : 'ые';
  else if (g === 'f') nom = soft ? 'яя' : 'ая';
  else if (g === 'n') nom = soft || (/[жшчщ]$/.test(s) && SOFT_SPELLED.test(ending)) ? 'ее' : 'ое';
  else nom = STRESSED_ENDING.test(s) ? 'ой' : soft || velar ? 'ий' : 'ый';
  return stem + nom;
}

/** Puts a head noun into the nominative of the number it was printed in. */
export function nounToNominative(word: string, m: HeadMatch, n: Num): string {
  const { noun } = m;
  const [sg, pl] = NOUN_NOM[noun.p];
  if (n === 'sg' && noun.nomSg) return matchCase(word, noun.nomSg);
  return word.slice(0, noun.stem.length) + (n === 'sg' ? sg : pl);
}

const matchCase = (model: string, word: string) =>
  /^[А-ЯЁ]/.test(model) ? word[0].toUpperCase() + word.slice(1) : word;

/** Order in which ambiguous forms are tried when nothing else decides. */
const FORM_PRIORITY: Case[] = ['nom', 'acc', 'gen', 'dat', 'ins', 'pre'];

/**
 * Given the words before and including a head noun (last item), returns how many of
 * the preceding words are agreeing adjectives (or adverbs inside a compound such as
 * «социально ориентированных») and the form that explains them best.
 */
export function agreeingRun(words: string[], head: HeadMatch): { count: number; form: Form } {
  let best = {
    count: 0,
    form: [...head.forms].sort(
      (a, b) => FORM_PRIORITY.indexOf(a.c) - FORM_PRIORITY.indexOf(b.c) || (a.n === 'sg' ? -1 : 1),
    )[0],
  };
  for (const form of head.forms) {
    let count = 0;
    for (let i = words.length - 2; i >= 0; i--) {
      const w = words[i];
      if (agreeingEnding(w, head.noun.g, form)) {
        count++;
        continue;
      }
      // «малого и среднего предпринимательства»: adjectives joined by «и».
      if (count > 0 && /^и$/i.test(w) && words[i - 1] && agreeingEnding(words[i - 1], head.noun.g, form)) {
        count++;
        continue;
      }
      // An adverb that forms a compound with the adjective after it («социально ориентированных»).
      if (count > 0 && /^[а-яё]+о$/i.test(w) && w.length >= 5 && /(но|ски|чески)$|о$/.test(w.toLowerCase())) {
        const next = words[i + 1];
        if (next && agreeingEnding(next, head.noun.g, form)) {
          count++;
          continue;
        }
      }
      break;
    }
    if (count > best.count) best = { count, form };
  }
  return best;
}

/**
 * Puts «adjectives + head noun» into the nominative; `words` ends with the head noun
 * and starts with the first adjective of the run.
 * @example phraseToNominative(['Омскую', 'региональную', 'общественную', 'организацию'])
 * // 'Омская региональная общественная организация'
 */
export function phraseToNominative(words: string[], generic = false): string {
  const head = matchHeadNoun(words[words.length - 1], generic);
  if (!head) return words.join(' ');
  const { form } = agreeingRun(words, head);
  const n = form.n;
  const out = words.map((w, i) => {
    if (i === words.length - 1) return nounToNominative(w, head, n);
    const e = agreeingEnding(w, head.noun.g, form);
    return e ? adjectiveToNominative(w, e, head.noun.g, n) : w;
  });
  return out.join(' ');
}
