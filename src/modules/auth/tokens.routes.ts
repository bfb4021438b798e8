import { z } from 'zod';
import { type App, type AppContext, requireSession } from '../../http/context.js';
import { IdParams, queryFlag, requiredText } from '../../http/input.js';
import { createApiToken, listApiTokens, revokeApiToken, TOKEN_SCOPES } from './tokens.service.js';

export function registerTokenRoutes(app: App, ctx: AppContext) {
  app.get(
    '/api/auth/tokens',
    {
      schema: { tags: ['auth'], querystring: z.object({ all: queryFlag.optional() }).strict() },
    },
    async (request) => ({
      items: await listApiTokens(ctx.db, requireSession(request), { all: request.query.all === 'true' }),
    }),
  );

  app.post(
    '/api/auth/tokens',
    {
      schema: {
        tags: ['auth'],
        body: z
          .object({
            name: requiredText(200),
            scope: z.enum(TOKEN_SCOPES),
            expiresInDays: z.number().int().min(1).max(3650).optional(),
          })
          .strict(),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createApiToken(ctx.db, requireSession(request), request.body)),
  );

  app.delete('/api/auth/tokens/:id', { schema: { tags: ['auth'], params: IdParams } }, async (request) =>
    revokeApiToken(ctx.db, requireSession(request), request.params.id),
  );
}
