import QRCode from 'qrcode';
import { z } from 'zod';
import { forbidden } from '../../domain/errors.js';
import { SECTORS } from '../../domain/nok/index.js';
import { type App, type AppContext, requireSession } from '../../http/context.js';
import { IdParams, bodyId, id, isoDate, requiredText, text } from '../../http/input.js';
import {
  assessmentLinks,
  campaignResults,
  createCampaign,
  createImprovementPlan,
  enterPaperForm,
  getAssessment,
  getCampaignDetail,
  listCampaigns,
  markAnswer,
  publicQuestionnaire,
  publicResults,
  publishCampaign,
  saveChecklist,
  submitPublicForm,
  updateCampaign,
} from './nok.service.js';

const items = (max: number) => z.array(requiredText(1000)).max(max);

const campaignFields = {
  year: z.number().int().min(2000).max(2100),
  sector: z.enum(SECTORS),
  title: requiredText(500),
  ownerOrganisationId: bodyId,
  operatorOrganisationId: bodyId,
  staffUserIds: z.array(bodyId).max(100),
  startsOn: isoDate,
  endsOn: isoDate,
  standItems: items(200),
  siteItems: items(200),
  organisations: z
    .array(z.object({ organisationId: bodyId, plannedRespondents: z.number().int().min(0).max(1_000_000) }).strict())
    .max(1000),
};

/** Answers of one form: question id → «Да»/«Нет». */
const answers = z
  .record(text(40), z.enum(['yes', 'no']))
  .refine((r) => Object.keys(r).length <= 60, 'не более 60 ответов');

const checklist = z
  .object({
    stand: z.array(z.boolean()).max(200),
    site: z.array(z.boolean()).max(200),
    remoteChannels: z.array(text(40)).max(20),
    comfortConditions: z.array(text(40)).max(20),
    accessOrg: z.array(text(40)).max(20),
    accessServices: z.array(text(40)).max(20),
  })
  .strict();

/** The short code of /q/<code> (see newCode in nok.service.ts). */
export const NOK_CODE_PATTERN = /^[a-z0-9]{4,16}$/;
const CodeParams = z.object({ code: z.string().regex(NOK_CODE_PATTERN, 'неверный код анкеты') }).strict();

export function registerNokRoutes(app: App, ctx: AppContext) {
  app.get('/api/nok/campaigns', { schema: { tags: ['nok'] } }, async (request) => ({
    items: await listCampaigns(ctx.db, requireSession(request).user),
  }));

  app.post(
    '/api/nok/campaigns',
    { schema: { tags: ['nok'], body: z.object(campaignFields).strict() } },
    async (request, reply) =>
      reply.status(201).send(await createCampaign(ctx.db, requireSession(request).user, request.body)),
  );

  app.get('/api/nok/campaigns/:id', { schema: { tags: ['nok'], params: IdParams } }, async (request) =>
    getCampaignDetail(ctx.db, requireSession(request).user, request.params.id),
  );

  app.patch(
    '/api/nok/campaigns/:id',
    {
      schema: {
        tags: ['nok'],
        params: IdParams,
        body: z
          .object({ ...campaignFields, status: z.enum(['open', 'closed']), version: bodyId })
          .partial()
          .required({ version: true })
          .strict(),
      },
    },
    async (request) => updateCampaign(ctx.db, requireSession(request).user, request.params.id, request.body),
  );

  app.post(
    '/api/nok/campaigns/:id/publish',
    {
      schema: { tags: ['nok'], params: IdParams, body: z.object({ version: bodyId, published: z.boolean() }).strict() },
    },
    async (request) => publishCampaign(ctx.db, requireSession(request).user, request.params.id, request.body),
  );

  app.get('/api/nok/campaigns/:id/results', { schema: { tags: ['nok'], params: IdParams } }, async (request) =>
    campaignResults(ctx.db, requireSession(request).user, request.params.id),
  );

  /** Users of an organisation who may be named as the operator's staff (managers pick them). */
  app.get(
    '/api/nok/operator-staff',
    { schema: { tags: ['nok'], querystring: z.object({ organisationId: id }).strict() } },
    async (request) => {
      const actor = requireSession(request).user;
      if (actor.role !== 'admin' && actor.role !== 'coordinator') throw forbidden();
      const rows = await ctx.db.query<{ id: number; full_name: string }>(
        `SELECT id, full_name FROM users WHERE organisation_id = $1 AND region_id = $2 AND active ORDER BY full_name LIMIT 500`,
        [request.query.organisationId, actor.regionId],
      );
      return { items: rows.map((r) => ({ id: Number(r.id), fullName: String(r.full_name) })) };
    },
  );

  app.get('/api/nok/assessments/:id', { schema: { tags: ['nok'], params: IdParams } }, async (request) =>
    getAssessment(ctx.db, requireSession(request).user, request.params.id),
  );

  app.put(
    '/api/nok/assessments/:id/checklist',
    { schema: { tags: ['nok'], params: IdParams, body: z.object({ version: bodyId, checklist }).strict() } },
    async (request) => saveChecklist(ctx.db, requireSession(request).user, request.params.id, request.body),
  );

  app.post(
    '/api/nok/assessments/:id/answers',
    {
      schema: {
        tags: ['nok'],
        params: IdParams,
        body: z.object({ answers, submissionId: z.uuid().optional() }).strict(),
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await enterPaperForm(ctx.db, requireSession(request).user, request.params.id, request.body)),
  );

  app.patch(
    '/api/nok/answers/:id',
    {
      schema: {
        tags: ['nok'],
        params: IdParams,
        body: z.object({ suspiciousReason: requiredText(500).nullable() }).strict(),
      },
    },
    async (request) =>
      markAnswer(ctx.db, requireSession(request).user, request.params.id, request.body.suspiciousReason),
  );

  app.post(
    '/api/nok/assessments/:id/plan',
    { schema: { tags: ['nok'], params: IdParams, body: z.object({}).strict().optional() } },
    async (request, reply) =>
      reply.status(201).send(await createImprovementPlan(ctx.db, requireSession(request).user, request.params.id)),
  );

  /** The short link, its QR code (SVG, made here with `qrcode`), and the embed snippet for the organisation's site. */
  app.get('/api/nok/assessments/:id/links', { schema: { tags: ['nok'], params: IdParams } }, async (request) => {
    const links = await assessmentLinks(ctx.db, requireSession(request).user, request.params.id, ctx.env.PUBLIC_URL);
    const qrSvg = await QRCode.toString(links.url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    const embedHtml = `<iframe src="${links.embedUrl}" title="Анкета: ${escapeHtml(links.organisation)}" width="100%" height="900" style="border:0;max-width:720px" loading="lazy"></iframe>`;
    return { ...links, qrSvg, embedHtml };
  });

  // The citizens' side: no login.
  app.get(
    '/api/nok/public/campaigns/:id',
    { schema: { tags: ['nok'], params: IdParams }, config: { public: true } },
    async (request) => publicResults(ctx.db, request.params.id),
  );

  app.get(
    '/api/nok/q/:code',
    { schema: { tags: ['nok'], params: CodeParams }, config: { public: true } },
    async (request) => publicQuestionnaire(ctx.db, request.params.code),
  );

  app.post(
    '/api/nok/q/:code/answers',
    {
      schema: {
        tags: ['nok'],
        params: CodeParams,
        body: z.object({ submissionId: z.uuid(), deviceId: text(100).min(8), answers }).strict(),
      },
      config: { public: true },
    },
    async (request, reply) => {
      return reply.status(201).send(await submitPublicForm(ctx.db, request.params.code, request.body));
    },
  );
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
