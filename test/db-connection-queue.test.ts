/**
 * The database keeps the process answering while heavy statements queue up (issue 10 §1).
 * On PGlite every statement used to run back to back as microtasks: a timer (or a socket —
 * /api/health) waited for the whole queue. Reads also queued behind every waiting
 * transaction. On PostgreSQL both hold by construction; the same assertions run there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engines, type TestDatabase } from './helpers/test-db';

// A statement that takes a noticeable while on either engine, with no sleep function
// (PGlite's pg_sleep spins the same thread anyway).
const HEAVY = 'SELECT count(*)::int AS n FROM generate_series(1, 150000) g WHERE g % 7 = 3';

describe.each(engines)('the connection under queued heavy statements on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('lets a timer fire between queued statements, long before the queue is done', async () => {
    const started = performance.now();
    let timerAt = Infinity;
    const timer = new Promise<void>((resolve) =>
      setTimeout(() => {
        timerAt = performance.now() - started;
        resolve();
      }, 0),
    );
    const heavy = Array.from({ length: 6 }, () => t.db.one<{ n: number }>(HEAVY));
    const results = await Promise.all(heavy);
    const doneAt = performance.now() - started;
    await timer;
    expect(results.every((r) => r!.n === 21429)).toBe(true);
    expect(timerAt).toBeLessThan(doneAt);
  });

  it('lets the statements of a long transaction interleave with the event loop', async () => {
    const started = performance.now();
    let timerAt = Infinity;
    setTimeout(() => (timerAt = performance.now() - started), 0);
    let doneAt = 0;
    await t.db.transaction(async (tx) => {
      for (let i = 0; i < 4; i++) await tx.one(HEAVY);
      doneAt = performance.now() - started;
    });
    expect(timerAt).toBeLessThan(doneAt);
  });

  it('answers a single read waiting behind queued transactions before they all run', async () => {
    const order: string[] = [];
    const tx = (name: string) =>
      t.db
        .transaction(async (q) => {
          await q.one(HEAVY);
          await q.one(HEAVY);
        })
        .then(() => order.push(name));
    const first = tx('tx1');
    const second = tx('tx2');
    const third = tx('tx3');
    const read = t.db.one<{ one: number }>('SELECT 1 AS one').then((r) => {
      order.push('read');
      return r;
    });
    await Promise.all([first, second, third, read]);
    expect((await read)!.one).toBe(1);
    expect(order.indexOf('read')).toBeLessThan(order.indexOf('tx3'));
    expect(order.indexOf('read')).toBeLessThan(2);
  });
});
