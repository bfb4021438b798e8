/**
 * Safe reading of the ZIP containers behind .docx and .xlsx uploads.
 *
 * Everything is checked from the central directory *before* a single byte is
 * inflated: file size, number of entries, total declared uncompressed size, the
 * compression ratio of every entry (zip bomb), encryption and compression method.
 * Inflation itself is then bounded by each entry's declared size (node:zlib
 * `maxOutputLength`), so an archive that lies about its sizes cannot make us
 * allocate more than it declared; the CRC-32 of every inflated entry is verified.
 *
 * Why our own reader rather than JSZip: JSZip inflates a whole entry before it
 * compares the result with the declared size, so a lying header costs the full
 * inflated size in memory first. The reader below is ~150 lines and keeps the
 * memory of an import bounded by MAX_UNCOMPRESSED_BYTES. (exceljs still opens
 * .xlsx with JSZip internally; `assertZipInflatesAsDeclared` runs first, see
 * xlsx-reader.ts.)
 *
 * Limits follow the usual OOXML hardening (Apache POI `ZipSecureFile`: minimum
 * inflate ratio 1/100 after a grace size; OWASP «XML External Entity / zip bomb»
 * guidance); ours are a little looser on ratio because Word and Excel parts full
 * of repeated markup legitimately compress 50–150×.
 */
import { crc32, inflateRawSync } from 'node:zlib';
import { DomainError } from '../errors.js';

/** Largest accepted upload (bytes). The HTTP layer should use it for its body limit. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
/** Largest total declared uncompressed size of all entries of an archive. */
export const MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024;
/** Most entries an archive may have (a large .docx has ~30, an .xlsx ~20 + one per sheet). */
export const MAX_ZIP_ENTRIES = 2000;
/** Highest accepted uncompressed/compressed ratio of one entry… */
export const MAX_COMPRESSION_RATIO = 200;
/** …applied to entries above this uncompressed size (tiny parts compress wildly without harm). */
export const RATIO_GRACE_BYTES = 100 * 1024;
/** Most rows a table may have; beyond it the document is refused, not truncated. */
export const MAX_TABLE_ROWS = 5000;

/** Magic numbers. */
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;

const MB = 1024 * 1024;
const formatMb = (n: number) => (n / MB).toFixed(1).replace('.', ',');

export interface ZipEntryInfo {
  name: string;
  /** 0 stored, 8 deflate. */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  crc32: number;
  /** Offset of the local file header. */
  localHeaderOffset: number;
  encrypted: boolean;
}

export interface SafeZip {
  readonly entries: ReadonlyMap<string, ZipEntryInfo>;
  has(name: string): boolean;
  /** Inflated bytes of an entry (bounded by its declared size, CRC checked); undefined when absent. */
  readBytes(name: string): Uint8Array | undefined;
  /** Entry decoded as UTF-8 (BOM stripped); undefined when absent. */
  readText(name: string): string | undefined;
}

/** What the first bytes say the file is. */
export type ContainerKind = 'zip' | 'cfb' | 'other';

/** @example detectContainer(bytes) === 'cfb' // .doc/.xls or an encrypted .docx/.xlsx */
export function detectContainer(bytes: Uint8Array): ContainerKind {
  if (bytes.length >= 8 && CFB_MAGIC.every((b, i) => bytes[i] === b)) return 'cfb';
  if (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    (bytes[2] === 3 || bytes[2] === 5) &&
    (bytes[3] === 4 || bytes[3] === 6)
  )
    return 'zip';
  return 'other';
}

/** Refuses an upload above MAX_UPLOAD_BYTES. */
export function assertUploadSize(bytes: Uint8Array): void {
  if (bytes.length > MAX_UPLOAD_BYTES) {
    throw new DomainError(
      'too_large',
      'import.file_too_large',
      `Файл слишком большой: ${formatMb(bytes.length)} МБ, допускается не более ${formatMb(MAX_UPLOAD_BYTES)} МБ.`,
      `upload of ${bytes.length} bytes exceeds MAX_UPLOAD_BYTES=${MAX_UPLOAD_BYTES}`,
    );
  }
}

/** Refuses a table above MAX_TABLE_ROWS rows. Readers call it as they count rows. */
export function assertTableRows(rows: number): void {
  if (rows > MAX_TABLE_ROWS) {
    throw new DomainError(
      'too_large',
      'import.too_many_rows',
      `Таблица слишком большая: более ${MAX_TABLE_ROWS} строк. Разделите документ на несколько файлов.`,
      `table has ${rows} rows, MAX_TABLE_ROWS=${MAX_TABLE_ROWS}`,
    );
  }
}

export const passwordProtectedError = () =>
  new DomainError(
    'unsupported',
    'import.password_protected',
    'Файл защищён паролем или это старый формат .doc/.xls. Снимите пароль или сохраните документ в формате .docx/.xlsx и загрузите снова.',
    'CFB/OLE container: encrypted OOXML (EncryptionInfo) or legacy binary .doc/.xls',
  );

export const corruptArchiveError = (detail: string, what = 'документ .docx/.xlsx') =>
  new DomainError(
    'validation',
    'import.corrupt_file',
    `Файл повреждён или не является документом: не удаётся прочитать его как ${what}.`,
    `corrupt zip: ${detail}`,
  );

const zipBombError = (detail: string) =>
  new DomainError(
    'too_large',
    'import.zip_bomb',
    'Файл отклонён: после распаковки его содержимое оказывается непропорционально большим (признак «zip-бомбы»).',
    detail,
  );

/**
 * Parses the central directory and applies every limit that can be checked
 * without inflating. Throws DomainError; returns the entries otherwise.
 */
export function inspectZip(bytes: Uint8Array): ZipEntryInfo[] {
  assertUploadSize(bytes);
  const kind = detectContainer(bytes);
  if (kind === 'cfb') throw passwordProtectedError();
  if (kind !== 'zip') throw corruptArchiveError('no local file header signature at offset 0');

  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (o: number) => view.getUint16(o, true);
  const u32 = (o: number) => view.getUint32(o, true);
  const u64 = (o: number) => {
    const v = view.getBigUint64(o, true);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw corruptArchiveError('64-bit field out of range');
    return Number(v);
  };
  const inBounds = (o: number, len: number) => o >= 0 && len >= 0 && o + len <= bytes.length;

  // End of central directory: the last signature within 64 KiB + 22 bytes of the end.
  let eocd = -1;
  for (let o = bytes.length - 22; o >= Math.max(0, bytes.length - 22 - 0xffff); o--) {
    if (u32(o) === SIG_EOCD && o + 22 + u16(o + 20) <= bytes.length) {
      eocd = o;
      break;
    }
  }
  if (eocd < 0) throw corruptArchiveError('end of central directory not found (truncated file?)');
  if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0) throw corruptArchiveError('multi-disk archive');

  let count = u16(eocd + 10);
  let cdSize = u32(eocd + 12);
  let cdOffset = u32(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (!inBounds(loc, 20) || u32(loc) !== SIG_ZIP64_LOCATOR) throw corruptArchiveError('zip64 locator missing');
    const z = u64(loc + 8);
    if (!inBounds(z, 56) || u32(z) !== SIG_ZIP64_EOCD)
      throw corruptArchiveError('zip64 end of central directory missing');
    count = u64(z + 32);
    cdSize = u64(z + 40);
    cdOffset = u64(z + 48);
  }
  if (count > MAX_ZIP_ENTRIES) {
    throw new DomainError(
      'too_large',
      'import.too_many_entries',
      `Файл отклонён: архив документа содержит слишком много частей (${count}, допускается не более ${MAX_ZIP_ENTRIES}).`,
      `zip has ${count} entries, MAX_ZIP_ENTRIES=${MAX_ZIP_ENTRIES}`,
    );
  }
  if (!inBounds(cdOffset, cdSize)) throw corruptArchiveError('central directory out of bounds');

  const entries: ZipEntryInfo[] = [];
  const seen = new Set<string>();
  let total = 0;
  let p = cdOffset;
  const decoder = new TextDecoder('utf-8');
  for (let i = 0; i < count; i++) {
    if (!inBounds(p, 46) || u32(p) !== SIG_CENTRAL) throw corruptArchiveError(`central directory entry ${i} malformed`);
    const flags = u16(p + 8);
    const method = u16(p + 10);
    const crc = u32(p + 16);
    let compressedSize = u32(p + 20);
    let uncompressedSize = u32(p + 24);
    const nameLen = u16(p + 28);
    const extraLen = u16(p + 30);
    const commentLen = u16(p + 32);
    let localHeaderOffset = u32(p + 42);
    if (!inBounds(p + 46, nameLen + extraLen + commentLen))
      throw corruptArchiveError(`central directory entry ${i} truncated`);
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    // Zip64 extended information: present fields replace the 0xFFFFFFFF placeholders, in this order.
    if (uncompressedSize === 0xffffffff || compressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      let e = p + 46 + nameLen;
      const end = e + extraLen;
      while (e + 4 <= end) {
        const id = u16(e),
          len = u16(e + 2);
        if (e + 4 + len > end) break;
        if (id === 0x0001) {
          let f = e + 4;
          if (uncompressedSize === 0xffffffff && f + 8 <= e + 4 + len) {
            uncompressedSize = u64(f);
            f += 8;
          }
          if (compressedSize === 0xffffffff && f + 8 <= e + 4 + len) {
            compressedSize = u64(f);
            f += 8;
          }
          if (localHeaderOffset === 0xffffffff && f + 8 <= e + 4 + len) {
            localHeaderOffset = u64(f);
            f += 8;
          }
        }
        e += 4 + len;
      }
    }
    const encrypted = (flags & 0x0001) !== 0 || method === 99; // 99: WinZip AES
    if (encrypted) throw passwordProtectedError();
    if (method !== 0 && method !== 8) {
      throw new DomainError(
        'unsupported',
        'import.unsupported_compression',
        'Файл сжат неподдерживаемым способом. Откройте его в Word или Excel и сохраните заново.',
        `entry ${name}: compression method ${method}`,
      );
    }
    if (seen.has(name)) throw corruptArchiveError(`duplicate entry ${name}`);
    seen.add(name);
    if (method === 0 && compressedSize !== uncompressedSize)
      throw corruptArchiveError(`stored entry ${name} with differing sizes`);
    if (!inBounds(localHeaderOffset, 30)) throw corruptArchiveError(`entry ${name}: local header out of bounds`);
    total += uncompressedSize;
    if (total > MAX_UNCOMPRESSED_BYTES) {
      throw new DomainError(
        'too_large',
        'import.uncompressed_too_large',
        `Файл отклонён: после распаковки его содержимое превышает ${MAX_UNCOMPRESSED_BYTES / MB} МБ.`,
        `declared uncompressed total exceeds ${MAX_UNCOMPRESSED_BYTES} at entry ${name}`,
      );
    }
    if (uncompressedSize > RATIO_GRACE_BYTES && uncompressedSize > MAX_COMPRESSION_RATIO * compressedSize) {
      throw zipBombError(`entry ${name}: ${uncompressedSize}/${compressedSize} exceeds ratio ${MAX_COMPRESSION_RATIO}`);
    }
    entries.push({ name, method, compressedSize, uncompressedSize, crc32: crc, localHeaderOffset, encrypted });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/**
 * Inflates one entry, never producing more than its declared size, and checks its CRC.
 * Throws DomainError when the data is corrupt or inflates beyond what was declared.
 */
function inflateEntry(bytes: Uint8Array, e: ZipEntryInfo): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const o = e.localHeaderOffset;
  if (view.getUint32(o, true) !== SIG_LOCAL) throw corruptArchiveError(`entry ${e.name}: bad local header`);
  const start = o + 30 + view.getUint16(o + 26, true) + view.getUint16(o + 28, true);
  if (start + e.compressedSize > bytes.length) throw corruptArchiveError(`entry ${e.name}: data out of bounds`);
  const raw = bytes.subarray(start, start + e.compressedSize);
  let out: Uint8Array;
  if (e.method === 0) {
    out = raw;
  } else {
    try {
      out = inflateRawSync(raw, { maxOutputLength: Math.max(1, e.uncompressedSize) });
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'ERR_BUFFER_TOO_LARGE')
        throw zipBombError(`entry ${e.name} inflates beyond its declared ${e.uncompressedSize} bytes`);
      throw corruptArchiveError(`entry ${e.name}: ${(err as Error).message}`);
    }
  }
  if (out.length !== e.uncompressedSize)
    throw corruptArchiveError(`entry ${e.name}: inflated ${out.length} bytes, declared ${e.uncompressedSize}`);
  if (crc32(out) >>> 0 !== e.crc32) throw corruptArchiveError(`entry ${e.name}: CRC mismatch`);
  return out;
}

/**
 * Opens an archive after `inspectZip`; entries are inflated lazily, one at a time.
 * @example
 *   const zip = openZip(bytes);
 *   const xml = zip.readText('word/document.xml');
 */
export function openZip(bytes: Uint8Array): SafeZip {
  const list = inspectZip(bytes);
  const entries = new Map(list.map((e) => [e.name, e]));
  const readBytes = (name: string) => {
    const e = entries.get(name);
    return e ? inflateEntry(bytes, e) : undefined;
  };
  return {
    entries,
    has: (name) => entries.has(name),
    readBytes,
    readText(name) {
      const b = readBytes(name);
      if (!b) return undefined;
      const start = b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
      return Buffer.from(b.buffer, b.byteOffset + start, b.length - start).toString('utf8');
    },
  };
}

/**
 * Inflates every entry once (bounded, CRC checked) and discards the result. For
 * archives handed to a library that inflates without bounds (exceljs → JSZip):
 * afterwards the declared sizes, already limited by `inspectZip`, are known to be true.
 */
export function assertZipInflatesAsDeclared(bytes: Uint8Array): SafeZip {
  const zip = openZip(bytes);
  for (const name of zip.entries.keys()) zip.readBytes(name);
  return zip;
}
