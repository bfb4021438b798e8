import type { Database, Queryable } from '../../db/database.js';
import { matchOrganisation } from '../../domain/directory/match-organisation.js';
import { DomainError, forbidden, notFound } from '../../domain/errors.js';
import { authorize, type Actor } from '../../domain/policy/authorize.js';
import { recordAudit } from '../audit/index.js';

export const ORG_KINDS = [
  'region',
  'executive',
  'institution',
  'municipality',
  'ngo',
  'council',
  'group',
  'other',
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export interface Organisation {
  id: number;
  parentId: number | null;
  kind: OrgKind;
  fullName: string;
  shortName: string;
  aliases: string[];
  external: boolean;
  archived: boolean;
  /** Set on an archived entry merged into another: the one that took its place. */
  mergedIntoId?: number | null;
  /** Who signs the consolidated reports of plans the organisation owns. */
  headPosition?: string;
  headName?: string;
  /** Optimistic version: an edit names the one it was made on (409 when stale). */
  version: number;
}

export interface OrganisationInput {
  fullName: string;
  shortName?: string;
  aliases?: string[];
  kind: OrgKind;
  parentId?: number | null;
  external?: boolean;
  headPosition?: string;
  headName?: string;
}

const collator = new Intl.Collator('ru');

export function presentOrganisation(r: Record<string, unknown>): Organisation {
  return {
    id: Number(r.id),
    parentId: r.parent_id == null ? null : Number(r.parent_id),
    kind: r.kind as OrgKind,
    fullName: String(r.full_name),
    shortName: String(r.short_name),
    aliases: (r.aliases as string[]) ?? [],
    external: Boolean(r.external),
    archived: r.archived_at != null,
    mergedIntoId: r.merged_into_id == null ? null : Number(r.merged_into_id),
    headPosition: String(r.head_position ?? ''),
    headName: String(r.head_name ?? ''),
    version: Number(r.version),
  };
}

export async function listOrganisations(
  db: Queryable,
  actor: Actor,
  opts: { q?: string; includeArchived?: boolean } = {},
): Promise<Organisation[]> {
  const rows = await db.query(
    `SELECT * FROM organisations WHERE region_id = $1 ${opts.includeArchived ? '' : 'AND archived_at IS NULL'}`,
    [actor.regionId],
  );
  let items = rows.map(presentOrganisation);
  if (opts.q) {
    const { candidates, match } = matchOrganisation(opts.q, items, 20);
    const q = opts.q.toLowerCase();
    const contains = items.filter((o) =>
      [o.fullName, o.shortName, ...o.aliases].some((n) => n.toLowerCase().includes(q)),
    );
    items = [...new Set([...(match ? [match] : []), ...contains, ...candidates])];
    return items;
  }
  // Russian order is done here, not in SQL: PGlite has no ICU collations.
  return items.sort((a, b) => collator.compare(a.shortName, b.shortName));
}

export async function resolveOrganisation(db: Queryable, actor: Actor, name: string) {
  const items = await listOrganisations(db, actor);
  return matchOrganisation(name, items);
}

async function getOrgRow(db: Queryable, actor: Actor, id: number) {
  const row = await db.one(`SELECT * FROM organisations WHERE id = $1 AND region_id = $2`, [id, actor.regionId]);
  if (!row) throw notFound('Организация не найдена', `organisation ${id} not found`);
  return row;
}

function clean(input: Partial<OrganisationInput>) {
  const aliases = input.aliases?.map((a) => a.trim()).filter(Boolean);
  return {
    ...input,
    fullName: input.fullName?.trim(),
    shortName: input.shortName?.trim(),
    aliases: aliases ? [...new Set(aliases)] : undefined,
  };
}

async function assertParentValid(tx: Queryable, actor: Actor, id: number | null, parentId: number | null | undefined) {
  if (parentId == null) return;
  await getOrgRow(tx, actor, parentId);
  // Walk up from the new parent: meeting ourselves would make a cycle.
  let cursor: number | null = parentId;
  for (let depth = 0; cursor != null && depth < 50; depth++) {
    if (cursor === id)
      throw new DomainError(
        'validation',
        'organisation.cycle',
        'Организация не может быть подчинена сама себе',
        'parent cycle',
      );
    const r: { parent_id: number | null } | undefined = await tx.one(
      `SELECT parent_id FROM organisations WHERE id = $1`,
      [cursor],
    );
    cursor = r?.parent_id ?? null;
  }
}

function duplicateName(e: unknown): never {
  if (e && typeof e === 'object' && 'code' in e && (e as { code: string }).code === '23505') {
    throw new DomainError(
      'conflict',
      'organisation.duplicate',
      'Организация с таким полным наименованием уже есть в справочнике',
      'duplicate organisation name',
    );
  }
  throw e;
}

/**
 * Writes asked for by the import of a document (its caller authorizes and audits): a spelling
 * the document uses becomes an alias, and an executor the directory lacks is added.
 * Data versions: bumps the directory's version (trigger of 0010, src/db/data-versions.ts).
 */
export async function addOrganisationAlias(tx: Queryable, id: number, alias: string): Promise<void> {
  // data version: directory
  await tx.query(
    `UPDATE organisations SET aliases = array_append(aliases, $2), version = version + 1, updated_at = now() WHERE id = $1`,
    [id, alias],
  );
}

/** An organisation added from an imported document; null when its full name is taken (unique). */
export async function insertImportedOrganisation(
  tx: Queryable,
  regionId: number,
  org: { kind: string; fullName: string; shortName: string; aliases: string[]; external: boolean },
): Promise<number | null> {
  // data version: directory
  const r = await tx
    .one<{ id: number }>(
      `INSERT INTO organisations (region_id, kind, full_name, short_name, aliases, external) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
      [regionId, org.kind, org.fullName, org.shortName, org.aliases, org.external],
    )
    .catch((e) => {
      if ((e as { code?: string }).code === '23505') return null;
      throw e;
    });
  return r ? Number(r.id) : null;
}

export async function createOrganisation(db: Database, actor: Actor, input: OrganisationInput): Promise<Organisation> {
  if (!authorize(actor, { action: 'directory.manage', subject: actor })) throw forbidden();
  const v = clean(input);
  return db.transaction(async (tx) => {
    await assertParentValid(tx, actor, null, v.parentId);
    // data version: directory
    const row = await tx
      .one(
        `INSERT INTO organisations (region_id, parent_id, kind, full_name, short_name, aliases, external, head_position, head_name)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING *`,
        [
          actor.regionId,
          v.parentId ?? null,
          v.kind,
          v.fullName,
          v.shortName || v.fullName,
          v.aliases ?? [],
          v.external ?? false,
          v.headPosition?.trim() ?? '',
          v.headName?.trim() ?? '',
        ],
      )
      .catch(duplicateName);
    const org = presentOrganisation(row!);
    await recordAudit(tx, actor, actor.regionId, {
      action: 'organisation.create',
      entityType: 'organisation',
      entityId: org.id,
      after: org,
    });
    return org;
  });
}

const staleOrganisation = (id: number, detail: string) =>
  new DomainError(
    'conflict',
    'organisation.stale',
    'Организацию уже изменил другой пользователь. Обновите страницу, чтобы увидеть его изменения.',
    `organisation ${id}: ${detail}`,
  );

export async function updateOrganisation(
  db: Database,
  actor: Actor,
  id: number,
  input: Partial<OrganisationInput> & { version: number },
): Promise<Organisation> {
  if (!authorize(actor, { action: 'directory.manage', subject: actor })) throw forbidden();
  const { version, ...fields } = input;
  const v = clean(fields);
  return db.transaction(async (tx) => {
    const before = presentOrganisation(await getOrgRow(tx, actor, id));
    if (before.version !== version) throw staleOrganisation(id, `version ${version} is stale (now ${before.version})`);
    if (v.parentId !== undefined) await assertParentValid(tx, actor, id, v.parentId);
    // data version: directory
    const row = await tx
      .one(
        `UPDATE organisations SET
         full_name = COALESCE($3, full_name), short_name = COALESCE($4, short_name), aliases = COALESCE($5, aliases),
         kind = COALESCE($6, kind), external = COALESCE($7, external),
         parent_id = CASE WHEN $8::boolean THEN $9::integer ELSE parent_id END,
         head_position = COALESCE($10, head_position), head_name = COALESCE($11, head_name),
         version = version + 1, updated_at = now()
       WHERE id = $1 AND region_id = $2 AND version = $12 RETURNING *`,
        [
          id,
          actor.regionId,
          v.fullName ?? null,
          v.shortName || null,
          v.aliases ?? null,
          v.kind ?? null,
          v.external ?? null,
          v.parentId !== undefined,
          v.parentId ?? null,
          v.headPosition?.trim() ?? null,
          v.headName?.trim() ?? null,
          version,
        ],
      )
      .catch(duplicateName);
    // Conditional on the version: of concurrent edits made on one version, one applies.
    if (!row) throw staleOrganisation(id, 'changed meanwhile');
    const after = presentOrganisation(row);
    await recordAudit(tx, actor, actor.regionId, {
      action: 'organisation.update',
      entityType: 'organisation',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

/** Deletes an organisation nobody refers to; one still in use must stay (409). */
export async function deleteOrganisation(db: Database, actor: Actor, id: number): Promise<void> {
  if (!authorize(actor, { action: 'directory.manage', subject: actor })) throw forbidden();
  await db.transaction(async (tx) => {
    const before = presentOrganisation(await getOrgRow(tx, actor, id));
    const uses = await tx.one<{ executors: number; users: number; plans: number; children: number }>(
      `SELECT (SELECT count(*)::int FROM measure_executors WHERE organisation_id = $1) AS executors,
              (SELECT count(*)::int FROM users WHERE organisation_id = $1) AS users,
              (SELECT count(*)::int FROM plans WHERE owner_organisation_id = $1) AS plans,
              (SELECT count(*)::int FROM organisations WHERE parent_id = $1 AND archived_at IS NULL) AS children`,
      [id],
    );
    const reasons: string[] = [];
    if (uses!.executors) reasons.push(`указана исполнителем в ${uses!.executors} мероприятиях`);
    if (uses!.users) reasons.push(`в ней ${uses!.users} пользователей`);
    if (uses!.plans) reasons.push(`ей принадлежат ${uses!.plans} планов`);
    if (uses!.children) reasons.push(`у неё ${uses!.children} подчинённых организаций`);
    if (reasons.length) {
      throw new DomainError(
        'conflict',
        'organisation.in_use',
        `Нельзя удалить организацию: ${reasons.join(', ')}`,
        `organisation ${id} in use: ${JSON.stringify(uses)}`,
      );
    }
    // data version: directory
    await tx.query(`DELETE FROM organisations WHERE id = $1`, [id]);
    await recordAudit(tx, actor, actor.regionId, {
      action: 'organisation.delete',
      entityType: 'organisation',
      entityId: id,
      before,
    });
  });
}
