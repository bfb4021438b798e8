import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app';
import { engines } from '../helpers/test-db';

describe.each(engines)('deadlines in the product on %s', (engine) => {
  let t: TestApp;
  let coord: Client;
  let plan: { id: number };
  beforeAll(async () => {
    t = await createTestApp(engine);
    coord = await t.as('coordinator');
    const orgs = (await coord.get('/api/organisations')).body.items as { id: number; shortName: string }[];
    plan = (
      await coord.post('/api/plans', {
        kind: 'plan',
        title: 'План на 2024 год',
        ownerOrganisationId: orgs.find((o) => o.shortName === 'Минсоцзащиты')!.id,
        periodFrom: '2024-01-01',
        periodTo: '2024-12-31',
        controlFrom: '2024-01-01',
      })
    ).body;
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('interprets a deadline live for the form, with dates moved off days off', async () => {
    const r = await coord.get(
      `/api/deadlines/interpret?planId=${plan.id}&text=${encodeURIComponent('ежеквартально, отчет до 10 числа месяца, следующего за отчетным кварталом')}`,
    );
    expect(r.status).toBe(200);
    expect(r.body.kind).toBe('recurring');
    expect(r.body.due.map((d: { nominal: string }) => d.nominal)).toEqual([
      '2024-03-31',
      '2024-06-30',
      '2024-09-30',
      '2024-12-31',
    ]);
    // 31.03.2024 is a Sunday: the effective date is Monday 1 April (ГК РФ ст. 193).
    expect(r.body.due[0].effective).toBe('2024-04-01');
    expect(r.body.reports.map((d: { nominal: string }) => d.nominal)).toEqual([
      '2024-04-10',
      '2024-07-10',
      '2024-10-10',
      '2025-01-10',
    ]);
    expect(r.body.description).toMatch(/^31\.03\.2024 \(→ 01\.04\.2024\)/);
  });

  it('stores control points on create, regenerates them on edit and on a new plan period', async () => {
    const m = (
      await coord.post(`/api/plans/${plan.id}/measures`, {
        sectionId: null,
        number: '1',
        title: 'Мониторинг',
        deadlineText: '1 раз в полугодие',
        controlFrom: null,
      })
    ).body;
    expect(m.deadlineKind).toBe('recurring');
    let full = (await coord.get(`/api/measures/${m.id}`)).body;
    expect(full.controlPoints.map((c: { nominal: string }) => c.nominal)).toEqual(['2024-06-30', '2024-12-31']);
    const edited = (
      await coord.patch(`/api/measures/${m.id}`, { version: m.version, deadlineText: 'до 15 апреля 2024 г.' })
    ).body;
    full = (await coord.get(`/api/measures/${edited.id}`)).body;
    expect(full.controlPoints).toEqual([
      { kind: 'due', nominal: '2024-04-15', effective: '2024-04-15', label: null, source: 'parsed', counted: true },
    ]);
    await coord.patch(`/api/measures/${m.id}`, { version: edited.version, deadlineText: 'ежегодно' });
    await coord.edit(`/api/plans/${plan.id}`, { periodTo: '2025-12-31' });
    full = (await coord.get(`/api/measures/${m.id}`)).body;
    expect(full.controlPoints.map((c: { nominal: string }) => c.nominal)).toEqual(['2024-12-31', '2025-12-31']);
    const cal = (await coord.get(`/api/plans/${plan.id}/calendar`)).body.items;
    expect(
      cal.map((c: { nominal: string; measure: { number: string } }) => `${c.measure.number}:${c.nominal}`),
    ).toEqual(['1:2024-12-31', '1:2025-12-31']);
  });

  it('keeps an unreadable deadline for a person, and an override is stored and audited', async () => {
    const m = (
      await coord.post(`/api/plans/${plan.id}/measures`, {
        sectionId: null,
        number: '2',
        title: 'Совещание',
        deadlineText: 'по согласованию с Губернатором',
        controlFrom: null,
      })
    ).body;
    expect(m.deadlineUnderstood).toBe(false);
    const unclear = (await coord.get(`/api/plans/${plan.id}/unclear-deadlines`)).body.items;
    expect(unclear.map((x: { number: string }) => x.number)).toEqual(['2']);
    const bad = await coord.patch(`/api/measures/${m.id}`, {
      version: m.version,
      deadlineOverride: { due: ['31.05.2024'], reports: [] },
    });
    expect(bad.status).toBe(400);
    const o = await coord.patch(`/api/measures/${m.id}`, {
      version: m.version,
      deadlineOverride: { due: ['2024-06-01'], reports: [] },
    });
    expect(o.status).toBe(200);
    const full = (await coord.get(`/api/measures/${m.id}`)).body;
    // 01.06.2024 is a Saturday.
    expect(full.controlPoints).toEqual([
      { kind: 'due', nominal: '2024-06-01', effective: '2024-06-03', label: null, source: 'override', counted: true },
    ]);
    expect((await coord.get(`/api/plans/${plan.id}/unclear-deadlines`)).body.items).toEqual([]);
    const history = (await coord.get(`/api/measures/${m.id}/history`)).body.items;
    expect(history[0].before.deadlineOverride).toBeNull();
    expect(history[0].after.deadlineOverride).toEqual({ due: ['2024-06-01'], reports: [] });
  });

  it('binds a relative deadline of a council instruction to the meeting date', async () => {
    const plans = (await coord.get('/api/plans')).body.items;
    const council = (
      await coord.get(`/api/plans/${plans.find((p: { kind: string }) => p.kind === 'council_decisions').id}`)
    ).body;
    const m = council.measures.find((x: { deadlineText: string }) =>
      /после дня проведения заседания/.test(x.deadlineText),
    );
    expect(m.deadlineKind).toBe('relative');
    const full = (await coord.get(`/api/measures/${m.id}`)).body;
    // Protocol of 17.04.2025 + 5 calendar days = 22.04.2025.
    expect(full.controlPoints).toEqual([
      { kind: 'due', nominal: '2025-04-22', effective: '2025-04-22', label: null, source: 'relative', counted: true },
    ]);
    // A relative deadline with no known event waits; setting the event date gives it a date.
    const demo = (await coord.get(`/api/plans/${plans.find((p: { kind: string }) => p.kind === 'plan').id}`)).body;
    const nok = demo.measures.find((x: { number: string }) => x.number === '2.4');
    expect((await coord.get(`/api/measures/${nok.id}`)).body.controlPoints).toEqual([]);
    await coord.patch(`/api/measures/${nok.id}`, { version: nok.version, anchorDate: '2025-11-07' });
    // 10 working days after Friday 07.11.2025 = 21.11.2025.
    expect(
      (await coord.get(`/api/measures/${nok.id}`)).body.controlPoints.map((c: { nominal: string }) => c.nominal),
    ).toEqual(['2025-11-21']);
  });
});
