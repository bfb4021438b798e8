/**
 * Bulk accept from the review queue. Each report is accepted in a transaction of its own
 * by the same `reviewReport` a single decision uses — conditional on the version and
 * state the coordinator saw (row count checked), audited, the measure updated — so a
 * report is either wholly accepted or untouched, and one refusal (changed meanwhile,
 * returned by someone else, not the user's plan) never undoes the others: it is reported
 * for that item, in Russian, next to the items that went through.
 */
import type { Database } from '../../db/database.js';
import { isDomainError, forbidden } from '../../domain/errors.js';
import type { Actor } from '../../domain/policy/authorize.js';
import { recordAudit } from '../audit/index.js';
import { reviewReport } from '../reports/index.js';
import { mayReview } from './report-list.service.js';

export interface BulkItem {
  id: number;
  version: number;
}
export type BulkOutcome =
  { id: number; ok: true; version: number } | { id: number; ok: false; reason: string; message: string };

/**
 * @example await acceptMany(db, actor, [{ id: 12, version: 4 }, { id: 13, version: 2 }])
 * // { accepted: 1, failed: 1, items: [{ id: 12, ok: true, version: 5 }, { id: 13, ok: false, reason: 'report.stale', message: 'Отчёт уже изменил…' }] }
 */
export async function acceptMany(db: Database, actor: Actor, items: BulkItem[], comment?: string) {
  if (!mayReview(actor)) throw forbidden();
  const outcomes: BulkOutcome[] = [];
  const seen = new Set<number>();
  for (const item of items) {
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    try {
      const after = await reviewReport(db, actor, item.id, 'accept', { version: item.version, comment });
      outcomes.push({ id: item.id, ok: true, version: after.version });
    } catch (e) {
      if (!isDomainError(e)) throw e;
      outcomes.push({ id: item.id, ok: false, reason: e.code, message: e.message });
    }
  }
  const accepted = outcomes.filter((o) => o.ok).map((o) => o.id);
  const failed = outcomes.filter((o): o is Extract<BulkOutcome, { ok: false }> => !o.ok);
  // One record of the batch itself; each acceptance has its own record too.
  await recordAudit(db, actor, actor.regionId, {
    action: 'report.bulk_accept',
    entityType: 'report',
    entityId: null,
    after: { requested: items.length, accepted, failed: failed.map((f) => ({ id: f.id, reason: f.reason })) },
  });
  return { accepted: accepted.length, failed: failed.length, items: outcomes };
}
