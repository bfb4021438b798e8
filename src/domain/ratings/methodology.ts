/**
 * A rating methodology as versioned data, in the exchange JSON format of issue 13 (the
 * format the UI imports and exports, and the CLI reads):
 *
 *   {"title", "missing": "zero"|"reweight",
 *    "groups": [{"id", "title", "weight"}],
 *    "indicators": [{"id", "group", "title", "unit", "direction": "up"|"down",
 *                    "normalisation": "minmax"|"best"|"target"|"thresholds"|"binary",
 *                    "target"?, "thresholds"?: [[value, points], …], "weight", "missing"?}],
 *    "bands": [{"from", "label"}]}
 *
 * It may carry more: `id`, `version`, `edition`, `source`, `year`, `description` (kept and
 * typed) and any other field (kept as is, so an export gives back what was imported).
 * An indicator's own `missing` overrides the methodology's rule for that indicator.
 *
 * Descriptive fields default so that a terse methodology still computes: `title` → the id,
 * `unit` → '', `direction` → 'up', `missing` → 'zero', `bands` → [] (no band is assigned).
 */
import { z } from 'zod';
import { RatingInputError, type RatingIssue } from './errors.js';

export const NORMALISATIONS = ['minmax', 'best', 'target', 'thresholds', 'binary'] as const;
export type Normalisation = (typeof NORMALISATIONS)[number];
export type Direction = 'up' | 'down';
export type MissingRule = 'zero' | 'reweight';
/** `[value, points]`: from `value` on (for `down`: up to `value`) the indicator earns `points` of 100. */
export type Threshold = [value: number, points: number];

export interface RatingGroup {
  id: string;
  title: string;
  weight: number;
  [extra: string]: unknown;
}

interface IndicatorCommon {
  id: string;
  group: string;
  title: string;
  unit: string;
  direction: Direction;
  weight: number;
  /** Overrides the methodology's rule for this indicator. */
  missing?: MissingRule;
  [extra: string]: unknown;
}

export type RatingIndicator =
  | (IndicatorCommon & { normalisation: 'minmax' | 'best' | 'binary'; target?: number; thresholds?: Threshold[] })
  | (IndicatorCommon & { normalisation: 'target'; target: number; thresholds?: Threshold[] })
  | (IndicatorCommon & { normalisation: 'thresholds'; thresholds: Threshold[]; target?: number });

export interface RatingBand {
  /** Lower bound of the total, 0–100. */
  from: number;
  label: string;
  [extra: string]: unknown;
}

export interface Methodology {
  id?: string;
  version?: number | string;
  edition?: string;
  source?: string;
  year?: number;
  description?: string;
  title: string;
  missing: MissingRule;
  groups: RatingGroup[];
  indicators: RatingIndicator[];
  bands: RatingBand[];
  [extra: string]: unknown;
}

const Id = z.string().trim().min(1);
const Weight = z.number().positive();
const Missing = z.enum(['zero', 'reweight']);
const ThresholdPair = z.tuple([z.number(), z.number().min(0).max(100)]);

const GroupSchema = z.looseObject({
  id: Id,
  title: z.string().optional(),
  weight: Weight,
});

const IndicatorSchema = z.looseObject({
  id: Id,
  group: Id,
  title: z.string().optional(),
  unit: z.string().optional(),
  direction: z.enum(['up', 'down']).optional(),
  normalisation: z.enum(NORMALISATIONS),
  target: z.number().nullish(),
  thresholds: z.array(ThresholdPair).nullish(),
  weight: Weight,
  missing: Missing.optional(),
});

const BandSchema = z.looseObject({
  from: z.number().min(0).max(100),
  label: z.string().trim().min(1),
});

const MethodologySchema = z
  .looseObject({
    id: z.string().optional(),
    version: z.union([z.number(), z.string()]).optional(),
    edition: z.string().optional(),
    source: z.string().optional(),
    year: z.number().int().optional(),
    description: z.string().optional(),
    title: z.string().optional(),
    missing: Missing.optional(),
    groups: z.array(GroupSchema).min(1),
    indicators: z.array(IndicatorSchema).min(1),
    bands: z.array(BandSchema).optional(),
  })
  .superRefine((m, ctx) => {
    for (const issue of crossFieldIssues(m))
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.en, params: { ru: issue.ru } });
  });

type ParsedShape = z.infer<typeof MethodologySchema>;

interface PendingIssue {
  path: (string | number)[];
  en: string;
  ru: string;
}

/** Rules that span fields: unique ids, known groups, parameters each normalisation needs. */
function crossFieldIssues(m: ParsedShape): PendingIssue[] {
  const out: PendingIssue[] = [];
  const groupIds = new Set<string>();
  m.groups.forEach((g, i) => {
    if (groupIds.has(g.id))
      out.push({
        path: ['groups', i, 'id'],
        en: `duplicate group id "${g.id}"`,
        ru: `идентификатор группы «${g.id}» повторяется`,
      });
    groupIds.add(g.id);
  });
  const indicatorIds = new Set<string>();
  const used = new Set<string>();
  m.indicators.forEach((ind, i) => {
    const at = (...rest: (string | number)[]) => ['indicators', i, ...rest];
    if (indicatorIds.has(ind.id))
      out.push({
        path: at('id'),
        en: `duplicate indicator id "${ind.id}"`,
        ru: `идентификатор показателя «${ind.id}» повторяется`,
      });
    indicatorIds.add(ind.id);
    if (!groupIds.has(ind.group)) {
      out.push({
        path: at('group'),
        en: `unknown group "${ind.group}" (groups: ${[...groupIds].join(', ')})`,
        ru: `группа «${ind.group}» не описана в методике (есть: ${[...groupIds].join(', ')})`,
      });
    }
    used.add(ind.group);
    const direction = ind.direction ?? 'up';
    if (ind.normalisation === 'target') {
      if (ind.target === undefined || ind.target === null) {
        out.push({
          path: at('target'),
          en: 'normalisation "target" needs a numeric "target"',
          ru: 'для нормирования по целевому значению (target) укажите целевое значение «target»',
        });
      } else if (direction === 'up' && ind.target <= 0) {
        out.push({
          path: at('target'),
          en: `target must be positive for direction "up" (points are v / target · 100), got ${ind.target}`,
          ru: `целевое значение для показателя, рост которого — хорошо, должно быть больше нуля (указано ${ind.target})`,
        });
      } else if (direction === 'down' && ind.target < 0) {
        out.push({
          path: at('target'),
          en: `target must not be negative for direction "down", got ${ind.target}`,
          ru: `целевое значение не может быть отрицательным (указано ${ind.target})`,
        });
      }
    }
    if (ind.normalisation === 'thresholds') {
      const list = ind.thresholds;
      if (!list) {
        out.push({
          path: at('thresholds'),
          en: 'normalisation "thresholds" needs "thresholds": [[value, points], …]',
          ru: 'для нормирования по порогам (thresholds) укажите пороги «thresholds»: [[значение, баллы], …]',
        });
      } else if (list.length === 0) {
        out.push({ path: at('thresholds'), en: 'thresholds must not be empty', ru: 'список порогов пуст' });
      } else {
        for (let k = 1; k < list.length; k++) {
          if (!(list[k][0] > list[k - 1][0])) {
            out.push({
              path: at('thresholds', k, 0),
              en: `thresholds must be in strictly ascending order of value: ${list[k][0]} follows ${list[k - 1][0]}`,
              ru: `пороги должны идти по возрастанию значения без повторов: ${fmtRu(list[k][0])} стоит после ${fmtRu(list[k - 1][0])}`,
            });
          }
        }
      }
    }
  });
  m.groups.forEach((g, i) => {
    if (!used.has(g.id))
      out.push({
        path: ['groups', i],
        en: `group "${g.id}" has no indicators`,
        ru: `в группе «${g.id}» нет ни одного показателя`,
      });
  });
  const froms = new Map<number, number>();
  const labels = new Set<string>();
  (m.bands ?? []).forEach((b, i) => {
    if (froms.has(b.from))
      out.push({
        path: ['bands', i, 'from'],
        en: `bands[${froms.get(b.from)}] and bands[${i}] have the same lower bound ${b.from}`,
        ru: `у двух категорий одна и та же нижняя граница ${fmtRu(b.from)}`,
      });
    else froms.set(b.from, i);
    if (labels.has(b.label))
      out.push({
        path: ['bands', i, 'label'],
        en: `duplicate band label "${b.label}"`,
        ru: `название категории «${b.label}» повторяется`,
      });
    labels.add(b.label);
  });
  return out;
}

const fmtRu = (n: number) => String(n).replace('.', ',');

/**
 * Validates a parsed JSON value as a methodology and fills the defaults.
 * Throws `RatingInputError` (code `rating.methodology_invalid`) listing every problem.
 *
 * @example
 * parseMethodology({ title: 'Рейтинг', missing: 'zero',
 *   groups: [{ id: 'A', title: 'Поддержка', weight: 1 }],
 *   indicators: [{ id: 'A1', group: 'A', title: 'СО НКО', unit: 'ед.', direction: 'up', normalisation: 'best', weight: 1 }],
 *   bands: [{ from: 0, label: 'все' }] }).indicators[0].normalisation // 'best'
 */
export function parseMethodology(raw: unknown): Methodology {
  const result = checkMethodology(raw);
  if (!result.ok) throw new RatingInputError('rating.methodology_invalid', result.issues);
  return result.methodology;
}

/** Like `parseMethodology`, without throwing: for forms that show every issue next to its field. */
export function checkMethodology(
  raw: unknown,
): { ok: true; methodology: Methodology } | { ok: false; issues: RatingIssue[] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      ok: false,
      issues: [
        {
          path: '',
          en: 'the methodology must be a JSON object {"title", "missing", "groups", "indicators", "bands"}',
          ru: 'методика должна быть объектом JSON с полями title, missing, groups, indicators, bands',
        },
      ],
    };
  }
  const parsed = MethodologySchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((i) => translateIssue(i, raw)) };
  const m = parsed.data;
  const methodology: Methodology = {
    ...m,
    title: m.title ?? '',
    missing: m.missing ?? 'zero',
    groups: m.groups.map((g) => ({ ...g, title: g.title ?? g.id })),
    indicators: m.indicators.map((ind) => {
      const { target, thresholds, ...rest } = ind;
      const out: Record<string, unknown> = {
        ...rest,
        title: ind.title ?? ind.id,
        unit: ind.unit ?? '',
        direction: ind.direction ?? 'up',
      };
      if (target !== undefined && target !== null) out.target = target;
      if (thresholds !== undefined && thresholds !== null) out.thresholds = thresholds.map(([v, p]) => [v, p]);
      return out as RatingIndicator;
    }),
    bands: (m.bands ?? []).map((b) => ({ ...b })),
  };
  return { ok: true, methodology };
}

// ---- bilingual messages for zod's own issues -------------------------------------------

type ZodIssue = z.core.$ZodIssue;

const FIELD_RU: Record<string, string> = {
  id: 'идентификатор',
  group: 'группа',
  title: 'название',
  unit: 'единица измерения',
  direction: 'направление',
  normalisation: 'способ нормирования',
  target: 'целевое значение',
  thresholds: 'пороги',
  weight: 'вес',
  missing: 'правило для отсутствующих данных',
  from: 'нижняя граница',
  label: 'название категории',
  groups: 'группы',
  indicators: 'показатели',
  bands: 'категории',
  version: 'версия',
  edition: 'редакция',
  source: 'источник',
  year: 'год',
  description: 'описание',
};

const TYPE_RU: Record<string, string> = {
  number: 'число',
  string: 'строка',
  array: 'список',
  object: 'объект',
  int: 'целое число',
  tuple: 'пара [значение, баллы]',
};

const ENUM_RU: Record<string, string> = {
  normalisation: 'способ нормирования',
  direction: 'направление (up — рост хорошо, down — снижение хорошо)',
  missing: 'правило для отсутствующих данных (zero — 0 баллов, reweight — не учитывать)',
};

/** `indicators[1].weight` and «показатель «A2» (№ 2), поле «вес»» for one issue path. */
function locate(path: PropertyKey[], raw: unknown): { en: string; ru: string; key: string | undefined } {
  const en = path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
  const ruParts: string[] = [];
  let node: unknown = raw;
  let key: string | undefined;
  for (let i = 0; i < path.length; i++) {
    const p = path[i];
    const parent = path[i - 1];
    if (typeof p === 'number') {
      node = Array.isArray(node) ? node[p] : undefined;
      const id =
        node && typeof node === 'object' && typeof (node as { id?: unknown }).id === 'string'
          ? ` «${(node as { id: string }).id}»`
          : '';
      if (parent === 'groups') ruParts.push(`группа${id} (№ ${p + 1})`);
      else if (parent === 'indicators') ruParts.push(`показатель${id} (№ ${p + 1})`);
      else if (parent === 'bands') ruParts.push(`категория № ${p + 1}`);
      else if (parent === 'thresholds') ruParts.push(`порог № ${p + 1}`);
      else if (path[i - 2] === 'thresholds') ruParts.push(p === 0 ? 'значение' : 'баллы');
      else ruParts.push(`элемент № ${p + 1}`);
    } else {
      key = String(p);
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
      const next = path[i + 1];
      if (typeof next !== 'number') ruParts.push(`поле «${FIELD_RU[key] ?? key}» (${key})`);
    }
  }
  return { en: en || '(root)', ru: ruParts.join(', ') || 'методика', key };
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

function translateIssue(issue: ZodIssue, raw: unknown): RatingIssue {
  const at = locate(issue.path, raw);
  const input = (issue as { input?: unknown }).input;
  const key = at.key;
  const tail = issue.path.at(-1);
  const base = { path: at.en };
  switch (issue.code) {
    case 'custom': {
      const ru = (issue.params as { ru?: string } | undefined)?.ru ?? 'неверное значение';
      return { ...base, en: `${at.en}: ${issue.message}`, ru: `${at.ru}: ${ru}` };
    }
    case 'invalid_type': {
      if (input === undefined && !('received' in issue)) {
        return { ...base, en: `${at.en}: required field is missing`, ru: `${at.ru}: не заполнено обязательное поле` };
      }
      const got = 'received' in issue ? String((issue as { received: unknown }).received) : show(input);
      return {
        ...base,
        en: `${at.en}: expected ${issue.expected}, got ${got}`,
        ru: `${at.ru}: ожидается ${TYPE_RU[issue.expected] ?? issue.expected}, указано ${got}`,
      };
    }
    case 'invalid_value': {
      const allowed = issue.values.map(String).join(', ');
      const what = key === 'normalisation' ? 'unknown normalisation' : `unknown ${key ?? 'value'}`;
      return {
        ...base,
        en: `${at.en}: ${what} ${show(input)}; expected one of ${allowed}`,
        ru: `${at.ru}: недопустимое значение ${show(input)} — ${ENUM_RU[key ?? ''] ?? 'значение'} может быть: ${allowed}`,
      };
    }
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = Number(small ? issue.minimum : (issue as { maximum: number | bigint }).maximum);
      if (issue.origin === 'number') {
        if (key === 'weight' && small) {
          return {
            ...base,
            en: `${at.en}: weight must be positive, got ${show(input)}`,
            ru: `${at.ru}: вес должен быть положительным числом, указано ${show(input)}`,
          };
        }
        if (key === 'from') {
          return {
            ...base,
            en: `${at.en}: a band's lower bound must be between 0 and 100, got ${show(input)}`,
            ru: `${at.ru}: нижняя граница категории должна быть от 0 до 100, указано ${show(input)}`,
          };
        }
        if (tail === 1 && issue.path.includes('thresholds')) {
          return {
            ...base,
            en: `${at.en}: threshold points must be between 0 and 100, got ${show(input)}`,
            ru: `${at.ru}: баллы за порог должны быть от 0 до 100, указано ${show(input)}`,
          };
        }
        return {
          ...base,
          en: `${at.en}: must be ${small ? '≥' : '≤'} ${bound}, got ${show(input)}`,
          ru: `${at.ru}: значение должно быть ${small ? 'не меньше' : 'не больше'} ${bound}`,
        };
      }
      if (issue.origin === 'array' && typeof tail === 'number' && issue.path.includes('thresholds')) {
        return {
          ...base,
          en: `${at.en}: each threshold must be a pair [value, points], got ${show(input)}`,
          ru: `${at.ru}: порог записывается парой [значение, баллы]`,
        };
      }
      if (issue.origin === 'array') {
        const one = (
          {
            groups: ['group', 'нужна хотя бы одна группа'],
            indicators: ['indicator', 'нужен хотя бы один показатель'],
          } as Record<string, [string, string]>
        )[key ?? ''];
        return {
          ...base,
          en: `${at.en}: at least ${one ? `one ${one[0]}` : `${bound} item(s)`} is required`,
          ru: `${at.ru}: ${one ? one[1] : 'нужен хотя бы один элемент'}`,
        };
      }
      if (issue.origin === 'string')
        return { ...base, en: `${at.en}: must not be empty`, ru: `${at.ru}: не может быть пустым` };
      return { ...base, en: `${at.en}: ${issue.message}`, ru: `${at.ru}: неверное значение` };
    }
    default:
      return { ...base, en: `${at.en}: ${issue.message}`, ru: `${at.ru}: неверное значение` };
  }
}
