/**
 * Reminder e-mails end to end, on both engines, through a real SMTP server (smtp-server
 * on 127.0.0.1) that keeps what it receives; messages are decoded here (MIME multipart,
 * base64 / quoted-printable, RFC 2047 headers) to assert the Russian text.
 *
 * Demo data on 11 January 2026 (a Sunday): Минкультуры («executor») has the control dates
 * of 2.2 and 3.1 on Monday 12 January (within the default 3 days) and owes the IV quarter
 * 2025 reports of 2.2, 2.3 and 3.1, due on the 10th, a Saturday, and so (ГК РФ ст. 193)
 * on Monday 12 January as well. On Tuesday 13 January all five were missed yesterday.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database';
import { loadEnv } from '../../src/env';
import { createMailer, type JobLog } from '../../src/jobs/mailer';
import { runReminders } from '../../src/jobs/reminders.job';
import { startScheduler } from '../../src/jobs/scheduler';
import { engines } from '../helpers/test-db';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { startSink, type Sink } from '../helpers/smtp-sink';

const PUBLIC_URL = 'https://ispolnenie.example.ru';
const PLAN_TITLE =
  'План мероприятий по поддержке социально ориентированных некоммерческих организаций в Северо-Озёрской области на 2025–2027 годы';

const silent: JobLog = { info() {}, warn() {}, error() {} };

// ---------------------------------------------------------------------------

describe.each(engines)('reminder e-mails (%s)', (engine) => {
  let t: TestApp;
  let sink: Sink;
  const smtpEnv = () =>
    loadEnv({
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(sink.port),
      SMTP_FROM: 'Исполнение <noreply@demo.ispolnenie.local>',
    });
  const run = (today: string, kinds?: Parameters<typeof runReminders>[2]['kinds']) => {
    const mailer = createMailer(smtpEnv(), silent);
    return runReminders(t.db, mailer, { today, publicUrl: PUBLIC_URL, kinds, log: silent }).finally(() =>
      mailer.close(),
    );
  };
  const notices = async () => (await t.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM notifications`))!.n;

  beforeAll(async () => {
    [t, sink] = await Promise.all([createTestApp(engine), startSink()]);
  });
  afterAll(async () => {
    await t?.dispose();
    await sink?.close();
  });

  it('sends nothing and records nothing while SMTP is not configured', async () => {
    const warnings: string[] = [];
    const mailer = createMailer(loadEnv({}), { ...silent, warn: (_o, msg) => warnings.push(msg ?? '') });
    expect(mailer.configured).toBe(false);
    const r = await runReminders(t.db, mailer, { today: '2026-01-11', publicUrl: PUBLIC_URL, log: silent });
    // Digests to Минкультуры («executor») and Минздрав («executor2»).
    expect(r).toMatchObject({ planned: 2, sent: 0, unsent: 2, failed: 0 });
    expect(warnings).toEqual(Array(2).fill('mail not sent: SMTP is not configured'));
    expect(await notices()).toBe(0);
    expect(sink.mails).toHaveLength(0);
  });

  it('lets a user switch reminders off and change the days ahead, audited', async () => {
    const ex2 = await t.as('executor2');
    expect((await ex2.get('/api/auth/settings')).body).toEqual({
      notifyEnabled: true,
      notifyDaysBefore: 3,
      email: 'executor2@demo.ispolnenie.local',
      phone: '',
      position: '',
    });
    const off = await ex2.patch('/api/auth/settings', { notifyEnabled: false });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ notifyEnabled: false, notifyDaysBefore: 3 });
    expect((await ex2.patch('/api/auth/settings', { notifyDaysBefore: 31 })).status).toBe(400);
    expect((await ex2.patch('/api/auth/settings', { notifyDaysBefore: 2, email: 'x@y.ru' })).status).toBe(400);
    expect((await t.anonymous().get('/api/auth/settings')).status).toBe(401);
    const audit = await t.db.query<{ action: string; before: unknown; after: unknown }>(
      `SELECT e.action, e.before, e.after FROM audit_events e JOIN users u ON u.id = e.entity_id WHERE e.entity_type = 'user' AND u.login = 'executor2' ORDER BY e.id`,
    );
    expect(audit).toEqual([
      {
        action: 'user.settings',
        before: { notifyEnabled: true, notifyDaysBefore: 3 },
        after: { notifyEnabled: false, notifyDaysBefore: 3 },
      },
    ]);
  });

  it("sends the executor a digest of dates within 3 days and a notice of yesterday's missed reports, once", async () => {
    const r = await run('2026-01-11');
    expect(r).toMatchObject({
      job: 'reminders',
      planned: 1,
      sent: 1,
      failed: 0,
      byKind: { upcoming: 1, missed: 0, weekly: 0, returned: 0 },
    });
    // executor2 (Минздрав, also owing the 2.3 report) switched reminders off; it is Sunday, so no weekly summary.
    expect(sink.mails.map((m) => m.to)).toEqual([['executor@demo.ispolnenie.local']]);
    const r2 = await run('2026-01-13');
    expect(r2).toMatchObject({
      job: 'reminders',
      planned: 1,
      sent: 1,
      failed: 0,
      byKind: { upcoming: 0, missed: 1, weekly: 0, returned: 0 },
    });
    expect(sink.mails.map((m) => m.to)).toEqual([
      ['executor@demo.ispolnenie.local'],
      ['executor@demo.ispolnenie.local'],
    ]);
    const [upcoming, missed] = sink.mails;
    expect(upcoming.from).toBe('Исполнение <noreply@demo.ispolnenie.local>');
    expect(upcoming.headers['auto-submitted']).toBe('auto-generated');
    expect(upcoming.subject).toBe('Напоминание: 5 сроков в ближайшие 3 дня');
    expect(upcoming.text).toContain('Здравствуйте, Андрей Викторович!');
    expect(upcoming.text).toContain('в исполнении которых участвует Минкультуры');
    expect(upcoming.text).toContain(
      '1. 12 января 2026 г. (завтра) — срок исполнения\n' +
        '   № 2.2 Организация культурно-просветительских мероприятий с участием СО НКО в учреждениях культуры\n' +
        `   ${PLAN_TITLE}\n`,
    );
    // The report day, Saturday the 10th, moved to the next working day.
    expect(upcoming.text).toContain(
      '2. 12 января 2026 г. (завтра) — отчёт за IV квартал 2025 г.\n   № 2.2 Организация',
    );
    expect(upcoming.text).toContain(
      '3. 12 января 2026 г. (завтра) — отчёт за IV квартал 2025 г.\n   № 2.3 Привлечение СО НКО',
    );
    expect(upcoming.text).toContain(
      '4. 12 января 2026 г. (завтра) — срок исполнения\n   № 3.1 Размещение информации о мерах поддержки СО НКО',
    );
    const id22 = (await t.db.one<{ id: number }>(`SELECT id FROM measures WHERE number = '2.2' AND plan_id = 1`))!.id;
    expect(upcoming.text).toContain(`${PUBLIC_URL}/measures/${id22}`);
    expect(upcoming.html).toContain(
      `<a href="${PUBLIC_URL}/measures/${id22}">№ 2.2 Организация культурно-просветительских мероприятий`,
    );

    expect(missed.subject).toBe('Пропущены сроки 12 января 2026 г.: 5 пунктов');
    expect(missed.text).toContain(
      'Вчера, 12 января 2026 г., истёк срок по мероприятиям, в исполнении которых участвует Минкультуры:',
    );
    expect(missed.text).toMatch(/1\. срок исполнения истёк, исполнение не отмечено\n {3}№ 2\.2 Организация/);
    expect(missed.text).toMatch(/2\. отчёт за IV квартал 2025 г\. не представлен\n {3}№ 2\.2 Организация/);
    expect(missed.text).toMatch(/3\. отчёт за IV квартал 2025 г\. не представлен\n {3}№ 2\.3 Привлечение СО НКО/);
    expect(missed.text).toMatch(/5\. отчёт за IV квартал 2025 г\. не представлен\n {3}№ 3\.1 Размещение/);

    // Each notice and each item it announced is recorded; the run is recorded.
    const rows = await t.db.query<{ kind: string; dedupe_key: string }>(
      `SELECT kind, dedupe_key FROM notifications ORDER BY dedupe_key`,
    );
    expect(rows.filter((n) => !n.kind.endsWith('.item')).map((n) => n.dedupe_key)).toEqual([
      'digest:3:2026-01-11:before',
      'digest:3:2026-01-13:missed',
    ]);
    expect(
      rows.filter((n) => n.kind === 'upcoming.item' && n.dedupe_key.startsWith('report:')).map((n) => n.dedupe_key),
    ).toEqual(Array(3).fill(expect.stringMatching(/^report:3:\d+:2026-01-12:before$/)));
    expect(
      rows.filter((n) => n.kind === 'upcoming.item' && n.dedupe_key.startsWith('due:')).map((n) => n.dedupe_key),
    ).toEqual([`due:3:${id22}:due:2026-01-12:before`, expect.stringMatching(/^due:3:\d+:due:2026-01-12:before$/)]);
    const jobRun = await t.db.one<{ last_result: { sent: number }; finished: boolean }>(
      `SELECT last_result, last_finished_at IS NOT NULL AS finished FROM job_runs WHERE name = 'reminders'`,
    );
    expect(jobRun).toMatchObject({ finished: true, last_result: { sent: 1 } });

    // The same day again: nothing new.
    const before = await notices();
    expect(await run('2026-01-11')).toMatchObject({ planned: 0, sent: 0 });
    expect(await run('2026-01-13')).toMatchObject({ planned: 0, sent: 0 });
    expect(sink.mails).toHaveLength(2);
    expect(await notices()).toBe(before);
  });

  it('tells the executor once when a report is returned for rework', async () => {
    sink.mails.length = 0;
    const report = (await t.db.one<{ id: number; version: number }>(
      `SELECT r.id, r.version FROM reports r JOIN measures m ON m.id = r.measure_id JOIN reporting_periods rp ON rp.id = r.period_id
       JOIN organisations o ON o.id = r.organisation_id
       WHERE m.number = '2.2' AND m.plan_id = 1 AND rp.label = 'IV квартал 2025 г.' AND o.short_name = 'Минкультуры'`,
    ))!;
    // As the review does (being written elsewhere): state, comment, a new version and its record.
    await t.db.query(
      `UPDATE reports SET state = 'returned', review_comment = 'Укажите число проведённых мероприятий и участников', version = version + 1 WHERE id = $1`,
      [report.id],
    );
    await t.db.query(
      `INSERT INTO report_versions (report_id, version, action, snapshot) VALUES ($1, $2, 'return', '{}')`,
      [report.id, report.version + 1],
    );

    expect(await run('2026-01-11', ['returned'])).toMatchObject({
      job: 'reminders:returned',
      sent: 1,
      byKind: { returned: 1 },
    });
    expect(sink.mails).toHaveLength(1);
    const m = sink.mails[0];
    expect(m.to).toEqual(['executor@demo.ispolnenie.local']);
    expect(m.subject).toBe(
      'Отчёт возвращён на доработку: № 2.2 Организация культурно-просветительских мероприятий с участием…',
    );
    expect(m.text).toContain('Отчёт Минкультуры за IV квартал 2025 г. возвращён на доработку.');
    expect(m.text).toContain('Комментарий: «Укажите число проведённых мероприятий и участников»');
    expect(m.html).toContain('Комментарий: «Укажите число проведённых мероприятий и участников»');

    // Run again, and after the executor saves a draft of the returned report: no second notice.
    expect(await run('2026-01-11', ['returned'])).toMatchObject({ planned: 0, sent: 0 });
    await t.db.query(`UPDATE reports SET text = 'Проведено 12 мероприятий', version = version + 1 WHERE id = $1`, [
      report.id,
    ]);
    expect(await run('2026-01-11', ['returned'])).toMatchObject({ planned: 0, sent: 0 });
    expect(sink.mails).toHaveLength(1);
  });

  it('sends the coordinator a weekly summary on Monday, once', async () => {
    sink.mails.length = 0;
    const r = await run('2026-01-12');
    expect(r.byKind).toEqual({ upcoming: 0, missed: 0, weekly: 1, returned: 0 });
    expect(sink.mails.map((m) => m.to)).toEqual([['coordinator@demo.ispolnenie.local']]);
    const m = sink.mails[0];
    // The counts agree with the dashboard's traffic light (red: overdue, yellow: due by Sunday).
    const coord = await t.as('coordinator');
    const dash = (await coord.get('/api/dashboard?planId=1&asOf=2026-01-12&soonDays=6')).body;
    const council = (await coord.get('/api/dashboard?planId=2&asOf=2026-01-12&soonDays=6')).body;
    expect(dash.totals.byLight.red).toBeGreaterThan(0);
    expect(council.totals.byLight.red).toBeGreaterThan(0);
    // Both plans Минсоцзащиты owns, summed in the subject.
    expect(m.subject).toBe(
      `Сводка на неделю 12–18 января 2026 г.: просрочено ${dash.totals.byLight.red + council.totals.byLight.red}, на проверке 0`,
    );
    expect(m.text).toContain(
      `Поручения Координационного совета по поддержке социально ориентированных некоммерческих организаций при Губернаторе Северо-Озёрской области\n` +
        `   просрочено мероприятий: ${council.totals.byLight.red}\n`,
    );
    expect(m.text).toContain('Здравствуйте, Елена Сергеевна!');
    expect(m.text).toContain(
      `Сводка по планам Минсоцзащиты на неделю 12–18 января 2026 г.:\n\n${PLAN_TITLE}\n` +
        `   просрочено мероприятий: ${dash.totals.byLight.red}\n   срок на этой неделе: ${dash.totals.byLight.yellow}\n   отчётов ждут проверки: 0\n   ${PUBLIC_URL}/plans/1`,
    );
    expect(await run('2026-01-12')).toMatchObject({ planned: 0, sent: 0 });
    expect(sink.mails).toHaveLength(1);
  });

  it('leaves a notice unrecorded when the SMTP server cannot be reached, so the next run sends it', async () => {
    sink.mails.length = 0;
    // Re-enable executor2: the missed 2.3 report of 12 January is now theirs to hear about.
    const ex2 = await t.as('executor2');
    await ex2.patch('/api/auth/settings', { notifyEnabled: true });
    const before = await notices();
    const dead = createMailer(loadEnv({ SMTP_HOST: '127.0.0.1', SMTP_PORT: '1' }), silent);
    expect(await runReminders(t.db, dead, { today: '2026-01-13', publicUrl: PUBLIC_URL, log: silent })).toMatchObject({
      planned: 1,
      sent: 0,
      failed: 1,
    });
    dead.close();
    expect(await notices()).toBe(before);
    const r = await run('2026-01-13');
    expect(r).toMatchObject({ sent: 1, byKind: { missed: 1 } });
    expect(sink.mails.map((m) => [m.to[0], m.subject])).toEqual([
      [
        'executor2@demo.ispolnenie.local',
        'Пропущен срок 12 января 2026 г.: № 2.3 Привлечение СО НКО к оказанию услуг по профилактике заболеваний…',
      ],
    ]);
  });

  it('sends each notice once when two instances run at the same time', async () => {
    sink.mails.length = 0;
    // 29 March 2026: the 3.1 control date of 31 March is within 3 days for Минкультуры.
    // On PostgreSQL the second instance has its own connection pool, as another process would.
    let other: Database = t.db;
    if (t.db.kind === 'postgres') {
      const url = new URL(process.env.DATABASE_URL!);
      url.pathname = `/${(await t.db.one<{ name: string }>(`SELECT current_database() AS name`))!.name}`;
      other = await openDatabase({ databaseUrl: url.toString() });
    }
    const mailers = [createMailer(smtpEnv(), silent), createMailer(smtpEnv(), silent)];
    const [a, b] = await Promise.all(
      [t.db, other].map((db, i) =>
        runReminders(db, mailers[i], { today: '2026-03-29', publicUrl: PUBLIC_URL, log: silent }),
      ),
    );
    for (const m of mailers) m.close();
    if (other !== t.db) await other.close();
    expect(a.sent + b.sent).toBe(1);
    expect(a.failed + b.failed).toBe(0);
    expect(sink.mails).toHaveLength(a.sent + b.sent);
    const sent = sink.mails.map((m) => `${m.to.join(',')} ${m.subject}`);
    expect(new Set(sent).size).toBe(sent.length);
    expect(sent).toContain('executor@demo.ispolnenie.local Напоминание: 1 срок в ближайшие 3 дня');
    expect(sink.mails.find((m) => m.to[0] === 'executor@demo.ispolnenie.local')!.text).toContain(
      '31 марта 2026 г. (через 2 дня) — срок исполнения\n   № 3.1',
    );
  });

  it('the scheduler runs the job on its schedule and stops cleanly', { timeout: 90_000 }, async () => {
    const env = { ...smtpEnv(), REMINDERS_CRON: '* * * * * *' };
    await t.db.query(`DELETE FROM job_runs`);
    const stop = startScheduler(t.db, env, silent);
    // Wait for the first finished run, polling: under a loaded CI machine it may take seconds.
    const finishedRun = () =>
      t.db.one(`SELECT name FROM job_runs WHERE name = 'reminders' AND last_finished_at IS NOT NULL`);
    for (let i = 0; i < 300 && !(await finishedRun()); i++) await new Promise((r) => setTimeout(r, 200));
    await stop();
    expect(
      await t.db.one(`SELECT name FROM job_runs WHERE name = 'reminders' AND last_finished_at IS NOT NULL`),
    ).toEqual({ name: 'reminders' });
  });
});
