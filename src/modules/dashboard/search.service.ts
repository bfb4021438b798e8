/**
 * Russian full-text search over measures and reports (PostgreSQL 'russian' configuration:
 * «выставки» finds «выставок»), scoped to what the user may see, best matches first.
 */
import type { Queryable } from '../../db/database.js';
import { type Actor, seesOwnOrganisationOnly } from '../../domain/policy/authorize.js';
import { loadReadablePlan, measureVisibility } from '../plans/index.js';

export async function searchAll(db: Queryable, actor: Actor, q: string, planId?: number) {
  if (planId !== undefined) await loadReadablePlan(db, actor, planId);
  const params: unknown[] = [actor.regionId, actor.organisationId, q];
  const planCond = planId ? ` AND m.plan_id = $${params.push(planId)}` : '';
  const tsq = `websearch_to_tsquery('russian', $3)`;
  const measures = await db.query<Record<string, unknown>>(
    `SELECT m.id, m.number, m.title, m.plan_id, p.title AS plan_title,
            ts_headline('russian', m.title || ' ' || m.execution_text, ${tsq}, 'MaxFragments=2, MaxWords=20, MinWords=5, StartSel=«, StopSel=»') AS snippet,
            ts_rank(m.search, ${tsq}) AS rank
     FROM measures m JOIN plans p ON p.id = m.plan_id
     WHERE m.search @@ ${tsq} AND m.archived_at IS NULL AND ${measureVisibility(actor)}${planCond}
     ORDER BY rank DESC, m.id LIMIT 50`,
    params,
  );
  const rvis = seesOwnOrganisationOnly(actor)
    ? ` AND EXISTS (SELECT 1 FROM measure_executors me WHERE me.measure_id = r.measure_id AND me.organisation_id = $2)`
    : ` AND $2::int IS NOT NULL`;
  const reports = await db.query<Record<string, unknown>>(
    `SELECT r.id, r.measure_id, m.number, m.title, rp.label, o.short_name,
            ts_headline('russian', r.text, ${tsq}, 'MaxFragments=2, MaxWords=20, MinWords=5, StartSel=«, StopSel=»') AS snippet
     FROM reports r JOIN measures m ON m.id = r.measure_id JOIN reporting_periods rp ON rp.id = r.period_id JOIN organisations o ON o.id = r.organisation_id
     WHERE r.search @@ ${tsq} AND r.region_id = $1 AND m.archived_at IS NULL${rvis}${planCond}
     ORDER BY ts_rank(r.search, ${tsq}) DESC, r.id LIMIT 50`,
    params,
  );
  return {
    measures: measures.map((r) => ({
      id: Number(r.id),
      number: String(r.number),
      title: String(r.title),
      plan: { id: Number(r.plan_id), title: String(r.plan_title) },
      snippet: String(r.snippet),
    })),
    reports: reports.map((r) => ({
      id: Number(r.id),
      measure: { id: Number(r.measure_id), number: String(r.number), title: String(r.title) },
      period: String(r.label),
      organisation: String(r.short_name),
      snippet: String(r.snippet),
    })),
  };
}
