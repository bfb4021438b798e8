import { describe, expect, it } from 'vitest';
import { computeRating, type ValueRecord } from './compute.js';
import { explainMunicipality } from './explain.js';
import { parseMethodology } from './methodology.js';

/**
 * Group «Развитие сектора» has weight 1 of 4 (25 points of the total); within it B1 has weight
 * 1 of 5, so B1 is worth 25 · 1/5 = 5 points. 12 against the best 18.7: 12/18.7·100 = 64.17
 * points of 100, i.e. 5 · 0.6417 = 3.21 of 5 — the example sentence of issue 13.
 */
const methodology = parseMethodology({
  title: 'Рейтинг поддержки СО НКО',
  missing: 'zero',
  groups: [
    { id: 'A', title: 'Поддержка СО НКО', weight: 3 },
    { id: 'B', title: 'Развитие сектора', weight: 1 },
  ],
  indicators: [
    {
      id: 'A1',
      group: 'A',
      title: 'Муниципальная программа',
      unit: '',
      direction: 'up',
      normalisation: 'binary',
      weight: 1,
    },
    {
      id: 'A2',
      group: 'A',
      title: 'Доля средств бюджета',
      unit: '%',
      direction: 'up',
      normalisation: 'target',
      target: 10,
      weight: 1,
    },
    {
      id: 'A3',
      group: 'A',
      title: 'Срок рассмотрения заявки',
      unit: 'дн.',
      direction: 'down',
      normalisation: 'thresholds',
      thresholds: [
        [10, 100],
        [20, 60],
        [30, 20],
      ],
      weight: 1,
    },
    {
      id: 'B1',
      group: 'B',
      title: 'Число СО НКО',
      unit: 'СО НКО на 10 тыс. жителей',
      direction: 'up',
      normalisation: 'best',
      weight: 1,
    },
    {
      id: 'B2',
      group: 'B',
      title: 'Субсидии на жителя',
      unit: 'руб.',
      direction: 'up',
      normalisation: 'minmax',
      weight: 2,
    },
    {
      id: 'B3',
      group: 'B',
      title: 'Жалобы',
      unit: 'ед.',
      direction: 'down',
      normalisation: 'best',
      weight: 1,
      missing: 'reweight',
    },
    {
      id: 'B4',
      group: 'B',
      title: 'Темп роста',
      unit: '%',
      direction: 'up',
      normalisation: 'thresholds',
      thresholds: [
        [100, 40],
        [105, 100],
      ],
      weight: 1,
    },
  ],
  bands: [
    { from: 60, label: 'лидеры' },
    { from: 0, label: 'первые шаги' },
  ],
});

const rows: Record<string, Record<string, number | null>> = {
  'г. Озёрск': { A1: 1, A2: 6.8, A3: 25, B1: 12, B2: 150, B3: 4, B4: 103 },
  'Лесной район': { A1: 0, A2: 12, A3: 35, B1: 18.7, B2: 90, B3: 2, B4: 99 },
  'Луговой район': { A1: 1, A2: null, A3: 8, B1: 3, B2: 300, B3: null, B4: 106 },
};
const records: ValueRecord[] = Object.entries(rows).flatMap(([municipality, r]) =>
  Object.entries(r).map(([indicator, value]) => ({ municipality, indicator, value })),
);
const result = computeRating(methodology, records);
const texts = (name: string) =>
  Object.fromEntries(
    explainMunicipality(methodology, result, name).groups.flatMap((g) =>
      g.indicators.map((i) => [i.indicator, i.text]),
    ),
  );

describe('explainMunicipality', () => {
  it('gives the example sentence of issue 13 and one for every normalisation', () => {
    // Shares: A1..A3 = 75 · 1/3 = 25 points each; B1 = 25 · 1/5 = 5, B2 = 10, B3 = 5, B4 = 5.
    expect(texts('г. Озёрск')).toEqual({
      A1: '25 из 25 баллов: есть (1)',
      A2: '17 из 25 баллов: 6,8 % при целевом значении 10 %', // 6.8/10 = 68 % of 25
      A3: '5 из 25 баллов: 25 дн. — не выше порога 30 дн.: 20 баллов из 100',
      B1: '3,2 из 5 баллов: 12 СО НКО на 10 тыс. жителей при лучшем 18,7',
      B2: '2,9 из 10 баллов: 150 руб. при худшем 90 руб. и лучшем 300 руб.', // (150−90)/210 = 28.6 % of 10
      B3: '2,5 из 5 баллов: 4 ед. при лучшем (наименьшем) 2 ед.', // 2/4 = 50 % of 5
      B4: '2 из 5 баллов: 103 % — достигнут порог 100 %: 40 баллов из 100',
    });
  });

  it('says when the value is the best, the target is reached, or no threshold is', () => {
    expect(texts('Лесной район')).toMatchObject({
      A1: '0 из 25 баллов: нет (0)',
      A2: '25 из 25 баллов: 12 % при целевом значении 10 % — цель достигнута',
      A3: '0 из 25 баллов: 35 дн. — выше наибольшего порога 30 дн.',
      B1: '5 из 5 баллов: 18,7 СО НКО на 10 тыс. жителей — лучший результат',
      B2: '0 из 10 баллов: 90 руб. — худший результат (лучший 300 руб.)',
      B3: '5 из 5 баллов: 2 ед. — лучший (наименьший) результат',
      B4: '0 из 5 баллов: 99 % — ниже наименьшего порога 100 %',
    });
  });

  it('missing data: 0 points under zero; left out under reweight, with the weight shown moving', () => {
    const e = explainMunicipality(methodology, result, 'Луговой район');
    const b = e.groups[1];
    // B3 left out: B keeps 25 points of the total, now over weights 1 + 2 + 1 = 4: B1 6.25, B2 12.5, B4 6.25.
    expect(Object.fromEntries(e.groups.flatMap((g) => g.indicators.map((i) => [i.indicator, i.text])))).toMatchObject({
      A2: '0 из 25 баллов: нет данных',
      B1: '1 из 6,3 балла: 3 СО НКО на 10 тыс. жителей при лучшем 18,7', // 3/18.7 · 6.25 = 1.003
      B2: '12,5 из 12,5 балла: 300 руб. — лучший результат (худший 90 руб.)',
      B3: 'не учитывается: нет данных, вес показателя распределён между остальными показателями группы «Развитие сектора»',
      B4: '6,3 из 6,3 балла: 106 % — достигнут порог 105 %: 100 баллов из 100',
    });
    expect(b.indicators.find((i) => i.indicator === 'B3')).toMatchObject({
      status: 'missing_excluded',
      earned: null,
      max: 0,
      points: null,
    });
  });

  it('the earned points add up to the total, group by group', () => {
    for (const row of result.rows) {
      const e = explainMunicipality(methodology, result, row.municipality);
      const earned = e.groups.flatMap((g) => g.indicators).reduce((s, i) => s + (i.earned ?? 0), 0);
      expect(earned).toBeCloseTo(row.total!, 9);
      for (const g of e.groups) expect((g.earned! / g.max) * 100).toBeCloseTo(row.groups[g.group]!, 9);
    }
  });

  it('group and total lines', () => {
    const e = explainMunicipality(methodology, result, 'г. Озёрск');
    const row = result.rows.find((r) => r.municipality === 'г. Озёрск')!;
    // A = (100 + 68 + 20)/3 = 62.667 → 47 of 75 points; B = (64.17 + 2·28.57 + 50 + 40)/5 = 42.26 → 10.6 of 25.
    expect(e.groups[0].text).toBe('«Поддержка СО НКО»: 62,7 из 100 баллов, в итоговую оценку — 47 из 75 баллов');
    expect(e.groups[1].text).toBe('«Развитие сектора»: 42,3 из 100 баллов, в итоговую оценку — 10,6 из 25 баллов');
    expect(e.text).toBe(`Итоговая оценка 57,6 из 100 баллов, ${row.rank}-е место, категория «первые шаги»`);
  });

  it('a municipality without any data under reweight, a group without data, edge cases of minmax and best', () => {
    const m = parseMethodology({
      missing: 'reweight',
      groups: [
        { id: 'A', title: 'Поддержка', weight: 1 },
        { id: 'B', title: 'Открытость', weight: 1 },
      ],
      indicators: [
        { id: 'A1', group: 'A', unit: 'ед.', normalisation: 'minmax', weight: 1 },
        { id: 'A2', group: 'A', unit: 'ед.', normalisation: 'best', weight: 1 },
        { id: 'A3', group: 'A', unit: 'ед.', normalisation: 'best', direction: 'down', weight: 1 },
        { id: 'B1', group: 'B', unit: '%', normalisation: 'minmax', weight: 1 },
      ],
    });
    const r = computeRating(m, [
      { municipality: 'Бор', indicator: 'A1', value: 5 },
      { municipality: 'Бор', indicator: 'A2', value: 0 },
      { municipality: 'Бор', indicator: 'A3', value: 0 },
      { municipality: 'Яр', indicator: 'A1', value: 5 },
      { municipality: 'Яр', indicator: 'A2', value: 0 },
      { municipality: 'Яр', indicator: 'B1', value: 1 },
      { municipality: 'Пустошь', indicator: 'A1', value: null },
    ]);
    const bor = explainMunicipality(m, r, 'Бор');
    expect(bor.groups[0].indicators.map((i) => i.text)).toEqual([
      '33,3 из 33,3 балла: 5 ед.; у всех муниципальных образований значение одинаковое',
      '0 из 33,3 балла: 0 ед.; ни у одного муниципального образования значение не больше нуля',
      '33,3 из 33,3 балла: 0 ед. — лучший возможный результат',
    ]);
    expect(bor.groups[1]).toMatchObject({
      score: null,
      text: '«Открытость»: нет данных, группа не входит в итоговую оценку',
    });
    expect(bor.groups[1].indicators[0].text).toBe(
      'не учитывается: нет данных ни по одному показателю группы «Открытость», группа не входит в итоговую оценку',
    );
    expect(explainMunicipality(m, r, 'Яр').groups[1].indicators[0].text).toBe(
      '50 из 50 баллов: 1 %; значение есть только у этого муниципального образования',
    );
    const empty = explainMunicipality(m, r, 'Пустошь');
    expect(empty.text).toBe('Не оценивается: нет данных ни по одному показателю');
    expect(empty.groups[0].indicators[0].text).toBe(
      'не учитывается: нет данных ни по одному показателю, муниципальное образование не оценивается',
    );
    expect(() => explainMunicipality(m, r, 'Нигде')).toThrow(/not in the rating/);
  });
});
