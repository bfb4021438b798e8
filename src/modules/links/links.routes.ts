import { z } from 'zod';
import { type App, type AppContext, requireSession } from '../../http/context.js';
import { IdParams, bodyId, text } from '../../http/input.js';
import { createMeasureLink, deleteMeasureLink, listLinkCandidates, listMeasureLinks } from './links.service.js';

export function registerLinkRoutes(app: App, ctx: AppContext) {
  app.get('/api/measures/:id/links', { schema: { tags: ['links'], params: IdParams } }, async (request) =>
    listMeasureLinks(ctx.db, requireSession(request).user, request.params.id),
  );

  app.get('/api/measures/:id/link-candidates', { schema: { tags: ['links'], params: IdParams } }, async (request) => ({
    items: await listLinkCandidates(ctx.db, requireSession(request).user, request.params.id),
  }));

  app.post(
    '/api/measure-links',
    {
      schema: {
        tags: ['links'],
        body: z.object({ measureId: bodyId, otherMeasureId: bodyId, reason: text(2000).optional() }).strict(),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createMeasureLink(ctx.db, requireSession(request).user, request.body)),
  );

  app.delete('/api/measure-links/:id', { schema: { tags: ['links'], params: IdParams } }, async (request) =>
    deleteMeasureLink(ctx.db, requireSession(request).user, request.params.id),
  );
}
