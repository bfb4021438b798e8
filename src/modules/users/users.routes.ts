import { z } from 'zod';
import { type App, type AppContext, requireSession } from '../../http/context.js';
import { ROLES, createUser, listUsers, updateUser } from './users.service.js';
import { IdParams, bodyId, str } from '../../http/input.js';

export function registerUserRoutes(app: App, ctx: AppContext) {
  app.get('/api/users', { schema: { tags: ['users'] } }, async (request) => ({
    items: await listUsers(ctx.db, requireSession(request).user),
  }));

  app.post(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        body: z
          .object({
            login: str()
              .trim()
              .min(3)
              .max(100)
              .regex(/^[\w.@-]+$/, 'латинские буквы, цифры, точка, дефис'),
            fullName: str().trim().min(1).max(300),
            email: z.email().max(300).nullable().optional(),
            role: z.enum(ROLES),
            organisationId: bodyId,
            password: str().min(1).max(200).optional(),
          })
          .strict(),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createUser(ctx.db, requireSession(request).user, request.body)),
  );

  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        params: IdParams,
        body: z
          .object({
            fullName: str().trim().min(1).max(300).optional(),
            email: z.email().max(300).nullable().optional(),
            role: z.enum(ROLES).optional(),
            organisationId: bodyId.optional(),
            active: z.boolean().optional(),
            password: str().min(1).max(200).optional(),
            unlock: z.boolean().optional(),
            /** The version the edit was made on (409 when someone changed the user since). */
            version: bodyId,
          })
          .strict(),
      },
    },
    async (request) => updateUser(ctx.db, requireSession(request).user, request.params.id, request.body),
  );
}
