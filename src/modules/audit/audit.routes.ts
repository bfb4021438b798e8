import { z } from 'zod';
import { authorize } from '../../domain/policy/authorize.js';
import { type App, type AppContext, requireSession } from '../../http/context.js';
import { forbidden } from '../../domain/errors.js';
import { listRegionAudit } from './audit.js';
import { id, queryInt } from '../../http/input.js';

export function registerAuditRoutes(app: App, ctx: AppContext) {
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        querystring: z.object({
          entityType: z
            .enum(['organisation', 'user', 'plan', 'section', 'measure', 'session', 'report', 'import_layout'])
            .optional(),
          limit: queryInt(1, 500).default(100),
          before: id.optional(),
        }),
      },
    },
    async (request) => {
      const actor = requireSession(request).user;
      if (!authorize(actor, { action: 'audit.read', subject: actor })) throw forbidden();
      return { items: await listRegionAudit(ctx.db, actor.regionId, request.query) };
    },
  );
}
