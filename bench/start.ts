/**
 * Cold start: from spawning the server on an empty data directory (embedded PGlite, demo
 * data created, as `npm start` on a fresh clone) to the first healthy GET /api/health.
 *   npm run bench -- start [--runs 3] [--only tsx|compiled|compiled-no-template]
 * Modes: `tsx` runs src/server.ts through tsx (how `npm start` ran before the compiled
 * server); `compiled` is today's `npm start` (scripts/start.mjs: staleness check, then
 * dist/server/server.js, fresh database from the build's PGlite template);
 * `compiled-no-template` the same with initdb and every migration run at start.
 * Target: ≤ 5 s for `compiled`. The build itself is made first and not counted.
 * The machine is shared, so each line also gives the server process's own CPU time and
 * the load average: a wall figure under load is not the figure of an idle machine.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt } from '../scripts/build.mjs';
import { option } from './_stats';

const MODES = {
  tsx: ['--import', 'tsx', 'src/server.ts'],
  compiled: ['scripts/start.mjs'],
  'compiled-no-template': ['scripts/start.mjs', '--no-template'],
} as const;
type Mode = keyof typeof MODES;

/** user+system CPU of a live process, in ms (Linux /proc; clock ticks are 100 Hz there). */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

async function coldStart(mode: Mode): Promise<{ wallMs: number; cpuMs: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ispolnenie-start-'));
  const port = 3800 + Math.floor(Math.random() * 90);
  const started = performance.now();
  const child = spawn(process.execPath, [...MODES[mode]], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      REMINDERS_ENABLED: '0',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited: number | null = null;
  child.on('exit', (code) => {
    exited = code ?? -1;
  });
  try {
    for (;;) {
      if (exited !== null) throw new Error(`${mode}: server exited with ${exited} before it was healthy`);
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    return { wallMs: performance.now() - started, cpuMs: cpuMs(child.pid!) };
  } finally {
    if (exited === null)
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function run(argv: string[]) {
  const runs = option(argv, '--runs', 3);
  const i = argv.indexOf('--only');
  const only = i >= 0 ? (argv[i + 1] as Mode) : undefined;
  if (only && !(only in MODES)) throw new Error(`--only: one of ${Object.keys(MODES).join(', ')}`);
  const built = await ensureBuilt({ log: (m) => console.log(`  ${m}`) });
  console.log(built.length ? `build refreshed: ${built.join(', ')}` : 'build is current');
  const modes = only ? [only] : (Object.keys(MODES) as Mode[]);
  // One unmeasured start per mode warms the OS file cache (and tsx's transform cache).
  for (const mode of modes) await coldStart(mode);
  for (const mode of modes) {
    const results = [];
    for (let r = 0; r < runs; r++) results.push(await coldStart(mode));
    const wall = results.map((x) => x.wallMs);
    console.log(
      `cold start to healthy /api/health, ${mode.padEnd(20)} ${runs} runs: median ${s(median(wall))} (min ${s(Math.min(...wall))}, max ${s(Math.max(...wall))}); ` +
        `server CPU median ${s(median(results.map((x) => x.cpuMs)))}; load average ${loadavg()[0].toFixed(1)}`,
    );
  }
}
