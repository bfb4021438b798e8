import { z } from 'zod';
import { type App, type AppContext, requireSession } from '../../http/app.js';
import { getDashboard } from './dashboard.service.js';
import { searchAll } from './search.service.js';

export function registerDashboardRoutes(app: App, ctx: AppContext) {
  app.get('/api/dashboard', {
    schema: {
      tags: ['monitoring'],
      querystring: z.object({
        planId: z.coerce.number().int().positive().optional(),
        organisationId: z.coerce.number().int().positive().optional(),
        sectionId: z.coerce.number().int().positive().optional(),
        periodId: z.coerce.number().int().positive().optional(),
        soonDays: z.coerce.number().int().min(0).max(90).default(7),
        /** «По состоянию на»: defaults to today. */
        asOf: z.iso.date().optional(),
      }),
    },
  }, async (request) => {
    const q = request.query;
    return getDashboard(ctx.db, requireSession(request).user, { ...q, asOf: q.asOf ?? new Date().toISOString().slice(0, 10) });
  });

  app.get('/api/search', {
    schema: { tags: ['monitoring'], querystring: z.object({ q: z.string().trim().min(2).max(300), planId: z.coerce.number().int().positive().optional() }) },
  }, async (request) => searchAll(ctx.db, requireSession(request).user, request.query.q, request.query.planId));
}
