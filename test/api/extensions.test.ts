/**
 * Deadline extensions (issue 9, defect 2): the request names the date it moves and shows
 * old and new; approval moves exactly that date (never a met one, never onto or past
 * another); a long move needs confirming and carries a warning; a rejection says why;
 * a co-executor moves only its own report's due day; observers are never offered it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, orgIdsByShortName, type Client, type TestApp } from '../helpers/test-app';
import { engines } from '../helpers/test-db';

describe.each(engines)('deadline extensions on %s', (engine) => {
  let t: TestApp;
  let coord: Client;
  let lead: Client; // Минкультуры
  let co: Client; // Минздрав
  let measureId: number;
  let planId: number;
  const dues = async () =>
    (await coord.get(`/api/measures/${measureId}`)).body.controlPoints
      .filter((c: { kind: string }) => c.kind === 'due')
      .map((c: { nominal: string; source: string }) => `${c.nominal}${c.source === 'extension' ? '*' : ''}`);

  beforeAll(async () => {
    t = await createTestApp(engine);
    coord = await t.as('coordinator');
    lead = await t.as('executor');
    co = await t.as('executor2');
    const orgs = await orgIdsByShortName(coord);
    planId = (
      await coord.post('/api/plans', {
        kind: 'plan',
        title: 'План на 2025–2027 годы',
        ownerOrganisationId: orgs['Минсоцзащиты'],
        periodFrom: '2025-01-01',
        periodTo: '2027-12-31',
        controlFrom: '2025-01-01',
      })
    ).body.id;
    measureId = (
      await coord.post(`/api/plans/${planId}/measures`, {
        sectionId: null,
        number: '1',
        title: 'Доклад о состоянии некоммерческого сектора',
        deadlineText: 'ежегодно до 1 октября',
        leadExecutorId: orgs['Минкультуры'],
        coExecutorIds: [orgs['Минздрав']],
        controlFrom: null,
      })
    ).body.id;
    // The 2025 date is met: the lead's report for IV квартал 2025 г. is accepted.
    const q = (await lead.get('/api/my/reports')).body.items.find(
      (r: { measureId: number; role: string; period: { label: string } }) =>
        r.measureId === measureId && r.role === 'lead' && r.period.label === 'IV квартал 2025 г.',
    );
    const sent = (
      await lead.post(`/api/reports/${q.id}/submit`, {
        version: q.version,
        text: 'Доклад подготовлен и направлен.',
        resultStatus: 'done',
      })
    ).body;
    expect((await coord.post(`/api/reports/${q.id}/accept`, { version: sent.version })).status).toBe(200);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('offers the lead its open control dates and its own reports, never a met one; the co-executor only its own reports; the observer nothing', async () => {
    const targets = (await lead.get(`/api/measures/${measureId}/extension-targets`)).body.items;
    expect(
      targets.filter((x: { kind: string }) => x.kind === 'due').map((x: { nominal: string }) => x.nominal),
    ).toEqual(['2026-10-01', '2027-10-01']);
    expect(targets.filter((x: { kind: string }) => x.kind === 'report').length).toBeGreaterThan(0);
    const coTargets = (await co.get(`/api/measures/${measureId}/extension-targets`)).body.items;
    expect(coTargets.length).toBeGreaterThan(0);
    expect(
      coTargets.every((x: { kind: string; label: string }) => x.kind === 'report' && /^Отчёт за/.test(x.label)),
    ).toBe(true);
    const observer = await t.as('observer');
    expect((await observer.get(`/api/measures/${measureId}/extension-targets`)).body.items).toEqual([]);
    const abilities = async (c: Client) => (await c.get(`/api/measures/${measureId}`)).body.abilities;
    expect(await abilities(observer)).toMatchObject({ requestExtension: false, decideExtension: false });
    expect(await abilities(lead)).toMatchObject({ requestExtension: true, decideExtension: false });
    expect(await abilities(coord)).toMatchObject({ requestExtension: false, decideExtension: true });
    expect(
      (await observer.post(`/api/measures/${measureId}/extensions`, { reason: 'Хочу', requestedDue: '2026-12-01' }))
        .status,
    ).toBe(403);
  });

  it('moves exactly the chosen control date: 01.10.2026 → 01.12.2026 leaves 2025 and 2027 as they were', async () => {
    // The case: 01.12.2027 for the 2026 date jumps past 01.10.2027 and is refused.
    const past = await lead.post(`/api/measures/${measureId}/extensions`, {
      reason: 'Сбор данных затянулся',
      requestedDue: '2027-12-01',
      target: { kind: 'due', date: '2026-10-01' },
      confirm: true,
    });
    expect(past.status).toBe(400);
    expect(past.body.message).toMatch(/следующего контрольного срока \(01\.10\.2027\)/);
    const onto = await lead.post(`/api/measures/${measureId}/extensions`, {
      reason: 'x',
      requestedDue: '2027-10-01',
      target: { kind: 'due', date: '2026-10-01' },
      confirm: true,
    });
    expect(onto.status).toBe(400);
    const met = await lead.post(`/api/measures/${measureId}/extensions`, {
      reason: 'x',
      requestedDue: '2025-11-01',
      target: { kind: 'due', date: '2025-10-01' },
    });
    expect(met.status).toBe(400);
    expect(met.body.message).toMatch(/перенести нельзя/);
    const coDue = await co.post(`/api/measures/${measureId}/extensions`, {
      reason: 'x',
      requestedDue: '2026-11-01',
      target: { kind: 'due', date: '2026-10-01' },
    });
    expect(coDue.status).toBe(400);

    const r = await lead.post(`/api/measures/${measureId}/extensions`, {
      reason: 'Статистика за год публикуется в ноябре',
      requestedDue: '2026-12-01',
      target: { kind: 'due', date: '2026-10-01' },
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      state: 'pending',
      currentDue: '2026-10-01',
      requestedDue: '2026-12-01',
      warnings: [],
      target: { kind: 'due', label: expect.stringMatching(/01\.10\.2026/) },
    });
    expect(
      (
        await lead.post(`/api/measures/${measureId}/extensions`, {
          reason: 'ещё раз',
          requestedDue: '2026-11-15',
          target: { kind: 'due', date: '2026-10-01' },
        })
      ).status,
    ).toBe(409);
    expect((await lead.post(`/api/extensions/${r.body.id}/decide`, { approve: true })).status).toBe(403);
    const d = await coord.post(`/api/extensions/${r.body.id}/decide`, { approve: true, comment: 'Согласовано' });
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({
      state: 'approved',
      decisionComment: 'Согласовано',
      decidedBy: 'Иванова Елена Сергеевна',
    });
    expect(await dues()).toEqual(['2025-10-01', '2026-12-01*', '2027-10-01']);
    // Moving the moved date again rewrites the move; the text's other dates stay.
    const again = (
      await lead.post(`/api/measures/${measureId}/extensions`, {
        reason: 'Ещё две недели',
        requestedDue: '2026-12-15',
        target: { kind: 'due', date: '2026-12-01' },
      })
    ).body;
    await coord.post(`/api/extensions/${again.id}/decide`, { approve: true });
    expect(await dues()).toEqual(['2025-10-01', '2026-12-15*', '2027-10-01']);
    const m = (await coord.get(`/api/measures/${measureId}`)).body;
    expect(m.deadlineOverride).toBeNull();
    // A change to the plan period regenerates the dates from the text; the move survives.
    await coord.edit(`/api/plans/${planId}`, { periodTo: '2028-12-31' });
    expect(await dues()).toEqual(['2025-10-01', '2026-12-15*', '2027-10-01', '2028-10-01']);
    await coord.edit(`/api/plans/${planId}`, { periodTo: '2027-12-31' });
  });

  it('asks to confirm a move of months and shows the coordinator why; a rejection must say why', async () => {
    const long = await lead.post(`/api/measures/${measureId}/extensions`, {
      reason: 'Перенос форума',
      requestedDue: '2028-09-01',
      target: { kind: 'due', date: '2027-10-01' },
    });
    expect(long.status).toBe(400);
    expect(long.body.reason).toBe('extension.confirm');
    expect(long.body.message).toMatch(/более 3 месяцев/);
    expect(long.body.message).toMatch(/позже окончания плана \(31\.12\.2027\)/);
    const confirmed = await lead.post(`/api/measures/${measureId}/extensions`, {
      reason: 'Перенос форума',
      requestedDue: '2028-09-01',
      target: { kind: 'due', date: '2027-10-01' },
      confirm: true,
    });
    expect(confirmed.status).toBe(201);
    const pending = (await coord.get('/api/extensions/pending')).body.items.find(
      (x: { id: number }) => x.id === confirmed.body.id,
    );
    expect(pending.warnings).toHaveLength(2);
    const bare = await coord.post(`/api/extensions/${confirmed.body.id}/decide`, { approve: false });
    expect(bare.status).toBe(400);
    expect(bare.body.message).toBe('Укажите причину отказа');
    const rejected = await coord.post(`/api/extensions/${confirmed.body.id}/decide`, {
      approve: false,
      comment: 'Срок плана заканчивается в 2027 году',
    });
    expect(rejected.body).toMatchObject({ state: 'rejected', decisionComment: 'Срок плана заканчивается в 2027 году' });
    expect(await dues()).toEqual(['2025-10-01', '2026-12-15*', '2027-10-01']);
    expect((await coord.post(`/api/extensions/${confirmed.body.id}/decide`, { approve: true })).status).toBe(409);
  });

  it("lets a co-executor move only its own report's due day, which outlives regeneration", async () => {
    const target = (await co.get(`/api/measures/${measureId}/extension-targets`)).body.items.find(
      (x: { label: string }) => /IV квартал 2026/.test(x.label),
    );
    const r = await co.post(`/api/measures/${measureId}/extensions`, {
      reason: 'Ждём данные поликлиник',
      requestedDue: '2027-01-25',
      target: { kind: 'report', reportId: target.reportId },
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ currentDue: target.dueOn, target: { kind: 'report', reportId: target.reportId } });
    // The lead cannot name another organisation's report.
    expect(
      (
        await lead.post(`/api/measures/${measureId}/extensions`, {
          reason: 'x',
          requestedDue: '2027-01-26',
          target: { kind: 'report', reportId: target.reportId },
        })
      ).status,
    ).toBe(400);
    expect((await coord.post(`/api/extensions/${r.body.id}/decide`, { approve: true })).status).toBe(200);
    const reports = (await coord.get(`/api/measures/${measureId}/reports`)).body.items.filter(
      (x: { period: { label: string } }) => x.period.label === 'IV квартал 2026 г.',
    );
    const due = Object.fromEntries(reports.map((x: { role: string; dueOn: string }) => [x.role, x.dueOn]));
    expect(due.co).toBe('2027-01-25');
    expect(due.lead).toBe(target.dueOn);
    // Another report day for the plan regenerates every due day but the extended one.
    await coord.edit(`/api/plans/${planId}`, { reportDay: 20 });
    const after = (await coord.get(`/api/measures/${measureId}/reports`)).body.items.filter(
      (x: { period: { label: string } }) => x.period.label === 'IV квартал 2026 г.',
    );
    expect(Object.fromEntries(after.map((x: { role: string; dueOn: string }) => [x.role, x.dueOn]))).toEqual({
      co: '2027-01-25',
      lead: '2027-01-20',
    });
    const history = (await coord.get(`/api/measures/${measureId}/history`)).body.items.map(
      (e: { action: string }) => e.action,
    );
    expect(history.filter((a: string) => a === 'extension.approve')).toHaveLength(3);
    expect(history).toContain('extension.reject');
  });
});
