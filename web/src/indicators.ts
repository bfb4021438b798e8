/** Target indicators: the API calls and how their numbers, periods and states read in Russian (issue 13). */
import type * as C from '../../src/contract';
import { request } from './api';

export type IndicatorSummary = C.ResponseOf<'POST /api/plans/:id/indicators', 201>;
export type IndicatorDetail = C.ResponseOf<'GET /api/indicators/:id'>;
export type IndicatorFact = C.ResponseOf<'PUT /api/indicators/:id/facts'>;
export type PlanFactRow = IndicatorSummary['planFact'][number];
export type IndicatorDraft = C.ResponseOf<'POST /api/imports/:id/columns'>['indicatorDrafts'][number];
export type Direction = IndicatorSummary['direction'];
export type Breakdown = IndicatorSummary['breakdown'];
export type Computation = IndicatorSummary['computation'];

export interface TargetInput {
  year: number;
  quarter: number;
  value: number | null;
  valueText?: string;
}

export interface IndicatorInput {
  number: string;
  name: string;
  unit?: string;
  direction?: Direction;
  baseValue?: number | null;
  basePeriod?: string;
  source?: string;
  method?: string;
  breakdown?: Breakdown;
  computation?: Computation;
  numeratorId?: number | null;
  denominatorId?: number | null;
  targets?: TargetInput[];
  responsibleIds?: number[];
}

export interface FactInput {
  year: number;
  quarter: number;
  unitOrganisationId: number | null;
  value: number;
  comment?: string;
  evidenceUrl?: string | null;
  version?: number;
}

export const indicatorsApi = {
  list: (planId: number) => request<{ items: IndicatorSummary[] }>('GET', `/plans/${planId}/indicators`),
  get: (id: number) => request<IndicatorDetail>('GET', `/indicators/${id}`),
  create: (planId: number, input: IndicatorInput) =>
    request<IndicatorSummary>('POST', `/plans/${planId}/indicators`, input),
  update: (id: number, patch: Partial<IndicatorInput> & { version: number }) =>
    request<IndicatorSummary>('PATCH', `/indicators/${id}`, patch),
  remove: (id: number) => request<{ ok: true }>('DELETE', `/indicators/${id}`),
  saveFact: (id: number, input: FactInput) => request<IndicatorFact>('PUT', `/indicators/${id}/facts`, input),
  accept: (factId: number, version: number) =>
    request<IndicatorFact>('POST', `/indicator-facts/${factId}/accept`, { version }),
  returnFact: (factId: number, version: number, comment: string) =>
    request<IndicatorFact>('POST', `/indicator-facts/${factId}/return`, { version, comment }),
  mine: () => request<{ items: C.ResponseOf<'GET /api/my/indicators'>['items'] }>('GET', '/my/indicators'),
};

export const DIRECTION_LABELS: Record<Direction, string> = {
  up: 'рост — лучше',
  down: 'снижение — лучше',
  target: 'достичь значения',
};
export const BREAKDOWN_LABELS: Record<Breakdown, string> = {
  total: 'в целом по области',
  organisation: 'по организациям',
  municipality: 'по муниципальным образованиям',
};
export const COMPUTATION_LABELS: Record<Computation, string> = {
  reported: 'вносится исполнителем',
  share: 'доля: числитель / знаменатель × 100',
  sum: 'сумма по муниципальным образованиям (организациям)',
};
export const FACT_STATE_LABELS: Record<IndicatorFact['state'], string> = {
  submitted: 'на проверке',
  accepted: 'принято',
  returned: 'возвращено',
};
export const PLAN_FACT_STATUS_LABELS: Record<PlanFactRow['status'], string> = {
  reached: 'достигнуто',
  missed: 'не достигнуто',
  no_fact: 'нет данных',
  no_plan: 'план не установлен',
};

const NUMBER = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 2 });
const SIGNED = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 2, signDisplay: 'exceptZero' });

/** «44,7»; «—» for none. */
export const formatNumberRu = (v: number | null | undefined) => (v == null ? '—' : NUMBER.format(v));
/** «+0,5», «−1,2». */
export const formatDeviationRu = (v: number | null | undefined) => (v == null ? '—' : SIGNED.format(v));

const ROMAN = ['', 'I', 'II', 'III', 'IV'];
/** «2025 г.», «II кв. 2025 г.». */
export const periodLabelRu = (year: number, quarter: number) =>
  quarter === 0 ? `${year} г.` : `${ROMAN[quarter]} кв. ${year} г.`;

/** A decimal as a person types it: comma or point, spaces between thousands. Null when not a number. */
export function parseNumberRu(text: string): number | null {
  const t = text.replace(/[\s\u00a0]+/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}

/** Years a plan covers, from its period. */
export function planYears(from: string, to: string): number[] {
  const out: number[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) out.push(y);
  return out;
}
