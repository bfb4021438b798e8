import { openDatabase } from '../src/db/database';
import { getDashboard } from '../src/modules/dashboard/index';
(async () => {
  const db = await openDatabase({
    databaseUrl: 'postgres://postgres@127.0.0.1:5432/ispolnenie_bench?options=-c%20jit%3Doff',
  });
  const u = await db.one<any>(
    `SELECT u.id, u.organisation_id, u.region_id FROM users u WHERE login='bench-coordinator'`,
  );
  const actor = {
    userId: u.id,
    regionId: u.region_id,
    organisationId: u.organisation_id,
    role: 'coordinator' as const,
  };
  const timed = {
    ...db,
    query: async (sql: string, p?: unknown[]) => {
      const t = performance.now();
      const r = await db.query(sql, p);
      console.log((performance.now() - t).toFixed(1).padStart(8), sql.replace(/\s+/g, ' ').slice(0, 110));
      return r;
    },
    one: async (sql: string, p?: unknown[]) => (await timed.query(sql, p))[0],
  } as any;
  const plan = await db.one<any>(`SELECT id FROM plans WHERE region_id=$1 ORDER BY id LIMIT 1`, [u.region_id]);
  for (const planId of [plan.id, undefined]) {
    console.log('--- plan', planId);
    await getDashboard(timed, actor, { planId, asOf: '2026-10-01', soonDays: 7 });
  }
  await db.close();
})();
