/**
 * Every state transition under 50 simultaneous requests that start from the same state or
 * version (issue 10, §2). Meaningful on PostgreSQL, where the requests really run at once
 * on the pool; on PGlite they serialise, and the same answers must come out. Each case
 * asserts exactly one winner, the losers refused with 409 (or a 4xx that names the new
 * state), one version/audit row, and a final state that matches the winner.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, orgIdsByShortName, type Client, type Response, type TestApp } from '../helpers/test-app';
import { engines } from '../helpers/test-db';
import { uploadImport } from '../helpers/multipart';

const N = 50;
const planText = readFileSync(new URL('../fixtures/api/volunteer-plan.txt', import.meta.url));

describe.each(engines)(`state transitions under ${N} simultaneous requests on %s`, (engine) => {
  let t: TestApp;
  let admin: Client;
  let coord: Client;
  let exec: Client; // Минкультуры
  let orgs: Record<string, number>;
  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await t.as('admin');
    coord = await t.as('coordinator');
    exec = await t.as('executor');
    orgs = await orgIdsByShortName(coord);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const count = async (sql: string, params: unknown[]) => Number((await t.db.one<{ n: number }>(sql, params))!.n);
  const all = <T>(f: (i: number) => Promise<T>) => Promise.all(Array.from({ length: N }, (_, i) => f(i)));
  const winners = (rs: Response[]) => rs.filter((r) => r.status < 300);
  /** The losers: refused as a conflict, never a 5xx or a second success. */
  const expectOneWinner = (rs: Response[], loser = [409]) => {
    expect(
      rs.filter((r) => r.status >= 500),
      JSON.stringify(rs.find((r) => r.status >= 500)?.body),
    ).toHaveLength(0);
    expect(winners(rs)).toHaveLength(1);
    expect(
      rs.filter((r) => r.status >= 300).every((r) => loser.includes(r.status)),
      JSON.stringify(rs.map((r) => r.status)),
    ).toBe(true);
  };

  let n = 0;
  async function newPlan(status: 'active' | 'draft' = 'active') {
    const p = (
      await coord.post('/api/plans', {
        kind: 'plan',
        title: `План ${++n}`,
        ownerOrganisationId: orgs['Минсоцзащиты'],
        periodFrom: '2025-01-01',
        periodTo: '2026-12-31',
        controlFrom: '2025-01-01',
      })
    ).body;
    if (status === 'draft') await t.db.query(`UPDATE plans SET status = 'draft' WHERE id = $1`, [p.id]);
    return p.id as number;
  }
  async function newMeasure(planId: number) {
    const m = (
      await coord.post(`/api/plans/${planId}/measures`, {
        sectionId: null,
        number: String(++n),
        title: `Мероприятие ${n}`,
        deadlineText: 'ежеквартально',
        leadExecutorId: orgs['Минкультуры'],
        controlFrom: null,
      })
    ).body;
    return m as { id: number; version: number };
  }
  async function leadReport() {
    const planId = await newPlan();
    const m = await newMeasure(planId);
    const r = (await coord.get(`/api/measures/${m.id}/reports`)).body.items.find(
      (x: { role: string }) => x.role === 'lead',
    );
    return { planId, measureId: m.id, id: r.id as number, version: r.version as number };
  }
  async function submittedReport() {
    const r = await leadReport();
    const s = (
      await exec.post(`/api/reports/${r.id}/submit`, {
        version: r.version,
        text: 'Выполнено: проведено 3 выставки',
        resultStatus: 'done',
      })
    ).body;
    return { ...r, version: s.version as number };
  }
  const versions = (reportId: number) =>
    count(`SELECT count(*)::int AS n FROM report_versions WHERE report_id = $1`, [reportId]);

  it('saves a report draft once from one version', async () => {
    const r = await leadReport();
    const rs = await all((i) => exec.patch(`/api/reports/${r.id}`, { version: r.version, text: `Черновик ${i}` }));
    expectOneWinner(rs);
    expect(await versions(r.id)).toBe(1);
    const final = (await exec.get(`/api/reports/${r.id}`)).body;
    expect(final).toMatchObject({ version: r.version + 1, state: 'draft', text: winners(rs)[0].body.text });
  });

  it('submits a report once from one version', async () => {
    const r = await leadReport();
    const rs = await all((i) =>
      exec.post(`/api/reports/${r.id}/submit`, {
        version: r.version,
        text: `Отчёт ${i}: выполнено`,
        resultStatus: 'done',
      }),
    );
    expectOneWinner(rs);
    expect(await versions(r.id)).toBe(1);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_events WHERE entity_type = 'report' AND entity_id = $1 AND action = 'report.submit'`,
        [r.id],
      ),
    ).toBe(1);
    expect((await exec.get(`/api/reports/${r.id}`)).body).toMatchObject({
      state: 'submitted',
      text: winners(rs)[0].body.text,
    });
  });

  it('decides a submitted report once under mixed accepts and returns', async () => {
    const r = await submittedReport();
    const before = await versions(r.id);
    const rs = await all((i) =>
      i % 2 === 0
        ? coord.post(`/api/reports/${r.id}/accept`, { version: r.version })
        : coord.post(`/api/reports/${r.id}/return`, { version: r.version, comment: 'Доработайте' }),
    );
    expectOneWinner(rs);
    expect(await versions(r.id)).toBe(before + 1);
    const final = (await coord.get(`/api/reports/${r.id}`)).body;
    expect(final.state).toBe(winners(rs)[0].body.state);
    expect(final.version).toBe(r.version + 1);
    const measure = (await coord.get(`/api/measures/${r.measureId}`)).body;
    // The measure takes the report's status only when acceptance won.
    expect(measure.status).toBe(final.state === 'accepted' ? 'done' : null);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_events WHERE measure_id = $1 AND action = 'measure.report_accepted'`,
        [r.measureId],
      ),
    ).toBe(final.state === 'accepted' ? 1 : 0);
  });

  it('accepts a report once through the bulk route', async () => {
    const r = await submittedReport();
    const rs = await all(() => coord.post('/api/reports/accept-many', { items: [{ id: r.id, version: r.version }] }));
    expect(rs.every((x) => x.status === 200)).toBe(true);
    expect(rs.filter((x) => x.body.accepted === 1)).toHaveLength(1);
    expect(
      await count(`SELECT count(*)::int AS n FROM report_versions WHERE report_id = $1 AND action = 'accept'`, [r.id]),
    ).toBe(1);
  });

  it('commits one import into exactly one plan', async () => {
    const p = (await uploadImport(coord, t, 'План добровольчества.txt', planText)).body;
    const body = {
      plan: {
        kind: 'plan',
        title: 'План из документа',
        ownerOrganisationId: orgs['Минсоцзащиты'],
        periodFrom: '2026-01-01',
        periodTo: '2026-12-31',
      },
      sections: [],
      items: [],
      executorMap: {},
    };
    const rs = await all(() => coord.post(`/api/imports/${p.importId}/commit`, body));
    expectOneWinner(rs);
    expect(await count(`SELECT count(*)::int AS n FROM plans WHERE source_file_id = $1`, [p.fileId])).toBe(1);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'plan.imported' AND (after->>'fileId')::int = $1`,
        [p.fileId],
      ),
    ).toBe(1);
    const imp = await t.db.one<{ status: string; plan_id: number }>(
      `SELECT status, plan_id FROM imports WHERE id = $1`,
      [p.importId],
    );
    expect(imp).toMatchObject({ status: 'saved', plan_id: winners(rs)[0].body.planId });
  });

  it('applies one report import once', async () => {
    const planId = await newPlan();
    const p = (await uploadImport(coord, t, 'Отчёт.txt', planText)).body;
    const rs = await all(() =>
      coord.post(`/api/imports/${p.importId}/apply-report`, {
        planId,
        period: 'I квартал 2026 г.',
        dryRun: false,
        versions: [],
      }),
    );
    expectOneWinner(rs);
    expect(await t.db.one(`SELECT status FROM imports WHERE id = $1`, [p.importId])).toMatchObject({
      status: 'applied',
    });
  });

  it('edits a measure once from one version', async () => {
    const m = await newMeasure(await newPlan());
    const rs = await all((i) =>
      coord.patch(`/api/measures/${m.id}`, { version: m.version, title: `Новое наименование ${i}` }),
    );
    expectOneWinner(rs);
    const final = (await coord.get(`/api/measures/${m.id}`)).body;
    expect(final).toMatchObject({ version: m.version + 1, title: winners(rs)[0].body.title });
    expect(
      await count(`SELECT count(*)::int AS n FROM audit_events WHERE measure_id = $1 AND action = 'measure.update'`, [
        m.id,
      ]),
    ).toBe(1);
  });

  it('archives a measure once', async () => {
    const m = await newMeasure(await newPlan());
    const rs = await all(() => coord.post(`/api/measures/${m.id}/archive`));
    expectOneWinner(rs);
    expect(
      await count(`SELECT count(*)::int AS n FROM audit_events WHERE measure_id = $1 AND action = 'measure.archive'`, [
        m.id,
      ]),
    ).toBe(1);
  });

  it('closes a measure once and reopens it once', async () => {
    const m = await newMeasure(await newPlan());
    expectOneWinner(await all(() => coord.post(`/api/measures/${m.id}/close`, {})));
    expectOneWinner(await all(() => coord.post(`/api/measures/${m.id}/reopen`)));
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_events WHERE measure_id = $1 AND action IN ('measure.close', 'measure.reopen')`,
        [m.id],
      ),
    ).toBe(2);
    expect((await coord.get(`/api/measures/${m.id}`)).body.closed).toBe(false);
  });

  it('archives a plan once', async () => {
    const planId = await newPlan();
    const rs = await all(() => coord.post(`/api/plans/${planId}/archive`));
    expectOneWinner(rs);
    expect(
      await count(`SELECT count(*)::int AS n FROM audit_events WHERE plan_id = $1 AND action = 'plan.archive'`, [
        planId,
      ]),
    ).toBe(1);
  });

  it('approves a draft plan once, notifying its executors once', async () => {
    const planId = await newPlan('draft');
    await newMeasure(planId);
    const { version } = (await coord.get(`/api/plans/${planId}`)).body;
    const rs = await all(() => coord.patch(`/api/plans/${planId}`, { status: 'active', version }));
    expectOneWinner(rs);
    expect(
      await count(`SELECT count(*)::int AS n FROM audit_events WHERE plan_id = $1 AND action = 'plan.update'`, [
        planId,
      ]),
    ).toBe(1);
    expect((await coord.get(`/api/plans/${planId}`)).body.status).toBe('active');
  });

  it('edits a plan once from one version', async () => {
    const planId = await newPlan();
    const { version } = (await coord.get(`/api/plans/${planId}`)).body;
    const rs = await all((i) => coord.patch(`/api/plans/${planId}`, { version, title: `План, правка ${i}` }));
    expectOneWinner(rs);
    expect((await coord.get(`/api/plans/${planId}`)).body).toMatchObject({
      version: version + 1,
      title: winners(rs)[0].body.title,
    });
  });

  it('refuses a plan edit without the version it was made on', async () => {
    const planId = await newPlan();
    const r = await coord.patch(`/api/plans/${planId}`, { title: 'План без версии' });
    expect(r.status).toBe(400);
    expect((await coord.get(`/api/plans/${planId}`)).body.title).not.toBe('План без версии');
  });

  it('edits a user once from one version, and refuses the stale ones in Russian', async () => {
    const created = (
      await admin.post('/api/users', {
        login: `race-user-${++n}`,
        fullName: 'Гонка Пользователь',
        role: 'executor',
        organisationId: orgs['Минкультуры'],
        password: 'озеро-ключ-Полдень-93',
      })
    ).body;
    const rs = await all((i) =>
      admin.patch(`/api/users/${created.id}`, { version: created.version, fullName: `Правка ${i}` }),
    );
    expectOneWinner(rs);
    expect(rs.find((r) => r.status === 409)!.body.message).toMatch(/изменил другой администратор/);
    const now = (await admin.get('/api/users')).body.items.find((u: { id: number }) => u.id === created.id);
    expect(now).toMatchObject({ version: created.version + 1, fullName: winners(rs)[0].body.fullName });
    expect(
      await count(`SELECT count(*)::int AS n FROM audit_events WHERE entity_type = 'user' AND entity_id = $1 AND action = 'user.update'`, [
        created.id,
      ]),
    ).toBe(1);
    // An edit on the old version after the winner's (a form left open) is refused too.
    const late = await admin.patch(`/api/users/${created.id}`, { version: created.version, unlock: true });
    expect(late.status).toBe(409);
  });

  it('edits an organisation once from one version, and refuses the stale ones in Russian', async () => {
    const org = (
      await admin.post('/api/organisations', {
        fullName: `Государственное бюджетное учреждение «Версия-${++n}»`,
        kind: 'institution',
      })
    ).body;
    const rs = await all((i) =>
      admin.patch(`/api/organisations/${org.id}`, { version: org.version, aliases: [`Версия ${i}`] }),
    );
    expectOneWinner(rs);
    expect(rs.find((r) => r.status === 409)!.body.message).toMatch(/изменил другой пользователь/);
    const now = (await admin.get('/api/organisations')).body.items.find((o: { id: number }) => o.id === org.id);
    expect(now).toMatchObject({ version: org.version + 1, aliases: winners(rs)[0].body.aliases });
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_events WHERE entity_type = 'organisation' AND entity_id = $1 AND action = 'organisation.update'`,
        [org.id],
      ),
    ).toBe(1);
  });

  it('merges two organisations once', async () => {
    const a = (
      await admin.post('/api/organisations', {
        fullName: 'Государственное бюджетное учреждение «Слияние-А»',
        kind: 'institution',
      })
    ).body;
    const b = (
      await admin.post('/api/organisations', {
        fullName: 'Государственное бюджетное учреждение «Слияние-Б»',
        kind: 'institution',
      })
    ).body;
    const rs = await all(() => admin.post('/api/organisations/merge', { survivorId: a.id, mergedId: b.id }));
    expectOneWinner(rs);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'organisation.merge' AND entity_id = $1`,
        [a.id],
      ),
    ).toBe(1);
  });

  it('removes a section once', async () => {
    const planId = await newPlan();
    const s = (await coord.post(`/api/plans/${planId}/sections`, { number: '1', title: 'Раздел' })).body;
    const rs = await all(() => coord.delete(`/api/sections/${s.id}`));
    expectOneWinner(rs, [404, 409]);
    expect(
      await count(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'section.delete' AND entity_id = $1`, [
        s.id,
      ]),
    ).toBe(1);
  });
});
