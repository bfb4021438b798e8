/** Client for issue 15: the substance verdict of report texts, linked measures and a report used in several plans. */
import type * as C from '../../src/contract';
import { request, withQuery } from './api';
import type { ResultStatus } from './execution';

export type SubstanceVerdict = C.SubstanceVerdict;
export type SubstanceLabel = C.SubstanceVerdict['label'];
export type LinkCandidate = C.LinkCandidate;
export type MeasureLinks = C.MeasureLinks;
export type ShareTarget = C.ShareTarget;
export type SubstanceDashboard = C.SubstanceDashboard;

export const SUBSTANCE_LABELS: Record<SubstanceLabel, string> = {
  substantive: 'Есть проверяемые факты',
  formal: 'Формальный ответ',
  partial: 'Часть исполнителей — формально',
};

export const substance = {
  check: (reportId: number, text: string, resultStatus: ResultStatus | null) =>
    request<SubstanceVerdict>('POST', `/reports/${reportId}/check`, { text, resultStatus }),
  shareTargets: (reportId: number) => request<{ items: ShareTarget[] }>('GET', `/reports/${reportId}/share-targets`),
  share: (reportId: number, targets: { reportId: number; version: number }[]) =>
    request<C.ShareResult>('POST', `/reports/${reportId}/share`, { targets }),
  links: (measureId: number) => request<MeasureLinks>('GET', `/measures/${measureId}/links`),
  candidates: (measureId: number) =>
    request<{ items: LinkCandidate[] }>('GET', `/measures/${measureId}/link-candidates`),
  link: (measureId: number, otherMeasureId: number, reason: string) =>
    request<C.MeasureLinkCreated>('POST', '/measure-links', { measureId, otherMeasureId, reason }),
  unlink: (linkId: number) => request<{ ok: true }>('DELETE', `/measure-links/${linkId}`),
  dashboard: (planId?: number) => request<SubstanceDashboard>('GET', withQuery('/dashboard/substance', { planId })),
};

/** A text cut into plain pieces and marked pieces (evidence, the words that contradict the status). */
export function markSpans(
  text: string,
  spans: { start: number; end: number; kind: string }[],
): { text: string; kind: string | null }[] {
  const sorted = spans
    .filter((s) => s.start >= 0 && s.end <= text.length && s.start < s.end)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: { text: string; kind: string | null }[] = [];
  let at = 0;
  for (const s of sorted) {
    if (s.start < at) continue; // overlapping: the first (longest) wins
    if (s.start > at) out.push({ text: text.slice(at, s.start), kind: null });
    out.push({ text: text.slice(s.start, s.end), kind: s.kind });
    at = s.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), kind: null });
  return out;
}
