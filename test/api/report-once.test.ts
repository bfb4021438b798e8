/**
 * Issue 15 in the product: the substance verdict of reports (live check, stored with each save,
 * flags in the review queue, the dashboard's share) and «отчитаться один раз» (links between
 * measures of different plans, candidates with reasons, one report used in every linked plan and
 * reviewed in each on its own). Runs on PGlite, and on PostgreSQL when DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, orgIdsByShortName, type Client, type Response, type TestApp } from '../helpers/test-app';
import { engines } from '../helpers/test-db';
import ExcelJS from 'exceljs';
import { auditedFieldProblems } from '../../web/src/audit-format';
import { multipart, uploadImport } from '../helpers/multipart';

const FORMAL = 'Работа ведется на постоянной основе. Информация актуализируется.';
const SUBSTANTIVE =
  'Проведена независимая оценка качества в 12 организациях культуры; результаты утверждены приказом от 14.03.2025 № 112.';

describe.each(engines)('reports with substance, report once (%s)', (engine) => {
  let t: TestApp;
  let admin: Client;
  let coord: Client; // Минсоцзащиты: plan A
  let coordZdrav: Client; // Минздрав: plan B
  let exec: Client; // Минкультуры
  let orgs: Record<string, number>;
  let planA: number;
  let planB: number;
  let a1: number; // НОК in culture, plan A, led by Минкультуры
  let b1: number; // the same work in plan B
  let b2: number; // another work of Минкультуры in plan B
  let b3: number; // the same wording, but Минздрав's
  let c1: number; // the same wording in plan B, led by Минобрнауки (Минкультуры cannot see it)

  const plan = async (c: Client, title: string, owner: string) =>
    (
      await c.post('/api/plans', {
        kind: 'plan',
        title,
        ownerOrganisationId: orgs[owner],
        periodFrom: '2025-01-01',
        periodTo: '2025-12-31',
        controlFrom: '2025-01-01',
      })
    ).body.id as number;
  const measure = async (c: Client, planId: number, number: string, title: string, lead: string) => {
    const r = await c.post(`/api/plans/${planId}/measures`, {
      sectionId: null,
      number,
      title,
      deadlineText: 'ежеквартально',
      leadExecutorId: orgs[lead],
      controlFrom: null,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.id as number;
  };
  const leadReport = async (c: Client, measureId: number, label = 'I квартал 2025 г.') =>
    (await c.get(`/api/measures/${measureId}/reports`)).body.items.find(
      (r: { role: string; period: { label: string } }) => r.role === 'lead' && r.period.label === label,
    );
  const noServerErrors = (rs: Response[]) =>
    expect(rs.filter((r) => r.status >= 500).map((r) => JSON.stringify(r.body))).toEqual([]);

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await t.as('admin');
    orgs = await orgIdsByShortName(admin);
    await admin.post('/api/users', {
      login: 'coord-zdrav',
      fullName: 'Координатор Минздрава',
      role: 'coordinator',
      organisationId: orgs['Минздрав'],
      password: 'coord-zdrav-password-1',
    });
    coord = await t.as('coordinator');
    coordZdrav = await t.as('coord-zdrav', 'coord-zdrav-password-1');
    exec = await t.as('executor');
    planA = await plan(coord, 'План мероприятий по независимой оценке качества на 2025 год', 'Минсоцзащиты');
    planB = await plan(coordZdrav, 'План реализации социального стандарта на 2025 год', 'Минздрав');
    a1 = await measure(
      coord,
      planA,
      '1',
      'Проведение независимой оценки качества условий оказания услуг организациями культуры',
      'Минкультуры',
    );
    b1 = await measure(
      coordZdrav,
      planB,
      '13.1',
      'Организация независимой оценки качества условий оказания услуг организациями в сфере культуры',
      'Минкультуры',
    );
    b2 = await measure(coordZdrav, planB, '13.2', 'Проведение фестиваля народного творчества', 'Минкультуры');
    b3 = await measure(
      coordZdrav,
      planB,
      '13.3',
      'Проведение независимой оценки качества условий оказания услуг медицинскими организациями',
      'Минздрав',
    );
    c1 = await measure(
      coordZdrav,
      planB,
      '13.4',
      'Независимая оценка качества условий оказания услуг организациями культуры и образования',
      'Минобрнауки',
    );
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('checks a draft live: a formal text gets the warning with reasons, a figure and a date turn it substantive', async () => {
    const r = await leadReport(exec, a1);
    const formal = await exec.post(`/api/reports/${r.id}/check`, { text: FORMAL, resultStatus: 'done' });
    expect(formal.status).toBe(200);
    expect(formal.body.label).toBe('formal');
    expect(formal.body.evidence).toEqual([]);
    expect(formal.body.reasons.length).toBeGreaterThan(0);
    expect(formal.body.reasons[0]).toMatch(/[А-Яа-я]/);
    const good = await exec.post(`/api/reports/${r.id}/check`, { text: SUBSTANTIVE, resultStatus: 'done' });
    expect(good.body.label).toBe('substantive');
    expect(good.body.evidence.length).toBeGreaterThan(0);
    for (const e of good.body.evidence) expect(SUBSTANTIVE.slice(e.start, e.end)).toBe(e.text);
    // «Выполнено» next to a meeting that was postponed: a status conflict.
    const conflict = await exec.post(`/api/reports/${r.id}/check`, {
      text: 'Заседание рабочей группы, запланированное на 20 марта 2025 г., перенесено.',
      resultStatus: 'done',
    });
    expect(conflict.body.statusConflict).not.toBeNull();
    // Nothing was written by checking.
    expect((await exec.get(`/api/reports/${r.id}`)).body).toMatchObject({ text: '', version: r.version });
    // Someone who may not read the report may not check texts against it.
    const outsider = await t.as('executor2');
    expect((await outsider.post(`/api/reports/${r.id}/check`, { text: FORMAL })).status).toBe(403);
  });

  it('stores the verdict with each save; the review queue shows the flags', async () => {
    const r = await leadReport(exec, a1, 'II квартал 2025 г.');
    const saved = await exec.patch(`/api/reports/${r.id}`, { version: r.version, text: FORMAL, resultStatus: 'done' });
    expect(saved.status).toBe(200);
    expect(saved.body.substance).toMatchObject({ label: 'formal' });
    const sent = await exec.post(`/api/reports/${r.id}/submit`, { version: saved.body.version });
    expect(sent.body.substance.label).toBe('formal');
    const queue = await coord.get(`/api/reports?view=review&planId=${planA}`);
    const row = queue.body.items.find((i: { id: number }) => i.id === r.id);
    expect(row.substance).toMatchObject({ label: 'formal', statusConflict: false });
    expect(row.substance.reasons.length).toBeGreaterThan(0);
    const dash = await coord.get(`/api/dashboard/substance?planId=${planA}`);
    expect(dash.status).toBe(200);
    expect(dash.body.totals).toMatchObject({ total: 1, formal: 1 });
    expect(dash.body.byExecutor).toEqual([
      expect.objectContaining({ organisation: { id: orgs['Минкультуры'], shortName: 'Минкультуры' }, formal: 1 }),
    ]);
    expect(dash.body.bySection[0]).toMatchObject({ formal: 1, formalShare: 100 });
  });

  it('suggests candidates with reasons: same executor, overlapping period, alike wording — and links nobody by itself', async () => {
    const c = await coord.get(`/api/measures/${a1}/link-candidates`);
    expect(c.status).toBe(200);
    const ids = c.body.items.map((i: { measure: { id: number } }) => i.measure.id);
    expect(ids).toContain(b1);
    expect(ids).not.toContain(b2); // other work
    expect(ids).not.toContain(b3); // another executor
    expect(ids).not.toContain(c1);
    const b = c.body.items.find((i: { measure: { id: number } }) => i.measure.id === b1);
    expect(b.reason).toMatch(/Тот же исполнитель: Минкультуры/);
    expect(b.reason).toMatch(/оценка/);
    expect((await coord.get(`/api/measures/${a1}/links`)).body.links).toEqual([]);
    expect((await exec.get(`/api/measures/${a1}/link-candidates`)).status).toBe(403);
  });

  it('links measures once under concurrent confirmations; an executor sees a link only to what it may see', async () => {
    const rs = await Promise.all(
      Array.from({ length: 12 }, () => coord.post('/api/measure-links', { measureId: a1, otherMeasureId: b1 })),
    );
    noServerErrors(rs);
    expect(rs.filter((r) => r.status === 201)).toHaveLength(1);
    expect(rs.filter((r) => r.status !== 201).every((r) => r.status === 409)).toBe(true);
    expect(Number((await t.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM measure_links`))!.n)).toBe(1);
    // A link within one plan, or by someone who manages neither plan, is refused.
    expect((await coordZdrav.post('/api/measure-links', { measureId: b1, otherMeasureId: b2 })).status).toBe(400);
    expect((await exec.post('/api/measure-links', { measureId: a1, otherMeasureId: c1 })).status).toBe(403);
    expect((await coord.post('/api/measure-links', { measureId: a1, otherMeasureId: c1 })).status).toBe(201);
    const mine = await exec.get(`/api/measures/${a1}/links`);
    expect(mine.body.links.map((l: { measure: { id: number } }) => l.measure.id)).toEqual([b1]);
    const theirs = await coord.get(`/api/measures/${a1}/links`);
    expect(theirs.body.links.map((l: { measure: { id: number } }) => l.measure.id).sort()).toEqual([b1, c1].sort());
    const audit = await t.db.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE action = 'measure.linked'`,
    );
    expect(audit).toHaveLength(4); // two links, each on both measures
  });

  it('offers a sent report for the linked plan; each plan accepts or returns it on its own', async () => {
    const r = await leadReport(exec, a1);
    const pdf = multipart('протокол.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'), 'application/pdf');
    const att = await t.app.inject({
      method: 'POST',
      url: `/api/reports/${r.id}/attachments`,
      headers: { cookie: exec.cookie, 'x-csrf-token': exec.csrf, 'content-type': pdf.contentType },
      payload: pdf.body,
    });
    expect(att.statusCode).toBe(201);
    const fileId = JSON.parse(att.body).fileId;
    // Not before it is sent.
    const early = await exec.get(`/api/reports/${r.id}/share-targets`);
    const target = early.body.items.find((x: { measure: { id: number } }) => x.measure.id === b1);
    expect(target).toMatchObject({ period: 'I квартал 2025 г.', available: true, plan: { id: planB } });
    expect(
      (
        await exec.post(`/api/reports/${r.id}/share`, {
          targets: [{ reportId: target.reportId, version: target.version }],
        })
      ).status,
    ).toBe(409);
    const cur = (await exec.get(`/api/reports/${r.id}`)).body;
    const sent = await exec.post(`/api/reports/${r.id}/submit`, {
      version: cur.version,
      text: SUBSTANTIVE,
      resultStatus: 'done',
      figures: { 'Организаций оценено': 12 },
    });
    expect(sent.status).toBe(200);
    expect(sent.body.substance.label).toBe('substantive');
    // Two tabs send it at once: one wins, the other is told the target moved on.
    const rs = await Promise.all(
      [0, 1, 2, 3].map(() =>
        exec.post(`/api/reports/${r.id}/share`, { targets: [{ reportId: target.reportId, version: target.version }] }),
      ),
    );
    noServerErrors(rs);
    expect(rs.filter((x) => x.status === 200)).toHaveLength(1);
    const copy = (await coordZdrav.get(`/api/reports/${target.reportId}`)).body;
    expect(copy).toMatchObject({
      state: 'submitted',
      text: SUBSTANTIVE,
      resultStatus: 'done',
      figures: { 'Организаций оценено': 12 },
      sharedFromReportId: r.id,
      substance: { label: 'substantive' },
    });
    expect(copy.attachments.map((a: { fileId: number }) => a.fileId)).toEqual([fileId]);
    // Each coordinator decides in their own plan only.
    const srcNow = (await coord.get(`/api/reports/${r.id}`)).body;
    expect((await coordZdrav.post(`/api/reports/${r.id}/accept`, { version: srcNow.version })).status).toBe(403);
    expect((await coord.post(`/api/reports/${copy.id}/accept`, { version: copy.version })).status).toBe(403);
    expect((await coord.post(`/api/reports/${r.id}/accept`, { version: srcNow.version })).status).toBe(200);
    const ret = await coordZdrav.post(`/api/reports/${copy.id}/return`, {
      version: copy.version,
      comment: 'Укажите организации социального стандарта',
    });
    expect(ret.status).toBe(200);
    expect((await coord.get(`/api/reports/${r.id}`)).body.state).toBe('accepted');
    expect((await coordZdrav.get(`/api/reports/${copy.id}`)).body.state).toBe('returned');
    // The measure page says where the report is used; the dashboard counts the report saved.
    const links = (await exec.get(`/api/measures/${a1}/links`)).body;
    expect(links.usage).toEqual([
      expect.objectContaining({
        reportId: r.id,
        direction: 'to',
        other: expect.objectContaining({ reportId: copy.id }),
      }),
    ]);
    const back = (await coordZdrav.get(`/api/measures/${b1}/links`)).body;
    expect(back.usage[0]).toMatchObject({ direction: 'from', other: { reportId: r.id } });
    expect((await coordZdrav.get(`/api/dashboard/substance?planId=${planB}`)).body.reportsSaved).toBe(1);
    expect((await admin.get('/api/dashboard/substance')).body.reportsSaved).toBe(1);
    const shared = await t.db.query<{ entity_id: number }>(
      `SELECT entity_id FROM audit_events WHERE action = 'report.shared'`,
    );
    expect(shared.map((s) => Number(s.entity_id))).toEqual([copy.id]);
  });

  it('removes a link by a manager of either plan; reports already used stay where they were decided', async () => {
    const link = (await coord.get(`/api/measures/${a1}/links`)).body.links.find(
      (l: { measure: { id: number } }) => l.measure.id === c1,
    );
    expect((await exec.request('DELETE', `/api/measure-links/${link.id}`)).status).toBe(403);
    expect((await coordZdrav.request('DELETE', `/api/measure-links/${link.id}`)).status).toBe(200);
    expect((await coordZdrav.request('DELETE', `/api/measure-links/${link.id}`)).status).toBe(404);
    expect((await coord.get(`/api/measures/${a1}/links`)).body.links).toHaveLength(1);
  });

  it('stores the verdict of imported execution texts; the consolidated report marks formal ones on request', async () => {
    const report = Buffer.from(
      [
        'Информация об исполнении плана мероприятий за 2025 год',
        '',
        '№ п/п\tНаименование мероприятия\tОтветственный\tСрок\tИнформация об исполнении\tСтатус',
        '1\tПроведение независимой оценки качества\tМинкультуры\tежеквартально\tРабота ведется на постоянной основе\tВыполнено',
      ].join('\n'),
    );
    const preview = await uploadImport(coord, t, 'Отчёт 2025.txt', report);
    expect(preview.status).toBe(201);
    const dry = await coord.post(`/api/imports/${preview.body.importId}/apply-report`, {
      planId: planA,
      period: '2025',
      dryRun: true,
    });
    const applied = await coord.post(`/api/imports/${preview.body.importId}/apply-report`, {
      planId: planA,
      period: '2025',
      dryRun: false,
      versions: dry.body.changes.map((c: { measureId: number; version: number }) => ({
        measureId: c.measureId,
        version: c.version,
      })),
    });
    expect(applied.body.applied).toBe(true);
    const verdict = (await exec.get(`/api/measures/${a1}/links`)).body.executionSubstance;
    expect(verdict).toMatchObject({ label: 'formal' });
    expect(verdict.reasons[0]).toMatch(/отчёт может быть возвращён/);
    const cells = async (query: string) => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/plans/${planA}/export?format=xlsx${query}`,
        headers: { cookie: coord.cookie },
      });
      expect(res.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as Parameters<typeof wb.xlsx.load>[0]);
      const out: string[] = [];
      wb.worksheets[0].eachRow((row) => row.eachCell((c) => out.push(String(c.value))));
      return out;
    };
    const marked = await cells('&markFormal=true');
    expect(
      marked.some((c) => c.includes('Работа ведется на постоянной основе') && c.includes('[Формальный ответ')),
    ).toBe(true);
    expect((await cells('')).some((c) => c.includes('[Формальный ответ'))).toBe(false);
    // For a period: the lead report's stored verdict (II quarter's report was sent formal).
    const periods = (await coord.get(`/api/plans/${planA}/periods`)).body.items;
    const q2 = periods.find((p: { label: string }) => p.label === 'II квартал 2025 г.');
    expect((await cells(`&periodId=${q2.id}&markFormal=true`)).some((c) => c.includes('[Формальный ответ'))).toBe(true);
  });

  it('audits links, unlinks and reused reports in words a person reads', async () => {
    const events = (await admin.get('/api/audit?limit=500')).body.items as {
      action: string;
      before: unknown;
      after: unknown;
      names: unknown;
    }[];
    const actions = new Set(events.map((e) => e.action));
    for (const a of ['measure.linked', 'measure.unlinked', 'report.shared', 'report.submit'])
      expect(actions).toContain(a);
    // The export's own audit entry (format, periodId) is not this issue's; everything else reads well.
    expect(auditedFieldProblems(events.filter((e) => e.action !== 'plan.export') as never)).toEqual([]);
  });
});
