import { z } from 'zod';
import { authorize } from '../../domain/policy/authorize.js';
import { type App, type AppContext, requireSession } from '../../http/context.js';
import { forbidden } from '../../domain/errors.js';
import { listRegionAudit } from './audit.js';

export function registerAuditRoutes(app: App, ctx: AppContext) {
  app.get('/api/audit', {
    schema: {
      tags: ['audit'],
      querystring: z.object({
        entityType: z.enum(['organisation', 'user', 'plan', 'section', 'measure', 'session', 'report', 'import_layout']).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
        before: z.coerce.number().int().positive().optional(),
      }),
    },
  }, async (request) => {
    const actor = requireSession(request).user;
    if (!authorize(actor, { action: 'audit.read', subject: actor })) throw forbidden();
    return { items: await listRegionAudit(ctx.db, actor.regionId, request.query) };
  });
}
