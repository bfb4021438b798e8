import { z } from 'zod';
import { type App, type AppContext, requireSession } from '../../http/context.js';
import {
  archivePlan,
  createPlan,
  createSection,
  deleteSection,
  getPlan,
  listPeriods,
  listPlans,
  setCustomPeriods,
  updatePlan,
  updateSection,
} from './plans.service.js';
import { IdParams, bodyId, isoDate, str } from '../../http/input.js';

const PlanBody = z
  .object({
    kind: z.enum(['plan', 'council_decisions']),
    title: str().trim().min(1).max(2000),
    ownerOrganisationId: bodyId,
    periodFrom: isoDate,
    periodTo: isoDate,
    approvedByName: str().trim().max(300).nullable().optional(),
    approvedOn: isoDate.nullable().optional(),
    // Hand-set periods go through PUT /api/plans/:id/periods, which switches the plan to 'custom'.
    reportingFrequency: z.enum(['month', 'quarter', 'half', 'year']).optional(),
    reportDay: z.number().int().min(1).max(28).optional(),
    // «Контроль с даты»: nothing due before it is owed or overdue. Omitted at creation: today
    // once the plan period has begun; omitted when a draft is approved: the same, if none was set.
    controlFrom: isoDate.optional(),
  })
  .strict();
const PeriodsBody = z
  .object({
    items: z
      .array(
        z
          .object({
            id: bodyId.optional(),
            label: str().trim().min(1).max(200),
            startsOn: isoDate,
            endsOn: isoDate,
            reportDue: isoDate,
          })
          .strict(),
      )
      .min(1)
      .max(120),
  })
  .strict();
const SectionBody = z.object({ number: str().trim().min(1).max(50), title: str().trim().min(1).max(2000) }).strict();

export function registerPlanRoutes(app: App, ctx: AppContext) {
  app.get(
    '/api/plans',
    {
      schema: { tags: ['plans'], querystring: z.object({ includeArchived: z.enum(['true', 'false']).optional() }) },
    },
    async (request) => ({
      items: await listPlans(ctx.db, requireSession(request).user, {
        includeArchived: request.query.includeArchived === 'true',
      }),
    }),
  );

  app.post('/api/plans', { schema: { tags: ['plans'], body: PlanBody } }, async (request, reply) =>
    reply.status(201).send(await createPlan(ctx.db, requireSession(request).user, request.body)),
  );

  app.get('/api/plans/:id', { schema: { tags: ['plans'], params: IdParams } }, async (request) =>
    getPlan(ctx.db, requireSession(request).user, request.params.id),
  );

  app.patch(
    '/api/plans/:id',
    {
      schema: {
        tags: ['plans'],
        params: IdParams,
        body: PlanBody.partial()
          .extend({ status: z.enum(['draft', 'active']).optional(), version: bodyId })
          .strict(),
      },
    },
    async (request) => updatePlan(ctx.db, requireSession(request).user, request.params.id, request.body),
  );

  app.get('/api/plans/:id/periods', { schema: { tags: ['plans'], params: IdParams } }, async (request) => ({
    items: await listPeriods(ctx.db, requireSession(request).user, request.params.id),
  }));

  app.put(
    '/api/plans/:id/periods',
    { schema: { tags: ['plans'], params: IdParams, body: PeriodsBody } },
    async (request) => ({
      items: await setCustomPeriods(ctx.db, requireSession(request).user, request.params.id, request.body.items),
    }),
  );

  app.post('/api/plans/:id/archive', { schema: { tags: ['plans'], params: IdParams } }, async (request) =>
    archivePlan(ctx.db, requireSession(request).user, request.params.id),
  );

  app.post(
    '/api/plans/:id/sections',
    { schema: { tags: ['plans'], params: IdParams, body: SectionBody } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createSection(ctx.db, requireSession(request).user, request.params.id, request.body)),
  );

  app.patch(
    '/api/sections/:id',
    { schema: { tags: ['plans'], params: IdParams, body: SectionBody.partial().strict() } },
    async (request) => updateSection(ctx.db, requireSession(request).user, request.params.id, request.body),
  );

  app.delete('/api/sections/:id', { schema: { tags: ['plans'], params: IdParams } }, async (request) => {
    await deleteSection(ctx.db, requireSession(request).user, request.params.id);
    return { ok: true };
  });
}
