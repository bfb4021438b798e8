/**
 * The workspace on both engines: report lists filtered and paged on the server and scoped
 * to the user, in-app notifications written with the events that cause them, bulk accept
 * with per-item outcomes, «Напомнить исполнителю» (one e-mail through a real SMTP sink, a
 * notice, an audit record, once per day), the executor's home page, and the reminder job's
 * notices in the bell.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer, type JobLog } from '../../src/jobs/mailer';
import { runReminders } from '../../src/jobs/reminders.job';
import { loadEnv } from '../../src/env';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app';
import { engines } from '../helpers/test-db';
import { startSink, type Sink } from '../helpers/smtp-sink';

interface Item {
  id: number;
  version: number;
  state: string;
  role: string;
  organisation: { id: number; shortName: string };
  measure: { id: number; number: string; title: string; label: string };
  plan: { id: number; shortTitle: string };
  period: { label: string };
  dueOn: string;
  abilities: { accept: boolean };
}
interface Notice {
  id: number;
  kind: string;
  title: string;
  body: string;
  reportId: number | null;
  measureId: number | null;
  read: boolean;
}

const silent: JobLog = { info() {}, warn() {}, error() {} };

describe.each(engines)('the workspace on %s', (engine) => {
  let t: TestApp;
  let sink: Sink;
  let coord: Client;
  let exec: Client; // Минкультуры
  let exec2: Client; // Минздрав
  let observer: Client;
  let admin: Client;
  let orgs: Record<string, number>;
  let planId: number;
  let accepted: Item;

  beforeAll(async () => {
    sink = await startSink();
    t = await createTestApp(engine, {
      env: {
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(sink.port),
        SMTP_FROM: 'Исполнение <noreply@demo.ispolnenie.local>',
      },
    });
    [coord, exec, exec2, observer, admin] = await Promise.all(
      ['coordinator', 'executor', 'executor2', 'observer', 'admin'].map((l) => t.as(l)),
    );
    orgs = Object.fromEntries(
      (await admin.get('/api/organisations')).body.items.map((o: { shortName: string; id: number }) => [
        o.shortName,
        o.id,
      ]),
    );
    planId = (await coord.get('/api/plans')).body.items.find((p: { kind: string }) => p.kind === 'plan').id;
  });
  afterAll(async () => {
    await t?.dispose();
    await sink?.close();
  });

  const notices = async (c: Client) => (await c.get('/api/notifications')).body as { items: Notice[]; unread: number };
  const list = async (c: Client, q: string) => {
    const r = await c.get(`/api/reports?${q}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as { items: Item[]; total: number; byState: Record<string, number>; page: number; pageSize: number };
  };

  it('lists reports with the plan, the measure as printed and the executor, scoped to the user; filters and pages on the server', async () => {
    const mine = await list(exec, 'pageSize=200');
    expect(mine.total).toBeGreaterThan(0);
    expect(new Set(mine.items.map((i) => i.organisation.shortName))).toEqual(new Set(['Минкультуры']));
    // An executor asking for everything still gets only its own organisation's reports.
    expect((await list(exec, 'view=all&pageSize=1')).total).toBe(mine.total);
    expect((await list(exec, `organisationId=${orgs['Минздрав']}`)).total).toBe(0);
    const item = mine.items[0];
    expect(item.measure.label).toBe(`№ ${item.measure.number} ${item.measure.title}`);
    expect(item.plan.shortTitle).toMatch(/^(План мероприятий|Поручения)/);

    const all = await list(observer, 'pageSize=1');
    expect(all.total).toBeGreaterThan(mine.total);
    const minzdrav = await list(coord, `organisationId=${orgs['Минздрав']}&pageSize=200`);
    expect(minzdrav.total).toBeGreaterThan(0);
    expect(minzdrav.items.every((i) => i.organisation.id === orgs['Минздрав'])).toBe(true);

    // Paging keeps the total; pages do not overlap.
    const p1 = await list(coord, `planId=${planId}&pageSize=3&page=1`);
    const p2 = await list(coord, `planId=${planId}&pageSize=3&page=2`);
    expect(p2.total).toBe(p1.total);
    expect(p1.items.map((i) => i.id).filter((id) => p2.items.some((x) => x.id === id))).toEqual([]);
    expect(p1.items.every((i) => i.plan.id === planId)).toBe(true);
    // Sorted by due day.
    const days = (await list(coord, `planId=${planId}&pageSize=200`)).items.map((i) => i.dueOn);
    expect(days).toEqual([...days].sort());

    const label = item.period.label;
    const byPeriod = await list(coord, `periodLabel=${encodeURIComponent(label)}&pageSize=200`);
    expect(byPeriod.items.every((i) => i.period.label === label)).toBe(true);
    const window = await list(coord, 'dueFrom=2026-01-01&dueTo=2026-03-31&pageSize=200');
    expect(window.items.every((i) => i.dueOn >= '2026-01-01' && i.dueOn <= '2026-03-31')).toBe(true);
    const expected = await list(coord, 'state=expected,draft&pageSize=1');
    expect(expected.total).toBe(expected.byState.expected + expected.byState.draft);

    expect((await exec.get('/api/reports?view=review')).status).toBe(403);
    expect((await observer.get('/api/reports?view=review')).status).toBe(403);
    expect((await coord.get('/api/reports?state=lost')).status).toBe(400);
    expect((await coord.get('/api/reports?pageSize=100000')).status).toBe(400);
    expect((await t.anonymous().get('/api/reports')).status).toBe(401);
    expect((await exec.get(`/api/reports/period-labels?planId=${planId}`)).body.items).toContain(label);
  });

  it("writes a notice in the executor's bell when its report is returned or accepted; each user reads only their own", async () => {
    const leads = (await list(exec, `planId=${planId}&state=expected&pageSize=200`)).items.filter(
      (i) => i.role === 'lead',
    );
    expect(leads.length).toBeGreaterThanOrEqual(2);
    const [a, b] = leads;
    for (const r of [a, b]) {
      const s = await exec.post(`/api/reports/${r.id}/submit`, {
        version: r.version,
        text: `Исполнено: ${r.measure.number}`,
        resultStatus: 'done',
      });
      expect(s.status, JSON.stringify(s.body)).toBe(200);
    }
    const before = (await notices(exec)).unread;
    const cur = (await coord.get(`/api/reports/${a.id}`)).body;
    expect(
      (await coord.post(`/api/reports/${a.id}/return`, { version: cur.version, comment: 'Приложите акт' })).status,
    ).toBe(200);
    const n = await notices(exec);
    expect(n.unread).toBe(before + 1);
    expect(n.items[0]).toMatchObject({
      kind: 'report_returned',
      reportId: a.id,
      read: false,
      title: `Отчёт за ${a.period.label} возвращён на доработку`,
    });
    expect(n.items[0].body).toContain('Что доработать: «Приложите акт»');
    expect(n.items[0].body).toContain(`№ ${a.measure.number} `);
    expect(n.items[0].body).not.toMatch(/Мероприятие \d+/);
    // Others do not see it, and cannot mark it read.
    expect((await notices(exec2)).items.some((x) => x.id === n.items[0].id)).toBe(false);
    expect((await notices(observer)).items.some((x) => x.id === n.items[0].id)).toBe(false);
    expect((await exec2.post('/api/notifications/read', { ids: [n.items[0].id] })).status).toBe(200);
    expect((await exec.get('/api/notifications/unread-count')).body.unread).toBe(before + 1);
    expect((await exec.post('/api/notifications/read', { ids: [n.items[0].id] })).body.unread).toBe(before);
    expect((await exec.post('/api/notifications/read', {})).status).toBe(400);

    // The returned one is highlighted as such in lists; resubmitted, both wait for review.
    expect((await list(exec, 'state=returned')).items.map((i) => i.id)).toContain(a.id);
    const again = (await exec.get(`/api/reports/${a.id}`)).body;
    expect(
      (
        await exec.post(`/api/reports/${a.id}/submit`, {
          version: again.version,
          text: 'Исполнено, акт приложен',
          resultStatus: 'done',
        })
      ).status,
    ).toBe(200);
    const queue = await list(coord, 'view=review&pageSize=200');
    expect(queue.items.map((i) => i.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(queue.items.every((i) => i.state === 'submitted' && i.role === 'lead' && i.abilities.accept)).toBe(true);
    accepted = queue.items.find((i) => i.id === a.id)!;
  });

  it('accepts in bulk, each report conditionally on the version seen; a stale or foreign item is reported, the rest applied', async () => {
    const queue = await list(coord, 'view=review&pageSize=200');
    const b = queue.items.find((i) => i.id !== accepted.id && i.organisation.id === orgs['Минкультуры'])!;
    expect(
      (await exec.post('/api/reports/accept-many', { items: [{ id: accepted.id, version: accepted.version }] })).status,
    ).toBe(403);
    expect(
      (await observer.post('/api/reports/accept-many', { items: [{ id: accepted.id, version: accepted.version }] }))
        .status,
    ).toBe(403);
    const r = await coord.post('/api/reports/accept-many', {
      items: [
        { id: accepted.id, version: accepted.version },
        { id: b.id, version: b.version - 1 },
        { id: 999_999, version: 1 },
      ],
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ accepted: 1, failed: 2 });
    expect(r.body.items).toEqual([
      { id: accepted.id, ok: true, version: accepted.version + 1 },
      {
        id: b.id,
        ok: false,
        reason: 'report.stale',
        message: expect.stringContaining('уже изменил другой пользователь'),
      },
      { id: 999_999, ok: false, reason: 'not_found', message: 'Отчёт не найден' },
    ]);
    expect((await coord.get(`/api/reports/${accepted.id}`)).body.state).toBe('accepted');
    expect((await coord.get(`/api/reports/${b.id}`)).body.state).toBe('submitted');
    // Accepting an accepted report again changes nothing.
    const twice = await coord.post('/api/reports/accept-many', {
      items: [{ id: accepted.id, version: accepted.version + 1 }],
    });
    expect(twice.body.items[0]).toMatchObject({ ok: false, reason: 'report.transition' });
    const audit = await t.db.query<{ action: string; entity_id: number | null }>(
      `SELECT action, entity_id FROM audit_events WHERE action IN ('report.accept', 'report.bulk_accept') ORDER BY id`,
    );
    expect(audit.filter((e) => e.action === 'report.accept').map((e) => Number(e.entity_id))).toEqual([accepted.id]);
    expect(audit.filter((e) => e.action === 'report.bulk_accept')).toHaveLength(2);
    expect((await notices(exec)).items[0]).toMatchObject({ kind: 'report_accepted', reportId: accepted.id });
    // The measure got the accepted text.
    expect((await coord.get(`/api/measures/${accepted.measure.id}`)).body.status).toBe('done');
  });

  it('reminds an executor once a day per measure: one e-mail, a notice, an audit record', async () => {
    const m = (await coord.get(`/api/plans/${planId}`)).body.measures.find(
      (x: { number: string }) => x.number === '2.2',
    );
    expect((await exec.post(`/api/measures/${m.id}/remind`, {})).status).toBe(403);
    expect((await observer.post(`/api/measures/${m.id}/remind`, {})).status).toBe(403);
    expect(
      (await coord.post(`/api/measures/${m.id}/remind`, { organisationId: orgs['Минобороны'] ?? 999_999 })).status,
    ).toBe(400);
    const mails = sink.mails.length;
    const r = await coord.post(`/api/measures/${m.id}/remind`, { note: 'Жду до пятницы' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ organisation: { shortName: 'Минкультуры' }, emailed: 1, emailNote: null });
    expect(r.body.notified).toBeGreaterThanOrEqual(1);
    expect(sink.mails).toHaveLength(mails + 1);
    const mail = sink.mails.at(-1)!;
    expect(mail.to).toEqual(['executor@demo.ispolnenie.local']);
    expect(mail.subject).toMatch(/^Напоминание: № 2\.2 Организация культурно-просветительских/);
    expect(mail.text).toContain('Комментарий: Жду до пятницы');
    expect(mail.text).toContain(`/measures/${m.id}`);
    const again = await coord.post(`/api/measures/${m.id}/remind`, {});
    expect(again.status).toBe(409);
    expect(again.body.reason).toBe('remind.already_sent');
    expect(sink.mails).toHaveLength(mails + 1);
    expect((await notices(exec)).items[0]).toMatchObject({ kind: 'reminder', measureId: m.id });
    const rows = await t.db.query(`SELECT * FROM executor_reminders WHERE measure_id = $1`, [m.id]);
    expect(rows).toHaveLength(1);
    const audit = await t.db.query<{ after: { emailed: number } }>(
      `SELECT after FROM audit_events WHERE action = 'measure.remind' AND measure_id = $1`,
      [m.id],
    );
    expect(audit.map((a) => a.after.emailed)).toEqual([1]);
    // An organisation without users cannot be reminded; a co-executor may be reminded on its own.
    const nobody = await coord.post(`/api/measures/${m.id}/remind`, { organisationId: m.coExecutors[0].id });
    expect(nobody.body).toMatchObject({
      reason: 'remind.nobody',
      message: expect.stringContaining('нет пользователей'),
    });
    const m23 = (await coord.get(`/api/plans/${planId}`)).body.measures.find(
      (x: { number: string }) => x.number === '2.3',
    );
    const co = await coord.post(`/api/measures/${m23.id}/remind`, { organisationId: orgs['Минкультуры'] });
    expect(co.status, JSON.stringify(co.body)).toBe(200);
    expect(co.body.organisation.shortName).toBe('Минкультуры');
  });

  it('tells organisations of new assignments in active plans, and of a plan approved', async () => {
    const before = (await notices(exec2)).items.length;
    const created = await coord.post(`/api/plans/${planId}/measures`, {
      sectionId: null,
      number: '9.1',
      title: 'Мониторинг доступности услуг',
      deadlineText: 'до 1 декабря 2027 г.',
      leadExecutorId: orgs['Минздрав'],
      coExecutorIds: [],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const n = await notices(exec2);
    expect(n.items.length).toBe(before + 1);
    expect(n.items[0]).toMatchObject({
      kind: 'assigned',
      title: 'Вы назначены ответственным исполнителем',
      measureId: created.body.id,
    });
    expect(n.items[0].body).toContain('№ 9.1 Мониторинг доступности услуг');

    const draft = (
      await coord.post('/api/plans', {
        kind: 'plan',
        title: 'План на 2027 год (далее – План)',
        ownerOrganisationId: orgs['Минсоцзащиты'],
        periodFrom: '2027-01-01',
        periodTo: '2027-12-31',
      })
    ).body;
    await coord.edit(`/api/plans/${draft.id}`, { status: 'draft' });
    await coord.post(`/api/plans/${draft.id}/measures`, {
      sectionId: null,
      number: '1',
      title: 'Обучение',
      deadlineText: 'ежеквартально',
      leadExecutorId: orgs['Минздрав'],
      coExecutorIds: [],
    });
    await coord.post(`/api/plans/${draft.id}/measures`, {
      sectionId: null,
      number: '2',
      title: 'Семинары',
      deadlineText: 'ежеквартально',
      leadExecutorId: orgs['Минкультуры'],
      coExecutorIds: [orgs['Минздрав']],
    });
    expect((await notices(exec2)).items.length).toBe(before + 1);
    expect((await coord.edit(`/api/plans/${draft.id}`, { status: 'active' })).status).toBe(200);
    const after = await notices(exec2);
    expect(after.items[0]).toMatchObject({ kind: 'assigned', title: 'Утверждён план: 2 мероприятия с вашим участием' });
    expect(after.items[0].body).toBe('План на 2027 год (ответственный исполнитель — 1, соисполнитель — 1)');
  });

  it('gives the executor a home page: what to submit by when, what came back, with counts', async () => {
    const h = (await exec.get('/api/home')).body;
    const open = await list(exec, 'state=expected,draft,returned&pageSize=1');
    expect(h.counts.open).toBe(open.total);
    expect(h.counts.accepted).toBeGreaterThanOrEqual(1);
    expect(
      h.toSubmit.every(
        (i: Item) => i.organisation.shortName === 'Минкультуры' && ['expected', 'draft', 'returned'].includes(i.state),
      ),
    ).toBe(true);
    expect(h.toSubmit.map((i: Item) => i.dueOn)).toEqual([...h.toSubmit.map((i: Item) => i.dueOn)].sort());
    expect(h.counts.unread).toBe((await exec.get('/api/notifications/unread-count')).body.unread);
    expect(h.review).toBeNull();
    const ch = (await coord.get('/api/home')).body;
    expect(ch.review.reports).toBeGreaterThanOrEqual(1);
    expect((await observer.get('/api/home')).status).toBe(200);
  });

  it('the reminder job writes approaching and missed dates into the bell, also for users without e-mail, once', async () => {
    await t.db.query(`UPDATE users SET email = NULL WHERE login = 'executor2'`);
    const mailer = createMailer(loadEnv({}), silent);
    const r1 = await runReminders(t.db, mailer, {
      today: '2026-01-11',
      publicUrl: 'https://isp.example',
      kinds: ['upcoming', 'missed'],
      log: silent,
    });
    expect(r1.inApp).toBeGreaterThan(0);
    const r2 = await runReminders(t.db, mailer, {
      today: '2026-01-11',
      publicUrl: 'https://isp.example',
      kinds: ['upcoming', 'missed'],
      log: silent,
    });
    expect(r2.inApp).toBe(0);
    const rows = await t.db.query<{ login: string; kind: string; title: string }>(
      `SELECT u.login, n.kind, n.title FROM user_notifications n JOIN users u ON u.id = n.user_id WHERE n.dedupe_key LIKE 'inapp:%' ORDER BY n.id`,
    );
    expect(
      rows.some(
        (x) =>
          x.login === 'executor' &&
          x.kind === 'due_soon' &&
          x.title.startsWith('Срок отчёта за IV квартал 2025 г. — 12 января 2026 г.'),
      ),
    ).toBe(true);
    expect(rows.some((x) => x.login === 'executor2')).toBe(true);
    expect(rows.every((x) => ['executor', 'executor2'].includes(x.login))).toBe(true);
  });
});

describe.each(engines)('merging organisations on %s', (engine) => {
  let t: TestApp;
  let admin: Client;
  let coord: Client;
  let orgs: Record<string, number>;
  let planId: number;
  beforeAll(async () => {
    t = await createTestApp(engine);
    [admin, coord] = await Promise.all([t.as('admin'), t.as('coordinator')]);
    orgs = Object.fromEntries(
      (await admin.get('/api/organisations')).body.items.map((o: { shortName: string; id: number }) => [
        o.shortName,
        o.id,
      ]),
    );
    planId = (await coord.get('/api/plans')).body.items.find((p: { kind: string }) => p.kind === 'plan').id;
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const measureByNumber = async (n: string) =>
    (await coord.get(`/api/plans/${planId}`)).body.measures.find((x: { number: string }) => x.number === n);

  it('moves measures, reports, users and names to the survivor in one transaction, audited; a measure with both keeps one place', async () => {
    const dup = (
      await admin.post('/api/organisations', {
        fullName: 'Министерство культуры (дубль из импорта)',
        shortName: 'Минкульт',
        aliases: ['МК СОО'],
        kind: 'executive',
      })
    ).body;
    const user = await admin.post('/api/users', {
      login: 'kult2',
      fullName: 'Сидорова Анна Ивановна',
      role: 'executor',
      organisationId: dup.id,
      password: 'Pa55-word-kult2',
    });
    expect(user.status, JSON.stringify(user.body)).toBe(201);
    // 2.2: Минкультуры is the lead; the duplicate becomes a co-executor. 3.3: the duplicate alone joins.
    const m22 = await measureByNumber('2.2');
    expect(
      (
        await coord.patch(`/api/measures/${m22.id}`, {
          version: m22.version,
          coExecutorIds: [...m22.coExecutors.map((c: { id: number }) => c.id), dup.id],
        })
      ).status,
    ).toBe(200);
    const m33 = await measureByNumber('3.3');
    expect(
      (
        await coord.patch(`/api/measures/${m33.id}`, {
          version: m33.version,
          coExecutorIds: [...m33.coExecutors.map((c: { id: number }) => c.id), dup.id],
        })
      ).status,
    ).toBe(200);
    const dupReports = (await t.db.one<{ n: number }>(
      `SELECT count(*)::int AS n FROM reports WHERE organisation_id = $1`,
      [dup.id],
    ))!.n;
    expect(dupReports).toBeGreaterThan(0);

    for (const who of ['coordinator', 'executor', 'observer']) {
      const c = await t.as(who);
      expect(
        (await c.post('/api/organisations/merge', { survivorId: orgs['Минкультуры'], mergedId: dup.id, dryRun: true }))
          .status,
        who,
      ).toBe(403);
    }
    expect((await admin.post('/api/organisations/merge', { survivorId: dup.id, mergedId: dup.id })).status).toBe(400);
    // A dry run tells what would move and changes nothing.
    const dry = await admin.post('/api/organisations/merge', {
      survivorId: orgs['Минкультуры'],
      mergedId: dup.id,
      dryRun: true,
    });
    expect(dry.body.moved).toMatchObject({ measures: 2, users: 1, shared: 1 });
    expect((await admin.get('/api/organisations')).body.items.some((o: { id: number }) => o.id === dup.id)).toBe(true);
    const r = await admin.post('/api/organisations/merge', { survivorId: orgs['Минкультуры'], mergedId: dup.id });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.moved).toMatchObject({ measures: 2, users: 1, shared: 1 });
    expect(r.body.organisation.aliases).toEqual(
      expect.arrayContaining(['Министерство культуры (дубль из импорта)', 'Минкульт', 'МК СОО']),
    );
    expect(r.body.merged).toMatchObject({ archived: true, mergedIntoId: orgs['Минкультуры'] });

    const after22 = await measureByNumber('2.2');
    const ids22 = [after22.leadExecutor.id, ...after22.coExecutors.map((c: { id: number }) => c.id)];
    expect(ids22.filter((id: number) => id === orgs['Минкультуры'])).toHaveLength(1);
    expect(after22.leadExecutor.id).toBe(orgs['Минкультуры']);
    expect((await measureByNumber('3.3')).coExecutors.map((c: { id: number }) => c.id)).toContain(orgs['Минкультуры']);
    expect(
      (await t.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM reports WHERE organisation_id = $1`, [dup.id]))!.n,
    ).toBe(0);
    expect(
      (await t.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM measure_executors WHERE organisation_id = $1`, [
        dup.id,
      ]))!.n,
    ).toBe(0);
    const kult2 = await t.as('kult2', 'Pa55-word-kult2');
    expect(
      (await kult2.get('/api/auth/me')).body.user?.organisation?.id ??
        (await kult2.get('/api/auth/me')).body.organisation?.id,
    ).toBe(orgs['Минкультуры']);
    // The duplicate's names now find the survivor; the duplicate is out of the directory.
    expect((await admin.get(`/api/organisations/resolve?name=${encodeURIComponent('Минкульт')}`)).body.match?.id).toBe(
      orgs['Минкультуры'],
    );
    expect((await admin.get('/api/organisations')).body.items.some((o: { id: number }) => o.id === dup.id)).toBe(false);
    const history = (await coord.get(`/api/measures/${m33.id}/history`)).body.items.map(
      (e: { action: string }) => e.action,
    );
    expect(history).toContain('measure.executor_merged');
    const audit = await t.db.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE entity_type = 'organisation' AND action LIKE 'organisation.merge%' ORDER BY id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['organisation.merge', 'organisation.merged_into']);
  });

  it('refuses, changing nothing, when both wrote a report for the same measure and period', async () => {
    const dup = (
      await admin.post('/api/organisations', {
        fullName: 'Министерство здравоохранения (дубль)',
        shortName: 'Минздрав обл.',
        kind: 'executive',
      })
    ).body;
    const m23 = await measureByNumber('2.3'); // Минздрав leads
    expect(
      (
        await coord.patch(`/api/measures/${m23.id}`, {
          version: m23.version,
          coExecutorIds: [...m23.coExecutors.map((c: { id: number }) => c.id), dup.id],
        })
      ).status,
    ).toBe(200);
    const [theirs] = await t.db.query<{ id: number; period_id: number }>(
      `SELECT id, period_id FROM reports WHERE measure_id = $1 AND organisation_id = $2 ORDER BY id LIMIT 1`,
      [m23.id, orgs['Минздрав']],
    );
    await t.db.query(`UPDATE reports SET text = 'Наш отчёт', state = 'draft', version = version + 1 WHERE id = $1`, [
      theirs.id,
    ]);
    await t.db.query(
      `UPDATE reports SET text = 'Отчёт дубля', state = 'draft', version = version + 1 WHERE measure_id = $1 AND organisation_id = $2 AND period_id = $3`,
      [m23.id, dup.id, theirs.period_id],
    );
    const r = await admin.post('/api/organisations/merge', { survivorId: orgs['Минздрав'], mergedId: dup.id });
    expect(r.status).toBe(409);
    expect(r.body.reason).toBe('organisation.merge_reports');
    expect(r.body.message).toContain('№ 2.3 ');
    expect((await admin.get('/api/organisations')).body.items.some((o: { id: number }) => o.id === dup.id)).toBe(true);
    expect((await measureByNumber('2.3')).coExecutors.map((c: { id: number }) => c.id)).toContain(dup.id);
  });
});
