/**
 * The permission matrix: every role against every write route, with the expected
 * answer, and proof that a refused write changed nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app';
import { engines } from '../helpers/test-db';

type Role = 'admin' | 'coordinator' | 'otherCoordinator' | 'executor' | 'observer';
const roles: Role[] = ['admin', 'coordinator', 'otherCoordinator', 'executor', 'observer'];

interface Fixture {
  planId: number;
  sectionId: number;
  measureId: number;
  measure2Id: number;
  orgId: number;
  userId: number;
  version: number;
  planVersion: number;
  orgVersion: number;
  userVersion: number;
}
interface RouteCase {
  name: string;
  allowed: Role[];
  call: (c: Client, f: Fixture, orgs: Record<string, number>) => Promise<{ status: number }>;
  /** Reads back what the call would have changed, to prove a refusal left it intact. */
  probe: (admin: Client, f: Fixture) => Promise<unknown>;
}

const plan = (a: Client, f: Fixture) => a.get(`/api/plans/${f.planId}`).then((r) => r.body);
const routes: RouteCase[] = [
  {
    name: 'POST /api/organisations',
    allowed: ['admin'],
    call: (c) => c.post('/api/organisations', { fullName: `Новая организация ${Math.random()}`, kind: 'ngo' }),
    probe: (a) => a.get('/api/organisations').then((r) => r.body.items.length),
  },
  {
    name: 'PATCH /api/organisations/:id',
    allowed: ['admin'],
    call: (c, f) => c.patch(`/api/organisations/${f.orgId}`, { version: f.orgVersion, aliases: ['Изменено'] }),
    probe: (a) => a.get('/api/organisations').then((r) => r.body.items),
  },
  {
    name: 'DELETE /api/organisations/:id',
    allowed: ['admin'],
    call: (c, f) => c.delete(`/api/organisations/${f.orgId}`),
    probe: (a) => a.get('/api/organisations').then((r) => r.body.items.length),
  },
  {
    name: 'POST /api/users',
    allowed: ['admin'],
    call: (c, _f, o) =>
      c.post('/api/users', {
        login: `u${Math.floor(Math.random() * 1e9)}`,
        fullName: 'Новый пользователь',
        role: 'executor',
        organisationId: o['Минздрав'],
        password: 'long-enough-1',
      }),
    probe: (a) => a.get('/api/users').then((r) => r.body.items.length),
  },
  {
    name: 'PATCH /api/users/:id',
    allowed: ['admin'],
    call: (c, f) => c.patch(`/api/users/${f.userId}`, { version: f.userVersion, fullName: 'Переименован' }),
    probe: (a) => a.get('/api/users').then((r) => r.body.items),
  },
  {
    name: 'POST /api/plans',
    allowed: ['admin', 'coordinator'],
    call: (c, _f, o) =>
      c.post('/api/plans', {
        kind: 'plan',
        title: 'План',
        ownerOrganisationId: o['Минсоцзащиты'],
        periodFrom: '2026-01-01',
        periodTo: '2026-12-31',
      }),
    probe: (a) => a.get('/api/plans').then((r) => r.body.items.length),
  },
  {
    name: 'PATCH /api/plans/:id',
    allowed: ['admin', 'coordinator'],
    call: (c, f) => c.patch(`/api/plans/${f.planId}`, { version: f.planVersion, title: 'Изменённый план' }),
    probe: plan,
  },
  {
    name: 'POST /api/plans/:id/archive',
    allowed: ['admin', 'coordinator'],
    call: (c, f) => c.post(`/api/plans/${f.planId}/archive`),
    probe: plan,
  },
  {
    name: 'POST /api/plans/:id/sections',
    allowed: ['admin', 'coordinator'],
    call: (c, f) => c.post(`/api/plans/${f.planId}/sections`, { number: '9', title: 'Новый раздел' }),
    probe: plan,
  },
  {
    name: 'PATCH /api/sections/:id',
    allowed: ['admin', 'coordinator'],
    call: (c, f) => c.patch(`/api/sections/${f.sectionId}`, { title: 'Другое название' }),
    probe: plan,
  },
  {
    name: 'DELETE /api/sections/:id',
    allowed: [],
    call: (c, f) => c.delete(`/api/sections/${f.sectionId}`),
    probe: plan,
  }, // never: the section holds measures (409 for managers)
  {
    name: 'POST /api/plans/:id/measures',
    allowed: ['admin', 'coordinator'],
    call: (c, f) =>
      c.post(`/api/plans/${f.planId}/measures`, { sectionId: f.sectionId, number: '1.9', title: 'Новое' }),
    probe: plan,
  },
  {
    name: 'PATCH /api/measures/:id',
    allowed: ['admin', 'coordinator'],
    call: (c, f) => c.patch(`/api/measures/${f.measure2Id}`, { version: f.version, title: 'Чужая правка' }),
    probe: plan,
  },
  {
    name: 'POST /api/measures/:id/archive',
    allowed: ['admin', 'coordinator'],
    call: (c, f) => c.post(`/api/measures/${f.measure2Id}/archive`),
    probe: plan,
  },
  {
    name: 'POST /api/plans/:id/reorder',
    allowed: ['admin', 'coordinator'],
    call: (c, f) =>
      c.post(`/api/plans/${f.planId}/reorder`, { sectionId: f.sectionId, measureIds: [f.measure2Id, f.measureId] }),
    probe: plan,
  },
];

describe.each(engines)('permission matrix on %s', (engine) => {
  let t: TestApp;
  let admin: Client;
  let orgs: Record<string, number>;
  const clients = {} as Record<Role, Client>;

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await t.as('admin');
    orgs = Object.fromEntries(
      (await admin.get('/api/organisations')).body.items.map((o: { shortName: string; id: number }) => [
        o.shortName,
        o.id,
      ]),
    );
    await admin.post('/api/users', {
      login: 'coord-zdrav',
      fullName: 'Координатор Минздрава',
      role: 'coordinator',
      organisationId: orgs['Минздрав'],
      password: 'coord-zdrav-1',
    });
    clients.admin = admin;
    clients.coordinator = await t.as('coordinator');
    clients.otherCoordinator = await t.as('coord-zdrav', 'coord-zdrav-1');
    clients.executor = await t.as('executor');
    clients.observer = await t.as('observer');
  });
  afterAll(async () => {
    await t?.dispose();
  });

  /** Fresh objects for each case, so an allowed write never spoils the next case. */
  async function fixture(): Promise<Fixture> {
    const p = (
      await admin.post('/api/plans', {
        kind: 'plan',
        title: 'План для проверки прав',
        ownerOrganisationId: orgs['Минсоцзащиты'],
        periodFrom: '2026-01-01',
        periodTo: '2026-12-31',
      })
    ).body;
    const s = (await admin.post(`/api/plans/${p.id}/sections`, { number: '1', title: 'Раздел' })).body;
    const m1 = (
      await admin.post(`/api/plans/${p.id}/measures`, {
        sectionId: s.id,
        number: '1.1',
        title: 'Мероприятие Минкультуры',
        leadExecutorId: orgs['Минкультуры'],
      })
    ).body;
    const m2 = (
      await admin.post(`/api/plans/${p.id}/measures`, {
        sectionId: s.id,
        number: '1.2',
        title: 'Мероприятие Минздрава',
        leadExecutorId: orgs['Минздрав'],
      })
    ).body;
    const org = (
      await admin.post('/api/organisations', { fullName: `Организация для проверки ${Math.random()}`, kind: 'ngo' })
    ).body;
    const user = (
      await admin.post('/api/users', {
        login: `probe${Math.floor(Math.random() * 1e9)}`,
        fullName: 'Проверочный',
        role: 'observer',
        organisationId: orgs['Минздрав'],
        password: 'probe-pass-1',
      })
    ).body;
    return {
      planId: p.id,
      sectionId: s.id,
      measureId: m1.id,
      measure2Id: m2.id,
      orgId: org.id,
      userId: user.id,
      version: m2.version,
      planVersion: (await admin.get(`/api/plans/${p.id}`)).body.version,
      orgVersion: org.version,
      userVersion: user.version,
    };
  }

  for (const route of routes) {
    for (const role of roles) {
      const allowed = route.allowed.includes(role);
      it(`${role} ${allowed ? 'may' : 'may not'} ${route.name}`, async () => {
        const f = await fixture();
        const before = await route.probe(admin, f);
        const r = await route.call(clients[role], f, orgs);
        if (allowed) {
          expect(r.status, JSON.stringify(r)).toBeLessThan(300);
        } else {
          expect([403, 409], JSON.stringify(r)).toContain(r.status);
          expect(await route.probe(admin, f)).toEqual(before);
        }
      });
    }
  }

  it("an executor of one organisation editing another organisation's measure gets 403 and nothing changes", async () => {
    const f = await fixture();
    const exec = clients.executor; // Минкультуры; measure2 belongs to Минздрав
    const before = (await admin.get(`/api/measures/${f.measure2Id}`)).body;
    const r = await exec.patch(`/api/measures/${f.measure2Id}`, {
      version: before.version,
      executionText: 'Выполнено',
    });
    expect(r.status).toBe(403);
    expect((r as { body: { message: string } }).body.message).toBe('Недостаточно прав для этого действия');
    expect((await admin.get(`/api/measures/${f.measure2Id}`)).body).toEqual(before);
    expect((await exec.get(`/api/measures/${f.measure2Id}`)).status).toBe(403);
    expect((await exec.get(`/api/measures/${f.measureId}`)).status).toBe(200);
  });
});
