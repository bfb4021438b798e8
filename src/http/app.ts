/**
 * The app factory: one Fastify instance serving the JSON API and the built web app.
 * Tests build it in process and call `app.inject()`; `src/server.ts` listens.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { loadSession, registerAuthRoutes, registerSettingsRoutes } from '../modules/auth/index.js';
import { registerAuditRoutes } from '../modules/audit/index.js';
import { registerImportRoutes } from '../modules/imports/index.js';
import { registerDeadlineRoutes } from '../modules/deadlines/index.js';
import { registerReportRoutes } from '../modules/reports/index.js';
import { registerExportRoutes } from '../modules/exports/index.js';
import { registerDashboardRoutes } from '../modules/dashboard/index.js';
import { registerMeasureRoutes } from '../modules/measures/index.js';
import { registerOrganisationRoutes } from '../modules/organisations/index.js';
import { registerPlanRoutes } from '../modules/plans/index.js';
import { registerUserRoutes } from '../modules/users/index.js';
import { registerNotificationRoutes } from '../modules/notifications/index.js';
import { registerWorkRoutes } from '../modules/work/index.js';
import { errorHandler, sendError } from './errors.js';
import { configureFileStorage } from '../modules/files/index.js';
import { SESSION_COOKIE, type App, type AppContext, type RouteEntry } from './context.js';
import { PATHS } from '../paths.js';

const webDist = PATHS.webDist;

export async function buildApp(ctx: AppContext, opts: { logger?: boolean | object } = {}): Promise<App> {
  configureFileStorage(ctx.env);
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: true,
    ajv: undefined,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.decorateRequest('session', null);
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) routeTable.push({ method, url: r.url, schema: r.schema as RouteEntry['schema'], public: r.config?.public === true });
  });

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Исполнение — API', description: 'Plans of measures, their execution and reporting', version: '0.1.0' },
      components: { securitySchemes: { cookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  // Authentication and CSRF for every API request.
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.session = (await loadSession(ctx.db, token)) ?? null;
    // Authentication comes before the body is parsed and validated: an anonymous caller
    // learns nothing of a route's schema and sends no upload. (Unknown addresses still 404.)
    const route = request.routeOptions;
    if (!request.session && route.url?.startsWith('/api/') && !route.config?.public && !route.url.startsWith('/api/docs')) {
      return reply.status(401).send({ code: 'unauthorized', reason: 'auth.required', message: 'Требуется вход в систему' });
    }
    const isWrite = !['GET', 'HEAD', 'OPTIONS'].includes(request.method);
    // Cookie-authenticated writes must echo the session's CSRF token in a header that
    // a cross-site form cannot set.
    if (isWrite && request.session && request.headers['x-csrf-token'] !== request.session.csrfToken) {
      return sendError(reply, 403, 'csrf', 'Сессия устарела: обновите страницу и повторите действие');
    }
  });

  app.get('/api/health', { schema: { hide: true }, config: { public: true } }, async () => ({ status: 'ok', database: ctx.db.kind }));

  registerAuthRoutes(app, ctx);
  registerSettingsRoutes(app, ctx);
  registerOrganisationRoutes(app, ctx);
  registerUserRoutes(app, ctx);
  registerPlanRoutes(app, ctx);
  registerMeasureRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  await registerImportRoutes(app, ctx);
  registerDeadlineRoutes(app, ctx);
  registerReportRoutes(app, ctx);
  registerExportRoutes(app, ctx);
  registerDashboardRoutes(app, ctx);
  registerNotificationRoutes(app, ctx);
  registerWorkRoutes(app, ctx);

  if (existsSync(webDist)) {
    // wildcard: files are looked up per request, so a rebuilt dist/web is served without a restart.
    // Source maps stay on disk for us (vite's sourcemap: 'hidden') and are never served.
    await app.register(fastifyStatic, { root: webDist, wildcard: true, allowedPath: (path) => !path.endsWith('.map') });
  }
  app.setNotFoundHandler((request, reply) => {
    // A source map is a missing file, not a client route (allowedPath sends it here).
    if (request.url.startsWith('/api/') || request.method !== 'GET' || request.url.split('?')[0].endsWith('.map')) {
      return sendError(reply, 404, 'not_found', 'Адрес не найден');
    }
    // Client-side routes of the web app.
    if (existsSync(join(webDist, 'index.html'))) return reply.type('text/html').sendFile('index.html');
    return reply.status(503).type('text/plain; charset=utf-8').send('Веб-интерфейс не собран: выполните npm run build:web');
  });

  await app.ready();
  return app;
}
