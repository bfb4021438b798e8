/**
 * Protocols through the command line, as the golden checker calls it, and the
 * protocol fixtures scored by the shared checker itself (skipped without ../shared).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GOLDEN_CHECK, runGoldenCheck } from './fixtures/protocol-goldens.js';

const dir = mkdtempSync(join(tmpdir(), 'isp-protocol-cli-'));
const cli = (...args: string[]) =>
  execFileSync('npm', ['run', '--silent', 'cli', '--', ...args], {
    env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });

describe('cli import of a protocol', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the protocol with its meeting, questions and decisions', () => {
    const doc = JSON.parse(
      cli('import', '--dry-run', '--format', 'json', 'test/fixtures/protocol/interagency-commission.docx'),
    );
    expect(doc.kind).toBe('protocol');
    expect(doc.meeting).toMatchObject({
      number: '2',
      date: '2024-09-12',
      council: expect.stringMatching(/^Межведомственная комиссия/),
    });
    expect(doc.sections).toHaveLength(2);
    expect(doc.items.map((i: { number: string }) => i.number)).toEqual(['1.1', '1.2', '1.3', '2.1', '2.2', '2.3']);
  }, 60_000);

  it('fails cleanly on a protocol it cannot read: Russian for the user, English for the log, exit 1', () => {
    const file = join(dir, 'empty-protocol.txt');
    writeFileSync(
      file,
      'ПРОТОКОЛ\nзаседания Общественного совета\nот 15.03.2024 № 1\nПрисутствовали:\nИванов И.И. – председатель\n',
    );
    let err: { status: number; stderr: string; stdout: string } | undefined;
    try {
      cli('import', '--dry-run', '--format', 'json', file);
    } catch (e) {
      err = e as never;
    }
    expect(err?.status).toBe(1);
    expect(err?.stdout).toBe('');
    expect(err?.stderr).toMatch(/Не удалось прочитать протокол/);
    expect(err?.stderr).toMatch(/import\.protocol_unreadable: .*no agenda questions and no decisions/);
  }, 60_000);

  it.skipIf(!existsSync(GOLDEN_CHECK))(
    'agrees with the shared golden checker on every protocol fixture',
    () => {
      const { status, output } = runGoldenCheck();
      expect(output).toMatch(/golden: (\d+)\/\1 checks hold \(100\.0%\)/);
      expect(status).toBe(0);
    },
    600_000,
  );
});
