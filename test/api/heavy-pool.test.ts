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
    "serves waiting tasks by turns across users: one person's queue does not hold another's document back",
    { timeout: 240_000 },
    async () => {
      t = await createTestApp(engine, { env: { HEAVY_THREADS: '1' } });
      const busy = await t.as('coordinator');
      const other = await t.as('admin');
      const heavy = await tableDocx(1200, 8);
      const small = await tableDocx(20, 4);
      const done: string[] = [];
      const track = (name: string, p: Promise<{ status: number }>) =>
        p.then((r) => {
          done.push(name);
          return r;
        });
      // One person sends four heavy documents; the other's one comes in after them.
      const mine = Array.from({ length: 4 }, (_, i) => track(`busy-${i + 1}`, upload(busy, 'plan.docx', heavy)));
      await new Promise((r) => setTimeout(r, 200));
      const theirs = track('other', upload(other, 'plan.docx', small));
      const answers = await Promise.all([...mine, theirs]);
      expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
      // First come is the first of the busy person's, then the two take turns: the other's
      // document is not left waiting behind the busy person's whole queue.
      expect(done.indexOf('other'), done.join(', ')).toBeLessThan(done.indexOf('busy-3'));
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
