import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app';
import { engines } from '../helpers/test-db';

describe.each(engines)('plans, sections and measures on %s', (engine) => {
  let t: TestApp;
  let coord: Client;
  let orgs: Record<string, number>;
  beforeAll(async () => {
    t = await createTestApp(engine);
    coord = await t.as('coordinator');
    const list = (await coord.get('/api/organisations')).body.items as { id: number; shortName: string }[];
    orgs = Object.fromEntries(list.map((o) => [o.shortName, o.id]));
  });
  afterAll(async () => {
    await t?.dispose();
  });

  async function newPlan(title = 'План мероприятий по развитию добровольчества на 2026–2027 годы') {
    const r = await coord.post('/api/plans', {
      kind: 'plan',
      title,
      ownerOrganisationId: orgs['Минсоцзащиты'],
      periodFrom: '2026-01-01',
      periodTo: '2027-12-31',
      approvedByName: 'Н.В. Морозова',
      approvedOn: '2025-12-20',
    });
    expect(r.status).toBe(201);
    return r.body;
  }

  it('creates a plan with sections and measures and shows them grouped, in order', async () => {
    const plan = await newPlan();
    const s1 = (
      await coord.post(`/api/plans/${plan.id}/sections`, { number: 'I', title: 'Организационные мероприятия' })
    ).body;
    const m1 = await coord.post(`/api/plans/${plan.id}/measures`, {
      sectionId: s1.id,
      number: '1.1',
      title: 'Разработка порядка ведения реестра добровольцев',
      leadExecutorId: orgs['Минсоцзащиты'],
      coExecutorIds: [orgs['Минкультуры'], orgs['Минздрав']],
      deadlineText: 'I кв. 2026 г.',
      expectedResult: 'Приказ министерства',
    });
    expect(m1.status).toBe(201);
    expect(m1.body).toMatchObject({
      number: '1.1',
      leadExecutor: { shortName: 'Минсоцзащиты' },
      coExecutors: [{ shortName: 'Минкультуры' }, { shortName: 'Минздрав' }],
      deadlineText: 'I кв. 2026 г.',
      version: 1,
    });
    await coord.post(`/api/plans/${plan.id}/measures`, {
      sectionId: s1.id,
      number: '1.2',
      title: 'Информирование о добровольческих вакансиях',
      deadlineText: 'ежеквартально',
    });
    const full = (await coord.get(`/api/plans/${plan.id}?include=measures`)).body;
    expect(full.sections.map((s: { number: string }) => s.number)).toEqual(['I']);
    expect(full.measures.map((m: { number: string }) => m.number)).toEqual(['1.1', '1.2']);
    expect(full.abilities).toEqual({ update: true, archive: true, addMeasure: true });
    expect(full.approvedByName).toBe('Н.В. Морозова');

    // Reorder within the section.
    const [a, b] = full.measures;
    expect(
      (await coord.post(`/api/plans/${plan.id}/reorder`, { sectionId: s1.id, measureIds: [b.id, a.id] })).status,
    ).toBe(200);
    const again = (await coord.get(`/api/plans/${plan.id}?include=measures`)).body;
    expect(again.measures.map((m: { number: string }) => m.number)).toEqual(['1.2', '1.1']);
  });

  it('edits a measure with optimistic locking and keeps its history with before/after', async () => {
    const plan = await newPlan('План по поддержке семей участников СВО');
    const m = (
      await coord.post(`/api/plans/${plan.id}/measures`, {
        sectionId: null,
        number: '1',
        title: 'Создание горячей линии',
        deadlineText: 'постоянно',
      })
    ).body;
    const edited = await coord.patch(`/api/measures/${m.id}`, {
      version: m.version,
      title: 'Создание и работа горячей линии',
      status: 'done',
    });
    expect(edited.status).toBe(200);
    expect(edited.body.version).toBe(2);
    const stale = await coord.patch(`/api/measures/${m.id}`, { version: m.version, title: 'Чужая правка' });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toMatch(/другой пользователь/);
    expect((await coord.get(`/api/measures/${m.id}`)).body.title).toBe('Создание и работа горячей линии');
    const history = (await coord.get(`/api/measures/${m.id}/history`)).body.items;
    expect(history.map((e: { action: string }) => e.action)).toEqual(['measure.update', 'measure.create']);
    expect(history[0].before.title).toBe('Создание горячей линии');
    expect(history[0].after.title).toBe('Создание и работа горячей линии');
    expect(history[0].actor.fullName).toBe('Иванова Елена Сергеевна');
  });

  it('archives a measure and then its plan, after which nothing changes', async () => {
    const plan = await newPlan('План на архивирование');
    const m = (
      await coord.post(`/api/plans/${plan.id}/measures`, { sectionId: null, number: '1', title: 'Мероприятие' })
    ).body;
    expect((await coord.post(`/api/measures/${m.id}/archive`)).body.archived).toBe(true);
    expect((await coord.get(`/api/plans/${plan.id}?include=measures`)).body.measures).toHaveLength(0);
    // The number of an archived measure is free again.
    expect(
      (await coord.post(`/api/plans/${plan.id}/measures`, { sectionId: null, number: '1', title: 'Новое мероприятие' }))
        .status,
    ).toBe(201);
    expect((await coord.post(`/api/plans/${plan.id}/archive`)).body.status).toBe('archived');
    const r = await coord.post(`/api/plans/${plan.id}/measures`, {
      sectionId: null,
      number: '2',
      title: 'После архивации',
    });
    expect(r.status).toBe(403);
    expect((await coord.get('/api/plans')).body.items.some((p: { id: number }) => p.id === plan.id)).toBe(false);
    expect(
      (await coord.get('/api/plans?includeArchived=true')).body.items.some((p: { id: number }) => p.id === plan.id),
    ).toBe(true);
  });

  it('shows an executor «Мои мероприятия» across plans, and only theirs inside a plan', async () => {
    const exec = await t.as('executor'); // Минкультуры
    const mine = (await exec.get('/api/my/measures')).body.items as {
      number: string;
      plan: { title: string };
      leadExecutor: { shortName: string };
      coExecutors: { shortName: string }[];
    }[];
    expect(mine.length).toBeGreaterThan(0);
    for (const m of mine)
      expect([m.leadExecutor?.shortName, ...m.coExecutors.map((c) => c.shortName)]).toContain('Минкультуры');
    expect(new Set(mine.map((m) => m.plan.title)).size).toBeGreaterThan(1);
    const plans = (await exec.get('/api/plans')).body.items;
    const plan = (await exec.get(`/api/plans/${plans[0].id}?include=measures`)).body;
    expect(plan.abilities).toEqual({ update: false, archive: false, addMeasure: false });
    for (const m of plan.measures)
      expect([m.leadExecutor?.shortName, ...m.coExecutors.map((c: { shortName: string }) => c.shortName)]).toContain(
        'Минкультуры',
      );
  });

  it('rejects bad input with Russian messages and saves nothing', async () => {
    const plan = await newPlan('План для проверки ввода');
    const s = (await coord.post(`/api/plans/${plan.id}/sections`, { number: '1', title: 'Раздел' })).body;
    const ok = await coord.post(`/api/plans/${plan.id}/measures`, { sectionId: s.id, number: '1.1', title: 'Первое' });
    expect(ok.status).toBe(201);

    const malformed = await coord.request('POST', `/api/plans/${plan.id}/measures`, '{"sectionId": 1, "number": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toBe('Тело запроса не является корректным JSON');

    const unknown = await coord.post(`/api/plans/${plan.id}/measures`, {
      sectionId: s.id,
      number: '1.2',
      title: 'X',
      priority: 'high',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(/Неизвестные поля: priority/);

    const long = await coord.post(`/api/plans/${plan.id}/measures`, {
      sectionId: s.id,
      number: '1.3',
      title: 'я'.repeat(5001),
    });
    expect(long.status).toBe(400);
    expect(long.body.message).toMatch(/«Наименование»: слишком длинное/);

    const dup = await coord.post(`/api/plans/${plan.id}/measures`, {
      sectionId: s.id,
      number: '1.1',
      title: 'Дубликат',
    });
    expect(dup.status).toBe(409);
    expect(dup.body.message).toBe('Мероприятие с таким номером уже есть в этом разделе');

    const badExec = await coord.post(`/api/plans/${plan.id}/measures`, {
      sectionId: s.id,
      number: '1.4',
      title: 'Y',
      leadExecutorId: 999999,
    });
    expect(badExec.status).toBe(400);

    const badPeriod = await coord.post('/api/plans', {
      kind: 'plan',
      title: 'Z',
      ownerOrganisationId: orgs['Минсоцзащиты'],
      periodFrom: '2027-01-01',
      periodTo: '2026-01-01',
    });
    expect(badPeriod.status).toBe(400);
    expect(badPeriod.body.message).toMatch(/Начало периода/);

    const full = (await coord.get(`/api/plans/${plan.id}?include=measures`)).body;
    expect(full.measures.map((m: { number: string }) => m.number)).toEqual(['1.1']);
    // Audit has exactly the successful writes for this plan.
    const audit = (await (await t.as('admin')).get('/api/audit?entityType=measure&limit=500')).body.items.filter(
      (e: { planId: number }) => e.planId === plan.id,
    );
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['measure.create']);
  });

  it('refuses to delete an organisation still named as an executor', async () => {
    const admin = await t.as('admin');
    const r = await admin.delete(`/api/organisations/${orgs['Минкультуры']}`);
    expect(r.status).toBe(409);
    expect(r.body.message).toMatch(/^Нельзя удалить организацию: указана исполнителем/);
    expect(
      (await admin.get('/api/organisations')).body.items.some((o: { id: number }) => o.id === orgs['Минкультуры']),
    ).toBe(true);
    const created = (
      await admin.post('/api/organisations', {
        fullName: 'Комитет по делам архивов Северо-Озёрской области',
        shortName: 'Комархив',
        aliases: ['Архивный комитет'],
        kind: 'executive',
      })
    ).body;
    expect((await admin.get('/api/organisations/resolve?name=Архивный комитет')).body.match.id).toBe(created.id);
    expect((await admin.delete(`/api/organisations/${created.id}`)).status).toBe(200);
  });
});
