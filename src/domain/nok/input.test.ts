/**
 * The input is refused with every problem named — where, and what is wrong — in English for
 * logs and in Russian for the person correcting the data; a valid input passes unchanged.
 */
import { describe, expect, it } from 'vitest';
import { validateScoreInput, type InputIssue } from './input.js';
import { resolveScoreRequest, scoreRequest } from './request.js';

function organisation(): Record<string, unknown> {
  return {
    id: 'kcson-1',
    name: 'ГБУ СО «КЦСОН Озёрного района»',
    sector: 'социальное обслуживание',
    info: { stand: [16, 18], site: [17, 18] },
    remoteChannels: 5,
    comfortConditions: 5,
    accessOrg: 4,
    accessServices: 3,
    survey: {
      '1.3': { stand: [118, 120], site: [86, 90] },
      '2.2': [145, 150],
      '2.3': [146, 150],
      '3.3': [20, 22],
      '4.1': [149, 150],
      '4.2': [150, 150],
      '4.3': [58, 60],
      '5.1': [144, 150],
      '5.2': [147, 150],
      '5.3': [146, 150],
    },
  };
}

const doc = (...orgs: Record<string, unknown>[]) => ({ edition: '344n-2018', organisations: orgs });

function issuesOf(raw: unknown): InputIssue[] {
  const r = validateScoreInput(raw);
  if (r.ok) throw new Error('expected the input to be refused');
  return r.issues;
}

describe('nok input validation', () => {
  it("accepts the issue's format, with 2.2 as a pair, as null or left out, and numeric ids", () => {
    const withNull = organisation();
    (withNull.survey as Record<string, unknown>)['2.2'] = null;
    const without = organisation();
    delete (without.survey as Record<string, unknown>)['2.2'];
    const r = validateScoreInput(doc(organisation(), { ...withNull, id: 2 }, { ...without, id: 3 }));
    expect(r.ok).toBe(true);
    expect(validateScoreInput({ organisations: [] }).ok).toBe(true);
  });

  it('refuses negative numbers, naming the place', () => {
    const o = organisation();
    o.remoteChannels = -1;
    (o.info as Record<string, unknown>).site = [3, -2];
    expect(issuesOf(doc(o)).map((i) => [i.code, i.en])).toEqual([
      ['negative', 'organisations[0] (id "kcson-1").info.site[1]: must not be negative, got -2'],
      ['negative', 'organisations[0] (id "kcson-1").remoteChannels: must not be negative, got -1'],
    ]);
    expect(issuesOf(doc(o))[0].ru).toBe(
      'Организация ГБУ СО «КЦСОН Озёрного района» (№ 1 в списке): «сведения на официальном сайте: обязательных» не может быть отрицательным (указано -2)',
    );
  });

  it('refuses satisfied > users and present > required, with both numbers', () => {
    const o = organisation();
    (o.info as Record<string, unknown>).stand = [19, 18];
    const survey = o.survey as Record<string, unknown>;
    survey['4.3'] = [61, 60];
    survey['1.3'] = { stand: [5, 4], site: [1, 1] };
    survey['3.3'] = [3, 2];
    const issues = issuesOf(doc(organisation(), o));
    expect(issues.map((i) => i.en)).toEqual([
      'organisations[1] (id "kcson-1").info.stand: present (19) is greater than required (18)',
      'organisations[1] (id "kcson-1").survey["1.3"].stand: satisfied (5) is greater than stand users (4)',
      'organisations[1] (id "kcson-1").survey["3.3"]: satisfied (3) is greater than disabled respondents (2)',
      'organisations[1] (id "kcson-1").survey["4.3"]: satisfied (61) is greater than remote users (60)',
      'organisations[1] (id "kcson-1"): id "kcson-1" is already used by organisations[0]',
    ]);
    expect(issues.map((i) => i.code)).toEqual(['pair_order', 'pair_order', 'pair_order', 'pair_order', 'duplicate_id']);
    expect(issues[3].ru).toBe(
      'Организация ГБУ СО «КЦСОН Озёрного района» (№ 2 в списке): анкета, показатель 4.3: удовлетворённых (61) больше, чем пользовавшихся дистанционными способами (60)',
    );
    expect(issues[0].ru).toMatch(
      /сведения на информационном стенде: размещённых \(19\) больше, чем обязательных \(18\)$/,
    );
  });

  it('refuses fractions, strings, wrong pairs, missing and unknown fields', () => {
    const o = organisation();
    o.comfortConditions = 2.5;
    o.accessOrg = '3';
    const survey = o.survey as Record<string, unknown>;
    survey['2.2'] = [1];
    survey['1.4'] = [1, 1];
    delete survey['5.3'];
    delete o.sector;
    const issues = issuesOf(doc(o));
    expect(issues.map((i) => `${i.code} ${i.path}`).sort()).toEqual([
      'missing organisations[0].sector',
      'missing organisations[0].survey["5.3"]',
      'not_pair organisations[0].survey["2.2"]',
      'not_whole organisations[0].comfortConditions',
      'unknown_field organisations[0].survey["1.4"]',
      'wrong_type organisations[0].accessOrg',
    ]);
    const en = Object.fromEntries(issues.map((i) => [i.code, i.en]));
    expect(en.not_pair).toBe(
      'organisations[0] (id "kcson-1").survey["2.2"]: must be a pair [timely, answered] or null, got [1]',
    );
    expect(en.not_whole).toMatch(/comfortConditions: must be a whole number, got 2.5$/);
    expect(en.wrong_type).toMatch(/accessOrg: must be a whole number ≥ 0, got "3"$/);
    expect(en.unknown_field).toMatch(/survey: unknown field "1.4"$/);
    const ru = Object.fromEntries(issues.map((i) => [i.code, i.ru]));
    expect(ru.missing).toMatch(/не указано поле «(сфера|анкета, показатель 5.3)»/);
    expect(ru.not_whole).toMatch(/«число комфортных условий» должно быть целым числом \(указано 2,5\)/);
  });

  it('refuses a document that is not an object with a list of organisations', () => {
    expect(issuesOf([1, 2])[0].en).toMatch(/must be a JSON object/);
    expect(issuesOf({ organisations: 5 })[0]).toMatchObject({
      path: 'organisations',
      en: 'organisations: must be a list of organisations, got 5',
      ru: 'Список организаций должен быть массивом',
    });
    expect(issuesOf({})[0]).toMatchObject({ code: 'missing', en: 'organisations: is missing' });
  });
});

describe('nok scoring request', () => {
  it('takes the edition from the option or the document, and refuses an unknown or conflicting one', () => {
    expect(scoreRequest(doc(organisation())).ok).toBe(true);
    expect(scoreRequest({ organisations: [organisation()] }, '344n-2018').ok).toBe(true);
    const codes = (raw: unknown, ed?: string) => {
      const r = resolveScoreRequest(raw, ed);
      return r.ok ? [] : r.issues.map((i) => i.code);
    };
    expect(codes({ organisations: [] })).toEqual(['edition_missing']);
    expect(codes(doc(), '344n-2019')).toEqual(['edition_mismatch']);
    expect(codes({ edition: '344n-2019', organisations: [] })).toEqual(['edition_unknown']);
    expect(codes({ organisations: [] }, '344n-2019')).toEqual(['edition_unknown']);
    expect(codes({ edition: 5, organisations: [] }, '344n-2018')).toEqual(['wrong_type']);
    const r = resolveScoreRequest({ edition: '344n-2019', organisations: [] });
    expect(r.ok ? null : r.issues[0]).toMatchObject({
      en: 'edition: unknown edition "344n-2019" (known: 344n-2018)',
      ru: 'Неизвестная редакция методики «344n-2019» (известны: 344n-2018)',
    });
  });

  it('reports edition and data problems together, and never scores a partly valid input', () => {
    const bad = organisation();
    bad.accessServices = -3;
    const r = scoreRequest({ edition: 'nope', organisations: [organisation(), { ...bad, id: 'b' }] });
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(['edition_unknown', 'negative']);
  });
});
