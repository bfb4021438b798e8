/**
 * What a stored file really is, decided from its bytes — never from the name or the
 * type the uploader declared (issue 10 §5). Uploads are checked with it, and downloads
 * are sent with the type it finds, so a browser is never told to render an HTML or
 * script payload that arrived named «отчёт.docx».
 */
import { detectContainer, inspectZip } from '../../domain/importers/zip-guard.js';
import { isDomainError } from '../../domain/errors.js';

export const MIME = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  png: 'image/png',
  jpeg: 'image/jpeg',
  zip: 'application/zip',
  txt: 'text/plain; charset=utf-8',
  bin: 'application/octet-stream',
} as const;

export type FileKind = keyof typeof MIME;

const starts = (b: Uint8Array, ...sig: number[]) => b.length >= sig.length && sig.every((v, i) => b[i] === v);

/** The kind of a ZIP container by its parts: OOXML needs [Content_Types].xml and its main part; ODF its `mimetype`. */
function zipKind(b: Uint8Array): FileKind | null {
  let names: Set<string>;
  try {
    names = new Set(inspectZip(b).map((e) => e.name));
  } catch (e) {
    if (isDomainError(e)) return null; // not a well-formed archive (or a zip bomb)
    throw e;
  }
  if (names.has('[Content_Types].xml')) {
    if (names.has('word/document.xml')) return 'docx';
    if (names.has('xl/workbook.xml')) return 'xlsx';
  }
  if (names.has('mimetype')) {
    // ODF keeps its media type stored (uncompressed) as the first entry's data, at offset 38.
    const text = new TextDecoder().decode(b.subarray(38, 38 + 64));
    if (text.startsWith('application/vnd.oasis.opendocument.text')) return 'odt';
    if (text.startsWith('application/vnd.oasis.opendocument.spreadsheet')) return 'ods';
  }
  return 'zip';
}

/** What the bytes are; `bin` when nothing we know. */
export function detectFileKind(b: Uint8Array): FileKind {
  if (starts(b, 0x25, 0x50, 0x44, 0x46)) return 'pdf';
  if (starts(b, 0x89, 0x50, 0x4e, 0x47)) return 'png';
  if (starts(b, 0xff, 0xd8, 0xff)) return 'jpeg';
  const container = detectContainer(b);
  if (container === 'zip') return zipKind(b) ?? 'bin';
  if (container === 'cfb') return 'doc'; // .doc or .xls: both are sent as an attachment anyway
  if (b.length && !b.subarray(0, 8192).includes(0)) return 'txt';
  return 'bin';
}

/** Whether the bytes are what the extension says (a .docx must be a Word OOXML package, and so on). */
export function contentMatchesExtension(ext: string, b: Uint8Array): boolean {
  const kind = detectFileKind(b);
  switch (ext) {
    case 'jpg':
    case 'jpeg':
      return kind === 'jpeg';
    case 'doc':
    case 'xls':
      return kind === 'doc';
    // Any well-formed archive is a .zip (an OOXML or ODF file is one too).
    case 'zip':
      return ['zip', 'docx', 'xlsx', 'odt', 'ods'].includes(kind);
    default:
      return kind === ext;
  }
}

/** The Content-Type a stored file is served with: from its bytes, `application/octet-stream` when unknown. */
export function servedMime(b: Uint8Array): string {
  return MIME[detectFileKind(b)];
}
