/**
 * Saving an imported document from the command line, for batch loading: the same
 * service as the web import, acting as a named user (default: the first administrator),
 * with unknown executors added to the directory instead of asked about.
 */
import { openDatabase, type Database } from '../db/database.js';
import { isEmpty, seedDemo } from '../demo/demo-seed.js';
import { migrate } from '../db/migrate.js';
import { matchOrganisation } from '../domain/directory/match-organisation.js';
import { DomainError } from '../domain/errors.js';
import type { InterchangeDocument } from '../domain/importers/interchange.js';
import type { Actor, Role } from '../domain/policy/authorize.js';
import { loadEnv } from '../env.js';
import { configureFileStorage } from '../modules/files/index.js';
import { applyReportImport, commitImport, previewImport, type ExecutorChoice } from '../modules/imports/index.js';
import { listOrganisations } from '../modules/organisations/index.js';

export interface SaveOptions {
  as?: string;
  owner?: string;
  planId?: number;
  period?: string;
}

export async function openConfigured(): Promise<Database> {
  const env = loadEnv();
  configureFileStorage(env);
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  await migrate(db);
  // Same rule as `npm start`: an empty embedded database gets the demo region.
  if (db.kind === 'pglite' && (await isEmpty(db))) await seedDemo(db);
  return db;
}

export async function loadActor(db: Database, login?: string): Promise<Actor> {
  const r = login
    ? await db.one<{ id: number; region_id: number; organisation_id: number; role: Role }>(
        `SELECT * FROM users WHERE lower(login) = lower($1) AND active`,
        [login],
      )
    : await db.one<{ id: number; region_id: number; organisation_id: number; role: Role }>(
        `SELECT * FROM users WHERE role = 'admin' AND active ORDER BY id LIMIT 1`,
      );
  if (!r) {
    throw new DomainError(
      'validation',
      'cli.no_user',
      login ? `Пользователь «${login}» не найден` : 'В базе нет администратора: создайте его или укажите --as ЛОГИН',
      'no acting user',
    );
  }
  return { userId: r.id, regionId: r.region_id, organisationId: r.organisation_id, role: r.role };
}

export async function saveImported(
  bytes: Uint8Array,
  fileName: string,
  opts: SaveOptions,
): Promise<{ planId: number; changes?: number }> {
  const db = await openConfigured();
  try {
    const actor = await loadActor(db, opts.as);
    // No person at the command line to point at the columns: a document no reading places is refused, not kept.
    const preview = await previewImport(
      db,
      actor,
      { name: fileName, mime: 'application/octet-stream', bytes },
      { keepUnread: false },
    );
    if (!preview.document)
      throw new DomainError('validation', 'import.no_table', preview.unread.message, 'no reading placed the document');
    const doc: InterchangeDocument = preview.document;
    if (opts.planId) {
      const r = await applyReportImport(db, actor, preview.importId, {
        planId: opts.planId,
        period: opts.period ?? 'не указан',
        dryRun: false,
      });
      return { planId: opts.planId, changes: r.changes.length };
    }
    const directory = await listOrganisations(db, actor);
    let ownerId = actor.organisationId;
    if (opts.owner) {
      const m = matchOrganisation(opts.owner, directory);
      if (!m.match)
        throw new DomainError(
          'validation',
          'cli.owner',
          `Организация «${opts.owner}» не найдена в справочнике`,
          `owner ${opts.owner} not found`,
        );
      ownerId = m.match.id;
    }
    const executorMap: Record<string, ExecutorChoice> = {};
    for (const e of preview.executors) {
      executorMap[e.name] = e.match ? { organisationId: e.match.id } : { create: { fullName: e.name, kind: 'other' } };
    }
    const year = (doc.approvedOn ?? new Date().toISOString()).slice(0, 4);
    const [periodFrom, periodTo] = doc.period ?? [`${year}-01-01`, `${year}-12-31`];
    return await commitImport(db, actor, preview.importId, {
      plan: {
        kind: doc.kind === 'council_decisions' || doc.kind === 'protocol' ? 'council_decisions' : 'plan',
        title: doc.title || fileName,
        ownerOrganisationId: ownerId,
        periodFrom,
        periodTo,
        approvedByName: doc.approvedByName,
        approvedOn: doc.approvedOn,
      },
      sections: doc.sections,
      items: doc.items.map((it) => ({ ...it, title: it.title || `Мероприятие ${it.number}` })),
      executorMap,
      rememberAliases: false,
    });
  } finally {
    await db.close();
  }
}
