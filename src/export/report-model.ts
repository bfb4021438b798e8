/**
 * The consolidated report on execution («Информация об исполнении …») as the export
 * writers see it, and the table layout the three formats (DOCX, XLSX, PDF) share.
 *
 * Two official table forms, as executors assemble them by hand today:
 *
 * - `plan`: «№ п/п | Наименование мероприятия | Ответственный | Сроки исполнения |
 *   Информация об исполнении | Статус», a row of column numbers 1…6 under the header,
 *   sections («1. Стратегия развития социальной сферы») as rows spanning the table;
 * - `council`: «№ п/п | Пункт протокола | Содержание поручения | Ответственные |
 *   Информация об исполнении», protocols («Протокол заседания … от 30 июня 2021 года»)
 *   as rows spanning the table. The form has no status column: the status opens the
 *   execution text («Выполнено.\n…»), as in the printed reports.
 *
 * Everything here is pure: the writers receive a `ReportModel` built elsewhere (from
 * the database or an import) and never read the clock.
 */
import { russianLongDate } from '../domain/calendar/index.js';

/** Which official form to lay the report out in. */
export type ReportForm = 'plan' | 'council';

/** Execution status of one measure or instruction for the period. */
export type ReportStatus = 'done' | 'partial' | 'not_done' | 'not_due';

/** One measure (plan form) or instruction (council form). */
export interface ReportRow {
  /** As printed in «№ п/п»: «1.1», «2», «12.1–12.8». Must not be empty (an unnumbered row reads as the rest of the row above). */
  number: string;
  /** Name of the measure, or the content of the instruction. */
  title: string;
  /** Executors as one text: «Минсоц, Минздрав», «Члены Координационного совета». */
  responsible: string;
  /** Deadline text as written in the plan («постоянно, доклад ежегодно до 1 октября»). */
  deadline: string;
  /** Execution text; paragraphs separated by '\n' («Минсоц: …\nМинобр: …»). */
  execution: string;
  status: ReportStatus | null;
  /** Council form: ISO date of the protocol the instruction comes from. */
  protocolDate?: string;
  /** Council form: the protocol item («пункт 5 вопроса № 2»). */
  protocolItem?: string;
  /** The report's figures («Число участников» → 640), printed after the execution text. */
  figures?: ReportFigure[];
}

/** One figure of a report: a name and a number (or a text such as «около 300»). */
export interface ReportFigure {
  name: string;
  value: string | number;
}

/** A section of a plan, or a protocol of a council (number: ISO date of the meeting). */
export interface ReportSection {
  /** Plan: «1», «II». Council: the protocol date, ISO («2021-06-30»). */
  number: string;
  /** Plan: «Стратегия развития социальной сферы». Council: «Протокол заседания … от 30 июня 2021 года». */
  title: string;
  rows: ReportRow[];
}

/** Input of every export writer. */
export interface ReportModel {
  form: ReportForm;
  /** «Информация об исполнении плана мероприятий … за I квартал 2025 г.» */
  title: string;
  /** A second title line («(по состоянию на 1 апреля 2025 г.)»). */
  subtitle?: string;
  /** «I квартал 2025 г.»: printed in the running footer. */
  periodLabel?: string;
  /** ISO date (or date-time) the report was generated on: printed in the footer. */
  generatedOn: string;
  sections: ReportSection[];
  /** Rows that belong to no section; printed before the first section. */
  rowsWithoutSection: ReportRow[];
  /** The signature under the table: who signs (position, name) and the date. */
  signOff?: SignOff;
  /** «Исполнитель»: who prepared the report, with a phone, in small print at the end. */
  preparedBy?: { name: string; phone?: string };
  /** The plan's target indicators in the document's layout, fact columns added; absent when it has none. */
  indicators?: IndicatorTable;
}

/** «Целевые показатели»: header labels and rows of text, as printed. */
export interface IndicatorTable {
  title: string;
  headers: string[];
  rows: string[][];
}

const NUM_RU = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 3, useGrouping: false });

/**
 * The indicator table of an export: №, name, unit, base (its period in the header when all
 * share one), then per year the plan and the fact (the year's figure; a quarter's stands in,
 * marked «на …», while the year is not reported whole).
 * @example indicatorTable([{ number: '1', name: 'Доля …', unit: '%', baseValue: 100, basePeriod: '2019-2021',
 *   targets: [{ year: 2022, quarter: 0, value: 44.7, valueText: '' }], years: [] }], [2022]).headers
 * // ['№ п/п', 'Наименование показателя', 'Единица измерения', 'Базовое значение (2019-2021)', '2022 г. (план)', '2022 г. (факт)']
 */
export function indicatorTable(
  items: {
    number: string;
    name: string;
    unit: string;
    baseValue: number | null;
    basePeriod: string;
    targets: { year: number; quarter: number; value: number | null; valueText: string }[];
    years: { year: number; fact: number | null; partialQuarter: number | null }[];
  }[],
  years: number[],
): IndicatorTable {
  const periods = [...new Set(items.map((i) => i.basePeriod).filter(Boolean))];
  const num = (v: number | null | undefined) => (v == null ? '' : NUM_RU.format(v));
  return {
    title: 'Целевые показатели',
    headers: [
      '№ п/п',
      'Наименование показателя',
      'Единица измерения',
      periods.length === 1 ? `Базовое значение (${periods[0]})` : 'Базовое значение',
      ...years.flatMap((y) => [`${y} г. (план)`, `${y} г. (факт)`]),
    ],
    rows: items.map((i) => [
      i.number,
      i.name,
      i.unit,
      num(i.baseValue) + (periods.length > 1 && i.basePeriod ? ` (${i.basePeriod})` : ''),
      ...years.flatMap((y) => {
        const t = i.targets.find((x) => x.year === y && x.quarter === 0);
        const f = i.years.find((x) => x.year === y);
        const fact =
          f?.fact == null
            ? ''
            : num(f.fact) + (f.partialQuarter ? ` (на ${['', 'I', 'II', 'III', 'IV'][f.partialQuarter]} кв.)` : '');
        return [t ? (t.value != null ? num(t.value) : t.valueText) : '', fact];
      }),
    ]),
  };
}

/** The signature block. Empty position or name prints a line to fill in by hand. */
export interface SignOff {
  position: string;
  name: string;
  /** ISO date, printed «3 декабря 2026 г.». */
  date: string;
}

/** What an execution cell says when nobody has reported (officials write it so, not leave the cell empty). */
export const NO_INFORMATION = 'Информация не представлена';
const BLANK_LINE = '____________________';

/** The sign-off as lines: position (left) and name (right), then the date; `preparedBy` as the last line. */
export function signOffLines(
  model: Pick<ReportModel, 'signOff' | 'preparedBy'>,
): { position: string; name: string; date: string; prepared: string | null } | null {
  if (!model.signOff && !model.preparedBy) return null;
  const so = model.signOff;
  const prepared = model.preparedBy?.name.trim()
    ? `Исполнитель: ${oneLine(model.preparedBy.name)}${model.preparedBy.phone?.trim() ? `, тел. ${oneLine(model.preparedBy.phone)}` : ''}`
    : null;
  return {
    position: so ? oneLine(so.position) || BLANK_LINE : '',
    name: so ? oneLine(so.name) || BLANK_LINE : '',
    date: so ? formatRussianDate(so.date) : '',
    prepared,
  };
}

/**
 * The figures as one paragraph: «Показатели: Число выставок — 4; Участников — 1 250».
 * @example figuresText([{ name: 'Число выставок', value: 4 }]) // 'Показатели: Число выставок — 4'
 */
export function figuresText(figures: ReportFigure[] | undefined): string {
  const list = (figures ?? []).filter((f) => oneLine(f.name));
  if (!list.length) return '';
  const value = (v: string | number) =>
    typeof v === 'number' ? v.toLocaleString('ru-RU').replace(/\u00a0/g, ' ') : oneLine(v);
  return `Показатели: ${list.map((f) => `${oneLine(f.name)} — ${value(f.value)}`).join('; ')}`;
}

/** Russian status labels, as in the «Статус» column of the official form. */
export const STATUS_LABELS: Record<ReportStatus, string> = {
  done: 'Выполнено',
  partial: 'Частично выполнено',
  not_done: 'Не выполнено',
  not_due: 'Х',
};

/** Fill colours (RGB hex, no '#') for status cells: green, amber, red, grey. */
export const STATUS_COLOURS: Record<ReportStatus, string> = {
  done: 'C6EFCE',
  partial: 'FFEB9C',
  not_done: 'FFC7CE',
  not_due: 'EDEDED',
};

/** One column of a form: its header and its share of the table width. */
export interface ReportColumn {
  key: 'number' | 'protocolItem' | 'title' | 'responsible' | 'deadline' | 'execution' | 'status';
  header: string;
  /** Relative width; the writers scale these to the page. */
  weight: number;
}

const PLAN_COLUMNS: ReportColumn[] = [
  { key: 'number', header: '№ п/п', weight: 5 },
  { key: 'title', header: 'Наименование мероприятия', weight: 23 },
  { key: 'responsible', header: 'Ответственный', weight: 16 },
  { key: 'deadline', header: 'Сроки исполнения', weight: 12 },
  { key: 'execution', header: 'Информация об исполнении', weight: 33 },
  { key: 'status', header: 'Статус', weight: 11 },
];

const COUNCIL_COLUMNS: ReportColumn[] = [
  { key: 'number', header: '№ п/п', weight: 6 },
  { key: 'protocolItem', header: 'Пункт протокола', weight: 11 },
  { key: 'title', header: 'Содержание поручения', weight: 30 },
  { key: 'responsible', header: 'Ответственные', weight: 17 },
  { key: 'execution', header: 'Информация об исполнении', weight: 36 },
];

/**
 * Columns of a form, in order.
 * @example reportColumns('plan').map((c) => c.header)[5] // 'Статус'
 */
export function reportColumns(form: ReportForm): ReportColumn[] {
  return form === 'council' ? COUNCIL_COLUMNS : PLAN_COLUMNS;
}

/** One line of the laid-out table body: a spanning section/protocol row or an item row. */
export type LayoutRow =
  | { kind: 'section'; text: string }
  | {
      kind: 'item';
      status: ReportStatus | null;
      /** Cell texts by column; paragraphs separated by '\n'. */ cells: string[];
    };

/** The table every writer renders: header labels, then body rows in order. */
export interface ReportLayout {
  columns: ReportColumn[];
  rows: LayoutRow[];
}

/**
 * An ISO date (or date-time; the date part is used as written, no time zone shift)
 * in Russian long form; the input itself when it is not an ISO date.
 * @example formatRussianDate('2025-04-12') // '12 апреля 2025 г.'
 */
export function formatRussianDate(iso: string): string {
  return russianLongDate(iso) ?? iso;
}

/**
 * Removes what XML 1.0 cannot carry (control characters pasted from other programs,
 * unpaired surrogates, U+FFFE/U+FFFF) — one of them would make Word and Excel refuse
 * the whole file — and turns tabs, vertical tabs and form feeds into spaces/line breaks.
 * @example cleanText('Минсоц\u0007: выполнено') // 'Минсоц: выполнено'
 */
export function cleanText(text: string | null | undefined): string {
  return (text ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u000b\u000c\u2028\u2029]/g, '\n')
    .replace(/\t/g, ' ')
    .replace(
      /[\u0000-\u0008\u000e-\u001f\u007f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      '',
    );
}

/** Paragraphs of a cell text: cleaned (see cleanText), lines trimmed, blank lines dropped. */
export function splitParagraphs(text: string | null | undefined): string[] {
  return cleanText(text)
    .split('\n')
    .map((l) => l.replace(/[ \u00a0]+/g, ' ').trim())
    .filter((l) => l.length > 0);
}

/** One-line text: paragraphs joined with a space. */
const oneLine = (text: string | null | undefined) => splitParagraphs(text).join(' ');

const STATUS_OPENING =
  /^(частично\s+выполнен[аоы]?|выполнен[аоы]?\s+частично|не\s+выполнен[аоы]?|выполнен[аоы]?|[хx])(?=$|[\s.,;:!])/iu;

/**
 * Execution text of the council form: the status opens it as its own paragraph
 * («Выполнено.», «Частично выполнено.», «Не выполнено.», «Х»), unless the text
 * already starts with a status word.
 * @example councilExecutionText('Вопрос включен в повестку', 'done') // 'Выполнено.\nВопрос включен в повестку'
 */
export function councilExecutionText(execution: string, status: ReportStatus | null): string {
  const paragraphs = splitParagraphs(execution);
  if (!status || (paragraphs.length && STATUS_OPENING.test(paragraphs[0]))) return paragraphs.join('\n');
  const opening = status === 'not_due' ? STATUS_LABELS.not_due : `${STATUS_LABELS[status]}.`;
  return [opening, ...paragraphs].join('\n');
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * Content of the council form's «Содержание поручения» cell: the instruction, and
 * its deadline as a paragraph of its own when the instruction does not already state
 * it (the form has no deadline column; reports write «(в срок до 1 мая 2022 года)»
 * into the text).
 */
export function councilTitleText(row: ReportRow): string {
  const title = splitParagraphs(row.title).join('\n');
  const deadline = oneLine(row.deadline);
  if (!deadline || squash(title).includes(squash(deadline))) return title;
  return `${title}\nСрок исполнения: ${deadline}`;
}

const isoToNumeric = (iso: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
};

/** Text of a section/protocol row. Plan: «1. Стратегия …»; council: the protocol title as written. */
export function sectionHeading(form: ReportForm, section: Pick<ReportSection, 'number' | 'title'>): string {
  const title = oneLine(section.title);
  const number = oneLine(section.number);
  if (form === 'council' || !number) return title;
  if (title.startsWith(`${number}.`) || title.startsWith(`${number} `)) return title;
  return `${number}. ${title}`;
}

/** The execution text with the figures after it; «Информация не представлена» when both are empty. */
function executionCell(text: string, figures: ReportFigure[] | undefined): string {
  const parts = [splitParagraphs(text).join('\n'), figuresText(figures)].filter(Boolean);
  return parts.length ? parts.join('\n') : NO_INFORMATION;
}

function itemCells(form: ReportForm, row: ReportRow, protocolDateShown: boolean): string[] {
  const para = (s: string | null | undefined) => splitParagraphs(s).join('\n');
  if (form === 'council') {
    let item = para(row.protocolItem ?? '');
    // Outside a protocol row nothing else tells which meeting the instruction comes from.
    if (row.protocolDate && !protocolDateShown)
      item = [item, `(протокол от ${isoToNumeric(row.protocolDate)})`].filter(Boolean).join('\n');
    const execution = [councilExecutionText(row.execution, row.status), figuresText(row.figures)]
      .filter(Boolean)
      .join('\n');
    return [oneLine(row.number), item, councilTitleText(row), para(row.responsible), execution || NO_INFORMATION];
  }
  return [
    oneLine(row.number),
    para(row.title),
    para(row.responsible),
    para(row.deadline),
    executionCell(row.execution, row.figures),
    row.status ? STATUS_LABELS[row.status] : '',
  ];
}

/**
 * Lays a model out as the rows of its official form: rows without a section first
 * (so that no section heading claims them when the document is read back), then each
 * section heading followed by its rows.
 * @example layoutReport(model).rows[0] // { kind: 'section', text: '1. Стратегия развития социальной сферы' }
 */
export function layoutReport(model: ReportModel): ReportLayout {
  const rows: LayoutRow[] = [];
  const push = (row: ReportRow, sectionDate: string | null) =>
    rows.push({
      kind: 'item',
      status: row.status,
      cells: itemCells(model.form, row, sectionDate !== null && row.protocolDate === sectionDate),
    });
  for (const row of model.rowsWithoutSection) push(row, null);
  for (const section of model.sections) {
    rows.push({ kind: 'section', text: sectionHeading(model.form, section) });
    const date = model.form === 'council' && /^\d{4}-\d{2}-\d{2}$/.test(section.number) ? section.number : null;
    for (const row of section.rows) push(row, date);
  }
  return { columns: reportColumns(model.form), rows };
}

/** Footer line: «I квартал 2025 г. · сформировано 12 апреля 2025 г.» (page numbers are added by each writer). */
export function footerText(model: ReportModel): string {
  return [oneLine(model.periodLabel), `сформировано ${formatRussianDate(model.generatedOn)}`]
    .filter(Boolean)
    .join(' · ');
}

/** Supported export formats. */
export type ReportFormat = 'docx' | 'xlsx' | 'pdf';

/** MIME type and file extension of each format, for HTTP responses and file names. */
export const REPORT_FORMATS: Record<ReportFormat, { mime: string; extension: string }> = {
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
  pdf: { mime: 'application/pdf', extension: 'pdf' },
};
