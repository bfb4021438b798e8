/**
 * The methodology is data: the shipped edition is well-formed and says how sure each rule is,
 * a broken edition is refused, and a corrected edition changes results without code.
 */
import { describe, expect, it } from 'vitest';
import { EDITION_344N_2018 as M, findEdition } from './editions/index.js';
import type { OrganisationInput } from './input.js';
import { methodologyProblems, parseMethodology, type Methodology } from './methodology.js';
import { scoreOrganisation } from './score.js';

const copy = (): Methodology => structuredClone(M) as Methodology;

const sample: OrganisationInput = {
  id: 'x',
  name: 'Центр',
  sector: 'культура',
  info: { stand: [10, 10], site: [10, 10] },
  remoteChannels: 4,
  comfortConditions: 3,
  accessOrg: 5,
  accessServices: 5,
  survey: {
    '1.3': { stand: [1, 1], site: [1, 1] },
    '2.2': null,
    '2.3': [8, 10],
    '3.3': [1, 1],
    '4.1': [1, 1],
    '4.2': [1, 1],
    '4.3': [1, 1],
    '5.1': [1, 1],
    '5.2': [1, 1],
    '5.3': [1, 1],
  },
};

describe('nok methodology as data', () => {
  it('ships 344n-2018 well-formed, found by its id', () => {
    expect(methodologyProblems(M)).toEqual([]);
    expect(parseMethodology(JSON.parse(JSON.stringify(M)))).toEqual(M);
    expect(findEdition('344n-2018')).toBe(M);
    expect(findEdition('344n-2019')).toBeUndefined();
  });

  it('holds the formula table of the research file', () => {
    const weights = Object.fromEntries(M.criteria.map((c) => [c.id, c.weights]));
    expect(weights).toEqual({
      1: { '1.1': 0.3, '1.2': 0.3, '1.3': 0.4 },
      2: { '2.1': 0.3, '2.2': 0.4, '2.3': 0.3 },
      3: { '3.1': 0.3, '3.2': 0.4, '3.3': 0.3 },
      4: { '4.1': 0.4, '4.2': 0.4, '4.3': 0.2 },
      5: { '5.1': 0.3, '5.2': 0.2, '5.3': 0.5 },
    });
    expect(M.criteria[1].whenAbsent).toEqual([
      expect.objectContaining({ absent: ['2.2'], weights: { '2.1': 0.5, '2.3': 0.5 } }),
    ]);
    const points = M.indicators.filter((i) => i.formula.kind === 'points').map((i) => [i.id, i.formula]);
    expect(points).toEqual([
      ['1.2', expect.objectContaining({ ref: 'remoteChannels', pointsPerItem: 30, cap: 100 })],
      ['2.1', expect.objectContaining({ ref: 'comfortConditions', pointsPerItem: 20, cap: 100 })],
      ['3.1', expect.objectContaining({ ref: 'accessOrg', pointsPerItem: 20, cap: 100 })],
      ['3.2', expect.objectContaining({ ref: 'accessServices', pointsPerItem: 20, cap: 100 })],
    ]);
    expect(M.total.weights).toEqual({ 1: 0.2, 2: 0.2, 3: 0.2, 4: 0.2, 5: 0.2 });
    expect(M.indicators.filter((i) => i.optional).map((i) => i.id)).toEqual(['2.2']);
  });

  it('says how sure every rule is, and explains every unconfirmed one', () => {
    for (const i of M.indicators) {
      expect(i.confidence.formula.tier, i.id).toMatch(/^[ABCU]$/);
      expect(i.confidence.weight.source.length, i.id).toBeGreaterThan(10);
      if (i.formula.kind === 'points') expect(i.confidence.cap, i.id).toBeDefined();
      else
        expect(i.confidence.zeroDenominator, i.id).toMatchObject({
          tier: 'U',
          decision: expect.stringMatching(/denominator is 0/),
        });
      for (const c of Object.values(i.confidence)) if (c?.tier === 'U') expect(c.decision, i.id).toBeTruthy();
    }
    // The one weight the research saw in the official text.
    expect(M.indicators.find((i) => i.id === '2.1')!.confidence.weight.tier).toBe('A');
  });

  it('refuses an edition whose weights do not add up, or that lacks the weights for an absent indicator', () => {
    const bad = copy();
    bad.criteria[0].weights['1.3'] = 0.5;
    expect(methodologyProblems(bad)).toEqual(['criterion 1: weights do not sum to 1']);
    expect(() => parseMethodology(bad)).toThrow(/Методика/);

    const noFallback = copy();
    noFallback.criteria[1].whenAbsent = [];
    expect(methodologyProblems(noFallback)).toEqual(['criterion 2: no weights for when 2.2 absent']);

    const stray = copy();
    stray.criteria[2].weights = { '3.1': 0.5, '3.2': 0.5 };
    expect(methodologyProblems(stray)[0]).toMatch(
      /criterion 3: weights must name exactly its indicators 3.1, 3.2, 3.3/,
    );

    const unknownRef = JSON.parse(JSON.stringify(M));
    unknownRef.indicators[1].formula.ref = 'telepathy';
    expect(() => parseMethodology(unknownRef)).toThrow(
      expect.objectContaining({ detail: expect.stringMatching(/indicators\.1\.formula\.ref/) }),
    );
  });

  it("applies a corrected edition without code: the draft's criterion weights 20/20/15/15/30 %", () => {
    const draft = copy();
    draft.edition = '344n-draft-weights';
    draft.total.weights = { 1: 0.2, 2: 0.2, 3: 0.15, 4: 0.15, 5: 0.3 };
    const parsed = parseMethodology(draft);
    // К2 = 0.5·60 + 0.5·80 = 70, every other criterion 100.
    // 344n-2018: (4·100 + 70)/5 = 94; draft weights: 0.2·100 + 0.2·70 + 0.15·100 + 0.15·100 + 0.3·100 = 94
    expect(scoreOrganisation(M, sample).total).toBeCloseTo(94, 9);
    expect(scoreOrganisation(parsed, sample).total).toBeCloseTo(94, 9);
    const worseK5 = { ...sample, survey: { ...sample.survey, '5.3': [0, 1] as [number, number] } };
    // К5 = 0.3·100 + 0.2·100 + 0 = 50. 344n-2018: (100 + 70 + 100 + 100 + 50)/5 = 84;
    // draft: 20 + 14 + 15 + 15 + 0.3·50 = 79
    expect(scoreOrganisation(M, worseK5).total).toBeCloseTo(84, 9);
    expect(scoreOrganisation(parsed, worseK5).total).toBeCloseTo(79, 9);
  });

  it('applies a different zero-denominator rule and cap from data', () => {
    const lenient = copy();
    const i33 = lenient.indicators.find((i) => i.id === '3.3')!;
    if (i33.formula.kind !== 'share') throw new Error('3.3 is a share');
    i33.formula.zeroDenominatorShare = 1;
    const i12 = lenient.indicators.find((i) => i.id === '1.2')!;
    if (i12.formula.kind !== 'points') throw new Error('1.2 is points');
    i12.formula.pointsPerItem = 25;
    const o = { ...sample, remoteChannels: 3, survey: { ...sample.survey, '3.3': [0, 0] as [number, number] } };
    expect(scoreOrganisation(M, o).indicators['3.3']).toBe(0);
    expect(scoreOrganisation(parseMethodology(lenient), o).indicators['3.3']).toBe(100);
    expect(scoreOrganisation(M, o).indicators['1.2']).toBe(90);
    expect(scoreOrganisation(parseMethodology(lenient), o).indicators['1.2']).toBe(75);
  });
});
