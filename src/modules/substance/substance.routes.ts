import { z } from 'zod';
import { type App, type AppContext, requireSession } from '../../http/context.js';
import { id } from '../../http/input.js';
import { substanceDashboard } from './substance.service.js';

export function registerSubstanceRoutes(app: App, ctx: AppContext) {
  // The share of formal reports by executor and by section, and the reports saved by linking.
  app.get(
    '/api/dashboard/substance',
    { schema: { tags: ['monitoring'], querystring: z.object({ planId: id.optional() }).strict() } },
    async (request) => substanceDashboard(ctx.db, requireSession(request).user, request.query.planId),
  );
}
