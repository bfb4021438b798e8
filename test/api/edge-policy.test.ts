/**
 * Policy at the edge (issue 10, §5): anonymous requests are refused before their body is
 * read; report links are http(s) only; an uncommitted import is its uploader's (and the
 * administrators') until saved.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, orgIdsByShortName, type Client, type TestApp } from '../helpers/test-app';
import { engines } from '../helpers/test-db';
import { uploadImport } from '../helpers/multipart';

const planText = readFileSync(new URL('../fixtures/api/volunteer-plan.txt', import.meta.url));

describe.each(engines)('policy at the edge on %s', (engine) => {
  let t: TestApp;
  let coord: Client;
  let exec: Client;
  let orgs: Record<string, number>;
  beforeAll(async () => {
    t = await createTestApp(engine);
    coord = await t.as('coordinator');
    exec = await t.as('executor');
    orgs = await orgIdsByShortName(coord);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("answers an anonymous malformed request 401 without naming the schema's fields", async () => {
    const anon = t.anonymous();
    for (const [method, url, body] of [
      ['POST', '/api/plans', { kind: 'nonsense', extra: 1 }],
      ['PATCH', '/api/measures/1', '{"version":'],
      ['POST', '/api/imports', 'not multipart'],
    ] as const) {
      const r = await anon.request(method, url, body);
      expect(r.status, `${method} ${url}`).toBe(401);
      expect(JSON.stringify(r.body)).not.toMatch(/kind|version|Вид|Версия/);
    }
    expect((await anon.get('/api/no-such-route')).status).toBe(404);
    expect((await anon.post('/api/auth/login', { login: 'x' })).status).toBe(400);
  });

  it('keeps only http and https links in reports', async () => {
    const plan = (
      await coord.post('/api/plans', {
        kind: 'plan',
        title: 'План',
        ownerOrganisationId: orgs['Минсоцзащиты'],
        periodFrom: '2025-01-01',
        periodTo: '2025-12-31',
        controlFrom: '2025-01-01',
      })
    ).body;
    const m = (
      await coord.post(`/api/plans/${plan.id}/measures`, {
        sectionId: null,
        number: '1',
        title: 'Мероприятие',
        deadlineText: 'ежеквартально',
        leadExecutorId: orgs['Минкультуры'],
        controlFrom: null,
      })
    ).body;
    const r = (await coord.get(`/api/measures/${m.id}/reports`)).body.items[0];
    for (const bad of [
      'javascript:alert(document.cookie)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'ftp://example.ru/a',
    ]) {
      const res = await exec.patch(`/api/reports/${r.id}`, { version: r.version, links: [bad] });
      expect(res.status, bad).toBe(400);
    }
    const ok = await exec.patch(`/api/reports/${r.id}`, {
      version: r.version,
      links: ['https://example.ru/отчёт', 'http://localhost:3000/x'],
    });
    expect(ok.status).toBe(200);
    expect(ok.body.links).toHaveLength(2);
  });

  it('shows and saves an uncommitted import only for its uploader and administrators', async () => {
    const admin = await t.as('admin');
    await admin.post('/api/users', {
      login: 'coord-zdrav-edge',
      fullName: 'Координатор Минздрава',
      role: 'coordinator',
      organisationId: orgs['Минздрав'],
      password: 'coord-zdrav-edge-1',
    });
    const other = await t.as('coord-zdrav-edge', 'coord-zdrav-edge-1');
    const p = (await uploadImport(coord, t, 'План добровольчества.txt', planText)).body;
    expect((await other.get(`/api/imports/${p.importId}`)).status).toBe(403);
    expect((await other.get(`/api/files/${p.fileId}`)).status).toBe(403);
    expect((await t.as('observer').then((o) => o.get(`/api/files/${p.fileId}`))).status).toBe(403);
    // Another organisation's coordinator may save plans of its own, but not from this document.
    const body = (owner: number) => ({
      plan: {
        kind: 'plan',
        title: 'Чужой план',
        ownerOrganisationId: owner,
        periodFrom: '2026-01-01',
        periodTo: '2026-12-31',
      },
      sections: [],
      items: [],
      executorMap: {},
    });
    expect((await other.post(`/api/imports/${p.importId}/commit`, body(orgs['Минздрав']))).status).toBe(403);
    expect(await t.db.one(`SELECT status FROM imports WHERE id = $1`, [p.importId])).toMatchObject({
      status: 'preview',
    });
    expect((await admin.get(`/api/imports/${p.importId}`)).status).toBe(200);
    expect((await admin.get(`/api/files/${p.fileId}`)).status).toBe(200);
    const saved = await coord.post(`/api/imports/${p.importId}/commit`, body(orgs['Минсоцзащиты']));
    expect(saved.status).toBe(201);
    // Saved, the document is the plan's: readable by whoever reads the plan, except executors.
    expect((await other.get(`/api/files/${p.fileId}`)).status).toBe(200);
    expect((await other.get(`/api/imports/${p.importId}`)).status).toBe(200);
    expect((await exec.get(`/api/files/${p.fileId}`)).status).toBe(403);
  });
});
