/**
 * The substance check in the product (issue 15): the verdict of a report's text, checked live
 * while the executor writes and stored with every save; the verdict of a measure's execution
 * text imported from a report document; and the share of formal reports for the dashboard.
 *
 * The check itself is pure (src/domain/substance); this file gathers its context from the
 * database — the measure's title, executors and deadline, the report's period, the status mark.
 */
import type { Queryable } from '../../db/database.js';
import type { Actor } from '../../domain/policy/authorize.js';
import { checkSubstance, type SubstanceInput, type SubstanceVerdict } from '../../domain/substance/index.js';
import { loadReadablePlan } from '../plans/index.js';
import { loadMorphology } from './morphology.js';

export type ResultMark = 'done' | 'partial' | 'not_done' | 'not_due';

/** What is kept and shown of a verdict: label, whose parts are formal, conflict, evidence with offsets, reasons. */
export interface StoredVerdict {
  label: SubstanceVerdict['label'];
  formalExecutors: string[];
  statusConflict: {
    kind: string;
    reason: string;
    evidence: { text: string; start: number; end: number } | null;
  } | null;
  evidence: { kind: string; text: string; start: number; end: number }[];
  reasons: string[];
}

const check = async (input: SubstanceInput) => checkSubstance(input, await loadMorphology());

/** The part of a verdict the product keeps (rejected candidates and parts are for the CLI's details). */
export function storedVerdict(v: SubstanceVerdict): StoredVerdict {
  return {
    label: v.label,
    formalExecutors: v.formalExecutors,
    statusConflict: v.statusConflict
      ? {
          kind: v.statusConflict.kind,
          reason: v.statusConflict.reason,
          evidence: v.statusConflict.evidence
            ? {
                text: v.statusConflict.evidence.text,
                start: v.statusConflict.evidence.start,
                end: v.statusConflict.evidence.end,
              }
            : null,
        }
      : null,
    evidence: v.evidence.map((e) => ({ kind: e.kind, text: e.text, start: e.start, end: e.end })),
    reasons: v.reasons,
  };
}

/** A stored verdict as read back from jsonb (null when the text was never checked). */
export function presentVerdict(raw: unknown): StoredVerdict | null {
  if (!raw || typeof raw !== 'object') return null;
  return raw as StoredVerdict;
}

interface ReportContextRow {
  measure_id: number;
  role: 'lead' | 'co';
  organisation_id: number;
  title: string;
  deadline_text: string;
  starts_on: string;
  ends_on: string;
  text: string;
  result_status: ResultMark | null;
}

/** Executors' short names in the measure's order (lead first): the check splits a gathered text by them. */
async function executorNames(db: Queryable, measureId: number): Promise<{ id: number; name: string }[]> {
  const rows = await db.query<{ organisation_id: number; short_name: string }>(
    `SELECT me.organisation_id, o.short_name FROM measure_executors me JOIN organisations o ON o.id = me.organisation_id
     WHERE me.measure_id = $1 ORDER BY CASE me.role WHEN 'lead' THEN 0 ELSE 1 END, me.position`,
    [measureId],
  );
  return rows.map((r) => ({ id: Number(r.organisation_id), name: r.short_name }));
}

async function reportContext(db: Queryable, reportId: number): Promise<ReportContextRow | undefined> {
  return db.one<ReportContextRow>(
    `SELECT r.measure_id, r.role, r.organisation_id, r.text, r.result_status, m.title, m.deadline_text,
            rp.starts_on::text AS starts_on, rp.ends_on::text AS ends_on
     FROM reports r JOIN measures m ON m.id = r.measure_id JOIN reporting_periods rp ON rp.id = r.period_id
     WHERE r.id = $1`,
    [reportId],
  );
}

/**
 * The check's input for a report: its measure's title and deadline, the report's period (a fact
 * from before it does not count), the status mark; a lead report's text may gather the
 * co-executors' parts, so it is split by all executors, a co-executor's part is its own.
 */
async function reportInput(db: Queryable, ctx: ReportContextRow, text: string, status: ResultMark | null) {
  const execs = await executorNames(db, Number(ctx.measure_id));
  const executors =
    ctx.role === 'lead'
      ? execs.map((e) => e.name)
      : execs.filter((e) => e.id === Number(ctx.organisation_id)).map((e) => e.name);
  return {
    text,
    title: ctx.title,
    executors,
    deadline: ctx.deadline_text,
    // A co-executor marks no status: its part is not checked against one.
    status: ctx.role === 'lead' ? status : undefined,
    period: [ctx.starts_on, ctx.ends_on] as const,
  } satisfies SubstanceInput;
}

/**
 * Checks a draft text of a report as it would be saved (the caller has checked that the actor
 * may read the report). Nothing is written.
 */
export async function checkReportDraft(
  db: Queryable,
  reportId: number,
  draft: { text: string; resultStatus: ResultMark | null },
): Promise<StoredVerdict> {
  const ctx = await reportContext(db, reportId);
  if (!ctx) throw new Error(`report ${reportId} vanished while being checked`);
  return storedVerdict(await check(await reportInput(db, ctx, draft.text, draft.resultStatus)));
}

/** Checks a report's saved text and stores the verdict with it (inside the saving transaction). */
export async function storeReportVerdict(tx: Queryable, reportId: number): Promise<StoredVerdict | null> {
  const ctx = await reportContext(tx, reportId);
  if (!ctx) return null;
  // Nothing written yet is not a formal report: it has no verdict.
  if (!ctx.text.trim()) {
    // data version: plan
    await tx.query(
      `UPDATE reports SET substance = NULL, substance_label = NULL, substance_conflict = false WHERE id = $1`,
      [reportId],
    );
    return null;
  }
  const v = storedVerdict(await check(await reportInput(tx, ctx, ctx.text, ctx.result_status)));
  // data version: plan
  await tx.query(`UPDATE reports SET substance = $2, substance_label = $3, substance_conflict = $4 WHERE id = $1`, [
    reportId,
    JSON.stringify(v),
    v.label,
    v.statusConflict !== null,
  ]);
  return v;
}

/**
 * Checks measures' execution texts (as imported from a report document) and stores the verdicts;
 * the plan's period is the period (an imported report speaks of the plan as a whole).
 */
export async function storeMeasureVerdicts(tx: Queryable, measureIds: readonly number[]): Promise<void> {
  if (measureIds.length === 0) return;
  const rows = await tx.query<{
    id: number;
    title: string;
    deadline_text: string;
    status: ResultMark | null;
    execution_text: string;
    period_from: string;
    period_to: string;
  }>(
    `SELECT m.id, m.title, m.deadline_text, m.status, m.execution_text, p.period_from::text AS period_from, p.period_to::text AS period_to
     FROM measures m JOIN plans p ON p.id = m.plan_id WHERE m.id = ANY($1::int[])`,
    [[...measureIds]],
  );
  // Executors of all the measures in one read (an imported plan may bring a thousand texts).
  const execs = await tx.query<{ measure_id: number; short_name: string }>(
    `SELECT me.measure_id, o.short_name FROM measure_executors me JOIN organisations o ON o.id = me.organisation_id
     WHERE me.measure_id = ANY($1::int[]) ORDER BY me.measure_id, CASE me.role WHEN 'lead' THEN 0 ELSE 1 END, me.position`,
    [[...measureIds]],
  );
  const names = new Map<number, string[]>();
  for (const e of execs) names.set(Number(e.measure_id), [...(names.get(Number(e.measure_id)) ?? []), e.short_name]);
  const ids: number[] = [];
  const verdicts: (string | null)[] = [];
  const labels: (string | null)[] = [];
  for (const m of rows) {
    ids.push(Number(m.id));
    if (!m.execution_text.trim()) {
      verdicts.push(null);
      labels.push(null);
      continue;
    }
    const v = storedVerdict(
      await check({
        text: m.execution_text,
        title: m.title,
        executors: names.get(Number(m.id)) ?? [],
        deadline: m.deadline_text,
        status: m.status,
        period: [m.period_from, m.period_to],
      }),
    );
    // The checked text is kept with the verdict: a later change of the text (a report accepted, an
    // edit) leaves the verdict stale, and the reader then checks the current text instead.
    verdicts.push(JSON.stringify({ ...v, checkedText: m.execution_text }));
    labels.push(v.label);
  }
  // data version: plan
  await tx.query(
    `UPDATE measures m SET execution_substance = u.v::jsonb, execution_substance_label = u.l
     FROM unnest($1::int[], $2::text[], $3::text[]) AS u(id, v, l) WHERE m.id = u.id`,
    [ids, verdicts, labels],
  );
}

/**
 * The verdict of a measure's execution text: the one stored at import while the text is the one
 * checked, else (the text changed since: a report accepted, an edit) the current text checked now.
 */
export async function measureExecutionVerdict(db: Queryable, measureId: number): Promise<StoredVerdict | null> {
  const m = await db.one<{
    execution_substance: (StoredVerdict & { checkedText?: string }) | null;
    execution_text: string;
    title: string;
    deadline_text: string;
    status: ResultMark | null;
    period_from: string;
    period_to: string;
  }>(
    `SELECT m.execution_substance, m.execution_text, m.title, m.deadline_text, m.status,
            p.period_from::text AS period_from, p.period_to::text AS period_to
     FROM measures m JOIN plans p ON p.id = m.plan_id WHERE m.id = $1`,
    [measureId],
  );
  if (!m || !m.execution_text.trim()) return null;
  const stored = m.execution_substance;
  if (stored && stored.checkedText === m.execution_text) {
    const { checkedText: _checked, ...verdict } = stored;
    return verdict;
  }
  const executors = (await executorNames(db, measureId)).map((e) => e.name);
  return storedVerdict(
    await check({
      text: m.execution_text,
      title: m.title,
      executors,
      deadline: m.deadline_text,
      status: m.status,
      period: [m.period_from, m.period_to],
    }),
  );
}

export interface SubstanceShare {
  total: number;
  formal: number;
  partial: number;
  conflicts: number;
  /** Formal and partial together, of the total, in per cent (one decimal); 0 for no reports. */
  formalShare: number;
}

const share = (r: { total: number; formal: number; partial: number; conflicts: number }): SubstanceShare => {
  const total = Number(r.total);
  const formal = Number(r.formal);
  const partial = Number(r.partial);
  return {
    total,
    formal,
    partial,
    conflicts: Number(r.conflicts),
    formalShare: total ? Math.round(((formal + partial) * 1000) / total) / 10 : 0,
  };
};

/**
 * The dashboard's block on substance: of the reports sent (submitted, accepted or returned) with a
 * verdict, how many are formal, by executor and by section, for one plan or every plan the user
 * may read; and how many reports were written once and used in a linked plan («отчётов сэкономлено»).
 * An executor counts only its own organisation's reports.
 */
export async function substanceDashboard(db: Queryable, actor: Actor, planId?: number) {
  if (planId !== undefined) await loadReadablePlan(db, actor, planId);
  const params = [actor.regionId, planId ?? null, actor.role === 'executor' ? actor.organisationId : null];
  const where = `r.region_id = $1 AND ($2::int IS NULL OR r.plan_id = $2) AND ($3::int IS NULL OR r.organisation_id = $3)
    AND p.status <> 'archived' AND m.archived_at IS NULL`;
  const counts = `count(*) FILTER (WHERE r.substance_label IS NOT NULL AND r.state IN ('submitted','accepted','returned'))::int AS total,
    count(*) FILTER (WHERE r.substance_label = 'formal' AND r.state IN ('submitted','accepted','returned'))::int AS formal,
    count(*) FILTER (WHERE r.substance_label = 'partial' AND r.state IN ('submitted','accepted','returned'))::int AS partial,
    count(*) FILTER (WHERE r.substance_conflict AND r.state IN ('submitted','accepted','returned'))::int AS conflicts`;
  const from = `FROM reports r JOIN plans p ON p.id = r.plan_id JOIN measures m ON m.id = r.measure_id`;
  const byExecutor = await db.query<Record<string, number | string>>(
    `SELECT o.id, o.short_name, ${counts} ${from} JOIN organisations o ON o.id = r.organisation_id
     WHERE ${where} GROUP BY o.id, o.short_name HAVING count(*) FILTER (WHERE r.substance_label IS NOT NULL AND r.state IN ('submitted','accepted','returned')) > 0
     ORDER BY o.short_name`,
    params,
  );
  const bySection = await db.query<Record<string, number | string | null>>(
    `SELECT p.id AS plan_id, p.title AS plan_title, s.id AS section_id, s.number, s.title, ${counts} ${from}
       LEFT JOIN sections s ON s.id = m.section_id
     WHERE ${where} GROUP BY p.id, p.title, s.id, s.number, s.title, s.position
     HAVING count(*) FILTER (WHERE r.substance_label IS NOT NULL AND r.state IN ('submitted','accepted','returned')) > 0
     ORDER BY p.title, s.position NULLS FIRST`,
    params,
  );
  const totals = await db.one<Record<string, number>>(
    `SELECT ${counts}, count(*) FILTER (WHERE r.shared_from_report_id IS NOT NULL)::int AS saved ${from} WHERE ${where}`,
    params,
  );
  return {
    totals: share(totals as never),
    reportsSaved: Number(totals?.saved ?? 0),
    byExecutor: byExecutor.map((r) => ({
      organisation: { id: Number(r.id), shortName: String(r.short_name) },
      ...share(r as never),
    })),
    bySection: bySection.map((r) => ({
      plan: { id: Number(r.plan_id), title: String(r.plan_title) },
      section:
        r.section_id == null ? null : { id: Number(r.section_id), number: String(r.number), title: String(r.title) },
      ...share(r as never),
    })),
  };
}
