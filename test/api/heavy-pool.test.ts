/**
 * Issue 10 §1: parsing and exports run in a worker pool with a concurrency cap, a queue,
 * a heap limit and a time limit; each failure of the pool is a clean Russian answer and
 * the server keeps serving.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { tableDocx } from '../fixtures/hostile-documents';
import { multipart } from '../helpers/multipart';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app';
import { engines } from '../helpers/test-db';
import { createHeavyPool } from '../../src/workers/pool';

describe.each(engines)('heavy-work pool on %s', (engine) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  const upload = async (c: Client, name: string, bytes: Buffer) => {
    const m = multipart(name, bytes);
    const res = await t!.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': m.contentType },
      payload: m.body,
    });
    return { status: res.statusCode, body: JSON.parse(res.body), headers: res.headers };
  };

  it('answers 503 with Retry-After and a Russian message when the queue is full', { timeout: 180_000 }, async () => {
    t = await createTestApp(engine, { env: { HEAVY_THREADS: '1', HEAVY_QUEUE: '0' } });
    const coord = await t.as('coordinator');
    const doc = await tableDocx(1500, 8);
    const answers = await Promise.all(Array.from({ length: 4 }, () => upload(coord, 'plan.docx', doc)));
    const busy = answers.filter((a) => a.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(busy[0].headers['retry-after']).toMatch(/^\d+$/);
    expect(busy[0].body.message).toMatch(/Сервер сейчас занят/);
    expect(answers.some((a) => a.status === 201)).toBe(true);
    expect((await t.anonymous().get('/api/health')).status).toBe(200);
  });

  it(
    "serves waiting tasks by turns across users: one person's queue does not hold another's task back",
    {
      timeout: 240_000,
    },
    async () => {
      const pool = createHeavyPool({ threads: 1, queue: 10 });
      try {
        const heavy = new Uint8Array(await tableDocx(1000, 8));
        const small = new Uint8Array(await tableDocx(10, 4));
        const done: string[] = [];
        const read = (who: string, bytes: Uint8Array) =>
          pool.run({ kind: 'raw', bytes, name: 'plan.docx' }, who.split('-')[0]).then(() => done.push(who));
        // One person's four heavy documents are waiting when another's small one comes in.
        const busy = Array.from({ length: 4 }, (_, i) => read(`busy-${i + 1}`, heavy));
        const other = read('other', small);
        await Promise.all([...busy, other]);
        // Turns: the busy person's first runs, then the other's (least recently served first) —
        // not behind the busy person's whole queue (in one queue it came last).
        expect(done, done.join(', ')).toEqual(['busy-1', 'other', 'busy-2', 'busy-3', 'busy-4']);
      } finally {
        await pool.close();
      }
    },
  );

  it('stops a task that outgrows the worker heap with a 413, and the server lives on', async () => {
    t = await createTestApp(engine, { env: { HEAVY_THREADS: '1', HEAVY_MEMORY_MB: '32' } });
    const coord = await t.as('coordinator');
    const r = await upload(coord, 'plan.docx', await tableDocx(3000, 30));
    expect(r.status).toBe(413);
    expect(r.body.reason).toBe('server.out_of_memory');
    expect(r.body.message).toMatch(/слишком много памяти/);
    expect((await t.anonymous().get('/api/health')).status).toBe(200);
    expect((await coord.get('/api/plans')).status).toBe(200);
  });

  it('stops a task over its time limit with a 503', async () => {
    t = await createTestApp(engine, { env: { HEAVY_THREADS: '1', HEAVY_TIMEOUT_SECONDS: '1' } });
    const coord = await t.as('coordinator');
    const r = await upload(coord, 'plan.docx', await tableDocx(4000, 12));
    expect(r.status).toBe(503);
    expect(r.body.reason).toBe('server.timeout');
    expect(r.headers['retry-after']).toBeTruthy();
  });
});
