/**
 * Builds the consolidated report («Информация об исполнении …») from the database for a
 * plan, optionally one reporting period, section or executor, in the official table form.
 */
import type { Queryable } from '../../db/database.js';
import { formatRuDate } from '../../domain/deadlines/index.js';
import { russianLongDate } from '../../domain/calendar/index.js';
import { gatherExecutionText } from '../../domain/reporting/report-workflow.js';
import type { Actor } from '../../domain/policy/authorize.js';
import { notFound } from '../../domain/errors.js';
import type { ReportFigure, ReportModel, ReportRow, ReportSection, ReportStatus } from '../../export/index.js';
import { indicatorTable } from '../../export/index.js';
import { listPlanIndicators } from '../indicators/index.js';
import { shortPlanTitle, stripDefinitions } from '../../domain/naming/plan-title.js';
import { loadMeasures, loadReadablePlan, measureVisibility } from '../plans/index.js';

export interface ReportFilter {
  periodId?: number;
  sectionId?: number;
  organisationId?: number;
  today: string;
  /** Who signs: defaults to the head of the plan's owner organisation (directory). */
  signerPosition?: string;
  signerName?: string;
  /** The date under the signature; default `today`. */
  signDate?: string;
  /** Issue 15: mark execution texts the substance check found formal (or formal in some executors' parts). */
  markFormal?: boolean;
}

/** The mark appended to a formal execution text in the consolidated report. */
export function formalMark(label: string | null | undefined, reasons: unknown): string {
  if (label !== 'formal' && label !== 'partial') return '';
  const first = Array.isArray(reasons) && typeof reasons[0] === 'string' ? reasons[0] : '';
  return `\n[${label === 'formal' ? 'Формальный ответ' : 'Частично формальный ответ'}${first ? `: ${first}` : ''}]`;
}

/** «План мероприятий по …» → «плана мероприятий по …», for «Информация об исполнении …». */
export function genitiveTitle(title: string): string {
  const t = title.trim();
  const m = /^(план|дорожн\S+ карт\S+)(.*)$/i.exec(t);
  if (m && /^план$/i.test(m[1])) return `плана${m[2]}`;
  if (/^«?дорожная карта/i.test(t)) return t.replace(/^(«?)дорожная карта/i, '$1дорожной карты');
  return `«${t}»`;
}

export async function buildPlanReportModel(
  db: Queryable,
  actor: Actor,
  planId: number,
  f: ReportFilter,
): Promise<{ model: ReportModel; fileStem: string }> {
  const plan = await loadReadablePlan(db, actor, planId);
  let period: { id: number; label: string } | undefined;
  if (f.periodId) {
    period = await db.one<{ id: number; label: string }>(
      `SELECT id, label FROM reporting_periods WHERE id = $1 AND plan_id = $2`,
      [f.periodId, planId],
    );
    if (!period) throw notFound('Отчётный период не найден', `period ${f.periodId} not in plan ${planId}`);
  }
  const params: unknown[] = [actor.regionId, actor.organisationId, planId];
  let where = `m.plan_id = $3 AND m.archived_at IS NULL AND ${measureVisibility(actor)}`;
  if (f.sectionId) {
    params.push(f.sectionId);
    where += ` AND m.section_id = $${params.length}`;
  }
  if (f.organisationId) {
    params.push(f.organisationId);
    where += ` AND EXISTS (SELECT 1 FROM measure_executors fe WHERE fe.measure_id = m.id AND fe.organisation_id = $${params.length})`;
  }
  const measures = await loadMeasures(db, where, params);
  const sections = await db.query<{ id: number; number: string; title: string }>(
    `SELECT id, number, title FROM sections WHERE plan_id = $1 ORDER BY position, id`,
    [planId],
  );

  // For a period: the lead report's text with the co-executors' parts, and its status.
  const byMeasure = new Map<number, { text: string; status: ReportStatus | null; mark: string }>();
  // Without a period the text is the measure's own (imported or accepted): its stored verdict marks it.
  const measureMarks = new Map<number, string>();
  if (f.markFormal && !period && measures.length) {
    const rows = await db.query<{ id: number; label: string | null; reasons: unknown }>(
      // A verdict of a text since replaced (a report accepted, an edit) marks nothing.
      `SELECT id, execution_substance_label AS label, execution_substance->'reasons' AS reasons FROM measures
       WHERE id = ANY($1::int[]) AND execution_substance->>'checkedText' = execution_text`,
      [measures.map((m) => m.id)],
    );
    for (const r of rows) measureMarks.set(Number(r.id), formalMark(r.label, r.reasons));
  }
  const figuresBy = new Map<number, ReportFigure[]>();
  const addFigures = (measureId: number, figures: unknown) => {
    if (!figures || typeof figures !== 'object') return;
    const list = figuresBy.get(measureId) ?? figuresBy.set(measureId, []).get(measureId)!;
    for (const [name, value] of Object.entries(figures as Record<string, unknown>)) {
      if ((typeof value === 'number' || typeof value === 'string') && !list.some((f) => f.name === name))
        list.push({ name, value });
    }
  };
  if (!period && measures.length) {
    // Without a period the table shows each measure's accepted execution: the figures of its latest accepted lead report.
    const latest = await db.query<{ measure_id: number; figures: unknown }>(
      `SELECT DISTINCT ON (r.measure_id) r.measure_id, r.figures FROM reports r JOIN reporting_periods rp ON rp.id = r.period_id
       WHERE r.measure_id = ANY($1::int[]) AND r.role = 'lead' AND r.state = 'accepted' ORDER BY r.measure_id, rp.starts_on DESC`,
      [measures.map((m) => m.id)],
    );
    for (const r of latest) addFigures(Number(r.measure_id), r.figures);
  }
  if (period && measures.length) {
    const reports = await db.query<{
      measure_id: number;
      role: string;
      state: string;
      text: string;
      result_status: ReportStatus | null;
      short_name: string;
      figures: unknown;
      substance_label: string | null;
      reasons: unknown;
    }>(
      `SELECT r.measure_id, r.role, r.state, r.text, r.result_status, o.short_name, r.figures, r.substance_label, r.substance->'reasons' AS reasons FROM reports r JOIN organisations o ON o.id = r.organisation_id
       WHERE r.period_id = $1 AND r.measure_id = ANY($2::int[]) AND r.state IN ('submitted','accepted') ORDER BY r.role DESC, o.short_name`,
      [period.id, measures.map((m) => m.id)],
    );
    for (const r of reports) addFigures(Number(r.measure_id), r.figures);
    const grouped = new Map<number, typeof reports>();
    for (const r of reports)
      (grouped.get(Number(r.measure_id)) ?? grouped.set(Number(r.measure_id), []).get(Number(r.measure_id))!).push(r);
    for (const [id, list] of grouped) {
      const lead = list.find((r) => r.role === 'lead');
      const parts = list.filter((r) => r.role === 'co').map((r) => ({ organisation: r.short_name, text: r.text }));
      byMeasure.set(id, {
        text: gatherExecutionText({ organisation: lead?.short_name ?? '', text: lead?.text ?? '' }, parts).replace(
          /^: /,
          '',
        ),
        status: lead?.result_status ?? null,
        mark: f.markFormal && lead ? formalMark(lead.substance_label, lead.reasons) : '',
      });
    }
  }

  const council = plan.kind === 'council_decisions';
  const toRow = (m: (typeof measures)[number], sectionNumber: string | null): ReportRow => {
    const rep = byMeasure.get(m.id);
    return {
      number: m.number,
      title: m.title,
      responsible: [
        ...[m.leadExecutor, ...m.coExecutors]
          .filter(Boolean)
          .map((o) => o!.shortName + (o!.external ? ' (по согласованию)' : '')),
        ...(m.textExecutors ?? []),
      ].join(', '),
      deadline: m.deadlineText,
      execution: period ? (rep ? rep.text + rep.mark : '') : m.executionText + (measureMarks.get(m.id) ?? ''),
      status: period ? (rep?.status ?? (m.status === 'done' ? 'done' : null)) : m.status,
      figures: figuresBy.get(m.id),
      ...(council
        ? {
            protocolItem: m.protocolItem,
            protocolDate: sectionNumber && /^\d{4}-\d{2}-\d{2}$/.test(sectionNumber) ? sectionNumber : undefined,
          }
        : {}),
    };
  };
  const reportSections: ReportSection[] = [];
  for (const s of sections) {
    const rows = measures.filter((m) => m.sectionId === s.id).map((m) => toRow(m, s.number));
    if (rows.length === 0) continue;
    const title =
      council && /^\d{4}-\d{2}-\d{2}$/.test(s.number) && !/протокол/i.test(s.title)
        ? `Протокол заседания от ${russianLongDate(s.number, 'года') ?? s.number}`
        : s.title;
    reportSections.push({ number: s.number, title, rows });
  }
  // «(далее – …)» belongs to a document's body, not to the title of a report about it.
  const plainTitle = stripDefinitions(plan.title);
  const what = council ? `поручений: ${plainTitle}` : genitiveTitle(plainTitle);
  const signer = await db.one<{ head_position: string; head_name: string }>(
    `SELECT head_position, head_name FROM organisations WHERE id = $1`,
    [plan.owner_organisation_id],
  );
  const me = await db.one<{ full_name: string; phone: string }>(`SELECT full_name, phone FROM users WHERE id = $1`, [
    actor.userId,
  ]);
  const model: ReportModel = {
    form: council ? 'council' : 'plan',
    title: `Информация об исполнении ${what}${period ? ` за ${period.label}` : ''}`,
    subtitle: `(по состоянию на ${formatRuDate(f.today)})`,
    periodLabel: period?.label,
    generatedOn: f.today,
    sections: reportSections,
    rowsWithoutSection: measures.filter((m) => m.sectionId == null).map((m) => toRow(m, null)),
    signOff: {
      position: f.signerPosition?.trim() || signer?.head_position || '',
      name: f.signerName?.trim() || signer?.head_name || '',
      date: f.signDate ?? f.today,
    },
    preparedBy: me ? { name: initialsName(me.full_name), phone: me.phone || undefined } : undefined,
  };
  // The plan's target indicators (the official form has them), with the facts reported so far;
  // a report narrowed to a section or an executor is about measures and leaves them out.
  if (!f.sectionId && !f.organisationId) {
    const indicators = await listPlanIndicators(db, actor, planId);
    if (indicators.length > 0) {
      const from = Number(plan.period_from.slice(0, 4));
      const to = Number(plan.period_to.slice(0, 4));
      const years = Array.from({ length: to - from + 1 }, (_, i) => from + i);
      model.indicators = indicatorTable(
        indicators.map((i) => ({
          ...i,
          years: i.planFact
            .filter((r) => r.quarter === 0)
            .map((r) => ({
              year: r.year,
              fact: r.fact,
              partialQuarter: r.partial
                ? Math.max(
                    ...i.planFact
                      .filter((q) => q.year === r.year && q.quarter > 0 && q.fact != null)
                      .map((q) => q.quarter),
                  )
                : null,
            })),
        })),
        years,
      );
    }
  }
  return { model, fileStem: exportFileStem(plan.title, period?.label, f.today) };
}

/**
 * «Иванова Мария Петровна» → «Иванова М.П.», as «Исполнитель» is written in official letters;
 * a name of another shape stays as it is.
 * @example initialsName('Петров Андрей Викторович') // 'Петров А.В.'
 */
export function initialsName(fullName: string): string {
  const parts = fullName.trim().split(/\s+/);
  if (parts.length !== 3 || !parts.every((p) => /^[А-ЯЁ][а-яё-]+$/.test(p))) return fullName.trim();
  return `${parts[0]} ${parts[1][0]}.${parts[2][0]}.`;
}

/**
 * The download's name: the plan's short title and the period (or the date), without
 * characters file systems refuse. «Исполнение плана 3.docx» told nobody what it was.
 * @example exportFileStem('План мероприятий (далее – План) на 2025 год', 'I квартал 2025 г.', '2025-04-12')
 * // 'План мероприятий на 2025 год — I квартал 2025 г'
 */
export function exportFileStem(planTitle: string, periodLabel: string | undefined, today: string): string {
  const when = periodLabel ?? `на ${today.slice(8, 10)}.${today.slice(5, 7)}.${today.slice(0, 4)}`;
  const stem = `${shortPlanTitle(planTitle, 100).replace(/…$/, '')} — ${when}`;
  // Windows refuses these and a trailing dot or space; control characters anywhere.
  return stem
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/[. ]+$/, '')
    .trim();
}
