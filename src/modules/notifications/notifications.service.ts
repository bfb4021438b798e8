/**
 * In-app notifications (the bell). Rows are written by the services whose events cause
 * them, inside those services' transactions, so that a return without its notice (or a
 * notice of a return that rolled back) cannot exist; the reminder job adds approaching
 * and missed dates. Reading is scoped in SQL to the signed-in user.
 */
import type { Queryable } from '../../db/database.js';
import type { Actor } from '../../domain/policy/authorize.js';
import type { InAppNotice } from '../../domain/notifications/events.js';
import type { AddressedNotice } from '../../domain/reminders/in-app-reminders.js';

/** Roles whose people write an organisation's reports, and so hear about them. */
const WRITING_ROLES = ['executor', 'coordinator'];

/**
 * One row for every active user of the given organisations who writes their reports
 * (executors and coordinators), the actor excepted. Returns how many rows were written.
 * @example await notifyOrganisations(tx, actor.regionId, [report.organisation.id], notice, { except: actor.userId })
 */
export async function notifyOrganisations(
  tx: Queryable,
  regionId: number,
  organisationIds: number[],
  notice: InAppNotice,
  opts: { except?: number } = {},
): Promise<number> {
  if (organisationIds.length === 0) return 0;
  const rows = await tx.query(
    `INSERT INTO user_notifications (region_id, user_id, kind, title, body, plan_id, measure_id, report_id, dedupe_key)
     SELECT $1, u.id, $4, $5, $6, $7, $8, $9, CASE WHEN $10::text IS NULL THEN NULL ELSE $10 || ':' || u.id END
     FROM users u
     WHERE u.region_id = $1 AND u.organisation_id = ANY($2::int[]) AND u.active AND u.role = ANY($3::text[]) AND u.id <> $11
     ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    [
      regionId,
      organisationIds,
      WRITING_ROLES,
      notice.kind,
      notice.title,
      notice.body,
      notice.planId ?? null,
      notice.measureId ?? null,
      notice.reportId ?? null,
      notice.dedupeKey ?? null,
      opts.except ?? 0,
    ],
  );
  return rows.length;
}

/** Writes notices already addressed to users (the reminder job), skipping keys already written. */
export async function writeAddressedNotices(
  db: Queryable,
  regionId: number,
  notices: AddressedNotice[],
): Promise<number> {
  let written = 0;
  const CHUNK = 2000;
  for (let i = 0; i < notices.length; i += CHUNK) {
    const part = notices.slice(i, i + CHUNK);
    const col = <T>(f: (n: AddressedNotice) => T) => part.map(f);
    const rows = await db.query(
      `INSERT INTO user_notifications (region_id, user_id, kind, title, body, plan_id, measure_id, report_id, dedupe_key)
       SELECT $1, w.* FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[], $8::int[], $9::text[]) AS w
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [
        regionId,
        col((n) => n.userId),
        col((n) => n.kind),
        col((n) => n.title),
        col((n) => n.body),
        col((n) => n.planId ?? null),
        col((n) => n.measureId ?? null),
        col((n) => n.reportId ?? null),
        col((n) => n.dedupeKey),
      ],
    );
    written += rows.length;
  }
  return written;
}

export interface NotificationView {
  id: number;
  kind: InAppNotice['kind'];
  title: string;
  body: string;
  planId: number | null;
  measureId: number | null;
  reportId: number | null;
  createdAt: string;
  read: boolean;
}

interface NotificationRow {
  id: number;
  kind: NotificationView['kind'];
  title: string;
  body: string;
  plan_id: number | null;
  measure_id: number | null;
  report_id: number | null;
  created_at: Date;
  read_at: Date | null;
}
const notificationColumns = 'id, kind, title, body, plan_id, measure_id, report_id, created_at, read_at';

const present = (r: NotificationRow): NotificationView => ({
  id: Number(r.id),
  kind: r.kind,
  title: r.title,
  body: r.body,
  planId: r.plan_id == null ? null : Number(r.plan_id),
  measureId: r.measure_id == null ? null : Number(r.measure_id),
  reportId: r.report_id == null ? null : Number(r.report_id),
  createdAt: new Date(r.created_at).toISOString(),
  read: r.read_at != null,
});

export async function countUnread(db: Queryable, actor: Actor): Promise<number> {
  const r = await db.one<{ n: number }>(
    `SELECT count(*)::int AS n FROM user_notifications WHERE user_id = $1 AND region_id = $2 AND read_at IS NULL`,
    [actor.userId, actor.regionId],
  );
  return Number(r?.n ?? 0);
}

/** The user's notices, newest first; `before` pages by id. */
export async function listNotifications(
  db: Queryable,
  actor: Actor,
  opts: { unread?: boolean; limit: number; before?: number },
) {
  const params: unknown[] = [actor.userId, actor.regionId];
  let where = `user_id = $1 AND region_id = $2`;
  if (opts.unread) where += ` AND read_at IS NULL`;
  if (opts.before) {
    params.push(opts.before);
    where += ` AND id < $${params.length}`;
  }
  params.push(opts.limit + 1);
  const rows = await db.query<NotificationRow>(
    `SELECT ${notificationColumns} FROM user_notifications WHERE ${where} ORDER BY id DESC LIMIT $${params.length}`,
    params,
  );
  const items = rows.slice(0, opts.limit).map(present);
  return { items, more: rows.length > opts.limit, unread: await countUnread(db, actor) };
}

/** Marks the given notices (or all) read; only the user's own rows are touched. */
export async function markRead(db: Queryable, actor: Actor, opts: { ids?: number[]; all?: boolean }) {
  if (opts.all) {
    await db.query(
      `UPDATE user_notifications SET read_at = now() WHERE user_id = $1 AND region_id = $2 AND read_at IS NULL`,
      [actor.userId, actor.regionId],
    );
  } else if (opts.ids?.length) {
    await db.query(
      `UPDATE user_notifications SET read_at = now() WHERE user_id = $1 AND region_id = $2 AND read_at IS NULL AND id = ANY($3::bigint[])`,
      [actor.userId, actor.regionId, opts.ids],
    );
  }
  return { unread: await countUnread(db, actor) };
}
