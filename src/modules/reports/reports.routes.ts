import { z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import { type App, type AppContext, requireSession } from '../../http/context.js';
import {
  decideExtension,
  listExtensions,
  listExtensionTargets,
  listPendingExtensions,
  requestExtension,
  setMeasureClosed,
} from './extensions.service.js';
import {
  addAttachment,
  removeAttachment,
  ATTACHMENT_MAX_BYTES,
  getReport,
  listMeasureReports,
  listMyReports,
  listReviewQueue,
  reviewReport,
  saveReport,
} from './reports.service.js';
import { IdParams, id, bodyId, isoDate, httpUrl, str, figures } from '../../http/input.js';

const ReportBody = z
  .object({
    version: bodyId,
    text: str().max(50000).optional(),
    resultStatus: z.enum(['done', 'partial', 'not_done', 'not_due']).nullable().optional(),
    figures: figures(100).optional(),
    links: z.array(httpUrl).max(50).optional(),
  })
  .strict();

export function registerReportRoutes(app: App, ctx: AppContext) {
  app.get('/api/measures/:id/reports', { schema: { tags: ['reports'], params: IdParams } }, async (request) => ({
    items: await listMeasureReports(ctx.db, requireSession(request).user, request.params.id),
  }));

  app.get(
    '/api/my/reports',
    {
      schema: {
        tags: ['reports'],
        querystring: z.object({ state: z.enum(['expected', 'draft', 'submitted', 'returned', 'accepted']).optional() }),
      },
    },
    async (request) => ({ items: await listMyReports(ctx.db, requireSession(request).user, request.query) }),
  );

  app.get('/api/review/reports', { schema: { tags: ['reports'] } }, async (request) => ({
    items: await listReviewQueue(ctx.db, requireSession(request).user),
  }));

  app.get('/api/reports/:id', { schema: { tags: ['reports'], params: IdParams } }, async (request) =>
    getReport(ctx.db, requireSession(request).user, request.params.id),
  );

  app.patch(
    '/api/reports/:id',
    { schema: { tags: ['reports'], params: IdParams, body: ReportBody } },
    async (request) => saveReport(ctx.db, requireSession(request).user, request.params.id, request.body, false),
  );

  app.post(
    '/api/reports/:id/submit',
    { schema: { tags: ['reports'], params: IdParams, body: ReportBody } },
    async (request) => saveReport(ctx.db, requireSession(request).user, request.params.id, request.body, true),
  );

  app.post(
    '/api/reports/:id/accept',
    {
      schema: {
        tags: ['reports'],
        params: IdParams,
        body: z.object({ version: bodyId, comment: str().max(5000).optional() }).strict(),
      },
    },
    async (request) => reviewReport(ctx.db, requireSession(request).user, request.params.id, 'accept', request.body),
  );

  app.post(
    '/api/reports/:id/return',
    {
      schema: {
        tags: ['reports'],
        params: IdParams,
        body: z.object({ version: bodyId, comment: str().max(5000) }).strict(),
      },
    },
    async (request) => reviewReport(ctx.db, requireSession(request).user, request.params.id, 'return', request.body),
  );

  app.post(
    '/api/reports/:id/attachments',
    { schema: { tags: ['reports'], params: IdParams, consumes: ['multipart/form-data'] } },
    async (request, reply) => {
      const actor = requireSession(request).user;
      if (!request.isMultipart())
        throw new DomainError('validation', 'attachment.no_file', 'Выберите файл', 'not multipart');
      const part = await request.file({ limits: { fileSize: ATTACHMENT_MAX_BYTES } });
      if (!part) throw new DomainError('validation', 'attachment.no_file', 'Выберите файл', 'no file part');
      let bytes: Buffer;
      try {
        bytes = await part.toBuffer();
      } catch (e) {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
          throw new DomainError(
            'too_large',
            'attachment.size',
            'Файл слишком большой: не более 20 МБ',
            'attachment over limit',
          );
        throw e;
      }
      return reply.status(201).send(
        await addAttachment(ctx.db, actor, request.params.id, {
          name: part.filename || 'file',
          mime: part.mimetype,
          bytes,
        }),
      );
    },
  );

  app.delete(
    '/api/reports/:id/attachments/:attachmentId',
    {
      schema: { tags: ['reports'], params: z.object({ id: id, attachmentId: id }) },
    },
    async (request) =>
      removeAttachment(ctx.db, requireSession(request).user, request.params.id, request.params.attachmentId),
  );

  app.get('/api/measures/:id/extensions', { schema: { tags: ['extensions'], params: IdParams } }, async (request) => ({
    items: await listExtensions(ctx.db, requireSession(request).user, request.params.id),
  }));

  app.get(
    '/api/measures/:id/extension-targets',
    { schema: { tags: ['extensions'], params: IdParams } },
    async (request) => ({ items: await listExtensionTargets(ctx.db, requireSession(request).user, request.params.id) }),
  );

  app.post(
    '/api/measures/:id/extensions',
    {
      schema: {
        tags: ['extensions'],
        params: IdParams,
        body: z
          .object({
            reason: str().trim().min(1).max(5000),
            requestedDue: isoDate,
            // The date to move: a control date of the measure (lead executor) or one's own report.
            // Omitted: the earliest the organisation may move.
            target: z
              .discriminatedUnion('kind', [
                z.object({ kind: z.literal('due'), date: isoDate }).strict(),
                z.object({ kind: z.literal('report'), reportId: bodyId }).strict(),
              ])
              .optional(),
            // A move of more than a quarter, or past the plan's end, is sent again with confirm: true.
            confirm: z.boolean().optional(),
          })
          .strict(),
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await requestExtension(ctx.db, requireSession(request).user, request.params.id, request.body)),
  );

  app.get('/api/extensions/pending', { schema: { tags: ['extensions'] } }, async (request) => ({
    items: await listPendingExtensions(ctx.db, requireSession(request).user),
  }));

  app.post(
    '/api/extensions/:id/decide',
    {
      // A rejection must say why (refused in Russian without a comment).
      schema: {
        tags: ['extensions'],
        params: IdParams,
        body: z.object({ approve: z.boolean(), comment: str().max(5000).optional() }).strict(),
      },
    },
    async (request) => decideExtension(ctx.db, requireSession(request).user, request.params.id, request.body),
  );

  app.post(
    '/api/measures/:id/close',
    {
      schema: {
        tags: ['measures'],
        params: IdParams,
        body: z.object({ comment: str().max(5000).optional() }).strict(),
      },
    },
    async (request) =>
      setMeasureClosed(ctx.db, requireSession(request).user, request.params.id, true, request.body.comment),
  );

  app.post('/api/measures/:id/reopen', { schema: { tags: ['measures'], params: IdParams } }, async (request) =>
    setMeasureClosed(ctx.db, requireSession(request).user, request.params.id, false),
  );
}
