/**
 * Issue 10 §1/§3: login, uploads and exports are rate-limited per address and per user with
 * @fastify/rate-limit; the counters are in the database, so two instances share them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app';
import type { App } from '../../src/http/context';
import { loadEnv } from '../../src/env';
import { RATE_LIMITS } from '../../src/http/rate-limits';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { engines } from '../helpers/test-db';

describe.each(engines)('rate limits on %s', (engine) => {
  let t: TestApp;
  let second: App;
  beforeAll(async () => {
    t = await createTestApp(engine, { env: { RATE_LIMIT_SCALE: '1' } });
    second = await buildApp({ db: t.db, env: loadEnv({ NODE_ENV: 'test' }) });
  });
  afterAll(async () => {
    await second?.close();
    await t?.dispose();
  });

  const ACCOUNTS = [
    ['observer', 'demo-observer-2025'],
    ['admin', 'demo-admin-2025'],
    ['coordinator', 'demo-coord-2025'],
    ['executor', 'demo-exec-2025'],
  ];
  /** A right login; consecutive calls rotate over the accounts (each has its own limit too). */
  let turn = 0;
  const login = (app: App, ip: string, as = ACCOUNTS[turn++ % ACCOUNTS.length]) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: ip,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ login: as[0], password: as[1] }),
    });
  const attempt = (ip: string, loginName: string, password: string, cookie?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: ip,
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      payload: JSON.stringify({ login: loginName, password }),
    });

  it('answers 429 with Retry-After and a Russian message past the login limit of an address, counted across instances', async () => {
    const max = RATE_LIMITS['POST /api/auth/login'].perAddress.max;
    const statuses: number[] = [];
    for (let i = 0; i < max; i++) statuses.push((await login(i % 2 ? second : t.app, '192.0.2.10')).statusCode);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const over = await login(second, '192.0.2.10');
    expect(over.statusCode).toBe(429);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(JSON.parse(over.body)).toMatchObject({
      code: 'rate_limited',
      message: expect.stringMatching(/Слишком много запросов. Повторите попытку через \d+ мин./),
    });
    // Another address is not affected.
    expect((await login(t.app, '192.0.2.11')).statusCode).toBe(200);
  });

  it("limits login attempts per account from any address, known or not, while the owner's known browser keeps its own allowance", async () => {
    const max = RATE_LIMITS['POST /api/auth/login'].perAccount!.max;
    // The owner signs in once from their browser: it becomes a known device of the account.
    const first = await attempt('198.51.100.1', 'executor2', 'demo-exec-2025');
    expect(first.statusCode).toBe(200);
    const device = first.cookies.find((c) => c.name === 'isp_device')!;
    // Guesses from as many addresses as there are attempts (no address limit is reached).
    const guesses: number[] = [];
    for (let i = 0; i < max - 1; i++)
      guesses.push((await attempt(`203.0.113.${i + 1}`, 'EXECUTOR2', `guess-${i}`)).statusCode);
    expect(guesses.every((s) => s === 401 || s === 403)).toBe(true);
    const over = await attempt('203.0.113.200', 'executor2', 'guess-again');
    expect(over.statusCode).toBe(429);
    expect(JSON.parse(over.body)).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/мин\./) });
    // Even the right password from a new browser waits now…
    expect((await attempt('203.0.113.201', 'executor2', 'demo-exec-2025')).statusCode).toBe(429);
    // …but the owner's known browser is counted apart and signs in (past the lock as well).
    const owner = await attempt('198.51.100.1', 'executor2', 'demo-exec-2025', `${device.name}=${device.value}`);
    expect(owner.statusCode).toBe(200);
    // A made-up device cookie is no known device: it shares the account's spent allowance.
    expect((await attempt('203.0.113.202', 'executor2', 'guess', 'isp_device=made-up')).statusCode).toBe(429);
    // An unknown login is limited the same way (the answer does not tell which logins exist).
    const unknown: number[] = [];
    for (let i = 0; i <= max; i++)
      unknown.push((await attempt(`203.0.114.${i + 1}`, 'nobody-here', `g${i}`)).statusCode);
    expect(unknown.at(-1)).toBe(429);
    // Other accounts are not affected.
    expect((await attempt('203.0.113.203', 'observer', 'demo-observer-2025')).statusCode).toBe(200);
  });

  it('limits exports per user', async () => {
    const observer = await t.as('observer');
    const plans = (await observer.get('/api/plans')).body.items;
    const max = RATE_LIMITS['GET /api/plans/:id/export'].perUser!.max;
    // The counter is what matters here, not building 30 reports: preload it as if they had run.
    await t.db.query(`INSERT INTO rate_limits (key, hits, reset_at) VALUES ($1, $2, now() + interval '1 minute')`, [
      `/api/plans/:id/export:user:${(await observer.get('/api/auth/me')).body.user.id}`,
      max,
    ]);
    const r = await observer.get(`/api/plans/${plans[0].id}/export?format=xlsx`);
    expect(r.status).toBe(429);
    expect(r.headers['retry-after']).toBeTruthy();
    // Another user still exports.
    const coord = await t.as('coordinator');
    expect((await coord.get(`/api/plans/${plans[0].id}/export?format=xlsx`)).status).toBe(200);
  });
});
