/**
 * «Контроль с даты» (issue 9, defect 3): a 2025–2027 plan approved on 03.12.2026 must not
 * turn red at once nor owe reports back to I квартал 2025; a measure added by hand to a plan
 * already under control is not overdue for dates before it existed; a written report of a
 * period before the control start stays on record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, orgIdsByShortName, type Client, type TestApp } from '../helpers/test-app';
import { engines } from '../helpers/test-db';

const APPROVED = '2026-12-03';
const MEASURES = [
  { number: '1', title: 'Доклад о состоянии некоммерческого сектора', deadlineText: 'ежегодно до 1 октября' },
  { number: '2', title: 'Рабочие встречи с СО НКО', deadlineText: 'ежеквартально' },
  { number: '3', title: 'Изменения в порядок предоставления субсидий', deadlineText: 'до 20 ноября 2025 г.' },
  { number: '4', title: 'Информирование о мерах поддержки', deadlineText: 'постоянно' },
  { number: '5', title: 'Форум некоммерческих организаций', deadlineText: 'ежегодно в сентябре' },
];

describe.each(engines)('control from a date on %s', (engine) => {
  let t: TestApp;
  let coord: Client;
  let exec: Client;
  let orgs: Record<string, number>;
  beforeAll(async () => {
    t = await createTestApp(engine);
    coord = await t.as('coordinator');
    exec = await t.as('executor');
    orgs = await orgIdsByShortName(coord);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  /** A running 2025–2027 plan as a draft (as an import leaves it), its measures led by Минкультуры. */
  const draftPlan = async (title: string) => {
    const plan = (
      await coord.post('/api/plans', {
        kind: 'plan',
        title,
        ownerOrganisationId: orgs['Минсоцзащиты'],
        periodFrom: '2025-01-01',
        periodTo: '2027-12-31',
        controlFrom: '2025-01-01',
      })
    ).body;
    expect((await coord.edit(`/api/plans/${plan.id}`, { status: 'draft' })).status).toBe(200);
    for (const m of MEASURES) {
      const r = await coord.post(`/api/plans/${plan.id}/measures`, {
        sectionId: null,
        ...m,
        leadExecutorId: orgs['Минкультуры'],
        coExecutorIds: [orgs['Минздрав']],
      });
      expect(r.status).toBe(201);
      expect(r.body.controlFrom).toBeNull(); // a draft's measures start with the plan
    }
    return plan.id as number;
  };
  const lights = async (planId: number, asOf: string) =>
    (await coord.get(`/api/dashboard?planId=${planId}&asOf=${asOf}`)).body.totals.byLight;
  const owed = async (planId: number) =>
    (await exec.get('/api/my/reports')).body.items.filter((r: { planId: number }) => r.planId === planId);

  it('approving a running plan with «контроль с даты» leaves nothing overdue and owes no reports back to 2025', async () => {
    // The flood, for comparison: the same plan under control since its start.
    const old = await draftPlan('План, контролируемый с начала');
    await coord.edit(`/api/plans/${old}`, { status: 'active', controlFrom: '2025-01-01' });
    expect((await lights(old, APPROVED)).red).toBe(MEASURES.length); // «постоянно» has no date, but owes reports
    expect((await owed(old)).filter((r: { dueOn: string }) => r.dueOn < APPROVED).length).toBeGreaterThan(15);

    const planId = await draftPlan('План, утверждённый 3 декабря 2026 г.');
    const approved = await coord.edit(`/api/plans/${planId}`, { status: 'active', controlFrom: APPROVED });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'active', controlFrom: APPROVED });
    expect(await lights(planId, APPROVED)).toMatchObject({ red: 0 });
    const mine = await owed(planId);
    // Nothing due before the control start; the first report owed is for the quarter holding it.
    expect(mine.filter((r: { dueOn: string }) => r.dueOn < APPROVED)).toEqual([]);
    expect(mine.filter((r: { period: { endsOn: string } }) => r.period.endsOn < APPROVED)).toEqual([]);
    expect(mine.map((r: { period: { label: string } }) => r.period.label)).toContain('IV квартал 2026 г.');
    expect(mine.length).toBeLessThanOrEqual(MEASURES.length * 5);
    // The control dates stay on record, marked as before the control start.
    const plan = (await coord.get(`/api/plans/${planId}`)).body;
    const annual = (
      await coord.get(`/api/measures/${plan.measures.find((m: { number: string }) => m.number === '1').id}`)
    ).body;
    expect(
      annual.controlPoints.map(
        (c: { nominal: string; counted: boolean }) => `${c.nominal}${c.counted ? '' : ' (до контроля)'}`,
      ),
    ).toEqual(['2025-10-01 (до контроля)', '2026-10-01 (до контроля)', '2027-10-01']);
    // Days later the next dates come due as usual.
    expect((await lights(planId, '2027-10-02')).red).toBeGreaterThan(0);
    const history = await coord.get('/api/audit?entityType=plan&limit=50'); // the coordinator has no audit page
    expect(history.status).toBe(403);
  });

  it('a draft approved without a date is controlled from today; a measure added by hand later starts the day it is added', async () => {
    const today = new Date().toISOString().slice(0, 10);
    // Imported long ago (its provisional control start is the period's): approval moves it to today.
    const planId = await draftPlan('План без даты контроля');
    const approved = (await coord.edit(`/api/plans/${planId}`, { status: 'active' })).body;
    expect(approved.controlFrom).toBe(today > '2025-01-01' ? today : '2025-01-01');

    // A plan under control since its start: a measure added today owes nothing for 2025.
    const since2025 = (
      await coord.post('/api/plans', {
        kind: 'plan',
        title: 'План с контролем с 2025 года',
        ownerOrganisationId: orgs['Минсоцзащиты'],
        periodFrom: '2025-01-01',
        periodTo: '2027-12-31',
        controlFrom: '2025-01-01',
      })
    ).body.id;
    const added = (
      await coord.post(`/api/plans/${since2025}/measures`, {
        sectionId: null,
        number: '1',
        title: 'Мероприятие, добавленное вручную',
        deadlineText: 'до 20 ноября 2025 г., далее ежеквартально',
        leadExecutorId: orgs['Минкультуры'],
      })
    ).body;
    expect(added.controlFrom).toBe(today);
    expect(added.openDue === null || added.openDue >= today).toBe(true);
    expect((await owed(since2025)).filter((r: { dueOn: string }) => r.dueOn < today)).toEqual([]);
    // The coordinator may still set it to an earlier day (a measure entered late).
    const back = await coord.patch(`/api/measures/${added.id}`, { version: added.version, controlFrom: '2025-01-01' });
    expect(back.body.controlFrom).toBe('2025-01-01');
    expect((await owed(since2025)).some((r: { dueOn: string }) => r.dueOn < today)).toBe(true);
  });

  it('moving the control start keeps written reports of earlier periods and drops untouched ones', async () => {
    const planId = await draftPlan('План, контроль которого перенесён');
    await coord.edit(`/api/plans/${planId}`, { status: 'active', controlFrom: '2025-01-01' });
    const q1 = (await owed(planId)).find(
      (r: { period: { label: string }; role: string }) => r.period.label === 'I квартал 2025 г.' && r.role === 'lead',
    );
    expect(
      (await exec.patch(`/api/reports/${q1.id}`, { version: q1.version, text: 'Проведено 3 рабочие встречи.' })).status,
    ).toBe(200);
    const moved = await coord.edit(`/api/plans/${planId}`, { controlFrom: APPROVED });
    expect(moved.body.controlFrom).toBe(APPROVED);
    const left = await owed(planId);
    expect(left.filter((r: { dueOn: string }) => r.dueOn < APPROVED).map((r: { id: number }) => r.id)).toEqual([q1.id]);
    // The written report is history: it does not make the measure overdue.
    expect((await lights(planId, APPROVED)).red).toBe(0);
    // An invalid date is refused in Russian.
    const bad = await coord.edit(`/api/plans/${planId}`, { controlFrom: '03.12.2026' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/Контроль с даты/);
  });
});
