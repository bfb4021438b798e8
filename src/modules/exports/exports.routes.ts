import { z } from 'zod';
import { REPORT_FORMATS } from '../../export/report-model.js';
import { type App, type AppContext, requireSession } from '../../http/context.js';
import { recordAudit } from '../audit/index.js';
import { buildPlanReportModel } from './report-builder.js';
import { id, isoDate, str } from '../../http/input.js';

/**
 * `attachment` with the Russian name as RFC 6266 / RFC 5987 want it: `filename*` in UTF-8,
 * percent-encoded beyond attr-char (encodeURIComponent leaves ' ( ) * as they are), and a
 * plain ASCII `filename` for clients that do not read `filename*`.
 * @example contentDisposition('План (2025).docx') // `attachment; filename="report.docx"; filename*=UTF-8''%D0%9F%D0%BB%D0%B0%D0%BD%20%282025%29.docx`
 */
export function contentDisposition(name: string): string {
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  // A name wholly in ASCII serves as it is; any other gets a neutral ASCII stand-in.
  const fallback = /^[\x20-\x7e]+$/.test(name)
    ? name.replace(/["\\]/g, '')
    : `report${name.slice(name.lastIndexOf('.'))}`;
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export function registerExportRoutes(app: App, ctx: AppContext) {
  app.get(
    '/api/plans/:id/export',
    {
      schema: {
        tags: ['exports'],
        params: z.object({ id: id }),
        querystring: z.object({
          format: z.enum(['docx', 'xlsx', 'pdf']),
          periodId: id.optional(),
          sectionId: id.optional(),
          organisationId: id.optional(),
          signerPosition: str().trim().max(300).optional(),
          signerName: str().trim().max(200).optional(),
          signDate: isoDate.optional(),
        }),
      },
    },
    async (request, reply) => {
      const actor = requireSession(request).user;
      const today = new Date().toISOString().slice(0, 10);
      const { model, fileStem } = await buildPlanReportModel(ctx.db, actor, request.params.id, {
        ...request.query,
        today,
      });
      // Built in the worker pool: a 3,000-measure PDF takes seconds of CPU.
      const built = await ctx.heavy!.run(
        { kind: 'export', model, format: request.query.format },
        `user:${actor.userId}`,
      );
      const bytes = Buffer.from(built.buffer, built.byteOffset, built.byteLength);
      await recordAudit(ctx.db, actor, actor.regionId, {
        action: 'plan.export',
        entityType: 'plan',
        entityId: request.params.id,
        planId: request.params.id,
        after: { ...request.query },
      });
      const meta = REPORT_FORMATS[request.query.format];
      return reply
        .header('content-type', meta.mime)
        .header('content-disposition', contentDisposition(`${fileStem}.${meta.extension}`))
        .send(bytes);
    },
  );
}
