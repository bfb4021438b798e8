/**
 * src/db/data-versions.ts says in TypeScript which tables' writes bump the dashboard's data
 * versions; the triggers of migrations 0007 and 0010 do it. This holds the list to the
 * triggers the migrated database really has, on both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA_VERSIONED_TABLES } from '../../src/db/data-versions';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/test-db';

describe.each(engines)('data versions (%s)', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
  });
  afterAll(() => t?.dispose());

  it('lists exactly the tables whose triggers bump a version', async () => {
    const rows = await t.db.query<{ tbl: string; fn: string }>(
      `SELECT DISTINCT c.relname AS tbl, p.proname AS fn
       FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_proc p ON p.oid = g.tgfoid
       WHERE NOT g.tgisinternal AND p.proname IN ('bump_plan_versions', 'bump_directory_version')`,
    );
    const fromDb = Object.fromEntries(
      rows.map((r) => [r.tbl, r.fn === 'bump_plan_versions' ? 'plan' : 'directory'] as const),
    );
    expect(fromDb).toEqual(DATA_VERSIONED_TABLES);
  });
});
