/**
 * Schedule → control dates over a plan period. Nominal dates are what the text says; the
 * effective date moves a nominal date off a day off (ГК РФ ст. 193) using the production calendar.
 */
import {
  addMonths,
  addWorkingDays,
  addDays,
  daysInMonth,
  effectiveDueDate,
  formatYmd,
  isIsoDate,
  previousWorkingDay,
} from '../calendar/index.js';
import { DomainError } from '../errors.js';
import type {
  ControlDate,
  DayRef,
  ExpandedSchedule,
  Frequency,
  PendingTerm,
  PlanPeriod,
  RecurringTerm,
  RelativeTerm,
  Schedule,
  Term,
} from './types.js';

const MONTHS_IN: Record<Frequency, number> = { day: 0, week: 0, month: 1, quarter: 3, half: 6, year: 12 };
const MAX_YEARS = 100;

const ROMAN = ['', 'I', 'II', 'III', 'IV'];
const MONTH_NAMES = [
  '',
  'январь',
  'февраль',
  'март',
  'апрель',
  'май',
  'июнь',
  'июль',
  'август',
  'сентябрь',
  'октябрь',
  'ноябрь',
  'декабрь',
];

/** Russian name of the period ending in month `m` of `y` («I квартал 2024 г.»). */
export function periodLabel(every: Frequency, y: number, m: number): string {
  switch (every) {
    case 'month':
      return `${MONTH_NAMES[m]} ${y} г.`;
    case 'quarter':
      return `${ROMAN[m / 3]} квартал ${y} г.`;
    case 'half':
      return `${ROMAN[m / 6]} полугодие ${y} г.`;
    default:
      return `${y} г.`;
  }
}

/** «март 2024 г.», «II–III квартал 2023 г.», «2023–2030 гг.», or dates for other spans. */
function spanLabel(from: DayRef, to: DayRef, y: number): string {
  const fy = from.year ?? y;
  const whole = from.day === 1 && to.day === 'end';
  if (whole && fy === y) {
    const fm = from.month,
      tm = to.month;
    if (fm === 1 && tm === 12) return `${y} г.`;
    if (fm === tm) return `${MONTH_NAMES[fm]} ${y} г.`;
    if ((fm - 1) % 3 === 0 && tm % 3 === 0) {
      if (tm - fm === 5 && tm % 6 === 0) return `${ROMAN[tm / 6]} полугодие ${y} г.`;
      return tm - fm === 2
        ? `${ROMAN[tm / 3]} квартал ${y} г.`
        : `${ROMAN[(fm + 2) / 3]}–${ROMAN[tm / 3]} квартал ${y} г.`;
    }
    return `${MONTH_NAMES[fm]} – ${MONTH_NAMES[tm]} ${y} г.`;
  }
  if (whole && from.month === 1 && to.month === 12) return `${fy}–${y} гг.`;
  const d = (r: DayRef, yy: number) => {
    const iso = dayIso(yy, r.month, r.day);
    return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
  };
  return `${d(from, fy)} – ${d(to, y)}`;
}

interface Range {
  from: string;
  to: string;
  y0: number;
  y1: number;
}

function checkPeriod(period: PlanPeriod | undefined): Range {
  if (
    !Array.isArray(period) ||
    period.length !== 2 ||
    !isIsoDate(period[0]) ||
    !isIsoDate(period[1]) ||
    period[0] > period[1]
  ) {
    throw new DomainError(
      'validation',
      'deadlines.bad_period',
      'Период плана указан неверно: нужны две даты ГГГГ-ММ-ДД, начало не позже конца',
      `bad plan period: ${JSON.stringify(period)}`,
    );
  }
  const y0 = +period[0].slice(0, 4),
    y1 = +period[1].slice(0, 4);
  if (y1 - y0 >= MAX_YEARS)
    throw new DomainError(
      'validation',
      'deadlines.period_too_long',
      'Период плана длиннее 100 лет',
      `period too long: ${period}`,
    );
  return { from: period[0], to: period[1], y0, y1 };
}

function dayIso(y: number, m: number, day: number | 'end'): string {
  const dim = daysInMonth(y, m);
  return formatYmd(y, m, day === 'end' ? dim : Math.min(day, dim));
}

const refIso = (r: DayRef, y: number) => dayIso(y, r.month, r.day);

function control(nominal: string, label?: string, backwards = false): ControlDate {
  const out: ControlDate = { nominal, effective: backwards ? previousWorkingDay(nominal) : effectiveDueDate(nominal) };
  if (label !== undefined) out.label = label;
  return out;
}

/** A yearless day in every year of the range (only those that fall inside it). */
function eachYear(r: DayRef, range: Range, out: ControlDate[], label?: (y: number) => string): void {
  for (let y = range.y0; y <= range.y1; y++) {
    const iso = refIso(r, y);
    if (iso >= range.from && iso <= range.to) out.push(control(iso, label?.(y)));
  }
}

function expandRecurring(t: RecurringTerm, period: Range, out: ControlDate[], pending: PendingTerm[]): void {
  const months = MONTHS_IN[t.every];
  if (months === 0) {
    pending.push({ kind: 'recurring', text: t.every === 'day' ? 'ежедневно' : 'еженедельно' });
    return;
  }
  let range = period;
  if (t.within) {
    const from = t.within.from > period.from ? t.within.from : period.from;
    const to = t.within.to < period.to ? t.within.to : period.to;
    if (from > to) return;
    range = { from, to, y0: +from.slice(0, 4), y1: +to.slice(0, 4) };
  }
  const at = t.at;
  if (at.type === 'dates') {
    for (let y = range.y0; y <= range.y1; y++) {
      for (const md of at.dates) {
        const iso = dayIso(y, md.month, md.day);
        if (iso >= range.from && iso <= range.to) out.push(control(iso));
      }
    }
    return;
  }
  const first = range.y0 * 12 + (+range.from.slice(5, 7) - 1);
  const last = range.y1 * 12 + (+range.to.slice(5, 7) - 1);
  // Periods are calendar months/quarters/half-years/years; «раз в 2 года» counts from the first year.
  for (let idx = first; idx <= last; idx++) {
    const y = Math.floor(idx / 12),
      m = (idx % 12) + 1;
    if (m % months !== 0) continue;
    if (t.every === 'year' && t.interval > 1 && (y - range.y0 + 1) % t.interval !== 0 && y !== range.y1) continue;
    const end = dayIso(y, m, 'end');
    if (end < range.from || end > range.to) continue;
    const label = periodLabel(t.every, y, m);
    if (at.type === 'end') out.push(control(end, label));
    else if (at.type === 'dayOfMonth') out.push(control(dayIso(y, m, at.day), label));
    else {
      const target = idx + at.months;
      const ty = Math.floor(target / 12),
        tm = (target % 12) + 1;
      out.push({ ...control(dayIso(ty, tm, at.day), `отчёт за ${label}`), covers: end });
    }
  }
}

function expandTerm(t: Term, range: Range, out: ControlDate[], pending: PendingTerm[]): void {
  switch (t.kind) {
    case 'date':
      if (t.on.year !== null) out.push(control(refIso(t.on, t.on.year)));
      else eachYear(t.on, range, out);
      return;
    case 'deadline':
      if (t.by.year !== null) out.push(control(refIso(t.by, t.by.year)));
      else eachYear(t.by, range, out);
      return;
    case 'window':
      if (t.to.year !== null) out.push(control(refIso(t.to, t.to.year), spanLabel(t.from, t.to, t.to.year)));
      else eachYear(t.to, range, out, (y) => spanLabel(t.from, t.to, y));
      return;
    case 'recurring':
      expandRecurring(t, range, out, pending);
      return;
    case 'relative':
      if (t.bound) out.push(control(t.bound.due, undefined, t.offset.amount < 0));
      else pending.push({ kind: 'relative', text: t.source || describeOffset(t) });
      return;
    case 'continuous':
      pending.push({ kind: 'continuous', text: t.source || 'постоянно' });
      return;
    default:
      if (t.text) pending.push({ kind: 'unspecified', text: t.text });
  }
}

function describeOffset(t: RelativeTerm): string {
  const unit = t.offset.unit === 'workday' ? 'раб. дн.' : t.offset.unit === 'day' ? 'дн.' : 'мес.';
  return `${Math.abs(t.offset.amount)} ${unit} ${t.offset.amount < 0 ? 'до' : 'после'} события${t.anchor ? ` (${t.anchor})` : ''}`;
}

function sortUnique(list: ControlDate[]): ControlDate[] {
  if (list.length < 2) return list;
  list.sort((a, b) => (a.nominal < b.nominal ? -1 : a.nominal > b.nominal ? 1 : 0));
  const out: ControlDate[] = [list[0]];
  for (let i = 1; i < list.length; i++) if (list[i].nominal !== list[i - 1].nominal) out.push(list[i]);
  return out;
}

/**
 * Expands a schedule over the plan period into control dates: `due` (execution) and `reports`,
 * sorted, without duplicates, each with its nominal and effective date. Terms with no dates
 * (continuous, relative not yet bound, unspecified) are listed in `pending`.
 * A window is due on its last day even past the period («2023-2030 гг.» → 31.12.2030); a report
 * for the last period may fall after the period ends.
 * @throws DomainError (validation) when the period is not two ISO dates in order.
 * @example
 * expandSchedule(parseDeadline('ежеквартально', { period: ['2024-01-01', '2024-12-31'] }), ['2024-01-01', '2024-12-31']).due
 * // [{ nominal: '2024-03-31', effective: '2024-04-01', label: 'I квартал 2024 г.' }, … '2024-12-31' → '2025-01-09']
 */
export function expandSchedule(schedule: Schedule, period: PlanPeriod = schedule.period): ExpandedSchedule {
  const range = checkPeriod(period);
  const due: ControlDate[] = [],
    reports: ControlDate[] = [];
  const pending: PendingTerm[] = [];
  for (const t of schedule.terms) expandTerm(t, range, due, pending);
  const ignored: PendingTerm[] = [];
  for (const t of schedule.reports) expandTerm(t, range, reports, ignored);
  return { kind: schedule.kind, due: sortUnique(due), reports: sortUnique(reports), pending };
}

/**
 * Gives dates to the relative terms once the event is known: «5 рабочих дней» counts working
 * days after the event (the event day is not counted, ГК РФ ст. 191), «30 дней» calendar days,
 * «месяц» calendar months (ст. 192). Other terms are unchanged; the input is not modified.
 * @throws RangeError when `eventDate` is not an ISO date.
 * @example
 * bindRelative(parseDeadline('в течение 5 рабочих дней после заседания', { period }), '2024-04-26')
 *   .terms[0] // { kind: 'relative', …, bound: { eventDate: '2024-04-26', due: '2024-05-07' } }
 */
export function bindRelative(schedule: Schedule, eventDate: string): Schedule {
  if (!isIsoDate(eventDate)) throw new RangeError(`not an ISO date (YYYY-MM-DD): ${eventDate}`);
  const bind = (t: Term): Term => {
    if (t.kind !== 'relative') return t;
    const { amount, unit } = t.offset;
    const due =
      unit === 'workday'
        ? addWorkingDays(eventDate, amount)
        : unit === 'month'
          ? addMonths(eventDate, amount)
          : addDays(eventDate, amount);
    return { ...t, bound: { eventDate, due } };
  };
  return { ...schedule, terms: schedule.terms.map(bind), reports: schedule.reports.map(bind) };
}
