import { seesOwnOrganisationOnly } from '../../domain/policy/authorize.js';
import { z } from 'zod';
import { type App, type AppContext, requireSession } from '../../http/context.js';
import { cachedByDataVersion } from './dashboard-cache.js';
import { getDashboard } from './dashboard.service.js';
import { searchAll } from './search.service.js';
import { id, isoDate, str, queryInt } from '../../http/input.js';

export function registerDashboardRoutes(app: App, ctx: AppContext) {
  app.get(
    '/api/dashboard',
    {
      schema: {
        tags: ['monitoring'],
        querystring: z.object({
          planId: id.optional(),
          organisationId: id.optional(),
          sectionId: id.optional(),
          periodId: id.optional(),
          soonDays: queryInt(0, 90).default(7),
          /** «По состоянию на»: defaults to today. */
          asOf: isoDate.optional(),
        }),
      },
    },
    async (request, reply) => {
      const q = request.query;
      const actor = requireSession(request).user;
      const filter = { ...q, asOf: q.asOf ?? new Date().toISOString().slice(0, 10) };
      // What a user sees depends only on the region and, for executors, the organisation.
      const scope = seesOwnOrganisationOnly(actor) ? `org:${actor.organisationId}` : 'region';
      const key = JSON.stringify([
        actor.regionId,
        scope,
        filter.planId,
        filter.organisationId,
        filter.sectionId,
        filter.periodId,
        filter.soonDays,
        filter.asOf,
      ]);
      // The cache keeps the serialized answer: a region-wide dashboard is ~160 KiB of JSON,
      // and stringifying it again for every hit would cost more than looking it up.
      const json = await cachedByDataVersion(
        ctx.db,
        key,
        async () => JSON.stringify(await getDashboard(ctx.db, actor, filter)),
        { planId: filter.planId },
      );
      return reply.type('application/json; charset=utf-8').send(json);
    },
  );

  app.get(
    '/api/search',
    {
      schema: {
        tags: ['monitoring'],
        querystring: z.object({ q: str().trim().min(2).max(300), planId: id.optional() }),
      },
    },
    async (request) => searchAll(ctx.db, requireSession(request).user, request.query.q, request.query.planId),
  );
}
