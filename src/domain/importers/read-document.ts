/**
 * Entry point of the importer: file bytes -> RawDocument -> InterchangeDocument.
 *
 * The format is told by the bytes, not by the name: ZIP containers are .docx/.xlsx,
 * an OLE compound file is a legacy .doc/.xls (refused), PDF and images are refused
 * with the list of formats we read, and everything else that decodes as text is a
 * text rendering. Readers are loaded lazily so that a text import does not pay for
 * the XML and spreadsheet libraries.
 */
import { DomainError } from '../errors.js';
import type { InterchangeDocument } from './interchange.js';
import { interpret } from './interpret.js';
import type { RawDocument } from './raw-document.js';
import { readTextDocument } from './text-reader.js';

/** What the user is told we can read. */
export const READABLE_FORMATS = 'Word (.docx), Excel (.xlsx) или текст (.txt, .csv, .tsv в UTF-8 или Windows-1251)';

const startsWith = (bytes: Uint8Array, sig: number[], at = 0) => bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** Formats recognised by magic bytes that we do not read (OLE/CFB — .doc, .xls, encrypted Office — is refused above, by zip-guard). */
const REFUSED: Array<{ name: string; test: (b: Uint8Array) => boolean }> = [
  { name: 'PDF', test: (b) => startsWith(b, ascii('%PDF')) },
  { name: 'RTF', test: (b) => startsWith(b, ascii('{\\rtf')) },
  { name: 'изображение PNG', test: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { name: 'изображение JPEG', test: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  { name: 'изображение GIF', test: (b) => startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a')) },
  { name: 'изображение TIFF', test: (b) => startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a]) },
  { name: 'изображение BMP', test: (b) => startsWith(b, ascii('BM')) && b.length > 26 && b[14] <= 124 && b[15] === 0 && b[6] === 0 && b[7] === 0 },
  { name: 'изображение WebP', test: (b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8) },
  { name: 'изображение HEIC', test: (b) => startsWith(b, ascii('ftyp'), 4) },
  { name: 'архив 7z', test: (b) => startsWith(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) },
  { name: 'архив RAR', test: (b) => startsWith(b, ascii('Rar!')) },
  { name: 'архив gzip', test: (b) => startsWith(b, [0x1f, 0x8b]) },
];

const unsupported = (what: string, detail: string) =>
  new DomainError('unsupported', 'import.unsupported_format', `Формат файла не поддерживается (${what}). Загрузите документ в формате ${READABLE_FORMATS}.`, detail);

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

/**
 * Reads a file into a RawDocument (paragraphs and tables in reading order).
 * Throws DomainError kind 'unsupported' for formats we do not read.
 */
export async function readDocument(bytes: Uint8Array, fileName: string): Promise<RawDocument> {
  const name = fileName.toLowerCase();
  // [docx/xlsx readers] size limit for every upload, and a CFB/OLE container named for what it
  // usually is: an encrypted .docx/.xlsx (Office wraps them in CFB with EncryptionInfo) or a .doc/.xls.
  const guard = await import('./zip-guard.js');
  guard.assertUploadSize(bytes);
  if (guard.detectContainer(bytes) === 'cfb') throw guard.passwordProtectedError();
  if (isZip(bytes)) {
    // docx/xlsx: see docx-reader.ts and xlsx-reader.ts (zip-guard.ts checks the archive first).
    // One line per format: sniff the part that identifies it, then read.
    const { inspectZip } = await import('./zip-guard.js');
    const parts = new Set(inspectZip(bytes).map((e) => e.name));
    if (parts.has('word/document.xml') || (name.endsWith('.docx') && !parts.has('xl/workbook.xml'))) return (await import('./docx-reader.js')).readDocx(bytes);
    if (parts.has('xl/workbook.xml') || name.endsWith('.xlsx')) return (await import('./xlsx-reader.js')).readXlsx(bytes);
    throw unsupported('ZIP-архив', `zip without word/document.xml or xl/workbook.xml: ${fileName}`);
  }
  const refused = REFUSED.find((f) => f.test(bytes));
  if (refused) throw unsupported(refused.name, `refused by magic bytes: ${refused.name} (${fileName})`);
  if (!bytes.length) throw new DomainError('validation', 'import.empty_file', 'Файл пустой.', `empty file: ${fileName}`);
  if (!looksLikeText(bytes)) throw unsupported('двоичный файл неизвестного формата', `binary content, not text: ${fileName}`);
  return readTextDocument(bytes, fileName);
}

/**
 * Reads and interprets a file: what `import --dry-run` prints and the web preview shows
 * (plans, reports, council decisions; protocols of meetings — see protocol/read-protocol.ts).
 * @example const doc = await importDocument(await readFile('plan.txt'), 'plan.txt'); doc.items.length
 */
export async function importDocument(bytes: Uint8Array, fileName: string): Promise<InterchangeDocument> {
  const raw = await readDocument(bytes, fileName);
  // A council meeting's protocol is prose, not a table of measures: it has a reader of its own.
  const protocol = await import('./protocol/read-protocol.js');
  return protocol.readIfProtocol(raw) ?? interpret(raw);
}
