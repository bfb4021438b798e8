/**
 * Edition 344n-2018, indicator by indicator, with the arithmetic written out by hand.
 * Each case starts from an organisation where everything is full (100 everywhere) and changes
 * one thing, so the expected value of every other indicator stays 100.
 */
import { describe, expect, it } from 'vitest';
import { EDITION_344N_2018 as M } from './editions/index.js';
import type { OrganisationInput } from './input.js';
import { scoreOrganisation } from './score.js';

type Survey = OrganisationInput['survey'];

function org(
  change: Partial<Omit<OrganisationInput, 'survey'>> & { survey?: Partial<Survey> } = {},
): OrganisationInput {
  const base: OrganisationInput = {
    id: 'o1',
    name: 'ГБУ СО «КЦСОН»',
    sector: 'социальное обслуживание',
    info: { stand: [20, 20], site: [30, 30] },
    remoteChannels: 4,
    comfortConditions: 5,
    accessOrg: 5,
    accessServices: 5,
    survey: {
      '1.3': { stand: [40, 40], site: [10, 10] },
      '2.2': [50, 50],
      '2.3': [50, 50],
      '3.3': [6, 6],
      '4.1': [50, 50],
      '4.2': [50, 50],
      '4.3': [12, 12],
      '5.1': [50, 50],
      '5.2': [50, 50],
      '5.3': [50, 50],
    },
  };
  return { ...base, ...change, survey: { ...base.survey, ...change.survey } };
}

const score = (o: OrganisationInput) => scoreOrganisation(M, o);
const near = (actual: number, expected: number) => expect(actual).toBeCloseTo(expected, 9);

describe('nok 344n-2018: all full', () => {
  it('gives 100 for every indicator, criterion and the total', () => {
    const s = score(org());
    expect(Object.keys(s.indicators)).toEqual([
      '1.1',
      '1.2',
      '1.3',
      '2.1',
      '2.2',
      '2.3',
      '3.1',
      '3.2',
      '3.3',
      '4.1',
      '4.2',
      '4.3',
      '5.1',
      '5.2',
      '5.3',
    ]);
    for (const v of Object.values(s.indicators)) near(v, 100);
    expect(Object.keys(s.K)).toEqual(['1', '2', '3', '4', '5']);
    for (const v of Object.values(s.K)) near(v, 100);
    near(s.total, 100);
    expect(s.id).toBe('o1');
  });
});

describe('nok 344n-2018: criterion 1', () => {
  it('1.1 averages the stand and site shares: 0.5·(12/20 + 24/30)·100 = 0.5·(0.6 + 0.8)·100 = 70', () => {
    const s = score(org({ info: { stand: [12, 20], site: [24, 30] } }));
    near(s.indicators['1.1'], 70);
    // К1 = 0.3·70 + 0.3·100 + 0.4·100 = 21 + 30 + 40 = 91; total = (91 + 4·100)/5 = 98.2
    near(s.K['1'], 91);
    near(s.total, 98.2);
  });

  it('1.2 gives 30 points per working channel: 0 → 0, 1 → 30, 3 → 90, capped at 100 from 4', () => {
    near(score(org({ remoteChannels: 0 })).indicators['1.2'], 0);
    near(score(org({ remoteChannels: 1 })).indicators['1.2'], 30);
    near(score(org({ remoteChannels: 3 })).indicators['1.2'], 90);
    near(score(org({ remoteChannels: 4 })).indicators['1.2'], 100); // 120 capped
    near(score(org({ remoteChannels: 6 })).indicators['1.2'], 100); // 180 capped
    // 2 channels: 1.2 = 60; К1 = 0.3·100 + 0.3·60 + 0.4·100 = 30 + 18 + 40 = 88
    near(score(org({ remoteChannels: 2 })).K['1'], 88);
  });

  it('1.3 averages satisfaction with the stand and the site: 0.5·(30/40 + 9/10)·100 = 0.5·1.65·100 = 82.5', () => {
    const s = score(org({ survey: { '1.3': { stand: [30, 40], site: [9, 10] } } }));
    near(s.indicators['1.3'], 82.5);
    // К1 = 30 + 30 + 0.4·82.5 = 60 + 33 = 93
    near(s.K['1'], 93);
  });
});

describe('nok 344n-2018: criterion 2 and the 2.2-null case', () => {
  it('2.1 gives 20 points per comfort condition, capped at 100', () => {
    near(score(org({ comfortConditions: 0 })).indicators['2.1'], 0);
    near(score(org({ comfortConditions: 3 })).indicators['2.1'], 60);
    near(score(org({ comfortConditions: 7 })).indicators['2.1'], 100); // 140 capped
  });

  it('2.2 is timely / answered: 45/60·100 = 75; К2 = 0.3·100 + 0.4·75 + 0.3·100 = 30 + 30 + 30 = 90', () => {
    const s = score(org({ survey: { '2.2': [45, 60] } }));
    near(s.indicators['2.2'], 75);
    near(s.K['2'], 90);
  });

  it('2.3 is satisfied / answered: 36/48·100 = 75; К2 = 30 + 40 + 0.3·75 = 92.5', () => {
    const s = score(org({ survey: { '2.3': [36, 48] } }));
    near(s.indicators['2.3'], 75);
    near(s.K['2'], 92.5);
  });

  it('2.2 null: 2.2 is left out and К2 = 0.5·2.1 + 0.5·2.3', () => {
    // 2.1 = 3·20 = 60; 2.3 = 40/50·100 = 80; К2 = 0.5·60 + 0.5·80 = 30 + 40 = 70
    const s = score(org({ comfortConditions: 3, survey: { '2.2': null, '2.3': [40, 50] } }));
    expect('2.2' in s.indicators).toBe(false);
    expect(Object.keys(s.indicators)).toHaveLength(14);
    near(s.K['2'], 70);
    // total = (100 + 70 + 100 + 100 + 100)/5 = 94
    near(s.total, 94);
  });

  it('2.2 left out of the input altogether is the same as null', () => {
    const { '2.2': _, ...survey } = org().survey;
    const s = score({ ...org(), comfortConditions: 3, survey: survey as Survey });
    expect('2.2' in s.indicators).toBe(false);
    near(s.K['2'], 0.5 * 60 + 0.5 * 100); // = 80
  });

  it('the same organisation with 2.2 present weighs it 0.4', () => {
    // 2.1 = 60, 2.2 = 100, 2.3 = 80: К2 = 0.3·60 + 0.4·100 + 0.3·80 = 18 + 40 + 24 = 82
    near(score(org({ comfortConditions: 3, survey: { '2.3': [40, 50] } })).K['2'], 82);
  });
});

describe('nok 344n-2018: criterion 3', () => {
  it('3.1 gives 20 points per accessibility item, capped at 100', () => {
    near(score(org({ accessOrg: 2 })).indicators['3.1'], 40);
    near(score(org({ accessOrg: 9 })).indicators['3.1'], 100);
  });

  it('3.2 gives 20 points per condition; the sixth condition cannot push past 100', () => {
    near(score(org({ accessServices: 4 })).indicators['3.2'], 80);
    near(score(org({ accessServices: 6 })).indicators['3.2'], 100); // 120 capped
  });

  it('3.3 is satisfied / disabled respondents: 5/8·100 = 62.5', () => {
    // 3.1 = 2·20 = 40, 3.2 = 4·20 = 80, 3.3 = 62.5: К3 = 0.3·40 + 0.4·80 + 0.3·62.5 = 12 + 32 + 18.75 = 62.75
    const s = score(org({ accessOrg: 2, accessServices: 4, survey: { '3.3': [5, 8] } }));
    near(s.indicators['3.3'], 62.5);
    near(s.K['3'], 62.75);
  });
});

describe('nok 344n-2018: criterion 4', () => {
  it('4.1, 4.2, 4.3 weigh 0.4, 0.4, 0.2', () => {
    // 4.1 = 40/50·100 = 80; 4.2 = 45/50·100 = 90; 4.3 = 3/12·100 = 25
    // К4 = 0.4·80 + 0.4·90 + 0.2·25 = 32 + 36 + 5 = 73
    const s = score(org({ survey: { '4.1': [40, 50], '4.2': [45, 50], '4.3': [3, 12] } }));
    near(s.indicators['4.1'], 80);
    near(s.indicators['4.2'], 90);
    near(s.indicators['4.3'], 25);
    near(s.K['4'], 73);
  });
});

describe('nok 344n-2018: criterion 5 and the total', () => {
  it('5.1, 5.2, 5.3 weigh 0.3, 0.2, 0.5', () => {
    // 5.1 = 35/50·100 = 70; 5.2 = 30/50·100 = 60; 5.3 = 45/50·100 = 90
    // К5 = 0.3·70 + 0.2·60 + 0.5·90 = 21 + 12 + 45 = 78
    const s = score(org({ survey: { '5.1': [35, 50], '5.2': [30, 50], '5.3': [45, 50] } }));
    near(s.K['5'], 78);
    // total = (100 + 100 + 100 + 100 + 78)/5 = 95.6
    near(s.total, 95.6);
  });

  it('the total is the plain mean of К1…К5', () => {
    // К1: 1.1 = 0.5·(10/20 + 15/30)·100 = 50; К1 = 0.3·50 + 30 + 40 = 85
    // К2: 2.1 = 80; К2 = 0.3·80 + 40 + 30 = 94
    // К3: 3.3 = 3/6·100 = 50; К3 = 30 + 40 + 0.3·50 = 85
    // К4: 4.3 = 6/12·100 = 50; К4 = 40 + 40 + 0.2·50 = 90
    // К5: 5.3 = 25/50·100 = 50; К5 = 30 + 20 + 0.5·50 = 75
    // total = (85 + 94 + 85 + 90 + 75)/5 = 429/5 = 85.8
    const s = score(
      org({
        info: { stand: [10, 20], site: [15, 30] },
        comfortConditions: 4,
        survey: { '3.3': [3, 6], '4.3': [6, 12], '5.3': [25, 50] },
      }),
    );
    expect(s.K).toEqual({
      1: expect.closeTo(85, 9),
      2: expect.closeTo(94, 9),
      3: expect.closeTo(85, 9),
      4: expect.closeTo(90, 9),
      5: expect.closeTo(75, 9),
    });
    near(s.total, 85.8);
  });

  it('returns unrounded values: 1/3 of respondents satisfied is 33.333…, not 33.33', () => {
    const s = score(org({ survey: { '5.3': [1, 3] } }));
    near(s.indicators['5.3'], 100 / 3);
    expect(s.indicators['5.3']).not.toBe(33.33);
    // К5 = 30 + 20 + 0.5·100/3 = 50 + 50/3 = 66.666…
    near(s.K['5'], 50 + 50 / 3);
  });
});

describe('nok 344n-2018: zero denominators and empty organisations', () => {
  it('a survey share nobody answered counts 0 (3.3 with no disabled respondents, 4.3 with no remote users)', () => {
    const s = score(org({ survey: { '3.3': [0, 0], '4.3': [0, 0] } }));
    near(s.indicators['3.3'], 0);
    near(s.indicators['4.3'], 0);
    // К3 = 30 + 40 + 0.3·0 = 70; К4 = 40 + 40 + 0.2·0 = 80; total = (100 + 100 + 70 + 80 + 100)/5 = 90
    near(s.K['3'], 70);
    near(s.K['4'], 80);
    near(s.total, 90);
  });

  it('1.3: nobody used the stand — the stand half counts 0, the site half still counts: 0.5·(0 + 9/10)·100 = 45', () => {
    near(score(org({ survey: { '1.3': { stand: [0, 0], site: [9, 10] } } })).indicators['1.3'], 45);
    near(score(org({ survey: { '1.3': { stand: [30, 40], site: [0, 0] } } })).indicators['1.3'], 37.5); // 0.5·(0.75 + 0)·100
    near(score(org({ survey: { '1.3': { stand: [0, 0], site: [0, 0] } } })).indicators['1.3'], 0);
  });

  it('1.1 with an empty list of required items counts that half 0', () => {
    near(score(org({ info: { stand: [0, 0], site: [30, 30] } })).indicators['1.1'], 50);
  });

  it('every share of an unanswered survey is 0, with 2.2 present', () => {
    const z: [number, number] = [0, 0];
    const s = score(
      org({
        survey: {
          '1.3': { stand: z, site: z },
          '2.2': z,
          '2.3': z,
          '3.3': z,
          '4.1': z,
          '4.2': z,
          '4.3': z,
          '5.1': z,
          '5.2': z,
          '5.3': z,
        },
      }),
    );
    for (const id of ['1.3', '2.2', '2.3', '3.3', '4.1', '4.2', '4.3', '5.1', '5.2', '5.3']) near(s.indicators[id], 0);
    // К1 = 30 + 30 + 0 = 60; К2 = 0.3·100 = 30; К3 = 30 + 40 = 70; К4 = 0; К5 = 0; total = 160/5 = 32
    expect(s.K).toEqual({ 1: expect.closeTo(60, 9), 2: expect.closeTo(30, 9), 3: expect.closeTo(70, 9), 4: 0, 5: 0 });
    near(s.total, 32);
  });

  it('nothing present and nobody satisfied gives 0 everywhere', () => {
    const s = score({
      id: 7,
      name: 'Пустая',
      sector: 'социальное обслуживание',
      info: { stand: [0, 18], site: [0, 18] },
      remoteChannels: 0,
      comfortConditions: 0,
      accessOrg: 0,
      accessServices: 0,
      survey: {
        '1.3': { stand: [0, 10], site: [0, 10] },
        '2.2': [0, 10],
        '2.3': [0, 10],
        '3.3': [0, 2],
        '4.1': [0, 10],
        '4.2': [0, 10],
        '4.3': [0, 3],
        '5.1': [0, 10],
        '5.2': [0, 10],
        '5.3': [0, 10],
      },
    });
    for (const v of Object.values(s.indicators)) expect(v).toBe(0);
    expect(s.K).toEqual({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 });
    expect(s.total).toBe(0);
    expect(s.id).toBe(7);
  });
});
