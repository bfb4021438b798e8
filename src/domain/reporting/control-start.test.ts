import { describe, expect, it } from 'vitest';
import { controlStart, countsForControl, defaultControlFrom, measureControlFromOnCreate } from './control-start';
import { owedReports } from './obligations';
import { generatePeriods } from './periods';

describe('control start («контроль с даты»)', () => {
  const plan = { periodFrom: '2025-01-01', controlFrom: '2026-12-03' };
  it('is the latest of the plan period start, the plan control start and the measure own start', () => {
    expect(controlStart(plan)).toBe('2026-12-03');
    expect(controlStart({ periodFrom: '2025-01-01', controlFrom: null })).toBe('2025-01-01');
    expect(controlStart({ periodFrom: '2025-01-01', controlFrom: '2024-06-01' })).toBe('2025-01-01');
    expect(controlStart(plan, '2027-02-01')).toBe('2027-02-01');
    expect(controlStart(plan, '2025-03-01')).toBe('2026-12-03');
  });
  it('defaults to today once the plan has begun, else to its start', () => {
    expect(defaultControlFrom('2025-01-01', '2026-12-03')).toBe('2026-12-03');
    expect(defaultControlFrom('2027-01-01', '2026-12-03')).toBe('2027-01-01');
  });
  it('gives a measure added by hand its own start only in a plan in force and under control since before', () => {
    expect(measureControlFromOnCreate({ ...plan, status: 'active' }, '2026-12-10')).toBe('2026-12-10');
    expect(measureControlFromOnCreate({ ...plan, status: 'active' }, '2026-12-03')).toBeNull();
    expect(measureControlFromOnCreate({ ...plan, status: 'draft' }, '2026-12-10')).toBeNull();
    expect(countsForControl('2026-12-02', '2026-12-03')).toBe(false);
    expect(countsForControl('2026-12-03', '2026-12-03')).toBe(true);
  });
  it('owes no report for a period that ended, or is due, before the start', () => {
    const quarters = generatePeriods('2025-01-01', '2027-12-31', 'quarter', 10);
    const all = owedReports(quarters, [], [], 'continuous');
    expect(all).toHaveLength(12);
    const from = owedReports(quarters, [], [], 'continuous', '2026-12-03');
    expect(from.map((o) => o.period.label)).toEqual([
      'IV квартал 2026 г.',
      'I квартал 2027 г.',
      'II квартал 2027 г.',
      'III квартал 2027 г.',
      'IV квартал 2027 г.',
    ]);
    // An own report date before the start is not owed even in a period that goes on past it.
    const annual = owedReports(
      quarters,
      [],
      [{ effective: '2026-12-01', covers: '2026-12-01' }],
      'continuous',
      '2026-12-03',
    );
    expect(annual.map((o) => o.period.label)).not.toContain('IV квартал 2026 г.');
  });
});
