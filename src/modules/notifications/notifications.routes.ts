import { z } from 'zod';
import { type App, type AppContext, requireSession } from '../../http/context.js';
import { countUnread, listNotifications, markRead } from './notifications.service.js';
import { id, bodyId, queryInt } from '../../http/input.js';

export function registerNotificationRoutes(app: App, ctx: AppContext) {
  app.get(
    '/api/notifications',
    {
      schema: {
        tags: ['notifications'],
        querystring: z.object({
          unread: z.enum(['true', 'false']).optional(),
          limit: queryInt(1, 100).default(30),
          before: id.optional(),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      return listNotifications(ctx.db, requireSession(request).user, {
        unread: q.unread === 'true',
        limit: q.limit,
        before: q.before,
      });
    },
  );

  // Polled by the bell in the header: one indexed count.
  app.get('/api/notifications/unread-count', { schema: { tags: ['notifications'] } }, async (request) => ({
    unread: await countUnread(ctx.db, requireSession(request).user),
  }));

  app.post(
    '/api/notifications/read',
    {
      schema: {
        tags: ['notifications'],
        body: z.union([
          z.object({ ids: z.array(bodyId).min(1).max(200) }).strict(),
          z.object({ all: z.literal(true) }).strict(),
        ]),
      },
    },
    async (request) => markRead(ctx.db, requireSession(request).user, request.body),
  );
}
