/**
 * Benchmark runner: `npm run bench -- <name> [options]` runs bench/<name>.ts.
 * Each benchmark module exports `run(argv)` and prints its own figures.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''));
const [name, ...rest] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.error(`Usage: npm run bench -- <name> [options]\nAvailable: ${available.join(', ')}`);
  process.exit(name ? 2 : 0);
}
const mod = (await import(join(here, `${name}.ts`))) as { run: (argv: string[]) => Promise<void> };
await mod.run(rest);
