/**
 * Building blocks of the response contract: shared by the server (documentation, test-time
 * validation) and the web client (types only). Pure zod: nothing here may import server code.
 */
import { z } from 'zod';

/** A calendar day as the API sends it: `2025-03-31` (PostgreSQL `date`, never shifted by a time zone). */
export const IsoDate = z.iso.date();
/** A moment as the API sends it: ISO 8601 in UTC (`2025-03-31T09:15:00.000Z`). */
export const Timestamp = z.iso.datetime();

export const Ok = z.strictObject({ ok: z.literal(true) });

export const Role = z.enum(['admin', 'coordinator', 'executor', 'observer']);
export const PlanKind = z.enum(['plan', 'council_decisions']);
export const PlanStatus = z.enum(['draft', 'active', 'archived']);
export const MeasureStatus = z.enum(['done', 'partial', 'not_done', 'not_due']);
export const ReportState = z.enum(['expected', 'draft', 'submitted', 'returned', 'accepted']);
export const OrgKind = z.enum([
  'region',
  'executive',
  'institution',
  'municipality',
  'ngo',
  'council',
  'group',
  'other',
]);
export const ReportingFrequency = z.enum(['month', 'quarter', 'half', 'year', 'custom']);
export const Light = z.enum(['green', 'yellow', 'red', 'grey']);

/** An organisation named by id and both names. */
export const OrgName = z.strictObject({ id: z.number().int(), shortName: z.string(), fullName: z.string() });
/** An organisation as an executor or plan owner: names, and whether it is outside the region's government. */
export const OrgRef = OrgName.extend({ external: z.boolean() });
export const OrgShort = z.strictObject({ id: z.number().int(), shortName: z.string() });

export const StatusCounts = z.strictObject({
  done: z.number().int(),
  partial: z.number().int(),
  not_done: z.number().int(),
  not_due: z.number().int(),
  none: z.number().int(),
});
export const LightCounts = z.strictObject({
  green: z.number().int(),
  yellow: z.number().int(),
  red: z.number().int(),
  grey: z.number().int(),
});

/**
 * Every refusal and failure: `code` the kind (validation, unauthorized, forbidden, not_found,
 * conflict, too_large, unsupported, csrf, rate_limited, internal…), `reason` the precise cause
 * for refusals raised by the services, `message` Russian, fit to show; `details` per field
 * for a request that did not pass validation.
 */
export const ApiError = z.strictObject({
  code: z.string(),
  reason: z.string().optional(),
  message: z.string(),
  details: z.array(z.strictObject({ path: z.string(), message: z.string() })).optional(),
});

/** `{ items: [...] }`, the envelope of every plain list. */
export const itemsOf = <T extends z.ZodType>(item: T) => z.strictObject({ items: z.array(item) });

export type IsoDate = z.infer<typeof IsoDate>;
export type Role = z.infer<typeof Role>;
export type PlanKind = z.infer<typeof PlanKind>;
export type PlanStatus = z.infer<typeof PlanStatus>;
export type MeasureStatus = z.infer<typeof MeasureStatus>;
export type ReportState = z.infer<typeof ReportState>;
export type OrgKind = z.infer<typeof OrgKind>;
export type ReportingFrequency = z.infer<typeof ReportingFrequency>;
export type Light = z.infer<typeof Light>;
export type OrgName = z.infer<typeof OrgName>;
export type OrgRef = z.infer<typeof OrgRef>;
export type OrgShort = z.infer<typeof OrgShort>;
export type StatusCounts = z.infer<typeof StatusCounts>;
export type LightCounts = z.infer<typeof LightCounts>;
export type ApiErrorBody = z.infer<typeof ApiError>;
