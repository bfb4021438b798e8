import type { Database, Queryable } from '../../db/database.js';
import { DomainError, forbidden, notFound } from '../../domain/errors.js';
import { authorize, type Actor, type Role } from '../../domain/policy/authorize.js';
import { recordAudit } from '../audit/index.js';
import { assertPasswordAcceptable, endSessionsOf, generateOneTimePassword, hashPassword } from '../auth/index.js';

export const ROLES = ['admin', 'coordinator', 'executor', 'observer'] as const;

export interface UserView {
  id: number;
  login: string;
  fullName: string;
  email: string | null;
  role: Role;
  active: boolean;
  locked: boolean;
  /** The password is a one-time one the user has yet to replace. */
  mustChangePassword: boolean;
  organisation: { id: number; shortName: string; fullName: string };
  /** Optimistic version: an edit names the one it was made on (409 when stale). */
  version: number;
}

const selectUsers = `SELECT u.*, o.short_name AS org_short, o.full_name AS org_full FROM users u JOIN organisations o ON o.id = u.organisation_id`;

function presentUser(r: Record<string, unknown>): UserView {
  return {
    id: Number(r.id),
    login: String(r.login),
    fullName: String(r.full_name),
    email: (r.email as string) ?? null,
    role: r.role as Role,
    active: Boolean(r.active),
    locked: r.locked_until != null && new Date(r.locked_until as string) > new Date(),
    mustChangePassword: Boolean(r.must_change_password),
    organisation: { id: Number(r.organisation_id), shortName: String(r.org_short), fullName: String(r.org_full) },
    version: Number(r.version),
  };
}

export async function listUsers(db: Queryable, actor: Actor): Promise<UserView[]> {
  if (!authorize(actor, { action: 'users.manage', subject: actor })) throw forbidden();
  const rows = await db.query(`${selectUsers} WHERE u.region_id = $1 ORDER BY u.full_name`, [actor.regionId]);
  return rows.map(presentUser);
}

async function assertOrgInRegion(tx: Queryable, actor: Actor, organisationId: number) {
  const org = await tx.one(`SELECT id FROM organisations WHERE id = $1 AND region_id = $2 AND archived_at IS NULL`, [
    organisationId,
    actor.regionId,
  ]);
  if (!org)
    throw new DomainError(
      'validation',
      'user.organisation',
      'Организация не найдена в справочнике',
      `organisation ${organisationId} not in region`,
    );
}

export interface UserInput {
  login: string;
  fullName: string;
  email?: string | null;
  role: Role;
  organisationId: number;
  /** Omitted: the server makes up a one-time password and returns it once. */
  password?: string;
}

/**
 * Creates an account. Its password — given by the administrator or made up here — is a
 * one-time password: the user must replace it at first login. A made-up one is returned
 * once, in `oneTimePassword`, for the administrator to hand over.
 */
export async function createUser(
  db: Database,
  actor: Actor,
  input: UserInput,
): Promise<UserView & { oneTimePassword?: string }> {
  if (!authorize(actor, { action: 'users.manage', subject: actor })) throw forbidden();
  const generated = input.password === undefined ? generateOneTimePassword() : undefined;
  const password = input.password ?? generated!;
  assertPasswordAcceptable(password, [input.login, input.fullName, input.email ?? '']);
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    await assertOrgInRegion(tx, actor, input.organisationId);
    const taken = await tx.one(`SELECT 1 FROM users WHERE lower(login) = lower($1)`, [input.login]);
    if (taken)
      throw new DomainError(
        'conflict',
        'user.login_taken',
        'Пользователь с таким логином уже существует',
        'login taken',
      );
    const created = await tx.one<{ id: number }>(
      `INSERT INTO users (region_id, organisation_id, login, full_name, email, role, password_hash, must_change_password) VALUES ($1,$2,$3,$4,$5,$6,$7,true) RETURNING id`,
      [
        actor.regionId,
        input.organisationId,
        input.login.trim(),
        input.fullName.trim(),
        input.email ?? null,
        input.role,
        passwordHash,
      ],
    );
    const user = presentUser((await tx.one(`${selectUsers} WHERE u.id = $1`, [created!.id]))!);
    await recordAudit(tx, actor, actor.regionId, {
      action: 'user.create',
      entityType: 'user',
      entityId: user.id,
      after: user,
    });
    return generated ? { ...user, oneTimePassword: generated } : user;
  });
}

const staleUser = (id: number, detail: string) =>
  new DomainError(
    'conflict',
    'user.stale',
    'Учётную запись уже изменил другой администратор. Обновите страницу, чтобы увидеть его изменения.',
    `user ${id}: ${detail}`,
  );

export async function updateUser(
  db: Database,
  actor: Actor,
  id: number,
  input: Partial<Omit<UserInput, 'login' | 'password'>> & {
    active?: boolean;
    password?: string;
    unlock?: boolean;
    version: number;
  },
): Promise<UserView> {
  if (!authorize(actor, { action: 'users.manage', subject: actor })) throw forbidden();
  if (input.password !== undefined) assertPasswordAcceptable(input.password);
  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : null;
  // A password reset by an administrator is a one-time password, like a new account's.
  return db.transaction(async (tx) => {
    const row = await tx.one(`${selectUsers} WHERE u.id = $1 AND u.region_id = $2`, [id, actor.regionId]);
    if (!row) throw notFound('Пользователь не найден', `user ${id} not found`);
    const before = presentUser(row);
    if (before.version !== input.version)
      throw staleUser(id, `version ${input.version} is stale (now ${before.version})`);
    if (id === actor.userId && (input.active === false || (input.role && input.role !== 'admin'))) {
      throw new DomainError(
        'validation',
        'user.self_lockout',
        'Нельзя отключить себя или снять с себя роль администратора',
        'admin self-demotion refused',
      );
    }
    if (input.organisationId) await assertOrgInRegion(tx, actor, input.organisationId);
    // Conditional on the version: of concurrent edits made on one version, one applies.
    const changed = await tx.query(
      `UPDATE users SET full_name = COALESCE($2, full_name), email = CASE WHEN $3::boolean THEN $4 ELSE email END,
         role = COALESCE($5, role), organisation_id = COALESCE($6, organisation_id), active = COALESCE($7, active),
         password_hash = COALESCE($8, password_hash),
         must_change_password = CASE WHEN $8::text IS NOT NULL THEN true ELSE must_change_password END,
         failed_logins = CASE WHEN $9::boolean OR $8::text IS NOT NULL THEN 0 ELSE failed_logins END,
         locked_until = CASE WHEN $9::boolean OR $8::text IS NOT NULL THEN NULL ELSE locked_until END,
         version = version + 1, updated_at = now()
       WHERE id = $1 AND version = $10 RETURNING id`,
      [
        id,
        input.fullName ?? null,
        input.email !== undefined,
        input.email ?? null,
        input.role ?? null,
        input.organisationId ?? null,
        input.active ?? null,
        passwordHash,
        input.unlock ?? false,
        input.version,
      ],
    );
    if (changed.length !== 1) throw staleUser(id, 'changed meanwhile');
    // A disabled user or a reset password ends the user's sessions.
    if (input.active === false || passwordHash) await endSessionsOf(tx, id);
    const after = presentUser((await tx.one(`${selectUsers} WHERE u.id = $1`, [id]))!);
    await recordAudit(tx, actor, actor.regionId, {
      action: passwordHash ? 'user.update_password' : 'user.update',
      entityType: 'user',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

/** Users of an organisation merged into another are edited by the merge: forms opened on them before are stale. */
export async function markUsersOfOrganisationEdited(tx: Queryable, organisationId: number): Promise<void> {
  await tx.query(`UPDATE users SET version = version + 1 WHERE organisation_id = $1`, [organisationId]);
}
