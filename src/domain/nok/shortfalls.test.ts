/**
 * «What pulled the organisation down», in Russian, worst first by the points of the total lost.
 */
import { describe, expect, it } from 'vitest';
import { EDITION_344N_2018 as M } from './editions/index.js';
import type { OrganisationInput } from './input.js';
import { scoreOrganisation } from './score.js';
import { explainShortfalls, fillPhrase, pointsRu } from './shortfalls.js';

const full: OrganisationInput = {
  id: 'o',
  name: 'ГБУ СО «КЦСОН»',
  sector: 'социальное обслуживание',
  info: { stand: [20, 20], site: [20, 20] },
  remoteChannels: 4,
  comfortConditions: 5,
  accessOrg: 5,
  accessServices: 5,
  survey: {
    '1.3': { stand: [10, 10], site: [10, 10] },
    '2.2': [10, 10],
    '2.3': [10, 10],
    '3.3': [2, 2],
    '4.1': [10, 10],
    '4.2': [10, 10],
    '4.3': [5, 5],
    '5.1': [10, 10],
    '5.2': [10, 10],
    '5.3': [10, 10],
  },
};

describe('nok shortfalls', () => {
  it('has none when everything is full', () => {
    expect(explainShortfalls(M, full)).toEqual([]);
  });

  it('names the stand in the words of the issue', () => {
    const o = { ...full, info: { stand: [12, 20] as [number, number], site: [20, 20] as [number, number] } };
    // 1.1 = 0.5·(12/20 + 20/20)·100 = 0.5·1.6·100 = 80; lost 20 × 0.3 (in К1) × 0.2 (in the total) = 1.2
    expect(explainShortfalls(M, o)).toEqual([
      {
        indicator: '1.1',
        criterion: '1',
        points: 80,
        lost: 20,
        lostInTotal: expect.closeTo(1.2, 9),
        text: '1.1 — на стенде размещено 12 из 20 обязательных сведений (80 баллов)',
      },
    ]);
  });

  it("sorts by the points of the total lost, not by the indicator's own loss", () => {
    const o: OrganisationInput = {
      ...full,
      remoteChannels: 3, // 1.2 = 90: lost 10 × 0.3 × 0.2 = 0.6
      survey: {
        ...full.survey,
        '4.3': [2, 5], // 4.3 = 40: lost 60 × 0.2 × 0.2 = 2.4
        '5.3': [7, 10], // 5.3 = 70: lost 30 × 0.5 × 0.2 = 3
        '3.3': [0, 0], // 3.3 = 0 (no disabled respondents): lost 100 × 0.3 × 0.2 = 6
      },
    };
    const s = explainShortfalls(M, o);
    expect(s.map((x) => [x.indicator, x.lostInTotal])).toEqual([
      ['3.3', expect.closeTo(6, 9)],
      ['5.3', expect.closeTo(3, 9)],
      ['4.3', expect.closeTo(2.4, 9)],
      ['1.2', expect.closeTo(0.6, 9)],
    ]);
    expect(s.map((x) => x.text)).toEqual([
      '3.3 — среди опрошенных нет инвалидов, ответивших на вопрос о доступности услуг (0 баллов)',
      '5.3 — в целом условиями оказания услуг удовлетворены 7 из 10 ответивших (70 баллов)',
      '4.3 — вежливостью работников при дистанционном взаимодействии удовлетворены 2 из 5 пользовавшихся им (40 баллов)',
      '1.2 — дистанционных способов взаимодействия на сайте действует 3 из 4, нужных для 100 баллов (90 баллов)',
    ]);
    // The losses add up to what the total misses: 100 − total.
    const lost = s.reduce((a, x) => a + x.lostInTotal, 0);
    expect(lost).toBeCloseTo(100 - scoreOrganisation(M, o).total, 9);
  });

  it('describes both halves of 1.3, and weighs 2.1 by 0.5 when 2.2 is absent', () => {
    const o: OrganisationInput = {
      ...full,
      comfortConditions: 3,
      survey: { ...full.survey, '2.2': null, '1.3': { stand: [0, 0], site: [1, 2] } },
    };
    const s = explainShortfalls(M, o);
    // 1.3 = 0.5·(0 + 1/2)·100 = 25: lost 75 × 0.4 × 0.2 = 6; 2.1 = 60: lost 40 × 0.5 × 0.2 = 4
    expect(s.map((x) => [x.indicator, x.lostInTotal])).toEqual([
      ['1.3', expect.closeTo(6, 9)],
      ['2.1', expect.closeTo(4, 9)],
    ]);
    expect(s[0].text).toBe(
      '1.3 — к информации на стенде не обращался никто из опрошенных; информацией на сайте удовлетворены 1 из 2 пользовавшихся сайтом (25 баллов)',
    );
    expect(s[1].text).toBe(
      '2.1 — комфортных условий предоставления услуг обеспечено 3 из 5, нужных для 100 баллов (60 баллов)',
    );
  });

  it('writes points and counts in Russian', () => {
    expect([0, 1, 2, 5, 21, 62.5, 100 / 3, 99.999].map(pointsRu)).toEqual([
      '0 баллов',
      '1 балл',
      '2 балла',
      '5 баллов',
      '21 балл',
      '62,5 балла',
      '33,33 балла',
      '100 баллов',
    ]);
    const t = 'размещено {n} из {d} {d|обязательного сведения|обязательных сведений|обязательных сведений}';
    expect(fillPhrase(t, { n: 1, d: 21 })).toBe('размещено 1 из 21 обязательного сведения');
    expect(fillPhrase(t, { n: 3, d: 4 })).toBe('размещено 3 из 4 обязательных сведений');
    expect(fillPhrase('{x} и {n}', { n: 2 })).toBe('{x} и 2');
  });
});
