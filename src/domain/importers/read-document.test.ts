import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../cli/commands/import.js';
import { DomainError } from '../errors.js';
import { importDocument, readDocument } from './read-document.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const PLAN =
  'План мероприятий на 2025 год\n№\tМероприятие\tСрок\tИсполнитель\n1\tСовещание\tежегодно\tМинтруд\n2\tСеминар\tII квартал\tМинздрав\n';

async function refusal(bytes: Uint8Array, name: string): Promise<DomainError> {
  try {
    await readDocument(bytes, name);
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('readDocument', () => {
  it.each([
    ['PDF', utf8('%PDF-1.7\n%…'), 'plan.pdf', /PDF/],
    ['PNG', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'scan.png', /PNG/],
    ['JPEG', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'scan.jpg', /JPEG/],
    ['binary', new Uint8Array([1, 2, 3, 0, 5, 6, 7, 8]), 'data.bin', /двоичный/],
  ])('refuses %s by its bytes, naming the formats it reads', async (_what, bytes, name, pattern) => {
    const e = await refusal(bytes, name);
    expect(e.kind).toBe('unsupported');
    expect(e.message).toMatch(pattern);
    expect(e.message).toMatch(/\.docx.*\.xlsx.*\.txt/);
  });

  it('refuses a legacy .doc (or an encrypted Office file: both are OLE containers)', async () => {
    const e = await refusal(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]), 'plan.doc');
    expect(e.kind).toBe('unsupported');
    expect(e.message).toMatch(/\.doc[\s\S]*\.docx/);
  });

  it('judges by the bytes, not the name: a .doc that is really text is read', async () => {
    const raw = await readDocument(utf8(PLAN), 'plan.doc');
    expect(raw.blocks.some((b) => b.type === 'table')).toBe(true);
  });

  it('refuses an empty file and a ZIP that is neither .docx nor .xlsx', async () => {
    expect((await refusal(new Uint8Array(), 'a.txt')).code).toBe('import.empty_file');
    const zip = new JSZip();
    zip.file('readme.txt', 'hello');
    const bytes = new Uint8Array(await zip.generateAsync({ type: 'uint8array' }));
    expect((await refusal(bytes, 'archive.zip')).kind).toBe('unsupported');
  });

  it('imports text in Windows-1251', async () => {
    const doc = await importDocument(new Uint8Array(iconv.encode(PLAN, 'win1251')), 'plan.txt');
    expect(doc.items.map((i) => [i.number, i.title, i.executors])).toEqual([
      ['1', 'Совещание', ['Минтруд']],
      ['2', 'Семинар', ['Минздрав']],
    ]);
    expect(doc.period).toEqual(['2025-01-01', '2025-12-31']);
  });

  it('explains in Russian when there is no table', async () => {
    await expect(importDocument(utf8('Письмо\nПрошу рассмотреть\n'), 'letter.txt')).rejects.toMatchObject({
      code: 'import.no_table',
      kind: 'validation',
    });
  });
});

describe('import command', () => {
  const out: string[] = [];
  const err: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'import-cli-'));
  const capture = () => {
    out.length = 0;
    err.length = 0;
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  };
  afterEach(() => vi.restoreAllMocks());

  it('prints the interchange document as JSON with --dry-run', async () => {
    const file = join(dir, 'plan.txt');
    writeFileSync(file, PLAN);
    capture();
    expect(await run(['--dry-run', '--format', 'json', file])).toBe(0);
    const doc = JSON.parse(out.join(''));
    expect(doc.kind).toBe('plan');
    expect(doc.items).toHaveLength(2);
  });

  it('exits 1 with a Russian message and an English detail, no stack trace', async () => {
    const file = join(dir, 'scan.pdf');
    writeFileSync(file, '%PDF-1.4 binary');
    capture();
    expect(await run(['--dry-run', '--format', 'json', file])).toBe(1);
    const text = err.join('');
    expect(text).toMatch(/Формат файла не поддерживается/);
    expect(text).toMatch(/import\.unsupported_format: refused by magic bytes/);
    expect(text).not.toMatch(/\n\s+at /);
    expect(await run(['--dry-run', join(dir, 'missing.txt')])).toBe(1);
  });

  it('exits 2 on bad usage (saving itself is tested in test/cli.test.ts)', async () => {
    const file = join(dir, 'plan.txt');
    writeFileSync(file, PLAN);
    capture();
    expect(await run(['--dry-run'])).toBe(2);
    expect(await run(['--dry-run', '--format', 'xml', file])).toBe(2);
    expect(await run(['--plan', '7', file])).toBe(2);
    expect(await run(['--plan', 'abc', '--period', 'I квартал 2025 г.', file])).toBe(2);
    expect(err.join('')).toMatch(/--period is required with --plan/);
    expect(out.join('')).toBe('');
  });
});
