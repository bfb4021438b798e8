import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app';
import { engines } from '../helpers/test-db';
import { multipart } from '../helpers/multipart';

describe.each(engines)('execution cycle on %s', (engine) => {
  let t: TestApp;
  let coord: Client;
  let exec: Client; // Минкультуры
  let exec2: Client; // Минздрав
  let planId: number;
  let measureId: number;
  beforeAll(async () => {
    t = await createTestApp(engine);
    coord = await t.as('coordinator');
    exec = await t.as('executor');
    exec2 = await t.as('executor2');
    const orgs = Object.fromEntries(
      (await coord.get('/api/organisations')).body.items.map((o: { shortName: string; id: number }) => [
        o.shortName,
        o.id,
      ]),
    );
    const plan = (
      await coord.post('/api/plans', {
        kind: 'plan',
        title: 'План на 2025 год',
        ownerOrganisationId: orgs['Минсоцзащиты'],
        periodFrom: '2025-01-01',
        periodTo: '2025-12-31',
        controlFrom: '2025-01-01',
      })
    ).body;
    planId = plan.id;
    measureId = (
      await coord.post(`/api/plans/${planId}/measures`, {
        sectionId: null,
        number: '1',
        title: 'Проведение выставок работ СО НКО',
        deadlineText: 'ежеквартально',
        leadExecutorId: orgs['Минкультуры'],
        coExecutorIds: [orgs['Минздрав']],
        // Played out in 2025 (the clock says later): the measure counts from the plan's start.
        controlFrom: null,
      })
    ).body.id;
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('owes one report per executor per quarter', async () => {
    const reports = (await coord.get(`/api/measures/${measureId}/reports`)).body.items;
    expect(reports).toHaveLength(8);
    expect(
      reports
        .filter((r: { role: string }) => r.role === 'lead')
        .map((r: { period: { label: string } }) => r.period.label),
    ).toEqual(['I квартал 2025 г.', 'II квартал 2025 г.', 'III квартал 2025 г.', 'IV квартал 2025 г.']);
    expect(reports[0]).toMatchObject({ state: 'expected', period: { reportDue: '2025-04-10' } });
  });

  it('walks submit with attachment → return → resubmit → accept, keeping every version; the light turns green', async () => {
    const mine = (await exec.get('/api/my/reports')).body.items.filter(
      (r: { measureId: number }) => r.measureId === measureId,
    );
    const q1 = mine.find((r: { period: { label: string } }) => r.period.label === 'I квартал 2025 г.');
    expect(q1.role).toBe('lead');
    // The co-executor writes its part.
    const part = (await exec2.get('/api/my/reports')).body.items.find(
      (r: { measureId: number; period: { label: string } }) =>
        r.measureId === measureId && r.period.label === 'I квартал 2025 г.',
    );
    expect(
      (
        await exec2.post(`/api/reports/${part.id}/submit`, {
          version: part.version,
          text: 'Проведено 2 выставки в поликлиниках.',
        })
      ).status,
    ).toBe(200);
    // An executor of another organisation cannot touch the lead's report.
    expect((await exec2.patch(`/api/reports/${q1.id}`, { version: q1.version, text: 'Чужой текст' })).status).toBe(403);

    const saved = await exec.patch(`/api/reports/${q1.id}`, {
      version: q1.version,
      text: 'Проведено 5 выставок.',
      resultStatus: 'partial',
    });
    expect(saved.status).toBe(200);
    expect(saved.body.state).toBe('draft');
    // A second editor with the old version is refused and shown the other change.
    const stale = await exec.patch(`/api/reports/${q1.id}`, { version: q1.version, text: 'Другая правка' });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toMatch(/Проведено 5 выставок/);

    const pdf = multipart(
      'акт.pdf',
      Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n'),
      'application/pdf',
    );
    const att = await t.app.inject({
      method: 'POST',
      url: `/api/reports/${q1.id}/attachments`,
      headers: { cookie: exec.cookie, 'x-csrf-token': exec.csrf, 'content-type': pdf.contentType },
      payload: pdf.body,
    });
    expect(att.statusCode).toBe(201);
    const fake = multipart('вирус.pdf', Buffer.from('MZ\x90\x00 not a pdf'), 'application/pdf');
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/reports/${q1.id}/attachments`,
      headers: { cookie: exec.cookie, 'x-csrf-token': exec.csrf, 'content-type': fake.contentType },
      payload: fake.body,
    });
    expect(bad.statusCode).toBe(415);

    const submitted = await exec.post(`/api/reports/${q1.id}/submit`, {
      version: saved.body.version,
      text: 'Проведено 5 выставок.',
      resultStatus: 'partial',
    });
    expect(submitted.body.state).toBe('submitted');
    expect((await coord.get('/api/review/reports')).body.items.map((r: { id: number }) => r.id)).toContain(q1.id);
    // The executor cannot accept its own report.
    expect((await exec.post(`/api/reports/${q1.id}/accept`, { version: submitted.body.version })).status).toBe(403);
    expect(
      (await coord.post(`/api/reports/${q1.id}/return`, { version: submitted.body.version, comment: '' })).status,
    ).toBe(400);
    const returned = await coord.post(`/api/reports/${q1.id}/return`, {
      version: submitted.body.version,
      comment: 'Укажите число участников',
    });
    expect(returned.body.state).toBe('returned');

    const resubmitted = await exec.post(`/api/reports/${q1.id}/submit`, {
      version: returned.body.version,
      text: 'Проведено 5 выставок, 640 участников.',
      resultStatus: 'done',
    });
    expect(resubmitted.body.state).toBe('submitted');
    const full = (await coord.get(`/api/reports/${q1.id}`)).body;
    expect(full.gatheredText).toBe(
      'Минкультуры: Проведено 5 выставок, 640 участников.\nМинздрав: Проведено 2 выставки в поликлиниках.',
    );
    expect(full.attachments.map((a: { name: string }) => a.name)).toEqual(['акт.pdf']);
    const accepted = await coord.post(`/api/reports/${q1.id}/accept`, { version: resubmitted.body.version });
    expect(accepted.body.state).toBe('accepted');
    const versions = (await coord.get(`/api/reports/${q1.id}`)).body.versions.map((v: { action: string }) => v.action);
    expect(versions).toEqual(['accept', 'submit', 'return', 'submit', 'save']);
    const measure = (await coord.get(`/api/plans/${planId}`)).body.measures.find(
      (m: { id: number }) => m.id === measureId,
    );
    expect(measure).toMatchObject({
      status: 'done',
      light: 'green',
      executionText:
        'Минкультуры: Проведено 5 выставок, 640 участников.\nМинздрав: Проведено 2 выставки в поликлиниках.',
    });
    // The attachment is downloadable by the co-executor of the measure, not by an unrelated executor.
    const fileId = full.attachments[0].fileId;
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/files/${fileId}`, headers: { cookie: exec2.cookie } }))
        .statusCode,
    ).toBe(200);
  });

  it('handles a deadline extension: the executor asks, the coordinator approves, the control date moves', async () => {
    const r = await exec.post(`/api/measures/${measureId}/extensions`, {
      reason: 'Выставка перенесена по решению организаторов',
      requestedDue: '2025-07-15',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ state: 'pending', currentDue: '2025-06-30', requestedDue: '2025-07-15' });
    expect(
      (await exec.post(`/api/measures/${measureId}/extensions`, { reason: 'ещё раз', requestedDue: '2025-07-20' }))
        .status,
    ).toBe(409);
    expect((await exec.post(`/api/extensions/${r.body.id}/decide`, { approve: true })).status).toBe(403);
    const d = await coord.post(`/api/extensions/${r.body.id}/decide`, { approve: true, comment: 'Согласовано' });
    expect(d.body.state).toBe('approved');
    const cps = (await coord.get(`/api/measures/${measureId}`)).body.controlPoints
      .filter((c: { kind: string }) => c.kind === 'due')
      .map((c: { nominal: string }) => c.nominal);
    expect(cps).toEqual(['2025-03-31', '2025-07-15', '2025-09-30', '2025-12-31']);
    const history = (await coord.get(`/api/measures/${measureId}/history`)).body.items.map(
      (e: { action: string }) => e.action,
    );
    expect(history).toContain('extension.request');
    expect(history).toContain('extension.approve');
  });

  it('closes an instruction only by the coordinator («снято с контроля»)', async () => {
    expect((await exec.post(`/api/measures/${measureId}/close`, {})).status).toBe(403);
    expect((await coord.post(`/api/measures/${measureId}/close`, { comment: 'Исполнено' })).status).toBe(200);
    const m = (await coord.get(`/api/plans/${planId}`)).body.measures.find((x: { id: number }) => x.id === measureId);
    expect(m).toMatchObject({ closed: true, light: 'green' });
    // Untouched owed reports disappear; written ones stay.
    const reports = (await coord.get(`/api/measures/${measureId}/reports`)).body.items;
    expect(reports.every((x: { state: string }) => x.state !== 'expected')).toBe(true);
    expect(reports.length).toBeGreaterThan(0);
  });
});

describe.each(engines)('the consolidated report on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('exports the demo plan as DOCX, XLSX and PDF, and the DOCX reads back through the importer', async () => {
    const coord = await t.as('coordinator');
    const plan = (await coord.get('/api/plans')).body.items.find((p: { kind: string }) => p.kind === 'plan');
    const full = (await coord.get(`/api/plans/${plan.id}`)).body;
    const { importDocument } = await import('../../src/domain/importers/read-document');
    for (const format of ['docx', 'xlsx'] as const) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/plans/${plan.id}/export?format=${format}`,
        headers: { cookie: coord.cookie },
      });
      expect(res.statusCode).toBe(200);
      expect(String(res.headers['content-disposition'])).toMatch(new RegExp(`\\.${format}$`));
      const doc = await importDocument(res.rawPayload, `report.${format}`);
      expect(doc.title).toMatch(/^Информация об исполнении плана мероприятий по поддержке/);
      expect(doc.items.map((i) => i.number)).toEqual(full.measures.map((m: { number: string }) => m.number));
      const m11 = doc.items.find((i) => i.number === '1.1')!;
      expect(m11).toMatchObject({
        section: '1',
        status: 'done',
        deadlineText: 'постоянно, отчет ежегодно до 25 декабря',
      });
      expect(m11.executors).toEqual(['Минсоцзащиты', 'Минэкономразвития']);
      expect(m11.executionText).toMatch(/^Реестр ведётся в электронном виде/);
      expect(doc.items.find((i) => i.number === '2.3')!.status).toBe('partial');
    }
    const pdf = await t.app.inject({
      method: 'GET',
      url: `/api/plans/${plan.id}/export?format=pdf`,
      headers: { cookie: coord.cookie },
    });
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
  });

  it("limits an executor's export to its own measures", async () => {
    const exec = await t.as('executor');
    const plan = (await exec.get('/api/plans')).body.items.find((p: { kind: string }) => p.kind === 'plan');
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/plans/${plan.id}/export?format=xlsx`,
      headers: { cookie: exec.cookie },
    });
    const { importDocument } = await import('../../src/domain/importers/read-document');
    const doc = await importDocument(res.rawPayload, 'r.xlsx');
    for (const item of doc.items) expect(item.executorsText).toMatch(/Минкультуры/);
  });
});

describe.each(engines)('monitoring dashboard and search on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('counts by status and light, lists overdue and due-soon measures, and reports completeness by executor', async () => {
    const coord = await t.as('coordinator');
    const plan = (await coord.get('/api/plans')).body.items.find((p: { kind: string }) => p.kind === 'plan');
    // 5 April 2025: the first quarter's reports are due on 10 April.
    const early = (await coord.get(`/api/dashboard?planId=${plan.id}&asOf=2025-04-05&soonDays=7`)).body;
    expect(early.totals.measures).toBe(10);
    expect(early.totals.byStatus).toMatchObject({ done: 2, partial: 1 });
    expect(early.totals.byLight.green).toBe(2);
    // «ежемесячно» (3.1) was due on 31 January and «ежеквартально» (1.3) on 31 March, with nothing reported.
    expect(
      early.overdue.map((x: { measure: { number: string }; openDue: string }) => `${x.measure.number} ${x.openDue}`),
    ).toEqual(['3.1 2025-01-31', '1.3 2025-03-31']);
    expect(early.totals.byLight.red).toBe(2);
    expect(early.dueSoon.length).toBeGreaterThan(0);
    expect(
      early.dueSoon.every((x: { openDue: string }) => x.openDue >= '2025-04-05' && x.openDue <= '2025-04-12'),
    ).toBe(true);
    expect(early.sections.map((s: { number: string }) => s.number)).toEqual(['1', '2', '3']);
    // 1 May 2025: nobody reported, so those measures are red and the executors' completeness is 0.
    const late = (await coord.get(`/api/dashboard?planId=${plan.id}&asOf=2025-05-01`)).body;
    const numbers = (l: { measure: { number: string } }[]) => l.map((x) => x.measure.number).sort();
    expect(late.totals.byLight.red).toBe(early.overdue.length + early.dueSoon.length);
    expect(numbers(late.overdue)).toEqual(numbers([...early.overdue, ...early.dueSoon]));
    const minkult = late.executors.find(
      (e: { organisation: { shortName: string } }) => e.organisation.shortName === 'Минкультуры',
    );
    expect(minkult).toMatchObject({ submitted: 0, onTime: 0, completeness: 0 });
    expect(minkult.expected).toBeGreaterThan(0);
    expect(late.calendar.length).toBeGreaterThan(0);
    // All plans: one row per plan.
    const all = (await coord.get('/api/dashboard?asOf=2025-05-01')).body;
    expect(all.plans.length).toBe(2);
    expect(all.totals.measures).toBe(14);
    // A write shows at once, whatever any instance has computed before (data_version).
    const m13 = (await coord.get(`/api/plans/${plan.id}`)).body.measures.find(
      (m: { number: string }) => m.number === '1.3',
    );
    await coord.patch(`/api/measures/${m13.id}`, { version: m13.version, status: 'done' });
    const after = (await coord.get('/api/dashboard?asOf=2025-05-01')).body;
    expect(after.totals.byLight.green).toBe(all.totals.byLight.green + 1);
    // One plan's dashboard follows that plan's own version: a write to it shows at once,
    // a write elsewhere leaves the version (and so the cached answer) as it was; a renamed
    // executor shows everywhere.
    const versions = async () =>
      Object.fromEntries(
        (await t.db.query<{ plan_id: number; v: number }>(`SELECT plan_id, v FROM plan_data_versions`)).map((r) => [
          r.plan_id,
          Number(r.v),
        ]),
      );
    const one = (await coord.get(`/api/dashboard?asOf=2025-05-01&planId=${plan.id}`)).body;
    const v0 = await versions();
    const other = all.plans.find((p: { id: number }) => p.id !== plan.id).id;
    await coord.edit(`/api/plans/${other}`, { approvedByName: 'И.И. Иванов' });
    const v1 = await versions();
    expect(v1[other]).toBeGreaterThan(v0[other]);
    expect(v1[plan.id]).toBe(v0[plan.id]);
    const m12 = (await coord.get(`/api/plans/${plan.id}`)).body.measures.find(
      (m: { number: string }) => m.number === '1.2',
    );
    await coord.patch(`/api/measures/${m12.id}`, { version: m12.version, status: 'done' });
    expect((await versions())[plan.id]).toBeGreaterThan(v1[plan.id]);
    const oneAfter = (await coord.get(`/api/dashboard?asOf=2025-05-01&planId=${plan.id}`)).body;
    expect(oneAfter.totals.byLight.green).toBe(one.totals.byLight.green + (m12.status === 'done' ? 0 : 1));
    const admin = await t.as('admin');
    const minkultId = late.executors.find(
      (e: { organisation: { shortName: string } }) => e.organisation.shortName === 'Минкультуры',
    ).organisation.id;
    expect((await admin.edit(`/api/organisations/${minkultId}`, { shortName: 'Минкультуры области' })).status).toBe(
      200,
    );
    const renamed = (await coord.get(`/api/dashboard?asOf=2025-05-01&planId=${plan.id}`)).body;
    expect(renamed.executors.map((e: { organisation: { shortName: string } }) => e.organisation.shortName)).toContain(
      'Минкультуры области',
    );
    await admin.edit(`/api/organisations/${minkultId}`, { shortName: 'Минкультуры' });
  });

  it('shows an executor only its own measures', async () => {
    const exec = await t.as('executor');
    const d = (await exec.get('/api/dashboard?asOf=2025-05-01')).body;
    const mine = (await exec.get('/api/my/measures')).body.items;
    expect(d.totals.measures).toBe(mine.length);
    expect(
      d.executors.every((e: { organisation: { shortName: string } }) => e.organisation.shortName === 'Минкультуры'),
    ).toBe(true);
  });

  it('finds measures by Russian word forms', async () => {
    const coord = await t.as('coordinator');
    const r = (await coord.get('/api/search?q=' + encodeURIComponent('реестр'))).body;
    expect(r.measures.map((m: { number: string }) => m.number)).toContain('1.1');
    expect(r.measures[0].snippet).toMatch(/«реестра»/);
    const exec = await t.as('executor2'); // Минздрав: 1.1 is not its measure
    expect((await exec.get('/api/search?q=' + encodeURIComponent('реестр'))).body.measures).toEqual([]);
  });
});

/**
 * An app on a fresh PGlite database with the given file storage, the executor logged in,
 * and one attachment uploaded to an owed report; `check` gets the stored row and the bytes
 * served back.
 */
async function uploadWithStorage(
  env: Record<string, string>,
  bytes: Buffer,
  check: (row: { storage: string; content: unknown; sha256: string }, back: Buffer) => Promise<void>,
) {
  const { createTestDatabase } = await import('../helpers/test-db');
  const { buildApp } = await import('../../src/http/app');
  const { loadEnv } = await import('../../src/env');
  const { Client } = await import('../helpers/test-app');
  const { configureFileStorage } = await import('../../src/modules/files/file-store');
  const tdb = await createTestDatabase('pglite');
  const app = await buildApp({ db: tdb.db, env: loadEnv({ NODE_ENV: 'test', ...env }) });
  try {
    const exec = new Client(app);
    exec.csrf = (await exec.post('/api/auth/login', { login: 'executor', password: 'demo-exec-2025' })).body.csrfToken;
    const report = (await exec.get('/api/my/reports')).body.items.find(
      (r: { state: string }) => r.state === 'expected',
    );
    const m = multipart('справка.pdf', bytes, 'application/pdf');
    const res = await app.inject({
      method: 'POST',
      url: `/api/reports/${report.id}/attachments`,
      headers: { cookie: exec.cookie, 'x-csrf-token': exec.csrf, 'content-type': m.contentType },
      payload: m.body,
    });
    expect(res.statusCode).toBe(201);
    const { fileId } = JSON.parse(res.body);
    const row = (await tdb.db.one<{ storage: string; content: unknown; sha256: string }>(
      `SELECT storage, content, sha256 FROM stored_files WHERE id = $1`,
      [fileId],
    ))!;
    const back = await app.inject({ method: 'GET', url: `/api/files/${fileId}`, headers: { cookie: exec.cookie } });
    expect(back.statusCode).toBe(200);
    await check(row, back.rawPayload);
  } finally {
    await app.close();
    await tdb.dispose();
    configureFileStorage(loadEnv({ NODE_ENV: 'test' }));
  }
}

describe('files on disk (FILE_STORAGE=disk)', () => {
  it('keeps an attachment under DATA_DIR/files and serves it back byte for byte', async () => {
    const { mkdtempSync, readdirSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dataDir = mkdtempSync(join(tmpdir(), 'isp-files-'));
    const bytes = Buffer.from('%PDF-1.4\n% disk storage\n%%EOF\n');
    await uploadWithStorage({ FILE_STORAGE: 'disk', DATA_DIR: dataDir }, bytes, async (row, back) => {
      expect(readdirSync(join(dataDir, 'files')).length).toBe(1);
      expect({ storage: row.storage, content: row.content }).toEqual({ storage: 'disk', content: null });
      expect(back.equals(bytes)).toBe(true);
    });
  });
});

describe('files in an S3-compatible bucket (FILE_STORAGE=s3)', () => {
  it('puts an attachment into the bucket under its hash and serves it back byte for byte', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { default: S3rver } = await import('@20minutes/s3rver');
    const { S3Client, GetObjectCommand } = await import('@aws-sdk/client-s3');
    const { loadEnv } = await import('../../src/env');
    // A real S3 protocol peer on loopback: signatures, PUT and GET as a bucket service does them.
    const s3 = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: mkdtempSync(join(tmpdir(), 'isp-s3-')),
      configureBuckets: [{ name: 'ispolnenie-files' }],
    });
    const { port } = await s3.run();
    const endpoint = `http://127.0.0.1:${port}`;
    expect(() => loadEnv({ FILE_STORAGE: 's3' })).toThrow(/S3_BUCKET/);
    const bytes = Buffer.from('%PDF-1.4\n% bucket storage\n%%EOF\n');
    try {
      await uploadWithStorage(
        {
          FILE_STORAGE: 's3',
          S3_BUCKET: 'ispolnenie-files',
          S3_ENDPOINT: endpoint,
          S3_ACCESS_KEY_ID: 'S3RVER',
          S3_SECRET_ACCESS_KEY: 'S3RVER',
        },
        bytes,
        async (row, back) => {
          expect({ storage: row.storage, content: row.content }).toEqual({ storage: 's3', content: null });
          // The object is in the bucket under the prefix and hash, read here with a client of our own.
          const client = new S3Client({
            region: 'us-east-1',
            endpoint,
            forcePathStyle: true,
            credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
          });
          const obj = await client.send(
            new GetObjectCommand({
              Bucket: 'ispolnenie-files',
              Key: `ispolnenie/${row.sha256.slice(0, 2)}/${row.sha256}`,
            }),
          );
          expect(Buffer.from(await obj.Body!.transformToByteArray()).equals(bytes)).toBe(true);
          expect(back.equals(bytes)).toBe(true);
        },
      );
    } finally {
      await s3.close();
    }
  });
});
