/**
 * What a route needs from the HTTP layer: the app type, the shared context (database,
 * settings, mailer), the session cookie's name and the signed-in actor. Route files import
 * this, never `app.ts`, so the layers point one way: app.ts registers the routes.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../db/database.js';
import { DomainError } from '../domain/errors.js';
import type { Env } from '../env.js';
import type { Mailer } from '../jobs/mailer.js';
import type { Session } from '../modules/auth/index.js';
import type { HeavyPool } from '../workers/pool.js';

export const SESSION_COOKIE = 'isp_session';

declare module 'fastify' {
  interface FastifyRequest {
    session: Session | null;
  }
  interface FastifyContextConfig {
    /** Answered without a session (login, health); every other API route refuses anonymous requests first. */
    public?: boolean;
  }
  interface FastifyInstance {
    /** Every route as registered, for tests that must cover them all (fuzz, permission matrix). */
    routeTable: RouteEntry[];
  }
}

export interface RouteEntry {
  method: string;
  url: string;
  schema?: { params?: unknown; querystring?: unknown; body?: unknown };
  public: boolean;
}

export type App = FastifyInstance<any, any, any, any, ZodTypeProvider>;

export interface AppContext {
  db: Database;
  env: Env;
  /** Outgoing mail for requests that send it («Напомнить исполнителю»); built from env when absent. */
  mailer?: Mailer;
  /** Threads for parsing uploads and building exports; built from env when absent and closed with the app. */
  heavy?: HeavyPool;
}

/** The signed-in actor, or a 401. */
export function requireSession(request: FastifyRequest): Session {
  if (!request.session)
    throw new DomainError('unauthorized', 'auth.required', 'Требуется вход в систему', 'no valid session');
  return request.session;
}
