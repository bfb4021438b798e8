/**
 * .docx bytes -> RawDocument: body paragraphs and tables in reading order.
 *
 * The archive is opened by zip-guard (limits checked before inflating); the main
 * document part is parsed with fast-xml-parser in `preserveOrder` mode, so text
 * above, between and below tables keeps its place.
 *
 * What is read, and how (WordprocessingML, ECMA-376 Part 1 §17):
 * - paragraphs: text of `w:t` runs; `w:tab`/`w:ptab` -> '\t'; `w:br`/`w:cr` -> '\n';
 *   `w:noBreakHyphen` -> '-'; hidden runs (`w:vanish`) are skipped;
 * - automatic numbering (`w:numPr`, directly or through the paragraph style) is
 *   rendered the way Word shows it («1.», «1.2.», «II.»): plans often number their
 *   «№ п/п» column that way, and without it every row would look unnumbered;
 * - containers are transparent: `w:hyperlink`, `w:fldSimple` (its displayed result),
 *   `w:smartTag`, `w:customXml`, `w:sdt` content controls, `w:ins`/`w:moveTo`;
 * - never read: field instructions (`w:instrText`), deleted text (`w:del`,
 *   `w:delText`, `w:moveFrom`, rows deleted with tracked changes), comments,
 *   footnote references, headers and footers;
 * - text boxes (`w:txbxContent`, DrawingML or VML) become paragraphs next to their
 *   anchor (an «УТВЕРЖДАЮ» block is sometimes drawn in one);
 * - tables: a cell's paragraphs are joined with '\n'; `w:gridSpan` is kept in
 *   `spans`; `w:gridBefore` becomes a leading empty cell so columns stay aligned;
 *   legacy `w:hMerge` is folded into the span; nested tables are flattened into
 *   the enclosing cell's text (one line per nested row, cells separated by a space).
 *
 * Vertical merges (`w:vMerge`): see `resolveVerticalMerges`.
 *
 * Elements are matched by their conventional prefixes (`w:`, `mc:`, `m:`), which is
 * what Word, LibreOffice and OnlyOffice-based editors write. Before parsing, markup
 * that carries no text is stripped (`slimWordXml`) and the part's size is capped
 * (`MAX_DOCUMENT_XML_CHARS`), which bounds the memory of one import.
 */
import { XMLParser } from 'fast-xml-parser';
import { DomainError } from '../errors.js';
import type { RawBlock, RawDocument, RawRow } from './raw-document.js';
import { assertWordShape } from './document-limits.js';
import { MAX_TABLE_ROWS, assertTableRows, corruptArchiveError, openZip, type SafeZip } from './zip-guard.js';

/** A fast-xml-parser `preserveOrder` node: `{ [tag]: children, ':@'?: attributes }` or `{ '#text': text }`. */
type XNode = Record<string, unknown>;

/** Deepest element nesting we follow (nested tables, content controls). Real documents stay far below. */
const MAX_DEPTH = 64;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: false,
});

const tagOf = (n: XNode): string => {
  for (const k in n) if (k !== ':@') return k;
  return '';
};
const kids = (n: XNode): XNode[] => {
  const v = n[tagOf(n)];
  return Array.isArray(v) ? (v as XNode[]) : [];
};
const attr = (n: XNode, name: string): string | undefined => {
  const a = n[':@'] as Record<string, unknown> | undefined;
  const v = a?.[name];
  return v === undefined ? undefined : String(v);
};
const child = (n: XNode, tag: string): XNode | undefined => kids(n).find((c) => tagOf(c) === tag);
const textOf = (n: XNode): string => {
  let s = '';
  for (const c of kids(n)) if ('#text' in c) s += String(c['#text']);
  return s;
};
/** OOXML on/off properties: present without w:val, or with val true/1/on. */
const isOn = (n: XNode | undefined): boolean => {
  if (!n) return false;
  const v = attr(n, 'w:val');
  return v === undefined || v === 'true' || v === '1' || v === 'on';
};
const intAttr = (n: XNode | undefined, name = 'w:val'): number | undefined => {
  if (!n) return undefined;
  const v = Number.parseInt(attr(n, name) ?? '', 10);
  return Number.isFinite(v) ? v : undefined;
};

const depthError = () =>
  new DomainError(
    'validation',
    'import.corrupt_file',
    'Файл повреждён или имеет недопустимую структуру: слишком глубокая вложенность элементов.',
    `element nesting deeper than ${MAX_DEPTH}`,
  );

/**
 * Parses an XML part. ECMA-376 Part 2 (OPC) forbids DTDs in package parts, so a
 * DOCTYPE is refused outright: no entity expansion («billion laughs») can happen.
 */
export function parseXmlPart(xml: string, partName: string): XNode[] {
  if (/<!DOCTYPE/i.test(xml))
    throw corruptArchiveError(`${partName}: DOCTYPE is not allowed in OOXML parts`, 'документ Office');
  try {
    return parser.parse(xml) as XNode[];
  } catch (err) {
    throw corruptArchiveError(`${partName}: ${(err as Error).message}`, 'документ Office');
  }
}

// ---------------------------------------------------------------- package parts

/** Resolves relationship targets of a part (`word/_rels/document.xml.rels`). */
function readRelationships(zip: SafeZip, relsPart: string, baseDir: string): Array<{ type: string; target: string }> {
  const xml = zip.readText(relsPart);
  if (!xml) return [];
  let root: XNode[];
  try {
    root = parseXmlPart(xml, relsPart);
  } catch {
    return [];
  }
  const rels = root.find((n) => tagOf(n) === 'Relationships');
  if (!rels) return [];
  return kids(rels)
    .filter((n) => tagOf(n) === 'Relationship' && attr(n, 'TargetMode') !== 'External')
    .map((n) => ({ type: attr(n, 'Type') ?? '', target: resolvePartName(baseDir, attr(n, 'Target') ?? '') }));
}

function resolvePartName(baseDir: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : `${baseDir}${target}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

const dirOf = (part: string) => part.slice(0, part.lastIndexOf('/') + 1);
const relsOf = (part: string) => `${dirOf(part)}_rels/${part.slice(part.lastIndexOf('/') + 1)}.rels`;

// ---------------------------------------------------------------- numbering

interface NumLevel {
  start: number;
  fmt: string;
  text: string;
  /** Level after whose use this level restarts; undefined = any higher level; 0 = never. */
  restart?: number;
  isLgl: boolean;
  suffix: string;
  pStyle?: string;
}

interface Numbering {
  abstracts: Map<string, NumLevel[]>;
  nums: Map<string, { abstractId: string; overrides: Map<number, { start?: number; level?: NumLevel }> }>;
  /** paragraph style id -> numbering it carries (numId, ilvl). */
  styleNum: Map<string, { numId?: string; ilvl?: number }>;
  defaultStyle?: string;
}

function parseLevel(lvl: XNode): NumLevel {
  const suff = attr(child(lvl, 'w:suff') ?? {}, 'w:val');
  return {
    start: intAttr(child(lvl, 'w:start')) ?? 1,
    fmt: attr(child(lvl, 'w:numFmt') ?? {}, 'w:val') ?? 'decimal',
    text: attr(child(lvl, 'w:lvlText') ?? {}, 'w:val') ?? '',
    restart: intAttr(child(lvl, 'w:lvlRestart')),
    isLgl: isOn(child(lvl, 'w:isLgl')),
    suffix: suff === 'nothing' ? '' : ' ',
    pStyle: attr(child(lvl, 'w:pStyle') ?? {}, 'w:val'),
  };
}

function readNumbering(zip: SafeZip, numberingPart: string | undefined, stylesPart: string | undefined): Numbering {
  const numbering: Numbering = { abstracts: new Map(), nums: new Map(), styleNum: new Map() };
  const numXml = numberingPart ? zip.readText(numberingPart) : undefined;
  if (numXml) {
    const root = parseXmlPart(numXml, numberingPart!).find((n) => tagOf(n) === 'w:numbering');
    for (const n of root ? kids(root) : []) {
      const tag = tagOf(n);
      if (tag === 'w:abstractNum') {
        const levels: NumLevel[] = [];
        for (const l of kids(n)) if (tagOf(l) === 'w:lvl') levels[intAttr(l, 'w:ilvl') ?? 0] = parseLevel(l);
        numbering.abstracts.set(attr(n, 'w:abstractNumId') ?? '', levels);
      } else if (tag === 'w:num') {
        const overrides = new Map<number, { start?: number; level?: NumLevel }>();
        for (const o of kids(n)) {
          if (tagOf(o) !== 'w:lvlOverride') continue;
          const lvl = child(o, 'w:lvl');
          overrides.set(intAttr(o, 'w:ilvl') ?? 0, {
            start: intAttr(child(o, 'w:startOverride')),
            level: lvl ? parseLevel(lvl) : undefined,
          });
        }
        numbering.nums.set(attr(n, 'w:numId') ?? '', {
          abstractId: attr(child(n, 'w:abstractNumId') ?? {}, 'w:val') ?? '',
          overrides,
        });
      }
    }
  }
  const stylesXml = stylesPart ? zip.readText(stylesPart) : undefined;
  if (stylesXml) {
    const root = parseXmlPart(stylesXml, stylesPart!).find((n) => tagOf(n) === 'w:styles');
    const raw = new Map<string, { basedOn?: string; numId?: string; ilvl?: number }>();
    for (const s of root ? kids(root) : []) {
      if (tagOf(s) !== 'w:style' || attr(s, 'w:type') !== 'paragraph') continue;
      const id = attr(s, 'w:styleId') ?? '';
      const numPr = child(child(s, 'w:pPr') ?? {}, 'w:numPr');
      raw.set(id, {
        basedOn: attr(child(s, 'w:basedOn') ?? {}, 'w:val'),
        numId: numPr ? attr(child(numPr, 'w:numId') ?? {}, 'w:val') : undefined,
        ilvl: numPr ? intAttr(child(numPr, 'w:ilvl')) : undefined,
      });
      const isDefault = attr(s, 'w:default');
      if (isDefault === '1' || isDefault === 'true' || isDefault === 'on') numbering.defaultStyle = id;
    }
    for (const id of raw.keys()) {
      let numId: string | undefined;
      let ilvl: number | undefined;
      const seen = new Set<string>();
      for (let cur: string | undefined = id; cur && !seen.has(cur); cur = raw.get(cur)?.basedOn) {
        seen.add(cur);
        const s = raw.get(cur);
        if (numId === undefined && s?.numId !== undefined) numId = s.numId;
        if (ilvl === undefined && s?.ilvl !== undefined) ilvl = s.ilvl;
      }
      if (numId !== undefined) numbering.styleNum.set(id, { numId, ilvl });
    }
  }
  return numbering;
}

const ROMAN: Array<[number, string]> = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];
/** Word's «russianUpper» alphabet (no Ё, Й, Ъ, Ы, Ь). */
const RUSSIAN = 'АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЭЮЯ';

function formatNumber(n: number, fmt: string): string {
  switch (fmt) {
    case 'upperRoman':
    case 'lowerRoman': {
      let v = Math.max(1, Math.min(n, 3999));
      let s = '';
      for (const [k, r] of ROMAN)
        while (v >= k) {
          s += r;
          v -= k;
        }
      return fmt === 'lowerRoman' ? s.toLowerCase() : s;
    }
    case 'upperLetter':
    case 'lowerLetter': {
      const i = Math.max(1, n) - 1;
      const s = String.fromCharCode(65 + (i % 26)).repeat(Math.floor(i / 26) + 1);
      return fmt === 'lowerLetter' ? s.toLowerCase() : s;
    }
    case 'russianUpper':
    case 'russianLower': {
      const i = Math.max(1, n) - 1;
      const s = RUSSIAN[i % RUSSIAN.length].repeat(Math.floor(i / RUSSIAN.length) + 1);
      return fmt === 'russianLower' ? s.toLowerCase() : s;
    }
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    default:
      return String(n);
  }
}

/** Renders list numbers in document order, the way Word counts them. */
class NumberingCounter {
  private counters = new Map<string, Array<number | undefined>>();
  private usedNums = new Set<string>();
  constructor(private readonly numbering: Numbering) {}

  /** Prefix for a paragraph («1.2. »), or '' when it is not numbered or is a bullet. */
  next(pPr: XNode | undefined): string {
    if (this.numbering.nums.size === 0) return '';
    const numPr = pPr ? child(pPr, 'w:numPr') : undefined;
    const styleId = (pPr ? attr(child(pPr, 'w:pStyle') ?? {}, 'w:val') : undefined) ?? this.numbering.defaultStyle;
    const fromStyle = styleId ? this.numbering.styleNum.get(styleId) : undefined;
    const numId = (numPr ? attr(child(numPr, 'w:numId') ?? {}, 'w:val') : undefined) ?? fromStyle?.numId;
    if (!numId || numId === '0') return '';
    const num = this.numbering.nums.get(numId);
    const levels = num ? this.numbering.abstracts.get(num.abstractId) : undefined;
    if (!num || !levels) return '';
    let ilvl = (numPr ? intAttr(child(numPr, 'w:ilvl')) : undefined) ?? fromStyle?.ilvl;
    if (ilvl === undefined)
      ilvl = Math.max(
        0,
        levels.findIndex((l) => l?.pStyle && l.pStyle === styleId),
      );
    ilvl = Math.min(Math.max(ilvl, 0), 8);
    const levelAt = (i: number): NumLevel | undefined => num.overrides.get(i)?.level ?? levels[i];
    const level = levelAt(ilvl);
    if (!level) return '';

    let c = this.counters.get(num.abstractId);
    if (!c) {
      c = [];
      this.counters.set(num.abstractId, c);
    }
    if (!this.usedNums.has(numId)) {
      this.usedNums.add(numId);
      for (const [i, o] of num.overrides) if (o.start !== undefined) c[i] = o.start - 1;
    }
    const cur = c[ilvl];
    c[ilvl] = cur === undefined ? level.start : cur + 1;
    for (let d = ilvl + 1; d < 9; d++) {
      const r = levelAt(d)?.restart;
      if (r === undefined || (r !== 0 && r - 1 >= ilvl)) c[d] = undefined;
    }
    if (level.fmt === 'bullet' || level.fmt === 'none') return '';
    const text = level.text.replace(/%([1-9])/g, (_, k: string) => {
      const i = Number(k) - 1;
      const l = levelAt(i);
      const v = c![i] ?? l?.start ?? 1;
      return formatNumber(v, level.isLgl ? 'decimal' : (l?.fmt ?? 'decimal'));
    });
    return text ? text + level.suffix : '';
  }
}

// ---------------------------------------------------------------- body walk

interface Ctx {
  counter: NumberingCounter;
}

/** Text of the runs under `nodes`; text-box paragraphs found on the way go to `floating`. */
function collectInline(nodes: XNode[], ctx: Ctx, out: string[], floating: string[], depth: number): void {
  if (depth > MAX_DEPTH) throw depthError();
  for (const n of nodes) {
    switch (tagOf(n)) {
      case 'w:r': {
        const rPr = child(n, 'w:rPr');
        if (rPr && isOn(child(rPr, 'w:vanish'))) break;
        for (const r of kids(n)) {
          switch (tagOf(r)) {
            case 'w:t':
              out.push(textOf(r));
              break;
            case 'w:tab':
            case 'w:ptab':
              out.push('\t');
              break;
            case 'w:br':
            case 'w:cr':
              out.push('\n');
              break;
            case 'w:noBreakHyphen':
              out.push('-');
              break;
            case 'w:drawing':
            case 'w:pict':
            case 'w:object':
            case 'mc:AlternateContent':
              collectTextBoxes(r, ctx, floating, depth + 1);
              break;
            // w:instrText, w:delText, w:fldChar, w:softHyphen, w:footnoteReference… carry no visible text.
          }
        }
        break;
      }
      case 'w:ins':
      case 'w:moveTo':
      case 'w:hyperlink':
      case 'w:fldSimple':
      case 'w:smartTag':
      case 'w:customXml':
      case 'w:dir':
      case 'w:bdo':
        collectInline(kids(n), ctx, out, floating, depth + 1);
        break;
      case 'w:sdt': {
        const content = child(n, 'w:sdtContent');
        if (content) collectInline(kids(content), ctx, out, floating, depth + 1);
        break;
      }
      case 'mc:AlternateContent': {
        const pick = child(n, 'mc:Choice') ?? child(n, 'mc:Fallback');
        if (pick) collectInline(kids(pick), ctx, out, floating, depth + 1);
        break;
      }
      case 'm:oMathPara':
      case 'm:oMath':
        collectMath(n, out, depth + 1);
        break;
      // w:del, w:moveFrom: deleted text; w:pPr, bookmarks, proofing marks, comments: nothing visible.
    }
  }
}

function collectMath(n: XNode, out: string[], depth: number): void {
  if (depth > MAX_DEPTH) throw depthError();
  for (const c of kids(n)) {
    if (tagOf(c) === 'm:t') out.push(textOf(c));
    else if (!('#text' in c)) collectMath(c, out, depth + 1);
  }
}

/** Finds `w:txbxContent` below a drawing and reads its paragraphs (only one branch of mc:AlternateContent). */
function collectTextBoxes(n: XNode, ctx: Ctx, floating: string[], depth: number): void {
  if (depth > MAX_DEPTH) throw depthError();
  const tag = tagOf(n);
  if (tag === 'w:txbxContent') {
    for (const line of readCellLike(kids(n), ctx, depth + 1)) floating.push(line);
    return;
  }
  if (tag === 'mc:AlternateContent') {
    const pick = child(n, 'mc:Choice') ?? child(n, 'mc:Fallback');
    if (pick) collectTextBoxes(pick, ctx, floating, depth + 1);
    return;
  }
  for (const c of kids(n)) if (!('#text' in c)) collectTextBoxes(c, ctx, floating, depth + 1);
}

/** Reads a `w:p`: numbering prefix + run text; text boxes inside it go to `floating`. */
function readParagraph(p: XNode, ctx: Ctx, floating: string[], depth: number): string {
  const pPr = child(p, 'w:pPr');
  const prefix = ctx.counter.next(pPr);
  const out: string[] = [prefix];
  collectInline(kids(p), ctx, out, floating, depth + 1);
  return out.join('');
}

/** Block content (cell, text box, content control) -> lines; nested tables flattened. */
function readCellLike(nodes: XNode[], ctx: Ctx, depth: number): string[] {
  if (depth > MAX_DEPTH) throw depthError();
  const lines: string[] = [];
  for (const n of nodes) {
    switch (tagOf(n)) {
      case 'w:p': {
        const floating: string[] = [];
        const text = readParagraph(n, ctx, floating, depth + 1);
        lines.push(...floating, text);
        break;
      }
      case 'w:tbl':
        for (const row of readTable(n, ctx, depth + 1)) {
          const line = row.cells
            .map((c) => c.replace(/\s*\n\s*/g, ' ').trim())
            .filter(Boolean)
            .join(' ');
          if (line) lines.push(line);
        }
        break;
      case 'w:sdt': {
        const content = child(n, 'w:sdtContent');
        if (content) lines.push(...readCellLike(kids(content), ctx, depth + 1));
        break;
      }
      case 'w:customXml':
      case 'w:ins':
      case 'w:moveTo':
        lines.push(...readCellLike(kids(n), ctx, depth + 1));
        break;
      case 'mc:AlternateContent': {
        const pick = child(n, 'mc:Choice') ?? child(n, 'mc:Fallback');
        if (pick) lines.push(...readCellLike(kids(pick), ctx, depth + 1));
        break;
      }
    }
  }
  return lines;
}

/** A cell as read before vertical merges are resolved. */
export interface PendingCell {
  text: string;
  span: number;
  gridCol: number;
  /** 'restart' | 'continue' | undefined (not vertically merged). */
  vMerge?: 'restart' | 'continue';
}

/** Rows and cells, looking through content controls and custom XML wrapping them. */
function flattenWrapped(nodes: XNode[], wanted: string, depth: number): XNode[] {
  if (depth > MAX_DEPTH) throw depthError();
  const out: XNode[] = [];
  for (const n of nodes) {
    const tag = tagOf(n);
    if (tag === wanted) out.push(n);
    else if (tag === 'w:sdt') {
      const c = child(n, 'w:sdtContent');
      if (c) out.push(...flattenWrapped(kids(c), wanted, depth + 1));
    } else if (tag === 'w:customXml' || tag === 'w:ins' || tag === 'w:moveTo')
      out.push(...flattenWrapped(kids(n), wanted, depth + 1));
  }
  return out;
}

function readTable(tbl: XNode, ctx: Ctx, depth: number): RawRow[] {
  if (depth > MAX_DEPTH) throw depthError();
  const pending: PendingCell[][] = [];
  for (const tr of flattenWrapped(kids(tbl), 'w:tr', depth + 1)) {
    const trPr = child(tr, 'w:trPr');
    if (trPr && child(trPr, 'w:del')) continue; // row deleted with tracked changes
    assertTableRows(pending.length + 1);
    const row: PendingCell[] = [];
    let gridCol = 0;
    const before = intAttr(trPr ? child(trPr, 'w:gridBefore') : undefined) ?? 0;
    if (before > 0 && before < 64) {
      row.push({ text: '', span: before, gridCol });
      gridCol += before;
    }
    for (const tc of flattenWrapped(kids(tr), 'w:tc', depth + 1)) {
      const tcPr = child(tc, 'w:tcPr');
      const span = Math.min(Math.max(intAttr(tcPr ? child(tcPr, 'w:gridSpan') : undefined) ?? 1, 1), 64);
      const hMerge = tcPr ? child(tcPr, 'w:hMerge') : undefined;
      const vm = tcPr ? child(tcPr, 'w:vMerge') : undefined;
      const text = readCellLike(kids(tc), ctx, depth + 1)
        .join('\n')
        .trim();
      if (hMerge && attr(hMerge, 'w:val') !== 'restart' && row.length > 0) {
        // Legacy horizontal merge: the continuation widens the cell before it.
        const prev = row[row.length - 1];
        prev.span += span;
        if (text) prev.text = prev.text ? `${prev.text}\n${text}` : text;
      } else {
        row.push({
          text,
          span,
          gridCol,
          vMerge: vm ? (attr(vm, 'w:val') === 'restart' ? 'restart' : 'continue') : undefined,
        });
      }
      gridCol += span;
    }
    pending.push(row);
  }
  return resolveVerticalMerges(pending);
}

/**
 * Vertically merged cells (`w:vMerge`). Word stores the text in the first cell
 * (restart) and leaves the following ones (continue) empty. We choose:
 *
 * - when the row's *first* cell is empty (a vMerge continuation or simply empty),
 *   the whole row is a continuation of the row above — the interpreter glues such a
 *   row to the one above cell by cell (a row broken across a page) — so merged cells
 *   stay EMPTY: repeating them would duplicate the text in the glued row;
 * - otherwise the row is a measure of its own and a merged cell REPEATS the text of
 *   the cell where the merge started: a column «Ответственный исполнитель» or «Срок»
 *   merged over measures 1.1–1.4 applies to each of them, as a reader of the printed
 *   plan understands it.
 */
export function resolveVerticalMerges(pending: PendingCell[][]): RawRow[] {
  const above = new Map<number, string>(); // gridCol -> text of the cell that started the merge
  const rows: RawRow[] = [];
  for (const row of pending) {
    const firstEmpty = row.length === 0 || row[0].text === '';
    const cells: string[] = [];
    const spans: number[] = [];
    for (const cell of row) {
      let text = cell.text;
      if (cell.vMerge === 'continue') {
        text = firstEmpty ? '' : (above.get(cell.gridCol) ?? '');
      } else {
        above.set(cell.gridCol, cell.text);
      }
      cells.push(text);
      spans.push(cell.span);
    }
    if (cells.every((c) => c === '')) continue;
    rows.push(spans.some((s) => s !== 1) ? { cells, spans } : { cells });
  }
  return rows;
}

function readBody(nodes: XNode[], ctx: Ctx, blocks: RawBlock[], depth: number): void {
  if (depth > MAX_DEPTH) throw depthError();
  for (const n of nodes) {
    switch (tagOf(n)) {
      case 'w:p': {
        const floating: string[] = [];
        const text = readParagraph(n, ctx, floating, depth + 1);
        for (const f of floating) if (f.trim()) blocks.push({ type: 'paragraph', text: f.trim() });
        if (text.trim()) blocks.push({ type: 'paragraph', text: text.trim() });
        break;
      }
      case 'w:tbl': {
        const rows = readTable(n, ctx, depth + 1);
        if (rows.length > 0) blocks.push({ type: 'table', rows });
        break;
      }
      case 'w:sdt': {
        const content = child(n, 'w:sdtContent');
        if (content) readBody(kids(content), ctx, blocks, depth + 1);
        break;
      }
      case 'w:customXml':
      case 'w:ins':
      case 'w:moveTo':
        readBody(kids(n), ctx, blocks, depth + 1);
        break;
      case 'mc:AlternateContent': {
        const pick = child(n, 'mc:Choice') ?? child(n, 'mc:Fallback');
        if (pick) readBody(kids(pick), ctx, blocks, depth + 1);
        break;
      }
    }
  }
}

/**
 * Largest main document part we parse, after `slimWordXml` (characters). The parsed
 * tree costs ~18× the text in memory (20 MB of XML -> ~370 MB of heap), so this keeps
 * one import under ~600 MB; a 5,000-row plan stays well below it (~12 MB slimmed).
 */
export const MAX_DOCUMENT_XML_CHARS = 32 * 1024 * 1024;

/** Refuses a main part too big to parse, or with more table rows than any table may have in total. */
function assertParseableSize(xml: string, partName: string): void {
  if (xml.length > MAX_DOCUMENT_XML_CHARS) {
    throw new DomainError(
      'too_large',
      'import.document_too_large',
      'Документ слишком большой для импорта. Разделите его на несколько файлов.',
      `${partName}: ${xml.length} chars after slimming > MAX_DOCUMENT_XML_CHARS=${MAX_DOCUMENT_XML_CHARS}`,
    );
  }
  assertWordShape(xml, partName);
  // Cheap early refusal before parsing: more rows in all tables together than two full tables.
  let rows = 0;
  const re = /<w:tr[\s>]/g;
  while (re.exec(xml)) {
    if (++rows > 2 * MAX_TABLE_ROWS) {
      throw new DomainError(
        'too_large',
        'import.too_many_rows',
        `Документ слишком большой: в его таблицах более ${2 * MAX_TABLE_ROWS} строк. Разделите документ на несколько файлов.`,
        `${partName}: more than ${2 * MAX_TABLE_ROWS} w:tr elements`,
      );
    }
  }
}

/**
 * Drops markup that carries no text before parsing — revision ids (`w:rsid*`), run
 * properties (except «hidden», which we honour), formatting revisions (`w:*PrChange`),
 * proofing and bookmark marks. Word writes these around every run; removing them
 * makes parsing 2–4× cheaper in time and memory, and changes nothing we read.
 */
export function slimWordXml(xml: string): string {
  return xml
    .replace(/ w:rsid\w*="[^"]*"/g, '')
    .replace(/<w:(rPr|pPr|tblPr|trPr|tcPr|sectPr|tblGrid|tblPrEx|numbering)Change\b[^>]*\/>/g, '')
    .replace(/<w:(rPr|pPr|tblPr|trPr|tcPr|sectPr|tblGrid|tblPrEx|numbering)Change\b[\s\S]*?<\/w:\1Change>/g, '')
    .replace(/<w:rPr\/>|<w:rPr>[\s\S]*?<\/w:rPr>/g, (m) =>
      /<w:vanish(?:\s+w:val="(?:1|true|on)")?\s*\/>/.test(m) ? '<w:rPr><w:vanish/></w:rPr>' : '',
    )
    .replace(/<w:(?:proofErr|bookmarkStart|bookmarkEnd|lastRenderedPageBreak|noProof)\b[^>]*\/>/g, '');
}

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';
const REL_STRICT = 'http://purl.oclc.org/ooxml/officeDocument/relationships/';
const relType = (type: string) => type.replace(REL, '').replace(REL_STRICT, '');

/**
 * Reads a .docx (bytes of the whole file) into a RawDocument.
 * Throws DomainError for anything unreadable (corrupt, encrypted, too large, not a .docx).
 * @example
 *   const raw = readDocx(await readFile('plan.docx'));
 *   raw.blocks[0]; // { type: 'paragraph', text: 'УТВЕРЖДАЮ' }
 */
export function readDocx(bytes: Uint8Array): RawDocument {
  const zip = openZip(bytes);
  return readDocxFromZip(zip);
}

/** Same as readDocx, for an archive already opened by zip-guard. */
export function readDocxFromZip(zip: SafeZip): RawDocument {
  const main =
    readRelationships(zip, '_rels/.rels', '').find((r) => relType(r.type) === 'officeDocument' && zip.has(r.target))
      ?.target ?? (zip.has('word/document.xml') ? 'word/document.xml' : undefined);
  if (!main) throw corruptArchiveError('no main document part (word/document.xml)', 'документ Word (.docx)');
  const rels = readRelationships(zip, relsOf(main), dirOf(main));
  const partOf = (type: string, fallback: string) =>
    rels.find((r) => relType(r.type) === type)?.target ?? (zip.has(fallback) ? fallback : undefined);

  let numbering: Numbering;
  try {
    numbering = readNumbering(
      zip,
      partOf('numbering', `${dirOf(main)}numbering.xml`),
      partOf('styles', `${dirOf(main)}styles.xml`),
    );
  } catch (err) {
    // Numbering is a nicety: a broken numbering/styles part must not lose the text.
    if (err instanceof DomainError && err.code !== 'import.corrupt_file') throw err;
    numbering = { abstracts: new Map(), nums: new Map(), styleNum: new Map() };
  }

  const xml = slimWordXml(zip.readText(main)!);
  assertParseableSize(xml, main);
  const root = parseXmlPart(xml, main);
  const document = root.find((n) => tagOf(n) === 'w:document');
  const body = document ? child(document, 'w:body') : undefined;
  if (!body) throw corruptArchiveError(`${main}: no w:body`, 'документ Word (.docx)');
  const blocks: RawBlock[] = [];
  try {
    readBody(kids(body), { counter: new NumberingCounter(numbering) }, blocks, 0);
  } catch (err) {
    if (err instanceof RangeError) throw depthError(); // stack exhausted on pathological nesting
    throw err;
  }
  return { blocks };
}
