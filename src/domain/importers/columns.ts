/**
 * Recognising table columns by their header, in any order, with extra columns.
 *
 * Headers in plans, roadmaps and reports vary in wording («Срок исполнения», «Сроки
 * реализации», «Дата проведения/ периодичность»…) but name a handful of roles. A
 * header row is a row most of whose cells name a role; a header may take two rows
 * (a group label over year columns), and a row of column numbers (1 2 3 4…) often
 * follows it.
 */
import { parseItemNumber } from './numbering.js';
import { isStatusOnly } from './status.js';
import { foldCase, normalizeSpace } from './text-utils.js';

export type ColumnRole =
  | 'number'
  | 'title'
  | 'executors'
  | 'deadline'
  | 'expectedResult'
  | 'form'
  | 'execution'
  | 'status'
  | 'protocolItem'
  | 'note'
  | 'unit'
  | 'value'
  | 'other';

export interface Column {
  index: number;
  role: ColumnRole;
  /** Header text, whitespace-normalised. */
  label: string;
  /** For value columns: the label used in `indicator.values` («2022», «2019-2021»). */
  valueLabel?: string;
}

const YEAR_RANGE = /(?<!\d)((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})(?!\d)/;
const YEAR = /(?<!\d)((?:19|20)\d{2})(?!\d)/;

/**
 * Label of a value column for `indicator.values`: the year or range of years in the
 * header («2019-2021 гг. (отчёт)» -> «2019-2021», «2022 г.» -> «2022»), otherwise the
 * header itself.
 */
export function valueLabel(header: string): string {
  const h = normalizeSpace(header);
  const r = YEAR_RANGE.exec(h);
  if (r) return `${r[1]}-${r[2]}`;
  const y = YEAR.exec(h);
  if (y) return y[1];
  return h;
}

/**
 * The role a header cell names, or null when it names none.
 * @example classifyHeader('Дата проведения/ периодичность') // 'deadline'
 * @example classifyHeader('Исполнитель (соисполнители)') // 'executors'
 * @example classifyHeader('2023 г.') // 'value'
 */
export function classifyHeader(label: string): ColumnRole | null {
  const h = foldCase(normalizeSpace(label)).replace(/\s*\/\s*/g, '/');
  if (!h) return null;
  if (h.length > 120) return null;
  if (/пункт\S*\s+(протокол|решени|поручени)|^пункт$|№\s*(пункта|поручения)|номер\s+(пункта|поручения)/.test(h))
    return 'protocolItem';
  // A state programme's columns that say why a measure matters, not what it is.
  if (/^последстви|^связь|^взаимосвяз|^влияние|^риск/.test(h)) return 'other';
  if (/^(номер|№) и наименовани/.test(h)) return 'title';
  if (/^(№|n|no|#)(\s|\.|$)|^№|п\/п|^пп$|^номер(\s|$)/.test(h)) return 'number';
  if (
    /^выполнено(?![а-я])|не выполнено|^статус|^отметка о выполнении$|^оценка (выполнения|исполнения)$|^степень (выполнения|исполнения)$/.test(
      h,
    )
  )
    return 'status';
  if (
    /срок|^дата|дата (проведения|исполнения|выполнения|реализации)|периодичн|^период (исполнения|реализации|проведения)|^время/.test(
      h,
    )
  )
    return 'deadline';
  if (/исполнител|ответственн|соисполн|^участник|^кто /.test(h)) return 'executors';
  if (/ожидаем|планируем/.test(h)) return 'expectedResult';
  if (/значени/.test(h) && !/наименовани/.test(h)) return 'value';
  if (
    /информаци\S* (об?|о ходе) (исполнени|выполнени|реализаци)|^исполнение|^выполнение|ход (исполнени|выполнени|реализаци)|отметка об? (исполнени|выполнени)|результат\S* (исполнени|выполнени|реализаци)|фактическ|^отчет|^информация$|^достигнут/.test(
      h,
    )
  )
    return 'execution';
  if (/ожидаем|результат|показател\S* результат|^итог/.test(h)) return 'expectedResult';
  if (
    /^форм[аы]|вид (документа|результата|отчетн)|^документ|форма (реализации|завершения|контроля|отчетности|представления)/.test(
      h,
    )
  )
    return 'form';
  if (/примечани|комментари|^особые отметки/.test(h)) return 'note';
  if (/единиц\S* измерени|^ед\.?\s*изм/.test(h)) return 'unit';
  if (YEAR.test(h) && h.length <= 40) return 'value';
  if (/^план$|^факт$|^плановое$|^фактическое$/.test(h)) return 'value';
  if (
    /мероприяти|наименовани|содержани|поручени|^решени[ея]$|^задач|^действи|^меры|направлени|показател|индикатор|^название|^тема|вопрос/.test(
      h,
    )
  )
    return 'title';
  if (/финансир|источник|объем|бюджет|стоимост/.test(h)) return 'other';
  return null;
}

/** Whether a row is a row of column numbers (1 2 3 4 …) under a header. */
export function isColumnNumbersRow(cells: string[]): boolean {
  const filled = cells.map((c) => normalizeSpace(c)).filter(Boolean);
  if (filled.length < 2) return false;
  let expected = Number(filled[0]);
  if (!Number.isInteger(expected) || expected < 1 || expected > 2) return false;
  for (const c of filled) {
    if (c !== String(expected) && c !== `${expected}.`) return false;
    expected++;
  }
  return true;
}

/**
 * Whether a row reads as a header: at least two cells name a role, most filled cells
 * do, and none is a long text or an item number.
 */
export function isHeaderRow(cells: string[]): boolean {
  const filled = cells.map(normalizeSpace).filter(Boolean);
  if (filled.length < 2) return false;
  if (filled.some((c) => c.length > 150)) return false;
  if (parseItemNumber(filled[0]) && filled[0] !== '№') return false;
  const roles = filled.map(classifyHeader);
  const named = roles.filter((r) => r && r !== 'other');
  const core = roles.filter(
    (r) =>
      r === 'title' ||
      r === 'executors' ||
      r === 'deadline' ||
      r === 'execution' ||
      r === 'number' ||
      r === 'protocolItem',
  );
  return named.length >= 2 && core.length >= 1 && roles.filter(Boolean).length >= Math.ceil(filled.length * 0.6);
}

/** Columns of a table from its header row(s); header cells are grid-aligned. */
export function mapColumns(headerRows: string[][], bodyRows: string[][]): Column[] {
  const width = Math.max(...headerRows.map((r) => r.length), ...bodyRows.slice(0, 20).map((r) => r.length));
  // A group label merged over several columns («2022» over «план | факт») stands in the
  // first of them only: carry it right over the columns the row below splits it into.
  const rows = headerRows.map((r) => Array.from({ length: width }, (_, c) => normalizeSpace(r[c] ?? '')));
  for (let k = 0; k < rows.length - 1; k++) {
    for (let c = 1; c < width; c++) {
      if (!rows[k][c] && rows[k][c - 1] && rows[k + 1][c] && rows[k + 1][c - 1]) rows[k][c] = rows[k][c - 1];
    }
  }
  const columns: Column[] = [];
  for (let c = 0; c < width; c++) {
    // Two-row headers: the lower cell is more specific («2022» under «Значение по годам»).
    const parts = rows.map((r) => r[c]).filter(Boolean);
    const label = parts.join(' ');
    let role: ColumnRole | null = null;
    for (let k = parts.length - 1; k >= 0 && !role; k--) role = classifyHeader(parts[k]);
    if (!role) role = classifyHeader(label);
    const col: Column = { index: c, role: role ?? 'other', label };
    if (col.role === 'value')
      col.valueLabel = valueLabel(YEAR.test(parts[parts.length - 1] ?? '') ? parts[parts.length - 1] : label);
    columns.push(col);
  }
  // Value labels must tell columns apart: «2022 план», «2022 факт».
  const values = columns.filter((c) => c.role === 'value');
  const clashing = values.filter((col) => values.filter((x) => x.valueLabel === col.valueLabel).length > 1);
  for (const col of clashing) {
    const extra = normalizeSpace(
      col.label
        .replace(/(?<!\d)(?:19|20)\d{2}(\s*[-–—]\s*(?:19|20)\d{2})?(\s*(годы|года|год|гг\.?|г\.?))?/g, ' ')
        .replace(/[()]/g, ' '),
    );
    if (extra) col.valueLabel = `${col.valueLabel} ${extra.toLowerCase()}`;
  }
  refineByContent(columns, bodyRows);
  return columns;
}

/**
 * Fixes roles the header left open, from what the column holds: an unlabelled first
 * column of item numbers is the number column; a column of status words is a status
 * column; with no title column, the column with the longest texts is the title.
 */
function refineByContent(columns: Column[], body: string[][]): void {
  const values = (c: number) => body.map((r) => normalizeSpace(r[c] ?? '')).filter(Boolean);
  const has = (role: ColumnRole) => columns.some((c) => c.role === role);
  if (!has('number')) {
    for (const col of columns) {
      if (col.role !== 'other' && col.label) continue;
      const v = values(col.index);
      if (v.length && v.filter((x) => parseItemNumber(x)).length >= 0.6 * v.length) {
        col.role = 'number';
        break;
      }
    }
  }
  for (const col of columns) {
    if (col.role !== 'execution' && col.role !== 'other' && col.role !== 'note') continue;
    const v = values(col.index);
    if (v.length >= 2 && v.filter(isStatusOnly).length >= 0.8 * v.length && !has('status')) col.role = 'status';
  }
  if (!has('title')) {
    let best: Column | null = null;
    let bestLen = 0;
    for (const col of columns) {
      if (col.role !== 'other') continue;
      const v = values(col.index);
      const avg = v.reduce((s, x) => s + x.length, 0) / Math.max(1, v.length);
      if (avg > bestLen) {
        best = col;
        bestLen = avg;
      }
    }
    if (best) best.role = 'title';
  }
  // Only the first column of a role counts, except values and notes; a second
  // executors column («Соисполнители») is joined to the first by the interpreter, and so
  // is the end of a deadline given as its start and end («начала | окончания реализации»).
  const seen = new Set<ColumnRole>();
  for (const col of columns) {
    if (col.role === 'value' || col.role === 'other' || col.role === 'note' || col.role === 'executors') continue;
    if (col.role === 'deadline' && isDeadlineEnd(columns, col)) continue;
    if (seen.has(col.role)) col.role = 'other';
    else seen.add(col.role);
  }
}

const START = /начал|^с$|\sс$/i;
const END = /окончан|заверш|^по$|\sпо$/i;

/** A deadline column that ends the span its left neighbour starts. */
function isDeadlineEnd(columns: Column[], col: Column): boolean {
  const before = columns[col.index - 1];
  return Boolean(before && before.role === 'deadline' && START.test(before.label) && END.test(col.label));
}

/**
 * The deadline of a row whose deadline is printed as its start and end: «2024 – 2030»
 * (one of them alone when the other is empty or the same).
 * @example joinDeadline(['2024', '2030']) // '2024 – 2030'
 */
export function joinDeadline(parts: string[]): string {
  const filled = parts.filter(Boolean);
  if (filled.length === 2 && filled[0] !== filled[1]) return `${filled[0]} – ${filled[1]}`;
  return filled[0] ?? '';
}
