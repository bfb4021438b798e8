/**
 * Every combination of the dashboard's filters (plan, executor, section, period; with and
 * without «по состоянию на») answers 200 on both engines, for each role. Issue 9, defect 1:
 * choosing a reporting period sent PostgreSQL a parameter the completeness query never
 * used (42P18 «could not determine data type of parameter $2»).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app';
import { engines } from '../helpers/test-db';

describe.each(engines)('dashboard filters on %s', (engine) => {
  let t: TestApp;
  let coord: Client;
  let ids: { plan: number; org: number; section: number; period: number };
  beforeAll(async () => {
    t = await createTestApp(engine);
    coord = await t.as('coordinator');
    const plan = (await coord.get('/api/plans')).body.items.find((p: { kind: string }) => p.kind === 'plan');
    const full = (await coord.get(`/api/plans/${plan.id}`)).body;
    const periods = (await coord.get(`/api/plans/${plan.id}/periods`)).body.items;
    const orgs = (await coord.get('/api/organisations')).body.items;
    ids = {
      plan: plan.id,
      org: orgs.find((o: { shortName: string }) => o.shortName === 'Минкультуры').id,
      section: full.sections[1].id,
      period: periods.find((p: { label: string }) => p.label === 'I квартал 2025 г.').id,
    };
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const combinations = () => {
    const keys = ['planId', 'organisationId', 'sectionId', 'periodId'] as const;
    const value = {
      planId: () => ids.plan,
      organisationId: () => ids.org,
      sectionId: () => ids.section,
      periodId: () => ids.period,
    };
    const out: string[] = [];
    for (let mask = 0; mask < 1 << keys.length; mask++) {
      for (const asOf of [null, '2025-05-01']) {
        const q = new URLSearchParams();
        keys.forEach((k, i) => {
          if (mask & (1 << i)) q.set(k, String(value[k]()));
        });
        if (asOf) q.set('asOf', asOf);
        out.push(q.toString());
      }
    }
    return out;
  };

  it.each(['coordinator', 'executor', 'observer'] as const)('answers every combination for the %s', async (role) => {
    const client = await t.as(role);
    const failures: string[] = [];
    for (const q of combinations()) {
      const r = await client.get(`/api/dashboard?${q}`);
      if (r.status !== 200)
        failures.push(`${q || '(no filters)'} → ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
      else if (
        typeof r.body.totals?.measures !== 'number' ||
        !Array.isArray(r.body.executors) ||
        !Array.isArray(r.body.calendar)
      )
        failures.push(`${q}: malformed`);
    }
    expect(failures).toEqual([]);
  });

  it('counts a chosen period: its label, its owed reports, its calendar', async () => {
    const d = (await coord.get(`/api/dashboard?planId=${ids.plan}&periodId=${ids.period}&asOf=2025-05-01`)).body;
    expect(d.period).toBe('I квартал 2025 г.');
    expect(d.executors.length).toBeGreaterThan(0);
    expect(d.calendar.every((c: { day: string }) => c.day >= '2025-01-01' && c.day <= '2025-03-31')).toBe(true);
    // The same period with the executor filter: only that executor's row.
    const one = (await coord.get(`/api/dashboard?planId=${ids.plan}&periodId=${ids.period}&organisationId=${ids.org}`))
      .body;
    expect(one.executors.map((e: { organisation: { id: number } }) => e.organisation.id)).toEqual([ids.org]);
  });

  it('refuses a period of another plan or region with a clear error, not a crash', async () => {
    const council = (await coord.get('/api/plans')).body.items.find(
      (p: { kind: string }) => p.kind === 'council_decisions',
    );
    const r = await coord.get(`/api/dashboard?planId=${council.id}&periodId=${ids.period}`);
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/период/i);
    expect((await coord.get(`/api/dashboard?periodId=999999`)).status).toBe(404);
  });
});
