/**
 * Starts Ispolnenie: validated configuration, database (embedded PGlite unless
 * DATABASE_URL), migrations, demo data on an empty embedded database (or with --demo),
 * then the HTTP server.
 */
import { openDatabase } from './db/database.js';
import { isEmpty, seedDemo } from './demo/demo-seed.js';
import { migrate } from './db/migrate.js';
import { loadEnv } from './env.js';
import { buildApp } from './http/app.js';
import { startScheduler } from './jobs/scheduler.js';
import { COMPILED, PATHS } from './paths.js';

async function main() {
  const started = performance.now();
  const env = loadEnv();
  // The template is made by the same build as the compiled server, so it matches its
  // migrations; under tsx a fresh database is created as before.
  const template = COMPILED && !process.argv.includes('--no-template') ? PATHS.pgliteTemplate : undefined;
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, template });
  const applied = await migrate(db);
  if (applied.length) console.log(`Migrations applied: ${applied.join(', ')}`);
  const wantDemo = process.argv.includes('--demo') || (db.kind === 'pglite' && !process.argv.includes('--no-demo'));
  if (wantDemo && (await isEmpty(db))) {
    const users = await seedDemo(db);
    console.log('Demo region created. Logins (login / password):');
    for (const u of users) console.log(`  ${u.role.padEnd(12)} ${u.login.padEnd(12)} ${u.password}`);
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
