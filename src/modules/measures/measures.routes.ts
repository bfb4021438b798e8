import { z } from 'zod';
import { type App, type AppContext, requireSession } from '../../http/context.js';
import {
  archiveMeasure,
  createMeasure,
  getMeasure,
  getMeasureHistory,
  listMyMeasures,
  reorderMeasures,
  updateMeasure,
} from './measures.service.js';
import { IdParams, bodyId, isoDate, str, text } from '../../http/input.js';
import { listMeasureReports } from '../reports/index.js';

export const MeasureBody = z
  .object({
    sectionId: bodyId.nullable(),
    number: str().trim().min(1).max(50),
    title: str().trim().min(1).max(5000),
    expectedResult: text(5000).optional(),
    form: text(2000).optional(),
    deadlineText: text(1000).optional(),
    leadExecutorId: bodyId.nullable().optional(),
    coExecutorIds: z.array(bodyId).max(100).optional(),
    status: z.enum(['done', 'partial', 'not_done', 'not_due']).nullable().optional(),
    executionText: text(50000).optional(),
    protocolItem: text(500).optional(),
    deadlineOverride: z
      .object({ due: z.array(isoDate).max(500), reports: z.array(isoDate).max(500) })
      .strict()
      .nullable()
      .optional(),
    anchorDate: isoDate.nullable().optional(),
    /** The measure's own control start; omitted on creation: today when added to a plan already under control. */
    controlFrom: isoDate.nullable().optional(),
  })
  .strict();

export function registerMeasureRoutes(app: App, ctx: AppContext) {
  app.post(
    '/api/plans/:id/measures',
    { schema: { tags: ['measures'], params: IdParams, body: MeasureBody } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createMeasure(ctx.db, requireSession(request).user, request.params.id, request.body)),
  );

  app.post(
    '/api/plans/:id/reorder',
    {
      schema: {
        tags: ['measures'],
        params: IdParams,
        body: z.object({ sectionId: bodyId.nullable(), measureIds: z.array(bodyId).max(5000) }).strict(),
      },
    },
    async (request) => {
      await reorderMeasures(
        ctx.db,
        requireSession(request).user,
        request.params.id,
        request.body.sectionId,
        request.body.measureIds,
      );
      return { ok: true };
    },
  );

  // `include=reports`: the measure with every report (all periods, all executors) in one answer;
  // `include=reports,versions`: each report with its history too.
  app.get(
    '/api/measures/:id',
    {
      schema: {
        tags: ['measures'],
        params: IdParams,
        querystring: z.object({ include: z.enum(['reports', 'reports,versions']).optional() }).strict(),
      },
    },
    async (request) => {
      const actor = requireSession(request).user;
      const measure = await getMeasure(ctx.db, actor, request.params.id);
      const include = request.query.include;
      if (!include) return measure;
      return {
        ...measure,
        reports: await listMeasureReports(ctx.db, actor, request.params.id, {
          withVersions: include === 'reports,versions',
        }),
      };
    },
  );

  app.patch(
    '/api/measures/:id',
    {
      schema: {
        tags: ['measures'],
        params: IdParams,
        body: MeasureBody.partial().extend({ version: bodyId }).strict(),
      },
    },
    async (request) => updateMeasure(ctx.db, requireSession(request).user, request.params.id, request.body),
  );

  app.post('/api/measures/:id/archive', { schema: { tags: ['measures'], params: IdParams } }, async (request) =>
    archiveMeasure(ctx.db, requireSession(request).user, request.params.id),
  );

  app.get('/api/measures/:id/history', { schema: { tags: ['measures'], params: IdParams } }, async (request) => ({
    items: await getMeasureHistory(ctx.db, requireSession(request).user, request.params.id),
  }));

  app.get('/api/my/measures', { schema: { tags: ['measures'] } }, async (request) => ({
    items: await listMyMeasures(ctx.db, requireSession(request).user),
  }));
}
