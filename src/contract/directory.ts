/** The directory: organisations and users. */
import { z } from 'zod';
import { OrgKind, OrgName, Role } from './common.js';

export const Organisation = z.strictObject({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  kind: OrgKind,
  fullName: z.string(),
  shortName: z.string(),
  aliases: z.array(z.string()),
  external: z.boolean(),
  archived: z.boolean(),
  /** An archived entry merged into another: the one that took its place. */
  mergedIntoId: z.number().int().nullable(),
  /** Who signs the consolidated reports of the organisation's plans ('' when not set). */
  headPosition: z.string(),
  headName: z.string(),
  /** Optimistic version: PATCH names it; a stale one is refused with 409. */
  version: z.number().int(),
});

/** GET /api/organisations/resolve: the one organisation a name certainly means, and the closest ones. */
export const OrganisationMatch = z.strictObject({ match: Organisation.nullable(), candidates: z.array(Organisation) });

export const MergeResult = z.strictObject({
  organisation: Organisation,
  merged: Organisation,
  moved: z.strictObject({
    measures: z.number().int(),
    reports: z.number().int(),
    users: z.number().int(),
    plans: z.number().int(),
    children: z.number().int(),
    extensionRequests: z.number().int(),
    shared: z.number().int(),
  }),
});

export const UserView = z.strictObject({
  id: z.number().int(),
  login: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  role: Role,
  active: z.boolean(),
  /** While a login lockout lasts. */
  locked: z.boolean(),
  /** The password is a one-time one the user has yet to replace. */
  mustChangePassword: z.boolean(),
  organisation: OrgName,
  /** Optimistic version: PATCH names it; a stale one is refused with 409. */
  version: z.number().int(),
});

/** POST /api/users: the new account; `oneTimePassword` when the server made the password up (shown once). */
export const CreatedUser = UserView.extend({ oneTimePassword: z.string().optional() });

export type Organisation = z.infer<typeof Organisation>;
export type OrganisationMatch = z.infer<typeof OrganisationMatch>;
export type MergeResult = z.infer<typeof MergeResult>;
export type UserView = z.infer<typeof UserView>;
export type CreatedUser = z.infer<typeof CreatedUser>;
