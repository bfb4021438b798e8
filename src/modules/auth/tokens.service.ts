/**
 * Personal API tokens: a user creates one for an integration, sees it once, and revokes it
 * when done; `Authorization: Bearer <token>` then acts as that user, limited by the scope.
 * Like session cookies, only the SHA-256 of the random secret is stored. Every creation and
 * revocation is audited. Tokens cannot manage tokens, change the password or sign out: a
 * leaked token must not be able to entrench itself or lock its owner out.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Database, Queryable } from '../../db/database.js';
import { DomainError, forbidden, notFound } from '../../domain/errors.js';
import { authorize, type Actor, type Role } from '../../domain/policy/authorize.js';
import { recordAudit } from '../audit/index.js';
import type { Session } from './auth.service.js';

export const TOKEN_SCOPES = ['read', 'reports'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** Visible start of every token, so that a leaked one is recognisable by secret scanners. */
const TOKEN_PREFIX = 'isp_';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface ApiTokenView {
  id: number;
  name: string;
  scope: TokenScope;
  prefix: string;
  owner: { id: number; login: string; fullName: string };
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

interface ApiTokenRow {
  id: number;
  name: string;
  scope: TokenScope;
  prefix: string;
  user_id: number;
  login: string;
  full_name: string;
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
}

const selectTokens = `SELECT t.id, t.name, t.scope, t.prefix, t.user_id, u.login, u.full_name, t.created_at, t.last_used_at, t.expires_at, t.revoked_at
  FROM api_tokens t JOIN users u ON u.id = t.user_id`;

const iso = (v: Date | string | null) => (v == null ? null : new Date(v).toISOString());

function present(r: ApiTokenRow): ApiTokenView {
  return {
    id: Number(r.id),
    name: r.name,
    scope: r.scope,
    prefix: r.prefix,
    owner: { id: Number(r.user_id), login: r.login, fullName: r.full_name },
    createdAt: iso(r.created_at)!,
    lastUsedAt: iso(r.last_used_at),
    expiresAt: iso(r.expires_at),
    revokedAt: iso(r.revoked_at),
  };
}

/** Tokens (and sessions acting through one) may not create, list or revoke tokens. */
function assertNotByToken(session: Session) {
  if (session.apiToken)
    throw new DomainError(
      'forbidden',
      'token.not_allowed',
      'Это действие недоступно по API-токену: войдите в систему',
      'token management with a token',
    );
}

export async function createApiToken(
  db: Database,
  session: Session,
  input: { name: string; scope: TokenScope; expiresInDays?: number },
): Promise<ApiTokenView & { token: string }> {
  assertNotByToken(session);
  const actor = session.user;
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return db.transaction(async (tx) => {
    const r = await tx.one<{ id: number }>(
      `INSERT INTO api_tokens (region_id, user_id, name, token_hash, prefix, scope, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $7::int IS NULL THEN NULL ELSE now() + make_interval(days => $7::int) END) RETURNING id`,
      [
        actor.regionId,
        actor.userId,
        input.name.trim(),
        sha256(token),
        token.slice(0, TOKEN_PREFIX.length + 4),
        input.scope,
        input.expiresInDays ?? null,
      ],
    );
    const view = present((await tx.one<ApiTokenRow>(`${selectTokens} WHERE t.id = $1`, [r!.id]))!);
    await recordAudit(tx, actor, actor.regionId, {
      action: 'token.create',
      entityType: 'user',
      entityId: actor.userId,
      after: { tokenId: view.id, tokenName: view.name, tokenScope: view.scope, expiresAt: view.expiresAt },
    });
    return { ...view, token };
  });
}

/** One's own tokens, newest first; an administrator may ask for the whole region's. */
export async function listApiTokens(
  db: Queryable,
  session: Session,
  opts: { all?: boolean } = {},
): Promise<ApiTokenView[]> {
  assertNotByToken(session);
  const actor = session.user;
  if (opts.all && !authorize(actor, { action: 'api_token.manage_all', subject: actor })) throw forbidden();
  const rows = opts.all
    ? await db.query<ApiTokenRow>(`${selectTokens} WHERE t.region_id = $1 ORDER BY t.id DESC LIMIT 1000`, [
        actor.regionId,
      ])
    : await db.query<ApiTokenRow>(`${selectTokens} WHERE t.user_id = $1 ORDER BY t.id DESC LIMIT 1000`, [actor.userId]);
  return rows.map(present);
}

/**
 * Revokes a token: one's own, or (administrators) anyone's in the region. Conditional on the
 * token still being live, so two revocations record one event; revoking a revoked token
 * answers it as it is.
 */
export async function revokeApiToken(db: Database, session: Session, id: number): Promise<ApiTokenView> {
  assertNotByToken(session);
  const actor = session.user;
  return db.transaction(async (tx) => {
    const row = await tx.one<ApiTokenRow & { region_id: number }>(
      `${selectTokens.replace('SELECT ', 'SELECT t.region_id, ')} WHERE t.id = $1`,
      [id],
    );
    if (
      !row ||
      !authorize(actor, {
        action: 'api_token.revoke',
        subject: { regionId: Number(row.region_id), userId: Number(row.user_id) },
      })
    ) {
      throw notFound('Токен не найден', `api token ${id} not found for user ${actor.userId}`);
    }
    const revoked = await tx.one<{ id: number }>(
      `UPDATE api_tokens SET revoked_at = now(), revoked_by = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id`,
      [id, actor.userId],
    );
    const view = present((await tx.one<ApiTokenRow>(`${selectTokens} WHERE t.id = $1`, [id]))!);
    if (revoked) {
      await recordAudit(tx, actor, actor.regionId, {
        action: 'token.revoke',
        entityType: 'user',
        entityId: view.owner.id,
        before: { tokenId: view.id, tokenName: view.name, tokenScope: view.scope },
      });
    }
    return view;
  });
}

interface TokenSessionRow {
  token_id: number;
  scope: TokenScope;
  id: number;
  region_id: number;
  organisation_id: number;
  role: Role;
  login: string;
  full_name: string;
  email: string | null;
  must_change_password: boolean;
  org_short: string;
  org_full: string;
}

/**
 * The session a Bearer token stands for, or undefined for a token unknown, revoked, expired
 * or of a deactivated user. Marks the token used (at most once a minute, so that reading
 * does not write on every request).
 */
export async function loadTokenSession(db: Queryable, token: string): Promise<Session | undefined> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return undefined;
  const tokenHash = sha256(token);
  const r = await db.one<TokenSessionRow>(
    `SELECT t.id AS token_id, t.scope, u.id, u.region_id, u.organisation_id, u.role, u.login, u.full_name, u.email, u.must_change_password,
            o.short_name AS org_short, o.full_name AS org_full
     FROM api_tokens t JOIN users u ON u.id = t.user_id JOIN organisations o ON o.id = u.organisation_id
     WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now()) AND u.active`,
    [tokenHash],
    { prepare: true },
  );
  if (!r) return undefined;
  await db.query(
    `UPDATE api_tokens SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
    [r.token_id],
  );
  const user: Actor & Session['user'] = {
    userId: Number(r.id),
    regionId: Number(r.region_id),
    organisationId: Number(r.organisation_id),
    role: r.role,
    login: r.login,
    fullName: r.full_name,
    email: r.email ?? null,
    organisation: { id: Number(r.organisation_id), shortName: r.org_short, fullName: r.org_full },
    // A one-time password not yet replaced closes the API to the account's tokens as well.
    mustChangePassword: Boolean(r.must_change_password),
  };
  return { user, csrfToken: '', tokenHash, apiToken: { id: Number(r.token_id), scope: r.scope } };
}

/** Routes a 'reports' token may write through: saving, submitting and attaching files to reports. */
const REPORT_WRITES = new Set([
  'PATCH /api/reports/:id',
  'POST /api/reports/:id/submit',
  'POST /api/reports/:id/attachments',
  'DELETE /api/reports/:id/attachments/:attachmentId',
]);

/** Never through a token, whatever its scope. */
const NEVER_BY_TOKEN = /^\/api\/auth\/(tokens|password|logout|login)(\/|$)/;

/**
 * Whether a token of `scope` may call `method route` (the route as declared, `/api/reports/:id`).
 * @example tokenAllows('read', 'GET', '/api/plans/:id') // true
 * @example tokenAllows('read', 'PATCH', '/api/reports/:id') // false
 */
export function tokenAllows(scope: TokenScope, method: string, route: string): boolean {
  if (NEVER_BY_TOKEN.test(route)) return false;
  if (method === 'GET' || method === 'HEAD') return true;
  return scope === 'reports' && REPORT_WRITES.has(`${method} ${route}`);
}

/** The token of an `Authorization: Bearer …` header; undefined when there is no such header. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const m = /^Bearer\s+(.*)$/i.exec(authorization ?? '');
  return m ? m[1].trim() : undefined;
}

/**
 * The session of a request that names a Bearer token: refused (401) when the token is not a
 * live one, and (403) when its scope does not cover the route.
 */
export async function authenticateBearer(
  db: Queryable,
  token: string,
  method: string,
  route: string | undefined,
): Promise<Session> {
  const session = await loadTokenSession(db, token);
  if (!session)
    throw new DomainError(
      'unauthorized',
      'auth.token_invalid',
      'API-токен недействителен: он отозван, истёк или указан неверно',
      'invalid bearer token',
    );
  if (route && !tokenAllows(session.apiToken!.scope, method, route)) {
    throw new DomainError(
      'forbidden',
      'auth.token_scope',
      'Это действие недоступно по API-токену с такими правами',
      `token scope ${session.apiToken!.scope} does not cover ${method} ${route}`,
    );
  }
  return session;
}
