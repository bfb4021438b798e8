/**
 * The workspace: the home page, report lists and the review queue (filtered and paged on
 * the server), bulk accept, and «Напомнить исполнителю».
 */
import { seesOwnOrganisationOnly } from '../../domain/policy/authorize.js';
import { z } from 'zod';
import { type App, type AppContext, requireSession } from '../../http/context.js';
import { createMailer, type Mailer } from '../../jobs/mailer.js';
import { acceptMany } from './bulk-review.service.js';
import { getHome } from './home.service.js';
import { remindExecutor } from './remind.service.js';
import { listPeriodLabels, listReports, REPORT_STATES } from './report-list.service.js';
import type { ReportState } from '../../domain/reporting/report-workflow.js';
import { id, bodyId, isoDate, str, queryInt } from '../../http/input.js';

const pad = (n: number) => String(n).padStart(2, '0');
/** Today in the server's time zone (TZ), as the reminder job counts days. */
const localToday = (d = new Date()) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

const States = str()
  .max(200)
  .transform((s, ctx) => {
    const list = s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
    const bad = list.find((x) => !REPORT_STATES.includes(x as ReportState));
    if (bad) ctx.addIssue({ code: 'custom', message: `неизвестное состояние «${bad}»` });
    return list as ReportState[];
  });

const ReportListQuery = z
  .object({
    view: z.enum(['all', 'mine', 'review']).optional(),
    planId: id.optional(),
    periodId: id.optional(),
    periodLabel: str().trim().min(1).max(200).optional(),
    state: States.optional(),
    organisationId: id.optional(),
    dueFrom: isoDate.optional(),
    dueTo: isoDate.optional(),
    overdue: z.enum(['true', 'false']).optional(),
    page: queryInt(1, 100_000).default(1),
    pageSize: queryInt(1, 200).default(50),
  })
  .strict();

const mailers = new WeakMap<AppContext, Mailer>();
function mailerOf(ctx: AppContext): Mailer {
  if (ctx.mailer) return ctx.mailer;
  let m = mailers.get(ctx);
  if (!m) mailers.set(ctx, (m = createMailer(ctx.env)));
  return m;
}

export function registerWorkRoutes(app: App, ctx: AppContext) {
  app.get('/api/home', { schema: { tags: ['workspace'] } }, async (request) =>
    getHome(ctx.db, requireSession(request).user, localToday()),
  );

  app.get('/api/reports', { schema: { tags: ['reports'], querystring: ReportListQuery } }, async (request) => {
    const actor = requireSession(request).user;
    const q = request.query;
    return listReports(ctx.db, actor, {
      view: q.view ?? (seesOwnOrganisationOnly(actor) ? 'mine' : 'all'),
      planId: q.planId,
      periodId: q.periodId,
      periodLabel: q.periodLabel,
      states: q.state,
      organisationId: q.organisationId,
      dueFrom: q.dueFrom,
      dueTo: q.dueTo,
      overdue: q.overdue === 'true',
      today: localToday(),
      page: q.page,
      pageSize: q.pageSize,
    });
  });

  app.get(
    '/api/reports/period-labels',
    { schema: { tags: ['reports'], querystring: z.object({ planId: id.optional() }).strict() } },
    async (request) => ({ items: await listPeriodLabels(ctx.db, requireSession(request).user, request.query.planId) }),
  );

  app.post(
    '/api/reports/accept-many',
    {
      schema: {
        tags: ['reports'],
        body: z
          .object({
            items: z
              .array(z.object({ id: bodyId, version: bodyId }).strict())
              .min(1)
              .max(200),
            comment: str().max(5000).optional(),
          })
          .strict(),
      },
    },
    async (request) => acceptMany(ctx.db, requireSession(request).user, request.body.items, request.body.comment),
  );

  app.post(
    '/api/measures/:id/remind',
    {
      schema: {
        tags: ['workspace'],
        params: z.object({ id }),
        body: z.object({ organisationId: bodyId.optional(), note: str().max(2000).optional() }).strict(),
      },
    },
    async (request) =>
      remindExecutor(ctx.db, mailerOf(ctx), requireSession(request).user, request.params.id, request.body, {
        today: localToday(),
        publicUrl: ctx.env.PUBLIC_URL,
      }),
  );
}
