import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCKOUT_THRESHOLD } from '../../src/modules/auth/auth.service';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { engines } from '../helpers/test-db';

describe.each(engines)('authentication on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('reports the database kind once ready', async () => {
    const r = await t.anonymous().get('/api/health');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ok', database: engine });
  });

  it('logs in, sets an httpOnly session cookie, and answers /me', async () => {
    const c = t.anonymous();
    const r = await c.post('/api/auth/login', { login: 'coordinator', password: 'demo-coord-2025' });
    expect(r.status).toBe(200);
    expect(String(r.headers['set-cookie'])).toMatch(/isp_session=.+HttpOnly/i);
    expect(r.body.user).toMatchObject({
      login: 'coordinator',
      role: 'coordinator',
      organisation: { shortName: 'Минсоцзащиты' },
    });
    const me = await c.get('/api/auth/me');
    expect(me.body.user.fullName).toBe('Иванова Елена Сергеевна');
  });

  it('refuses anonymous access with a Russian message', async () => {
    const r = await t.anonymous().get('/api/plans');
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ code: 'unauthorized', reason: 'auth.required', message: 'Требуется вход в систему' });
  });

  it('requires the CSRF token on cookie-authenticated writes', async () => {
    const c = await t.as('admin');
    c.csrf = '';
    const r = await c.post('/api/organisations', { fullName: 'Тестовая организация', kind: 'other' });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('csrf');
    const orgs = await c.get('/api/organisations?q=Тестовая организация');
    expect(orgs.body.items.some((o: { fullName: string }) => o.fullName === 'Тестовая организация')).toBe(false);
  });

  it('locks an account after repeated failures, and a correct password does not help until it expires', async () => {
    const c = t.anonymous();
    for (let i = 0; i < LOCKOUT_THRESHOLD; i++) {
      const r = await c.post('/api/auth/login', { login: 'observer', password: 'wrong-password' });
      expect(r.status).toBe(401);
      expect(r.body.message).toBe('Неверный логин или пароль');
    }
    const locked = await c.post('/api/auth/login', { login: 'observer', password: 'demo-observer-2025' });
    expect(locked.status).toBe(403);
    expect(locked.body.message).toMatch(/заблокирован/);
    // The admin unlocks it; the audit log has recorded the lock.
    const admin = await t.as('admin');
    const users = await admin.get('/api/users');
    const observer = users.body.items.find((u: { login: string }) => u.login === 'observer');
    expect(observer.locked).toBe(true);
    expect((await admin.edit(`/api/users/${observer.id}`, { unlock: true })).status).toBe(200);
    expect((await c.post('/api/auth/login', { login: 'observer', password: 'demo-observer-2025' })).status).toBe(200);
    const audit = await admin.get('/api/audit?entityType=user');
    expect(audit.body.items.map((e: { action: string }) => e.action)).toContain('user.locked');
  });

  it('changes the password, ends other sessions, and logs out', async () => {
    const a = await t.as('executor2');
    const b = await t.as('executor2');
    expect(
      (await a.post('/api/auth/password', { currentPassword: 'nope', newPassword: 'new-password-1' })).status,
    ).toBe(400);
    expect(
      (await a.post('/api/auth/password', { currentPassword: 'demo-exec-2025', newPassword: 'short' })).body.message,
    ).toMatch(/не менее 12/);
    expect(
      (await a.post('/api/auth/password', { currentPassword: 'demo-exec-2025', newPassword: 'new-password-1' })).status,
    ).toBe(200);
    expect((await b.get('/api/auth/me')).status).toBe(401);
    expect((await a.get('/api/auth/me')).status).toBe(200);
    expect((await a.post('/api/auth/logout')).status).toBe(200);
    expect((await a.get('/api/auth/me')).status).toBe(401);
    expect(
      (await t.anonymous().post('/api/auth/login', { login: 'executor2', password: 'new-password-1' })).status,
    ).toBe(200);
  });
});
