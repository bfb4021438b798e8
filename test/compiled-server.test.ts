/**
 * The compiled server: bundled by scripts/build.mjs and run with plain node on an empty data
 * directory, it finds everything it reads from disk outside the bundle (the migrations, the
 * build's PGlite template, the PDF fonts), starts with the demo data and answers like the
 * server under tsx. The web bundle is left to the browser tests (they build it under a lock).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../scripts/build.mjs';

let child: ChildProcess | undefined;
let dataDir = '';
let base = '';
let output = '';

beforeAll(async () => {
  await ensureBuilt({ only: ['server', 'template'], log: () => undefined });
  dataDir = mkdtempSync(join(tmpdir(), 'ispolnenie-compiled-'));
  const port = 4100 + Math.floor(Math.random() * 800);
  base = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, ['--enable-source-maps', 'dist/server/server.js'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      REMINDERS_ENABLED: '0',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (b: Buffer) => {
    output += b.toString();
  });
  child.stderr!.on('data', (b: Buffer) => {
    output += b.toString();
  });
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`compiled server exited with ${child.exitCode}:\n${output}`);
    if (
      await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) throw new Error(`compiled server not healthy in 90 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}, 240_000);

afterAll(async () => {
  if (child && child.exitCode === null)
    await new Promise<void>((resolve) => {
      child!.once('exit', () => resolve());
      child!.kill('SIGTERM');
    });
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('compiled server (dist/server/server.js under plain node)', () => {
  it('starts an empty data directory from the template and seeds the demo region', async () => {
    expect(existsSync(join(dataDir, 'pglite', 'PG_VERSION'))).toBe(true);
    expect(output).toContain('Demo region created');
    expect(await (await fetch(`${base}/api/health`)).json()).toEqual({ status: 'ok', database: 'pglite' });
  });

  it('logs in and exports a demo plan as PDF with the bundled fonts', async () => {
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'coordinator', password: 'demo-coord-2025' }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie()[0].split(';')[0];
    const list = (
      (await (await fetch(`${base}/api/plans`, { headers: { cookie } })).json()) as { items: { id: number }[] }
    ).items;
    expect(list.length).toBeGreaterThan(0);
    const pdf = await fetch(`${base}/api/plans/${list[0].id}/export?format=pdf`, { headers: { cookie } });
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });
});
