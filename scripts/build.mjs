// `npm run build` (and `npm start`, through ensureBuilt): everything the compiled server runs
// from, in dist/:
//   dist/server/server.js             the server, bundled by esbuild (npm packages stay external)
//   dist/server/workers/<name>.js     one bundle per src/workers/*.ts (see workerEntry in src/paths.ts)
//   dist/server/db/pglite-template.js the build step below
//   dist/web/                         the web app (vite); its source maps go to dist/web-sourcemaps/
//   dist/pglite-template/pglite/      a migrated empty PGlite database, copied into fresh data directories
//   dist/build-stamp.json             hashes of the inputs of each part
// A part is rebuilt when the hash of its inputs differs from the stamp (content, not mtimes:
// a git checkout touches mtimes without changing anything). Plain JS so it runs before
// anything is compiled. `node scripts/build.mjs --force` rebuilds everything.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, 'build-stamp.json');

/** Files under dir (relative to ROOT), skipping build output and dependencies. */
function files(dir, keep = () => true) {
  const out = [];
  const walk = (d) => {
    if (!existsSync(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === 'dist') continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (keep(p)) out.push(relative(ROOT, p));
    }
  };
  walk(join(ROOT, dir));
  return out;
}

function hashOf(paths) {
  const h = createHash('sha256');
  for (const p of [...paths].sort())
    h.update(p)
      .update('\0')
      .update(readFileSync(join(ROOT, p)))
      .update('\0');
  return h.digest('hex').slice(0, 16);
}

const notTest = (p) => !/\.test\.tsx?$/.test(p);
const common = ['package-lock.json', 'tsconfig.base.json', 'scripts/build.mjs'];

/** The inputs of each part. The web app may import src/domain and the shared contract (lint rule). */
const parts = {
  server: () => [...files('src', notTest), 'tsconfig.json', ...common],
  web: () => [...files('web'), ...files('src/domain', notTest), ...files('src/contract', notTest), ...common],
  // The demo template runs the demo seed, which uses the modules: all of the server's sources.
  template: () => [...files('src', notTest), ...common],
};

function readStamp() {
  try {
    return JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return {};
  }
}

function writeStamp(stamp) {
  mkdirSync(DIST, { recursive: true });
  writeFileSync(STAMP, JSON.stringify(stamp, null, 2) + '\n');
}

const outputs = {
  server: join(DIST, 'server', 'server.js'),
  web: join(DIST, 'web', 'index.html'),
  template: join(DIST, 'pglite-template', 'demo', 'pglite', 'PG_VERSION'),
};

async function buildServer() {
  const { build } = await import('esbuild');
  rmSync(join(DIST, 'server'), { recursive: true, force: true });
  const workers = files('src/workers', (p) => p.endsWith('.ts') && notTest(p) && !p.endsWith('.d.ts'));
  await build({
    absWorkingDir: ROOT,
    entryPoints: ['src/server.ts', 'src/db/pglite-template.ts', ...workers],
    outbase: 'src',
    outdir: 'dist/server',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // npm packages are loaded from node_modules at run time, as under tsx: some read their
    // own files next to them (pdfmake, az's dictionaries, PGlite's WASM) or are native (argon2).
    packages: 'external',
    // Shared code goes to chunks, and an `await import('./x.js')` of ours stays lazy (without
    // splitting esbuild would inline it and hoist its npm imports to start-up).
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    // For stack traces in our logs (node --enable-source-maps); never served.
    sourcemap: 'linked',
    tsconfig: 'tsconfig.json',
    logLevel: 'warning',
  });
}

async function buildWeb() {
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'web', 'vite.config.ts'), logLevel: 'warn' });
  // The source maps (unreferenced: sourcemap 'hidden') leave the served folder altogether.
  const maps = join(DIST, 'web-sourcemaps');
  rmSync(maps, { recursive: true, force: true });
  for (const p of files('dist/web', (f) => f.endsWith('.map'))) {
    mkdirSync(dirname(join(maps, relative('dist/web', p))), { recursive: true });
    renameSync(join(ROOT, p), join(maps, relative('dist/web', p)));
  }
}

function buildTemplate() {
  const r = spawnSync(
    process.execPath,
    [join(DIST, 'server', 'db', 'pglite-template.js'), join(DIST, 'pglite-template')],
    { stdio: 'inherit' },
  );
  if (r.status !== 0) throw new Error(`pglite template: exit ${r.status}`);
}

/** Builds the stale parts; returns their names. The template is made by a script of the server bundle, so it comes last. */
export async function ensureBuilt({ force = false, log = console.log, only = ['server', 'web', 'template'] } = {}) {
  const stamp = readStamp();
  const built = [];
  const run = async (name, fn) => {
    if (!only.includes(name)) return;
    const hash = hashOf(parts[name]());
    if (!force && stamp[name] === hash && existsSync(outputs[name])) return;
    const t = performance.now();
    log(`Building ${name}…`);
    await fn();
    stamp[name] = hash;
    writeStamp(stamp);
    built.push(name);
    log(`Built ${name} in ${Math.round(performance.now() - t)} ms`);
  };
  await run('server', buildServer);
  await run('web', buildWeb);
  await run('template', buildTemplate);
  return built;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await ensureBuilt({ force: process.argv.includes('--force') }).catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
