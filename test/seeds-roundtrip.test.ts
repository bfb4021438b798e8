/**
 * Seed 003 (an execution report of a real region) imported into the system, exported as
 * the official DOCX and read back must still match its golden answer. Runs where the
 * shared seeds are present (CI sets SEEDS_DIR); `npm test` alone skips it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../src/domain/importers/read-document';
import { createTestApp, type TestApp } from './helpers/test-app';

const seedsDir = process.env.SEEDS_DIR;
const SEED = '003_6154ebb3e081f0aa';
const ws = (s: unknown) =>
  String(s ?? '')
    .replace(/\s+/g, ' ')
    .trim();
const quotes = (s: unknown) => ws(s).replace(/[«»“”„"]/g, '"');

describe.skipIf(!seedsDir)('seed 003: import → export DOCX → import again', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite');
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('reads back to its golden answer', async () => {
    const bytes = readFileSync(join(seedsDir!, `${SEED}.txt`));
    const golden = JSON.parse(readFileSync(join(seedsDir!, '..', 'golden', 'import', `${SEED}.json`), 'utf8'));
    const coord = await t.as('coordinator');
    const boundary = '----seed';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${SEED}.txt"\r\nContent-Type: text/plain\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: {
        cookie: coord.cookie,
        'x-csrf-token': coord.csrf,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload,
    });
    expect(up.statusCode).toBe(201);
    const preview = JSON.parse(up.body);
    const doc = preview.document;
    const me = (await coord.get('/api/auth/me')).body.user;
    // Every executor becomes an organisation named as in the document, so that the export prints the same names.
    const executorMap = Object.fromEntries(
      preview.executors.map((e: { name: string }) => [e.name, { create: { fullName: e.name, kind: 'other' } }]),
    );
    const saved = await coord.post(`/api/imports/${preview.importId}/commit`, {
      plan: {
        kind: 'plan',
        title: doc.title,
        ownerOrganisationId: me.organisation.id,
        periodFrom: doc.period?.[0] ?? '2024-01-01',
        periodTo: doc.period?.[1] ?? '2025-12-31',
      },
      sections: doc.sections,
      items: doc.items,
      executorMap,
      rememberAliases: false,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    const exported = await t.app.inject({
      method: 'GET',
      url: `/api/plans/${saved.body.planId}/export?format=docx`,
      headers: { cookie: coord.cookie },
    });
    expect(exported.statusCode).toBe(200);
    const back = await importDocument(exported.rawPayload, 'export.docx');

    expect(back.items.length).toBe(golden.items.length);
    const byNumber = new Map(back.items.map((i) => [i.number.replace(/\s*[\s–—-]\s*(?=\d)/g, '–'), i]));
    for (const g of golden.items) {
      const it = byNumber.get(g.number.replace(/\s*[\s–—-]\s*(?=\d)/g, '–'));
      expect(it, `item ${g.number}`).toBeDefined();
      expect(ws(it!.title).startsWith(g.titleStart), `title ${g.number}`).toBe(true);
      expect(it!.section, `section ${g.number}`).toBe(g.section ?? null);
      expect(it!.executors.map(quotes), `executors ${g.number}`).toEqual(g.executors.map(quotes));
      if (g.deadlineText) expect(ws(it!.deadlineText), `deadline ${g.number}`).toBe(g.deadlineText);
      if (g.executionStart)
        expect(ws(it!.executionText).startsWith(g.executionStart), `execution ${g.number}`).toBe(true);
      if ('status' in g) expect(it!.status, `status ${g.number}`).toBe(g.status);
    }
    expect(back.sections.map((s) => s.number)).toEqual(golden.sections.map((s: { number: string }) => s.number));
  }, 60_000);
});
