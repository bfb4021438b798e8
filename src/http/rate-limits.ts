/**
 * Rate limits on the expensive and the guessable (issue 10 §1, §3): uploads, exports and
 * login, per signed-in user and per address, through @fastify/rate-limit. Its counters live
 * in the database (`rate_limits`, migration 0014), so every instance of the app behind a
 * balancer counts the same hits — an in-memory store would give each instance its own
 * allowance. One conditional upsert per request; the row expires with its window.
 *
 * All limits are here, with why:
 * - login: 30 a minute from one address — a person mistyping never comes close; and 10 in
 *   15 minutes per account name (known or not, so the answer tells nothing), whatever the
 *   address: guessing one account from many addresses is refused before a password hash is
 *   even computed. A browser the account has signed in from before (a known device, see
 *   auth.service.ts) counts apart from everyone else, so an attacker using up an account's
 *   allowance does not lock its owner out — the same rule as the progressive lockout;
 * - uploads: 30 in 10 minutes per user, 120 per address (an office behind one NAT) — an
 *   import is read, reviewed and saved by a person; a script is not;
 * - exports: 30 a minute per user, 120 per address — a report is downloaded in 2–3 formats.
 * The heavy-work pool (src/workers/pool.ts) caps what runs at once; these cap how often.
 */
import rateLimit, { type FastifyRateLimitStore } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.js';

interface Limit {
  max: number;
  windowMs: number;
}
interface RouteLimits {
  perUser?: Limit;
  perAddress: Limit;
  /** Per account named in the body (login): keyed by `accountKey` given to registerRateLimits. */
  perAccount?: Limit;
}

const MINUTE = 60_000;
export const RATE_LIMITS: Record<string, RouteLimits> = {
  'POST /api/auth/login': { perAddress: { max: 30, windowMs: MINUTE }, perAccount: { max: 10, windowMs: 15 * MINUTE } },
  'POST /api/imports': { perUser: { max: 30, windowMs: 10 * MINUTE }, perAddress: { max: 120, windowMs: 10 * MINUTE } },
  'GET /api/plans/:id/export': { perUser: { max: 30, windowMs: MINUTE }, perAddress: { max: 120, windowMs: MINUTE } },
};

/** A store for @fastify/rate-limit over the app's database: one upsert per hit. */
function databaseStore(db: Database) {
  return class DatabaseStore implements FastifyRateLimitStore {
    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ) {
      db.one<{ hits: number; ttl_ms: number }>(
        `INSERT INTO rate_limits (key, hits, reset_at) VALUES ($1, 1, now() + make_interval(secs => $2::double precision / 1000))
         ON CONFLICT (key) DO UPDATE SET
           hits = CASE WHEN rate_limits.reset_at <= now() THEN 1 ELSE rate_limits.hits + 1 END,
           reset_at = CASE WHEN rate_limits.reset_at <= now() THEN EXCLUDED.reset_at ELSE rate_limits.reset_at END
         RETURNING hits, (extract(epoch FROM reset_at - now()) * 1000)::int AS ttl_ms`,
        [key, timeWindow],
      ).then(
        (r) => callback(null, { current: Number(r!.hits), ttl: Math.max(0, Number(r!.ttl_ms)) }),
        (e: Error) => callback(e),
      );
      // Now and then, rows of windows long over are dropped (a key that comes back starts afresh anyway).
      if (Math.random() < 0.001)
        db.query(`DELETE FROM rate_limits WHERE reset_at < now() - interval '1 hour'`).catch(() => undefined);
    }
    child(): FastifyRateLimitStore {
      return this; // keys are namespaced by route already (see the key generators below)
    }
  };
}

const minutes = (ms: number) => Math.max(1, Math.ceil(ms / MINUTE));

/** What a limiter made by app.createRateLimit answers when it refuses. */
type RateLimitResult = Extract<
  Awaited<ReturnType<ReturnType<FastifyInstance['createRateLimit']>>>,
  { isAllowed: false }
>;

/**
 * The bucket of a request for a per-account limit: e.g. `acct:<login>` or, from the account's
 * known device, `acct:<login>:device:<id>`; undefined when the request names no account.
 */
export type AccountKey = (request: FastifyRequest) => Promise<string | undefined>;

/** Registers the plugin and attaches the limits above to their routes as they are declared. */
export async function registerRateLimits(
  app: FastifyInstance,
  db: Database,
  scale = 1,
  accountKey?: AccountKey,
): Promise<void> {
  const Store = databaseStore(db);
  await app.register(rateLimit, {
    global: false,
    store: Store as never,
    // A database hiccup must not lock everyone out; the heavy pool still caps the work.
    skipOnError: true,
  });
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const limits = methods.map((m) => RATE_LIMITS[`${m} ${route.url}`]).find(Boolean);
    if (!limits) return;
    // Both limits apply to each request (the plugin's own route hook runs one limiter a request).
    const checks = [
      app.createRateLimit({
        max: Math.ceil(limits.perAddress.max * scale),
        timeWindow: limits.perAddress.windowMs,
        keyGenerator: (r) => `${route.url}:ip:${r.ip}`,
      }),
      ...(limits.perUser
        ? [
            app.createRateLimit({
              max: Math.ceil(limits.perUser.max * scale),
              timeWindow: limits.perUser.windowMs,
              keyGenerator: (r) => `${route.url}:user:${r.session?.user.userId ?? `ip:${r.ip}`}`,
            }),
          ]
        : []),
    ];
    const refuse = (request: FastifyRequest, reply: FastifyReply, r: RateLimitResult) => {
      reply.header('retry-after', String(r.ttlInSeconds));
      request.log.info({ key: r.key, max: r.max }, 'rate limit exceeded');
      return reply.status(429).send({
        code: 'rate_limited',
        message: `Слишком много запросов. Повторите попытку через ${minutes(r.ttl)} мин.`,
      });
    };
    const hook = async (request: FastifyRequest, reply: FastifyReply) => {
      for (const check of checks) {
        const r = await check(request);
        if (r.isAllowed || !r.isExceeded) continue;
        return refuse(request, reply, r);
      }
    };
    const existing = route.onRequest ? (Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest]) : [];
    route.onRequest = [...existing, hook] as never;
    if (!limits.perAccount || !accountKey) return;
    // The account is named in the body: counted once the body is parsed and valid.
    const accountOf = new WeakMap<FastifyRequest, string>();
    const accountCheck = app.createRateLimit({
      max: Math.ceil(limits.perAccount.max * scale),
      timeWindow: limits.perAccount.windowMs,
      keyGenerator: (r) => `${route.url}:${accountOf.get(r)}`,
    });
    const accountHook = async (request: FastifyRequest, reply: FastifyReply) => {
      const key = await accountKey(request);
      if (key === undefined) return;
      accountOf.set(request, key);
      const r = await accountCheck(request);
      if (!r.isAllowed && r.isExceeded) return refuse(request, reply, r);
    };
    const handlers = route.preHandler ? (Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler]) : [];
    route.preHandler = [accountHook, ...handlers] as never;
  });
}
