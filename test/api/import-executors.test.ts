/**
 * Issue 9, item 9: executor matching in import. A full name with «(далее – Минсоцзащиты)»
 * is linked to its short form; «Запомнить как сокращение» keeps the alias without the
 * «(далее – …)» tail; phrases that describe executors («некоммерческие организации»,
 * «Комитет … с привлечением ресурсных центров НКО») are offered as text, not organisations,
 * and are kept on the measure as text without creating junk organisations.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app';
import { engines } from '../helpers/test-db';
import { uploadImport } from '../helpers/multipart';

const PLAN = readFileSync(new URL('../fixtures/api/nko-executors-plan.txt', import.meta.url));

const upload = (c: Client, t: TestApp, name: string, content: Buffer) => uploadImport(c, t, name, content);

type Exec = { name: string; match: { shortName: string } | null; suggestion: 'organisation' | 'text' };

describe.each(engines)('executor matching in import on %s', (engine) => {
  let t: TestApp;
  let coord: Client;
  beforeAll(async () => {
    t = await createTestApp(engine);
    coord = await t.as('coordinator');
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('links a full name with «(далее – …)» to its short form, and offers phrases as text', async () => {
    const p = (await upload(coord, t, 'НКО.txt', PLAN)).body;
    const byName = Object.fromEntries((p.executors as Exec[]).map((e) => [e.name, e]));
    // The directory knows «Минсоцзащиты» and «Минкульт»: the document's full names with them are the same organisations.
    expect(
      byName['Министерство социальной защиты Северо-Озёрской области (далее – Минсоцзащиты)'].match?.shortName,
    ).toBe('Минсоцзащиты');
    expect(byName['Министерство культуры области (далее – Минкульт)'].match?.shortName).toBe('Минкультуры');
    expect(byName['некоммерческие организации']).toMatchObject({ match: null, suggestion: 'text' });
    expect(byName['Комитет по делам молодёжи с привлечением ресурсных центров НКО']).toMatchObject({
      match: null,
      suggestion: 'text',
    });
    const unknown = (p.problems as { kind: string; message: string }[])
      .filter((x) => x.kind === 'executor_unknown')
      .map((x) => x.message);
    expect(unknown.some((m) => m.includes('далее'))).toBe(false);
  });

  it('keeps phrases as text on the measure, creates no organisation, and remembers an alias without the «(далее – …)» tail', async () => {
    const p = (await upload(coord, t, 'НКО.txt', PLAN)).body;
    const orgs = (await coord.get('/api/organisations')).body.items as {
      id: number;
      shortName: string;
      aliases: string[];
    }[];
    const before = orgs.length;
    const id = (s: string) => orgs.find((o) => o.shortName === s)!.id;
    const doc = p.document;
    const saved = await coord.post(`/api/imports/${p.importId}/commit`, {
      plan: {
        kind: 'plan',
        title: doc.title,
        ownerOrganisationId: id('Минсоцзащиты'),
        periodFrom: doc.period[0],
        periodTo: doc.period[1],
      },
      sections: doc.sections,
      items: doc.items,
      executorMap: {
        'Министерство социальной защиты Северо-Озёрской области (далее – Минсоцзащиты)': {
          organisationId: id('Минсоцзащиты'),
        },
        'Министерство культуры области (далее – Минкульт)': { organisationId: id('Минкультуры') },
        'некоммерческие организации': { text: true },
        'Комитет по делам молодёжи с привлечением ресурсных центров НКО': { text: true },
      },
      rememberAliases: true,
    });
    expect(saved.status).toBe(201);
    const after = (await coord.get('/api/organisations')).body.items as {
      id: number;
      shortName: string;
      aliases: string[];
    }[];
    expect(after.length).toBe(before); // nothing created from phrases
    const minsoc = after.find((o) => o.shortName === 'Минсоцзащиты')!;
    expect(minsoc.aliases).toContain('Министерство социальной защиты Северо-Озёрской области');
    expect(minsoc.aliases.some((a) => a.includes('далее'))).toBe(false);
    const plan = (await coord.get(`/api/plans/${saved.body.planId}?include=measures`)).body;
    const m = (n: string) => plan.measures.find((x: { number: string }) => x.number === n);
    expect(m('2')).toMatchObject({
      leadExecutor: { shortName: 'Минсоцзащиты' },
      textExecutors: ['некоммерческие организации (по согласованию)'],
    });
    expect(m('3')).toMatchObject({
      leadExecutor: null,
      textExecutors: ['Комитет по делам молодёжи с привлечением ресурсных центров НКО'],
    });
    // The next document names the ministry by its full name alone: found by the remembered alias.
    const resolved = (
      await coord.get(
        '/api/organisations/resolve?name=' +
          encodeURIComponent('Министерство социальной защиты Северо-Озёрской области'),
      )
    ).body;
    expect(resolved.match.shortName).toBe('Минсоцзащиты');
  });
});
