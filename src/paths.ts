/**
 * Files the server reads at run time that are not code, found from the package root (the
 * folder holding package.json). Relative-to-module paths would break in the compiled bundle,
 * where every module's import.meta.url is dist/server/server.js; from the root the same
 * paths hold under tsx (src/…) and compiled (dist/server/…). See docs/decisions/0008.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(import.meta.url);

function packageRoot(): string {
  for (let dir = dirname(here); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`package.json not found above ${here}`);
  }
}

/** True when running the esbuild bundle from dist/server, false under tsx/vitest. */
export const COMPILED = here.endsWith('.js');

export const ROOT = packageRoot();

export const PATHS = {
  /** Forward-only SQL migrations; read from the checkout in both modes (no copy to go stale). */
  migrations: join(ROOT, 'src', 'db', 'migrations'),
  /** DejaVu Serif for the PDF export. */
  fonts: join(ROOT, 'assets', 'fonts'),
  /** The built web app (vite build), served by the same process. */
  webDist: join(ROOT, 'dist', 'web'),
  /** A migrated empty PGlite data directory made by the build; a fresh DATA_DIR starts as a copy of it. */
  pgliteTemplate: join(ROOT, 'dist', 'pglite-template', 'pglite'),
  /** The same with the demo region already seeded: a fresh DATA_DIR that wants the demo starts as a copy of it. */
  pgliteDemoTemplate: join(ROOT, 'dist', 'pglite-template', 'demo', 'pglite'),
};

/**
 * A worker thread's entry file `src/workers/<name>.ts`: the source under tsx (the worker
 * inherits `--import tsx` from the parent's execArgv), the compiled file
 * dist/server/workers/<name>.js when running compiled. scripts/build.mjs builds every
 * src/workers/*.ts as its own entry.
 */
export function workerEntry(name: string): URL {
  const file = COMPILED
    ? join(ROOT, 'dist', 'server', 'workers', `${name}.js`)
    : join(ROOT, 'src', 'workers', `${name}.ts`);
  return pathToFileURL(file);
}
