/**
 * The app factory: one Fastify instance serving the JSON API and the built web app.
 * Tests build it in process and call `app.inject()`; `src/server.ts` listens.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  authenticateBearer,
  bearerToken,
  DEVICE_COOKIE,
  loadSession,
  loginBucket,
  registerAuthRoutes,
  registerSettingsRoutes,
  registerTokenRoutes,
} from '../modules/auth/index.js';
import { registerAuditRoutes } from '../modules/audit/index.js';
import { registerImportRoutes } from '../modules/imports/index.js';
import { registerDeadlineRoutes } from '../modules/deadlines/index.js';
import { registerReportOnceRoutes, registerReportRoutes } from '../modules/reports/index.js';
import { registerLinkRoutes } from '../modules/links/index.js';
import { registerSubstanceRoutes } from '../modules/substance/index.js';
import { registerExportRoutes } from '../modules/exports/index.js';
import { registerDashboardRoutes } from '../modules/dashboard/index.js';
import { registerMeasureRoutes } from '../modules/measures/index.js';
import { registerOrganisationRoutes } from '../modules/organisations/index.js';
import { registerPlanRoutes } from '../modules/plans/index.js';
import { registerUserRoutes } from '../modules/users/index.js';
import { registerNotificationRoutes } from '../modules/notifications/index.js';
import { registerWorkRoutes } from '../modules/work/index.js';
import { NOK_CODE_PATTERN, registerNokRoutes } from '../modules/nok/index.js';
import { registerCouncilRoutes } from '../modules/councils/index.js';
import { registerIndicatorRoutes } from '../modules/indicators/index.js';
import { registerRatingRoutes } from '../modules/ratings/index.js';
import { errorHandler, sendError } from './errors.js';
import { registerRateLimits } from './rate-limits.js';
import { configureFileStorage } from '../modules/files/index.js';
import { createHeavyPool } from '../workers/pool.js';
import { SESSION_COOKIE, type App, type AppContext, type RouteEntry } from './context.js';
import {
  installResponseContract,
  plainJsonSerializer,
  registerOpenApiDocument,
  type ResponseMismatch,
} from './contract.js';
import { PATHS } from '../paths.js';

/** What a user with a one-time password may do before replacing it. */
const PASSWORD_CHANGE_ROUTES = new Set([
  'GET /api/auth/me',
  'POST /api/auth/password',
  'POST /api/auth/logout',
  'GET /api/health',
]);

const webDist = PATHS.webDist;

/**
 * The Content-Security-Policy. The web app is a Vite build: its scripts and styles are files
 * from this origin, and React sets styles through the DOM (allowed under style-src without
 * 'unsafe-inline'). The favicon is a data: URL. Nothing is framed; who may frame us is
 * `frameAncestors` ('none' everywhere but the embeddable questionnaire).
 */
function cspDirectives(https: boolean, frameAncestors: string[]): Record<string, string[]> {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors,
    ...(https ? { upgradeInsecureRequests: [] } : {}),
  };
}

export async function buildApp(
  ctx: AppContext,
  opts: { logger?: boolean | object; onResponseMismatch?: (m: ResponseMismatch) => void } = {},
): Promise<App> {
  configureFileStorage(ctx.env);
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 2 * 1024 * 1024,
    // Forwarded addresses are believed only from the proxies named in TRUST_PROXY: trusting any
    // X-Forwarded-For lets a client pick its address and walk past per-address limits.
    trustProxy: ctx.env.TRUST_PROXY.length ? ctx.env.TRUST_PROXY : false,
    ajv: undefined,
  }).withTypeProvider<ZodTypeProvider>();

  if (!ctx.heavy) {
    const pool = createHeavyPool({
      threads: ctx.env.HEAVY_THREADS,
      queue: ctx.env.HEAVY_QUEUE,
      memoryMb: ctx.env.HEAVY_MEMORY_MB,
      timeoutMs: ctx.env.HEAVY_TIMEOUT_SECONDS * 1000,
    });
    ctx = { ...ctx, heavy: pool };
    app.addHook('onClose', async () => {
      await pool.close();
    });
  }

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(plainJsonSerializer);
  app.setErrorHandler(errorHandler);
  app.decorateRequest('session', null);
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat())
      routeTable.push({
        method,
        url: r.url,
        schema: r.schema as RouteEntry['schema'],
        public: r.config?.public === true,
      });
  });
  installResponseContract(app, { onMismatch: opts.onResponseMismatch });

  await app.register(cookie);
  const https = ctx.env.PUBLIC_URL.startsWith('https:');
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(https, ["'none'"]) },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    // HSTS only when users reach us over https: on plain http it would be ignored at best.
    hsts: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Исполнение — API',
        description: 'Plans of measures, their execution and reporting',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          cookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          bearer: { type: 'http', scheme: 'bearer', description: 'Personal API token (isp_…), scope read or reports' },
        },
      },
      security: [{ cookie: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  registerOpenApiDocument(app);

  // Authentication and CSRF for every API request.
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.url.startsWith('/api/')) return;
    // A personal API token stands for its user within its scope. No CSRF check: browsers
    // never attach an Authorization header on their own, so a cross-site form cannot use it.
    const bearer = bearerToken(request.headers.authorization);
    if (bearer !== undefined) {
      request.session = await authenticateBearer(ctx.db, bearer, request.method, request.routeOptions.url);
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.session = (await loadSession(ctx.db, token)) ?? null;
    // Authentication comes before the body is parsed and validated: an anonymous caller
    // learns nothing of a route's schema and sends no upload. (Unknown addresses still 404.)
    const route = request.routeOptions;
    if (
      !request.session &&
      route.url?.startsWith('/api/') &&
      !route.config?.public &&
      !route.url.startsWith('/api/docs')
    ) {
      return reply
        .status(401)
        .send({ code: 'unauthorized', reason: 'auth.required', message: 'Требуется вход в систему' });
    }
    const isWrite = !['GET', 'HEAD', 'OPTIONS'].includes(request.method);
    // Cookie-authenticated writes must echo the session's CSRF token in a header that
    // a cross-site form cannot set.
    if (isWrite && request.session && request.headers['x-csrf-token'] !== request.session.csrfToken) {
      return sendError(reply, 403, 'csrf', 'Сессия устарела: обновите страницу и повторите действие');
    }
    // A one-time password set by an administrator opens nothing but the change of it.
    if (
      request.session?.user.mustChangePassword &&
      !PASSWORD_CHANGE_ROUTES.has(`${request.method} ${request.url.split('?')[0]}`)
    ) {
      return reply.status(403).send({
        code: 'forbidden',
        reason: 'auth.password_change_required',
        message: 'Смените временный пароль, выданный администратором, чтобы продолжить работу',
      });
    }
  });

  // Login attempts are limited per account too (the account named in the body; see rate-limits.ts).
  await registerRateLimits(app, ctx.db, ctx.env.RATE_LIMIT_SCALE, async (request) => {
    const login = (request.body as { login?: unknown } | undefined)?.login;
    return typeof login === 'string' ? loginBucket(ctx.db, login, request.cookies[DEVICE_COOKIE]) : undefined;
  });

  app.get('/api/health', { schema: { hide: true }, config: { public: true } }, async () => ({
    status: 'ok',
    database: ctx.db.kind,
  }));

  registerAuthRoutes(app, ctx);
  registerSettingsRoutes(app, ctx);
  registerTokenRoutes(app, ctx);
  registerOrganisationRoutes(app, ctx);
  registerUserRoutes(app, ctx);
  registerPlanRoutes(app, ctx);
  registerMeasureRoutes(app, ctx);
  registerIndicatorRoutes(app, ctx);
  registerRatingRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  await registerImportRoutes(app, ctx);
  registerDeadlineRoutes(app, ctx);
  registerReportRoutes(app, ctx);
  registerReportOnceRoutes(app, ctx);
  registerLinkRoutes(app, ctx);
  registerSubstanceRoutes(app, ctx);
  registerExportRoutes(app, ctx);
  registerDashboardRoutes(app, ctx);
  registerNotificationRoutes(app, ctx);
  registerWorkRoutes(app, ctx);
  registerNokRoutes(app, ctx);

  // The НОК questionnaire embedded in an organisation's own site (issue 14): the one page that
  // may be framed, by https sites only; everything else keeps frame-ancestors 'none' and DENY.
  const embedCsp = Object.entries(cspDirectives(https, ["'self'", 'https:']))
    .map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), ...v].join(' '))
    .join('; ');
  app.get<{ Params: { code: string } }>(
    '/embed/nok/:code',
    { schema: { hide: true }, config: { public: true } },
    async (request, reply) => {
      reply.header('content-security-policy', embedCsp);
      reply.removeHeader('x-frame-options');
      if (!NOK_CODE_PATTERN.test(request.params.code)) return sendError(reply, 404, 'not_found', 'Анкета не найдена');
      if (existsSync(join(webDist, 'index.html'))) return reply.type('text/html').sendFile('index.html');
      return reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('Веб-интерфейс не собран: выполните npm run build:web');
    },
  );
  registerCouncilRoutes(app, ctx);

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
    return reply
      .status(503)
      .type('text/plain; charset=utf-8')
      .send('Веб-интерфейс не собран: выполните npm run build:web');
  });

  await app.ready();
  return app;
}
