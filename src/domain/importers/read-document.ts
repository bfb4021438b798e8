/**
 * Entry point of the importer: file bytes -> RawDocument -> InterchangeDocument.
 *
 * The format is told by the bytes, not by the name: ZIP containers are .docx/.xlsx,
 * an OLE compound file is a legacy .doc/.xls (refused), PDF and images are refused
 * with the list of formats we read, and everything else that decodes as text is a
 * text rendering. Readers are loaded lazily so that a text import does not pay for
 * the XML and spreadsheet libraries.
 */
import { DomainError, isDomainError } from '../errors.js';
import type { InterchangeDocument } from './interchange.js';
import { interpret } from './interpret.js';
import { unitsToBlocks } from './paragraph-cells.js';
import type { RawDocument } from './raw-document.js';
import { RENDERING_NAMES, textReadings } from './text-reader.js';

/** What the user is told we can read. */
export const READABLE_FORMATS = 'Word (.docx), Excel (.xlsx) или текст (.txt, .csv, .tsv в UTF-8 или Windows-1251)';

const startsWith = (bytes: Uint8Array, sig: number[], at = 0) =>
  bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** Formats recognised by magic bytes that we do not read (OLE/CFB — .doc, .xls, encrypted Office — is refused above, by zip-guard). */
const REFUSED: Array<{ name: string; test: (b: Uint8Array) => boolean }> = [
  { name: 'PDF', test: (b) => startsWith(b, ascii('%PDF')) },
  { name: 'RTF', test: (b) => startsWith(b, ascii('{\\rtf')) },
  { name: 'изображение PNG', test: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { name: 'изображение JPEG', test: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  { name: 'изображение GIF', test: (b) => startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a')) },
  {
    name: 'изображение TIFF',
    test: (b) => startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a]),
  },
  {
    name: 'изображение BMP',
    test: (b) => startsWith(b, ascii('BM')) && b.length > 26 && b[14] <= 124 && b[15] === 0 && b[6] === 0 && b[7] === 0,
  },
  { name: 'изображение WebP', test: (b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8) },
  { name: 'изображение HEIC', test: (b) => startsWith(b, ascii('ftyp'), 4) },
  { name: 'архив 7z', test: (b) => startsWith(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) },
  { name: 'архив RAR', test: (b) => startsWith(b, ascii('Rar!')) },
  { name: 'архив gzip', test: (b) => startsWith(b, [0x1f, 0x8b]) },
];

const unsupported = (what: string, detail: string) =>
  new DomainError(
    'unsupported',
    'import.unsupported_format',
    `Формат файла не поддерживается (${what}). Загрузите документ в формате ${READABLE_FORMATS}.`,
    detail,
  );

const isZip = (b: Uint8Array) => startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06]);

/** Whether bytes look like text rather than an unknown binary format. */
function looksLikeText(b: Uint8Array): boolean {
  if (startsWith(b, [0xff, 0xfe]) || startsWith(b, [0xfe, 0xff])) return true; // UTF-16 with BOM
  const n = Math.min(b.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i];
    if (c === 0) return false;
    if (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 11) control++;
  }
  return control <= n * 0.01;
}

/** One way of reading the file: its name (for the refusal message) and the reading. */
export interface Reading {
  rendering: keyof typeof RENDERING_NAMES;
  read: () => RawDocument;
}

/**
 * The readings of a file worth trying, the likeliest first: a text may be any of its
 * renderings; a Word or Excel file is read as its tables, then, should none of them have
 * a header, with its paragraphs as cells (a web page pasted into Word).
 * Throws DomainError kind 'unsupported' for formats we do not read.
 */
export async function documentReadings(bytes: Uint8Array, fileName: string): Promise<Reading[]> {
  const name = fileName.toLowerCase();
  // [docx/xlsx readers] size limit for every upload, and a CFB/OLE container named for what it
  // usually is: an encrypted .docx/.xlsx (Office wraps them in CFB with EncryptionInfo) or a .doc/.xls.
  const guard = await import('./zip-guard.js');
  guard.assertUploadSize(bytes);
  if (guard.detectContainer(bytes) === 'cfb') throw guard.passwordProtectedError();
  if (isZip(bytes)) {
    // docx/xlsx: see docx-reader.ts and xlsx-reader.ts (zip-guard.ts checks the archive first).
    // One line per format: sniff the part that identifies it, then read.
    const parts = new Set(guard.inspectZip(bytes).map((e) => e.name));
    let raw: RawDocument;
    let rendering: 'docx' | 'xlsx';
    if (parts.has('word/document.xml') || (name.endsWith('.docx') && !parts.has('xl/workbook.xml'))) {
      raw = (await import('./docx-reader.js')).readDocx(bytes);
      rendering = 'docx';
    } else if (parts.has('xl/workbook.xml') || name.endsWith('.xlsx')) {
      raw = await (await import('./xlsx-reader.js')).readXlsx(bytes);
      rendering = 'xlsx';
    } else throw unsupported('ZIP-архив', `zip without word/document.xml or xl/workbook.xml: ${fileName}`);
    return [
      { rendering, read: () => raw },
      { rendering: 'paragraphs', read: () => paragraphsAsCells(raw) },
    ];
  }
  const refused = REFUSED.find((f) => f.test(bytes));
  if (refused) throw unsupported(refused.name, `refused by magic bytes: ${refused.name} (${fileName})`);
  if (!bytes.length)
    throw new DomainError('validation', 'import.empty_file', 'Файл пустой.', `empty file: ${fileName}`);
  if (!looksLikeText(bytes))
    throw unsupported('двоичный файл неизвестного формата', `binary content, not text: ${fileName}`);
  return textReadings(bytes, fileName);
}

/**
 * Reads a file into a RawDocument (paragraphs and tables in reading order), the likeliest
 * reading. Throws DomainError kind 'unsupported' for formats we do not read.
 */
export async function readDocument(bytes: Uint8Array, fileName: string): Promise<RawDocument> {
  return (await documentReadings(bytes, fileName))[0].read();
}

/** Paragraphs of a Word document read as cells, one paragraph a cell; tables stay. */
function paragraphsAsCells(raw: RawDocument): RawDocument {
  const out: RawDocument['blocks'] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length) out.push(...(unitsToBlocks(run) ?? run.map((text) => ({ type: 'paragraph' as const, text }))));
    run = [];
  };
  for (const b of raw.blocks) {
    if (b.type === 'paragraph') run.push(...b.text.split('\n').filter((l) => l.trim()));
    else {
      flush();
      out.push(b);
    }
  }
  flush();
  return { blocks: out };
}

/** How much of a reading came through: items with a number and a title count most. */
function readingScore(doc: InterchangeDocument): number {
  const good = doc.items.filter((i) => i.number && i.title).length;
  return good * 2 + doc.items.length + doc.indicators.length * 2 - doc.warnings.length * 0.5;
}

const isNoTable = (e: unknown) => isDomainError(e) && e.code === 'import.no_table';

/**
 * Reads and interprets a file: what `import --dry-run` prints and the web preview shows
 * (plans, reports, council decisions; protocols of meetings).
 * Readings are tried in turn; the first that reads well is kept, else the best of them.
 * @example const doc = await importDocument(await readFile('plan.txt'), 'plan.txt'); doc.items.length
 */
export async function importDocument(bytes: Uint8Array, fileName: string): Promise<InterchangeDocument> {
  const readings = await documentReadings(bytes, fileName);
  // A council meeting's protocol is prose, not a table of measures: it has a reader of its own,
  // tried on the likeliest reading before the table readings (see protocol/read-protocol.ts).
  if (readings.length > 0) {
    const protocol = await import('./protocol/read-protocol.js');
    const doc = protocol.readIfProtocol(readings[0].read());
    if (doc) return doc;
  }
  const tried: string[] = [];
  let best: { doc: InterchangeDocument; score: number } | null = null;
  for (const reading of readings) {
    tried.push(RENDERING_NAMES[reading.rendering]);
    let doc: InterchangeDocument;
    try {
      doc = interpret(reading.read());
    } catch (e) {
      if (isNoTable(e)) continue;
      throw e;
    }
    const score = readingScore(doc);
    if (!best || score > best.score) best = { doc, score };
    // A reading that placed every row well needs no rival.
    if (
      doc.items.length + doc.indicators.length > 0 &&
      doc.items.every((i) => i.number && i.title) &&
      doc.warnings.length <= Math.max(2, doc.items.length / 10)
    )
      break;
  }
  if (best) return best.doc;
  throw noTableError(tried);
}

/** The refusal when no reading finds a table: it names what was tried. */
export function noTableError(tried: string[]): DomainError {
  return new DomainError(
    'validation',
    'import.no_table',
    `В документе не найдена таблица мероприятий: нужна таблица с заголовком (например, «№ п/п», «Наименование мероприятия», «Срок исполнения», «Ответственный исполнитель»). Проверены варианты: ${[...new Set(tried)].join('; ')}. Укажите строку заголовка и столбцы вручную.`,
    `no table with a recognisable header row (tried: ${[...new Set(tried)].join(', ')})`,
  );
}
