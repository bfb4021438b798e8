/**
 * Issue 10 §3: the lockout holds under concurrent guesses, forwarded addresses are
 * believed only from configured proxies, a lock is progressive and passes the owner's
 * known browser, unknown logins are answered like real ones, passwords have a strength
 * rule, and an administrator's password is one-time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICE_COOKIE, IP_FAILURE_LIMIT, LOCKOUT_THRESHOLD } from '../../src/modules/auth/auth.service';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { engines } from '../helpers/test-db';

interface Attempt {
  ip?: string;
  xff?: string;
  cookie?: string;
}

describe.each(engines)('login hardening on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  let ipSeq = 10;
  const freshIp = () => `10.0.${Math.floor(ipSeq / 250)}.${(ipSeq++ % 250) + 1}`;

  const attempt = async (app: TestApp, login: string, password: string, a: Attempt = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (a.xff) headers['x-forwarded-for'] = a.xff;
    if (a.cookie) headers.cookie = a.cookie;
    const res = await app.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: a.ip ?? '127.0.0.1',
      headers,
      payload: JSON.stringify({ login, password }),
    });
    return {
      status: res.statusCode,
      body: JSON.parse(res.body),
      cookies: res.cookies as Array<{ name: string; value: string }>,
    };
  };

  it('answers an unknown login exactly as a real one, and locks it after as many failures', async () => {
    const ip = freshIp();
    const real = await attempt(t, 'executor', 'wrong-password-here', { ip });
    const ghost = await attempt(t, 'no-such-person', 'wrong-password-here', { ip });
    expect(ghost).toMatchObject({ status: real.status, body: real.body });
    for (let i = 1; i < LOCKOUT_THRESHOLD; i++)
      await attempt(t, 'no-such-person', 'wrong-password-here', { ip: freshIp() });
    const lockedGhost = await attempt(t, 'no-such-person', 'anything-at-all', { ip: freshIp() });
    for (let i = 1; i < LOCKOUT_THRESHOLD; i++) await attempt(t, 'executor', 'wrong-password-here', { ip: freshIp() });
    const lockedReal = await attempt(t, 'executor', 'wrong-password-here', { ip: freshIp() });
    expect(lockedGhost).toMatchObject({ status: 403, body: lockedReal.body });
    expect(lockedReal.body.reason).toBe('auth.locked');
    // Both failures are recorded the same way.
    const rows = await t.db.query<{ login: string; n: number }>(
      `SELECT login, count(*)::int AS n FROM login_attempts WHERE login IN ('executor','no-such-person') GROUP BY login ORDER BY login`,
    );
    expect(rows.map((r) => r.n)).toEqual([LOCKOUT_THRESHOLD + 1, LOCKOUT_THRESHOLD + 1]);
    await t.db.query(`UPDATE users SET failed_logins = 0, locked_until = NULL WHERE login = 'executor'`);
  });

  it('locks progressively, and lets the owner in with the right password from a browser that signed in before', async () => {
    const ok = await attempt(t, 'admin', 'demo-admin-2025', { ip: freshIp() });
    expect(ok.status).toBe(200);
    const device = ok.cookies.find((c) => c.name === DEVICE_COOKIE);
    expect(device?.value).toBeTruthy();
    for (let i = 0; i < LOCKOUT_THRESHOLD; i++)
      expect((await attempt(t, 'admin', `guess-${i}-wrong`, { ip: freshIp() })).status).toBe(401);
    // The first lock is a minute, not a quarter hour.
    const lock = await t.db.one<{ minutes: number }>(
      `SELECT extract(epoch FROM locked_until - now()) / 60 AS minutes FROM users WHERE login = 'admin'`,
    );
    expect(Number(lock!.minutes)).toBeLessThanOrEqual(1.01);
    expect((await attempt(t, 'admin', 'demo-admin-2025', { ip: freshIp() })).status).toBe(403);
    const fromDevice = await attempt(t, 'admin', 'demo-admin-2025', {
      ip: freshIp(),
      cookie: `${DEVICE_COOKIE}=${device!.value}`,
    });
    expect(fromDevice.status).toBe(200);
    // Guessing goes on: when the lock runs out, the next failure locks for twice as long.
    for (let i = 0; i < LOCKOUT_THRESHOLD; i++) await attempt(t, 'admin', `guess-${i}-again`, { ip: freshIp() });
    await t.db.query(`UPDATE users SET locked_until = now() - interval '1 second' WHERE login = 'admin'`);
    expect((await attempt(t, 'admin', 'guess-after-expiry', { ip: freshIp() })).status).toBe(401);
    const longer = await t.db.one<{ minutes: number }>(
      `SELECT extract(epoch FROM locked_until - now()) / 60 AS minutes FROM users WHERE login = 'admin'`,
    );
    expect(Number(longer!.minutes)).toBeGreaterThan(1.5);
    await t.db.query(`UPDATE users SET failed_logins = 0, locked_until = NULL WHERE login = 'admin'`);
  });

  it('ignores X-Forwarded-For unless the peer is a trusted proxy', async () => {
    const ip = freshIp();
    for (let i = 0; i < IP_FAILURE_LIMIT; i++)
      await attempt(t, `nobody-${i}`, 'wrong-password-here', { ip, xff: `203.0.113.${i + 1}` });
    const throttled = await attempt(t, 'observer', 'demo-observer-2025', { ip, xff: '198.51.100.7' });
    expect(throttled.status).toBe(403);
    expect(throttled.body.reason).toBe('auth.rate_limited');

    const proxied = await createTestApp(engine, { env: { TRUST_PROXY: '127.0.0.1' } });
    try {
      for (let i = 0; i < IP_FAILURE_LIMIT; i++)
        await attempt(proxied, `nobody-${i}`, 'wrong-password-here', { ip: '127.0.0.1', xff: '203.0.113.50' });
      expect(
        (await attempt(proxied, 'observer', 'demo-observer-2025', { ip: '127.0.0.1', xff: '203.0.113.50' })).body
          .reason,
      ).toBe('auth.rate_limited');
      // Another client behind the same proxy is not throttled.
      expect(
        (await attempt(proxied, 'observer', 'demo-observer-2025', { ip: '127.0.0.1', xff: '203.0.113.51' })).status,
      ).toBe(200);
    } finally {
      await proxied.dispose();
    }
  });

  it('refuses short and guessable passwords with Russian messages', async () => {
    const admin = await t.as('admin');
    const orgs = (await admin.get('/api/organisations')).body.items;
    const create = (password: string, login = `weak${Math.floor(Math.random() * 1e6)}`) =>
      admin.post('/api/users', {
        login,
        fullName: 'Проверка Пароля',
        role: 'admin',
        organisationId: orgs[0].id,
        password,
      });
    expect((await create('11111111')).body.message).toMatch(/не менее 12 символов/);
    for (const weak of ['password1234', 'aaaaaaaaaaaa', 'qwertyuiop12', '123456789012']) {
      const r = await create(weak);
      expect(r.status, weak).toBe(400);
      expect(r.body.reason).toBe('password.weak');
      expect(r.body.message).toMatch(/слишком простой/);
    }
    const self = await t.as('executor2');
    expect(
      (await self.post('/api/auth/password', { currentPassword: 'demo-exec-2025', newPassword: 'password1234' })).body
        .reason,
    ).toBe('password.weak');
  });

  it('gives an administrator-created account a one-time password that opens nothing until changed', async () => {
    const admin = await t.as('admin');
    const orgs = (await admin.get('/api/organisations')).body.items;
    const created = await admin.post('/api/users', {
      login: 'novichok',
      fullName: 'Новикова Мария Ивановна',
      role: 'coordinator',
      organisationId: orgs[0].id,
    });
    expect(created.status).toBe(201);
    expect(created.body.oneTimePassword).toMatch(/^[\w]{4}-[\w]{4}-[\w]{4}-[\w]{4}$/);
    expect(created.body.mustChangePassword).toBe(true);
    const login = await attempt(t, 'novichok', created.body.oneTimePassword, { ip: freshIp() });
    expect(login.status).toBe(200);
    expect(login.body.user.mustChangePassword).toBe(true);
    const session = login.cookies.find((c) => c.name === 'isp_session')!.value;
    const call = (method: 'GET' | 'POST', url: string, body?: unknown) =>
      t.app.inject({
        method,
        url,
        headers: {
          cookie: `isp_session=${session}`,
          'x-csrf-token': login.body.csrfToken,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        payload: body ? JSON.stringify(body) : undefined,
      });
    const blocked = await call('GET', '/api/plans');
    expect(blocked.statusCode).toBe(403);
    expect(JSON.parse(blocked.body).reason).toBe('auth.password_change_required');
    expect((await call('GET', '/api/auth/me')).statusCode).toBe(200);
    expect(
      (
        await call('POST', '/api/auth/password', {
          currentPassword: created.body.oneTimePassword,
          newPassword: created.body.oneTimePassword,
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await call('POST', '/api/auth/password', {
          currentPassword: created.body.oneTimePassword,
          newPassword: 'сосна-у-реки-Вечер-58',
        })
      ).statusCode,
    ).toBe(200);
    expect((await call('GET', '/api/plans')).statusCode).toBe(200);
    // A reset by the administrator is one-time again.
    await admin.edit(`/api/users/${created.body.id}`, { password: 'озеро-ключ-Полдень-93' });
    const again = await attempt(t, 'novichok', 'озеро-ключ-Полдень-93', { ip: freshIp() });
    expect(again.body.user.mustChangePassword).toBe(true);
  });

  it.skipIf(engine !== 'postgres')(
    'holds the lock under 100 concurrent logins: the right password among them does not get in',
    async () => {
      await t.db.query(`UPDATE users SET failed_logins = 0, locked_until = NULL WHERE login = 'observer'`);
      const answers = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          attempt(t, 'observer', i === 19 ? 'demo-observer-2025' : `wrong-${i}-password`, {
            ip: `10.9.${Math.floor(i / 200)}.${(i % 200) + 1}`,
          }),
        ),
      );
      const admitted = answers.filter((a) => a.status === 200).length;
      // Refused: by the lock (403) or, past its allowance, by the per-account rate limit (429).
      const locked = answers.filter((a) => a.status === 403 || a.status === 429).length;
      expect(locked).toBeGreaterThanOrEqual(100 - LOCKOUT_THRESHOLD);
      // At most the attempts before the threshold were checked; the right one at #20 was not among them
      // unless it was claimed before the lock (then the account is unlocked by its owner, which is fine).
      const row = await t.db.one<{ failed_logins: number; locked: boolean }>(
        `SELECT failed_logins, locked_until > now() AS locked FROM users WHERE login = 'observer'`,
      );
      if (admitted === 0) expect(row).toMatchObject({ locked: true });
      expect(admitted).toBeLessThanOrEqual(1);
      expect(answers.filter((a) => a.status === 401).length).toBeLessThanOrEqual(LOCKOUT_THRESHOLD);
    },
  );
});
