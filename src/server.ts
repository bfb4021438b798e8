/**
 * Starts Ispolnenie: validated configuration, database (embedded PGlite unless
 * DATABASE_URL), migrations, demo data on an empty embedded database (or with --demo),
 * then the HTTP server.
 */
import { openDatabase } from './db/database.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_USERS, isEmpty, seedDemo } from './demo/demo-seed.js';
import { migrate } from './db/migrate.js';
import { loadEnv } from './env.js';
import { buildApp } from './http/app.js';
import { startScheduler } from './jobs/scheduler.js';
import { COMPILED, PATHS } from './paths.js';

async function main() {
  const started = performance.now();
  const env = loadEnv();
  const wantDemo = process.argv.includes('--demo') || (!env.DATABASE_URL && !process.argv.includes('--no-demo'));
  // The templates are made by the same build as the compiled server, so they match its
  // migrations and demo seed; under tsx a fresh database is created and seeded as before.
  const useTemplate = COMPILED && !process.argv.includes('--no-template');
  const template = useTemplate ? (wantDemo ? PATHS.pgliteDemoTemplate : PATHS.pgliteTemplate) : undefined;
  const fresh = !env.DATABASE_URL && !existsSync(join(env.DATA_DIR, 'pglite', 'PG_VERSION'));
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, template });
  const applied = await migrate(db);
  if (applied.length) console.log(`Migrations applied: ${applied.join(', ')}`);
  let demoUsers: typeof DEMO_USERS | null = null;
  if (wantDemo && (await isEmpty(db))) demoUsers = await seedDemo(db);
  else if (fresh && template === PATHS.pgliteDemoTemplate && existsSync(join(template, 'PG_VERSION')))
    demoUsers = DEMO_USERS; // copied in with the demo region
  if (demoUsers) {
    console.log('Demo region created. Logins (login / password):');
    for (const u of demoUsers) console.log(`  ${u.role.padEnd(12)} ${u.login.padEnd(12)} ${u.password}`);
  }
  const app = await buildApp({ db, env }, { logger: { level: env.LOG_LEVEL } });
  await app.listen({ port: env.PORT, host: env.HOST });
  console.log(
    `Ispolnenie is ready at http://localhost:${env.PORT} (database: ${db.kind}, ${Math.round(performance.now() - started)} ms)`,
  );
  const stopScheduler = env.REMINDERS_ENABLED === '1' ? startScheduler(db, env, app.log) : undefined;
  const stop = async () => {
    await stopScheduler?.();
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
