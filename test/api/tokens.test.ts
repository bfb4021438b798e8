/**
 * Personal API tokens: created and revoked by their owner (an administrator may revoke
 * anyone's), shown once, audited; `Authorization: Bearer` acts as the user within the
 * token's scope, without CSRF; never for token management or the password.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, orgIdsByShortName, type TestApp } from '../helpers/test-app';
import { engines } from '../helpers/test-db';

describe.each(engines)('personal API tokens on %s', (engine) => {
  let t: TestApp;
  let coord: Client;
  let exec: Client;
  let reportId: number;
  const bearer = (token: string) => {
    const c = t.anonymous();
    return {
      get: (url: string) => c.request('GET', url, undefined, { authorization: `Bearer ${token}` }),
      send: (method: string, url: string, body?: unknown) =>
        c.request(method, url, body, { authorization: `Bearer ${token}` }),
    };
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    coord = await t.as('coordinator');
    exec = await t.as('executor');
    const orgs = await orgIdsByShortName(coord);
    const plan = (
      await coord.post('/api/plans', {
        kind: 'plan',
        title: 'План для интеграции',
        ownerOrganisationId: orgs['Минсоцзащиты'],
        periodFrom: '2025-01-01',
        periodTo: '2025-12-31',
        controlFrom: '2025-01-01',
      })
    ).body;
    const measure = (
      await coord.post(`/api/plans/${plan.id}/measures`, {
        sectionId: null,
        number: '1',
        title: 'Выставки',
        deadlineText: 'ежеквартально',
        leadExecutorId: orgs['Минкультуры'],
        controlFrom: null,
      })
    ).body;
    reportId = (await exec.get('/api/my/reports')).body.items.find(
      (r: { measureId: number }) => r.measureId === measure.id,
    ).id;
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('creates a token shown once; a read token reads as its user and writes nothing', async () => {
    const created = await exec.post('/api/auth/tokens', { name: 'Выгрузка в 1С', scope: 'read', expiresInDays: 90 });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^isp_[\w-]{40,}$/);
    expect(created.body).toMatchObject({
      name: 'Выгрузка в 1С',
      scope: 'read',
      revokedAt: null,
      lastUsedAt: null,
      owner: { login: 'executor' },
    });
    expect(created.body.token.startsWith(created.body.prefix)).toBe(true);
    const listed = (await exec.get('/api/auth/tokens')).body.items;
    expect(listed.map((x: { id: number }) => x.id)).toContain(created.body.id);
    expect(JSON.stringify(listed)).not.toContain(created.body.token);
    // Only the hash is stored.
    const stored = await t.db.one<{ token_hash: string }>(`SELECT token_hash FROM api_tokens WHERE id = $1`, [
      created.body.id,
    ]);
    expect(stored!.token_hash).not.toContain(created.body.token.slice(4));

    const api = bearer(created.body.token);
    const me = await api.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.login).toBe('executor');
    const mine = await api.get('/api/my/reports');
    expect(mine.status).toBe(200);
    expect(mine.body.items.some((r: { id: number }) => r.id === reportId)).toBe(true);
    const report = (await api.get(`/api/reports/${reportId}`)).body;
    const refused = await api.send('PATCH', `/api/reports/${reportId}`, {
      version: report.version,
      text: 'По токену на чтение',
    });
    expect(refused.status).toBe(403);
    expect(refused.body.reason).toBe('auth.token_scope');
    expect((await exec.get(`/api/reports/${reportId}`)).body.text).toBe('');
    expect(
      (await exec.get('/api/auth/tokens')).body.items.find((x: { id: number }) => x.id === created.body.id).lastUsedAt,
    ).not.toBeNull();
  });

  it("a reports token writes and submits the user's reports without CSRF, and nothing else", async () => {
    const { token } = (
      await exec.post('/api/auth/tokens', { name: 'Отчёты из ведомственной системы', scope: 'reports' })
    ).body;
    const api = bearer(token);
    const report = (await api.get(`/api/reports/${reportId}`)).body;
    const saved = await api.send('PATCH', `/api/reports/${reportId}`, {
      version: report.version,
      text: 'Проведено 3 выставки.',
      resultStatus: 'partial',
    });
    expect(saved.status).toBe(200);
    const submitted = await api.send('POST', `/api/reports/${reportId}/submit`, { version: saved.body.version });
    expect(submitted.status).toBe(200);
    expect(submitted.body.state).toBe('submitted');
    // The version history names the user the token belongs to.
    const versions = (await coord.get(`/api/reports/${reportId}`)).body.versions;
    expect(versions[0]).toMatchObject({ action: 'submit', actor: 'Петров Андрей Викторович' });
    // Other writes are beyond the scope; the owner's own permissions still apply to what it covers.
    expect((await api.send('PATCH', '/api/auth/settings', { notifyEnabled: false })).status).toBe(403);
    expect((await api.send('POST', '/api/notifications/read', { all: true })).status).toBe(403);
  });

  it('never manages tokens, changes the password or signs out through a token', async () => {
    const { token } = (await exec.post('/api/auth/tokens', { name: 'Полный', scope: 'reports' })).body;
    const api = bearer(token);
    for (const [method, url, body] of [
      ['GET', '/api/auth/tokens', undefined],
      ['POST', '/api/auth/tokens', { name: 'ещё', scope: 'reports' }],
      ['DELETE', '/api/auth/tokens/1', undefined],
      ['POST', '/api/auth/password', { currentPassword: 'demo-exec-2025', newPassword: 'другой-пароль-2025' }],
      ['POST', '/api/auth/logout', undefined],
    ] as const) {
      const r = await api.send(method, url, body);
      expect(r.status, `${method} ${url}`).toBe(403);
    }
  });

  it('refuses a revoked, expired or unknown token with 401', async () => {
    const created = (await exec.post('/api/auth/tokens', { name: 'Временный', scope: 'read' })).body;
    const api = bearer(created.token);
    expect((await api.get('/api/plans')).status).toBe(200);
    const revoked = await exec.delete(`/api/auth/tokens/${created.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const after = await api.get('/api/plans');
    expect(after.status).toBe(401);
    expect(after.body.reason).toBe('auth.token_invalid');
    // Revoking again changes nothing and records nothing new.
    expect((await exec.delete(`/api/auth/tokens/${created.id}`)).body.revokedAt).toBe(revoked.body.revokedAt);

    const expiring = (await exec.post('/api/auth/tokens', { name: 'Истекающий', scope: 'read', expiresInDays: 1 }))
      .body;
    expect((await bearer(expiring.token).get('/api/plans')).status).toBe(200);
    await t.db.query(`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`, [expiring.id]);
    expect((await bearer(expiring.token).get('/api/plans')).status).toBe(401);
    expect((await bearer('isp_not-a-real-token').get('/api/plans')).status).toBe(401);
    expect((await bearer('').get('/api/plans')).status).toBe(401);
  });

  it("lists only one's own tokens; another user cannot revoke them, an administrator can", async () => {
    const created = (await exec.post('/api/auth/tokens', { name: 'Чужой для координатора', scope: 'read' })).body;
    const coordList = (await coord.get('/api/auth/tokens')).body.items;
    expect(coordList.some((x: { id: number }) => x.id === created.id)).toBe(false);
    expect((await coord.get('/api/auth/tokens?all=true')).status).toBe(403);
    expect((await coord.delete(`/api/auth/tokens/${created.id}`)).status).toBe(404);
    expect((await bearer(created.token).get('/api/plans')).status).toBe(200);

    const admin = await t.as('admin');
    const all = (await admin.get('/api/auth/tokens?all=true')).body.items;
    expect(all.find((x: { id: number }) => x.id === created.id)).toMatchObject({ owner: { login: 'executor' } });
    expect((await admin.get('/api/auth/tokens')).body.items.some((x: { id: number }) => x.id === created.id)).toBe(
      false,
    );
    expect((await admin.delete(`/api/auth/tokens/${created.id}`)).status).toBe(200);
    expect((await bearer(created.token).get('/api/plans')).status).toBe(401);

    const audit = (await admin.get('/api/audit?entityType=user&limit=500')).body.items as {
      action: string;
      actor: { fullName: string } | null;
      entityId: number;
      after: { tokenId?: number } | null;
      before: { tokenId?: number } | null;
    }[];
    const created1 = audit.find((e) => e.action === 'token.create' && e.after?.tokenId === created.id);
    const revokedByAdmin = audit.filter((e) => e.action === 'token.revoke' && e.before?.tokenId === created.id);
    expect(created1?.actor?.fullName).toBe('Петров Андрей Викторович');
    expect(revokedByAdmin).toHaveLength(1);
    expect(revokedByAdmin[0].actor?.fullName).not.toBe('Петров Андрей Викторович');
    expect(revokedByAdmin[0].entityId).toBe(created1!.entityId);
  });

  it('keeps CSRF for cookie sessions', async () => {
    const c = await t.as('executor');
    c.csrf = '';
    expect((await c.post('/api/auth/tokens', { name: 'Без CSRF', scope: 'read' })).status).toBe(403);
  });
});
