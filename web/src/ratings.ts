/** Ratings of municipalities: the API calls and labels (issue 13). */
import type * as C from '../../src/contract';
import { request } from './api';

export type RatingDetail = C.RatingDetail;
export type RatingResultRow = C.RatingResultRow;
export type RatingState = RatingDetail['state'];

export const ratingsApi = {
  methodologies: () => request<{ items: C.RatingMethodology[] }>('GET', '/rating-methodologies'),
  createMethodology: (methodology: unknown) =>
    request<C.RatingMethodology>('POST', '/rating-methodologies', { methodology }),
  list: () => request<{ items: C.ResponseOf<'GET /api/ratings'>['items'] }>('GET', '/ratings'),
  create: (input: { methodologyId: number; year: number; title: string }) =>
    request<C.ResponseOf<'POST /api/ratings', 201>>('POST', '/ratings', input),
  get: (id: number) => request<RatingDetail>('GET', `/ratings/${id}`),
  saveValues: (
    id: number,
    items: { municipalityId: number; indicator: string; value: number | null }[],
    reason?: string,
  ) => request<RatingDetail>('PUT', `/ratings/${id}/values`, { items, reason }),
  importCsv: (id: number, csv: string, reason?: string) =>
    request<RatingDetail>('POST', `/ratings/${id}/values-csv`, { csv, reason }),
  move: (id: number, to: RatingState, version: number) =>
    request<RatingDetail>('POST', `/ratings/${id}/state`, { to, version }),
  publicRating: (id: number) => request<C.PublicRating>('GET', `/public/ratings/${id}`),
};

export const RATING_STATE_LABELS: Record<RatingState, string> = {
  collecting: 'сбор данных',
  frozen: 'данные зафиксированы',
  approved: 'утверждён',
  published: 'опубликован',
};
export const TRANSITION_LABELS: Record<RatingState, string> = {
  collecting: 'Вернуть к сбору данных',
  frozen: 'Зафиксировать данные',
  approved: 'Утвердить',
  published: 'Опубликовать',
};
