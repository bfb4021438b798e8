/**
 * In-process scheduler (croner): the daily reminders on REMINDERS_CRON and the
 * returned-report notices every 5 minutes. Every instance may run it: the jobs claim each
 * notice in the database, so several instances send nothing twice. A run never overlaps
 * the previous one of the same job (croner `protect`).
 */
import { Cron } from 'croner';
import type { Database } from '../db/database.js';
import type { Env } from '../env.js';
import { createMailer, type JobLog } from './mailer.js';
import { localIsoDate, runReminders } from './reminders.job.js';

export const RETURNED_NOTICES_CRON = '*/5 * * * *';

/**
 * Starts the scheduled jobs; the returned function stops them and waits for a run in progress.
 * @example const stop = startScheduler(db, env, app.log); … await stop();
 */
export function startScheduler(
  db: Database,
  env: Pick<
    Env,
    | 'REMINDERS_CRON'
    | 'PUBLIC_URL'
    | 'SMTP_HOST'
    | 'SMTP_PORT'
    | 'SMTP_USER'
    | 'SMTP_PASSWORD'
    | 'SMTP_FROM'
    | 'SMTP_SECURE'
  >,
  log: JobLog,
): () => Promise<void> {
  const mailer = createMailer(env, log);
  const running = new Set<Promise<void>>();

  const job = (name: string, kinds?: Parameters<typeof runReminders>[2]['kinds']) => () => {
    const run = runReminders(db, mailer, { today: localIsoDate(), publicUrl: env.PUBLIC_URL, kinds, log })
      .then((result) => {
        if (result.planned) log.info({ ...result }, `${name}: run`);
      })
      .catch((e: unknown) => log.error({ err: e instanceof Error ? e.message : String(e) }, `${name}: run failed`));
    running.add(run);
    return run.finally(() => running.delete(run));
  };

  const crons = [new Cron(env.REMINDERS_CRON, { protect: true }, job('reminders'))];
  if (mailer.configured) {
    crons.push(new Cron(RETURNED_NOTICES_CRON, { protect: true }, job('returned-notices', ['returned'])));
  } else {
    // Without SMTP the daily run still logs what it would send; polling every 5 minutes would only repeat it.
    log.warn({}, 'SMTP is not configured (SMTP_HOST): reminder e-mails are logged, not sent');
  }
  log.info({ reminders: env.REMINDERS_CRON, next: crons[0].nextRun()?.toISOString() ?? null }, 'scheduler started');

  return async () => {
    for (const c of crons) c.stop();
    await Promise.allSettled([...running]);
    mailer.close();
  };
}
