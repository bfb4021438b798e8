import { z } from 'zod';
import { REPORT_FORMATS } from '../../export/report-model.js';
import { type App, type AppContext, requireSession } from '../../http/context.js';
import { IdParams, bodyId, cappedRecord, id, isoDate, queryFlag, requiredText, str, text } from '../../http/input.js';
import { recordAudit } from '../audit/index.js';
import { contentDisposition } from '../exports/index.js';
import { ORG_KINDS } from '../organisations/index.js';
import {
  COUNCIL_KINDS,
  MEETING_FORMATS,
  MEETING_STATUSES,
  MEMBER_ROLES,
  addMember,
  createCouncil,
  createMeeting,
  endMember,
  getCouncil,
  getMeeting,
  listCouncils,
  setAgenda,
  setAttendance,
  updateCouncil,
  updateMeeting,
} from './councils.service.js';
import {
  DECISIONS,
  commitProtocol,
  councilReportModel,
  decideInstructions,
  listInstructions,
  prepareMeeting,
} from './instructions.service.js';

const todayIso = () => new Date().toISOString().slice(0, 10);

const CouncilBody = z
  .object({
    fullName: requiredText(1000),
    shortName: text(200).optional(),
    kind: z.enum(COUNCIL_KINDS),
    ownerOrganisationId: bodyId,
    actTitle: text(1000).optional(),
    actNumber: text(100).optional(),
    actDate: isoDate.nullable().optional(),
    quorumRule: z.enum(['half', 'two_thirds']).optional(),
    meetingRule: text(300).optional(),
  })
  .strict();

const MemberBody = z
  .object({
    personName: requiredText(300),
    position: text(500).optional(),
    organisationId: bodyId.nullable().optional(),
    role: z.enum(MEMBER_ROLES),
    fromDate: isoDate,
    toDate: isoDate.nullable().optional(),
  })
  .strict();

const MeetingBody = z
  .object({
    number: requiredText(50),
    heldOn: isoDate,
    startTime: text(20).optional(),
    format: z.enum(MEETING_FORMATS).optional(),
    place: text(500).optional(),
    status: z.enum(['planned', 'held']).optional(),
  })
  .strict();

const MeetingPatchBody = MeetingBody.partial()
  .extend({ version: bodyId, status: z.enum(MEETING_STATUSES).optional(), postponedTo: isoDate.nullable().optional() })
  .strict();

const QuestionBody = z
  .object({ number: requiredText(50), title: requiredText(2000), speakers: text(1000).optional() })
  .strict();

const ExecutorChoiceBody = z.union([
  z.object({ organisationId: bodyId }).strict(),
  z
    .object({
      create: z
        .object({ fullName: requiredText(500), shortName: text(200).optional(), kind: z.enum(ORG_KINDS) })
        .strict(),
    })
    .strict(),
  z.object({ text: z.literal(true) }).strict(),
]);

const ProtocolBody = z
  .object({
    version: bodyId,
    importId: bodyId,
    questions: z.array(QuestionBody).max(200),
    items: z
      .array(
        z
          .object({
            number: requiredText(50),
            section: str().max(50).nullable(),
            title: requiredText(5000),
            executors: z.array(text(1000)).max(100),
            deadlineText: text(1000),
          })
          .strip(),
      )
      .min(1)
      .max(2000),
    executorMap: cappedRecord(1000, ExecutorChoiceBody, 2000),
    rememberAliases: z.boolean().default(true),
  })
  .strict();

const DecisionsBody = z
  .object({
    version: bodyId,
    items: z
      .array(
        z
          .object({
            measureId: bodyId,
            version: bodyId,
            decision: z.enum(DECISIONS),
            point: text(300).optional(),
            newDeadline: isoDate.optional(),
          })
          .strict(),
      )
      .max(2000),
  })
  .strict();

export function registerCouncilRoutes(app: App, ctx: AppContext) {
  const tags = ['councils'];

  app.get('/api/councils', { schema: { tags } }, async (request) => ({
    items: await listCouncils(ctx.db, requireSession(request).user, todayIso()),
  }));

  app.post('/api/councils', { schema: { tags, body: CouncilBody } }, async (request, reply) =>
    reply.status(201).send(await createCouncil(ctx.db, requireSession(request).user, request.body, todayIso())),
  );

  app.get('/api/councils/:id', { schema: { tags, params: IdParams } }, async (request) =>
    getCouncil(ctx.db, requireSession(request).user, request.params.id, todayIso()),
  );

  app.patch(
    '/api/councils/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: CouncilBody.omit({ ownerOrganisationId: true }).partial().extend({ version: bodyId }).strict(),
      },
    },
    async (request) => updateCouncil(ctx.db, requireSession(request).user, request.params.id, request.body),
  );

  app.post(
    '/api/councils/:id/members',
    { schema: { tags, params: IdParams, body: MemberBody } },
    async (request, reply) =>
      reply.status(201).send(await addMember(ctx.db, requireSession(request).user, request.params.id, request.body)),
  );

  app.post(
    '/api/council-members/:id/end',
    { schema: { tags, params: IdParams, body: z.object({ toDate: isoDate }).strict() } },
    async (request) => endMember(ctx.db, requireSession(request).user, request.params.id, request.body.toDate),
  );

  app.post(
    '/api/councils/:id/meetings',
    { schema: { tags, params: IdParams, body: MeetingBody } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createMeeting(ctx.db, requireSession(request).user, request.params.id, request.body)),
  );

  app.get(
    '/api/councils/:id/instructions',
    {
      schema: {
        tags,
        params: IdParams,
        querystring: z.object({ meetingId: id.optional(), live: queryFlag.optional() }).strict(),
      },
    },
    async (request) => ({
      items: await listInstructions(ctx.db, requireSession(request).user, request.params.id, todayIso(), {
        meetingId: request.query.meetingId,
        live: request.query.live === 'true',
      }),
    }),
  );

  app.get(
    '/api/councils/:id/export',
    {
      schema: {
        tags,
        params: IdParams,
        querystring: z
          .object({
            format: z.enum(['docx', 'xlsx', 'pdf']),
            meetingId: id.optional(),
            signerPosition: str().trim().max(300).optional(),
            signerName: str().trim().max(200).optional(),
          })
          .strict(),
      },
    },
    async (request, reply) => {
      const actor = requireSession(request).user;
      const today = todayIso();
      const { model, fileStem } = await councilReportModel(ctx.db, actor, request.params.id, {
        ...request.query,
        today,
      });
      // Built in the worker pool, like every export.
      const built = await ctx.heavy!.run({ kind: 'export', model, format: request.query.format });
      const bytes = Buffer.from(built.buffer, built.byteOffset, built.byteLength);
      await recordAudit(ctx.db, actor, actor.regionId, {
        action: 'council.export',
        entityType: 'council',
        entityId: request.params.id,
        after: { ...request.query },
      });
      const meta = REPORT_FORMATS[request.query.format];
      return reply
        .header('content-type', meta.mime)
        .header('content-disposition', contentDisposition(`${fileStem}.${meta.extension}`))
        .send(bytes);
    },
  );

  app.get('/api/meetings/:id', { schema: { tags, params: IdParams } }, async (request) =>
    getMeeting(ctx.db, requireSession(request).user, request.params.id),
  );

  app.patch('/api/meetings/:id', { schema: { tags, params: IdParams, body: MeetingPatchBody } }, async (request) =>
    updateMeeting(ctx.db, requireSession(request).user, request.params.id, request.body),
  );

  app.put(
    '/api/meetings/:id/agenda',
    {
      schema: {
        tags,
        params: IdParams,
        body: z.object({ version: bodyId, questions: z.array(QuestionBody).max(200) }).strict(),
      },
    },
    async (request) => setAgenda(ctx.db, requireSession(request).user, request.params.id, request.body),
  );

  app.put(
    '/api/meetings/:id/attendance',
    {
      schema: {
        tags,
        params: IdParams,
        body: z.object({ version: bodyId, memberIds: z.array(bodyId).max(500) }).strict(),
      },
    },
    async (request) => setAttendance(ctx.db, requireSession(request).user, request.params.id, request.body),
  );

  app.post(
    '/api/meetings/:id/protocol',
    { schema: { tags, params: IdParams, body: ProtocolBody } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await commitProtocol(ctx.db, requireSession(request).user, request.params.id, request.body)),
  );

  app.get('/api/meetings/:id/prepare', { schema: { tags, params: IdParams } }, async (request) =>
    prepareMeeting(ctx.db, requireSession(request).user, request.params.id, todayIso()),
  );

  app.post(
    '/api/meetings/:id/decisions',
    { schema: { tags, params: IdParams, body: DecisionsBody } },
    async (request) => decideInstructions(ctx.db, requireSession(request).user, request.params.id, request.body),
  );
}
