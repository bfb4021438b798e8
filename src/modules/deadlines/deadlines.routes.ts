import { z } from 'zod';
import { interpretDeadline } from '../../domain/deadlines/interpret.js';
import { type App, type AppContext, requireSession } from '../../http/context.js';
import { loadReadablePlan, measureVisibility } from '../plans/index.js';
import { IdParams, id, isoDate, str } from '../../http/input.js';

export function registerDeadlineRoutes(app: App, ctx: AppContext) {
  /** Live interpretation for the measure form: what the text will mean in this plan. */
  app.get(
    '/api/deadlines/interpret',
    {
      schema: {
        tags: ['deadlines'],
        querystring: z.object({
          text: str().max(1000),
          planId: id.optional(),
          periodFrom: isoDate.optional(),
          periodTo: isoDate.optional(),
          anchorDate: isoDate.optional(),
        }),
      },
    },
    async (request) => {
      const actor = requireSession(request).user;
      const q = request.query;
      let period: [string, string];
      if (q.planId) {
        const plan = await loadReadablePlan(ctx.db, actor, q.planId);
        period = [plan.period_from, plan.period_to];
      } else {
        const year = new Date().getFullYear();
        period = [q.periodFrom ?? `${year}-01-01`, q.periodTo ?? `${year}-12-31`];
      }
      const it = interpretDeadline(q.text, period, { anchorDate: q.anchorDate });
      return {
        kind: it.schedule.kind,
        understood: it.understood,
        description: it.description,
        due: it.expanded.due,
        reports: it.expanded.reports,
        pending: it.expanded.pending,
        relative: it.schedule.terms
          .filter((t) => t.kind === 'relative')
          .map((t) => (t.kind === 'relative' ? { offset: t.offset, anchor: t.anchor } : null)),
      };
    },
  );

  /** The plan calendar: every control date of the measures the user may see. */
  app.get(
    '/api/plans/:id/calendar',
    {
      schema: {
        tags: ['deadlines'],
        params: IdParams,
        querystring: z.object({ from: isoDate.optional(), to: isoDate.optional() }),
      },
    },
    async (request) => {
      const actor = requireSession(request).user;
      await loadReadablePlan(ctx.db, actor, request.params.id);
      const rows = await ctx.db.query<Record<string, unknown>>(
        `SELECT cp.kind, cp.nominal::text AS nominal, cp.effective::text AS effective, cp.label, cp.source,
              m.id AS measure_id, m.number, m.title
       FROM control_points cp JOIN measures m ON m.id = cp.measure_id
       WHERE cp.plan_id = $3 AND m.archived_at IS NULL AND ${measureVisibility(actor)}
         AND ($4::date IS NULL OR cp.effective >= $4::date) AND ($5::date IS NULL OR cp.effective <= $5::date)
       ORDER BY cp.effective, m.position, cp.kind LIMIT 20000`,
        [actor.regionId, actor.organisationId, request.params.id, request.query.from ?? null, request.query.to ?? null],
      );
      return {
        items: rows.map((r) => ({
          kind: r.kind,
          nominal: r.nominal,
          effective: r.effective,
          label: r.label,
          source: r.source,
          measure: { id: Number(r.measure_id), number: String(r.number), title: String(r.title) },
        })),
      };
    },
  );

  /** Deadlines nobody could read: to be settled by a person. */
  app.get(
    '/api/plans/:id/unclear-deadlines',
    { schema: { tags: ['deadlines'], params: IdParams } },
    async (request) => {
      const actor = requireSession(request).user;
      await loadReadablePlan(ctx.db, actor, request.params.id);
      const rows = await ctx.db.query<Record<string, unknown>>(
        `SELECT m.id, m.number, m.title, m.deadline_text FROM measures m
       WHERE m.plan_id = $3 AND m.archived_at IS NULL AND NOT m.deadline_understood AND m.deadline_override IS NULL AND ${measureVisibility(actor)}
       ORDER BY m.position`,
        [actor.regionId, actor.organisationId, request.params.id],
      );
      return {
        items: rows.map((r) => ({
          id: Number(r.id),
          number: String(r.number),
          title: String(r.title),
          deadlineText: String(r.deadline_text),
        })),
      };
    },
  );
}
