/**
 * Reporting periods as the coordinator sets them (frequency, report day, periods by hand)
 * and report due days taken from a measure's own report schedule, through the HTTP API on
 * both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app';
import { engines } from '../helpers/test-db';

interface Period {
  id: number;
  label: string;
  startsOn: string;
  endsOn: string;
  reportDue: string;
  reports: number;
  written: number;
}
interface Report {
  id: number;
  version: number;
  role: string;
  dueOn: string;
  period: { id: number; label: string; reportDue: string };
  state: string;
}

describe.each(engines)('reporting periods on %s', (engine) => {
  let t: TestApp;
  let coord: Client;
  let exec: Client;
  let planId: number;
  let annual: number; // «постоянно, ежегодно отчет до 25 декабря»
  let quarterly: number; // «ежеквартально, отчет до 5 числа месяца, следующего за отчетным кварталом»
  let plain: number; // «постоянно»
  const periods = async () => (await coord.get(`/api/plans/${planId}/periods`)).body.items as Period[];
  const owed = async (measureId: number) =>
    ((await coord.get(`/api/measures/${measureId}/reports`)).body.items as Report[])
      .filter((r) => r.role === 'lead')
      .map((r) => [r.period.label, r.dueOn]);

  beforeAll(async () => {
    t = await createTestApp(engine);
    coord = await t.as('coordinator');
    exec = await t.as('executor');
    const orgs = Object.fromEntries(
      (await coord.get('/api/organisations')).body.items.map((o: { shortName: string; id: number }) => [
        o.shortName,
        o.id,
      ]),
    );
    const plan = await coord.post('/api/plans', {
      kind: 'plan',
      title: 'План мероприятий по развитию добровольчества на 2025 год',
      ownerOrganisationId: orgs['Минсоцзащиты'],
      periodFrom: '2025-01-01',
      periodTo: '2025-12-31',
      reportingFrequency: 'half',
      reportDay: 15,
      controlFrom: '2025-01-01',
    });
    expect(plan.status).toBe(201);
    expect(plan.body).toMatchObject({ reportingFrequency: 'half', reportDay: 15 });
    planId = plan.body.id;
    const add = async (number: string, deadlineText: string) =>
      (
        await coord.post(`/api/plans/${planId}/measures`, {
          sectionId: null,
          number,
          title: `Мероприятие ${number}`,
          deadlineText,
          leadExecutorId: orgs['Минкультуры'],
          coExecutorIds: [],
          controlFrom: null,
        })
      ).body.id as number;
    annual = await add('1', 'постоянно, ежегодно отчет до 25 декабря');
    quarterly = await add('2', 'ежеквартально, отчет до 5 числа месяца, следующего за отчетным кварталом');
    plain = await add('3', 'постоянно');
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('makes half-year periods with reports due on the 15th, moved off days off', async () => {
    expect((await periods()).map((p) => [p.label, p.startsOn, p.endsOn, p.reportDue])).toEqual([
      ['I полугодие 2025 г.', '2025-01-01', '2025-06-30', '2025-07-15'],
      // 15 January 2026 is a Thursday; no move.
      ['II полугодие 2025 г.', '2025-07-01', '2025-12-31', '2026-01-15'],
    ]);
  });

  it("takes report due days from the measure's own report schedule", async () => {
    // Once a year, due on the 25th of December, not on the plan's day.
    expect(await owed(annual)).toEqual([['II полугодие 2025 г.', '2025-12-25']]);
    // Quarterly reports by the 5th of the month after: the half-year's second quarter decides
    // (5 July 2025 is a Saturday → Monday 7 July; 5 January 2026 falls in the holidays → 12 January).
    expect(await owed(quarterly)).toEqual([
      ['I полугодие 2025 г.', '2025-07-07'],
      ['II полугодие 2025 г.', '2026-01-12'],
    ]);
    expect(await owed(plain)).toEqual([
      ['I полугодие 2025 г.', '2025-07-15'],
      ['II полугодие 2025 г.', '2026-01-15'],
    ]);
    // The executor sees the same due day, and the period's own day beside it.
    const mine = (await exec.get('/api/my/reports')).body.items.find(
      (r: Report & { measureId: number }) => r.measureId === annual,
    );
    expect(mine).toMatchObject({
      dueOn: '2025-12-25',
      period: { label: 'II полугодие 2025 г.', reportDue: '2026-01-15' },
    });
  });

  it('switches to quarters with another report day; owed reports and their due days follow', async () => {
    const r = await coord.edit(`/api/plans/${planId}`, { reportingFrequency: 'quarter', reportDay: 10 });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ reportingFrequency: 'quarter', reportDay: 10 });
    expect((await periods()).map((p) => p.label)).toEqual([
      'I квартал 2025 г.',
      'II квартал 2025 г.',
      'III квартал 2025 г.',
      'IV квартал 2025 г.',
    ]);
    expect(await owed(annual)).toEqual([['IV квартал 2025 г.', '2025-12-25']]);
    expect(await owed(quarterly)).toEqual([
      ['I квартал 2025 г.', '2025-04-07'],
      ['II квартал 2025 г.', '2025-07-07'],
      ['III квартал 2025 г.', '2025-10-06'],
      ['IV квартал 2025 г.', '2026-01-12'],
    ]);
    expect((await owed(plain)).map(([, due]) => due)).toEqual(['2025-04-10', '2025-07-10', '2025-10-10', '2026-01-12']);
    const audit = await t.db.one<{
      before: { reportingFrequency: string };
      after: { reportingFrequency: string; reportDay: number };
    }>(
      `SELECT before, after FROM audit_events WHERE action = 'plan.update' AND entity_id = $1 ORDER BY id DESC LIMIT 1`,
      [planId],
    );
    expect(audit).toMatchObject({
      before: { reportingFrequency: 'half' },
      after: { reportingFrequency: 'quarter', reportDay: 10 },
    });
  });

  it('refuses to drop a period that holds a written report, and changes nothing', async () => {
    const q1 = ((await exec.get('/api/my/reports')).body.items as (Report & { measureId: number })[]).find(
      (r) => r.measureId === plain && r.period.label === 'I квартал 2025 г.',
    )!;
    expect(
      (await exec.patch(`/api/reports/${q1.id}`, { version: q1.version, text: 'Проведено 3 акции.' })).status,
    ).toBe(200);
    const r = await coord.edit(`/api/plans/${planId}`, { reportingFrequency: 'year' });
    expect(r.status).toBe(409);
    expect(r.body.message).toBe(
      'Нельзя убрать период отчётности, по которому уже есть отчёты: «I квартал 2025 г.» (1)',
    );
    const plan = (await coord.get(`/api/plans/${planId}`)).body;
    expect(plan.reportingFrequency).toBe('quarter');
    expect((await periods()).map((p) => p.label)).toHaveLength(4);
  });

  it('lets the coordinator set periods by hand, keeping a written report with its renamed period', async () => {
    const [q1] = await periods();
    expect(q1).toMatchObject({ label: 'I квартал 2025 г.', written: 1 });
    const custom = [
      {
        id: q1.id,
        label: 'I квартал 2025 г. (с 1 января)',
        startsOn: '2025-01-01',
        endsOn: '2025-03-31',
        reportDue: '2025-04-15',
      },
      { label: '9 месяцев 2025 г.', startsOn: '2025-04-01', endsOn: '2025-09-30', reportDue: '2025-10-15' },
      { label: '2025 год', startsOn: '2025-10-01', endsOn: '2025-12-31', reportDue: '2026-01-20' },
    ];
    const r = await coord.put(`/api/plans/${planId}/periods`, { items: custom });
    expect(r.status).toBe(200);
    expect(r.body.items.map((p: Period) => [p.label, p.reportDue, p.written])).toEqual([
      ['I квартал 2025 г. (с 1 января)', '2025-04-15', 1],
      ['9 месяцев 2025 г.', '2025-10-15', 0],
      ['2025 год', '2026-01-20', 0],
    ]);
    expect((await coord.get(`/api/plans/${planId}`)).body.reportingFrequency).toBe('custom');
    // The draft is still there, in its period, now due on the new day.
    const report = (await coord.get(`/api/measures/${plain}/reports`)).body.items.find(
      (x: Report) => x.period.id === q1.id,
    );
    expect(report).toMatchObject({
      state: 'draft',
      dueOn: '2025-04-15',
      period: { label: 'I квартал 2025 г. (с 1 января)' },
    });
    expect(await owed(annual)).toEqual([['2025 год', '2025-12-25']]);
    const events = await t.db.query<{ after: { frequency: string; periods: Period[] } }>(
      `SELECT after FROM audit_events WHERE action = 'plan.periods_set' AND entity_id = $1`,
      [planId],
    );
    expect(events.map((e) => [e.after.frequency, e.after.periods.length])).toEqual([['custom', 3]]);
    // A plan period change that would leave hand-set periods outside is refused.
    const shrink = await coord.edit(`/api/plans/${planId}`, { periodTo: '2025-11-30' });
    expect(shrink.status).toBe(400);
    expect(shrink.body.message).toContain('«2025 год»');
    expect((await coord.get(`/api/plans/${planId}`)).body.periodTo).toBe('2025-12-31');
  });

  it('refuses bad periods in Russian, and executors altogether', async () => {
    const bad = await coord.put(`/api/plans/${planId}/periods`, {
      items: [
        { label: 'Первое полугодие', startsOn: '2025-01-01', endsOn: '2025-07-31', reportDue: '2025-07-10' },
        { label: 'Второе полугодие', startsOn: '2025-07-01', endsOn: '2026-01-31', reportDue: '2026-02-10' },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('срок отчёта (10.07.2025) раньше окончания периода');
    expect(bad.body.message).toContain('выходит за срок плана');
    expect(bad.body.message).toContain('пересекаются');
    // Dropping the period with the draft is refused as well.
    const drop = await coord.put(`/api/plans/${planId}/periods`, {
      items: [{ label: '2025 год', startsOn: '2025-01-01', endsOn: '2025-12-31', reportDue: '2026-01-20' }],
    });
    expect(drop.status).toBe(409);
    expect(
      (
        await exec.put(`/api/plans/${planId}/periods`, {
          items: [{ label: 'Год', startsOn: '2025-01-01', endsOn: '2025-12-31', reportDue: '2026-01-20' }],
        })
      ).status,
    ).toBe(403);
    expect((await coord.put(`/api/plans/${planId}/periods`, { items: [] })).status).toBe(400);
    expect((await periods()).map((p) => p.label)).toEqual([
      'I квартал 2025 г. (с 1 января)',
      '9 месяцев 2025 г.',
      '2025 год',
    ]);
  });
});
