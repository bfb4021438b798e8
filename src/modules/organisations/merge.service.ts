/**
 * Merging two organisations of the directory into one, in one transaction: the measures
 * they execute (lead and co-executors), their reports, users, plans they own, extension
 * requests and subordinate organisations move to the survivor; the merged one's names
 * become the survivor's aliases (so documents using them keep matching) and it stays in
 * the directory archived, pointing at the survivor, so that old records still name it.
 *
 * Conflicts: a measure with both as executors keeps one place (lead if either was lead);
 * where both owe a report for the same measure and period, an untouched one gives way to
 * the other; when both have written one, the merge is refused with those reports named —
 * nobody's written report is dropped or silently rewritten.
 */
import type { Database, Queryable } from '../../db/database.js';
import { mergedAliases } from '../../domain/directory/merge-organisations.js';
import { DomainError, forbidden, notFound } from '../../domain/errors.js';
import { measureLabel } from '../../domain/naming/plan-title.js';
import { authorize, type Actor } from '../../domain/policy/authorize.js';
import { recordAudit } from '../audit/index.js';
import { markUsersOfOrganisationEdited } from '../users/index.js';
import { mergeExecutorOrganisation } from '../measures/index.js';
import { dropReports, moveReportsToOrganisation } from '../reports/index.js';
import { moveReminders } from '../work/index.js';
import { syncExecution, untouched } from '../obligations/index.js';
import { presentOrganisation, type Organisation } from './organisations.service.js';

/** Columns referring to organisations that the merge moves by rules of their own. */
const HANDLED = new Set([
  'organisations.parent_id',
  'organisations.merged_into_id',
  'measure_executors.organisation_id',
  'reports.organisation_id',
  'executor_reminders.organisation_id',
]);

export interface MergeResult {
  organisation: Organisation;
  merged: Organisation;
  moved: {
    measures: number;
    reports: number;
    users: number;
    plans: number;
    children: number;
    extensionRequests: number;
    shared: number;
  };
}

async function lockOrg(tx: Queryable, actor: Actor, id: number) {
  const row = await tx.one(`SELECT * FROM organisations WHERE id = $1 AND region_id = $2 FOR UPDATE`, [
    id,
    actor.regionId,
  ]);
  if (!row) throw notFound('Организация не найдена', `organisation ${id} not found`);
  if (row.archived_at)
    throw new DomainError(
      'conflict',
      'organisation.archived',
      `Организация «${String(row.short_name)}» в архиве и не может участвовать в объединении`,
      `organisation ${id} archived`,
    );
  return row;
}

/**
 * Merges `mergedId` into `survivorId`.
 * @example await mergeOrganisations(db, admin, { survivorId: 3, mergedId: 17 }) // { organisation, merged, moved: { measures: 4, … } }
 */
export async function mergeOrganisations(
  db: Database,
  actor: Actor,
  input: { survivorId: number; mergedId: number; dryRun?: boolean },
): Promise<MergeResult> {
  if (!authorize(actor, { action: 'directory.manage', subject: actor })) throw forbidden();
  const { survivorId: S, mergedId: L } = input;
  if (S === L)
    throw new DomainError(
      'validation',
      'organisation.merge_self',
      'Выберите две разные организации',
      'merge with itself',
    );
  // A dry run does the whole merge and rolls it back: the preview is the merge itself, so it cannot disagree with it.
  return db
    .transaction(async (tx) => {
      // Locked in id order, so that two merges touching the same pair cannot deadlock.
      const [a, b] = S < L ? [S, L] : [L, S];
      const rows = new Map([
        [a, await lockOrg(tx, actor, a)],
        [b, await lockOrg(tx, actor, b)],
      ]);
      const survivor = presentOrganisation(rows.get(S)!);
      const merged = presentOrganisation(rows.get(L)!);

      // Reports both owe for the same measure and period.
      const pairs = await tx.query<{
        l: number;
        s: number;
        l_untouched: boolean;
        s_untouched: boolean;
        number: string;
        title: string;
        label: string;
      }>(
        `SELECT l.id AS l, s.id AS s, ${untouched('l')} AS l_untouched, ${untouched('s')} AS s_untouched, m.number, m.title, rp.label
       FROM reports l JOIN reports s ON s.measure_id = l.measure_id AND s.period_id = l.period_id AND s.organisation_id = $2
         JOIN measures m ON m.id = l.measure_id JOIN reporting_periods rp ON rp.id = l.period_id
       WHERE l.organisation_id = $1 ORDER BY m.plan_id, m.position, rp.starts_on`,
        [L, S],
      );
      const clash = pairs.filter((p) => !p.l_untouched && !p.s_untouched);
      if (clash.length) {
        const named = clash
          .slice(0, 5)
          .map((p) => `${measureLabel(p, 60)} за ${p.label}`)
          .join('; ');
        throw new DomainError(
          'conflict',
          'organisation.merge_reports',
          `Обе организации представили отчёты по одним и тем же мероприятиям за один период: ${named}${clash.length > 5 ? ` и ещё ${clash.length - 5}` : ''}. Объединение не выполнено: сначала решите, какой из отчётов остаётся.`,
          `merge ${L} into ${S}: ${clash.length} report pairs both written`,
        );
      }
      const dropMerged = pairs.filter((p) => p.l_untouched).map((p) => Number(p.l));
      const dropSurvivor = pairs.filter((p) => !p.l_untouched && p.s_untouched).map((p) => Number(p.s));
      await dropReports(tx, [...dropMerged, ...dropSurvivor]);

      // Executors: one place per measure, lead if either was lead, the earlier position.
      const { measureIds: touched, shared } = await mergeExecutorOrganisation(tx, L, S);

      const movedReports = await moveReportsToOrganisation(tx, L, S);
      await moveReminders(tx, L, S);

      // Subordinates move under the survivor; a survivor that was the merged one's subordinate takes its place.
      if (survivor.parentId === L)
        // data version: directory
        await tx.query(`UPDATE organisations SET parent_id = $2, version = version + 1 WHERE id = $1`, [
          S,
          merged.parentId,
        ]);
      // data version: directory
      const children = await tx.query(
        `UPDATE organisations SET parent_id = $2, version = version + 1, updated_at = now() WHERE parent_id = $1 AND id <> $2 RETURNING id`,
        [L, S],
      );
      // data version: directory
      await tx.query(`UPDATE organisations SET merged_into_id = $2, version = version + 1 WHERE merged_into_id = $1`, [
        L,
        S,
      ]);

      // Everything else that refers to an organisation (users, plans, extension requests, and
      // whatever later modules add) moves as it is: found in the catalogue, not listed here.
      const refs = await tx.query<{ tbl: string; col: string }>(
        `SELECT c.conrelid::regclass::text AS tbl, a.attname AS col
       FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       WHERE c.contype = 'f' AND c.confrelid = 'organisations'::regclass AND array_length(c.conkey, 1) = 1`,
      );
      // Users moving to the surviving organisation are edited: a form opened on them before is stale.
      await markUsersOfOrganisationEdited(tx, L);
      const moved: Record<string, number> = {};
      for (const r of refs) {
        const key = `${r.tbl.replace(/"/g, '')}.${r.col}`;
        if (HANDLED.has(key)) continue;
        const n = await tx
          .query(
            `UPDATE ${r.tbl} SET "${r.col.replace(/"/g, '""')}" = $2 WHERE "${r.col.replace(/"/g, '""')}" = $1 RETURNING 1`,
            [L, S],
          )
          .catch((e: unknown) => {
            if ((e as { code?: string }).code === '23505') {
              throw new DomainError(
                'conflict',
                'organisation.merge_duplicate',
                `Объединение не выполнено: у обеих организаций есть записи, которые не могут принадлежать одной (${key})`,
                `merge ${L} into ${S}: unique violation in ${key}`,
              );
            }
            throw e;
          });
        moved[key] = n.length;
      }

      const aliases = mergedAliases(survivor, merged);
      const after = presentOrganisation(
        // data version: directory
        (await tx.one(
          `UPDATE organisations SET aliases = $2, version = version + 1, updated_at = now() WHERE id = $1 RETURNING *`,
          [S, aliases],
        ))!,
      );
      const mergedAfter = presentOrganisation(
        // data version: directory
        (await tx.one(
          `UPDATE organisations SET archived_at = now(), merged_into_id = $2, version = version + 1, updated_at = now() WHERE id = $1 RETURNING *`,
          [L, S],
        ))!,
      );

      if (touched.length) await syncExecution(tx, { measureIds: touched });
      const result: MergeResult = {
        organisation: after,
        merged: mergedAfter,
        moved: {
          measures: touched.length,
          reports: movedReports,
          users: moved['users.organisation_id'] ?? 0,
          plans: moved['plans.owner_organisation_id'] ?? 0,
          children: children.length,
          extensionRequests: moved['extension_requests.organisation_id'] ?? 0,
          shared,
        },
      };
      await recordAudit(tx, actor, actor.regionId, {
        action: 'organisation.merge',
        entityType: 'organisation',
        entityId: S,
        before: { organisation: survivor, merged },
        after: {
          organisation: after,
          moved: result.moved,
          droppedUntouchedReports: dropMerged.length + dropSurvivor.length,
        },
      });
      await recordAudit(tx, actor, actor.regionId, {
        action: 'organisation.merged_into',
        entityType: 'organisation',
        entityId: L,
        before: merged,
        after: mergedAfter,
      });
      // Each measure's own history says who its executor is now.
      const plans = touched.length
        ? await tx.query<{ id: number; plan_id: number }>(
            `SELECT id, plan_id FROM measures WHERE id = ANY($1::int[])`,
            [touched],
          )
        : [];
      for (const m of plans) {
        await recordAudit(tx, actor, actor.regionId, {
          action: 'measure.executor_merged',
          entityType: 'measure',
          entityId: Number(m.id),
          planId: Number(m.plan_id),
          measureId: Number(m.id),
          before: { organisationId: L },
          after: { organisationId: S },
        });
      }
      if (input.dryRun) throw new DryRun(result);
      return result;
    })
    .catch((e: unknown) => {
      if (e instanceof DryRun) return e.result;
      throw e;
    });
}

/** Thrown out of a dry run's transaction so that it rolls back, carrying what the merge would do. */
class DryRun extends Error {
  constructor(readonly result: MergeResult) {
    super('dry run');
  }
}
