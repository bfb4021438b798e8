/**
 * Issue 15 on reports, kept apart from the report workflow (reports.service.ts):
 * - the live substance check of a draft, so the executor sees the verdict before submitting;
 * - «отчитаться один раз»: a report sent on a measure linked with measures of other plans
 *   («одна и та же работа») is offered for the same organisation's reports there — one text, one
 *   set of figures, links and attachments — and, once the executor confirms, submitted in each of
 *   those plans, where each plan's coordinator accepts or returns it on their own.
 */
import type { Database, Queryable } from '../../db/database.js';
import { DomainError, forbidden } from '../../domain/errors.js';
import { authorize, type Actor } from '../../domain/policy/authorize.js';
import { recordAudit } from '../audit/index.js';
import { checkReportDraft, storeReportVerdict, type StoredVerdict } from '../substance/index.js';
import { loadContext, mayWrite, writeVersion, type ReportView, type ResultStatus } from './reports.service.js';

/** States in which a report may still take a text (the executor's side of the workflow). */
const OPEN = ['expected', 'draft', 'returned'];

/** The verdict of a text not yet saved (whoever may read the report may check a text against it). */
export async function checkDraft(
  db: Queryable,
  actor: Actor,
  reportId: number,
  draft: { text: string; resultStatus?: ResultStatus | null },
): Promise<StoredVerdict> {
  const ctx = await loadContext(db, actor, reportId);
  return checkReportDraft(db, reportId, {
    text: draft.text,
    resultStatus: draft.resultStatus !== undefined ? draft.resultStatus : ctx.report.resultStatus,
  });
}

interface TargetRow {
  id: number;
  measure_id: number;
  plan_id: number;
  state: string;
  role: 'lead' | 'co';
  version: number;
  number: string;
  title: string;
  plan_title: string;
  label: string;
  owner_organisation_id: number;
  plan_status: 'draft' | 'active' | 'archived';
  shared_from_report_id: number | null;
}

/**
 * The same organisation's reports on measures linked with this report's measure, for a period that
 * overlaps this one's, still open in their plans: where this report can be used as well.
 */
async function targetRows(db: Queryable, actor: Actor, source: ReportView, forUpdate = false, ids?: number[]) {
  return db.query<TargetRow>(
    `SELECT t.id, t.measure_id, t.plan_id, t.state, t.role, t.version, t.shared_from_report_id, m.number, m.title,
            p.title AS plan_title, p.owner_organisation_id, p.status AS plan_status, rp.label
     FROM reports t JOIN measures m ON m.id = t.measure_id JOIN plans p ON p.id = t.plan_id JOIN reporting_periods rp ON rp.id = t.period_id
     WHERE t.organisation_id = $2 AND t.region_id = $5 AND m.archived_at IS NULL AND p.status <> 'archived'
       AND t.measure_id IN (SELECT CASE WHEN l.measure_a = $1 THEN l.measure_b ELSE l.measure_a END FROM measure_links l
                            WHERE l.measure_a = $1 OR l.measure_b = $1)
       AND rp.starts_on <= $4::date AND rp.ends_on >= $3::date
       ${ids ? 'AND t.id = ANY($6::int[])' : ''}
     ORDER BY p.title, m.position, rp.starts_on, t.id${forUpdate ? ' FOR UPDATE OF t' : ''}`,
    [
      source.measureId,
      source.organisation.id,
      source.period.startsOn,
      source.period.endsOn,
      actor.regionId,
      ...(ids ? [ids] : []),
    ],
  );
}

/** Where the report may be used too; `available`: it can be sent there now (the target is still open). */
export async function listShareTargets(db: Queryable, actor: Actor, reportId: number) {
  const ctx = await loadContext(db, actor, reportId);
  const rows = await targetRows(db, actor, ctx.report);
  const writes = mayWrite(actor, ctx);
  return rows.map((t) => ({
    reportId: Number(t.id),
    version: Number(t.version),
    state: t.state,
    role: t.role,
    period: t.label,
    measure: { id: Number(t.measure_id), number: t.number, title: t.title },
    plan: { id: Number(t.plan_id), title: t.plan_title },
    sharedFromReportId: t.shared_from_report_id == null ? null : Number(t.shared_from_report_id),
    available: writes && OPEN.includes(t.state),
  }));
}

/**
 * Uses a sent report in linked measures' reports: each named target (with the version the
 * executor saw) takes the text, status, figures, links and attachments and is submitted in its
 * own plan, remembering its source. Targets are locked; a target changed meanwhile, already sent
 * or no longer linked refuses the whole request (409), so nothing is half-applied.
 */
export async function shareReport(
  db: Database,
  actor: Actor,
  reportId: number,
  input: { targets: { reportId: number; version: number }[] },
) {
  return db.transaction(async (tx) => {
    const ctx = await loadContext(tx, actor, reportId);
    if (!mayWrite(actor, ctx)) throw forbidden();
    if (ctx.report.state !== 'submitted' && ctx.report.state !== 'accepted')
      throw new DomainError(
        'conflict',
        'report.share_unsent',
        'Сначала отправьте отчёт: использовать в связанных планах можно отправленный отчёт',
        `report ${reportId} is ${ctx.report.state}`,
      );
    // How the audit names where the report came from: the plan and the measure's number.
    const src = await tx.one<{ number: string; plan_title: string }>(
      `SELECT m.number, p.title AS plan_title FROM measures m JOIN plans p ON p.id = m.plan_id WHERE m.id = $1`,
      [ctx.report.measureId],
    );
    const source = `«${src?.plan_title ?? ''}», № ${src?.number ?? ''}, отчёт за ${ctx.report.period.label}`;
    const wanted = [...new Set(input.targets.map((t) => t.reportId))];
    if (wanted.length === 0)
      throw new DomainError('validation', 'report.share_none', 'Выберите, где использовать отчёт', 'no targets');
    const rows = await targetRows(tx, actor, ctx.report, true, wanted);
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    const done: { reportId: number; measureId: number; planId: number; planTitle: string; state: string }[] = [];
    for (const want of input.targets) {
      const t = byId.get(want.reportId);
      if (!t)
        throw new DomainError(
          'conflict',
          'report.share_target',
          'Этот отчёт нельзя использовать там: мероприятия больше не связаны или отчёт другой организации',
          `report ${want.reportId} is not a share target of ${reportId}`,
        );
      const label = `«${t.plan_title}», № ${t.number}`;
      if (Number(t.version) !== want.version || !OPEN.includes(t.state))
        throw new DomainError(
          'conflict',
          'report.share_stale',
          `Отчёт по мероприятию ${label} уже изменён или отправлен. Обновите страницу.`,
          `target report ${t.id} changed`,
        );
      if (
        !authorize(actor, {
          action: 'measure.read',
          subject: {
            regionId: actor.regionId,
            plan: {
              regionId: actor.regionId,
              ownerOrganisationId: Number(t.owner_organisation_id),
              status: t.plan_status,
            },
            executorOrganisationIds: [ctx.report.organisation.id],
          },
        })
      )
        throw forbidden();
      const status = t.role === 'lead' ? (ctx.report.resultStatus ?? null) : null;
      if (t.role === 'lead' && !status)
        throw new DomainError(
          'validation',
          'report.share_status',
          `В плане ${label} ваша организация — ответственный исполнитель: укажите статус исполнения в отчёте`,
          'lead target without a status',
        );
      const before = await tx.one(`SELECT state, text, version FROM reports WHERE id = $1`, [t.id]);
      // data version: plan
      const updated = await tx.one(
        `UPDATE reports SET text = $3, result_status = $4, figures = $5, links = $6, state = 'submitted',
           submitted_at = COALESCE(submitted_at, now()), submitted_by = $7, shared_from_report_id = $8,
           version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $2 AND state = ANY($9::text[]) RETURNING id`,
        [
          t.id,
          want.version,
          ctx.report.text,
          status,
          JSON.stringify(ctx.report.figures),
          JSON.stringify(ctx.report.links),
          actor.userId,
          reportId,
          OPEN,
        ],
      );
      if (!updated)
        throw new DomainError(
          'conflict',
          'report.share_stale',
          `Отчёт по мероприятию ${label} уже изменён или отправлен. Обновите страницу.`,
          `target report ${t.id} changed`,
        );
      // One set of attachments: the same stored files, attached where they are not yet.
      await tx.query(
        `INSERT INTO report_attachments (report_id, file_id, created_by)
         SELECT $1, a.file_id, $3 FROM report_attachments a WHERE a.report_id = $2
           AND NOT EXISTS (SELECT 1 FROM report_attachments b WHERE b.report_id = $1 AND b.file_id = a.file_id)
         ORDER BY a.id`,
        [t.id, reportId, actor.userId],
      );
      await storeReportVerdict(tx, Number(t.id));
      const after = await writeVersion(tx, actor, Number(t.id), 'share');
      await recordAudit(tx, actor, actor.regionId, {
        action: 'report.shared',
        entityType: 'report',
        entityId: Number(t.id),
        planId: Number(t.plan_id),
        measureId: Number(t.measure_id),
        before,
        after: { ...after, sharedFrom: source },
      });
      done.push({
        reportId: Number(t.id),
        measureId: Number(t.measure_id),
        planId: Number(t.plan_id),
        planTitle: t.plan_title,
        state: 'submitted',
      });
    }
    return { shared: done };
  });
}
