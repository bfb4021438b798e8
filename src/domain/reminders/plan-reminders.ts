/**
 * Which reminder e-mails to send today, and what they say — a pure function of the rows
 * the job loads, the users' settings, the keys of notices already sent and `today`
 * (1С:Документооборот-style «напоминание за N дней», a notice the day after a missed date,
 * a weekly summary for the coordinator, a notice when a report is returned).
 *
 * Every notice and every item it announces carries a dedupe key; the job claims the keys
 * in `notifications` (unique) before sending, so that a second run — or a second instance —
 * sends nothing twice. Keys:
 *  - `digest:<userId>:<today>:before` / `…:missed` — at most one digest of each kind per user per day;
 *  - `due:<userId>:<measureId>:<kind>:<effectiveDate>:before|missed` — a control date, announced once;
 *  - `report:<userId>:<reportId>:<reportDue>:before|missed` — an owed report, announced once;
 *  - `weekly:<userId>:<isoWeek>` — the coordinator's summary (Mondays);
 *  - `returned:<userId>:<reportId>:<returnVersion>` — one notice per return of a report.
 */
import { addDaysIso } from '../reporting/dates.js';
import { MONTHS_GENITIVE, russianLongDate } from '../calendar/index.js';

export type NoticeKind = 'upcoming' | 'missed' | 'weekly' | 'returned';
export const NOTICE_KINDS: readonly NoticeKind[] = ['upcoming', 'missed', 'weekly', 'returned'];

export interface ReminderUser {
  id: number;
  email: string | null;
  fullName: string;
  role: 'admin' | 'coordinator' | 'executor' | 'observer';
  organisationId: number;
  /** Short name of the user's organisation («Минкультуры»). */
  organisationName: string;
  notifyEnabled: boolean;
  /** 0..30: how many days ahead of a date the digest announces it. */
  notifyDaysBefore: number;
}

export interface MeasureRef {
  id: number;
  number: string;
  title: string;
  planId: number;
  planTitle: string;
}

/** One control date of a measure for one of its executor organisations (lead or co-executor). */
export interface ControlDateRow {
  measure: MeasureRef;
  kind: 'due' | 'report';
  /** The date moved to a working day. */
  effective: string;
  organisationId: number;
  /** The measure's earliest control date not yet met (null: none open). */
  openDue: string | null;
  /** The measure's execution status (`done` closes its dates). */
  status: string | null;
  closed: boolean;
}

export type OwedReportState = 'expected' | 'draft' | 'submitted' | 'returned' | 'accepted';

/** A report an organisation owes for a period, with the period's report day. */
export interface OwedReportRow {
  reportId: number;
  measure: MeasureRef;
  organisationId: number;
  periodLabel: string;
  reportDue: string;
  state: OwedReportState;
}

/** A report sent back for rework; `returnVersion` identifies the return (one notice each). */
export interface ReturnedReportRow {
  reportId: number;
  returnVersion: number;
  measure: MeasureRef;
  organisationId: number;
  organisationName: string;
  periodLabel: string;
  comment: string | null;
}

/** A plan's counts for the week starting today (Monday). */
export interface PlanWeekRow {
  planId: number;
  planTitle: string;
  ownerOrganisationId: number;
  /** Measures whose earliest open date has passed. */
  overdue: number;
  /** Measures whose earliest open date falls from Monday to Sunday of this week. */
  dueThisWeek: number;
  /** Lead reports submitted and not yet accepted or returned. */
  awaitingReview: number;
}

export interface ReminderInput {
  /** ISO date of the run, in the region's time zone. */
  today: string;
  /** Base address of the web app for links, without a trailing slash. */
  publicUrl: string;
  users: ReminderUser[];
  controlDates: ControlDateRow[];
  owedReports: OwedReportRow[];
  returnedReports: ReturnedReportRow[];
  planWeeks: PlanWeekRow[];
  /** Dedupe keys already recorded in `notifications`. */
  sentKeys: ReadonlySet<string>;
  /** Which kinds to plan (default: all). The every-5-minutes run plans only `returned`. */
  kinds?: readonly NoticeKind[];
}

export interface PlannedNotice {
  kind: NoticeKind;
  userId: number;
  to: string;
  /** The notice's own key: claimed first; when taken, the notice is not sent. */
  key: string;
  /** Keys of the items the notice announces, recorded with it so that none is announced twice. */
  itemKeys: string[];
  subject: string;
  text: string;
  html: string;
}

/** States in which a report is still owed. */
const OPEN_REPORT_STATES: ReadonlySet<OwedReportState> = new Set(['expected', 'draft', 'returned']);

/** Digests and missed-date notices go to executor users; weekly summaries to coordinators. */
const isExecutor = (u: ReminderUser) => u.role === 'executor';
const reachable = (u: ReminderUser) => u.notifyEnabled && !!u.email?.trim();

/**
 * A control date is still open when the measure is neither done nor closed and its
 * earliest open date is not later than it (a later open date means this one was met).
 */
export function isControlDateOpen(row: Pick<ControlDateRow, 'openDue' | 'status' | 'closed'>, date: string): boolean {
  return !row.closed && row.status !== 'done' && row.openDue !== null && row.openDue <= date;
}

interface Item {
  key: string;
  date: string;
  measure: MeasureRef;
  /** «срок исполнения», «отчёт за IV квартал 2025 г.» … */
  what: string;
  /** For a missed date: what did not happen. */
  missedWhat: string;
}

function controlItem(userId: number, r: ControlDateRow, suffix: 'before' | 'missed'): Item {
  return {
    key: `due:${userId}:${r.measure.id}:${r.kind}:${r.effective}:${suffix}`,
    date: r.effective,
    measure: r.measure,
    what: r.kind === 'due' ? 'срок исполнения' : 'срок представления информации об исполнении',
    missedWhat:
      r.kind === 'due' ? 'срок исполнения истёк, исполнение не отмечено' : 'информация об исполнении не представлена',
  };
}

const reportStateNote: Record<OwedReportState, string> = {
  expected: '',
  draft: ' (черновик не отправлен)',
  returned: ' (возвращён на доработку)',
  submitted: '',
  accepted: '',
};

function reportItem(userId: number, r: OwedReportRow, suffix: 'before' | 'missed'): Item {
  return {
    key: `report:${userId}:${r.reportId}:${r.reportDue}:${suffix}`,
    date: r.reportDue,
    measure: r.measure,
    what: `отчёт за ${r.periodLabel}${reportStateNote[r.state]}`,
    missedWhat: `отчёт за ${r.periodLabel} не представлен${reportStateNote[r.state]}`,
  };
}

const collator = new Intl.Collator('ru', { numeric: true });
const byDateThenMeasure = (a: Item, b: Item) =>
  a.date.localeCompare(b.date) ||
  a.measure.planId - b.measure.planId ||
  collator.compare(a.measure.number, b.measure.number) ||
  a.key.localeCompare(b.key);

/** Items of one user, unique by key, not yet announced, in date order. */
function collect(items: Item[], sent: ReadonlySet<string>): Item[] {
  const seen = new Set<string>();
  const out: Item[] = [];
  for (const it of items) {
    if (sent.has(it.key) || seen.has(it.key)) continue;
    seen.add(it.key);
    out.push(it);
  }
  return out.sort(byDateThenMeasure);
}

/**
 * Plans today's notices. Pure: the clock, the database and the mailer stay outside.
 * @example
 * planReminders({ today: '2026-01-11', publicUrl: 'https://isp.example', users, controlDates, owedReports,
 *   returnedReports: [], planWeeks: [], sentKeys: new Set() })
 * // [{ kind: 'upcoming', to: 'executor@…', subject: 'Напоминание: 2 срока в ближайшие 3 дня', … },
 * //  { kind: 'missed', subject: 'Пропущены сроки 10 января 2026 г.: 3 пункта', … }]
 */
export function planReminders(input: ReminderInput): PlannedNotice[] {
  const kinds = new Set(input.kinds ?? NOTICE_KINDS);
  const { today, sentKeys } = input;
  const yesterday = addDaysIso(today, -1);
  const out: PlannedNotice[] = [];
  const users = input.users.filter(reachable);

  const cdByOrg = groupBy(input.controlDates, (r) => r.organisationId);
  const repByOrg = groupBy(
    input.owedReports.filter((r) => OPEN_REPORT_STATES.has(r.state)),
    (r) => r.organisationId,
  );

  for (const u of users.filter(isExecutor)) {
    const cds = cdByOrg.get(u.organisationId) ?? [];
    const reps = repByOrg.get(u.organisationId) ?? [];
    if (kinds.has('upcoming')) {
      const days = Math.max(0, Math.min(30, u.notifyDaysBefore));
      const until = addDaysIso(today, days);
      const key = `digest:${u.id}:${today}:before`;
      const items = collect(
        [
          ...cds
            .filter((r) => r.effective >= today && r.effective <= until && isControlDateOpen(r, r.effective))
            .map((r) => controlItem(u.id, r, 'before')),
          ...reps.filter((r) => r.reportDue >= today && r.reportDue <= until).map((r) => reportItem(u.id, r, 'before')),
        ],
        sentKeys,
      );
      if (items.length && !sentKeys.has(key)) out.push(composeUpcoming(input, u, key, items, days));
    }
    if (kinds.has('missed')) {
      const key = `digest:${u.id}:${today}:missed`;
      const items = collect(
        [
          ...cds
            .filter((r) => r.effective === yesterday && isControlDateOpen(r, r.effective))
            .map((r) => controlItem(u.id, r, 'missed')),
          ...reps.filter((r) => r.reportDue === yesterday).map((r) => reportItem(u.id, r, 'missed')),
        ],
        sentKeys,
      );
      if (items.length && !sentKeys.has(key)) out.push(composeMissed(input, u, key, items, yesterday));
    }
  }

  if (kinds.has('weekly') && isoWeekday(today) === 1) {
    const week = isoWeek(today);
    for (const u of users.filter((x) => x.role === 'coordinator')) {
      const key = `weekly:${u.id}:${week}`;
      if (sentKeys.has(key)) continue;
      const plans = input.planWeeks
        .filter((p) => p.ownerOrganisationId === u.organisationId && (p.overdue || p.dueThisWeek || p.awaitingReview))
        .sort((a, b) => a.planId - b.planId);
      if (plans.length) out.push(composeWeekly(input, u, key, plans));
    }
  }

  if (kinds.has('returned')) {
    const execByOrg = groupBy(users.filter(isExecutor), (u) => u.organisationId);
    for (const r of [...input.returnedReports].sort((a, b) => a.reportId - b.reportId)) {
      for (const u of execByOrg.get(r.organisationId) ?? []) {
        const key = `returned:${u.id}:${r.reportId}:${r.returnVersion}`;
        if (!sentKeys.has(key)) out.push(composeReturned(input, u, key, r));
      }
    }
  }
  return out;
}

function groupBy<T, K>(list: T[], key: (t: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const t of list) {
    const k = key(t);
    const bucket = m.get(k);
    if (bucket) bucket.push(t);
    else m.set(k, [t]);
  }
  return m;
}

// ---------------------------------------------------------------------------
// Dates and words

/**
 * `2016-12-28` → «28 декабря 2016 г.» (the form of official documents).
 * @example formatDateRuLong('2026-01-10') // '10 января 2026 г.'
 */
export function formatDateRuLong(iso: string): string {
  return russianLongDate(iso) ?? iso;
}

/**
 * A span of days: «12–18 января 2026 г.», «26 января – 1 февраля 2026 г.», «29 декабря 2025 г. – 4 января 2026 г.».
 */
export function formatRangeRu(from: string, to: string): string {
  const [fy, fm, fd] = [from.slice(0, 4), Number(from.slice(5, 7)), Number(from.slice(8, 10))];
  const [ty, tm] = [to.slice(0, 4), Number(to.slice(5, 7))];
  if (fy !== ty) return `${formatDateRuLong(from)} – ${formatDateRuLong(to)}`;
  if (fm !== tm) return `${fd} ${MONTHS_GENITIVE[fm - 1]} – ${formatDateRuLong(to)}`;
  return `${fd}–${formatDateRuLong(to)}`;
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(iso: string): number {
  const d = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/**
 * ISO 8601 week of a date.
 * @example isoWeek('2026-01-01') // '2026-W01'
 * @example isoWeek('2027-01-01') // '2026-W53'
 */
export function isoWeek(iso: string): string {
  const thursday = addDaysIso(iso, 4 - isoWeekday(iso));
  const year = Number(thursday.slice(0, 4));
  const dayOfYear = Math.round((Date.parse(`${thursday}T00:00:00Z`) - Date.UTC(year, 0, 1)) / 86_400_000) + 1;
  return `${year}-W${String(Math.ceil(dayOfYear / 7)).padStart(2, '0')}`;
}

/** Russian plural: plural(3, 'срок', 'срока', 'сроков') → 'срока'. */
export function plural(n: number, one: string, few: string, many: string): string {
  const m10 = n % 10;
  const m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return one;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
  return many;
}

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** «сегодня», «завтра», «через 3 дня». */
export function relative(today: string, date: string): string {
  const n = daysBetween(today, date);
  if (n === 0) return 'сегодня';
  if (n === 1) return 'завтра';
  return `через ${n} ${plural(n, 'день', 'дня', 'дней')}`;
}

function horizon(days: number): string {
  if (days === 0) return 'сегодня';
  if (days === 1) return 'сегодня и завтра';
  return `в ближайшие ${days} ${plural(days, 'день', 'дня', 'дней')}`;
}

/** «Петров Андрей Викторович» → «Андрей Викторович»; anything else as it is. */
function addressOf(fullName: string): string {
  const parts = fullName.trim().split(/\s+/);
  return parts.length === 3 ? `${parts[1]} ${parts[2]}` : fullName.trim();
}

/** «№ 1.2 Наименование…» */
export function measureLine(m: Pick<MeasureRef, 'number' | 'title'>): string {
  return m.number.trim() ? `№ ${m.number.trim()} ${m.title.trim()}` : m.title.trim();
}

/** Cut at a word boundary, with «…». */
function shorten(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:—–-]+$/, '')}…`;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const measureUrl = (input: ReminderInput, id: number) => `${input.publicUrl}/measures/${id}`;
const planUrl = (input: ReminderInput, id: number) => `${input.publicUrl}/plans/${id}`;

const FOOTER_TEXT = 'Письмо отправлено автоматически системой «Исполнение», отвечать на него не нужно.';
const SETTINGS_TEXT = 'Отключить напоминания или изменить, за сколько дней они приходят, можно в настройках профиля.';

/** Plain text and HTML built from the same blocks, so that both always say the same. */
type Block =
  | { p: string }
  | { items: { head: string; measure: MeasureRef; url: string; note?: string }[] }
  | { plans: { title: string; url: string; lines: string[] }[] };

function render(greeting: string, blocks: Block[], settingsHint: boolean): { text: string; html: string } {
  const text: string[] = [`Здравствуйте, ${greeting}!`, ''];
  const html: string[] = [`<p>Здравствуйте, ${escapeHtml(greeting)}!</p>`];
  for (const b of blocks) {
    if ('p' in b) {
      text.push(b.p, '');
      html.push(`<p>${escapeHtml(b.p)}</p>`);
    } else if ('items' in b) {
      html.push('<ol>');
      b.items.forEach((it, i) => {
        text.push(`${i + 1}. ${it.head}`, `   ${measureLine(it.measure)}`, `   ${it.measure.planTitle}`);
        if (it.note) text.push(`   ${it.note}`);
        text.push(`   ${it.url}`, '');
        html.push(
          `<li style="margin-bottom:12px"><b>${escapeHtml(it.head)}</b><br><a href="${escapeHtml(it.url)}">${escapeHtml(measureLine(it.measure))}</a>` +
            `<br><span style="color:#555">${escapeHtml(it.measure.planTitle)}</span>${it.note ? `<br>${escapeHtml(it.note)}` : ''}</li>`,
        );
      });
      html.push('</ol>');
    } else {
      for (const p of b.plans) {
        text.push(p.title, ...p.lines.map((l) => `   ${l}`), `   ${p.url}`, '');
        html.push(
          `<p><a href="${escapeHtml(p.url)}"><b>${escapeHtml(p.title)}</b></a></p><ul>${p.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`,
        );
      }
    }
  }
  text.push('—', FOOTER_TEXT);
  if (settingsHint) text.push(SETTINGS_TEXT);
  html.push(
    `<hr><p style="color:#777;font-size:12px">${escapeHtml(FOOTER_TEXT)}${settingsHint ? `<br>${escapeHtml(SETTINGS_TEXT)}` : ''}</p>`,
  );
  return {
    text: `${text.join('\n')}\n`,
    html: `<!doctype html><html lang="ru"><head><meta charset="utf-8"></head><body style="font-family:Arial,sans-serif;font-size:14px;color:#1a1a1a">\n${html.join('\n')}\n</body></html>\n`,
  };
}

function composeUpcoming(
  input: ReminderInput,
  u: ReminderUser,
  key: string,
  items: Item[],
  days: number,
): PlannedNotice {
  const n = items.length;
  const subject = `Напоминание: ${n} ${plural(n, 'срок', 'срока', 'сроков')} ${horizon(days)}`;
  const body = render(
    addressOf(u.fullName),
    [
      {
        p: `${capitalise(horizon(days))} наступают сроки по мероприятиям, в исполнении которых участвует ${u.organisationName}:`,
      },
      {
        items: items.map((it) => ({
          head: `${formatDateRuLong(it.date)} (${relative(input.today, it.date)}) — ${it.what}`,
          measure: it.measure,
          url: measureUrl(input, it.measure.id),
        })),
      },
      {
        p: 'Представьте информацию об исполнении до наступления срока. Если срок не может быть соблюдён, запросите его перенос на странице мероприятия.',
      },
    ],
    true,
  );
  return {
    kind: 'upcoming',
    userId: u.id,
    to: u.email!.trim(),
    key,
    itemKeys: items.map((i) => i.key),
    subject,
    ...body,
  };
}

function composeMissed(input: ReminderInput, u: ReminderUser, key: string, items: Item[], date: string): PlannedNotice {
  const n = items.length;
  const subject =
    n === 1
      ? `Пропущен срок ${formatDateRuLong(date)}: ${shorten(measureLine(items[0].measure), 70)}`
      : `Пропущены сроки ${formatDateRuLong(date)}: ${n} ${plural(n, 'пункт', 'пункта', 'пунктов')}`;
  const body = render(
    addressOf(u.fullName),
    [
      {
        p: `Вчера, ${formatDateRuLong(date)}, истёк срок по мероприятиям, в исполнении которых участвует ${u.organisationName}:`,
      },
      {
        items: items.map((it) => ({ head: it.missedWhat, measure: it.measure, url: measureUrl(input, it.measure.id) })),
      },
      {
        p: 'Если работа выполнена, представьте информацию об исполнении. Если нужен новый срок, запросите перенос срока на странице мероприятия.',
      },
    ],
    true,
  );
  return {
    kind: 'missed',
    userId: u.id,
    to: u.email!.trim(),
    key,
    itemKeys: items.map((i) => i.key),
    subject,
    ...body,
  };
}

function composeWeekly(input: ReminderInput, u: ReminderUser, key: string, plans: PlanWeekRow[]): PlannedNotice {
  const range = formatRangeRu(input.today, addDaysIso(input.today, 6));
  const sum = (f: (p: PlanWeekRow) => number) => plans.reduce((s, p) => s + f(p), 0);
  const overdue = sum((p) => p.overdue);
  const review = sum((p) => p.awaitingReview);
  const subject = `Сводка на неделю ${range}: просрочено ${overdue}, на проверке ${review}`;
  const body = render(
    addressOf(u.fullName),
    [
      { p: `Сводка по планам ${u.organisationName} на неделю ${range}:` },
      {
        plans: plans.map((p) => ({
          title: p.planTitle,
          url: planUrl(input, p.planId),
          lines: [
            `просрочено мероприятий: ${p.overdue}`,
            `срок на этой неделе: ${p.dueThisWeek}`,
            `отчётов ждут проверки: ${p.awaitingReview}`,
          ],
        })),
      },
    ],
    true,
  );
  return { kind: 'weekly', userId: u.id, to: u.email!.trim(), key, itemKeys: [], subject, ...body };
}

function composeReturned(input: ReminderInput, u: ReminderUser, key: string, r: ReturnedReportRow): PlannedNotice {
  const subject = `Отчёт возвращён на доработку: ${shorten(measureLine(r.measure), 70)}`;
  const comment = r.comment?.trim();
  const body = render(
    addressOf(u.fullName),
    [
      { p: `Отчёт ${r.organisationName} за ${r.periodLabel} возвращён на доработку.` },
      {
        items: [
          {
            head: `Отчёт за ${r.periodLabel}`,
            measure: r.measure,
            url: measureUrl(input, r.measure.id),
            note: comment ? `Комментарий: «${comment}»` : undefined,
          },
        ],
      },
      { p: 'Внесите исправления и отправьте отчёт повторно.' },
    ],
    false,
  );
  return { kind: 'returned', userId: u.id, to: u.email!.trim(), key, itemKeys: [], subject, ...body };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
