import { describe, expect, it } from 'vitest';
import {
  computeShare,
  draftsFromInterchange,
  parseIndicatorNumber,
  planAgainstFact,
  readColumnLabel,
  sumOverUnits,
  unitFromName,
} from './index.js';

describe('indicator drafts from an imported table', () => {
  it('reads numbers as Russian documents print them', () => {
    expect(parseIndicatorNumber('44,7')).toBe(44.7);
    expect(parseIndicatorNumber('1 250')).toBe(1250);
    expect(parseIndicatorNumber('100,0')).toBe(100);
    expect(parseIndicatorNumber('7 %')).toBe(7);
    expect(parseIndicatorNumber('не менее 5')).toBeNull();
    expect(parseIndicatorNumber('')).toBeNull();
  });

  it('tells the base span, years and quarters apart', () => {
    expect(readColumnLabel('2019-2021')).toEqual({ kind: 'range', from: 2019, to: 2021, label: '2019-2021' });
    expect(readColumnLabel('2024')).toEqual({ kind: 'year', year: 2024, fact: false });
    expect(readColumnLabel('2023 год (факт)')).toEqual({ kind: 'year', year: 2023, fact: true });
    expect(readColumnLabel('II кв. 2025')).toEqual({ kind: 'quarter', year: 2025, quarter: 2 });
    expect(readColumnLabel('Примечание')).toBeNull();
  });

  it('finds the unit in the name', () => {
    expect(unitFromName('Доля организаций, оказывающих услуги, в %')).toBe('%');
    expect(unitFromName('Численность добровольцев, тыс. человек')).toBe('тыс. человек');
    expect(unitFromName('Количество СО НКО, получивших поддержку (единиц)')).toBe('ед.');
    expect(unitFromName('Проведение заседаний Общественного совета')).toBe('');
  });

  it('keeps seed 002 shape: base 2019-2021 and a target per year, every value', () => {
    const [d] = draftsFromInterchange(
      [
        {
          number: '1',
          name: 'Доля организаций, оказывающих услуги в сфере социального обслуживания, в %',
          values: { '2019-2021': '100', '2022': '44,7', '2023': '55,3', '2024': '0' },
        },
      ],
      ['2022-01-01', '2024-12-31'],
    );
    expect(d).toMatchObject({ number: '1', unit: '%', baseValue: 100, basePeriod: '2019-2021' });
    expect(d.targets).toEqual([
      { year: 2022, quarter: 0, value: 44.7, valueText: '' },
      { year: 2023, quarter: 0, value: 55.3, valueText: '' },
      { year: 2024, quarter: 0, value: 0, valueText: '' },
    ]);
  });

  it('takes a fact year before the plan as the base, and the unit column over the name', () => {
    const [d] = draftsFromInterchange(
      [
        {
          number: '2',
          name: 'Численность',
          unit: 'тыс. человек',
          values: { '2023': '41,2', '2024': '43,0', '2025': 'не менее 45' },
        },
      ],
      ['2024-01-01', '2026-12-31'],
    );
    expect(d).toMatchObject({ unit: 'тыс. человек', baseValue: 41.2, basePeriod: '2023' });
    expect(d.targets).toEqual([
      { year: 2024, quarter: 0, value: 43, valueText: '' },
      { year: 2025, quarter: 0, value: null, valueText: 'не менее 45' },
    ]);
  });
});

describe('plan against fact', () => {
  it('gives deviation, percent and status by direction', () => {
    const rows = planAgainstFact({
      direction: 'up',
      baseValue: 5,
      targets: [
        { year: 2024, quarter: 0, value: 7 },
        { year: 2025, quarter: 0, value: 8 },
      ],
      facts: [
        { year: 2024, quarter: 0, value: 6.8 },
        { year: 2025, quarter: 0, value: 8.5 },
      ],
    });
    expect(rows[0]).toMatchObject({ year: 2024, planned: 7, fact: 6.8, status: 'missed' });
    expect(rows[0].deviation).toBeCloseTo(-0.2, 9);
    expect(rows[0].percentOfPlan).toBeCloseTo(97.142857, 5);
    expect(rows[1].status).toBe('reached');
    const down = planAgainstFact({
      direction: 'down',
      baseValue: null,
      targets: [{ year: 2024, quarter: 0, value: 7 }],
      facts: [{ year: 2024, quarter: 0, value: 6.8 }],
    });
    expect(down[0].status).toBe('reached');
  });

  it('forecasts the year from its quarters and flags a miss', () => {
    const rows = planAgainstFact({
      direction: 'up',
      baseValue: 10,
      targets: [{ year: 2025, quarter: 0, value: 20 }],
      facts: [
        { year: 2025, quarter: 1, value: 11 },
        { year: 2025, quarter: 2, value: 12 },
      ],
    });
    const y = rows.find((r) => r.quarter === 0)!;
    expect(y).toMatchObject({ fact: 12, partial: true, status: 'no_fact', willMiss: true });
    expect(y.forecast).toBeCloseTo(14, 9);
    expect(rows.filter((r) => r.quarter > 0).map((r) => r.quarter)).toEqual([1, 2]);
    const onTrack = planAgainstFact({
      direction: 'up',
      baseValue: 10,
      targets: [{ year: 2025, quarter: 0, value: 20 }],
      facts: [{ year: 2025, quarter: 1, value: 13 }],
    });
    // One quarter alone forecasts nothing.
    expect(onTrack[0]).toMatchObject({ forecast: null, willMiss: false, partial: true });
    const rising = planAgainstFact({
      direction: 'up',
      baseValue: null,
      targets: [{ year: 2025, quarter: 0, value: 20 }],
      facts: [
        { year: 2025, quarter: 1, value: 8 },
        { year: 2025, quarter: 2, value: 12 },
        { year: 2025, quarter: 3, value: 16 },
      ],
    });
    expect(rising[0].forecast).toBeCloseTo(20, 9);
    expect(rising[0].willMiss).toBe(false);
  });

  it('forecasts an unreported year from the years before', () => {
    const rows = planAgainstFact({
      direction: 'down',
      baseValue: null,
      targets: [{ year: 2026, quarter: 0, value: 5 }],
      facts: [
        { year: 2024, quarter: 0, value: 10 },
        { year: 2025, quarter: 0, value: 9 },
      ],
    });
    const y2026 = rows.find((r) => r.year === 2026)!;
    expect(y2026.forecast).toBeCloseTo(8, 9);
    expect(y2026.willMiss).toBe(true);
  });
});

describe('computed indicators', () => {
  it('a share of two reported figures, per period and unit; no value for a zero denominator', () => {
    expect(
      computeShare(
        [
          { year: 2025, quarter: 0, unitId: null, value: 7 },
          { year: 2025, quarter: 0, unitId: 3, value: 1 },
        ],
        [
          { year: 2025, quarter: 0, unitId: null, value: 100 },
          { year: 2025, quarter: 0, unitId: 3, value: 0 },
        ],
      ),
    ).toEqual([{ year: 2025, quarter: 0, unitId: null, value: 7 }]);
  });

  it('a sum over municipalities', () => {
    const v = sumOverUnits([
      { year: 2025, quarter: 0, unitId: 1, value: 2 },
      { year: 2025, quarter: 0, unitId: 2, value: 3.5 },
      { year: 2025, quarter: 1, unitId: 2, value: 1 },
    ]);
    expect(v.filter((x) => x.unitId == null)).toEqual([
      { year: 2025, quarter: 0, unitId: null, value: 5.5 },
      { year: 2025, quarter: 1, unitId: null, value: 1 },
    ]);
  });
});
