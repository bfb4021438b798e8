/** The audit log as it is read. */
import { z } from 'zod';
import { Timestamp } from './common.js';

export const AuditEvent = z.strictObject({
  id: z.number().int(),
  at: Timestamp,
  actor: z.strictObject({ id: z.number().int(), fullName: z.string() }).nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.number().int().nullable(),
  planId: z.number().int().nullable(),
  measureId: z.number().int().nullable(),
  /** What the event is about, named as a person reads it. */
  subject: z.strictObject({
    label: z.string(),
    plan: z.strictObject({ id: z.number().int(), shortTitle: z.string() }).nullable(),
    measure: z.strictObject({ id: z.number().int(), name: z.string() }).nullable(),
  }),
  /** Snapshots as recorded: an object, a list (the ids of a reorder), or null. */
  before: z.unknown(),
  after: z.unknown(),
  /** Names of the ids the snapshots hold (keys are ids). */
  names: z.strictObject({
    sections: z.record(z.string(), z.string()),
    measures: z.record(z.string(), z.string()),
    organisations: z.record(z.string(), z.string()),
  }),
  source: z.string().nullable(),
});

export type AuditEvent = z.infer<typeof AuditEvent>;
