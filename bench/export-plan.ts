/**
 * The consolidated DOCX (and XLSX, PDF) of a ~300-measure plan of the region-scale
 * dataset, built from the database as the web app does: median of repeated runs.
 *   npm run bench -- export-plan [--pg] [--runs 7]
 * Target: DOCX ≤ 2 s.
 */
import { openDatabase } from '../src/db/database';
import { buildReport } from '../src/export/index';
import { buildPlanReportModel } from '../src/modules/exports/index';
import { fmt, percentile, timeRuns } from './_stats';
import { pickTarget, prepareRegion } from './_server';

export async function run(argv: string[]) {
  const i = argv.indexOf('--runs');
  const runs = i >= 0 ? Number(argv[i + 1]) : 7;
  const target = pickTarget(argv);
  await prepareRegion(target);
  const db = await openDatabase({ databaseUrl: target.env.DATABASE_URL, dataDir: target.env.DATA_DIR });
  try {
    const plan = await db.one<{ id: number; n: number; region_id: number }>(
      `SELECT p.id, p.region_id, count(m.id)::int AS n FROM plans p JOIN measures m ON m.plan_id = p.id
       WHERE p.region_id = (SELECT id FROM regions WHERE name = 'Энская область') GROUP BY p.id ORDER BY abs(count(m.id) - 300), p.id LIMIT 1`,
    );
    const admin = await db.one<{ id: number; organisation_id: number }>(
      `SELECT id, organisation_id FROM users WHERE login = 'bench-admin'`,
    );
    const actor = {
      userId: admin!.id,
      regionId: plan!.region_id,
      organisationId: admin!.organisation_id,
      role: 'admin' as const,
    };
    const period = await db.one<{ id: number; label: string }>(
      `SELECT id, label FROM reporting_periods WHERE plan_id = $1 AND label = 'II квартал 2026 г.'`,
      [plan!.id],
    );
    console.log(`plan ${plan!.id}: ${plan!.n} measures, period ${period?.label}`);
    for (const format of ['docx', 'xlsx', 'pdf'] as const) {
      let size = 0;
      const times = await timeRuns(
        async () => {
          const { model } = await buildPlanReportModel(db, actor, plan!.id, {
            periodId: period?.id,
            today: '2026-10-01',
          });
          size = (await buildReport(model, format)).byteLength;
        },
        runs,
        1,
      );
      console.log(
        `${format.toUpperCase()} of a ${plan!.n}-measure plan (${target.engine}, from the database): median ${fmt(percentile(times, 50))}, p90 ${fmt(percentile(times, 90))}, ${(size / 1024).toFixed(0)} KiB`,
      );
    }
  } finally {
    await db.close();
  }
}
