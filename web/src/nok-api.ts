/** The НОК endpoints (issue 14), over the one HTTP client of ./api.ts. */
import type * as C from '../../src/contract';
import { request, withQuery } from './api';

export type NokCampaign = C.NokCampaign;
export type NokCampaignDetail = C.NokCampaignDetail;
export type NokAssessment = C.NokAssessment;
export type NokChecklist = C.NokChecklist;
export type NokResults = C.NokResults;
export type NokLinks = C.NokLinks;
export type NokPublicQuestionnaire = C.NokPublicQuestionnaire;
export type NokSector = C.NokSector;
export type Answers = Record<string, 'yes' | 'no'>;

export interface NokCampaignInput {
  year: number;
  sector: NokSector;
  title: string;
  ownerOrganisationId: number;
  operatorOrganisationId: number;
  staffUserIds: number[];
  startsOn: string;
  endsOn: string;
  standItems: string[];
  siteItems: string[];
  organisations: { organisationId: number; plannedRespondents: number }[];
}

export const SECTOR_LABELS: Record<NokSector, string> = {
  social: 'Социальное обслуживание',
  culture: 'Культура',
  education: 'Образование',
  health: 'Охрана здоровья',
};

export const nokApi = {
  campaigns: () => request<{ items: NokCampaign[] }>('GET', '/nok/campaigns'),
  campaign: (id: number) => request<NokCampaignDetail>('GET', `/nok/campaigns/${id}`),
  createCampaign: (input: NokCampaignInput) => request<NokCampaignDetail>('POST', '/nok/campaigns', input),
  updateCampaign: (id: number, patch: Partial<NokCampaignInput> & { version: number; status?: 'open' | 'closed' }) =>
    request<NokCampaignDetail>('PATCH', `/nok/campaigns/${id}`, patch),
  publish: (id: number, version: number, published: boolean) =>
    request<NokCampaignDetail>('POST', `/nok/campaigns/${id}/publish`, { version, published }),
  results: (id: number) => request<NokResults>('GET', `/nok/campaigns/${id}/results`),
  operatorStaff: (organisationId: number) =>
    request<{ items: { id: number; fullName: string }[] }>('GET', withQuery('/nok/operator-staff', { organisationId })),
  assessment: (id: number) => request<NokAssessment>('GET', `/nok/assessments/${id}`),
  saveChecklist: (id: number, version: number, checklist: NokChecklist) =>
    request<NokAssessment>('PUT', `/nok/assessments/${id}/checklist`, { version, checklist }),
  enterPaper: (id: number, answers: Answers) =>
    request<{ accepted: true; duplicate: boolean }>('POST', `/nok/assessments/${id}/answers`, { answers }),
  markAnswer: (id: number, suspiciousReason: string | null) =>
    request<{ id: number; suspiciousReason: string | null }>('PATCH', `/nok/answers/${id}`, { suspiciousReason }),
  createPlan: (id: number) => request<{ planId: number; measures: number }>('POST', `/nok/assessments/${id}/plan`, {}),
  links: (id: number) => request<NokLinks>('GET', `/nok/assessments/${id}/links`),
  questionnaire: (code: string) =>
    request<NokPublicQuestionnaire>('GET', `/nok/q/${encodeURIComponent(code)}`, undefined, { quiet401: true }),
  submit: (code: string, body: { submissionId: string; deviceId: string; answers: Answers }) =>
    request<{ accepted: true; duplicate: boolean }>('POST', `/nok/q/${encodeURIComponent(code)}/answers`, body, {
      quiet401: true,
    }),
};

/** Points as the results show them: «87,35». */
export const points = (v: number | null | undefined) =>
  v == null ? '—' : new Intl.NumberFormat('ru-RU', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v);
