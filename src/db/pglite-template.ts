/**
 * Build step, run by scripts/build.mjs as `node dist/server/db/pglite-template.js <dir>`:
 * creates a migrated, empty PGlite database in <dir>. A server started on an empty
 * DATA_DIR copies it instead of running initdb and every migration (most of a cold
 * start); a migration added later is still applied by migrate() at start-up.
 */
import { rmSync } from 'node:fs';
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
