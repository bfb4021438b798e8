/**
 * The shapes every request's params, query and body are made of (issue 10, §4). Whatever
 * passes these fits the database: ids and versions within PostgreSQL's `integer`, strings
 * without NUL or unpaired surrogates (neither `text` nor `jsonb` stores them), dates within
 * 1900–2100 (PostgreSQL has no year 0, and deadline expansion over millennia would never
 * end), open-ended maps with a cap on their keys. Routes build their schemas from these
 * instead of bare `z.string()` / `z.number()`, so a malformed request is a 400 with a
 * Russian message, never a 500 from the driver.
 */
import { z } from 'zod';

/** PostgreSQL `integer`'s upper bound. */
export const MAX_INT = 2_147_483_647;
export const MIN_DATE = '1900-01-01';
export const MAX_DATE = '2100-12-31';

/** No NUL, no lone surrogate half: what PostgreSQL text and jsonb refuse. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const storable = (s: string) => !s.includes('\u0000') && !LONE_SURROGATE.test(s);
const NOT_STORABLE = 'недопустимые символы';

/** A string the database can store; give it a `.max()` (or use `text`). */
export const str = () => z.string().refine(storable, NOT_STORABLE);

/** A string the database can store, at most `max` characters. */
export const text = (max: number) => str().max(max);

/** The same, trimmed, and not empty. */
export const requiredText = (max: number) => text(max).trim().min(1);

/** An id or version in a JSON body: 1…2³¹−1. */
export const bodyId = z.number().int().min(1).max(MAX_INT);

/** An id in a path or query string (arrives as text): 1…2³¹−1. */
export const id = z.coerce.number().int().min(1).max(MAX_INT);

/** Path parameters of `/…/:id`. */
export const IdParams = z.object({ id }).strict();

/** A small count in a query string (limits, pages, days). */
export const queryInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** A calendar date YYYY-MM-DD within 1900–2100. */
export const isoDate = z.iso
  .date()
  .refine((d) => d >= MIN_DATE && d <= MAX_DATE, 'дата вне допустимого диапазона (1900–2100)');

/** `'true' | 'false'` of a query string. */
export const queryFlag = z.enum(['true', 'false']);

/**
 * A link in a report: absolute http or https only, so that no `javascript:` or `data:`
 * address is ever stored for the web to render as a link.
 */
export const httpUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .refine(storable, NOT_STORABLE);

/** An open-ended map of named figures («показатели»): at most `maxKeys` keys. */
export const figures = (maxKeys = 100) =>
  z
    .record(text(200), z.union([text(1000), z.number().finite()]))
    .refine((r) => Object.keys(r).length <= maxKeys, `не более ${maxKeys} показателей`);

/** A map keyed by free text (e.g. executor names of an import), with a cap on its keys. */
export const cappedRecord = <V extends z.ZodType>(keyMax: number, value: V, maxKeys: number) =>
  z.record(text(keyMax), value).refine((r) => Object.keys(r).length <= maxKeys, `не более ${maxKeys} записей`);
