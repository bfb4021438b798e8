/**
 * The home page («Моя работа») where executors land: what their organisation must submit
 * and by when, what came back and why, the decisions on their extension requests, with
 * counts; for those who review, what awaits them. Everything scoped in SQL to the user's
 * organisation (and, for reviewers, to the plans they manage).
 */
import type { Queryable } from '../../db/database.js';
import { measureLabel, shortPlanTitle } from '../../domain/naming/plan-title.js';
import type { Actor } from '../../domain/policy/authorize.js';
import { addDaysIso } from '../../domain/reporting/dates.js';
import { listNotifications } from '../notifications/index.js';
import { listPage, mayReview, OPEN_STATES } from './report-list.service.js';

/** «Скоро срок» on the home page: the next two weeks. */
export const SOON_DAYS = 14;

export async function getHome(db: Queryable, actor: Actor, today: string) {
  const soon = addDaysIso(today, SOON_DAYS);
  const own = await db.one<Record<string, number>>(
    `SELECT count(*) FILTER (WHERE r.state = ANY($3::text[]) AND r.due_on < $4::date)::int AS overdue,
            count(*) FILTER (WHERE r.state = ANY($3::text[]) AND r.due_on BETWEEN $4::date AND $5::date)::int AS due_soon,
            count(*) FILTER (WHERE r.state = ANY($3::text[]))::int AS open,
            count(*) FILTER (WHERE r.state = 'returned')::int AS returned,
            count(*) FILTER (WHERE r.state = 'submitted')::int AS submitted,
            count(*) FILTER (WHERE r.state = 'accepted')::int AS accepted
     FROM reports r JOIN plans p ON p.id = r.plan_id
     WHERE r.region_id = $1 AND r.organisation_id = $2 AND p.status <> 'archived'`,
    [actor.regionId, actor.organisationId, OPEN_STATES, today, soon],
  );
  const page = (over: object) => listPage(db, actor, { view: 'mine', today, page: 1, pageSize: 10, ...over });
  const [toSubmit, returned, extensions, notifications] = await Promise.all([
    // Overdue first, then what falls due soonest: the order of the list is by due day.
    page({ states: OPEN_STATES, dueTo: soon }),
    page({ states: ['returned'] }),
    db.query<Record<string, unknown>>(
      `SELECT e.id, e.measure_id, e.state, e.reason, e.current_due::text AS current_due, e.requested_due::text AS requested_due, e.decision_comment,
              e.decided_at, e.created_at, m.number, m.title, p.id AS plan_id, p.title AS plan_title
       FROM extension_requests e JOIN measures m ON m.id = e.measure_id JOIN plans p ON p.id = e.plan_id
       WHERE e.region_id = $1 AND e.organisation_id = $2 AND (e.state = 'pending' OR e.decided_at > now() - interval '60 days')
       ORDER BY (e.state = 'pending') DESC, coalesce(e.decided_at, e.created_at) DESC LIMIT 10`,
      [actor.regionId, actor.organisationId],
    ),
    listNotifications(db, actor, { limit: 5 }),
  ]);
  const review = mayReview(actor)
    ? await db.one<{ reports: number; extensions: number }>(
        `SELECT (SELECT count(*)::int FROM reports r JOIN plans p ON p.id = r.plan_id
             WHERE r.region_id = $1 AND r.role = 'lead' AND r.state = 'submitted' AND p.status <> 'archived' AND ($2 = 'admin' OR p.owner_organisation_id = $3)) AS reports,
            (SELECT count(*)::int FROM extension_requests e JOIN plans p ON p.id = e.plan_id
             WHERE e.region_id = $1 AND e.state = 'pending' AND ($2 = 'admin' OR p.owner_organisation_id = $3)) AS extensions`,
        [actor.regionId, actor.role, actor.organisationId],
      )
    : null;
  // For reviewers: the extension requests awaiting their decision, named as printed.
  const pending = review
    ? await db.query<Record<string, unknown>>(
        `SELECT e.id, e.measure_id, e.reason, e.current_due::text AS current_due, e.requested_due::text AS requested_due, e.created_at,
            m.number, m.title, p.id AS plan_id, p.title AS plan_title, o.short_name
     FROM extension_requests e JOIN measures m ON m.id = e.measure_id JOIN plans p ON p.id = e.plan_id JOIN organisations o ON o.id = e.organisation_id
     WHERE e.region_id = $1 AND e.state = 'pending' AND ($2 = 'admin' OR p.owner_organisation_id = $3)
     ORDER BY e.id LIMIT 50`,
        [actor.regionId, actor.role, actor.organisationId],
      )
    : [];
  const n = (k: string) => Number(own?.[k] ?? 0);
  return {
    today,
    soonDays: SOON_DAYS,
    counts: {
      overdue: n('overdue'),
      dueSoon: n('due_soon'),
      open: n('open'),
      returned: n('returned'),
      submitted: n('submitted'),
      accepted: n('accepted'),
      extensionsPending: extensions.filter((e) => e.state === 'pending').length,
      extensionsDecided: extensions.filter((e) => e.state !== 'pending').length,
      unread: notifications.unread,
    },
    toSubmit,
    returned,
    extensions: extensions.map((e) => ({
      id: Number(e.id),
      state: e.state as 'pending' | 'approved' | 'rejected',
      reason: String(e.reason),
      currentDue: (e.current_due as string) ?? null,
      requestedDue: String(e.requested_due),
      decisionComment: (e.decision_comment as string) ?? null,
      decidedAt: e.decided_at ? new Date(e.decided_at as string).toISOString() : null,
      measure: {
        id: Number(e.measure_id),
        number: String(e.number),
        title: String(e.title),
        label: measureLabel({ number: String(e.number), title: String(e.title) }),
      },
      plan: { id: Number(e.plan_id), shortTitle: shortPlanTitle(String(e.plan_title), 70) },
    })),
    notifications: notifications.items,
    review: review
      ? {
          reports: Number(review.reports),
          extensions: Number(review.extensions),
          pendingExtensions: pending.map((e) => ({
            id: Number(e.id),
            reason: String(e.reason),
            currentDue: (e.current_due as string) ?? null,
            requestedDue: String(e.requested_due),
            organisation: String(e.short_name),
            measure: {
              id: Number(e.measure_id),
              label: measureLabel({ number: String(e.number), title: String(e.title) }),
            },
            plan: { id: Number(e.plan_id), shortTitle: shortPlanTitle(String(e.plan_title), 70) },
          })),
        }
      : null,
  };
}
