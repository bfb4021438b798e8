/**
 * `remind [--today YYYY-MM-DD]` runs the reminder job once against the configured database
 * and SMTP server, as the scheduler does at REMINDERS_CRON, and prints what it did as JSON.
 * Safe to repeat: a notice already recorded is not sent again.
 */
import { loadEnv } from '../../env.js';
import { createMailer, type JobLog } from '../../jobs/mailer.js';
import { localIsoDate, runReminders } from '../../jobs/reminders.job.js';
import { openConfigured } from '../save-imported.js';

const USAGE = 'Использование: npm run --silent cli -- remind [--today ГГГГ-ММ-ДД]\n';

/** Log lines go to stderr so that stdout carries only the JSON result. */
const stderrLog: JobLog = {
  info: (obj, msg) => process.stderr.write(`${msg ?? ''} ${JSON.stringify(obj)}\n`),
  warn: (obj, msg) => process.stderr.write(`${msg ?? ''} ${JSON.stringify(obj)}\n`),
  error: (obj, msg) => process.stderr.write(`${msg ?? ''} ${JSON.stringify(obj)}\n`),
};

export async function run(argv: string[]): Promise<number> {
  const i = argv.indexOf('--today');
  const today = i >= 0 ? argv[i + 1] : localIsoDate();
  const unknown = argv.filter((a, j) => a.startsWith('--') && a !== '--today' && !(j === i + 1 && i >= 0));
  if (
    !today ||
    !/^\d{4}-\d{2}-\d{2}$/.test(today) ||
    Number.isNaN(Date.parse(`${today}T00:00:00Z`)) ||
    unknown.length
  ) {
    process.stderr.write(USAGE);
    return 2;
  }
  const env = loadEnv();
  const mailer = createMailer(env, stderrLog);
  if (!mailer.configured)
    process.stderr.write('SMTP не настроен (SMTP_HOST): письма не отправляются и не отмечаются отправленными.\n');
  const db = await openConfigured();
  try {
    const result = await runReminders(db, mailer, { today, publicUrl: env.PUBLIC_URL, log: stderrLog });
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return result.failed ? 1 : 0;
  } finally {
    mailer.close();
    await db.close();
  }
}
