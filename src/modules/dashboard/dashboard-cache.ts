/**
 * A small cache of computed dashboards, valid only while the database's data_version is
 * the one it was computed at (migration 0007): a write anywhere invalidates it, so an
 * answer from the cache is exactly what a fresh computation would give. Per process and
 * bounded; nothing depends on it surviving.
 */
import type { Queryable } from '../../db/database.js';

const MAX_ENTRIES = 500;
const entries = new Map<string, { version: number; value: unknown }>();

/** DASHBOARD_CACHE=0 turns the cache off (benchmarks measure both). */
const enabled = process.env.DASHBOARD_CACHE !== '0';

/**
 * Computations in progress, by key and version: requests that miss the cache together
 * (twenty clients right after a write) share one computation instead of each running the
 * region-wide aggregate — the difference between one query's cost and twenty.
 */
const inflight = new Map<string, { version: number; promise: Promise<unknown> }>();

/**
 * The version an answer depends on: region-wide, the database's data_version; for one plan,
 * that plan's counter plus the directory's (0010) — both only grow, so their sum changes
 * exactly when either does, and a write to another plan leaves the entry valid.
 */
async function versionOf(db: Queryable, planId: number | undefined): Promise<number> {
  if (planId === undefined)
    return Number(
      (await db.one<{ v: number | string }>(`SELECT v FROM data_version WHERE id = 1`, [], { prepare: true }))?.v ?? -1,
    );
  const row = await db.one<{ v: number | string }>(
    `SELECT coalesce((SELECT v FROM plan_data_versions WHERE plan_id = $1), 0) + (SELECT v FROM directory_version WHERE id = 1) AS v`,
    [planId],
    { prepare: true },
  );
  return Number(row?.v ?? -1);
}

export async function cachedByDataVersion<T>(
  db: Queryable,
  key: string,
  compute: () => Promise<T>,
  scope: { planId?: number } = {},
): Promise<T> {
  if (!enabled) return compute();
  // The key names the plan too, so an entry is only ever compared with its own plan's version.
  const version = await versionOf(db, scope.planId);
  const hit = entries.get(key);
  if (hit && hit.version === version) {
    entries.delete(key); // keep recently used entries last
    entries.set(key, hit);
    return hit.value as T;
  }
  const running = inflight.get(key);
  if (running && running.version === version) return running.promise as Promise<T>;
  // The version is read before computing: a write during the computation leaves the entry
  // older than the data, so the next reader recomputes — never the other way round.
  const promise = compute()
    .then((value) => {
      const current = entries.get(key);
      if (!current || current.version <= version) {
        entries.delete(key);
        entries.set(key, { version, value });
        if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
      }
      return value;
    })
    .finally(() => {
      if (inflight.get(key)?.promise === promise) inflight.delete(key);
    });
  inflight.set(key, { version, promise });
  return promise;
}
