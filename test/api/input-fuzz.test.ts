/**
 * Malformed input at the edge (issue 10, §4): for every route in the route table and every
 * role, hostile values in each path parameter, each query parameter and each leaf of a
 * plausible body — integers past PostgreSQL's `integer`, NUL and lone surrogates in strings,
 * dates at the ends of the calendar — and malformed JSON. The answer may be anything but a
 * 5xx. The routes come from the app itself, so a new route is fuzzed without being listed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app';
import { engines } from '../helpers/test-db';
import { buildWorld, fillPath, paramsFor, sampleOf, withValue, type World } from '../helpers/world';

const HOSTILE_PARAMS = ['2147483648', '99999999999999999999', '0', '-1', '1.5', 'abc', 'a\u0000b'];
/** Already percent-encoded: NUL, a UTF-8-encoded surrogate, a byte that is no UTF-8. */
const HOSTILE_QUERY = ['2147483648', '-2147483649', 'a%00b', '0000-01-01', '9999-12-31', '%ED%A0%80', '%FF', 'a&b'];
const HOSTILE_LEAVES: unknown[] = [
  2147483648,
  -2147483649,
  1e308,
  'a\u0000b',
  '\ud800x',
  '0000-01-01',
  '9999-12-31',
  '',
  null,
  {},
];
const roles = ['anonymous', 'admin', 'coordinator', 'executor', 'observer'] as const;

describe.each(engines)('malformed input on every route on %s', (engine) => {
  let t: TestApp;
  let w: World;
  const clients = {} as Record<(typeof roles)[number], Client>;
  beforeAll(async () => {
    t = await createTestApp(engine);
    clients.anonymous = t.anonymous();
    clients.admin = await t.as('admin');
    clients.coordinator = await t.as('coordinator');
    clients.executor = await t.as('executor');
    clients.observer = await t.as('observer');
    w = await buildWorld(t, clients.admin, clients.coordinator, clients.executor);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  // Logging out ends the client's session: that route goes last.
  const apiRoutes = () =>
    t.app.routeTable
      .filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.method !== 'HEAD')
      .sort((a, b) => Number(a.url === '/api/auth/logout') - Number(b.url === '/api/auth/logout'));

  it('finds the routes to fuzz', () => {
    expect(apiRoutes().length).toBeGreaterThan(60);
  });

  for (const role of roles) {
    it(`answers ${role} without a 5xx on every route`, async () => {
      const c = clients[role];
      const failures: string[] = [];
      const statuses = new Map<number, number>();
      let loggedOut = role === 'anonymous';
      const send = async (method: string, url: string, body?: unknown, raw?: string) => {
        const r = await c.request(
          method,
          url,
          raw ?? body,
          raw !== undefined ? { 'content-type': 'application/json' } : {},
        );
        // A signed-in client must stay signed in, or the rest of the walk proves nothing.
        if (!loggedOut && r.status === 401 && !url.startsWith('/api/auth/'))
          failures.push(`${method} ${url}: signed out (401)`);
        if (url === '/api/auth/logout' && r.status === 200) loggedOut = true;
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        if (r.status >= 500)
          failures.push(
            `${method} ${url} ${raw ?? JSON.stringify(body) ?? ''} → ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`,
          );
      };
      // The cases the attack named.
      await send('GET', '/api/search?q=a%00b');
      for (const periodId of ['1', '2147483647', '2147483648', 'abc'])
        await send('GET', `/api/dashboard?periodId=${periodId}`);
      await send('GET', `/api/plans/2147483648`);
      await send('POST', '/api/auth/login', { login: 'adm\u0000in', password: 'x\u0000' });
      for (const route of apiRoutes()) {
        const params = paramsFor(route.url, w);
        const path = fillPath(route.url, params);
        const query = route.schema?.querystring as z.ZodType | undefined;
        const bodySchema = route.schema?.body as z.ZodType | undefined;
        const hasBody = !['GET', 'DELETE'].includes(route.method);
        const sample = bodySchema ? sampleOf(bodySchema, w) : hasBody ? {} : undefined;
        const sampleQuery = query ? (sampleOf(query, w) as Record<string, unknown>) : {};
        const qs = (q: Record<string, unknown>, raw?: [string, string]) => {
          const s = Object.entries(q)
            .filter(([, v]) => v !== undefined && typeof v !== 'object')
            .map(([k, v]) => `${k}=${raw?.[0] === k ? raw[1] : encodeURIComponent(String(v))}`)
            .join('&');
          return s ? `?${s}` : '';
        };
        // Path parameters.
        for (const name of Object.keys(params)) {
          for (const v of HOSTILE_PARAMS)
            await send(route.method, fillPath(route.url, { ...params, [name]: v }) + qs(sampleQuery), sample);
          await send(
            route.method,
            route.url.replace(`:${name}`, '%ED%A0%80').replace(/:(\w+)/g, (_, k: string) => String(params[k])),
            sample,
          );
        }
        // Query parameters, each in turn, the others plausible.
        for (const key of Object.keys(sampleQuery)) {
          for (const v of HOSTILE_QUERY) await send(route.method, path + qs(sampleQuery, [key, v]), sample);
        }
        // Body leaves, each in turn.
        if (bodySchema) {
          const leaves: (string | number)[][] = [];
          sampleOf(bodySchema, w, '', [], leaves);
          for (const leaf of leaves)
            for (const v of HOSTILE_LEAVES)
              await send(route.method, path + qs(sampleQuery), withValue(sample, leaf, v));
          await send(route.method, path, { ...(sample as object), ['extra\u0000']: 1 });
        }
        if (hasBody) {
          for (const raw of ['{"a":', '[]', 'null', '"\\u0000"', '{"version": 1e400}'])
            await send(route.method, path + qs(sampleQuery), undefined, raw);
        }
      }
      // The walk reached the handlers, not only the schemas.
      if (role !== 'anonymous') expect([...statuses.keys()].filter((x) => x < 300).length).toBeGreaterThan(0);
      expect(failures.length, `${failures.length} answers were 5xx:\n${failures.slice(0, 60).join('\n')}`).toBe(0);
    }, 600_000);
  }
});
