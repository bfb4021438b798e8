/**
 * Execution reports: each executor of a measure writes its report for a period, the
 * lead gathers the co-executors' parts and submits, the coordinator accepts or returns.
 * Every version is kept; a stale save is refused, never silently overwritten.
 */
import type { Database, Queryable } from '../../db/database.js';
import { DomainError, forbidden, notFound } from '../../domain/errors.js';
import {
  authorize,
  reportAbilities,
  type Actor,
  type PlanSubject,
  type ReportSubject,
} from '../../domain/policy/authorize.js';
import {
  gatherExecutionText,
  nextReportState,
  type ReportAction,
  type ReportState,
} from '../../domain/reporting/report-workflow.js';
import { applyExecutionResult } from '../measures/index.js';
import { recordAudit } from '../audit/index.js';
import { measureFacts, notifyOrganisations } from '../notifications/index.js';
import { reportReviewedNotice } from '../../domain/notifications/events.js';
import { contentMatchesExtension, storeFile, type UploadedFile } from '../files/index.js';
import { loadPlanRow, planSubjectOf } from '../plans/index.js';
import { refreshOpenDue } from '../obligations/index.js';

export type ResultStatus = 'done' | 'partial' | 'not_done' | 'not_due';

export interface ReportView {
  id: number;
  planId: number;
  measureId: number;
  period: { id: number; label: string; startsOn: string; endsOn: string; reportDue: string };
  organisation: { id: number; shortName: string; fullName: string };
  role: 'lead' | 'co';
  state: ReportState;
  resultStatus: ResultStatus | null;
  text: string;
  figures: Record<string, unknown>;
  links: string[];
  version: number;
  submittedAt: string | null;
  /** The day this report is due: the period's report day, or the measure's own report date. */
  dueOn: string;
  onTime: boolean | null;
  reviewedAt: string | null;
  reviewComment: string | null;
  attachments: { id: number; fileId: number; name: string; size: number }[];
  updatedAt: string;
}

const iso = (v: unknown) => (v == null ? null : new Date(v as string).toISOString());

const reportSelect = `
  SELECT r.*, rp.label, rp.starts_on::text AS starts_on, rp.ends_on::text AS ends_on, rp.report_due::text AS report_due, r.due_on::text AS due_on,
         o.short_name, o.full_name
  FROM reports r JOIN reporting_periods rp ON rp.id = r.period_id JOIN organisations o ON o.id = r.organisation_id`;

function presentReport(r: Record<string, unknown>, attachments: ReportView['attachments'] = []): ReportView {
  const submittedAt = iso(r.submitted_at);
  return {
    id: Number(r.id),
    planId: Number(r.plan_id),
    measureId: Number(r.measure_id),
    period: {
      id: Number(r.period_id),
      label: String(r.label),
      startsOn: String(r.starts_on),
      endsOn: String(r.ends_on),
      reportDue: String(r.report_due),
    },
    organisation: { id: Number(r.organisation_id), shortName: String(r.short_name), fullName: String(r.full_name) },
    role: r.role as 'lead' | 'co',
    state: r.state as ReportState,
    resultStatus: (r.result_status as ResultStatus) ?? null,
    text: String(r.text),
    figures: (r.figures as Record<string, unknown>) ?? {},
    links: (r.links as string[]) ?? [],
    version: Number(r.version),
    submittedAt,
    dueOn: String(r.due_on),
    // Timeliness counts the first submission against the report's due day (inclusive).
    onTime: submittedAt ? submittedAt.slice(0, 10) <= String(r.due_on) : null,
    reviewedAt: iso(r.reviewed_at),
    reviewComment: (r.review_comment as string) ?? null,
    attachments,
    updatedAt: iso(r.updated_at)!,
  };
}

interface ReportContext {
  report: ReportView;
  plan: PlanSubject;
  planKind: string;
  executorOrgIds: number[];
}

async function loadAttachments(db: Queryable, reportIds: number[]) {
  const out = new Map<number, ReportView['attachments']>();
  if (reportIds.length === 0) return out;
  const rows = await db.query<{ id: number; report_id: number; file_id: number; name: string; size: number }>(
    `SELECT a.id, a.report_id, a.file_id, f.name, f.size FROM report_attachments a JOIN stored_files f ON f.id = a.file_id
     WHERE a.report_id = ANY($1::int[]) ORDER BY a.id`,
    [reportIds],
  );
  for (const r of rows) {
    const list = out.get(Number(r.report_id)) ?? out.set(Number(r.report_id), []).get(Number(r.report_id))!;
    list.push({ id: Number(r.id), fileId: Number(r.file_id), name: r.name, size: Number(r.size) });
  }
  return out;
}

async function loadContext(db: Queryable, actor: Actor, id: number): Promise<ReportContext> {
  const row = await db.one(`${reportSelect} WHERE r.id = $1 AND r.region_id = $2`, [id, actor.regionId]);
  if (!row) throw notFound('Отчёт не найден', `report ${id} not found`);
  const plan = await loadPlanRow(db, actor, Number(row.plan_id));
  const execs = await db.query<{ organisation_id: number }>(
    `SELECT organisation_id FROM measure_executors WHERE measure_id = $1`,
    [row.measure_id],
  );
  const attachments = (await loadAttachments(db, [id])).get(id) ?? [];
  const ctx = {
    report: presentReport(row, attachments),
    plan: planSubjectOf(plan),
    planKind: plan.kind,
    executorOrgIds: execs.map((e) => Number(e.organisation_id)),
  };
  if (
    !authorize(actor, {
      action: 'measure.read',
      subject: { regionId: actor.regionId, plan: ctx.plan, executorOrganisationIds: ctx.executorOrgIds },
    })
  )
    throw forbidden();
  return ctx;
}

/** The report as the permission subject (domain/policy/authorize.ts: report.write, report.review). */
const reportSubject = (ctx: ReportContext): ReportSubject => ({
  regionId: ctx.plan.regionId,
  plan: ctx.plan,
  organisationId: ctx.report.organisation.id,
  role: ctx.report.role,
});
const mayWrite = (actor: Actor, ctx: ReportContext) =>
  authorize(actor, { action: 'report.write', subject: reportSubject(ctx) });
const mayReview = (actor: Actor, ctx: ReportContext) =>
  authorize(actor, { action: 'report.review', subject: reportSubject(ctx) });
const abilitiesOf = (actor: Actor, ctx: ReportContext) =>
  reportAbilities(actor, { ...reportSubject(ctx), state: ctx.report.state });

/** The co-executors' parts that the lead's report gathers. */
async function loadParts(db: Queryable, report: ReportView) {
  if (report.role !== 'lead') return [];
  const rows = await db.query(
    `${reportSelect} WHERE r.measure_id = $1 AND r.period_id = $2 AND r.role = 'co' ORDER BY o.short_name`,
    [report.measureId, report.period.id],
  );
  return rows.map((r) => presentReport(r));
}

export async function getReport(db: Queryable, actor: Actor, id: number) {
  const ctx = await loadContext(db, actor, id);
  const parts = await loadParts(db, ctx.report);
  const versions = await db.query<Record<string, unknown>>(
    `SELECT v.version, v.action, v.snapshot, v.at, u.full_name FROM report_versions v LEFT JOIN users u ON u.id = v.actor_user_id WHERE v.report_id = $1 ORDER BY v.id DESC`,
    [id],
  );
  return {
    ...ctx.report,
    parts,
    gatheredText: gatherExecutionText(
      { organisation: ctx.report.organisation.shortName, text: ctx.report.text },
      parts
        .filter((p) => p.state === 'submitted' || p.state === 'accepted')
        .map((p) => ({ organisation: p.organisation.shortName, text: p.text })),
    ),
    versions: versions.map((v) => ({
      version: Number(v.version),
      action: String(v.action),
      snapshot: v.snapshot,
      at: iso(v.at),
      actor: (v.full_name as string) ?? null,
    })),
    abilities: abilitiesOf(actor, ctx),
  };
}

/** Reports of one measure, all periods, for whoever may see the measure. */
export async function listMeasureReports(db: Queryable, actor: Actor, measureId: number) {
  const m = await db.one<{ plan_id: number }>(`SELECT plan_id FROM measures WHERE id = $1 AND region_id = $2`, [
    measureId,
    actor.regionId,
  ]);
  if (!m) throw notFound('Мероприятие не найдено', `measure ${measureId} not found`);
  const plan = await loadPlanRow(db, actor, m.plan_id);
  const execs = (
    await db.query<{ organisation_id: number }>(`SELECT organisation_id FROM measure_executors WHERE measure_id = $1`, [
      measureId,
    ])
  ).map((e) => Number(e.organisation_id));
  if (
    !authorize(actor, {
      action: 'measure.read',
      subject: { regionId: actor.regionId, plan: planSubjectOf(plan), executorOrganisationIds: execs },
    })
  )
    throw forbidden();
  const rows = await db.query(`${reportSelect} WHERE r.measure_id = $1 ORDER BY rp.starts_on, r.role, o.short_name`, [
    measureId,
  ]);
  const att = await loadAttachments(
    db,
    rows.map((r) => Number(r.id)),
  );
  return rows.map((r) => {
    const report = presentReport(r, att.get(Number(r.id)) ?? []);
    return {
      ...report,
      abilities: abilitiesOf(actor, {
        report,
        plan: planSubjectOf(plan),
        planKind: plan.kind,
        executorOrgIds: execs,
      }),
    };
  });
}

/** Reports the user's organisation owes or has written, across plans («Мои отчёты»). */
export async function listMyReports(db: Queryable, actor: Actor, opts: { state?: ReportState } = {}) {
  const rows = await db.query(
    `${reportSelect} JOIN measures m ON m.id = r.measure_id JOIN plans p ON p.id = r.plan_id
     WHERE r.region_id = $1 AND r.organisation_id = $2 AND p.status <> 'archived' AND m.archived_at IS NULL ${opts.state ? 'AND r.state = $3' : ''}
     ORDER BY r.due_on, m.position LIMIT 1000`,
    opts.state ? [actor.regionId, actor.organisationId, opts.state] : [actor.regionId, actor.organisationId],
  );
  const measures = rows.length
    ? await db.query<{ id: number; number: string; title: string; plan_id: number; plan_title: string }>(
        `SELECT m.id, m.number, m.title, m.plan_id, p.title AS plan_title FROM measures m JOIN plans p ON p.id = m.plan_id WHERE m.id = ANY($1::int[])`,
        [[...new Set(rows.map((r) => Number(r.measure_id)))]],
      )
    : [];
  const byId = new Map(measures.map((m) => [Number(m.id), m]));
  return rows.map((r) => {
    const m = byId.get(Number(r.measure_id))!;
    return {
      ...presentReport(r),
      measure: { id: Number(m.id), number: m.number, title: m.title },
      plan: { id: Number(m.plan_id), title: m.plan_title },
    };
  });
}

/** Reports awaiting the coordinator's decision in the plans the user manages. */
export async function listReviewQueue(db: Queryable, actor: Actor) {
  if (!authorize(actor, { action: 'review.queue', subject: actor })) return [];
  const rows = await db.query(
    `${reportSelect} JOIN plans p ON p.id = r.plan_id JOIN measures m ON m.id = r.measure_id
     WHERE r.region_id = $1 AND r.role = 'lead' AND r.state = 'submitted' AND p.status <> 'archived'
       AND ($2::text = 'admin' OR p.owner_organisation_id = $3)
     ORDER BY r.submitted_at LIMIT 500`,
    [actor.regionId, actor.role, actor.organisationId],
  );
  return rows.map((r) => presentReport(r));
}

async function writeVersion(tx: Queryable, actor: Actor, reportId: number, action: string) {
  const row = await tx.one(`${reportSelect} WHERE r.id = $1`, [reportId]);
  const snap = presentReport(row!);
  await tx.query(
    `INSERT INTO report_versions (report_id, version, action, snapshot, actor_user_id) VALUES ($1,$2,$3,$4,$5)`,
    [
      reportId,
      snap.version,
      action,
      JSON.stringify({
        state: snap.state,
        resultStatus: snap.resultStatus,
        text: snap.text,
        figures: snap.figures,
        links: snap.links,
        reviewComment: snap.reviewComment,
      }),
      actor.userId,
    ],
  );
  return snap;
}

function stale(id: number, current: ReportView): never {
  throw new DomainError(
    'conflict',
    'report.stale',
    `Отчёт уже изменил другой пользователь (версия ${current.version}). Его текст: «${current.text.slice(0, 300)}${current.text.length > 300 ? '…' : ''}». Обновите страницу и внесите свои изменения заново.`,
    `report ${id} stale`,
  );
}

export interface ReportInput {
  version: number;
  text?: string;
  resultStatus?: ResultStatus | null;
  figures?: Record<string, string | number>;
  links?: string[];
}

/** Saves (and with `submit`, submits) the executor's report. */
export async function saveReport(db: Database, actor: Actor, id: number, input: ReportInput, submit: boolean) {
  return db.transaction(async (tx) => {
    const ctx = await loadContext(tx, actor, id);
    if (!mayWrite(actor, ctx)) throw forbidden();
    if (ctx.report.version !== input.version) stale(id, ctx.report);
    const action: ReportAction = submit ? 'submit' : 'save';
    const next = nextReportState(ctx.report.state, action);
    const text = input.text ?? ctx.report.text;
    const status = input.resultStatus !== undefined ? input.resultStatus : ctx.report.resultStatus;
    if (submit && !text.trim())
      throw new DomainError(
        'validation',
        'report.empty',
        'Заполните информацию об исполнении перед отправкой',
        'empty report text',
      );
    if (submit && ctx.report.role === 'lead' && !status)
      throw new DomainError(
        'validation',
        'report.status',
        'Укажите статус исполнения перед отправкой',
        'missing result status',
      );
    // data version: plan
    const updated = await tx.one(
      `UPDATE reports SET text = $3, result_status = $4, figures = COALESCE($5, figures), links = COALESCE($6, links), state = $7,
         submitted_at = CASE WHEN $8::boolean THEN COALESCE(submitted_at, now()) ELSE submitted_at END,
         submitted_by = CASE WHEN $8::boolean THEN $9 ELSE submitted_by END,
         version = version + 1, updated_at = now()
       WHERE id = $1 AND version = $2 RETURNING id`,
      [
        id,
        input.version,
        text,
        status,
        input.figures ? JSON.stringify(input.figures) : null,
        input.links ? JSON.stringify(input.links) : null,
        next,
        submit,
        actor.userId,
      ],
    );
    if (!updated) stale(id, ctx.report);
    const after = await writeVersion(tx, actor, id, action);
    await recordAudit(tx, actor, actor.regionId, {
      action: `report.${action}`,
      entityType: 'report',
      entityId: id,
      planId: ctx.report.planId,
      measureId: ctx.report.measureId,
      before: ctx.report,
      after,
    });
    return after;
  });
}

/** The coordinator's decision on a lead report. Accepting writes the gathered text and status onto the measure. */
export async function reviewReport(
  db: Database,
  actor: Actor,
  id: number,
  decision: 'accept' | 'return',
  input: { version: number; comment?: string },
) {
  return db.transaction(async (tx) => {
    const ctx = await loadContext(tx, actor, id);
    if (!mayReview(actor, ctx)) throw forbidden();
    if (ctx.report.version !== input.version) stale(id, ctx.report);
    const next = nextReportState(ctx.report.state, decision);
    if (decision === 'return' && !input.comment?.trim())
      throw new DomainError('validation', 'report.comment', 'Укажите, что нужно доработать', 'return without comment');
    // Conditional on the version and state read: of two concurrent decisions only one applies.
    // data version: plan
    const changed = await tx.one(
      `UPDATE reports SET state = $2, reviewed_at = now(), reviewed_by = $3, review_comment = $4, version = version + 1, updated_at = now()
       WHERE id = $1 AND version = $5 AND state = $6 RETURNING id`,
      [id, next, actor.userId, input.comment?.trim() || null, input.version, ctx.report.state],
    );
    if (!changed) stale(id, ctx.report);
    // Co-executors' parts follow the lead's fate.
    // data version: plan
    const parts = await tx.query<{ id: number; organisation_id: number }>(
      `UPDATE reports SET state = $3, updated_at = now() WHERE measure_id = $1 AND period_id = $2 AND role = 'co' AND state = 'submitted' RETURNING id, organisation_id`,
      [ctx.report.measureId, ctx.report.period.id, decision === 'accept' ? 'accepted' : 'submitted'],
    );
    const facts = await measureFacts(tx, ctx.report.measureId);
    const notice = (reportId: number) =>
      reportReviewedNotice(decision, {
        measure: facts,
        reportId,
        periodLabel: ctx.report.period.label,
        comment: input.comment,
      });
    await notifyOrganisations(tx, actor.regionId, [ctx.report.organisation.id], notice(id), { except: actor.userId });
    if (decision === 'accept') {
      for (const p of parts)
        await notifyOrganisations(tx, actor.regionId, [Number(p.organisation_id)], notice(Number(p.id)), {
          except: actor.userId,
        });
    }
    if (decision === 'accept') {
      const parts = (await loadParts(tx, ctx.report)).filter((p) => p.state === 'accepted');
      const gathered = gatherExecutionText(
        { organisation: ctx.report.organisation.shortName, text: ctx.report.text },
        parts.map((p) => ({ organisation: p.organisation.shortName, text: p.text })),
      );
      const before = await tx.one<{ status: string | null; execution_text: string }>(
        `SELECT status, execution_text FROM measures WHERE id = $1`,
        [ctx.report.measureId],
      );
      await applyExecutionResult(tx, ctx.report.measureId, {
        status: ctx.report.resultStatus,
        executionText: gathered,
      });
      await recordAudit(tx, actor, actor.regionId, {
        action: 'measure.report_accepted',
        entityType: 'measure',
        entityId: ctx.report.measureId,
        planId: ctx.report.planId,
        measureId: ctx.report.measureId,
        before: { status: before?.status ?? null, executionText: before?.execution_text ?? '' },
        after: { status: ctx.report.resultStatus, executionText: gathered, period: ctx.report.period.label },
      });
    }
    await refreshOpenDue(tx, { measureIds: [ctx.report.measureId] });
    const after = await writeVersion(tx, actor, id, decision);
    await recordAudit(tx, actor, actor.regionId, {
      action: `report.${decision}`,
      entityType: 'report',
      entityId: id,
      planId: ctx.report.planId,
      measureId: ctx.report.measureId,
      before: ctx.report,
      after,
    });
    return after;
  });
}

export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;
const ATTACHMENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  txt: 'text/plain',
  zip: 'application/zip',
};

/**
 * Checks the declared type against the content: the first bytes, and for .docx/.xlsx/.odt/.ods/.zip
 * the archive's structure (see files/file-type.ts), so a renamed executable is not stored as a document.
 */
const sniffMatches = (ext: string, b: Uint8Array): boolean => contentMatchesExtension(ext, b);

export async function addAttachment(db: Database, actor: Actor, reportId: number, file: UploadedFile) {
  const ext = (file.name.split('.').pop() ?? '').toLowerCase();
  if (!ATTACHMENT_TYPES[ext])
    throw new DomainError(
      'unsupported',
      'attachment.type',
      'Недопустимый тип файла. Прикладываются PDF, Word, Excel, OpenDocument, JPEG, PNG, TXT и ZIP',
      `attachment type ${ext}`,
    );
  if (file.bytes.byteLength > ATTACHMENT_MAX_BYTES)
    throw new DomainError(
      'too_large',
      'attachment.size',
      'Файл слишком большой: не более 20 МБ',
      'attachment too large',
    );
  if (file.bytes.byteLength === 0)
    throw new DomainError('validation', 'attachment.empty', 'Файл пуст', 'empty attachment');
  if (!sniffMatches(ext, file.bytes))
    throw new DomainError(
      'unsupported',
      'attachment.content',
      'Содержимое файла не соответствует его расширению',
      `attachment content does not match .${ext}`,
    );
  return db.transaction(async (tx) => {
    const ctx = await loadContext(tx, actor, reportId);
    if (!mayWrite(actor, ctx) || !['expected', 'draft', 'returned'].includes(ctx.report.state)) throw forbidden();
    const fileId = await storeFile(tx, actor, { ...file, mime: ATTACHMENT_TYPES[ext] });
    const a = await tx.one<{ id: number }>(
      `INSERT INTO report_attachments (report_id, file_id, created_by) VALUES ($1,$2,$3) RETURNING id`,
      [reportId, fileId, actor.userId],
    );
    await recordAudit(tx, actor, actor.regionId, {
      action: 'report.attachment_added',
      entityType: 'report',
      entityId: reportId,
      planId: ctx.report.planId,
      measureId: ctx.report.measureId,
      after: { fileId, name: file.name, size: file.bytes.byteLength },
    });
    return { id: a!.id, fileId, name: file.name, size: file.bytes.byteLength };
  });
}

/**
 * Removes a file from a report still being written (expected, draft or returned for
 * rework), by the report's own organisation. The report row is locked first, so a
 * concurrent submit either happens before (and the removal is refused) or after. The
 * stored file stays: the audit event names it, and another report may share its content.
 */
export async function removeAttachment(db: Database, actor: Actor, reportId: number, attachmentId: number) {
  return db.transaction(async (tx) => {
    await tx.query(`SELECT id FROM reports WHERE id = $1 FOR UPDATE`, [reportId]);
    const ctx = await loadContext(tx, actor, reportId);
    if (!mayWrite(actor, ctx)) throw forbidden();
    if (!['expected', 'draft', 'returned'].includes(ctx.report.state)) {
      throw new DomainError(
        'conflict',
        'attachment.report_sent',
        'Файл нельзя убрать: отчёт уже отправлен',
        `report ${reportId} is ${ctx.report.state}`,
      );
    }
    const removed = ctx.report.attachments.find((a) => a.id === attachmentId);
    const deleted = removed
      ? await tx.one(`DELETE FROM report_attachments WHERE id = $1 AND report_id = $2 RETURNING id`, [
          attachmentId,
          reportId,
        ])
      : null;
    if (!deleted)
      throw notFound('Файл не найден в этом отчёте', `attachment ${attachmentId} not in report ${reportId}`);
    await recordAudit(tx, actor, actor.regionId, {
      action: 'report.attachment_removed',
      entityType: 'report',
      entityId: reportId,
      planId: ctx.report.planId,
      measureId: ctx.report.measureId,
      before: { fileId: removed!.fileId, name: removed!.name, size: removed!.size },
    });
    return { ok: true };
  });
}

/** May the actor download a file attached to a report? (Whoever may read the report.) */
export async function canReadAttachmentFile(db: Queryable, actor: Actor, fileId: number): Promise<boolean> {
  const r = await db.one<{ report_id: number }>(`SELECT report_id FROM report_attachments WHERE file_id = $1`, [
    fileId,
  ]);
  if (!r) return false;
  try {
    await loadContext(db, actor, Number(r.report_id));
    return true;
  } catch {
    return false;
  }
}
