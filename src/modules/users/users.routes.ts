import { z } from 'zod';
import { type App, type AppContext, requireSession } from '../../http/context.js';
import { ROLES, createUser, listUsers, updateUser } from './users.service.js';

const IdParams = z.object({ id: z.coerce.number().int().positive() });

export function registerUserRoutes(app: App, ctx: AppContext) {
  app.get('/api/users', { schema: { tags: ['users'] } }, async (request) => ({ items: await listUsers(ctx.db, requireSession(request).user) }));

  app.post('/api/users', {
    schema: {
      tags: ['users'],
      body: z.object({
        login: z.string().trim().min(3).max(100).regex(/^[\w.@-]+$/, 'латинские буквы, цифры, точка, дефис'),
        fullName: z.string().trim().min(1).max(300),
        email: z.email().max(300).nullable().optional(),
        role: z.enum(ROLES),
        organisationId: z.number().int().positive(),
        password: z.string().min(1).max(200).optional(),
      }).strict(),
    },
  }, async (request, reply) => reply.status(201).send(await createUser(ctx.db, requireSession(request).user, request.body)));

  app.patch('/api/users/:id', {
    schema: {
      tags: ['users'],
      params: IdParams,
      body: z.object({
        fullName: z.string().trim().min(1).max(300).optional(),
        email: z.email().max(300).nullable().optional(),
        role: z.enum(ROLES).optional(),
        organisationId: z.number().int().positive().optional(),
        active: z.boolean().optional(),
        password: z.string().min(1).max(200).optional(),
        unlock: z.boolean().optional(),
      }).strict(),
    },
  }, async (request) => updateUser(ctx.db, requireSession(request).user, request.params.id, request.body));
}
