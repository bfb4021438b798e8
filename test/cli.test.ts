/**
 * The command line as a batch-loading official would use it: import a document into the
 * configured embedded database, apply a report to the saved plan, export the result.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dataDir = mkdtempSync(join(tmpdir(), 'isp-cli-'));
const cli = (...args: string[]) =>
  execFileSync('npm', ['run', '--silent', 'cli', '--', ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
const lastJson = (out: string) => JSON.parse(out.trim().split('\n').at(-1)!);

describe('cli import and export', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('saves a plan, applies a report to it and exports the consolidated report', () => {
    const saved = lastJson(cli('import', 'test/fixtures/api/volunteer-plan.txt'));
    expect(saved.planId).toBeGreaterThan(0);
    const out = join(dataDir, 'report.docx');
    const exported = lastJson(cli('export', '--plan', String(saved.planId), '--format', 'docx', '--out', out));
    expect(exported.measures).toBe(4);
    expect(existsSync(out)).toBe(true);
    const reread = JSON.parse(cli('import', '--dry-run', '--format', 'json', out));
    expect(reread.items.map((i: { number: string }) => i.number)).toEqual(['1.1', '1.2', '2.1', '2.2']);
    expect(reread.items[0].deadlineText).toBe('ежеквартально');
  }, 120_000);

  it('fails cleanly, in Russian and English, on a file it cannot read', () => {
    let err: { status: number; stderr: string } | undefined;
    try {
      cli('import', '--dry-run', 'package.json.missing');
    } catch (e) {
      err = e as never;
    }
    expect(err?.status).toBe(1);
    expect(err?.stderr).toMatch(/файл не найден/);
    expect(err?.stderr).toMatch(/cannot read/);
  });
});
