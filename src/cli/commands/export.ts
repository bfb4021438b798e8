/**
 * `export --plan ID --format docx|xlsx|pdf --out FILE [--period LABEL|ID] [--section NUMBER] [--executor NAME] [--as LOGIN]`
 * builds the consolidated report from the configured database, as the web app does.
 */
import { writeFile } from 'node:fs/promises';
import { matchOrganisation } from '../../domain/directory/match-organisation.js';
import { DomainError, isDomainError } from '../../domain/errors.js';
import { buildReport, type ReportFormat } from '../../export/index.js';
import { buildPlanReportModel } from '../../modules/exports/index.js';
import { listOrganisations } from '../../modules/organisations/index.js';
import { loadActor, openConfigured } from '../save-imported.js';

const USAGE =
  'Использование: npm run --silent cli -- export --plan ID --format docx|xlsx|pdf --out ФАЙЛ [--period «I квартал 2025 г.»|ID] [--section НОМЕР] [--executor ОРГАНИЗАЦИЯ] [--as ЛОГИН]\n';

export async function run(argv: string[]): Promise<number> {
  const opt = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const planId = Number(opt('--plan'));
  const format = opt('--format') as ReportFormat | undefined;
  const out = opt('--out');
  if (!Number.isInteger(planId) || planId <= 0 || !format || !['docx', 'xlsx', 'pdf'].includes(format) || !out) {
    process.stderr.write(USAGE);
    return 2;
  }
  const db = await openConfigured();
  try {
    const actor = await loadActor(db, opt('--as'));
    let periodId: number | undefined;
    const period = opt('--period');
    if (period) {
      const p = /^\d+$/.test(period)
        ? await db.one<{ id: number }>(`SELECT id FROM reporting_periods WHERE id = $1 AND plan_id = $2`, [
            Number(period),
            planId,
          ])
        : await db.one<{ id: number }>(
            `SELECT id FROM reporting_periods WHERE plan_id = $1 AND lower(label) = lower($2)`,
            [planId, period.trim()],
          );
      if (!p)
        throw new DomainError(
          'not_found',
          'cli.period',
          `Отчётный период «${period}» не найден в плане`,
          `period ${period} not found`,
        );
      periodId = p.id;
    }
    let sectionId: number | undefined;
    const section = opt('--section');
    if (section) {
      const s = await db.one<{ id: number }>(`SELECT id FROM sections WHERE plan_id = $1 AND number = $2`, [
        planId,
        section,
      ]);
      if (!s)
        throw new DomainError(
          'not_found',
          'cli.section',
          `Раздел «${section}» не найден в плане`,
          `section ${section} not found`,
        );
      sectionId = s.id;
    }
    let organisationId: number | undefined;
    const executor = opt('--executor');
    if (executor) {
      const m = matchOrganisation(executor, await listOrganisations(db, actor));
      if (!m.match)
        throw new DomainError(
          'not_found',
          'cli.executor',
          `Организация «${executor}» не найдена в справочнике`,
          `org ${executor} not found`,
        );
      organisationId = m.match.id;
    }
    const { model } = await buildPlanReportModel(db, actor, planId, {
      periodId,
      sectionId,
      organisationId,
      today: new Date().toISOString().slice(0, 10),
    });
    const bytes = await buildReport(model, format);
    await writeFile(out, bytes);
    process.stdout.write(
      JSON.stringify({
        file: out,
        bytes: bytes.byteLength,
        measures: model.rowsWithoutSection.length + model.sections.reduce((n, s) => n + s.rows.length, 0),
      }) + '\n',
    );
    return 0;
  } catch (e) {
    if (isDomainError(e)) {
      process.stderr.write(`${e.message}\n(${e.code}: ${e.detail})\n`);
      return 1;
    }
    throw e;
  } finally {
    await db.close();
  }
}
