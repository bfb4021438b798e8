/**
 * Issue 10 §1: small uploads that ask the parser for a great deal of work are refused
 * with a Russian 4xx before any parser expands them, and the server keeps answering.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_CELLS, MAX_MERGED_AREA } from '../../src/domain/importers/document-limits';
import { mergedRangeXlsx, tableDocx } from '../fixtures/hostile-documents';
import { multipart } from '../helpers/multipart';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app';
import { engines } from '../helpers/test-db';

describe.each(engines)('upload limits on %s', (engine) => {
  let t: TestApp;
  let coord: Client;
  beforeAll(async () => {
    t = await createTestApp(engine);
    coord = await t.as('coordinator');
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const upload = async (name: string, bytes: Buffer) => {
    const m = multipart(name, bytes);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { cookie: coord.cookie, 'x-csrf-token': coord.csrf, 'content-type': m.contentType },
      payload: m.body,
    });
    return { status: res.statusCode, body: JSON.parse(res.body) };
  };

  it('refuses the 1.5 KB workbook merging A1:XFD1048576 with a 413, while health answers', async () => {
    const bomb = await mergedRangeXlsx('A1:XFD1048576');
    expect(bomb.length).toBeLessThan(4096);
    const pending = upload('plan.xlsx', bomb);
    const health = await t.anonymous().get('/api/health');
    expect(health.status).toBe(200);
    const r = await pending;
    expect(r.status).toBe(413);
    expect(r.body.reason).toBe('import.document_too_large');
    expect(r.body.message).toMatch(/Документ слишком большой.*объединённые ячейки/);
    // Nothing was kept for a refused document.
    expect((await t.db.query(`SELECT count(*)::int AS n FROM imports`))[0].n).toBe(0);
  });

  it('refuses merges of A1:Z40000 (area over the cap)', async () => {
    expect(26 * 40_000).toBeGreaterThan(MAX_MERGED_AREA);
    const r = await upload('plan.xlsx', await mergedRangeXlsx('A1:Z40000'));
    expect(r.status).toBe(413);
    expect(r.body.message).toMatch(/объединённые ячейки/);
  });

  it('refuses a Word table of 5,000 × 60 cells before building the table model', async () => {
    expect(5000 * 60).toBeGreaterThan(MAX_DOCUMENT_CELLS);
    const r = await upload('plan.docx', await tableDocx(5000, 60));
    expect(r.status).toBe(413);
    expect(r.body.message).toMatch(/Документ слишком большой|zip-бомб/);
  });

  it('still reads a small workbook with an ordinary merge', async () => {
    const r = await upload('plan.xlsx', await mergedRangeXlsx('B1:C1'));
    expect(r.status, JSON.stringify(r.body)).toBeLessThan(500);
    expect(r.body.reason).not.toBe('import.document_too_large');
  });
});
