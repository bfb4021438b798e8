import { z } from 'zod';
import { type App, type AppContext, requireSession } from '../../http/context.js';
import { IdParams, bodyId, str } from '../../http/input.js';
import { checkDraft, listShareTargets, shareReport } from './report-once.service.js';

export function registerReportOnceRoutes(app: App, ctx: AppContext) {
  // The live check of a draft (debounced in the editor): nothing is written.
  app.post(
    '/api/reports/:id/check',
    {
      schema: {
        tags: ['reports'],
        params: IdParams,
        body: z
          .object({
            text: str().max(50000),
            resultStatus: z.enum(['done', 'partial', 'not_done', 'not_due']).nullable().optional(),
          })
          .strict(),
      },
    },
    async (request) => checkDraft(ctx.db, requireSession(request).user, request.params.id, request.body),
  );

  app.get('/api/reports/:id/share-targets', { schema: { tags: ['reports'], params: IdParams } }, async (request) => ({
    items: await listShareTargets(ctx.db, requireSession(request).user, request.params.id),
  }));

  app.post(
    '/api/reports/:id/share',
    {
      schema: {
        tags: ['reports'],
        params: IdParams,
        body: z
          .object({
            targets: z
              .array(z.object({ reportId: bodyId, version: bodyId }).strict())
              .min(1)
              .max(50),
          })
          .strict(),
      },
    },
    async (request) => shareReport(ctx.db, requireSession(request).user, request.params.id, request.body),
  );
}
