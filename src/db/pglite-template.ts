/**
 * Build step, run by scripts/build.mjs as `node dist/server/db/pglite-template.js <dir>`:
 * creates a migrated, empty PGlite database in <dir> and a copy of it holding the demo
 * region in <dir>/demo. A server started on an empty DATA_DIR copies one of them instead of
 * running initdb, every migration and the demo seed (nearly all of a cold start); a
 * migration added later is still applied by migrate() at start-up. The demo seed depends
 * on no date, so a template made at build time holds what a seed at start would.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { seedDemo } from '../demo/demo-seed.js';
import { openDatabase } from './database.js';
import { migrate } from './migrate.js';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node dist/server/db/pglite-template.js <directory>');
  process.exit(2);
}
rmSync(dir, { recursive: true, force: true });
// openDatabase keeps its data in <dataDir>/pglite.
const db = await openDatabase({ dataDir: dir });
await migrate(db);
await db.close();
// The demo template starts as a copy of the empty one (openDatabase copies the template in).
const demo = await openDatabase({ dataDir: join(dir, 'demo'), template: join(dir, 'pglite') });
await seedDemo(demo);
await demo.close();
