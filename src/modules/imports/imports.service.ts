/**
 * Importing documents: read (pure) → preview with problems marked → a person fixes →
 * saved as a draft plan in one transaction, with the original file kept and an audit
 * record naming it. Reports are applied onto an existing plan by measure number.
 */
import type { Database, Queryable } from '../../db/database.js';
import { normalizeOrgName, splitDefinition } from '../../domain/directory/match-organisation.js';
import { DomainError, forbidden, notFound } from '../../domain/errors.js';
import { reviewImport, splitAgreementMarker } from '../../domain/import-review/review.js';
import { isDomainError } from '../../domain/errors.js';
import type { InterchangeDocument, ItemStatus } from '../../domain/importers/interchange.js';
import {
  choiceShape,
  documentLayout,
  findRememberedColumns,
  readWithColumns,
  type ColumnChoice,
  type MappableRole,
} from '../../domain/importers/layout.js';
import type { RawDocument } from '../../domain/importers/raw-document.js';
import { documentReadings, importDocument } from '../../domain/importers/read-document.js';
import { authorize, type Actor, type ImportSubject } from '../../domain/policy/authorize.js';
import { storeMeasureVerdicts } from '../substance/index.js';
import { recordAudit } from '../audit/index.js';
import { readPlacedFile, storeFile, type UploadedFile } from '../files/index.js';
import { applyExecutionResult, createMeasures, type MeasureInput } from '../measures/index.js';
import {
  addOrganisationAlias,
  insertImportedOrganisation,
  listOrganisations,
  type OrgKind,
} from '../organisations/index.js';
import { loadMeasures, loadPlanRow, mayReadPlan, planSubjectOf } from '../plans/index.js';
import { createPlan, createSection, setPlanSourceFile } from '../plans/index.js';
import { isDeadlineUnderstood } from '../../domain/deadlines/interpret.js';
import { canReadAttachmentFile } from '../reports/index.js';
import { draftsFromInterchange } from '../../domain/indicators/index.js';
import { saveImportedIndicators, type IndicatorInput } from '../indicators/index.js';
import type { HeavyPool } from '../../workers/pool.js';

function mayImport(actor: Actor) {
  return authorize(actor, { action: 'import.create', subject: actor });
}

/**
 * A stored file, for its uploader, for whoever may read the plan it became (or was applied
 * to) or the report it is attached to, and for administrators; a document uploaded for
 * import and not yet saved is its uploader's alone.
 */
export async function getStoredFile(db: Queryable, actor: Actor, id: number) {
  const r = await db.one<{
    name: string;
    mime: string;
    content: Uint8Array | null;
    storage: string;
    sha256: string;
    created_by: number;
    region_id: number;
    plan_id: number | null;
    import_status: ImportSubject['status'] | null;
    import_by: number | null;
  }>(
    `SELECT f.name, f.mime, f.content, f.storage, f.sha256, f.created_by, f.region_id,
            coalesce((SELECT p.id FROM plans p WHERE p.source_file_id = f.id LIMIT 1), (SELECT i.plan_id FROM imports i WHERE i.file_id = f.id LIMIT 1)) AS plan_id,
            (SELECT i.status FROM imports i WHERE i.file_id = f.id ORDER BY i.id LIMIT 1) AS import_status,
            (SELECT i.created_by FROM imports i WHERE i.file_id = f.id ORDER BY i.id LIMIT 1) AS import_by
     FROM stored_files f WHERE f.id = $1 AND f.region_id = $2`,
    [id, actor.regionId],
  );
  if (!r) throw notFound('Файл не найден', `file ${id} not found`);
  const throughPlan = async () => {
    if (r.plan_id == null) return false;
    return mayReadPlan(db, actor, await loadPlanRow(db, actor, Number(r.plan_id)));
  };
  const subject = {
    regionId: Number(r.region_id),
    createdBy: Number(r.created_by),
    import: r.import_status
      ? { regionId: Number(r.region_id), createdBy: Number(r.import_by), status: r.import_status }
      : null,
    sourceOfReadablePlan: await throughPlan(),
    attachedToReadableReport: await canReadAttachmentFile(db, actor, id),
  };
  if (!authorize(actor, { action: 'file.read', subject })) throw forbidden();
  return { name: r.name, mime: r.mime, content: await readPlacedFile(r) };
}

async function buildPreview(
  db: Queryable,
  actor: Actor,
  importId: number,
  fileId: number,
  fileName: string,
  doc: InterchangeDocument,
) {
  const directory = await listOrganisations(db, actor);
  const { problems, executors } = reviewImport(doc, directory, isDeadlineUnderstood);
  return {
    importId,
    fileId,
    fileName,
    document: doc,
    problems,
    executors: executors.map((e) => ({
      name: e.name,
      byAgreement: e.byAgreement,
      match: e.match ? { id: e.match.id, shortName: e.match.shortName, fullName: e.match.fullName } : null,
      suggestion: e.suggestion,
      byShortForm: e.byShortForm,
      candidates: e.candidates.map((c) => ({ id: c.id, shortName: c.shortName, fullName: c.fullName })),
      items: e.items,
    })),
    indicatorDrafts: draftsFromInterchange(doc.indicators, doc.period),
  };
}

/**
 * Who reads uploaded bytes: the HTTP layer passes its worker pool (src/workers/pool.ts) so
 * parsing never runs on the request thread; the CLI reads in process.
 */
export interface DocumentReader {
  importDocument(bytes: Uint8Array, name: string): Promise<InterchangeDocument>;
  firstReading(bytes: Uint8Array, name: string): Promise<RawDocument>;
}

export const inProcessReader: DocumentReader = {
  importDocument,
  firstReading: async (bytes, name) => (await documentReadings(bytes, name))[0].read(),
};

/** Reads through a worker pool, for `owner` (whose tasks take turns with others'). */
export const pooledReader = (pool: HeavyPool, owner?: string): DocumentReader => ({
  importDocument: (bytes, name) => pool.run({ kind: 'import', bytes, name }, owner),
  firstReading: (bytes, name) => pool.run({ kind: 'raw', bytes, name }, owner),
});

/** Header shapes the actor's organisation has pointed at before, with their columns. */
async function rememberedLayouts(db: Queryable, actor: Actor) {
  const rows = await db.query<{ id: number; shape: string; columns: MappableRole[] }>(
    `SELECT id, shape, columns FROM import_layouts WHERE region_id = $1 AND organisation_id = $2`,
    [actor.regionId, actor.organisationId],
  );
  return rows.map((r) => ({ id: Number(r.id), shape: r.shape, columns: r.columns }));
}

/** A document no reading placed: what was tried, and what was found, for the person to point at. */
function unreadView(importId: number, fileId: number, fileName: string, message: string, raw: RawDocument) {
  return {
    importId,
    fileId,
    fileName,
    status: 'unread' as const,
    document: null,
    problems: [],
    executors: [],
    unread: { message, layout: documentLayout(raw) },
  };
}

const unreadError = (id: number) =>
  new DomainError(
    'validation',
    'import.unread',
    'Документ ещё не прочитан: укажите строку заголовка и столбцы.',
    `import ${id} has no reading yet`,
  );

const REMEMBERED = 'Таблица прочитана по разметке столбцов, сохранённой вашей организацией для документов такого вида.';

/**
 * Reads an uploaded document and keeps it for preview. A document laid out like one the
 * organisation has pointed the columns of is read that way; one no reading places is kept
 * unread, with what was found, for a person to point at its columns. Nothing is kept when
 * the file is not a document we read.
 */
export async function previewImport(
  db: Database,
  actor: Actor,
  file: UploadedFile,
  opts: { keepUnread?: boolean; reader?: DocumentReader } = {},
) {
  if (!mayImport(actor)) throw forbidden();
  const reader = opts.reader ?? inProcessReader;
  let doc: InterchangeDocument | null = null;
  let refusal: string | null = null;
  let layoutId: number | null = null;
  let raw: RawDocument | null = null;
  const known = await rememberedLayouts(db, actor);
  if (known.length) {
    raw = await reader.firstReading(file.bytes, file.name); // refuses formats we do not read
    const choice = findRememberedColumns(raw, known);
    if (choice) {
      try {
        doc = readWithColumns(raw, choice);
        doc.warnings.unshift(REMEMBERED);
        layoutId = known.find((k) => k.shape === choiceShape(raw!, choice))?.id ?? null;
      } catch (e) {
        if (!isDomainError(e)) throw e;
      }
    }
  }
  if (!doc) {
    try {
      doc = await reader.importDocument(file.bytes, file.name); // throws DomainError with a Russian message
    } catch (e) {
      // Kept unread for a person to point at its columns — where there is one to ask.
      if (!(isDomainError(e) && e.code === 'import.no_table') || opts.keepUnread === false) throw e;
      refusal = e.message;
    }
  }
  const { importId, fileId } = await db.transaction(async (tx) => {
    const fileId = await storeFile(tx, actor, file);
    const r = await tx.one<{ id: number }>(
      `INSERT INTO imports (region_id, file_id, kind, document, layout_id, created_by) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
      [actor.regionId, fileId, doc?.kind ?? null, doc ? JSON.stringify(doc) : null, layoutId, actor.userId],
    );
    return { importId: r!.id, fileId };
  });
  if (!doc)
    return unreadView(importId, fileId, file.name, refusal!, raw ?? (await reader.firstReading(file.bytes, file.name)));
  return buildPreview(db, actor, importId, fileId, file.name, doc);
}

/** The bytes of an import's file. */
async function importBytes(db: Queryable, fileId: number): Promise<Buffer> {
  const f = await db.one<{ content: Uint8Array | null; storage: string; sha256: string }>(
    `SELECT content, storage, sha256 FROM stored_files WHERE id = $1`,
    [fileId],
  );
  if (!f) throw notFound('Файл не найден', `file ${fileId} not found`);
  return readPlacedFile(f);
}

/** What the reader found in an imported document, for pointing at its columns (read or not). */
export async function getImportLayout(
  db: Queryable,
  actor: Actor,
  id: number,
  reader: DocumentReader = inProcessReader,
) {
  const r = await loadImport(db, actor, id);
  if (r.status !== 'preview')
    throw new DomainError('conflict', 'import.done', 'Этот документ уже сохранён', `import ${id} is ${r.status}`);
  return { layout: documentLayout(await reader.firstReading(await importBytes(db, r.file_id), r.name)) };
}

/**
 * Reads an imported document with the columns a person pointed at; with `remember`, the
 * organisation's next document of the same header shape is read the same way.
 */
export async function readImportWithColumns(
  db: Database,
  actor: Actor,
  id: number,
  input: ColumnChoice & { remember: boolean },
  reader: DocumentReader = inProcessReader,
) {
  const imp = await loadImport(db, actor, id);
  if (imp.status !== 'preview')
    throw new DomainError('conflict', 'import.done', 'Этот документ уже сохранён', `import ${id} is ${imp.status}`);
  const raw = await reader.firstReading(await importBytes(db, imp.file_id), imp.name);
  const choice: ColumnChoice = { block: input.block, headerRow: input.headerRow, columns: input.columns };
  const doc = readWithColumns(raw, choice); // a Russian message when the columns read nothing
  await db.transaction(async (tx) => {
    let layoutId: number | null = null;
    if (input.remember) {
      const shape = choiceShape(raw, choice);
      const saved = await tx.one<{ id: number }>(
        `INSERT INTO import_layouts (region_id, organisation_id, shape, columns, created_by) VALUES ($1,$2,$3,$4,$5)
         ON CONFLICT (region_id, organisation_id, shape) DO UPDATE SET columns = EXCLUDED.columns, created_by = EXCLUDED.created_by, updated_at = now()
         RETURNING id`,
        [actor.regionId, actor.organisationId, shape, JSON.stringify(choice.columns), actor.userId],
      );
      layoutId = Number(saved!.id);
      await recordAudit(tx, actor, actor.regionId, {
        action: 'import_layout.saved',
        entityType: 'import_layout',
        entityId: layoutId,
        after: { shape, columns: choice.columns, organisationId: actor.organisationId },
        source: imp.name,
      });
    }
    // Only a document still in preview takes the new reading (a concurrent save wins).
    const updated = await tx.query(
      `UPDATE imports SET document = $2, kind = $3, layout_id = $4 WHERE id = $1 AND status = 'preview' RETURNING id`,
      [id, JSON.stringify(doc), doc.kind, layoutId],
    );
    if (updated.length !== 1)
      throw new DomainError(
        'conflict',
        'import.done',
        'Этот документ уже сохранён',
        `import ${id} left preview meanwhile`,
      );
  });
  return buildPreview(db, actor, imp.id, imp.file_id, imp.name, doc);
}

/**
 * `forUpdate`: lock the import for the transaction, so that of simultaneous commits the
 * second waits and then reads the state the first left (saved), and is refused.
 */
async function loadImport(db: Queryable, actor: Actor, id: number, opts: { forUpdate?: boolean } = {}) {
  const r = await db.one<{
    id: number;
    file_id: number;
    document: InterchangeDocument | null;
    status: string;
    created_by: number;
    name: string;
  }>(
    `SELECT i.*, f.name FROM imports i JOIN stored_files f ON f.id = i.file_id WHERE i.id = $1 AND i.region_id = $2${opts.forUpdate ? ' FOR UPDATE OF i' : ''}`,
    [id, actor.regionId],
  );
  if (!r) throw notFound('Загрузка не найдена', `import ${id} not found`);
  if (
    !authorize(actor, {
      action: 'import.read',
      subject: {
        regionId: actor.regionId,
        createdBy: Number(r.created_by),
        status: r.status as ImportSubject['status'],
      },
    })
  )
    throw forbidden();
  return r;
}

export async function getImportPreview(
  db: Queryable,
  actor: Actor,
  id: number,
  reader: DocumentReader = inProcessReader,
) {
  const r = await loadImport(db, actor, id);
  if (!r.document) {
    const bytes = await importBytes(db, r.file_id);
    const message = await reader.importDocument(bytes, r.name).then(
      () => null,
      (e: unknown) => (isDomainError(e) ? e.message : null),
    );
    return unreadView(
      r.id,
      r.file_id,
      r.name,
      message ?? 'Документ не прочитан: укажите строку заголовка и столбцы.',
      await reader.firstReading(bytes, r.name),
    );
  }
  return { ...(await buildPreview(db, actor, r.id, r.file_id, r.name, r.document)), status: r.status };
}

export type ExecutorChoice =
  { organisationId: number } | { create: { fullName: string; shortName?: string; kind: OrgKind } } | { text: true };

export interface CommitInput {
  plan: {
    kind: 'plan' | 'council_decisions';
    title: string;
    ownerOrganisationId: number;
    periodFrom: string;
    periodTo: string;
    approvedByName?: string | null;
    approvedOn?: string | null;
  };
  sections: { number: string; title: string }[];
  items: {
    number: string;
    section: string | null;
    title: string;
    executors: string[];
    deadlineText: string;
    expectedResult: string;
    form: string;
    executionText: string;
    status: ItemStatus | null;
    protocolItem: string;
  }[];
  /** Name as in the document → the organisation it means, or one to create. */
  executorMap: Record<string, ExecutorChoice>;
  /** Keep a mapped name as an alias of its organisation, so the next import knows it. */
  rememberAliases: boolean;
  /** The target indicators as fixed in the preview; omitted: as the document reads. */
  indicators?: IndicatorInput[];
}

/** Saves the reviewed document as a draft plan, all or nothing. */
export async function commitImport(
  db: Database,
  actor: Actor,
  importId: number,
  input: CommitInput,
): Promise<{ planId: number }> {
  return db.transaction(async (tx) => {
    const imp = await lockPreview(tx, actor, importId);
    if (
      !authorize(actor, {
        action: 'plan.create',
        subject: { regionId: actor.regionId, ownerOrganisationId: input.plan.ownerOrganisationId },
      })
    )
      throw forbidden();
    const plan = await createPlan(db, actor, input.plan, { status: 'draft', source: imp.name, tx });
    await setPlanSourceFile(tx, plan.id, imp.file_id);
    await saveIntoPlan(tx, actor, imp, plan.id, input, { period: [input.plan.periodFrom, input.plan.periodTo] });
    return { planId: plan.id };
  });
}

/** The import, locked, still in preview and read; else the refusal that says why. */
async function lockPreview(tx: Queryable, actor: Actor, importId: number) {
  const imp = await loadImport(tx, actor, importId, { forUpdate: true });
  if (imp.status !== 'preview')
    throw new DomainError(
      'conflict',
      'import.done',
      'Этот документ уже сохранён',
      `import ${importId} is ${imp.status}`,
    );
  if (!imp.document) throw unreadError(importId);
  return imp;
}

/**
 * Saves a reviewed document's sections and items into an existing plan, inside the caller's
 * transaction: how a council meeting's protocol becomes the instructions of the council's
 * control plan (modules/councils). The caller has checked it may change that plan; the plan's
 * own rules (measure.create) are checked again here. Returns the new measures' ids, in the
 * order of `input.items`, and the stored file of the document.
 */
export async function commitImportIntoPlan(
  tx: Queryable,
  actor: Actor,
  importId: number,
  planId: number,
  input: Omit<CommitInput, 'plan'>,
  opts: { anchorDate?: string; controlFrom?: string; numbers?: string[] } = {},
): Promise<{ measureIds: number[]; fileId: number; fileName: string }> {
  const imp = await lockPreview(tx, actor, importId);
  const measureIds = await saveIntoPlan(tx, actor, imp, planId, input, opts);
  return { measureIds, fileId: Number(imp.file_id), fileName: imp.name };
}

async function saveIntoPlan(
  tx: Queryable,
  actor: Actor,
  imp: Awaited<ReturnType<typeof loadImport>>,
  planId: number,
  input: Omit<CommitInput, 'plan'>,
  opts: { anchorDate?: string; controlFrom?: string; numbers?: string[]; period?: [string, string] },
): Promise<number[]> {
  const importId = imp.id;
  {
    const directory = await listOrganisations(tx, actor);
    const mapKeys = new Map(
      Object.entries(input.executorMap).map(([k, v]) => [normalizeOrgName(k), { name: k, choice: v }]),
    );
    const resolved = new Map<string, number | null>();

    /** The organisation a name in the document means, or null when it stays text on the measure. */
    const resolveName = async (raw: string): Promise<number | null> => {
      const { name } = splitAgreementMarker(raw);
      const key = normalizeOrgName(name);
      if (resolved.has(key)) return resolved.get(key)!;
      const chosen = mapKeys.get(key)?.choice;
      let id: number | undefined;
      if (chosen && 'text' in chosen) {
        resolved.set(key, null);
        return null;
      }
      if (chosen && 'organisationId' in chosen) {
        if (!directory.some((o) => o.id === chosen.organisationId))
          throw new DomainError(
            'validation',
            'import.executor_org',
            `Организация для «${name}» не найдена в справочнике`,
            `org ${chosen.organisationId} missing`,
          );
        id = chosen.organisationId;
        const org = directory.find((o) => o.id === id)!;
        // The spelling is remembered as the organisation names itself, without the
        // document's «(далее – …)» note.
        const alias = splitDefinition(name).name;
        const known = [org.fullName, org.shortName, ...org.aliases].some(
          (n) => normalizeOrgName(n) === normalizeOrgName(alias),
        );
        if (input.rememberAliases && !known && alias) {
          await addOrganisationAlias(tx, id, alias);
          org.aliases.push(alias);
          await recordAudit(tx, actor, actor.regionId, {
            action: 'organisation.alias_added',
            entityType: 'organisation',
            entityId: id,
            after: { alias },
            source: imp.name,
          });
        }
      } else if (chosen && 'create' in chosen) {
        const created = await insertImportedOrganisation(tx, actor.regionId, {
          kind: chosen.create.kind,
          fullName: chosen.create.fullName.trim(),
          shortName: (chosen.create.shortName || chosen.create.fullName).trim(),
          aliases: createdAliases(name, chosen.create),
          external: BY_AGREEMENT_RE.test(raw),
        });
        if (created == null)
          throw new DomainError(
            'conflict',
            'import.org_exists',
            `Организация «${chosen.create.fullName}» уже есть в справочнике — выберите её`,
            'duplicate org on create',
          );
        id = created;
        directory.push({
          id,
          fullName: chosen.create.fullName,
          shortName: chosen.create.shortName || chosen.create.fullName,
          aliases: createdAliases(name, chosen.create),
          kind: chosen.create.kind,
          parentId: null,
          external: false,
          archived: false,
          version: 1,
        });
        await recordAudit(tx, actor, actor.regionId, {
          action: 'organisation.create',
          entityType: 'organisation',
          entityId: id,
          after: chosen.create,
          source: imp.name,
        });
      } else {
        // Unmapped: the name as the directory knows it, or the short form the document gives it.
        const names = [splitDefinition(name).name, splitDefinition(name).short]
          .filter((x): x is string => Boolean(x))
          .map(normalizeOrgName);
        let exact: typeof directory = [];
        for (const n of names)
          if (exact.length !== 1)
            exact = directory.filter((o) =>
              [o.fullName, o.shortName, ...o.aliases].some((x) => normalizeOrgName(x) === n),
            );
        if (exact.length !== 1) {
          throw new DomainError(
            'validation',
            'import.executor_unmapped',
            `Исполнитель «${name}» не сопоставлен со справочником организаций`,
            `executor "${name}" unmapped`,
          );
        }
        id = exact[0].id;
      }
      resolved.set(key, id);
      return id;
    };

    const sectionIds = new Map<string, number>();
    for (const s of input.sections) {
      const created = await createSection(tx as Database, actor, planId, s, tx);
      sectionIds.set(s.number, created.id);
    }
    const measures: MeasureInput[] = [];
    for (const item of input.items) {
      if (!item.title.trim())
        throw new DomainError(
          'validation',
          'import.empty_title',
          `Мероприятие № ${item.number}: не указано наименование`,
          'empty title',
        );
      const execIds: number[] = [];
      const textExecutors: string[] = [];
      for (const name of item.executors) {
        const id = await resolveName(name);
        if (id === null) {
          if (!textExecutors.includes(name.trim())) textExecutors.push(name.trim());
        } else if (!execIds.includes(id)) execIds.push(id);
      }
      const sectionId = item.section != null ? sectionIds.get(item.section) : null;
      if (item.section != null && sectionId === undefined)
        throw new DomainError(
          'validation',
          'import.section',
          `Мероприятие № ${item.number}: раздел «${item.section}» не найден`,
          'unknown section',
        );
      measures.push({
        sectionId: sectionId ?? null,
        number: opts.numbers?.[measures.length] ?? item.number,
        ...(opts.anchorDate ? { anchorDate: opts.anchorDate } : {}),
        ...(opts.controlFrom ? { controlFrom: opts.controlFrom } : {}),
        title: item.title,
        expectedResult: item.expectedResult,
        form: item.form,
        deadlineText: item.deadlineText,
        leadExecutorId: execIds[0] ?? null,
        coExecutorIds: execIds.slice(1),
        textExecutors,
        status: item.status,
        executionText: item.executionText,
        protocolItem: item.protocolItem,
      });
    }
    // All measures in a few set-based statements: a long import must not hold the database for long.
    const measureIds = await createMeasures(tx, actor, planId, measures, { source: imp.name });
    // Issue 15: execution texts that came with the plan get their substance verdict too.
    await storeMeasureVerdicts(
      tx,
      measureIds.filter((_, i) => (measures[i].executionText ?? '').trim() !== ''),
    );
    const indicators = await saveImportedIndicators(
      tx,
      actor,
      planId,
      input.indicators ?? draftsFromInterchange(imp.document?.indicators ?? [], opts.period ?? null),
      imp.name,
    );
    const done = await tx.query(
      `UPDATE imports SET status = 'saved', plan_id = $2, completed_at = now() WHERE id = $1 AND status = 'preview' RETURNING id`,
      [importId, planId],
    );
    if (done.length !== 1)
      throw new DomainError(
        'conflict',
        'import.done',
        'Этот документ уже сохранён',
        `import ${importId} left preview meanwhile`,
      );
    await recordAudit(tx, actor, actor.regionId, {
      action: 'plan.imported',
      entityType: 'plan',
      entityId: planId,
      planId,
      after: { file: imp.name, fileId: imp.file_id, measures: input.items.length, indicators },
      source: imp.name,
    });
    return measureIds;
  }
}

const BY_AGREEMENT_RE = /\(\s*по\s+согласованию\s*\)/i;

/** The document's spelling of a new organisation, kept as its alias when it is neither of its names (and never with the «(далее – …)» note). */
function createdAliases(name: string, created: { fullName: string; shortName?: string }): string[] {
  const alias = splitDefinition(name).name;
  const names = [created.fullName, created.shortName ?? ''].map(normalizeOrgName);
  return alias && !names.includes(normalizeOrgName(alias)) ? [alias] : [];
}

export interface ReportChange {
  measureId: number;
  /** The measure's version the change is computed from (the apply names it back). */
  version: number;
  number: string;
  title: string;
  before: { status: string | null; executionText: string };
  after: { status: string | null; executionText: string };
}

const staleReportApply = (importId: number, detail: string) =>
  new DomainError(
    'conflict',
    'import.report_stale',
    'Мероприятия плана изменились после проверки отчёта. Проверьте изменения ещё раз и примените их заново.',
    `report import ${importId}: ${detail}`,
  );

/**
 * Applies an execution report onto an existing plan: items are matched to measures by
 * number; `dryRun` shows what would change without changing anything. The apply names the
 * changes it was shown (`versions`: each changed measure and its version then); when the
 * plan's measures changed since, so that the changes are not those shown, it is refused
 * with 409 and nothing is written — an edit made meanwhile is never overwritten unseen.
 */
export async function applyReportImport(
  db: Database,
  actor: Actor,
  importId: number,
  input: { planId: number; period: string; dryRun: boolean; versions?: { measureId: number; version: number }[] },
) {
  if (!input.dryRun && !input.versions)
    throw new DomainError(
      'validation',
      'import.report_versions_required',
      'Сначала проверьте изменения, затем примените их.',
      `report import ${importId}: apply without the versions of the previewed changes`,
    );
  const work = async (tx: Queryable) => {
    const imp = await loadImport(tx, actor, importId, { forUpdate: !input.dryRun });
    const plan = await loadPlanRow(tx, actor, input.planId);
    if (!authorize(actor, { action: 'plan.update', subject: planSubjectOf(plan) })) throw forbidden();
    const measures = await loadMeasures(tx, `m.plan_id = $1 AND m.archived_at IS NULL`, [input.planId]);
    const key = (n: string) => n.replace(/\s+/g, '').replace(/\.$/, '');
    const byNumber = new Map(measures.map((m) => [key(m.number), m]));
    const changes: ReportChange[] = [];
    const unmatched: string[] = [];
    if (!imp.document) throw unreadError(importId);
    for (const item of imp.document.items) {
      const m = byNumber.get(key(item.number));
      if (!m) {
        unmatched.push(item.number);
        continue;
      }
      const after = { status: item.status ?? m.status, executionText: item.executionText || m.executionText };
      if (after.status === m.status && after.executionText === m.executionText) continue;
      changes.push({
        measureId: m.id,
        version: m.version,
        number: m.number,
        title: m.title,
        before: { status: m.status, executionText: m.executionText },
        after,
      });
    }
    if (!input.dryRun) {
      if (imp.status !== 'preview')
        throw new DomainError(
          'conflict',
          'import.done',
          'Этот документ уже применён',
          `import ${importId} is ${imp.status}`,
        );
      // The changes must be exactly those the user was shown, on the same versions.
      const shown = new Map(input.versions!.map((v) => [v.measureId, v.version]));
      const differ = changes.filter((c) => shown.get(c.measureId) !== c.version);
      if (differ.length || shown.size !== changes.length)
        throw staleReportApply(
          importId,
          `previewed ${shown.size} changes, now ${changes.length}; ${differ.length} on other versions`,
        );
      for (const c of changes) {
        // Conditional on the version read: an edit committed since the read above wins, and this apply rolls back.
        if (!(await applyExecutionResult(tx, c.measureId, c.after, c.version)))
          throw staleReportApply(importId, `measure ${c.measureId} changed meanwhile`);
        await recordAudit(tx, actor, actor.regionId, {
          action: 'measure.report_imported',
          entityType: 'measure',
          entityId: c.measureId,
          planId: input.planId,
          measureId: c.measureId,
          before: c.before,
          after: { ...c.after, period: input.period },
          source: imp.name,
        });
      }
      // Issue 15: every imported execution text gets its substance verdict, stored with the measure.
      await storeMeasureVerdicts(
        tx,
        changes.map((c) => c.measureId),
      );
      const done = await tx.query(
        `UPDATE imports SET status = 'applied', plan_id = $2, completed_at = now() WHERE id = $1 AND status = 'preview' RETURNING id`,
        [importId, input.planId],
      );
      if (done.length !== 1)
        throw new DomainError(
          'conflict',
          'import.done',
          'Этот документ уже применён',
          `import ${importId} left preview meanwhile`,
        );
    }
    return { changes, unmatched, applied: !input.dryRun };
  };
  return input.dryRun ? work(db) : db.transaction(work);
}
