/**
 * Target indicators through the API (issue 13): kept from an import with every planned value,
 * edited by the plan's managers, facts entered by the responsible executor (a unit by itself),
 * accepted or returned, computed indicators never typed, plan against fact with the trend flag.
 */
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, orgIdsByShortName, type Client, type TestApp } from '../helpers/test-app';
import { engines } from '../helpers/test-db';
import { uploadImport } from '../helpers/multipart';

const nokPlan = readFileSync(new URL('../fixtures/api/nok-indicators-plan.txt', import.meta.url));

async function importAndCommit(t: TestApp, coord: Client, name: string, bytes: Buffer, extra: object = {}) {
  const preview = await uploadImport(coord, t, name, bytes);
  expect(preview.status).toBe(201);
  const p = preview.body;
  const orgs = await orgIdsByShortName(coord);
  const doc = p.document;
  const executorMap = Object.fromEntries(
    p.executors.map((e: { name: string; match: { id: number } | null }) => [
      e.name,
      e.match ? { organisationId: e.match.id } : { text: true },
    ]),
  );
  const saved = await coord.post(`/api/imports/${p.importId}/commit`, {
    plan: {
      kind: 'plan',
      title: doc.title || name,
      ownerOrganisationId: orgs['Минсоцзащиты'],
      periodFrom: doc.period?.[0] ?? '2025-01-01',
      periodTo: doc.period?.[1] ?? '2027-12-31',
    },
    sections: doc.sections,
    items: doc.items,
    executorMap,
    rememberAliases: false,
    ...extra,
  });
  return { preview: p, saved };
}

describe.each(engines)('target indicators through the API on %s', (engine) => {
  let t: TestApp;
  let admin: Client;
  let coord: Client;
  let exec: Client;
  let exec2: Client;
  let observer: Client;
  let orgs: Record<string, number>;
  let planId: number;

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await t.as('admin');
    coord = await t.as('coordinator');
    exec = await t.as('executor');
    exec2 = await t.as('executor2');
    observer = await t.as('observer');
    orgs = await orgIdsByShortName(admin);
    planId = (
      await coord.post('/api/plans', {
        kind: 'plan',
        title: 'План по развитию некоммерческого сектора',
        ownerOrganisationId: orgs['Минсоцзащиты'],
        periodFrom: '2025-01-01',
        periodTo: '2027-12-31',
      })
    ).body.id;
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('keeps an imported plan’s indicator table with every planned value, and the preview shows it for fixing', async () => {
    const { preview, saved } = await importAndCommit(t, coord, 'План НОК.txt', nokPlan);
    expect(preview.indicatorDrafts).toHaveLength(3);
    expect(preview.indicatorDrafts[0]).toMatchObject({
      number: '1',
      unit: '%',
      baseValue: 100,
      basePeriod: '2022-2024',
    });
    expect(saved.status).toBe(201);
    const list = await coord.get(`/api/plans/${saved.body.planId}/indicators`);
    expect(list.status).toBe(200);
    const items = list.body.items;
    expect(items.map((i: { number: string }) => i.number)).toEqual(['1', '2', '3']);
    expect(items[0].name).toMatch(/^Доля организаций социального обслуживания.*, в %$/);
    expect(items[1].name).toMatch(/о качестве оказанных услуг, от общего числа/);
    expect(items.map((i: { unit: string }) => i.unit)).toEqual(['%', '%', 'ед.']);
    expect(items.map((i: { baseValue: number }) => i.baseValue)).toEqual([100, 96, 4]);
    expect(
      items.map((i: { targets: { year: number; value: number }[] }) => i.targets.map((x) => [x.year, x.value])),
    ).toEqual([
      [
        [2025, 38.5],
        [2026, 61.5],
        [2027, 0],
      ],
      [
        [2025, 100],
        [2026, 100],
        [2027, 100],
      ],
      [
        [2025, 4],
        [2026, 4],
        [2027, 2],
      ],
    ]);
    const audit = await admin.get('/api/audit?entityType=plan');
    expect(audit.status).toBe(200);
  });

  it('saves the indicators as fixed in the preview', async () => {
    const p = (await uploadImport(coord, t, 'План НОК 2.txt', nokPlan)).body;
    const fixed = p.indicatorDrafts.map((d: { number: string }, i: number) =>
      i === 2 ? { ...d, unit: 'заседаний', direction: 'target' } : d,
    );
    const { saved } = await importAndCommit(t, coord, 'План НОК 3.txt', nokPlan, { indicators: fixed.slice(1) });
    expect(saved.status).toBe(201);
    const items = (await coord.get(`/api/plans/${saved.body.planId}/indicators`)).body.items;
    expect(
      items.map((i: { number: string; unit: string; direction: string }) => [i.number, i.unit, i.direction]),
    ).toEqual([
      ['2', '%', 'up'],
      ['3', 'заседаний', 'target'],
    ]);
  });

  it('lets the managers create and edit an indicator; a stale edit gets 409; others are refused', async () => {
    const body = {
      number: '10',
      name: 'Количество СО НКО, получивших субсидии',
      unit: 'ед.',
      direction: 'up',
      baseValue: 40,
      basePeriod: '2024',
      source: 'Реестр получателей поддержки',
      targets: [
        { year: 2025, quarter: 0, value: 45 },
        { year: 2026, quarter: 0, value: 50 },
      ],
      responsibleIds: [orgs['Минкультуры']],
    };
    expect((await exec.post(`/api/plans/${planId}/indicators`, body)).status).toBe(403);
    expect((await observer.post(`/api/plans/${planId}/indicators`, body)).status).toBe(403);
    const created = await coord.post(`/api/plans/${planId}/indicators`, body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ number: '10', unit: 'ед.', baseValue: 40, abilities: { update: true } });
    expect((await coord.post(`/api/plans/${planId}/indicators`, body)).status).toBe(409);
    const edited = await coord.patch(`/api/indicators/${created.body.id}`, {
      version: created.body.version,
      targets: [{ year: 2025, quarter: 0, value: 46 }],
    });
    expect(edited.status).toBe(200);
    expect(edited.body.targets).toEqual([{ year: 2025, quarter: 0, value: 46, valueText: '' }]);
    const stale = await coord.patch(`/api/indicators/${created.body.id}`, {
      version: created.body.version,
      name: 'Другое',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toMatch(/обновите/);
    expect((await exec.patch(`/api/indicators/${created.body.id}`, { version: edited.body.version })).status).toBe(403);
    // The responsible executor reads it even without a measure of the plan; another executor does not.
    expect((await exec.get(`/api/indicators/${created.body.id}`)).status).toBe(200);
    expect((await exec2.get(`/api/indicators/${created.body.id}`)).status).toBe(403);
  });

  it('takes facts from the responsible executor only; coordinators accept or return them; accepted ones stay', async () => {
    const ind = (
      await coord.post(`/api/plans/${planId}/indicators`, {
        number: '11',
        name: 'Численность добровольцев',
        unit: 'чел.',
        targets: [{ year: 2025, quarter: 0, value: 1000 }],
        responsibleIds: [orgs['Минкультуры']],
      })
    ).body;
    const fact = { year: 2025, quarter: 1, unitOrganisationId: null, value: 300, comment: 'По данным реестра' };
    expect((await exec2.put(`/api/indicators/${ind.id}/facts`, fact)).status).toBe(403);
    expect((await observer.put(`/api/indicators/${ind.id}/facts`, fact)).status).toBe(403);
    const bad = await exec.put(`/api/indicators/${ind.id}/facts`, { ...fact, year: 2031 });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/вне срока действия плана/);
    const q1 = await exec.put(`/api/indicators/${ind.id}/facts`, fact);
    expect(q1.status).toBe(200);
    expect(q1.body).toMatchObject({ state: 'submitted', value: 300, comment: 'По данным реестра' });
    // A second entry for the same period without the version is a stale write, never an overwrite.
    expect((await exec.put(`/api/indicators/${ind.id}/facts`, { ...fact, value: 301 })).status).toBe(409);
    const returned = await coord.post(`/api/indicator-facts/${q1.body.id}/return`, {
      version: q1.body.version,
      comment: 'Приложите выписку',
    });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ state: 'returned', reviewComment: 'Приложите выписку' });
    expect((await exec.post(`/api/indicator-facts/${q1.body.id}/accept`, { version: 1 })).status).toBe(403);
    const again = await exec.put(`/api/indicators/${ind.id}/facts`, {
      ...fact,
      value: 320,
      evidenceUrl: 'https://example.ru/vypiska.pdf',
      version: returned.body.version,
    });
    expect(again.status).toBe(200);
    expect(again.body.state).toBe('submitted');
    const accepted = await coord.post(`/api/indicator-facts/${q1.body.id}/accept`, { version: again.body.version });
    expect(accepted.body.state).toBe('accepted');
    // Accepted twice (or a stale version): 409.
    expect(
      (await coord.post(`/api/indicator-facts/${q1.body.id}/accept`, { version: accepted.body.version })).status,
    ).toBe(409);
    const locked = await exec.put(`/api/indicators/${ind.id}/facts`, {
      ...fact,
      value: 1,
      version: accepted.body.version,
    });
    expect(locked.status).toBe(409);
    expect(locked.body.message).toMatch(/принято/);
    const q2 = await exec.put(`/api/indicators/${ind.id}/facts`, { ...fact, quarter: 2, value: 420 });
    expect(q2.status).toBe(200);
    // Trend: 320 → 420 by the second quarter leads to 620 by the year's end, short of 1000.
    const detail = (await coord.get(`/api/indicators/${ind.id}`)).body;
    const year = detail.planFact.find((r: { year: number; quarter: number }) => r.year === 2025 && r.quarter === 0);
    expect(year).toMatchObject({ planned: 1000, fact: 420, partial: true, status: 'no_fact', willMiss: true });
    expect(year.forecast).toBeCloseTo(620, 6);
    expect(detail.facts.map((f: { quarter: number; state: string }) => [f.quarter, f.state])).toEqual([
      [1, 'accepted'],
      [2, 'submitted'],
    ]);
    const fullYear = await exec.put(`/api/indicators/${ind.id}/facts`, { ...fact, quarter: 0, value: 1010 });
    expect(fullYear.status).toBe(200);
    const after = (await coord.get(`/api/plans/${planId}/indicators`)).body.items.find(
      (i: { id: number }) => i.id === ind.id,
    );
    const y = after.planFact.find((r: { year: number; quarter: number }) => r.year === 2025 && r.quarter === 0);
    expect(y).toMatchObject({ fact: 1010, deviation: 10, status: 'reached', willMiss: false });
    const history = await admin.get('/api/audit?limit=50');
    expect(
      history.body.items.filter((e: { action: string }) => e.action.startsWith('indicator_fact.')).length,
    ).toBeGreaterThanOrEqual(5);
  });

  it('computes a share from its numerator and denominator and a sum over municipalities, never typed', async () => {
    const mk = async (fullName: string) =>
      (await admin.post('/api/organisations', { fullName, shortName: fullName, kind: 'municipality' })).body.id;
    const north = await mk('Северный муниципальный район');
    const south = await mk('Южный городской округ');
    await admin.post('/api/users', {
      login: 'mun-north',
      fullName: 'Специалист Северного района',
      role: 'executor',
      organisationId: north,
      password: 'mun-north-password-1',
    });
    const munUser = await t.as('mun-north', 'mun-north-password-1');
    const create = (body: object) => coord.post(`/api/plans/${planId}/indicators`, body);
    const num = (
      await create({
        number: '20',
        name: 'Объём средств, направленных СО НКО',
        unit: 'руб.',
        responsibleIds: [orgs['Минкультуры']],
      })
    ).body;
    const den = (
      await create({
        number: '21',
        name: 'Объём средств на социальные услуги',
        unit: 'руб.',
        responsibleIds: [orgs['Минкультуры']],
      })
    ).body;
    const share = await create({
      number: '22',
      name: 'Доля средств, направленных СО НКО, в %',
      unit: '%',
      computation: 'share',
      numeratorId: num.id,
      denominatorId: den.id,
      targets: [{ year: 2025, quarter: 0, value: 7 }],
      responsibleIds: [orgs['Минкультуры']],
    });
    expect(share.status).toBe(201);
    const noComponents = await create({ number: '23', name: 'Доля', computation: 'share' });
    expect(noComponents.status).toBe(400);
    expect(noComponents.body.message).toMatch(/числителя и знаменателя/);
    await exec.put(`/api/indicators/${num.id}/facts`, { year: 2025, quarter: 0, unitOrganisationId: null, value: 68 });
    await exec.put(`/api/indicators/${den.id}/facts`, {
      year: 2025,
      quarter: 0,
      unitOrganisationId: null,
      value: 1000,
    });
    const typed = await exec.put(`/api/indicators/${share.body.id}/facts`, {
      year: 2025,
      quarter: 0,
      unitOrganisationId: null,
      value: 7,
    });
    expect(typed.status).toBe(400);
    expect(typed.body.message).toMatch(/вычисляется/);
    const s = (await coord.get(`/api/indicators/${share.body.id}`)).body;
    expect(s.values).toEqual([{ year: 2025, quarter: 0, unitId: null, value: 6.8, computed: true }]);
    expect(s.planFact[0]).toMatchObject({ planned: 7, fact: 6.8, status: 'missed' });
    expect(s.components.map((c: { number: string }) => c.number)).toEqual(['20', '21']);
    // A component in use cannot be removed.
    expect((await coord.delete(`/api/indicators/${num.id}`)).status).toBe(409);

    const sum = (
      await create({
        number: '30',
        name: 'Количество СО НКО, получивших муниципальную поддержку',
        unit: 'ед.',
        breakdown: 'municipality',
        computation: 'sum',
        targets: [{ year: 2025, quarter: 0, value: 20 }],
        responsibleIds: [orgs['Минкультуры']],
      })
    ).body;
    expect(sum.abilities.report).toBe(false);
    const row = (unit: number | null, value: number) => ({ year: 2025, quarter: 0, unitOrganisationId: unit, value });
    // A municipality enters its own row, never another's; the total is the sum, not typed.
    expect((await munUser.put(`/api/indicators/${sum.id}/facts`, row(north, 12))).status).toBe(200);
    expect((await munUser.put(`/api/indicators/${sum.id}/facts`, row(south, 5))).status).toBe(403);
    expect((await exec.put(`/api/indicators/${sum.id}/facts`, row(south, 5))).status).toBe(200);
    const total = await exec.put(`/api/indicators/${sum.id}/facts`, row(null, 17));
    expect(total.status).toBe(400);
    expect(total.body.message).toMatch(/сумма/);
    const d = (await munUser.get(`/api/indicators/${sum.id}`)).body;
    expect(d.reportableUnitIds).toEqual([north]);
    expect(d.values).toContainEqual({ year: 2025, quarter: 0, unitId: null, value: 17, computed: true });
    expect(d.planFact[0]).toMatchObject({ planned: 20, fact: 17, deviation: -3, status: 'missed' });
    // The municipality sees only what it reports into, not the plan's other indicators.
    const seen = await munUser.get(`/api/plans/${planId}/indicators`);
    expect(seen.body.items.map((i: { number: string }) => i.number)).toEqual(['30']);
    expect((await munUser.get(`/api/indicators/${num.id}`)).status).toBe(403);
  });

  it('adds the indicator table, facts beside plans, to the consolidated DOCX and XLSX', async () => {
    const { saved } = await importAndCommit(t, coord, 'План НОК 4.txt', nokPlan);
    const pid = saved.body.planId;
    const first = (await coord.get(`/api/plans/${pid}/indicators`)).body.items[0];
    expect(
      (
        await admin.put(`/api/indicators/${first.id}/facts`, {
          year: 2025,
          quarter: 0,
          unitOrganisationId: null,
          value: 40.2,
        })
      ).status,
    ).toBe(200);
    const get = (format: string) =>
      t.app.inject({
        method: 'GET',
        url: `/api/plans/${pid}/export?format=${format}`,
        headers: { cookie: coord.cookie },
      });
    const xlsx = await get('xlsx');
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as Parameters<typeof wb.xlsx.load>[0]);
    const sheet = wb.getWorksheet('Целевые показатели')!;
    const values = (r: number) => (sheet.getRow(r).values as unknown[]).slice(1);
    expect(values(2)).toEqual([
      '№ п/п',
      'Наименование показателя',
      'Единица измерения',
      'Базовое значение (2022-2024)',
      '2025 г. (план)',
      '2025 г. (факт)',
      '2026 г. (план)',
      '2026 г. (факт)',
      '2027 г. (план)',
      '2027 г. (факт)',
    ]);
    expect(values(3)).toEqual([
      '1',
      expect.stringMatching(/^Доля организаций/),
      '%',
      '100',
      '38,5',
      '40,2',
      '61,5',
      '',
      '0',
      '',
    ]);
    expect(values(5).slice(0, 5)).toEqual(['3', expect.stringMatching(/^Проведение заседаний/), 'ед.', '4', '4']);
    const docx = await get('docx');
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml).toContain('Целевые показатели');
    expect(xml).toContain('Базовое значение (2022-2024)');
    expect(xml).toContain('40,2');
  });

  it('lists an executor’s own indicators', async () => {
    const mine = await exec.get('/api/my/indicators');
    expect(mine.status).toBe(200);
    expect(mine.body.items.length).toBeGreaterThanOrEqual(3);
    expect((await exec2.get('/api/my/indicators')).body.items).toEqual([]);
  });
});

/** With ../shared present: every golden document's indicator table is kept with all its values. */
const GOLDEN = new URL('../../../shared/golden/import/', import.meta.url);
const SEEDS = new URL('../../../shared/seeds/', import.meta.url);
describe.skipIf(!existsSync(GOLDEN) || !existsSync(SEEDS))('the shared seeds’ indicator tables', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite');
  });
  afterAll(async () => {
    await t?.dispose();
  });
  it('are saved with every value and read back through the API', async () => {
    const coord = await t.as('coordinator');
    let checked = 0;
    for (const name of readdirSync(GOLDEN).filter((n) => n.endsWith('.json'))) {
      const golden = JSON.parse(readFileSync(new URL(name, GOLDEN), 'utf8'));
      if (!golden.indicators?.length) continue;
      const seed = readFileSync(new URL(name.replace(/\.json$/, '.txt'), SEEDS));
      const { saved } = await importAndCommit(t, coord, name.replace(/\.json$/, '.txt'), seed);
      expect(saved.status, name).toBe(201);
      const items = (await coord.get(`/api/plans/${saved.body.planId}/indicators`)).body.items;
      expect(items.length, name).toBe(golden.indicators.length);
      for (const [i, g] of golden.indicators.entries()) {
        const it = items[i];
        expect(it.number).toBe(g.number);
        expect(it.name.startsWith(g.nameStart)).toBe(true);
        const printed = Object.entries(g.values as Record<string, string>).map(([label, v]) => [
          label,
          Number(String(v).replace(',', '.')),
        ]);
        const kept: [string, number][] = [
          [it.basePeriod, it.baseValue],
          ...it.targets.map((x: { year: number; value: number }) => [String(x.year), x.value] as [string, number]),
        ];
        expect(kept.sort(), name).toEqual(printed.sort());
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});
