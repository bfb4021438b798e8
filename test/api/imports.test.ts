import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app';
import { engines } from '../helpers/test-db';
import { uploadImport } from '../helpers/multipart';

const planText = readFileSync(new URL('../fixtures/api/volunteer-plan.txt', import.meta.url));

const upload = uploadImport;

describe.each(engines)('importing documents through the API on %s', (engine) => {
  let t: TestApp;
  let coord: Client;
  beforeAll(async () => {
    t = await createTestApp(engine);
    coord = await t.as('coordinator');
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('previews a plan with unknown executors marked, then saves it as a draft with the source file kept', async () => {
    const preview = await upload(coord, t, 'План добровольчества.txt', planText);
    expect(preview.status).toBe(201);
    const p = preview.body;
    expect(p.document.kind).toBe('plan');
    expect(p.document.items.map((i: { number: string }) => i.number)).toEqual(['1.1', '1.2', '2.1', '2.2']);
    const byName = Object.fromEntries(p.executors.map((e: { name: string }) => [e.name, e]));
    expect(byName['Минсоц'].match.shortName).toBe('Минсоцзащиты');
    expect(byName['Минкульт'].match.shortName).toBe('Минкультуры');
    expect(byName['Ресурсный центр'].match.shortName).toBe('ГАУ «Ресурсный центр НКО»');
    expect(byName['Молодёжный центр «Импульс»']).toMatchObject({ match: null, byAgreement: true });
    expect(byName['Комитет по печати'].match).toBeNull();
    expect(
      p.problems
        .filter((x: { kind: string }) => x.kind === 'executor_unknown')
        .map((x: { message: string }) => x.message),
    ).toEqual([
      expect.stringMatching(/^Исполнитель «Молодёжный центр «Импульс»» не найден в справочнике\./),
      expect.stringMatching(/^Исполнитель «Комитет по печати» не найден в справочнике/),
    ]);

    const orgs = (await coord.get('/api/organisations')).body.items as { id: number; shortName: string }[];
    const id = (s: string) => orgs.find((o) => o.shortName === s)!.id;
    const doc = p.document;
    // A commit that leaves an executor unmapped is refused, and nothing is saved.
    const plansBefore = (await coord.get('/api/plans')).body.items.length;
    const refused = await coord.post(`/api/imports/${p.importId}/commit`, {
      plan: {
        kind: 'plan',
        title: doc.title,
        ownerOrganisationId: id('Минсоцзащиты'),
        periodFrom: doc.period[0],
        periodTo: doc.period[1],
        approvedByName: doc.approvedByName,
        approvedOn: doc.approvedOn,
      },
      sections: doc.sections,
      items: doc.items,
      executorMap: {},
      rememberAliases: true,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/не сопоставлен/);
    expect((await coord.get('/api/plans')).body.items.length).toBe(plansBefore);

    // Executors are only checked against the directory by an administrator's list; the coordinator maps them.
    const saved = await coord.post(`/api/imports/${p.importId}/commit`, {
      plan: {
        kind: 'plan',
        title: doc.title,
        ownerOrganisationId: id('Минсоцзащиты'),
        periodFrom: doc.period[0],
        periodTo: doc.period[1],
        approvedByName: doc.approvedByName,
        approvedOn: doc.approvedOn,
      },
      sections: doc.sections,
      items: doc.items,
      executorMap: {
        'Комитет по печати': { organisationId: id('Минэкономразвития') },
        'Молодёжный центр «Импульс»': { create: { fullName: 'Молодёжный центр «Импульс»', kind: 'ngo' } },
      },
      rememberAliases: true,
    });
    expect(saved.status).toBe(201);
    const plan = (await coord.get(`/api/plans/${saved.body.planId}?include=measures`)).body;
    expect(plan).toMatchObject({
      status: 'draft',
      approvedByName: 'Н.В. Морозова',
      approvedOn: '2026-01-15',
      periodFrom: '2026-01-01',
      periodTo: '2027-12-31',
    });
    expect(plan.sourceFile.name).toBe('План добровольчества.txt');
    expect(plan.sections.map((s: { number: string }) => s.number)).toEqual(['I', 'II']);
    const m12 = plan.measures.find((m: { number: string }) => m.number === '1.2');
    expect(m12.leadExecutor.shortName).toBe('ГАУ «Ресурсный центр НКО»');
    expect(m12.coExecutors[0]).toMatchObject({ shortName: 'Молодёжный центр «Импульс»', external: true });
    const m21 = plan.measures.find((m: { number: string }) => m.number === '2.1');
    expect(m21.coExecutors.map((c: { shortName: string }) => c.shortName)).toEqual(['Минэкономразвития']);
    // The alias is remembered: the next import knows «Комитет по печати».
    const resolved = (await coord.get('/api/organisations/resolve?name=' + encodeURIComponent('Комитет по печати')))
      .body;
    expect(resolved.match.shortName).toBe('Минэкономразвития');
    // The original file is downloadable byte for byte.
    const file = await t.app.inject({
      method: 'GET',
      url: `/api/files/${plan.sourceFile.id}`,
      headers: { cookie: coord.cookie },
    });
    expect(file.rawPayload.equals(planText)).toBe(true);
    // The audit names the source file.
    const audit = (await (await t.as('admin')).get('/api/audit?entityType=plan')).body.items;
    expect(
      audit.find((e: { action: string; planId: number }) => e.action === 'plan.imported' && e.planId === plan.id)
        .source,
    ).toBe('План добровольчества.txt');
    // Saving twice is refused.
    expect(
      (
        await coord.post(`/api/imports/${p.importId}/commit`, {
          plan: {
            kind: 'plan',
            title: 'x',
            ownerOrganisationId: id('Минсоцзащиты'),
            periodFrom: '2026-01-01',
            periodTo: '2026-12-31',
          },
          sections: [],
          items: [],
          executorMap: {},
        })
      ).status,
    ).toBe(409);
  });

  it('applies an execution report to an existing plan by number, showing the changes first', async () => {
    const plans = (await coord.get('/api/plans')).body.items;
    const demo = plans.find((x: { kind: string }) => x.kind === 'plan');
    const report = Buffer.from(
      [
        'Информация об исполнении плана мероприятий за 2025 год',
        '',
        '№ п/п\tНаименование мероприятия\tОтветственный\tСрок\tИнформация об исполнении\tСтатус',
        '1.2\tПодготовка ежегодного доклада\tМинэкономразвития\tежегодно до 1 июня\tДоклад направлен Губернатору 28.05.2025\tВыполнено',
        '2.2\tОрганизация культурно-просветительских мероприятий\tМинкультуры\tне реже 2 раз в год\tПроведено 6 мероприятий из 10\tЧастично выполнено',
        '9.9\tМероприятие, которого нет в плане\tМинздрав\t2025\tТекст\tВыполнено',
      ].join('\n'),
    );
    const preview = await upload(coord, t, 'Отчёт 2025.txt', report);
    expect(preview.status).toBe(201);
    expect(preview.body.document.kind).toBe('report');
    const dry = await coord.post(`/api/imports/${preview.body.importId}/apply-report`, {
      planId: demo.id,
      period: '2025',
      dryRun: true,
    });
    expect(dry.body.changes.map((c: { number: string }) => c.number)).toEqual(['1.2', '2.2']);
    expect(dry.body.unmatched).toEqual(['9.9']);
    const before = (await coord.get(`/api/plans/${demo.id}?include=measures`)).body.measures.find(
      (m: { number: string }) => m.number === '1.2',
    );
    expect(before.status).toBeNull();
    const apply = (body: Record<string, unknown>) =>
      coord.post(`/api/imports/${preview.body.importId}/apply-report`, {
        planId: demo.id,
        period: '2025',
        dryRun: false,
        ...body,
      });
    const shown = (r: typeof dry) =>
      r.body.changes.map((c: { measureId: number; version: number }) => ({
        measureId: c.measureId,
        version: c.version,
      }));
    // Applying names the changes it was shown; without them it is refused.
    expect((await apply({})).status).toBe(400);
    // Someone edits a measure of the plan after the check: the shown changes are stale, nothing is written.
    const m22 = (await coord.get(`/api/plans/${demo.id}?include=measures`)).body.measures.find(
      (m: { number: string }) => m.number === '2.2',
    );
    expect(
      (await coord.patch(`/api/measures/${m22.id}`, { version: m22.version, executionText: 'Правка после проверки' }))
        .status,
    ).toBe(200);
    const stale = await apply({ versions: shown(dry) });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toMatch(/изменились после проверки/);
    const untouched = (await coord.get(`/api/plans/${demo.id}?include=measures`)).body.measures;
    expect(untouched.find((m: { number: string }) => m.number === '1.2').status).toBeNull();
    expect(untouched.find((m: { number: string }) => m.number === '2.2').executionText).toBe('Правка после проверки');
    // A version the check did not show (forged or from another plan) is stale too.
    expect((await apply({ versions: [...shown(dry), { measureId: before.id, version: 999 }] })).status).toBe(409);
    // Checked again, the same changes apply.
    const again = await coord.post(`/api/imports/${preview.body.importId}/apply-report`, {
      planId: demo.id,
      period: '2025',
      dryRun: true,
    });
    const applied = await apply({ versions: shown(again) });
    expect(applied.body.applied).toBe(true);
    const after = (await coord.get(`/api/plans/${demo.id}?include=measures`)).body.measures;
    expect(after.find((m: { number: string }) => m.number === '1.2')).toMatchObject({
      status: 'done',
      executionText: 'Доклад направлен Губернатору 28.05.2025',
    });
    expect(after.find((m: { number: string }) => m.number === '2.2').status).toBe('partial');
  });

  it('refuses unreadable files with a clear Russian message and stores nothing', async () => {
    const pdf = await upload(coord, t, 'plan.pdf', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'));
    expect(pdf.status).toBe(415);
    expect(pdf.body.message).toMatch(/\.docx/);
    const empty = await upload(coord, t, 'empty.txt', Buffer.alloc(0));
    expect(empty.status).toBe(400);
    expect(empty.body.message).toBe('Файл пуст');
    // Text with no table is kept unread, for the person to point at its columns (issue 18).
    const noTable = await upload(
      coord,
      t,
      'letter.txt',
      Buffer.from('Уважаемый Иван Иванович!\nНаправляем информацию.\n'),
    );
    expect(noTable.status).toBe(201);
    expect(noTable.body).toMatchObject({
      status: 'unread',
      document: null,
      unread: { message: expect.stringMatching(/не найдена таблица мероприятий/) },
    });
    const exec = await t.as('executor');
    expect((await upload(exec, t, 'plan.txt', planText)).status).toBe(403);
  });
});
