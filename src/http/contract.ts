/**
 * Attaches the response contract (src/contract/responses.ts) to the routes as they are
 * declared, publishes the OpenAPI document, and — in tests — checks every answer against it.
 *
 * Answers are serialized with plain JSON.stringify, not through the zod schemas: a drift
 * between a handler and its schema must not turn a committed change into a 500 in
 * production (docs/decisions/0010-response-contract.md). The API test suite is where a
 * drift fails, loudly, with the route and the zod issues.
 */
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { ApiError } from '../contract/common.js';
import { isBinaryResponse, responses, type ResponseSchema, type RouteResponses } from '../contract/responses.js';
import type { App } from './context.js';

/** An answer that does not match its declared schema (test mode only). */
export interface ResponseMismatch {
  route: string;
  status: number;
  problem: string;
  issues?: unknown;
}

export interface ResponseContract {
  /** Routes under /api/ declared without a response contract (must stay empty). */
  missing: string[];
  /** Routes that got their contract. */
  attached: string[];
}

declare module 'fastify' {
  interface FastifyInstance {
    responseContract: ResponseContract;
  }
}

const table: Record<string, RouteResponses> = responses;

/** API routes, not the documentation page's own assets. */
const isApiRoute = (url: string) => url.startsWith('/api/') && !url.startsWith('/api/docs');

/** Fastify would compile a serializer from each response schema; this one ignores the schema. */
export const plainJsonSerializer = () => (data: unknown) => JSON.stringify(data);

export function installResponseContract(
  app: App,
  opts: { onMismatch?: (m: ResponseMismatch) => void } = {},
): ResponseContract {
  const contract: ResponseContract = { missing: [], attached: [] };
  app.decorate('responseContract', contract);

  app.addHook('onRoute', (route: RouteOptions) => {
    if (!isApiRoute(route.url ?? '')) return;
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter((m) => m !== 'HEAD');
    for (const method of methods) {
      const key = `${method} ${route.url}`;
      const declared = table[key];
      if (!declared) {
        contract.missing.push(key);
        continue;
      }
      contract.attached.push(key);
      route.schema = { ...route.schema, response: { ...declared, '4xx': ApiError, '5xx': ApiError } };
    }
  });

  const onMismatch = opts.onMismatch;
  if (onMismatch) {
    app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      const url = request.routeOptions.url;
      if (!url || !isApiRoute(url) || request.method === 'HEAD') return payload;
      const route = `${request.method} ${url}`;
      const declared = table[route];
      if (!declared) return payload; // reported once, as a missing contract
      const status = reply.statusCode;
      const schema: ResponseSchema | undefined = declared[status] ?? (status >= 400 ? ApiError : undefined);
      const type = String(reply.getHeader('content-type') ?? '');
      const report = (problem: string, issues?: unknown) => onMismatch({ route, status, problem, issues });
      if (!schema) {
        report(`status ${status} is not declared`);
      } else if (isBinaryResponse(schema)) {
        if (/json/.test(type)) report('a file was declared, JSON was sent');
      } else if (!/json/.test(type) || typeof payload !== 'string') {
        report(`JSON was declared, ${type || 'no content type'} was sent`);
      } else {
        const parsed = schema.safeParse(JSON.parse(payload));
        if (!parsed.success) report('the body does not match its schema', parsed.error.issues);
      }
      return payload;
    });
  }
  return contract;
}

/** The OpenAPI 3.1 document, beside the documentation page (/api/docs). */
export function registerOpenApiDocument(app: App) {
  // Public like the documentation page: it describes the API, it holds no data.
  app.get('/api/openapi.json', { schema: { hide: true }, config: { public: true } }, async () => app.swagger());
}
