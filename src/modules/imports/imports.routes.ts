import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { servedMime } from '../files/index.js';
import { contentDisposition } from '../exports/index.js';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import { MAX_UPLOAD_BYTES } from '../../domain/importers/zip-guard.js';
import { type App, type AppContext, requireSession } from '../../http/context.js';
import { ORG_KINDS } from '../organisations/index.js';
import { MAPPABLE_ROLES } from '../../domain/importers/layout.js';
import {
  applyReportImport,
  commitImport,
  getImportLayout,
  getImportPreview,
  getStoredFile,
  pooledReader,
  previewImport,
  readImportWithColumns,
} from './imports.service.js';
import { IdParams, bodyId, cappedRecord, isoDate, str, text } from '../../http/input.js';
import { IndicatorDraftBody } from '../indicators/index.js';

const CommitBody = z
  .object({
    plan: z
      .object({
        kind: z.enum(['plan', 'council_decisions']),
        title: str().trim().min(1).max(2000),
        ownerOrganisationId: bodyId,
        periodFrom: isoDate,
        periodTo: isoDate,
        approvedByName: text(300).nullable().optional(),
        approvedOn: isoDate.nullable().optional(),
      })
      .strict(),
    sections: z
      .array(z.object({ number: str().trim().min(1).max(50), title: str().trim().min(1).max(2000) }).strict())
      .max(500),
    items: z
      .array(
        z
          .object({
            number: str().trim().min(1).max(50),
            section: str().max(50).nullable(),
            title: text(5000),
            executors: z.array(text(1000)).max(100),
            deadlineText: text(1000),
            expectedResult: text(5000),
            form: text(2000),
            executionText: text(50000),
            status: z.enum(['done', 'partial', 'not_done', 'not_due']).nullable(),
            protocolItem: text(500),
          })
          .strip(),
      )
      .max(5000),
    executorMap: cappedRecord(
      1000,
      z.union([
        z.object({ organisationId: bodyId }).strict(),
        z
          .object({
            create: z
              .object({
                fullName: str().trim().min(1).max(500),
                shortName: text(200).optional(),
                kind: z.enum(ORG_KINDS),
              })
              .strict(),
          })
          .strict(),
        // Kept as text on the measure: a phrase describing executors, not an organisation.
        z.object({ text: z.literal(true) }).strict(),
      ]),
      5000,
    ),
    rememberAliases: z.boolean().default(true),
    /** The target indicators as fixed in the preview; omitted: kept as the document reads. */
    indicators: z.array(IndicatorDraftBody).max(500).optional(),
  })
  .strict();

const ColumnsBody = z
  .object({
    block: z.number().int().min(0).max(10_000),
    headerRow: z.number().int().min(0).max(100_000),
    columns: z.array(z.enum(MAPPABLE_ROLES)).min(1).max(60),
    remember: z.boolean().default(true),
  })
  .strict();

export async function registerImportRoutes(app: App, ctx: AppContext) {
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 } });
  // Each person's documents take turns with everyone else's in the pool.
  const readerFor = (request: FastifyRequest) =>
    pooledReader(ctx.heavy!, `user:${requireSession(request).user.userId}`);

  app.post(
    '/api/imports',
    { schema: { tags: ['imports'], consumes: ['multipart/form-data'] } },
    async (request, reply) => {
      const actor = requireSession(request).user;
      if (!request.isMultipart())
        throw new DomainError('validation', 'import.no_file', 'Выберите файл для загрузки', 'not multipart');
      const part = await request.file();
      if (!part) throw new DomainError('validation', 'import.no_file', 'Выберите файл для загрузки', 'no file part');
      let bytes: Buffer;
      try {
        bytes = await part.toBuffer();
      } catch (e) {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
          throw new DomainError(
            'too_large',
            'import.too_large',
            `Файл слишком большой: допускается не более ${Math.round(MAX_UPLOAD_BYTES / 1024 / 1024)} МБ`,
            'upload over limit',
          );
        }
        throw e;
      }
      if (bytes.byteLength === 0) throw new DomainError('validation', 'import.empty', 'Файл пуст', 'empty upload');
      const preview = await previewImport(
        ctx.db,
        actor,
        { name: part.filename || 'document', mime: part.mimetype || 'application/octet-stream', bytes },
        { reader: readerFor(request) },
      );
      return reply.status(201).send(preview);
    },
  );

  app.get('/api/imports/:id', { schema: { tags: ['imports'], params: IdParams } }, async (request) =>
    getImportPreview(ctx.db, requireSession(request).user, request.params.id, readerFor(request)),
  );

  // A document the reader could not place: what it found, and a reading with the columns a person points at.
  app.get('/api/imports/:id/layout', { schema: { tags: ['imports'], params: IdParams } }, async (request) =>
    getImportLayout(ctx.db, requireSession(request).user, request.params.id, readerFor(request)),
  );

  app.post(
    '/api/imports/:id/columns',
    { schema: { tags: ['imports'], params: IdParams, body: ColumnsBody } },
    async (request) =>
      readImportWithColumns(ctx.db, requireSession(request).user, request.params.id, request.body, readerFor(request)),
  );

  app.post(
    '/api/imports/:id/commit',
    { schema: { tags: ['imports'], params: IdParams, body: CommitBody }, bodyLimit: 20 * 1024 * 1024 },
    async (request, reply) =>
      reply.status(201).send(await commitImport(ctx.db, requireSession(request).user, request.params.id, request.body)),
  );

  app.post(
    '/api/imports/:id/apply-report',
    {
      schema: {
        tags: ['imports'],
        params: IdParams,
        body: z
          .object({
            planId: bodyId,
            period: str().trim().min(1).max(100),
            dryRun: z.boolean().default(true),
            /** To apply: the changes the dry run showed, by measure and its version then (409 when stale). */
            versions: z
              .array(z.object({ measureId: bodyId, version: bodyId }).strict())
              .max(20_000)
              .optional(),
          })
          .strict(),
      },
    },
    async (request) => applyReportImport(ctx.db, requireSession(request).user, request.params.id, request.body),
  );

  app.get('/api/files/:id', { schema: { tags: ['imports'], params: IdParams } }, async (request, reply) => {
    const f = await getStoredFile(ctx.db, requireSession(request).user, request.params.id);
    // The type is decided from the bytes, never the uploader's declaration; always a download, never rendered.
    return reply
      .header('content-type', servedMime(f.content))
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', contentDisposition(f.name))
      .send(f.content);
  });
}
