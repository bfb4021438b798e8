/**
 * What a «Срок исполнения» means, as data. A {@link Schedule} keeps the original text and
 * holds terms; expanding it over the plan period gives control dates.
 * Everything here is plain JSON (storable as is).
 */

/** ISO date `YYYY-MM-DD`. */
export type IsoDate = string;

/** The plan's period `[from, to]`, ISO dates, both included. */
export type PlanPeriod = readonly [IsoDate, IsoDate];

export type TermKind = 'date' | 'deadline' | 'window' | 'recurring' | 'continuous' | 'relative' | 'unspecified';

/**
 * A day of the calendar, possibly without a year. `year: null` means «each year of the plan
 * period» (e.g. «до 1 августа» in a 2024–2025 plan). `day: 'end'` is the last day of the month
 * (so a yearless «февраль» ends on the 28th or 29th depending on the year).
 */
export interface DayRef {
  year: number | null;
  month: number;
  day: number | 'end';
}

/** A day in the year: used by recurring terms («ежегодно до 5 июля»). */
export interface MonthDay {
  month: number;
  day: number | 'end';
}

/** «30 декабря 2024 г.», «01.07.2024»: a single day. */
export interface DateTerm {
  kind: 'date';
  on: DayRef;
  source: string;
}

/** «до 1 мая 2022 года», «не позднее …», «в срок до …», «до конца 2024 года». */
export interface DeadlineTerm {
  kind: 'deadline';
  by: DayRef;
  source: string;
}

/** A month, quarter, half-year, year or range of them; due on its last day. */
export interface WindowTerm {
  kind: 'window';
  from: DayRef;
  to: DayRef;
  source: string;
}

export type Frequency = 'day' | 'week' | 'month' | 'quarter' | 'half' | 'year';

/** Where in (or after) each period a recurring term is due. */
export type RecurringAt =
  /** The last day of each period (the default: «ежеквартально» → 31.03, 30.06, …). */
  | { type: 'end' }
  /** That day of each month of the period («ежемесячно до 25 числа»). */
  | { type: 'dayOfMonth'; day: number }
  /** Fixed days of each year («ежегодно до 5 июля», «Ежегодно I квартал» → 31.03). */
  | { type: 'dates'; dates: MonthDay[] }
  /**
   * Day `day` of the `months`-th month after each period's last month: «до 10 числа месяца,
   * следующего за отчетным кварталом» → months 1; «до 1 марта года, следующего за отчетным»
   * → months 3. `months: 0` is the period's own last month.
   */
  | { type: 'afterPeriod'; months: number; day: number };

/** «ежеквартально», «2 раза в год», «по итогам года», «ежегодно до 5 июля». */
export interface RecurringTerm {
  kind: 'recurring';
  every: Frequency;
  /** Every `interval` periods («раз в 2 года» → 2); 1 when not said. */
  interval: number;
  /** «не реже 3 раз в год» → 3; kept for the reader, control dates are per period. */
  times?: number;
  at: RecurringAt;
  /** Limits the recurrence to a range narrower than the plan period («ежеквартально в 2024 году»). */
  within?: { from: IsoDate; to: IsoDate };
  source: string;
}

/** «постоянно», «в течение всего периода», or a measure with only a report schedule. */
export interface ContinuousTerm {
  kind: 'continuous';
  /** «с 1 сентября 2024 г.», «начиная с 2024 года»: the day it starts, when stated. */
  from?: DayRef;
  source: string;
}

export type OffsetUnit = 'day' | 'workday' | 'month';

/** «5 рабочих дней» → {5, 'workday'}; «за 10 дней до …» → {-10, 'day'}. */
export interface Offset {
  amount: number;
  unit: OffsetUnit;
}

/** «в течение 5 рабочих дней после поступления информации …»: no dates until the event is known. */
export interface RelativeTerm {
  kind: 'relative';
  offset: Offset;
  /** The event, as written («после поступления информации от Общественного совета»); may be empty. */
  anchor: string;
  /** «Постоянно в течение 10 рабочих дней со дня …»: applies every time the event happens. */
  repeats: boolean;
  /** Set by `bindRelative` once the event date is known. */
  bound?: { eventDate: IsoDate; due: IsoDate };
  source: string;
}

/** «по мере необходимости», «в установленные сроки», empty, or anything not understood. */
export interface UnspecifiedTerm {
  kind: 'unspecified';
  text: string;
  source: string;
}

export type Term =
  DateTerm | DeadlineTerm | WindowTerm | RecurringTerm | ContinuousTerm | RelativeTerm | UnspecifiedTerm;

export interface Schedule {
  /** The deadline text exactly as received. */
  text: string;
  /** Kind of the first understood due term; `continuous` when only reports are scheduled. */
  kind: TermKind;
  /** Execution terms, in the order written. */
  terms: Term[];
  /** Report terms («отчет ежегодно до 25 декабря», «до 10 числа месяца, следующего за отчетным»). */
  reports: Term[];
  /** The plan period the text was read against (expansion default). */
  period: PlanPeriod;
}

/** One control date: nominal as written, effective moved off days off (ГК РФ ст. 193). */
export interface ControlDate {
  nominal: IsoDate;
  effective: IsoDate;
  /** What the date closes, in Russian («I квартал 2024 г.», «2024 г.»), when known. */
  label?: string;
  /**
   * For a report due after the period it reports on («до 10 числа месяца, следующего за
   * отчетным кварталом»): that period's last day, so the report is owed for that period.
   */
  covers?: IsoDate;
}

/** A term that gives no control dates, kept so the UI can say why. */
export interface PendingTerm {
  kind: 'continuous' | 'relative' | 'unspecified' | 'recurring';
  /** Russian, for the UI («в течение 5 рабочих дней после …», «постоянно», «по мере необходимости»). */
  text: string;
}

export interface ExpandedSchedule {
  kind: TermKind;
  due: ControlDate[];
  reports: ControlDate[];
  /** Terms that have no dates (relative not yet bound, continuous, unspecified). */
  pending: PendingTerm[];
}

export interface ParseOptions {
  /** The plan period; yearless terms repeat over its years. */
  period: PlanPeriod;
  /** «текущего года», «следующего года» resolve against this day; without it they are unspecified. */
  reference?: IsoDate;
}
