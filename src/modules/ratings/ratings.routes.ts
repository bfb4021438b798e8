import { z } from 'zod';
import { type App, type AppContext, requireSession } from '../../http/context.js';
import { IdParams, bodyId, isoDate, str, text } from '../../http/input.js';
import {
  createMethodology,
  createRating,
  getPublicRating,
  getRating,
  importValuesCsv,
  listMethodologies,
  listRatings,
  moveRating,
  saveValues,
} from './ratings.service.js';

/**
 * The methodology exchange JSON: checked by the engine (parseMethodology), which names every
 * problem in Russian; here only its outer shape and size are bounded.
 */
const MethodologyBody = z
  .object({ methodology: z.record(text(100), z.unknown()).refine((r) => Object.keys(r).length <= 50) })
  .strict();

export function registerRatingRoutes(app: App, ctx: AppContext) {
  app.get('/api/rating-methodologies', { schema: { tags: ['ratings'] } }, async (request) => ({
    items: await listMethodologies(ctx.db, requireSession(request).user),
  }));

  app.post(
    '/api/rating-methodologies',
    { schema: { tags: ['ratings'], body: MethodologyBody }, bodyLimit: 2 * 1024 * 1024 },
    async (request, reply) =>
      reply.status(201).send(await createMethodology(ctx.db, requireSession(request).user, request.body.methodology)),
  );

  app.get('/api/ratings', { schema: { tags: ['ratings'] } }, async (request) => ({
    items: await listRatings(ctx.db, requireSession(request).user),
  }));

  app.post(
    '/api/ratings',
    {
      schema: {
        tags: ['ratings'],
        body: z
          .object({
            methodologyId: bodyId,
            year: z.number().int().min(1900).max(2100),
            title: str().trim().min(1).max(500),
            dueOn: isoDate.nullable().optional(),
          })
          .strict(),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createRating(ctx.db, requireSession(request).user, request.body)),
  );

  app.get('/api/ratings/:id', { schema: { tags: ['ratings'], params: IdParams } }, async (request) =>
    getRating(ctx.db, requireSession(request).user, request.params.id),
  );

  app.put(
    '/api/ratings/:id/values',
    {
      schema: {
        tags: ['ratings'],
        params: IdParams,
        body: z
          .object({
            items: z
              .array(
                z
                  .object({
                    municipalityId: bodyId,
                    indicator: str().trim().min(1).max(100),
                    value: z.number().finite().min(-1e15).max(1e15).nullable(),
                    comment: text(2000).optional(),
                  })
                  .strict(),
              )
              .min(1)
              .max(5000),
            reason: text(2000).optional(),
          })
          .strict(),
      },
    },
    async (request) => saveValues(ctx.db, requireSession(request).user, request.params.id, request.body),
  );

  app.post(
    '/api/ratings/:id/values-csv',
    {
      schema: {
        tags: ['ratings'],
        params: IdParams,
        body: z.object({ csv: text(2_000_000), reason: text(2000).optional() }).strict(),
      },
      bodyLimit: 4 * 1024 * 1024,
    },
    async (request) => importValuesCsv(ctx.db, requireSession(request).user, request.params.id, request.body),
  );

  app.post(
    '/api/ratings/:id/state',
    {
      schema: {
        tags: ['ratings'],
        params: IdParams,
        body: z.object({ to: z.enum(['collecting', 'frozen', 'approved', 'published']), version: bodyId }).strict(),
      },
    },
    async (request) => moveRating(ctx.db, requireSession(request).user, request.params.id, request.body),
  );

  app.get(
    '/api/public/ratings/:id',
    { schema: { tags: ['ratings'], params: IdParams }, config: { public: true } },
    async (request) => getPublicRating(ctx.db, request.params.id),
  );
}
