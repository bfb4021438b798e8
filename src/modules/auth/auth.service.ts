/**
 * Login, sessions, lockout and password change. Sessions are rows in the database
 * (any instance can serve any request); the cookie holds a random token whose
 * SHA-256 is the row key.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Database, Queryable } from '../../db/database.js';
import { DomainError } from '../../domain/errors.js';
import type { Actor, Role } from '../../domain/policy/authorize.js';
import { recordAudit } from '../audit/index.js';
import { assertPasswordAcceptable, hashPassword, verifyPassword } from './passwords.js';

/**
 * Consecutive failures after which an account is locked. The lock is progressive: the
 * first lasts LOCKOUT_FIRST_MINUTES and each further failure doubles it, up to
 * LOCKOUT_MINUTES — five anonymous guesses cost the owner a minute, not a quarter hour,
 * and the owner's own browser (a known device) passes the lock with the right password.
 */
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_FIRST_MINUTES = 1;
export const LOCKOUT_MINUTES = 15;
/** Failed attempts from one address within the window before it is throttled. */
export const IP_FAILURE_LIMIT = 20;
export const IP_WINDOW_MINUTES = 15;
/** The cookie naming a browser that has signed in to an account before. */
export const DEVICE_COOKIE = 'isp_device';
export const DEVICE_TTL_DAYS = 180;

export interface SessionUser extends Actor {
  login: string;
  fullName: string;
  email: string | null;
  organisation: { id: number; shortName: string; fullName: string };
  /** The password was set by an administrator and must be changed before anything else. */
  mustChangePassword: boolean;
}

export interface Session {
  user: SessionUser;
  csrfToken: string;
  tokenHash: string;
  /** Set when the request authenticated with a personal API token (Bearer), not a session cookie. */
  apiToken?: { id: number; scope: 'read' | 'reports' };
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

// A fixed hash to verify against when the login is unknown, so that response time
// does not reveal which logins exist.
let dummyHash: Promise<string> | undefined;

const invalidCredentials = () =>
  new DomainError('unauthorized', 'auth.invalid', 'Неверный логин или пароль', 'invalid credentials');

/** The same words for a locked account and for an unknown login that failed as often. */
const lockedError = (detail: string) =>
  new DomainError(
    'forbidden',
    'auth.locked',
    'Вход в эту учётную запись временно заблокирован после нескольких неудачных попыток. Повторите попытку через несколько минут или войдите с устройства, с которого входили раньше.',
    detail,
  );

/** Minutes of the lock set by the n-th consecutive failure (SQL, n = $failures). */
const lockMinutesSql = (n: string) =>
  `LEAST(${LOCKOUT_MINUTES}, ${LOCKOUT_FIRST_MINUTES} * power(2, GREATEST(0, ${n} - ${LOCKOUT_THRESHOLD})))::int`;

/**
 * The bucket a login attempt counts in for the per-account rate limit (src/http/rate-limits.ts):
 * the account name as typed (known or not — the answer must not tell), or, from a browser
 * that has signed in to that account before, a bucket of its own, so that an attacker
 * exhausting the account's allowance does not keep its owner out.
 */
export async function loginBucket(db: Queryable, login: string, deviceToken: string | undefined): Promise<string> {
  const name = `acct:${login.trim().toLowerCase().slice(0, 200)}`;
  if (!deviceToken) return name;
  const hash = sha256(deviceToken);
  const known = await db.one(
    `SELECT 1 FROM known_devices d JOIN users u ON u.id = d.user_id
     WHERE d.token_hash = $1 AND lower(u.login) = lower($2) AND d.created_at > now() - make_interval(days => $3)`,
    [hash, login.trim(), DEVICE_TTL_DAYS],
  );
  return known ? `${name}:device:${hash.slice(0, 16)}` : name;
}

export interface LoginResult {
  token: string;
  session: Session;
  deviceToken: string;
}

export async function login(
  db: Database,
  input: { login: string; password: string; ip: string; deviceToken?: string },
  ttlHours: number,
): Promise<LoginResult> {
  const recentFailures = await db.one<{ n: number }>(
    `SELECT count(*)::int AS n FROM login_attempts WHERE ip = $1 AND at > now() - make_interval(mins => $2)`,
    [input.ip, IP_WINDOW_MINUTES],
  );
  if ((recentFailures?.n ?? 0) >= IP_FAILURE_LIMIT) {
    throw new DomainError(
      'forbidden',
      'auth.rate_limited',
      'Слишком много неудачных попыток входа. Попробуйте через 15 минут.',
      `ip ${input.ip} throttled`,
    );
  }
  const loginName = input.login.slice(0, 200);
  const user = await db.one<{ id: number; password_hash: string; active: boolean; region_id: number }>(
    `SELECT id, password_hash, active, region_id FROM users WHERE lower(login) = lower($1)`,
    [input.login],
  );
  if (!user) {
    // An unknown login is answered as a real one would be: the same check of a hash, the
    // same failure record, and a lock after as many failures.
    dummyHash ??= hashPassword('not-a-real-password');
    await verifyPassword(await dummyHash, input.password);
    const failures = await db.one<{ n: number; last: Date | null }>(
      `SELECT count(*)::int AS n, max(at) AS last FROM login_attempts WHERE lower(login) = lower($1) AND at > now() - make_interval(mins => $2)`,
      [loginName, LOCKOUT_MINUTES],
    );
    await db.query(`INSERT INTO login_attempts (login, ip) VALUES ($1, $2)`, [loginName, input.ip]);
    if ((failures?.n ?? 0) >= LOCKOUT_THRESHOLD)
      throw lockedError(`unknown login locked after ${failures!.n} failures`);
    throw invalidCredentials();
  }
  const knownDevice = input.deviceToken
    ? Boolean(
        await db.one(
          `SELECT 1 FROM known_devices WHERE token_hash = $1 AND user_id = $2 AND created_at > now() - make_interval(days => $3)`,
          [sha256(input.deviceToken), user.id, DEVICE_TTL_DAYS],
        ),
      )
    : false;
  // The attempt is counted *before* the password is checked, in one conditional UPDATE: of
  // many concurrent attempts, those past the threshold find the account locked and are
  // refused whatever their password — the right one among them cannot slip in and reset the
  // counter. A known device is let through the lock (its attempt still counts).
  const claim = await db.one<{ failed_logins: number }>(
    `UPDATE users SET failed_logins = failed_logins + 1,
       locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(mins => ${lockMinutesSql('(failed_logins + 1)')}) ELSE locked_until END
     WHERE id = $1 AND (locked_until IS NULL OR locked_until <= now() OR $3::boolean)
     RETURNING failed_logins`,
    [user.id, LOCKOUT_THRESHOLD, knownDevice],
  );
  if (!claim) {
    await verifyPassword(user.password_hash, input.password); // same time as any other answer
    await db.query(`INSERT INTO login_attempts (login, ip) VALUES ($1, $2)`, [loginName, input.ip]);
    throw lockedError(`user ${user.id} locked`);
  }
  const ok = await verifyPassword(user.password_hash, input.password);
  if (!ok || !user.active) {
    await db.transaction(async (tx) => {
      await tx.query(`INSERT INTO login_attempts (login, ip) VALUES ($1, $2)`, [loginName, input.ip]);
      if (Number(claim.failed_logins) === LOCKOUT_THRESHOLD) {
        await recordAudit(tx, null, user.region_id, { action: 'user.locked', entityType: 'user', entityId: user.id });
      }
    });
    throw invalidCredentials();
  }
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const deviceToken = knownDevice ? input.deviceToken! : randomBytes(32).toString('base64url');
  await db.transaction(async (tx) => {
    await tx.query(`UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1`, [user.id]);
    await tx.query(
      `INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, now() + make_interval(hours => $4))`,
      [sha256(token), user.id, csrfToken, ttlHours],
    );
    await tx.query(
      `INSERT INTO known_devices (token_hash, user_id) VALUES ($1, $2) ON CONFLICT (token_hash) DO UPDATE SET last_used_at = now()`,
      [sha256(deviceToken), user.id],
    );
    // Keep the last 20 browsers of an account within their lifetime; older ones are forgotten.
    await tx.query(
      `DELETE FROM known_devices WHERE user_id = $1 AND (created_at < now() - make_interval(days => $2)
         OR token_hash NOT IN (SELECT token_hash FROM known_devices WHERE user_id = $1 ORDER BY last_used_at DESC LIMIT 20))`,
      [user.id, DEVICE_TTL_DAYS],
    );
    await recordAudit(tx, { userId: user.id, regionId: user.region_id }, user.region_id, {
      action: 'session.login',
      entityType: 'session',
      entityId: user.id,
    });
  });
  const session = await loadSession(db, token);
  if (!session) throw new Error('session vanished right after login');
  return { token, session, deviceToken };
}

export async function loadSession(db: Queryable, token: string): Promise<Session | undefined> {
  if (!token || token.length > 100) return undefined;
  const tokenHash = sha256(token);
  const r = await db.one<Record<string, unknown>>(
    `SELECT s.csrf_token, u.id, u.region_id, u.organisation_id, u.role, u.login, u.full_name, u.email, u.must_change_password,
            o.short_name AS org_short, o.full_name AS org_full
     FROM sessions s JOIN users u ON u.id = s.user_id JOIN organisations o ON o.id = u.organisation_id
     WHERE s.token_hash = $1 AND s.expires_at > now() AND u.active`,
    [tokenHash],
    { prepare: true }, // on every request
  );
  if (!r) return undefined;
  return {
    tokenHash,
    csrfToken: String(r.csrf_token),
    user: {
      userId: Number(r.id),
      regionId: Number(r.region_id),
      organisationId: Number(r.organisation_id),
      role: r.role as Role,
      login: String(r.login),
      fullName: String(r.full_name),
      email: (r.email as string) ?? null,
      organisation: { id: Number(r.organisation_id), shortName: String(r.org_short), fullName: String(r.org_full) },
      mustChangePassword: Boolean(r.must_change_password),
    },
  };
}

export async function logout(db: Database, session: Session): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(`DELETE FROM sessions WHERE token_hash = $1`, [session.tokenHash]);
    await recordAudit(tx, session.user, session.user.regionId, {
      action: 'session.logout',
      entityType: 'session',
      entityId: session.user.userId,
    });
  });
}

export async function changePassword(
  db: Database,
  session: Session,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const row = await db.one<{ password_hash: string }>(`SELECT password_hash FROM users WHERE id = $1`, [
    session.user.userId,
  ]);
  if (!row || !(await verifyPassword(row.password_hash, currentPassword))) {
    throw new DomainError(
      'validation',
      'auth.wrong_password',
      'Текущий пароль указан неверно',
      'wrong current password',
    );
  }
  if (newPassword === currentPassword)
    throw new DomainError(
      'validation',
      'password.same',
      'Новый пароль должен отличаться от текущего',
      'new password equals the current one',
    );
  assertPasswordAcceptable(newPassword, [session.user.login, session.user.fullName, session.user.email ?? '']);
  const hashed = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx.query(
      `UPDATE users SET password_hash = $2, password_changed_at = now(), must_change_password = false, updated_at = now() WHERE id = $1`,
      [session.user.userId, hashed],
    );
    // Other sessions of this user end: a changed password should lock out whoever else had it.
    await tx.query(`DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2`, [
      session.user.userId,
      session.tokenHash,
    ]);
    await recordAudit(tx, session.user, session.user.regionId, {
      action: 'user.password_changed',
      entityType: 'user',
      entityId: session.user.userId,
    });
  });
}

/** Signs a user out everywhere (users administration: deactivated or password reset). */
export async function endSessionsOf(tx: Queryable, userId: number): Promise<void> {
  await tx.query(`DELETE FROM sessions WHERE user_id = $1`, [userId]);
}
