/**
 * A meeting's protocol through the existing import API: previewed as kind
 * 'protocol' with its meeting, and — until councils are entities of their own —
 * saved as council instructions, one section per agenda question, decisions
 * numbered afresh under each question kept apart.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app';
import { engines } from '../helpers/test-db';
import { multipart } from '../helpers/multipart';

const protocol = readFileSync(
  new URL('../fixtures/protocol/nok-public-council.cell-per-line.cp1251.txt', import.meta.url),
);

describe.each(engines)('importing a protocol through the API on %s', (engine) => {
  let t: TestApp;
  let coord: Client;
  beforeAll(async () => {
    t = await createTestApp(engine);
    coord = await t.as('coordinator');
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('previews the meeting and saves its decisions as instructions under their questions', async () => {
    const m = multipart('Протокол № 3.txt', protocol, 'text/plain');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { cookie: coord.cookie, 'x-csrf-token': coord.csrf, 'content-type': m.contentType },
      payload: m.body,
    });
    expect(res.statusCode).toBe(201);
    const p = JSON.parse(res.body);
    const doc = p.document;
    expect(doc.kind).toBe('protocol');
    expect(doc.meeting).toMatchObject({ number: '3', date: '2024-06-20' });
    // Addressees in the dative are not in the directory: flagged for mapping like any unknown executor.
    expect(p.problems.some((x: { kind: string }) => x.kind === 'executor_unknown')).toBe(true);

    const orgs = (await coord.get('/api/organisations')).body.items as { id: number; shortName: string }[];
    const executorMap = Object.fromEntries(
      p.executors.map((e: { name: string }) => [e.name, { create: { fullName: e.name, kind: 'other' } }]),
    );
    const saved = await coord.post(`/api/imports/${p.importId}/commit`, {
      plan: {
        kind: 'council_decisions',
        title: doc.title,
        ownerOrganisationId: orgs.find((o) => o.shortName === 'Минсоцзащиты')!.id,
        periodFrom: '2024-01-01',
        periodTo: '2024-12-31',
      },
      sections: doc.sections.map((s: { number: string; title: string }) => ({ number: s.number, title: s.title })),
      items: doc.items,
      executorMap,
    });
    expect(saved.status).toBe(201);
    const plan = (await coord.get(`/api/plans/${saved.body.planId}?include=measures`)).body;
    expect(plan.kind).toBe('council_decisions');
    expect(plan.sections.map((s: { number: string }) => s.number)).toEqual(['I', 'II', 'III']);
    expect(plan.measures).toHaveLength(7);
    expect(plan.measures.filter((x: { number: string }) => x.number === '1')).toHaveLength(3);
  }, 120_000);
});
