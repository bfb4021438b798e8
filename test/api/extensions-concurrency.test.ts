/**
 * Deadline extensions under concurrent requests (issue 9, defect 2; meaningful on
 * PostgreSQL, where requests really run at once on the pool): 50 simultaneous requests for
 * one date create exactly one; mixed approvals and rejections of one request decide it
 * exactly once; two approvals of different dates of one measure both keep their move.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, orgIdsByShortName, type Client, type TestApp } from '../helpers/test-app';
import { engines } from '../helpers/test-db';

describe.each(engines)('deadline extensions under concurrency on %s', (engine) => {
  let t: TestApp;
  let coord: Client;
  let lead: Client;
  let planId: number;
  let orgs: Record<string, number>;
  beforeAll(async () => {
    t = await createTestApp(engine);
    coord = await t.as('coordinator');
    lead = await t.as('executor');
    orgs = await orgIdsByShortName(coord);
    planId = (
      await coord.post('/api/plans', {
        kind: 'plan',
        title: 'План для проверки одновременных запросов',
        ownerOrganisationId: orgs['Минсоцзащиты'],
        periodFrom: '2025-01-01',
        periodTo: '2027-12-31',
        controlFrom: '2025-01-01',
      })
    ).body.id;
  });
  afterAll(async () => {
    await t?.dispose();
  });

  let n = 0;
  const newMeasure = async (deadlineText = 'ежегодно до 1 октября') =>
    (
      await coord.post(`/api/plans/${planId}/measures`, {
        sectionId: null,
        number: String(++n),
        title: `Мероприятие ${n}`,
        deadlineText,
        leadExecutorId: orgs['Минкультуры'],
        controlFrom: null,
      })
    ).body.id as number;
  const ask = (measureId: number, date: string, requestedDue: string) =>
    lead.post(`/api/measures/${measureId}/extensions`, {
      reason: 'Нужно больше времени',
      requestedDue,
      target: { kind: 'due', date },
    });
  const count = async (sql: string, params: unknown[]) => Number((await t.db.one<{ n: number }>(sql, params))!.n);

  it('creates exactly one of 50 simultaneous requests for the same date', async () => {
    const measureId = await newMeasure();
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        ask(measureId, '2026-10-01', `2026-11-${String(1 + (i % 28)).padStart(2, '0')}`),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(
      answers
        .filter((a) => a.status === 409)
        .every((a) => a.body.message === 'Запрос на перенос этого срока уже ожидает решения'),
    ).toBe(true);
    expect(await count(`SELECT count(*)::int AS n FROM extension_requests WHERE measure_id = $1`, [measureId])).toBe(1);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_events WHERE measure_id = $1 AND action = 'extension.request'`,
        [measureId],
      ),
    ).toBe(1);
  });

  it('decides one request exactly once under mixed simultaneous approvals and rejections', async () => {
    for (let round = 0; round < 3; round++) {
      const measureId = await newMeasure();
      const req = (await ask(measureId, '2026-10-01', '2026-12-01')).body;
      const decisions = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          coord.post(
            `/api/extensions/${req.id}/decide`,
            i % 2 === 0 ? { approve: true } : { approve: false, comment: 'Оснований нет' },
          ),
        ),
      );
      const ok = decisions.filter((d) => d.status === 200);
      expect(ok).toHaveLength(1);
      expect(decisions.filter((d) => d.status === 409)).toHaveLength(9);
      const final = (await coord.get(`/api/measures/${measureId}/extensions`)).body.items[0];
      expect(final.state).toBe(ok[0].body.state);
      expect(
        await count(
          `SELECT count(*)::int AS n FROM audit_events WHERE measure_id = $1 AND action IN ('extension.approve', 'extension.reject')`,
          [measureId],
        ),
      ).toBe(1);
      const dues = (await coord.get(`/api/measures/${measureId}`)).body.controlPoints
        .filter((c: { kind: string }) => c.kind === 'due')
        .map((c: { nominal: string }) => c.nominal);
      expect(dues).toEqual(
        final.state === 'approved'
          ? ['2025-10-01', '2026-12-01', '2027-10-01']
          : ['2025-10-01', '2026-10-01', '2027-10-01'],
      );
    }
  });

  it('keeps both moves when two dates of one measure are approved at once', async () => {
    const measureId = await newMeasure();
    const a = (await ask(measureId, '2026-10-01', '2026-11-15')).body;
    const b = (await ask(measureId, '2027-10-01', '2027-11-15')).body;
    const [da, db] = await Promise.all([
      coord.post(`/api/extensions/${a.id}/decide`, { approve: true }),
      coord.post(`/api/extensions/${b.id}/decide`, { approve: true }),
    ]);
    expect([da.status, db.status]).toEqual([200, 200]);
    const dues = (await coord.get(`/api/measures/${measureId}`)).body.controlPoints
      .filter((c: { kind: string }) => c.kind === 'due')
      .map((c: { nominal: string }) => c.nominal);
    expect(dues).toEqual(['2025-10-01', '2026-11-15', '2027-11-15']);
  });
});
