/**
 * Measure lists that page (issue 17): GET /api/measures with filters, sorts, totals and a
 * keyset cursor; GET /api/plans/:id without its measures; one measure with all its reports
 * in one answer. Paging is checked against the whole list read at once: every sort, walked
 * page by page, gives the same rows in the same order, none twice, none missing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, orgIdsByShortName, type Client, type TestApp } from '../helpers/test-app';
import { engines } from '../helpers/test-db';

interface Row {
  id: number;
  number: string;
  sectionId: number | null;
  status: string | null;
  openDue: string | null;
  light: string;
  leadExecutor: { id: number; shortName: string } | null;
  coExecutors: { id: number }[];
  updatedAt: string;
  plan: { id: number };
}

const SORTS = ['position', 'number', 'deadline', 'status', 'executor', 'updated'] as const;

describe.each(engines)('measure lists on %s', (engine) => {
  let t: TestApp;
  let coord: Client;
  let exec: Client;
  let exec2: Client;
  let orgs: Record<string, number>;
  let planId: number;
  let sections: number[];

  /** Every page of a list, following nextCursor. */
  async function walk(c: Client, query: string, limit: number): Promise<{ rows: Row[]; totals: number[] }> {
    const rows: Row[] = [];
    const totals: number[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 100; guard++) {
      const url: string = `/api/measures?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
      const r = await c.get(url);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.items.length).toBeLessThanOrEqual(limit);
      rows.push(...r.body.items);
      totals.push(r.body.total);
      cursor = r.body.nextCursor;
      if (!cursor) return { rows, totals };
    }
    throw new Error('paging did not end');
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    coord = await t.as('coordinator');
    exec = await t.as('executor');
    exec2 = await t.as('executor2');
    orgs = await orgIdsByShortName(coord);
    const plan = (
      await coord.post('/api/plans', {
        kind: 'plan',
        title: 'План мероприятий для проверки списков',
        ownerOrganisationId: orgs['Минсоцзащиты'],
        periodFrom: '2025-01-01',
        periodTo: '2027-12-31',
      })
    ).body;
    planId = plan.id;
    sections = [];
    for (const n of ['1', '2'])
      sections.push((await coord.post(`/api/plans/${planId}/sections`, { number: n, title: `Раздел ${n}` })).body.id);
    const execs = ['Минкультуры', 'Минздрав', 'Минсоцзащиты'];
    const deadlines = ['до 1 марта 2025 г.', 'ежеквартально', 'до 31 декабря 2027 г.', 'постоянно', 'в течение года'];
    const statuses = [null, 'done', 'partial', 'not_done', 'not_due'];
    // 23 measures: numbers that sort differently as text and as figures (1.10 after 1.9).
    for (let i = 1; i <= 23; i++) {
      const section = i <= 12 ? 0 : 1;
      const r = await coord.post(`/api/plans/${planId}/measures`, {
        sectionId: sections[section],
        number: `${section + 1}.${section ? i - 12 : i}`,
        title: i === 5 ? 'Проведение выставок народного творчества' : `Мероприятие номер ${i}`,
        leadExecutorId: orgs[execs[i % 3]],
        coExecutorIds: i % 4 === 0 ? [orgs[execs[(i + 1) % 3]]] : [],
        deadlineText: deadlines[i % deadlines.length],
        status: statuses[i % statuses.length],
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    // One measure outside any section.
    await coord.post(`/api/plans/${planId}/measures`, {
      sectionId: null,
      number: '0',
      title: 'Вводное мероприятие',
      leadExecutorId: orgs['Минкультуры'],
      deadlineText: 'до 1 июня 2025 г.',
    });
  }, 120_000);
  afterAll(async () => {
    await t?.dispose();
  });

  it('no longer sends every measure with the plan unless asked', async () => {
    const head = (await coord.get(`/api/plans/${planId}`)).body;
    expect(head.measures).toBeUndefined();
    expect(head.measureCount).toBe(24);
    expect(head.sections).toHaveLength(2);
    const full = (await coord.get(`/api/plans/${planId}?include=measures`)).body;
    expect(full.measures).toHaveLength(24);
  });

  it('pages the plan in its own order, as the legacy whole answer has it', async () => {
    const full: Row[] = (await coord.get(`/api/plans/${planId}?include=measures`)).body.measures;
    // The plan's order: no section first, then sections by position, measures by position.
    const secPos = (r: Row) => (r.sectionId === null ? -1 : sections.indexOf(r.sectionId));
    const expected = full
      .slice()
      .sort((a, b) => secPos(a) - secPos(b))
      .map((r) => r.id);
    const { rows, totals } = await walk(coord, `planId=${planId}`, 5);
    expect(rows.map((r) => r.id)).toEqual(expected);
    expect(new Set(totals)).toEqual(new Set([24]));
    expect(rows[0].number).toBe('0');
  });

  it.each(SORTS)('walks every page of sort «%s» both ways: the same rows as one page, in order', async (sort) => {
    for (const dir of ['asc', 'desc']) {
      const whole = (await coord.get(`/api/measures?planId=${planId}&sort=${sort}&dir=${dir}&limit=200`)).body;
      expect(whole.nextCursor).toBeNull();
      expect(whole.items).toHaveLength(24);
      const { rows } = await walk(coord, `planId=${planId}&sort=${sort}&dir=${dir}`, 4);
      expect(rows.map((r) => r.id)).toEqual(whole.items.map((r: Row) => r.id));
      expect(new Set(rows.map((r) => r.id)).size).toBe(24);
      const sign = dir === 'asc' ? 1 : -1;
      const pairs = rows.slice(1).map((r, i) => [rows[i], r] as const);
      if (sort === 'deadline')
        for (const [a, b] of pairs)
          expect(sign * (a.openDue ?? '9999-12-31').localeCompare(b.openDue ?? '9999-12-31')).toBeLessThanOrEqual(0);
      if (sort === 'number') {
        const figs = (r: Row) => r.number.split('.').map(Number);
        const cmp = (a: number[], b: number[]) => (a[0] - b[0] !== 0 ? a[0] - b[0] : (a[1] ?? -1) - (b[1] ?? -1));
        for (const [a, b] of pairs) expect(sign * cmp(figs(a), figs(b))).toBeLessThanOrEqual(0);
      }
      if (sort === 'updated')
        for (const [a, b] of pairs) expect(sign * a.updatedAt.localeCompare(b.updatedAt)).toBeLessThanOrEqual(0);
    }
  });

  it('filters by section, executor, status, due and words, with the filtered total', async () => {
    const all: Row[] = (await coord.get(`/api/measures?planId=${planId}&limit=200`)).body.items;
    const check = async (query: string, keep: (r: Row) => boolean) => {
      const want = all.filter(keep).map((r) => r.id);
      const r = await coord.get(`/api/measures?planId=${planId}&${query}&limit=200`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.items.map((x: Row) => x.id)).toEqual(want);
      expect(r.body.total).toBe(want.length);
      return want.length;
    };
    expect(await check(`sectionId=${sections[1]}`, (r) => r.sectionId === sections[1])).toBe(11);
    expect(await check('sectionId=none', (r) => r.sectionId === null)).toBe(1);
    const mk = orgs['Минкультуры'];
    expect(
      await check(`executorId=${mk}`, (r) => r.leadExecutor?.id === mk || r.coExecutors.some((c) => c.id === mk)),
    ).toBeGreaterThan(5);
    expect(await check('status=done', (r) => r.status === 'done')).toBeGreaterThan(0);
    expect(await check('status=none', (r) => r.status === null)).toBeGreaterThan(0);
    await check('due=overdue', (r) => r.light === 'red');
    await check('due=soon', (r) => r.light === 'yellow');
    expect(await check(`q=${encodeURIComponent('народное творчество')}`, (r) => r.number === '1.5')).toBe(1);
    expect(await check('q=2.3', (r) => r.number === '2.3')).toBe(1);
  });

  it('lists one executor’s overdue measures across plans, and only what the executor may see', async () => {
    const mine = await walk(exec, `executorId=${orgs['Минкультуры']}&due=overdue&sort=deadline`, 3);
    expect(mine.rows.length).toBeGreaterThan(0);
    expect(mine.rows.every((r) => r.light === 'red')).toBe(true);
    // Across plans: the demo plan's measures too.
    expect(new Set(mine.rows.map((r) => r.plan.id)).size).toBeGreaterThan(1);
    // An executor's unfiltered list holds only its organisation's measures (or its own plans').
    const own = await walk(exec, `planId=${planId}`, 50);
    const mk = orgs['Минкультуры'];
    expect(own.rows.length).toBeGreaterThan(0);
    expect(own.rows.every((r) => r.leadExecutor?.id === mk || r.coExecutors.some((c) => c.id === mk))).toBe(true);
    expect(own.totals[0]).toBe(own.rows.length);
  });

  it('refuses a plan the caller may not read, and a forged cursor, in Russian', async () => {
    const outsider = await t.as('executor2');
    const other = (
      await coord.post('/api/plans', {
        kind: 'plan',
        title: 'План без Минздрава',
        ownerOrganisationId: orgs['Минсоцзащиты'],
        periodFrom: '2025-01-01',
        periodTo: '2025-12-31',
      })
    ).body;
    expect((await outsider.get(`/api/measures?planId=${other.id}`)).status).toBe(403);
    for (const cursor of [
      'bm90LWpzb24',
      Buffer.from('["x","1"]').toString('base64url'),
      Buffer.from('[1]').toString('base64url'),
    ]) {
      const r = await coord.get(`/api/measures?planId=${planId}&sort=deadline&cursor=${cursor}`);
      expect(r.status).toBe(400);
      expect(r.body.message).toMatch(/страниц/);
    }
    expect((await coord.get(`/api/measures?planId=${planId}&sort=nonsense`)).status).toBe(400);
    expect((await coord.get(`/api/measures?limit=0`)).status).toBe(400);
  });

  it('answers one measure with all its reports (and their versions) in one request', async () => {
    const demo = (await coord.get('/api/plans')).body.items.find((p: { kind: string }) => p.kind === 'plan');
    const rows: Row[] = (await coord.get(`/api/measures?planId=${demo.id}&executorId=${orgs['Минкультуры']}&limit=200`))
      .body.items;
    let withReports: { id: number; reports: { id: number; versions?: unknown[] }[] } | null = null;
    for (const r of rows) {
      const one = (await coord.get(`/api/measures/${r.id}?include=reports,versions`)).body;
      if (one.reports.length) {
        withReports = one;
        break;
      }
    }
    expect(withReports).not.toBeNull();
    const separate = (await coord.get(`/api/measures/${withReports!.id}/reports`)).body.items;
    expect(withReports!.reports.map((r) => r.id)).toEqual(separate.map((r: { id: number }) => r.id));
    expect(withReports!.reports.every((r) => Array.isArray(r.versions))).toBe(true);
    const lean = (await coord.get(`/api/measures/${withReports!.id}?include=reports`)).body;
    expect(lean.reports.every((r: { versions?: unknown }) => r.versions === undefined)).toBe(true);
    expect((await coord.get(`/api/measures/${withReports!.id}`)).body.reports).toBeUndefined();
    // Whoever may not read the measure is refused with or without its reports.
    const stranger = rows.find((r) => r.leadExecutor?.id === orgs['Минкультуры'] && r.coExecutors.length === 0);
    if (stranger) expect((await exec2.get(`/api/measures/${stranger.id}?include=reports`)).status).toBe(403);
  });
});
