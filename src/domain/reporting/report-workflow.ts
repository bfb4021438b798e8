/**
 * The life cycle of a report (Directum-style): the executor writes and submits; the
 * coordinator accepts or returns with a comment; a returned report is corrected and
 * submitted again. Co-executors submit their part to the lead, whose report gathers them.
 */
import { DomainError } from '../errors.js';

export type ReportState = 'expected' | 'draft' | 'submitted' | 'returned' | 'accepted';
export type ReportAction = 'save' | 'submit' | 'return' | 'accept' | 'reopen';

const allowed: Record<ReportAction, ReportState[]> = {
  save: ['expected', 'draft', 'returned'],
  submit: ['expected', 'draft', 'returned'],
  return: ['submitted', 'accepted'],
  accept: ['submitted'],
  reopen: ['accepted'],
};

const result: Record<ReportAction, (from: ReportState) => ReportState> = {
  save: (from) => (from === 'returned' ? 'returned' : 'draft'),
  submit: () => 'submitted',
  return: () => 'returned',
  accept: () => 'accepted',
  reopen: () => 'returned',
};

const stateRu: Record<ReportState, string> = {
  expected: 'ожидается',
  draft: 'черновик',
  submitted: 'представлен',
  returned: 'возвращён на доработку',
  accepted: 'принят',
};

export function nextReportState(from: ReportState, action: ReportAction): ReportState {
  if (!allowed[action].includes(from)) {
    throw new DomainError(
      'conflict',
      'report.transition',
      `Действие недоступно: отчёт ${stateRu[from]}`,
      `cannot ${action} a report in state ${from}`,
    );
  }
  return result[action](from);
}

/**
 * The lead's execution text with the co-executors' parts, in the shape of the official
 * table: «Минсоц: … Минобр: …».
 */
export function gatherExecutionText(
  lead: { organisation: string; text: string },
  parts: { organisation: string; text: string }[],
): string {
  const filled = parts.filter((p) => p.text.trim());
  if (filled.length === 0) return lead.text.trim();
  const blocks = [lead, ...filled].filter((p) => p.text.trim()).map((p) => `${p.organisation}: ${p.text.trim()}`);
  return blocks.join('\n');
}
