/** Sign-in, the session, one's own settings and personal API tokens. */
import { z } from 'zod';
import { OrgName, Role, Timestamp } from './common.js';

export const UserAbilities = z.strictObject({
  manageDirectory: z.boolean(),
  manageUsers: z.boolean(),
  createPlans: z.boolean(),
  viewAudit: z.boolean(),
});

/** The signed-in user as the session answers name them. */
export const SessionUser = z.strictObject({
  id: z.number().int(),
  login: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  role: Role,
  organisation: OrgName,
  abilities: UserAbilities,
  /** A one-time password set by an administrator: nothing else opens until it is replaced. */
  mustChangePassword: z.boolean(),
});

/** POST /api/auth/login, GET /api/auth/me. `csrfToken` is echoed in `X-CSRF-Token` on cookie-authenticated writes ('' for a token). */
export const SessionAnswer = z.strictObject({ user: SessionUser, csrfToken: z.string() });

export const UserSettings = z.strictObject({
  notifyEnabled: z.boolean(),
  notifyDaysBefore: z.number().int().min(0).max(30),
  email: z.string().nullable(),
  phone: z.string(),
  position: z.string(),
});

export const TokenScope = z.enum(['read', 'reports']);

/** A personal API token as listed: never the secret itself. */
export const ApiToken = z.strictObject({
  id: z.number().int(),
  name: z.string(),
  scope: TokenScope,
  /** The first characters of the token, to tell tokens apart («isp_AbC1…»). */
  prefix: z.string(),
  owner: z.strictObject({ id: z.number().int(), login: z.string(), fullName: z.string() }),
  createdAt: Timestamp,
  lastUsedAt: Timestamp.nullable(),
  expiresAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
});

/** POST /api/auth/tokens: the token with its secret, shown this once. */
export const CreatedApiToken = ApiToken.extend({ token: z.string() });

export type UserAbilities = z.infer<typeof UserAbilities>;
export type SessionUser = z.infer<typeof SessionUser>;
export type SessionAnswer = z.infer<typeof SessionAnswer>;
export type UserSettings = z.infer<typeof UserSettings>;
export type TokenScope = z.infer<typeof TokenScope>;
export type ApiToken = z.infer<typeof ApiToken>;
export type CreatedApiToken = z.infer<typeof CreatedApiToken>;
