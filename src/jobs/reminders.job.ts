/**
 * The reminder job: loads, region by region, the control dates, owed and returned reports
 * and plan counts; asks the pure planner (`domain/reminders`) what to send today; sends
 * each message and records it in `notifications`.
 *
 * Exactly-once across runs and instances: each notice's dedupe key is claimed with
 * `INSERT … ON CONFLICT (dedupe_key) DO NOTHING RETURNING id` in a transaction that stays
 * open while the message is sent. A second instance blocks on the same key until the
 * first commits (then skips it) or rolls back (then sends it). When sending throws, or
 * SMTP is not configured, the transaction rolls back and the notice is retried next run.
 * The price: a transaction open for one SMTP exchange (the mailer's timeouts are short).
 */
import type { Database, Queryable } from '../db/database.js';
import { addDaysIso } from '../domain/reporting/dates.js';
import { CONTROL_START_SQL } from '../domain/reporting/control-start.js';
import {
  isoWeekday,
  NOTICE_KINDS,
  planReminders,
  type ControlDateRow,
  type MeasureRef,
  type NoticeKind,
  type OwedReportRow,
  type PlannedNotice,
  type PlanWeekRow,
  type ReminderInput,
  type ReminderUser,
  type ReturnedReportRow,
} from '../domain/reminders/plan-reminders.js';
import { planInAppReminders } from '../domain/reminders/in-app-reminders.js';
import { writeAddressedNotices } from '../modules/notifications/index.js';
import { consoleLog, type JobLog, type Mailer } from './mailer.js';

export interface ReminderRunOptions {
  /** ISO date of the run (the server's local date unless given). */
  today: string;
  /** Base address of the web app, for links. */
  publicUrl: string;
  /** Which notices (default: all). The scheduler's every-5-minutes run asks for `returned` only. */
  kinds?: readonly NoticeKind[];
  log?: JobLog;
}

export interface ReminderRunResult {
  job: string;
  today: string;
  /** Notices planned after removing those already recorded. */
  planned: number;
  sent: number;
  /** Claimed by another run or instance in the meantime. */
  skipped: number;
  /** Not sent because SMTP is not configured (retried next run). */
  unsent: number;
  /** The SMTP server refused or could not be reached (retried next run). */
  failed: number;
  byKind: Record<NoticeKind, number>;
  /** In-app notices (the bell) written for approaching and missed dates. */
  inApp: number;
}

/** Consecutive SMTP failures after which a run gives up (the rest waits for the next run). */
const MAX_CONSECUTIVE_FAILURES = 3;

class NotSent extends Error {}

const pad = (n: number) => String(n).padStart(2, '0');

/** Today's date in the process time zone (TZ), as ISO `YYYY-MM-DD`. */
export function localIsoDate(d: Date = new Date()): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The name a run is recorded under in `job_runs`. */
export function reminderJobName(kinds: readonly NoticeKind[] = NOTICE_KINDS): string {
  return kinds.length === NOTICE_KINDS.length && NOTICE_KINDS.every((k) => kinds.includes(k))
    ? 'reminders'
    : `reminders:${[...kinds].sort().join(',')}`;
}

/**
 * Runs the reminders once for every region.
 * @example await runReminders(db, createMailer(env), { today: '2026-01-11', publicUrl: env.PUBLIC_URL })
 * // { job: 'reminders', today: '2026-01-11', planned: 2, sent: 2, skipped: 0, unsent: 0, failed: 0, byKind: { upcoming: 1, missed: 1, weekly: 0, returned: 0 } }
 */
export async function runReminders(db: Database, mailer: Mailer, opts: ReminderRunOptions): Promise<ReminderRunResult> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.today))
    throw new Error(`runReminders: today must be YYYY-MM-DD, got ${opts.today}`);
  const kinds = opts.kinds ?? NOTICE_KINDS;
  const log = opts.log ?? consoleLog;
  const result: ReminderRunResult = {
    job: reminderJobName(kinds),
    today: opts.today,
    planned: 0,
    sent: 0,
    skipped: 0,
    unsent: 0,
    failed: 0,
    byKind: { upcoming: 0, missed: 0, weekly: 0, returned: 0 },
    inApp: 0,
  };
  await db.query(
    `INSERT INTO job_runs (name, last_started_at) VALUES ($1, now()) ON CONFLICT (name) DO UPDATE SET last_started_at = now()`,
    [result.job],
  );
  try {
    const regions = await db.query<{ id: number }>(`SELECT id FROM regions ORDER BY id`);
    let failuresInRow = 0;
    regions: for (const { id: regionId } of regions) {
      const { notices, inApp } = await planRegion(db, Number(regionId), opts.today, opts.publicUrl, kinds);
      // The bell does not wait for SMTP: written first, idempotent by key.
      result.inApp += await writeAddressedNotices(db, Number(regionId), inApp);
      result.planned += notices.length;
      for (const n of notices) {
        const outcome = await deliver(db, mailer, n).catch((e: unknown) => {
          if (e instanceof NotSent) return 'unsent' as const;
          log.error(
            { err: e instanceof Error ? e.message : String(e), to: n.to, key: n.key },
            'reminder not sent: SMTP error',
          );
          return 'failed' as const;
        });
        result[outcome] += 1;
        if (outcome === 'sent') result.byKind[n.kind] += 1;
        failuresInRow = outcome === 'failed' ? failuresInRow + 1 : 0;
        if (failuresInRow >= MAX_CONSECUTIVE_FAILURES) {
          log.error({ failures: failuresInRow }, 'reminders: SMTP keeps failing, the rest waits for the next run');
          break regions;
        }
      }
    }
  } catch (e) {
    await recordRun(db, result.job, { ...result, error: e instanceof Error ? e.message : String(e) });
    throw e;
  }
  await recordRun(db, result.job, result);
  return result;
}

async function recordRun(db: Queryable, name: string, outcome: object): Promise<void> {
  await db.query(`UPDATE job_runs SET last_finished_at = now(), last_result = $2 WHERE name = $1`, [
    name,
    JSON.stringify(outcome),
  ]);
}

/** Claims the notice's keys, sends it, and commits; rolls back when sending fails. */
async function deliver(db: Database, mailer: Mailer, n: PlannedNotice): Promise<'sent' | 'skipped'> {
  return db.transaction(async (tx) => {
    const claimed = await tx.one(
      `INSERT INTO notifications (user_id, kind, dedupe_key, subject) VALUES ($1, $2, $3, $4)
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [n.userId, n.kind, n.key, n.subject],
    );
    if (!claimed) return 'skipped';
    if (n.itemKeys.length) {
      // The items it announces, so that none is announced again for the same date.
      await tx.query(
        `INSERT INTO notifications (user_id, kind, dedupe_key, subject) SELECT $1, $2, k, $3 FROM unnest($4::text[]) AS k
         ON CONFLICT (dedupe_key) DO NOTHING`,
        [n.userId, `${n.kind}.item`, n.subject, n.itemKeys],
      );
    }
    const r = await mailer.send({ to: n.to, subject: n.subject, text: n.text, html: n.html });
    if (!r.sent) throw new NotSent('SMTP is not configured');
    return 'sent';
  });
}

/**
 * Loads one region's rows and plans its e-mails (leaving out keys already recorded) and
 * its in-app notices. Users without e-mail are loaded too: the planner of e-mails skips
 * them, the bell does not.
 */
async function planRegion(
  db: Queryable,
  regionId: number,
  today: string,
  publicUrl: string,
  kinds: readonly NoticeKind[],
): Promise<{ notices: PlannedNotice[]; inApp: ReturnType<typeof planInAppReminders> }> {
  const users = (
    await db.query<Record<string, unknown>>(
      `SELECT u.id, u.email, u.full_name, u.role, u.organisation_id, o.short_name, u.notify_enabled, u.notify_days_before
     FROM users u JOIN organisations o ON o.id = u.organisation_id
     WHERE u.region_id = $1 AND u.active`,
      [regionId],
    )
  ).map((r): ReminderUser => ({
    id: Number(r.id),
    email: String(r.email),
    fullName: String(r.full_name),
    role: r.role as ReminderUser['role'],
    organisationId: Number(r.organisation_id),
    organisationName: String(r.short_name),
    notifyEnabled: Boolean(r.notify_enabled),
    notifyDaysBefore: Number(r.notify_days_before),
  }));
  if (users.length === 0) return { notices: [], inApp: [] };
  const yesterday = addDaysIso(today, -1);
  const maxDays = Math.min(
    30,
    Math.max(3, ...users.filter((u) => u.role === 'executor').map((u) => u.notifyDaysBefore)),
  );
  const until = addDaysIso(today, maxDays);
  const dated = kinds.includes('upcoming') || kinds.includes('missed');

  const measureOf = (r: Record<string, unknown>): MeasureRef => ({
    id: Number(r.measure_id),
    number: String(r.number),
    title: String(r.title),
    planId: Number(r.plan_id),
    planTitle: String(r.plan_title),
  });

  const controlDates: ControlDateRow[] = dated
    ? (
        await db.query<Record<string, unknown>>(
          `SELECT cp.measure_id, m.number, m.title, m.plan_id, p.title AS plan_title, cp.kind, cp.effective::text AS effective,
            me.organisation_id, m.open_due::text AS open_due, m.status, m.closed_at IS NOT NULL AS closed
     FROM control_points cp
       JOIN measures m ON m.id = cp.measure_id
       JOIN plans p ON p.id = m.plan_id
       JOIN measure_executors me ON me.measure_id = m.id
     WHERE cp.region_id = $1 AND cp.effective BETWEEN $2::date AND $3::date
       AND m.archived_at IS NULL AND p.status = 'active' AND cp.effective >= ${CONTROL_START_SQL}`,
          [regionId, yesterday, until],
        )
      ).map((r) => ({
        measure: measureOf(r),
        kind: r.kind as 'due' | 'report',
        effective: String(r.effective),
        organisationId: Number(r.organisation_id),
        openDue: (r.open_due as string | null) ?? null,
        status: (r.status as string | null) ?? null,
        closed: Boolean(r.closed),
      }))
    : [];

  const owedReports: OwedReportRow[] = dated
    ? (
        await db.query<Record<string, unknown>>(
          `SELECT r.id, r.measure_id, m.number, m.title, r.plan_id, p.title AS plan_title, r.organisation_id, rp.label, r.due_on::text AS report_due, r.state
     FROM reports r
       JOIN reporting_periods rp ON rp.id = r.period_id
       JOIN measures m ON m.id = r.measure_id
       JOIN plans p ON p.id = r.plan_id
     WHERE r.region_id = $1 AND r.state IN ('expected', 'draft', 'returned') AND r.due_on BETWEEN $2::date AND $3::date
       AND m.archived_at IS NULL AND m.closed_at IS NULL AND p.status = 'active'`,
          [regionId, yesterday, until],
        )
      ).map((r) => ({
        reportId: Number(r.id),
        measure: measureOf(r),
        organisationId: Number(r.organisation_id),
        periodLabel: String(r.label),
        reportDue: String(r.report_due),
        state: r.state as OwedReportRow['state'],
      }))
    : [];

  // A return is identified by the version the review wrote (report_versions), so that
  // saving a draft of the returned report does not look like a new return.
  const returnedReports: ReturnedReportRow[] = kinds.includes('returned')
    ? (
        await db.query<Record<string, unknown>>(
          `SELECT r.id, r.measure_id, m.number, m.title, r.plan_id, p.title AS plan_title, r.organisation_id, o.short_name, rp.label, r.review_comment,
            coalesce((SELECT max(v.version) FROM report_versions v WHERE v.report_id = r.id AND v.action IN ('return', 'reopen')), r.version) AS return_version
     FROM reports r
       JOIN reporting_periods rp ON rp.id = r.period_id
       JOIN measures m ON m.id = r.measure_id
       JOIN plans p ON p.id = r.plan_id
       JOIN organisations o ON o.id = r.organisation_id
     WHERE r.region_id = $1 AND r.state = 'returned' AND m.archived_at IS NULL AND p.status <> 'archived'`,
          [regionId],
        )
      ).map((r) => ({
        reportId: Number(r.id),
        returnVersion: Number(r.return_version),
        measure: measureOf(r),
        organisationId: Number(r.organisation_id),
        organisationName: String(r.short_name),
        periodLabel: String(r.label),
        comment: (r.review_comment as string | null) ?? null,
      }))
    : [];

  // Counts for the coordinators' weekly summary (Mondays): the traffic-light rules
  // (earliest open date) over this Monday to Sunday.
  const planWeeks: PlanWeekRow[] =
    kinds.includes('weekly') && isoWeekday(today) === 1
      ? (
          await db.query<Record<string, unknown>>(
            `SELECT p.id, p.title, p.owner_organisation_id,
            count(m.id) FILTER (WHERE m.open_due < $2::date)::int AS overdue,
            count(m.id) FILTER (WHERE m.open_due BETWEEN $2::date AND $3::date)::int AS due_this_week,
            (SELECT count(*)::int FROM reports r WHERE r.plan_id = p.id AND r.role = 'lead' AND r.state = 'submitted') AS awaiting_review
     FROM plans p
       LEFT JOIN measures m ON m.plan_id = p.id AND m.archived_at IS NULL AND m.closed_at IS NULL AND m.status IS DISTINCT FROM 'done'
     WHERE p.region_id = $1 AND p.status = 'active'
     GROUP BY p.id, p.title, p.owner_organisation_id`,
            [regionId, today, addDaysIso(today, 6)],
          )
        ).map((r) => ({
          planId: Number(r.id),
          planTitle: String(r.title),
          ownerOrganisationId: Number(r.owner_organisation_id),
          overdue: Number(r.overdue),
          dueThisWeek: Number(r.due_this_week),
          awaitingReview: Number(r.awaiting_review),
        }))
      : [];

  const inApp = dated ? planInAppReminders({ today, users, controlDates, owedReports }) : [];
  const input: ReminderInput = {
    today,
    publicUrl,
    users,
    controlDates,
    owedReports,
    returnedReports,
    planWeeks,
    sentKeys: new Set(),
    kinds,
  };
  // First pass: every key the planner could use today; then ask which are already recorded
  // (an exact lookup on the unique index, however long the history) and plan again.
  const candidates = planReminders(input).flatMap((n) => [n.key, ...n.itemKeys]);
  if (candidates.length === 0) return { notices: [], inApp };
  const sent = await db.query<{ dedupe_key: string }>(
    `SELECT dedupe_key FROM notifications WHERE dedupe_key = ANY($1::text[])`,
    [candidates],
  );
  return { notices: planReminders({ ...input, sentKeys: new Set(sent.map((s) => s.dedupe_key)) }), inApp };
}
