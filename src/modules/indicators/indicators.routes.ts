import { z } from 'zod';
import { type App, type AppContext, requireSession } from '../../http/context.js';
import { IdParams, bodyId, httpUrl, str, text } from '../../http/input.js';
import {
  archiveIndicator,
  createIndicator,
  getIndicator,
  listMyIndicators,
  listPlanIndicators,
  reviewFact,
  saveFact,
  updateIndicator,
} from './indicators.service.js';

/** A figure as the API takes it: finite, within what a person could mean (±10¹⁵). */
const figure = z.number().finite().min(-1e15).max(1e15);
const year = z.number().int().min(1900).max(2100);
const quarter = z.number().int().min(0).max(4);

export const TargetBody = z
  .object({ year, quarter, value: figure.nullable(), valueText: text(200).optional() })
  .strict();

/** What an imported indicator carries (the import preview sends these back, fixed). */
export const IndicatorDraftBody = z
  .object({
    number: text(50),
    name: str().trim().min(1).max(2000),
    unit: text(50).optional(),
    direction: z.enum(['up', 'down', 'target']).optional(),
    baseValue: figure.nullable().optional(),
    basePeriod: text(50).optional(),
    targets: z.array(TargetBody).max(200).optional(),
  })
  .strict();

const IndicatorBody = z
  .object({
    number: str().trim().min(1).max(50),
    name: str().trim().min(1).max(2000),
    unit: text(50).optional(),
    direction: z.enum(['up', 'down', 'target']).optional(),
    baseValue: figure.nullable().optional(),
    basePeriod: text(50).optional(),
    source: text(2000).optional(),
    method: text(5000).optional(),
    breakdown: z.enum(['total', 'organisation', 'municipality']).optional(),
    computation: z.enum(['reported', 'share', 'sum']).optional(),
    numeratorId: bodyId.nullable().optional(),
    denominatorId: bodyId.nullable().optional(),
    targets: z.array(TargetBody).max(200).optional(),
    responsibleIds: z.array(bodyId).max(50).optional(),
  })
  .strict();

const FactBody = z
  .object({
    year,
    quarter,
    unitOrganisationId: bodyId.nullable(),
    value: figure,
    comment: text(5000).optional(),
    evidenceUrl: httpUrl.nullable().optional(),
    version: bodyId.optional(),
  })
  .strict();

export function registerIndicatorRoutes(app: App, ctx: AppContext) {
  app.get('/api/plans/:id/indicators', { schema: { tags: ['indicators'], params: IdParams } }, async (request) => ({
    items: await listPlanIndicators(ctx.db, requireSession(request).user, request.params.id),
  }));

  app.post(
    '/api/plans/:id/indicators',
    { schema: { tags: ['indicators'], params: IdParams, body: IndicatorBody } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createIndicator(ctx.db, requireSession(request).user, request.params.id, request.body)),
  );

  app.get('/api/indicators/:id', { schema: { tags: ['indicators'], params: IdParams } }, async (request) =>
    getIndicator(ctx.db, requireSession(request).user, request.params.id),
  );

  app.patch(
    '/api/indicators/:id',
    {
      schema: {
        tags: ['indicators'],
        params: IdParams,
        body: IndicatorBody.partial().extend({ version: bodyId }).strict(),
      },
    },
    async (request) => updateIndicator(ctx.db, requireSession(request).user, request.params.id, request.body),
  );

  app.delete('/api/indicators/:id', { schema: { tags: ['indicators'], params: IdParams } }, async (request) =>
    archiveIndicator(ctx.db, requireSession(request).user, request.params.id),
  );

  app.put(
    '/api/indicators/:id/facts',
    { schema: { tags: ['indicators'], params: IdParams, body: FactBody } },
    async (request) => saveFact(ctx.db, requireSession(request).user, request.params.id, request.body),
  );

  app.post(
    '/api/indicator-facts/:id/accept',
    { schema: { tags: ['indicators'], params: IdParams, body: z.object({ version: bodyId }).strict() } },
    async (request) => reviewFact(ctx.db, requireSession(request).user, request.params.id, 'accept', request.body),
  );

  app.post(
    '/api/indicator-facts/:id/return',
    {
      schema: {
        tags: ['indicators'],
        params: IdParams,
        body: z.object({ version: bodyId, comment: str().trim().min(1).max(5000) }).strict(),
      },
    },
    async (request) => reviewFact(ctx.db, requireSession(request).user, request.params.id, 'return', request.body),
  );

  app.get('/api/my/indicators', { schema: { tags: ['indicators'] } }, async (request) => ({
    items: await listMyIndicators(ctx.db, requireSession(request).user),
  }));
}
