/**
 * Web-page copy: a table copied from an official site arrives as paragraphs, every cell
 * its own paragraph (blank lines between), with the site's navigation around it. The
 * header is a run of short paragraphs naming columns; a row starts at its item number
 * (the next number in sequence, followed by text); a paragraph such as «II. Меры
 * поддержки» between rows is a section heading. An empty cell leaves no paragraph and a
 * cell of several paragraphs leaves several, so a row's paragraphs are fitted to the
 * columns by what each column usually holds (a deadline, organisations, a status, long
 * text), learnt from the rows that fit exactly.
 *
 * Pure: lines in, blocks out (or null when no table is found).
 */
import { chunkCells, columnCount, findCellHeader, headerRows, isHeadingCell, isRowNumber } from './cell-sequence.js';
import { classifyHeader, type ColumnRole } from './columns.js';
import { parseItemNumber } from './numbering.js';
import type { RawBlock } from './raw-document.js';
import { isStatusOnly } from './status.js';
import { normalizeSpace } from './text-utils.js';

/** Paragraphs: runs of non-blank lines (or single lines, when the text has no blank lines between cells). */
function toUnits(lines: string[], byBlock: boolean): string[] {
  if (!byBlock) return lines.filter((l) => l.trim()).map((l) => l.trim());
  const units: string[] = [];
  let cur: string[] = [];
  for (const l of lines) {
    if (l.trim()) cur.push(l.trim());
    else if (cur.length) {
      units.push(cur.join('\n'));
      cur = [];
    }
  }
  if (cur.length) units.push(cur.join('\n'));
  return units;
}

/**
 * Reads text whose table cells are paragraphs. Returns null when no header is found.
 * @example readParagraphCells(['№ п/п', '', 'Мероприятие', '', 'Срок', '', '1.', '', 'Семинар', '', 'май'])
 */
export function readParagraphCells(lines: string[]): RawBlock[] | null {
  for (const byBlock of [true, false]) {
    const units = toUnits(lines, byBlock);
    const blocks = unitsToBlocks(units, byBlock);
    if (blocks) return blocks;
  }
  return null;
}

const para = (text: string): RawBlock => ({ type: 'paragraph', text });

/** Units -> paragraphs and tables; null when no header is found. */
export function unitsToBlocks(units: string[], byBlock = false): RawBlock[] | null {
  const blocks: RawBlock[] = [];
  let from = 0;
  let found = false;
  // Navigation and title lines of a block are paragraphs of their own.
  const pushText = (u: string) => {
    for (const l of byBlock ? u.split('\n') : [u]) blocks.push(para(l));
  };
  while (from < units.length) {
    const header = findHeaderAnywhere(units, from);
    if (!header) break;
    found = true;
    for (const u of units.slice(from, header.start)) pushText(u);
    let width = columnCount(units, header);
    let head = headerRows(units.slice(header.start, header.labelsEnd), width);
    let roles = columnRoles(head);
    // Rows that open with a number under a header without a number column: the number's
    // column had no label (an empty header cell leaves no paragraph).
    if (
      !roles.includes('number') &&
      isRowNumber(units[header.bodyStart] ?? '') &&
      /\p{L}{3}/u.test(units[header.bodyStart + 1] ?? '')
    ) {
      width++;
      head = head.map((r) => ['', ...r]);
      roles = ['number', ...roles];
    }
    const numbers = header.numbered ? [Array.from({ length: header.numbered }, (_, k) => String(k + 1))] : [];
    const { rows, end } = readBody(units, header.bodyStart, width, roles);
    if (!rows.length) {
      for (const u of units.slice(header.start, end)) pushText(u);
      from = end;
      continue;
    }
    blocks.push({ type: 'table', rows: [...head, ...numbers, ...rows].map((r) => ({ cells: r })) });
    from = end;
  }
  if (!found) return null;
  for (const u of units.slice(from)) pushText(u);
  return blocks;
}

function findHeaderAnywhere(units: string[], from: number) {
  for (let s = from; s < units.length; s++) {
    const h = findCellHeader(units, s, 0);
    if (h) return h;
  }
  return null;
}

/** The role of each column from the (grid-aligned) header rows. */
function columnRoles(head: string[][]): ColumnRole[] {
  const width = head[0]?.length ?? 0;
  const roles: ColumnRole[] = [];
  for (let c = 0; c < width; c++) {
    let role: ColumnRole | null = null;
    for (let k = head.length - 1; k >= 0 && !role; k--) {
      let label = head[k][c];
      // A group label stands over the first of its columns only.
      for (let b = c; !label && b > 0 && k === 0; b--) label = head[k][b - 1];
      role = label ? classifyHeader(label) : null;
    }
    roles.push(role ?? 'other');
  }
  return roles;
}

// ------------------------------------------------------------------ rows

const NAV =
  /^(поделиться|ссылки по теме|материалы по теме|другие документы|похожие|контакты|версия для (печати|слабовидящих)|распечатать|назад|наверх|вернуться|скачать|©|все права|дата (публикации|изменения|размещения)|просмотров|теги|рубрик|опубликовано|источник:|подписаться|telegram|вконтакте|одноклассники|rutube|vk$)/i;
/** The signer's position opening a signature under the table. */
const POSITION =
  /^(министр|заместитель|первый заместитель|начальник|руководитель|директор|председатель|ответственный секретарь|секретарь|губернатор|глава|исп\.|исполнитель:)/i;
const SIGNATURE = /(^|\s)[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][А-ЯЁа-яё]+|[А-ЯЁ][а-яё]+\s[А-ЯЁ]\.\s?[А-ЯЁ]\.$/;
/** A note under the table («Примечание: …», «* …»). */
const NOTE = /^(примечани[ея]|\*)/i;

/** The row number a unit opens a row with, allowing «1. Текст» written in one paragraph. */
function leadingNumber(u: string): number[] | null {
  const n = parseItemNumber(u);
  return n && n.kind !== 'roman' ? n.levels : null;
}

function isSuccessor(prev: number[] | null, cur: number[]): boolean {
  if (!prev) return cur.every((v, i) => (i === 0 ? v <= 2 : v === 1)) || cur.length === 1;
  for (let depth = prev.length; depth >= 1; depth--) {
    const next = [...prev.slice(0, depth - 1), prev[depth - 1] + 1];
    if (cur.length >= next.length && next.every((v, i) => v === cur[i]) && cur.slice(next.length).every((v) => v === 1))
      return true;
  }
  return cur.length > prev.length && prev.every((v, i) => v === cur[i]) && cur.slice(prev.length).every((v) => v === 1);
}

/** Whether `cur` comes after `prev` in document order (1.2 < 1.10 < 2 < 4.2). */
function isLater(prev: number[] | null, cur: number[]): boolean {
  if (!prev) return true;
  for (let i = 0; i < Math.max(prev.length, cur.length); i++) {
    const a = prev[i] ?? -1;
    const b = cur[i] ?? -1;
    if (a !== b) return b > a;
  }
  return false;
}

const INLINE_NUMBER = /^(\d{1,3}(?:\.\d{1,3})*)\.?\s+([\p{Lu}«"][\s\S]*)$/u;

const wordy = (u: string | undefined) => Boolean(u && /\p{L}{2}/u.test(u) && !isRowNumber(u));

interface Row {
  cells: string[];
  heading: boolean;
  at?: number;
}

/** Cells a row's paragraphs make: the rest of a cell (see isContinuation) makes none. */
function filledCells(units: string[]): number {
  let n = 0;
  units.forEach((_, i) => {
    if (i < 2 || !isContinuation(units, i)) n++;
  });
  return n;
}

/** Reads rows from `start` until the table ends; `end` is the first unit after it. */
function readBody(
  units: string[],
  start: number,
  width: number,
  roles: ColumnRole[],
): { rows: string[][]; end: number } {
  const numberCol = roles.indexOf('number');
  if (numberCol !== 0) {
    // No number to start rows at: the column count alone decides.
    let end = start;
    while (end < units.length && !NAV.test(units[end])) end++;
    return { rows: chunkCells(units.slice(start, end), width, false).rows, end };
  }
  const rows: Row[] = [];
  let cur: Row | null = null;
  let lastNumber: number[] | null = null;
  let i = start;
  // The column after the number may hold a number too (a protocol's item «2.1»).
  const numberedSecond = roles[1] !== 'title' && roles[1] !== 'value';
  const startsRow = (k: number): boolean => {
    const u = units[k];
    if (!isRowNumber(u)) return false;
    const n = leadingNumber(u);
    if (!n) return false;
    // A row number is followed by the row's text (perhaps after another number: a protocol item).
    if (!wordy(units[k + 1]) && !(numberedSecond && (units[k + 1] ?? '').length <= 40 && wordy(units[k + 2])))
      return false;
    // After a complete row any later number starts the next (numbering in documents skips).
    if (!cur || cur.heading || cur.cells.length >= width)
      return isSuccessor(lastNumber, n) || !cur || isLater(lastNumber, n);
    return isSuccessor(lastNumber, n) && cur.cells.length >= 2;
  };
  // A row number further on (the table goes on after a paragraph that spills over).
  const rowAhead = (k: number) => {
    for (let j = k; j < Math.min(units.length, k + Math.max(8, 4 * width)); j++)
      if (startsRow(j) || isHeadingCell(units[j])) return true;
    return false;
  };
  // «1. Проведение семинаров» in one paragraph: a row whose number and title were not split,
  // unless rows follow it at once (then it is a section heading: «1. Нормативное обеспечение»).
  const inline = (k: number) => {
    const m = INLINE_NUMBER.exec(units[k] ?? '');
    return m && !/^[IVXLC]+$/.test(m[1]) ? m : null;
  };
  const opensSomething = (k: number) =>
    k < units.length && (startsRow(k) || Boolean(inline(k)) || isHeadingCell(units[k]));
  // Past the lines that go on in lower case (a heading or title wrapped over lines).
  const afterContinuation = (k: number) => {
    while (k < units.length && /^[а-яё(]/.test(units[k])) k++;
    return k;
  };
  for (; i < units.length; i++) {
    const u = units[i];
    // Another table's header: this one is over.
    if (rows.length + (cur ? 1 : 0) > 0 && findCellHeader(units, i, 0)) break;
    // A signature or a note after the last row (the signer's position first, the name a few lines on).
    if (
      cur &&
      !cur.heading &&
      cur.cells.length >= 2 &&
      !rowAhead(i + 1) &&
      (NOTE.test(u) || (POSITION.test(u) && units.slice(i, i + 5).some((x) => SIGNATURE.test(x))))
    )
      break;
    const m = inline(i);
    if (
      m &&
      (!cur || cur.heading || cur.cells.length >= 2) &&
      afterContinuation(i + 1) < units.length &&
      !opensSomething(afterContinuation(i + 1))
    ) {
      const n = parseItemNumber(m[1])!.levels;
      if (isSuccessor(lastNumber, n) || !lastNumber) {
        if (cur) rows.push(cur);
        cur = { cells: [m[1], m[2]], heading: false };
        lastNumber = n;
        continue;
      }
    }
    if (startsRow(i)) {
      if (cur) rows.push(cur);
      cur = { cells: [u], heading: false };
      lastNumber = leadingNumber(u);
      continue;
    }
    // Mid-row only a heading proper («II. …», «Раздел …», «Протокол …») ends the row.
    const midRow = cur && !cur.heading && filledCells(cur.cells) < width - 1;
    if (
      isHeadingCell(u) &&
      (!cur || cur.heading || cur.cells.length >= 2) &&
      (!midRow || /^([IVXLC]+\.|раздел|протокол|заседани)/i.test(u))
    ) {
      if (cur) rows.push(cur);
      cur = { cells: [u], heading: true, at: i };
      continue;
    }
    if (!cur) break; // text right after the header that no row explains
    if (cur.heading) {
      // A heading goes on over a second paragraph only before the rows under it.
      if (cur.cells.length === 1 && /^[а-яё]/.test(u) && rowAhead(i + 1)) {
        cur.cells[0] += ' ' + u;
        continue;
      }
      break;
    }
    // After a complete row with no row ahead, text may still be a cell going on over
    // paragraphs (a title in two) — but not the site's footer, a signature, or much of it.
    // (A name with initials is a signature only with no rows after it: executors are named so too.)
    if (
      cur.cells.length >= width &&
      (NAV.test(u) ||
        ((SIGNATURE.test(u) || POSITION.test(u) || filledCells(cur.cells) >= width + 1) && !rowAhead(i + 1)))
    )
      break;
    // A line between complete rows that reads as a heading (no closing stop) heads the rows
    // after it — unless the last column holds running text that may go on over paragraphs.
    if (
      filledCells(cur.cells) >= width &&
      startsRow(i + 1) &&
      /^[\p{Lu}«"]/u.test(u) &&
      !/[.;:,]$/.test(u) &&
      u.length <= 150 &&
      !['execution', 'note'].includes(roles[width - 1]) &&
      looksLikeHeading(u)
    ) {
      rows.push(cur);
      cur = { cells: [u], heading: true, at: i };
      continue;
    }
    if (NAV.test(u) && !rowAhead(i + 1)) break;
    cur.cells.push(u);
  }
  if (cur) rows.push(cur);
  // A heading with no rows under it heads what follows the table (the next part), not this table.
  while (rows.length && rows[rows.length - 1].heading && rows[rows.length - 1].at !== undefined) i = rows.pop()!.at!;
  // The last row is complete when its cells are; a cut file keeps what it has.
  const clean = rows.filter(
    (r) =>
      !r.heading &&
      r.cells.length === width &&
      !r.cells.some((_, k) => k > 1 && isContinuation(r.cells.slice(1), k - 1)),
  );
  const profile = learnProfile(clean, roles);
  return { rows: rows.map((r) => (r.heading ? r.cells : fitRow(r.cells, width, roles, profile))), end: i };
}

// ------------------------------------------------------------------ fitting paragraphs to columns

/** Text that fits no column's usual content (not a status, a deadline, organisations or a figure). */
function looksLikeHeading(u: string): boolean {
  const f = features(u);
  // «Астраханской области» opens with a word in an oblique case: the rest of a cell, not a heading.
  const oblique = /^\p{L}+(ой|ого|ей|его|их|ых|ому|ему)(\s|$)/u.test(u);
  return !f.status && !f.deadline && !f.org && !f.numeric && !oblique;
}

// (Word starts are marked with a look-behind: \b knows only Latin letters.)
const DEADLINE =
  /(ежегодн|ежекварт|ежемесяч|еженедел|постоянно|в течение|до \d|не позднее|не реже|по мере|квартал|полугоди|(?<!\d)(19|20)\d{2}(?!\d)|январ|феврал|(?<![а-яё])март|апрел|(?<![а-яё])ма[йя](?![а-яё])|(?<![а-яё])июн|(?<![а-яё])июл|август|сентябр|октябр|ноябр|декабр|раз в |(?<![а-яё])год)/i;
const ORGANISATION =
  /(министерств|комитет|департамент|управлени|администрац|учреждени|организаци|фонд|центр|(?<![а-яё])мин[а-яё]+|(?<![а-яё])(гау|гбу|гку|гбоу|ано|оо|нко|омсу|мфц|огбу|кгбу|кгау|мбу|мау)(?![а-яё])|совет|отделени|служб|агентств|инспекци|палат|главы|по согласованию|предприяти|ассоциаци|союз)/i;
/** An acronym («МФЦ», «КДН»): in capitals, so matched case-sensitively. */
const ACRONYM = /(?<![А-ЯЁа-яё])[А-ЯЁ]{2,}(?![а-яё])/;

interface Features {
  deadline: number;
  org: number;
  status: number;
  numeric: number;
  long: number;
  short: number;
}

function features(u: string): Features {
  const t = normalizeSpace(u);
  return {
    deadline: DEADLINE.test(t) && t.length <= 100 ? 1 : 0,
    org: ORGANISATION.test(t) || ACRONYM.test(t) ? 1 : 0,
    status: isStatusOnly(t) ? 1 : 0,
    numeric: /^[\d\s.,%–—-]+$/.test(t) ? 1 : 0,
    long: t.length > 90 ? 1 : 0,
    short: t.length < 25 ? 1 : 0,
  };
}

const KEYS: Array<keyof Features> = ['deadline', 'org', 'status', 'numeric', 'long', 'short'];

/** What each role usually holds, when no row fits exactly to learn it from. */
const PRIORS: Partial<Record<ColumnRole, Features>> = {
  title: { deadline: 0.1, org: 0.2, status: 0, numeric: 0, long: 0.6, short: 0.05 },
  deadline: { deadline: 0.95, org: 0, status: 0, numeric: 0.05, long: 0, short: 0.7 },
  executors: { deadline: 0.05, org: 0.9, status: 0, numeric: 0, long: 0.2, short: 0.3 },
  status: { deadline: 0, org: 0, status: 0.95, numeric: 0, long: 0, short: 1 },
  value: { deadline: 0.1, org: 0, status: 0, numeric: 0.8, long: 0, short: 1 },
  unit: { deadline: 0, org: 0, status: 0, numeric: 0, long: 0, short: 1 },
  execution: { deadline: 0.3, org: 0.4, status: 0.1, numeric: 0, long: 0.7, short: 0.05 },
};
const DEFAULT_PRIOR: Features = { deadline: 0.1, org: 0.2, status: 0, numeric: 0, long: 0.3, short: 0.3 };

type Profile = Features[];

function learnProfile(rows: Row[], roles: ColumnRole[]): Profile {
  return roles.map((role, c) => {
    const prior = PRIORS[role] ?? DEFAULT_PRIOR;
    const seen = rows.map((r) => r.cells[c]).filter((x): x is string => Boolean(x && x.trim()));
    if (seen.length < 2) return prior;
    const out = { ...prior };
    const seenFeatures = seen.map(features);
    for (const k of KEYS) {
      const freq = seenFeatures.reduce((s, f) => s + f[k], 0) / seen.length;
      // Rows that fit say more than the prior, the more of them there are.
      const w = Math.min(0.8, seen.length / 10);
      out[k] = w * freq + (1 - w) * prior[k];
    }
    return out;
  });
}

const EMPTY_COST: Partial<Record<ColumnRole, number>> = {
  title: 8,
  number: 8,
  deadline: 1.6,
  executors: 1.6,
  status: 1.2,
  execution: 1.1,
};
const MERGE_COST: Partial<Record<ColumnRole, number>> = {
  title: 0.6,
  execution: 0.2,
  expectedResult: 0.5,
  note: 0.5,
  form: 0.8,
  deadline: 2,
  executors: 1,
  status: 3,
  value: 3,
  unit: 3,
};

function fitCost(u: string, p: Features): number {
  const f = features(u);
  let cost = 0;
  for (const k of KEYS) cost += Math.abs(f[k] - p[k]);
  return cost;
}

/**
 * Fits a row's paragraphs to `width` columns: the number stays first, the rest are
 * split into contiguous groups (empty where a column has no paragraph) at the least cost.
 */
export function fitRow(cells: string[], width: number, roles: ColumnRole[], profile: Profile): string[] {
  if (cells.length === width || width < 2) return cells;
  const units = cells.slice(1);
  const cols = width - 1;
  const n = units.length;
  if (n > 80) return [cells[0], ...units.slice(0, cols - 1), units.slice(cols - 1).join('\n')];
  // A cut row (the file ends inside it) keeps its paragraphs in order, without inventing the rest.
  const INF = Number.POSITIVE_INFINITY;
  // best[c][j]: least cost of placing the first j paragraphs into the first c columns.
  const best = Array.from({ length: cols + 1 }, () => Array<number>(n + 1).fill(INF));
  const from = Array.from({ length: cols + 1 }, () => Array<number>(n + 1).fill(0));
  best[0][0] = 0;
  const unitCost = units.map((u) => roles.slice(1).map((_, c) => fitCost(u, profile[c + 1])));
  // The rest of a cell (see isContinuation) costs more opening a cell than joining the one before.
  const continues = units.map((_, k) => isContinuation(units, k));
  for (let c = 1; c <= cols; c++) {
    const role = roles[c];
    for (let j = 0; j <= n; j++) {
      for (let s = 0; s <= j; s++) {
        if (best[c - 1][s] === INF) continue;
        let cost: number;
        if (s === j) cost = EMPTY_COST[role] ?? 0.9;
        else {
          cost = (MERGE_COST[role] ?? 0.7) * (j - s - 1);
          for (let k = s; k < j; k++) cost += unitCost[k][c - 1];
          if (continues[s]) cost += 2;
          for (let k = s + 1; k < j; k++) if (continues[k]) cost -= (MERGE_COST[role] ?? 0.7) * 0.8;
        }
        const total = best[c - 1][s] + cost;
        if (total < best[c][j]) {
          best[c][j] = total;
          from[c][j] = s;
        }
      }
    }
  }
  const out: string[] = Array<string>(cols).fill('');
  let j = n;
  for (let c = cols; c >= 1; c--) {
    const s = from[c][j];
    out[c - 1] = units.slice(s, j).join('\n');
    j = s;
  }
  return [cells[0], ...out];
}

/**
 * Whether paragraph k is the rest of the cell before it: a quote the one before opened is
 * still open, or it goes on in lower case after one that ends no sentence — unless it reads
 * as a cell of its own (a deadline, a status, a figure, an organisation).
 */
function isContinuation(units: string[], k: number): boolean {
  if (k === 0) return false;
  const prev = units[k - 1];
  if ((prev.match(/«/g)?.length ?? 0) > (prev.match(/»/g)?.length ?? 0)) return true;
  const u = units[k];
  if (!/^[а-яё(]/.test(u) || /[.;:!?]$/.test(prev)) return false;
  const f = features(u);
  return (
    !f.deadline &&
    !f.status &&
    !f.numeric &&
    !/^(министерств|комитет|департамент|управлени|администрац|органы|учреждени|организаци)/.test(u)
  );
}

/**
 * Rows of a table whose cells are paragraphs, under a header a person pointed at
 * (`roles`, one per column): the body starts at `units[0]`, after a row of column numbers
 * if there is one; `end` is the first paragraph after the table.
 */
export function paragraphRows(units: string[], roles: ColumnRole[]): { rows: string[][]; start: number; end: number } {
  let start = 0;
  while (start < units.length && normalizeSpace(units[start]).replace(/\.$/, '') === String(start + 1)) start++;
  if (start < 2) start = 0;
  const { rows, end } = readBody(units, start, roles.length, roles);
  return { rows, start, end };
}
