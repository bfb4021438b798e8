import { describe, expect, it } from 'vitest';
import type { Queryable } from '../../db/database';
import { cachedByDataVersion } from './dashboard-cache';

/** A database that answers only the data_version read, with a version the test moves. */
function fakeDb() {
  const state = { v: 1 };
  const db = { one: async () => ({ v: state.v }), query: async () => [] } as unknown as Queryable;
  return { db, state };
}

describe('dashboard cache by data_version', () => {
  it('shares one computation among concurrent misses and reuses it while the version holds', async () => {
    const { db } = fakeDb();
    let runs = 0;
    const compute = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 20));
      return { runs };
    };
    const answers = await Promise.all(Array.from({ length: 20 }, () => cachedByDataVersion(db, 'k1', compute)));
    expect(runs).toBe(1);
    expect(new Set(answers.map((a) => a.runs))).toEqual(new Set([1]));
    await cachedByDataVersion(db, 'k1', compute);
    expect(runs).toBe(1);
  });

  it('recomputes after a write, and a computation that a write overtook is not served for the new version', async () => {
    const { db, state } = fakeDb();
    let runs = 0;
    const compute = async () => {
      const n = ++runs;
      await new Promise((r) => setTimeout(r, 20));
      return n;
    };
    const first = cachedByDataVersion(db, 'k2', compute);
    await new Promise((r) => setTimeout(r, 5));
    state.v = 2; // a write while the first computation runs
    const second = await cachedByDataVersion(db, 'k2', compute);
    expect(await first).toBe(1);
    expect(second).toBe(2);
    expect(await cachedByDataVersion(db, 'k2', compute)).toBe(2);
    expect(runs).toBe(2);
  });
});
