import { z } from 'zod';
import { type App, type AppContext, requireSession } from '../../http/context.js';
import { mergeOrganisations } from './merge.service.js';
import {
  ORG_KINDS,
  createOrganisation,
  deleteOrganisation,
  listOrganisations,
  resolveOrganisation,
  updateOrganisation,
} from './organisations.service.js';
import { IdParams, bodyId, str } from '../../http/input.js';

const name = str().trim().min(1).max(500);
const OrgBody = z
  .object({
    fullName: name,
    shortName: str().trim().max(200).optional(),
    aliases: z.array(str().trim().min(1).max(200)).max(50).optional(),
    kind: z.enum(ORG_KINDS),
    parentId: bodyId.nullable().optional(),
    external: z.boolean().optional(),
    headPosition: str().trim().max(300).optional(),
    headName: str().trim().max(200).optional(),
  })
  .strict();

export function registerOrganisationRoutes(app: App, ctx: AppContext) {
  app.get(
    '/api/organisations',
    {
      schema: {
        tags: ['directory'],
        querystring: z.object({ q: str().max(200).optional(), includeArchived: z.enum(['true', 'false']).optional() }),
      },
    },
    async (request) => {
      const s = requireSession(request);
      return {
        items: await listOrganisations(ctx.db, s.user, {
          q: request.query.q,
          includeArchived: request.query.includeArchived === 'true',
        }),
      };
    },
  );

  app.get(
    '/api/organisations/resolve',
    {
      schema: { tags: ['directory'], querystring: z.object({ name: str().min(1).max(500) }) },
    },
    async (request) => resolveOrganisation(ctx.db, requireSession(request).user, request.query.name),
  );

  app.post('/api/organisations', { schema: { tags: ['directory'], body: OrgBody } }, async (request, reply) => {
    const org = await createOrganisation(ctx.db, requireSession(request).user, request.body);
    return reply.status(201).send(org);
  });

  app.post(
    '/api/organisations/merge',
    {
      schema: {
        tags: ['directory'],
        body: z.object({ survivorId: bodyId, mergedId: bodyId, dryRun: z.boolean().optional() }).strict(),
      },
    },
    async (request) => mergeOrganisations(ctx.db, requireSession(request).user, request.body),
  );

  app.patch(
    '/api/organisations/:id',
    { schema: { tags: ['directory'], params: IdParams, body: OrgBody.partial().extend({ version: bodyId }).strict() } },
    async (request) => updateOrganisation(ctx.db, requireSession(request).user, request.params.id, request.body),
  );

  app.delete('/api/organisations/:id', { schema: { tags: ['directory'], params: IdParams } }, async (request) => {
    await deleteOrganisation(ctx.db, requireSession(request).user, request.params.id);
    return { ok: true };
  });
}
