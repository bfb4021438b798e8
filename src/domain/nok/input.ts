/**
 * The scoring input, defined once: the CLI reads it from a file, and the product will build the
 * same object from questionnaires and checklists. Shape (issue 14):
 *
 *   {"edition": "344n-2018", "organisations": [{"id", "name", "sector",
 *     "info": {"stand": [present, required], "site": [present, required]},
 *     "remoteChannels": n, "comfortConditions": n, "accessOrg": n, "accessServices": n,
 *     "survey": {"1.3": {"stand": [satisfied, users], "site": [satisfied, users]},
 *                "2.2": [timely, answered] | null, "2.3": [satisfied, answered],
 *                "3.3": [satisfied, disabled respondents], "4.1": …, "4.2": …,
 *                "4.3": [satisfied, remote users], "5.1": …, "5.2": …, "5.3": …}}]}
 *
 * Every number is a count of items or people: a whole number ≥ 0, and in a pair the first never
 * exceeds the second. `validateScoreInput` reports every problem with its place, in English for
 * logs and the CLI and in Russian for the UI.
 */
import { z } from 'zod';
import { COUNT_REFS, type CountRef, type PairRef } from './methodology.js';

const count = z.int().nonnegative();
/** [part, whole]: the first number can never exceed the second. */
const pair = z.tuple([count, count]).superRefine((p, ctx) => {
  // zod runs this even when an element failed; the order only means something for two valid counts.
  if (p.every((n) => Number.isInteger(n) && n >= 0) && p[0] > p[1])
    ctx.addIssue({ code: 'custom', message: 'first number exceeds second', params: { rule: 'pair_order' } });
});

const survey = z.strictObject({
  '1.3': z.strictObject({ stand: pair, site: pair }),
  // null (or left out): 2.2 does not apply to the organisation, К2 uses the weights for its absence.
  '2.2': pair.nullable().optional(),
  '2.3': pair,
  '3.3': pair,
  '4.1': pair,
  '4.2': pair,
  '4.3': pair,
  '5.1': pair,
  '5.2': pair,
  '5.3': pair,
});

export const organisationInputSchema = z.object({
  id: z.union([z.string().min(1), z.int()]),
  name: z.string(),
  sector: z.string(),
  info: z.strictObject({ stand: pair, site: pair }),
  remoteChannels: count,
  comfortConditions: count,
  accessOrg: count,
  accessServices: count,
  survey,
});

export const scoreInputSchema = z.object({
  edition: z.string().optional(),
  organisations: z.array(organisationInputSchema),
});

export type Pair = [number, number];
export type OrganisationInput = z.infer<typeof organisationInputSchema>;
export type ScoreInput = z.infer<typeof scoreInputSchema>;

/** The pair an edition's formula refers to; null when the input says «not applicable». */
export function pairAt(o: OrganisationInput, ref: PairRef): Pair | null {
  switch (ref) {
    case 'info.stand':
      return o.info.stand;
    case 'info.site':
      return o.info.site;
    case 'survey.1.3.stand':
      return o.survey['1.3'].stand;
    case 'survey.1.3.site':
      return o.survey['1.3'].site;
    case 'survey.2.2':
      return o.survey['2.2'] ?? null;
    case 'survey.2.3':
      return o.survey['2.3'];
    case 'survey.3.3':
      return o.survey['3.3'];
    case 'survey.4.1':
      return o.survey['4.1'];
    case 'survey.4.2':
      return o.survey['4.2'];
    case 'survey.4.3':
      return o.survey['4.3'];
    case 'survey.5.1':
      return o.survey['5.1'];
    case 'survey.5.2':
      return o.survey['5.2'];
    case 'survey.5.3':
      return o.survey['5.3'];
  }
}

export function countAt(o: OrganisationInput, ref: CountRef): number {
  return o[ref];
}

// ---------------------------------------------------------------------------
// Problems, in two languages

export interface InputIssue {
  /** Where, as a JSON path: `organisations[2].survey["4.3"]`. */
  path: string;
  code:
    | 'invalid_json'
    | 'edition_missing'
    | 'edition_unknown'
    | 'edition_mismatch'
    | 'missing'
    | 'wrong_type'
    | 'negative'
    | 'not_whole'
    | 'not_pair'
    | 'pair_order'
    | 'unknown_field'
    | 'duplicate_id';
  /** English, for logs and the command line. */
  en: string;
  /** Russian, for the person correcting the data. */
  ru: string;
}

interface PairMeaning {
  en: [string, string];
  ru: string;
  ruFirst: string;
  ruSecond: string;
}

const answered = (what: string, ruWhat: string): PairMeaning => ({
  en: [what, 'answered'],
  ru: ruWhat,
  ruFirst: 'удовлетворённых',
  ruSecond: 'ответивших',
});

/** What the two numbers of each pair mean, keyed by the pair's path without the organisation. */
const PAIRS: Record<string, PairMeaning> = {
  'info.stand': {
    en: ['present', 'required'],
    ru: 'сведения на информационном стенде',
    ruFirst: 'размещённых',
    ruSecond: 'обязательных',
  },
  'info.site': {
    en: ['present', 'required'],
    ru: 'сведения на официальном сайте',
    ruFirst: 'размещённых',
    ruSecond: 'обязательных',
  },
  'survey["1.3"].stand': {
    en: ['satisfied', 'stand users'],
    ru: 'анкета, показатель 1.3 (стенд)',
    ruFirst: 'удовлетворённых',
    ruSecond: 'обращавшихся к стенду',
  },
  'survey["1.3"].site': {
    en: ['satisfied', 'site users'],
    ru: 'анкета, показатель 1.3 (сайт)',
    ruFirst: 'удовлетворённых',
    ruSecond: 'пользовавшихся сайтом',
  },
  'survey["2.2"]': {
    en: ['timely', 'answered'],
    ru: 'анкета, показатель 2.2',
    ruFirst: 'получивших услугу своевременно',
    ruSecond: 'ответивших',
  },
  'survey["2.3"]': answered('satisfied', 'анкета, показатель 2.3'),
  'survey["3.3"]': {
    en: ['satisfied', 'disabled respondents'],
    ru: 'анкета, показатель 3.3',
    ruFirst: 'удовлетворённых',
    ruSecond: 'опрошенных инвалидов',
  },
  'survey["4.1"]': answered('satisfied', 'анкета, показатель 4.1'),
  'survey["4.2"]': answered('satisfied', 'анкета, показатель 4.2'),
  'survey["4.3"]': {
    en: ['satisfied', 'remote users'],
    ru: 'анкета, показатель 4.3',
    ruFirst: 'удовлетворённых',
    ruSecond: 'пользовавшихся дистанционными способами',
  },
  'survey["5.1"]': {
    en: ['ready to recommend', 'answered'],
    ru: 'анкета, показатель 5.1',
    ruFirst: 'готовых рекомендовать',
    ruSecond: 'ответивших',
  },
  'survey["5.2"]': answered('satisfied', 'анкета, показатель 5.2'),
  'survey["5.3"]': answered('satisfied', 'анкета, показатель 5.3'),
};

const FIELDS_RU: Record<string, string> = {
  id: 'идентификатор',
  name: 'наименование',
  sector: 'сфера',
  info: 'сведения на стенде и сайте',
  survey: 'результаты анкетирования',
  remoteChannels: 'число дистанционных способов взаимодействия',
  comfortConditions: 'число комфортных условий',
  accessOrg: 'число элементов доступности помещений и территории для инвалидов',
  accessServices: 'число условий доступности услуг для инвалидов',
  organisations: 'список организаций',
  edition: 'редакция методики',
  'survey["1.3"]': 'анкета, показатель 1.3',
};

type Segment = string | number;

const pathText = (segments: readonly Segment[]) =>
  segments
    .map((s, i) => (typeof s === 'number' ? `[${s}]` : /^[A-Za-z_]\w*$/.test(s) ? `${i ? '.' : ''}${s}` : `["${s}"]`))
    .join('');

const valueAt = (root: unknown, segments: readonly Segment[]): unknown =>
  segments.reduce<unknown>(
    (v, s) => (v !== null && typeof v === 'object' ? (v as Record<Segment, unknown>)[s] : undefined),
    root,
  );

const shown = (v: unknown) => (v === undefined ? 'nothing' : (JSON.stringify(v) ?? String(v)));

/** Splits a path into the organisation part and the rest, with Russian words for both. */
function place(root: unknown, segments: readonly Segment[]) {
  const inOrg = segments[0] === 'organisations' && typeof segments[1] === 'number';
  const local = inOrg ? segments.slice(2) : segments;
  const localKey = pathText(local);
  let whoEn = '';
  let whoRu = '';
  if (inOrg) {
    const org = valueAt(root, segments.slice(0, 2)) as { id?: unknown; name?: unknown } | undefined;
    const id = org?.id;
    whoEn = (typeof id === 'string' && id !== '') || typeof id === 'number' ? ` (id ${JSON.stringify(id)})` : '';
    const n = (segments[1] as number) + 1;
    whoRu =
      typeof org?.name === 'string' && org.name.trim()
        ? `Организация ${org.name.trim()} (№ ${n} в списке)`
        : `Организация № ${n} в списке`;
  }
  const orgPath = inOrg ? pathText(segments.slice(0, 2)) : '';
  const en = inOrg
    ? `${orgPath}${whoEn}${local.length ? (typeof local[0] === 'number' ? '' : '.') + localKey : ''}`
    : pathText(segments) || '(input)';
  return { en, whoRu, local, localKey };
}

function ruField(local: readonly Segment[]): string {
  const key = pathText(local);
  const pairKey = typeof local.at(-1) === 'number' ? pathText(local.slice(0, -1)) : key;
  const pm = PAIRS[pairKey];
  if (pm && typeof local.at(-1) === 'number') return `${pm.ru}: ${local.at(-1) === 0 ? pm.ruFirst : pm.ruSecond}`;
  if (pm) return pm.ru;
  return FIELDS_RU[key] ?? key;
}

const withWho = (whoRu: string, text: string) =>
  whoRu ? `${whoRu}: ${text}` : text.charAt(0).toUpperCase() + text.slice(1);

function issueFromZod(root: unknown, iss: z.core.$ZodIssue): InputIssue[] {
  const segments = iss.path.filter((s): s is Segment => typeof s !== 'symbol');
  const { en, whoRu, local } = place(root, segments);
  const value = valueAt(root, segments);
  const field = ruField(local);
  const pm = PAIRS[pathText(local)];
  const make = (code: InputIssue['code'], enText: string, ruText: string): InputIssue => ({
    path: pathText(segments),
    code,
    en: `${en}: ${enText}`,
    ru: withWho(whoRu, ruText),
  });

  if (iss.code === 'unrecognized_keys') {
    return iss.keys.map((k) => ({
      path: pathText([...segments, k]),
      code: 'unknown_field' as const,
      en: `${en}: unknown field ${JSON.stringify(k)}`,
      ru: withWho(whoRu, `лишнее поле «${k}»${local.length ? ` в разделе «${ruField(local)}»` : ''}`),
    }));
  }
  if (iss.code === 'custom' && pm && Array.isArray(value)) {
    return [
      make(
        'pair_order',
        `${pm.en[0]} (${value[0]}) is greater than ${pm.en[1]} (${value[1]})`,
        `${pm.ru}: ${pm.ruFirst} (${value[0]}) больше, чем ${pm.ruSecond} (${value[1]})`,
      ),
    ];
  }
  if (value === undefined) return [make('missing', 'is missing', `не указано поле «${field}»`)];
  if (pm) {
    const expected = `[${pm.en[0]}, ${pm.en[1]}]${pathText(local) === 'survey["2.2"]' ? ' or null' : ''}`;
    return [
      make(
        'not_pair',
        `must be a pair ${expected}, got ${shown(value)}`,
        `«${field}» должно быть парой чисел: ${pm.ruFirst} и ${pm.ruSecond}`,
      ),
    ];
  }
  const isCountPlace =
    (local.length === 1 && (COUNT_REFS as readonly Segment[]).includes(local[0])) ||
    (typeof local.at(-1) === 'number' && PAIRS[pathText(local.slice(0, -1))] !== undefined);
  if (isCountPlace && typeof value === 'number') {
    if (value < 0)
      return [
        make(
          'negative',
          `must not be negative, got ${value}`,
          `«${field}» не может быть отрицательным (указано ${value})`,
        ),
      ];
    if (!Number.isInteger(value))
      return [
        make(
          'not_whole',
          `must be a whole number, got ${value}`,
          `«${field}» должно быть целым числом (указано ${String(value).replace('.', ',')})`,
        ),
      ];
  }
  if (isCountPlace)
    return [
      make(
        'wrong_type',
        `must be a whole number ≥ 0, got ${shown(value)}`,
        `«${field}» должно быть целым неотрицательным числом`,
      ),
    ];
  if (local.length === 1 && local[0] === 'id') {
    return [
      make(
        'wrong_type',
        `must be a non-empty string or a whole number, got ${shown(value)}`,
        `«${field}» должно быть непустой строкой или целым числом`,
      ),
    ];
  }
  if (iss.code === 'invalid_type' && iss.expected === 'array' && segments.length === 1) {
    return [
      make(
        'wrong_type',
        `must be a list of organisations, got ${shown(value)}`,
        'список организаций должен быть массивом',
      ),
    ];
  }
  if (iss.code === 'invalid_type' && iss.expected === 'string') {
    return [make('wrong_type', `must be a string, got ${shown(value)}`, `«${field}» должно быть строкой`)];
  }
  if (iss.code === 'invalid_type' && iss.expected === 'object') {
    return [make('wrong_type', `must be an object, got ${shown(value)}`, `«${field}» должно быть объектом`)];
  }
  return [
    make(
      'wrong_type',
      `${iss.message.replace(/^Invalid input: /, '')}, got ${shown(value)}`,
      `поле «${field}» заполнено неверно`,
    ),
  ];
}

/** Two organisations with the same id: their results could not be told apart. */
function duplicateIdIssues(root: { organisations?: unknown }): InputIssue[] {
  if (!Array.isArray(root.organisations)) return [];
  const first = new Map<string, number>();
  const out: InputIssue[] = [];
  root.organisations.forEach((o: unknown, i) => {
    const id = o !== null && typeof o === 'object' ? (o as { id?: unknown }).id : undefined;
    if (typeof id !== 'string' && typeof id !== 'number') return;
    const key = JSON.stringify(id);
    const seen = first.get(key);
    if (seen === undefined) {
      first.set(key, i);
      return;
    }
    const { en, whoRu } = place(root, ['organisations', i]);
    out.push({
      path: `organisations[${i}].id`,
      code: 'duplicate_id',
      en: `${en}: id ${key} is already used by organisations[${seen}]`,
      ru: withWho(whoRu, `идентификатор «${id}» уже указан у организации № ${seen + 1} в списке`),
    });
  });
  return out;
}

export type Validated = { ok: true; input: ScoreInput } | { ok: false; issues: InputIssue[] };

/** Checks a parsed JSON document against the input format; reports every problem found. */
export function validateScoreInput(raw: unknown): Validated {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      ok: false,
      issues: [
        {
          path: '',
          code: 'wrong_type',
          en: 'the input must be a JSON object {"edition", "organisations": […]}',
          ru: 'Ожидается объект с полями «edition» и «organisations»',
        },
      ],
    };
  }
  const parsed = scoreInputSchema.safeParse(raw);
  const issues = [
    ...(parsed.success ? [] : parsed.error.issues.flatMap((iss) => issueFromZod(raw, iss))),
    ...duplicateIdIssues(raw),
  ];
  return parsed.success && issues.length === 0 ? { ok: true, input: parsed.data } : { ok: false, issues };
}
