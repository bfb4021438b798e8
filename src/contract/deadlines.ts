/** Deadlines read from text, the plan calendar, and deadlines nobody could read. */
import { z } from 'zod';
import { IsoDate } from './common.js';
import { ControlPoint, DeadlineKind } from './plans.js';

/** A date the text gives: `effective` moved off a day off; `covers`: the period a report date reports on. */
export const ControlDate = z.strictObject({
  nominal: IsoDate,
  effective: IsoDate,
  label: z.string().optional(),
  covers: IsoDate.optional(),
});

/** GET /api/deadlines/interpret: what the text will mean in this plan. */
export const DeadlineInterpretation = z.strictObject({
  kind: DeadlineKind,
  understood: z.boolean(),
  /** Russian: «31.03.2024 (→ 01.04.2024), 30.06.2024 …; отчёт до 10.04.2024». */
  description: z.string(),
  due: z.array(ControlDate),
  reports: z.array(ControlDate),
  /** Terms without dates (continuous, relative not yet bound, unspecified), in Russian. */
  pending: z.array(
    z.strictObject({ kind: z.enum(['continuous', 'relative', 'unspecified', 'recurring']), text: z.string() }),
  ),
  /** Terms counted from an event; non-empty means the measure wants an `anchorDate`. */
  relative: z.array(
    z.strictObject({
      offset: z.strictObject({ amount: z.number(), unit: z.enum(['day', 'workday', 'month']) }),
      anchor: z.string(),
    }),
  ),
});

export const CalendarItem = ControlPoint.extend({
  measure: z.strictObject({ id: z.number().int(), number: z.string(), title: z.string() }),
});

export const UnclearDeadline = z.strictObject({
  id: z.number().int(),
  number: z.string(),
  title: z.string(),
  deadlineText: z.string(),
});

export type ControlDate = z.infer<typeof ControlDate>;
export type DeadlineInterpretation = z.infer<typeof DeadlineInterpretation>;
export type CalendarItem = z.infer<typeof CalendarItem>;
export type UnclearDeadline = z.infer<typeof UnclearDeadline>;
