/**
 * The methodology exchange format: accepted exactly as in issue 13, with extra fields kept,
 * and every kind of mistake named precisely in English and in Russian.
 */
import { describe, expect, it } from 'vitest';
import { RatingInputError } from './errors.js';
import { checkMethodology, parseMethodology } from './methodology.js';

/** The example of issue 13, verbatim (titles filled in). */
const ISSUE_EXAMPLE = {
  title: 'Рейтинг муниципальных образований по поддержке СО НКО',
  missing: 'zero',
  groups: [{ id: 'A', title: 'Поддержка СО НКО', weight: 0.4 }],
  indicators: [
    {
      id: 'A1',
      group: 'A',
      title: 'Доля средств бюджета, переданных СО НКО',
      unit: '%',
      direction: 'up',
      normalisation: 'target',
      target: 10,
      weight: 1,
    },
    {
      id: 'A2',
      group: 'A',
      title: 'Срок рассмотрения заявки',
      unit: 'ед.',
      direction: 'down',
      normalisation: 'thresholds',
      thresholds: [
        [0, 100],
        [5, 50],
        [10, 0],
      ],
      weight: 2,
    },
  ],
  bands: [
    { from: 80, label: 'лидеры' },
    { from: 50, label: 'уверенные' },
    { from: 0, label: 'первые шаги' },
  ],
};

const clone = <T>(x: T): T => structuredClone(x);
type Raw = typeof ISSUE_EXAMPLE & Record<string, unknown>;
function issuesOf(patch: (m: Raw) => void): { path: string; en: string; ru: string }[] {
  const m = clone(ISSUE_EXAMPLE) as Raw;
  patch(m);
  const r = checkMethodology(m);
  if (r.ok) throw new Error('expected the methodology to be refused');
  return r.issues;
}

describe('parseMethodology: accepted', () => {
  it('accepts the example of the issue exactly and keeps every field', () => {
    const m = parseMethodology(clone(ISSUE_EXAMPLE));
    expect(m).toEqual(ISSUE_EXAMPLE);
  });

  it('keeps the versioning fields and anything else it carries, so an export gives back the import', () => {
    const raw = {
      ...clone(ISSUE_EXAMPLE),
      id: 'nko-support',
      version: 3,
      edition: '2025',
      source: 'Распоряжение от 10.02.2025 № 45-р',
      year: 2024,
      custom: { x: 1 },
    };
    (raw.indicators[0] as Record<string, unknown>).source = 'форма 1-НКО';
    const m = parseMethodology(raw);
    expect(m).toMatchObject({
      id: 'nko-support',
      version: 3,
      edition: '2025',
      source: 'Распоряжение от 10.02.2025 № 45-р',
      year: 2024,
      custom: { x: 1 },
    });
    expect(m.indicators[0].source).toBe('форма 1-НКО');
    expect(parseMethodology(JSON.parse(JSON.stringify(m)))).toEqual(m);
  });

  it('fills descriptive defaults: title = id, unit empty, direction up, missing zero, no bands', () => {
    const m = parseMethodology({
      groups: [{ id: 'A', weight: 1 }],
      indicators: [{ id: 'A1', group: 'A', normalisation: 'binary', weight: 1 }],
    });
    expect(m).toMatchObject({
      title: '',
      missing: 'zero',
      bands: [],
      groups: [{ id: 'A', title: 'A' }],
      indicators: [{ id: 'A1', title: 'A1', unit: '', direction: 'up' }],
    });
  });

  it('accepts a per-indicator missing rule and a target on a non-target normalisation (ignored)', () => {
    const m = parseMethodology({
      ...clone(ISSUE_EXAMPLE),
      indicators: [{ ...ISSUE_EXAMPLE.indicators[0], normalisation: 'best', missing: 'reweight' }],
    });
    expect(m.indicators[0]).toMatchObject({ normalisation: 'best', missing: 'reweight', target: 10 });
  });

  it('down target may be 0 («no complaints»)', () => {
    const m = parseMethodology({
      ...clone(ISSUE_EXAMPLE),
      indicators: [{ ...ISSUE_EXAMPLE.indicators[0], direction: 'down', target: 0 }],
    });
    expect(m.indicators[0]).toMatchObject({ target: 0 });
  });
});

describe('parseMethodology: refused, with precise English and Russian', () => {
  it('weights that are not positive', () => {
    expect(
      issuesOf((m) => {
        m.groups[0].weight = 0;
        m.indicators[1].weight = -2;
      }),
    ).toEqual([
      {
        path: 'groups[0].weight',
        en: 'groups[0].weight: weight must be positive, got 0',
        ru: 'группа «A» (№ 1), поле «вес» (weight): вес должен быть положительным числом, указано 0',
      },
      {
        path: 'indicators[1].weight',
        en: 'indicators[1].weight: weight must be positive, got -2',
        ru: 'показатель «A2» (№ 2), поле «вес» (weight): вес должен быть положительным числом, указано -2',
      },
    ]);
    expect(
      issuesOf((m) => {
        (m.groups[0] as Record<string, unknown>).weight = '0,4';
      })[0].en,
    ).toBe('groups[0].weight: expected number, got "0,4"');
    expect(
      issuesOf((m) => {
        delete (m.indicators[0] as Record<string, unknown>).weight;
      })[0],
    ).toMatchObject({
      en: 'indicators[0].weight: required field is missing',
      ru: 'показатель «A1» (№ 1), поле «вес» (weight): не заполнено обязательное поле',
    });
  });

  it('an unknown normalisation, direction or missing rule', () => {
    const issues = issuesOf((m) => {
      m.indicators[0].normalisation = 'zscore';
      m.indicators[1].direction = 'higher';
      m.missing = 'skip';
    });
    expect(issues.map((i) => i.en)).toEqual([
      'missing: unknown missing "skip"; expected one of zero, reweight',
      'indicators[0].normalisation: unknown normalisation "zscore"; expected one of minmax, best, target, thresholds, binary',
      'indicators[1].direction: unknown direction "higher"; expected one of up, down',
    ]);
    expect(issues[1].ru).toBe(
      'показатель «A1» (№ 1), поле «способ нормирования» (normalisation): недопустимое значение "zscore" — способ нормирования может быть: minmax, best, target, thresholds, binary',
    );
  });

  it('target missing for target, or not positive for up', () => {
    expect(
      issuesOf((m) => {
        delete (m.indicators[0] as Record<string, unknown>).target;
      }),
    ).toEqual([
      {
        path: 'indicators[0].target',
        en: 'indicators[0].target: normalisation "target" needs a numeric "target"',
        ru: 'показатель «A1» (№ 1), поле «целевое значение» (target): для нормирования по целевому значению (target) укажите целевое значение «target»',
      },
    ]);
    expect(
      issuesOf((m) => {
        (m.indicators[0] as Record<string, unknown>).target = 0;
      })[0].en,
    ).toBe('indicators[0].target: target must be positive for direction "up" (points are v / target · 100), got 0');
    expect(
      issuesOf((m) => {
        Object.assign(m.indicators[0], { direction: 'down', target: -1 });
      })[0].en,
    ).toBe('indicators[0].target: target must not be negative for direction "down", got -1');
  });

  it('thresholds out of order, repeated, malformed, missing or empty', () => {
    expect(
      issuesOf((m) => {
        m.indicators[1].thresholds = [
          [0, 100],
          [10, 0],
          [5, 50],
        ];
      }),
    ).toEqual([
      {
        path: 'indicators[1].thresholds[2][0]',
        en: 'indicators[1].thresholds[2][0]: thresholds must be in strictly ascending order of value: 5 follows 10',
        ru: 'показатель «A2» (№ 2), порог № 3, значение: пороги должны идти по возрастанию значения без повторов: 5 стоит после 10',
      },
    ]);
    expect(
      issuesOf((m) => {
        m.indicators[1].thresholds = [
          [0, 100],
          [0, 50],
        ];
      })[0].en,
    ).toMatch(/strictly ascending order of value: 0 follows 0/);
    expect(
      issuesOf((m) => {
        m.indicators[1].thresholds = [[0, 100], [5]] as never;
      })[0].en,
    ).toBe('indicators[1].thresholds[1]: each threshold must be a pair [value, points], got [5]');
    expect(
      issuesOf((m) => {
        m.indicators[1].thresholds = [[0, 100, 3]] as never;
      })[0].en,
    ).toBe('indicators[1].thresholds[0]: each threshold must be a pair [value, points], got [0,100,3]');
    expect(
      issuesOf((m) => {
        m.indicators[1].thresholds = [[0, 120]];
      })[0].en,
    ).toBe('indicators[1].thresholds[0][1]: threshold points must be between 0 and 100, got 120');
    expect(
      issuesOf((m) => {
        m.indicators[1].thresholds = { 0: 100 } as never;
      })[0].en,
    ).toBe('indicators[1].thresholds: expected array, got {"0":100}');
    expect(
      issuesOf((m) => {
        delete (m.indicators[1] as Record<string, unknown>).thresholds;
      })[0].en,
    ).toBe('indicators[1].thresholds: normalisation "thresholds" needs "thresholds": [[value, points], …]');
    expect(
      issuesOf((m) => {
        m.indicators[1].thresholds = [];
      })[0].en,
    ).toBe('indicators[1].thresholds: thresholds must not be empty');
  });

  it('an indicator naming an unknown group, and a group without indicators', () => {
    expect(
      issuesOf((m) => {
        m.indicators[1].group = 'B';
        m.groups.push({ id: 'C', title: 'Пустая', weight: 1 });
      }).map((i) => i.en),
    ).toEqual(['indicators[1].group: unknown group "B" (groups: A, C)', 'groups[1]: group "C" has no indicators']);
  });

  it('duplicate ids of groups and indicators', () => {
    expect(
      issuesOf((m) => {
        m.groups.push({ id: 'A', title: 'Ещё A', weight: 1 });
        m.indicators[1].id = 'A1';
      }).map((i) => i.en),
    ).toEqual(['groups[1].id: duplicate group id "A"', 'indicators[1].id: duplicate indicator id "A1"']);
  });

  it('malformed bands: bound outside 0–100, repeated bound or label, no label', () => {
    expect(
      issuesOf((m) => {
        m.bands[0].from = 120;
      })[0].en,
    ).toBe("bands[0].from: a band's lower bound must be between 0 and 100, got 120");
    expect(
      issuesOf((m) => {
        m.bands[1].from = 80;
        m.bands[2].label = 'лидеры';
      }).map((i) => i.en),
    ).toEqual([
      'bands[1].from: bands[0] and bands[1] have the same lower bound 80',
      'bands[2].label: duplicate band label "лидеры"',
    ]);
    expect(
      issuesOf((m) => {
        m.bands[0].label = ' ';
      })[0],
    ).toMatchObject({
      en: 'bands[0].label: must not be empty',
      ru: 'категория № 1, поле «название категории» (label): не может быть пустым',
    });
    expect(
      issuesOf((m) => {
        (m as Record<string, unknown>).bands = 'лидеры';
      })[0].en,
    ).toBe('bands: expected array, got "лидеры"');
  });

  it('empty ids, no groups, no indicators, not an object', () => {
    expect(
      issuesOf((m) => {
        m.indicators[0].id = '';
      })[0].en,
    ).toBe('indicators[0].id: must not be empty');
    expect(
      issuesOf((m) => {
        m.groups = [];
        m.indicators = [];
      }).map((i) => i.en),
    ).toEqual(['groups: at least one group is required', 'indicators: at least one indicator is required']);
    const r = checkMethodology([1, 2]);
    expect(r.ok).toBe(false);
    expect(() => parseMethodology(null)).toThrow(RatingInputError);
  });

  it('throws one RatingInputError with every issue; message in Russian, detail in English', () => {
    let error: RatingInputError | undefined;
    try {
      parseMethodology({ ...clone(ISSUE_EXAMPLE), missing: 'skip', groups: [{ id: 'A', title: 'A', weight: 0 }] });
    } catch (e) {
      error = e as RatingInputError;
    }
    expect(error?.code).toBe('rating.methodology_invalid');
    expect(error?.issues).toHaveLength(2);
    expect(error?.message).toMatch(
      /^Методика рейтинга содержит ошибки: поле «правило для отсутствующих данных» \(missing\): недопустимое значение/,
    );
    expect(error?.detail).toMatch(/groups\[0\]\.weight: weight must be positive, got 0/);
  });
});
