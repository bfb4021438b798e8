import { z } from 'zod';
import { buildReport, REPORT_FORMATS } from '../../export/index.js';
import { type App, type AppContext, requireSession } from '../../http/app.js';
import { recordAudit } from '../audit/audit.js';
import { buildPlanReportModel } from './report-builder.js';

export function registerExportRoutes(app: App, ctx: AppContext) {
  app.get('/api/plans/:id/export', {
    schema: {
      tags: ['exports'],
      params: z.object({ id: z.coerce.number().int().positive() }),
      querystring: z.object({
        format: z.enum(['docx', 'xlsx', 'pdf']),
        periodId: z.coerce.number().int().positive().optional(),
        sectionId: z.coerce.number().int().positive().optional(),
        organisationId: z.coerce.number().int().positive().optional(),
      }),
    },
  }, async (request, reply) => {
    const actor = requireSession(request).user;
    const today = new Date().toISOString().slice(0, 10);
    const { model, fileStem } = await buildPlanReportModel(ctx.db, actor, request.params.id, { ...request.query, today });
    const bytes = await buildReport(model, request.query.format);
    await recordAudit(ctx.db, actor, actor.regionId, { action: 'plan.export', entityType: 'plan', entityId: request.params.id, planId: request.params.id, after: { ...request.query } });
    const meta = REPORT_FORMATS[request.query.format];
    return reply
      .header('content-type', meta.mime)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${fileStem}.${meta.extension}`)}`)
      .send(bytes);
  });
}
