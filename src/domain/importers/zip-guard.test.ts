import { crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { makePlanDocx } from '../../../test/fixtures/make-fixtures.js';
import { DomainError } from '../errors.js';
import {
  MAX_UPLOAD_BYTES,
  assertTableRows,
  assertUploadSize,
  assertZipInflatesAsDeclared,
  detectContainer,
  inspectZip,
  openZip,
} from './zip-guard.js';

interface EntrySpec {
  name: string;
  data: Uint8Array | string;
  method?: 0 | 8;
  flags?: number;
  /** Override what the central directory declares. */
  declaredSize?: number;
  declaredCompressed?: number;
  crc?: number;
}

/** A tiny ZIP writer that can lie: enough to build malicious archives by hand. */
function makeZip(entries: EntrySpec[], opts: { declaredCount?: number } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const raw = typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : Buffer.from(e.data);
    const method = e.method ?? 8;
    const data = method === 8 ? deflateRawSync(raw) : raw;
    const name = Buffer.from(e.name, 'utf8');
    const crc = e.crc ?? crc32(raw) >>> 0;
    const size = e.declaredSize ?? raw.length;
    const csize = e.declaredCompressed ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.flags ?? 0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(csize, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.flags ?? 0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(csize, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(opts.declaredCount ?? entries.length, 8);
  eocd.writeUInt16LE(opts.declaredCount ?? entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

function domainError(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).message).toMatch(/[а-яё]/i);
    return e as DomainError;
  }
  throw new Error('expected a DomainError');
}

describe('zip-guard', () => {
  it('opens a well-formed archive and reads entries lazily', async () => {
    const zip = openZip(
      makeZip([
        { name: 'a.xml', data: '<a>привет</a>' },
        { name: 'b.bin', data: new Uint8Array([1, 2, 3]), method: 0 },
      ]),
    );
    expect([...zip.entries.keys()]).toEqual(['a.xml', 'b.bin']);
    expect(zip.readText('a.xml')).toBe('<a>привет</a>');
    expect([...zip.readBytes('b.bin')!]).toEqual([1, 2, 3]);
    expect(zip.readText('нет.xml')).toBeUndefined();
    // a real .docx written by the docx library
    expect(openZip(await makePlanDocx()).has('word/document.xml')).toBe(true);
  });

  it('detects the container from its first bytes', () => {
    expect(detectContainer(makeZip([{ name: 'a', data: 'x' }]))).toBe('zip');
    expect(detectContainer(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]))).toBe('cfb');
    expect(detectContainer(new TextEncoder().encode('№\tМероприятие'))).toBe('other');
  });

  it('says «защищён паролем или старый формат» for a CFB/OLE file (encrypted OOXML, .doc, .xls)', () => {
    const cfb = Buffer.alloc(1024);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(cfb);
    const e = domainError(() => inspectZip(cfb));
    expect(e.code).toBe('import.password_protected');
    expect(e.message).toContain('защищён паролем или это старый формат .doc/.xls');
  });

  it('refuses a ZIP entry encrypted with a password', () => {
    expect(domainError(() => inspectZip(makeZip([{ name: 'word/document.xml', data: 'x', flags: 0x0801 }]))).code).toBe(
      'import.password_protected',
    );
  });

  it('refuses uploads above MAX_UPLOAD_BYTES before anything else', () => {
    expect(MAX_UPLOAD_BYTES).toBe(50 * 1024 * 1024);
    const e = domainError(() => assertUploadSize(new Uint8Array(MAX_UPLOAD_BYTES + 1)));
    expect(e.kind).toBe('too_large');
    expect(e.code).toBe('import.file_too_large');
    expect(e.message).toContain('50,0 МБ');
  });

  it('refuses a declared total above 100 MB without inflating', () => {
    const big = 60 * 1024 * 1024;
    const e = domainError(() =>
      inspectZip(
        makeZip([
          { name: 'a', data: 'x', declaredSize: big, declaredCompressed: big / 100 },
          { name: 'b', data: 'y', declaredSize: big, declaredCompressed: big / 100 },
        ]),
      ),
    );
    expect(e.code).toBe('import.uncompressed_too_large');
  });

  it('refuses more than 2,000 entries', () => {
    const entries = Array.from({ length: 2001 }, (_, i) => ({ name: `f${i}`, data: '', method: 0 as const }));
    const e = domainError(() => inspectZip(makeZip(entries)));
    expect(e.code).toBe('import.too_many_entries');
    expect(e.kind).toBe('too_large');
  });

  it('refuses an entry compressed more than 200 times (zip bomb)', () => {
    const zeros = new Uint8Array(5 * 1024 * 1024); // deflates ~1000×
    const e = domainError(() => inspectZip(makeZip([{ name: 'word/document.xml', data: zeros }])));
    expect(e.code).toBe('import.zip_bomb');
  });

  it('tolerates a high ratio on small parts', () => {
    expect(() => inspectZip(makeZip([{ name: 'styles.xml', data: ' '.repeat(50_000) }]))).not.toThrow();
  });

  it('never inflates more than an entry declares (lying header)', () => {
    const zeros = new Uint8Array(10 * 1024 * 1024);
    // declares 64 KiB, inflates to 10 MiB: passes the directory check, stopped while inflating
    const zip = openZip(makeZip([{ name: 'x.xml', data: zeros, declaredSize: 64 * 1024 }]));
    expect(domainError(() => zip.readBytes('x.xml')).code).toBe('import.zip_bomb');
    expect(
      domainError(() => assertZipInflatesAsDeclared(makeZip([{ name: 'x.xml', data: zeros, declaredSize: 64 * 1024 }])))
        .code,
    ).toBe('import.zip_bomb');
  });

  it('detects corrupt data: CRC, short inflation, truncation, garbage, duplicates, stored size mismatch', () => {
    expect(domainError(() => openZip(makeZip([{ name: 'a', data: 'abc', crc: 1 }])).readBytes('a')).code).toBe(
      'import.corrupt_file',
    );
    expect(
      domainError(() => openZip(makeZip([{ name: 'a', data: 'abc', declaredSize: 10 }])).readBytes('a')).code,
    ).toBe('import.corrupt_file');
    const good = makeZip([{ name: 'a', data: 'содержимое '.repeat(100) }]);
    expect(domainError(() => inspectZip(good.subarray(0, good.length - 30))).code).toBe('import.corrupt_file');
    expect(domainError(() => inspectZip(new TextEncoder().encode('PK\x03\x04 это не архив'))).code).toBe(
      'import.corrupt_file',
    );
    expect(domainError(() => inspectZip(new Uint8Array(0))).code).toBe('import.corrupt_file');
    expect(
      domainError(() =>
        inspectZip(
          makeZip([
            { name: 'a', data: '1' },
            { name: 'a', data: '2' },
          ]),
        ),
      ).code,
    ).toBe('import.corrupt_file');
    expect(domainError(() => inspectZip(makeZip([{ name: 'a', data: 'abc', method: 0, declaredSize: 5 }]))).code).toBe(
      'import.corrupt_file',
    );
    expect(domainError(() => inspectZip(makeZip([{ name: 'a', data: 'x' }], { declaredCount: 3 }))).code).toBe(
      'import.corrupt_file',
    );
    // flipped bytes inside the deflate stream
    const flipped = Buffer.from(good);
    for (let i = 40; i < 60; i++) flipped[i] ^= 0xff;
    expect(domainError(() => openZip(flipped).readBytes('a')).code).toBe('import.corrupt_file');
  });

  it('refuses unsupported compression methods', () => {
    const z = makeZip([{ name: 'a', data: 'x', method: 0 }]);
    const cd = z.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    z.writeUInt16LE(12, cd + 10); // bzip2
    expect(domainError(() => inspectZip(z)).code).toBe('import.unsupported_compression');
  });

  it('refuses tables above 5,000 rows', () => {
    expect(() => assertTableRows(5000)).not.toThrow();
    const e = domainError(() => assertTableRows(5001));
    expect(e.kind).toBe('too_large');
    expect(e.code).toBe('import.too_many_rows');
  });
});
