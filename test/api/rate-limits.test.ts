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

  const login = (app: App, ip: string) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: ip,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ login: 'observer', password: 'demo-observer-2025' }),
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
