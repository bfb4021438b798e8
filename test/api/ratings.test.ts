/**
 * Ratings of municipalities through the API (issue 13): a methodology kept as versioned data
 * (a bad one refused whole, in Russian), a campaign whose municipalities enter their own values,
 * the coordinator's CSV import (all or nothing) and corrections with a reason, freezing,
 * approval, publication and the public page; results are the engine's, with explanations.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeRating, parseMethodology, readValuesCsv } from '../../src/domain/ratings/index';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app';
import { engines } from '../helpers/test-db';

const METHOD = JSON.parse(
  readFileSync(new URL('../fixtures/ratings/nko-support-2024.method.json', import.meta.url), 'utf8'),
);
const CSV = readFileSync(new URL('../fixtures/ratings/nko-support-2024.values.csv', import.meta.url), 'utf8');
const RECORDS = readValuesCsv(CSV).records;
const NAMES = [...new Set(RECORDS.map((r) => r.municipality))];

describe.each(engines)('ratings of municipalities through the API on %s', (engine) => {
  let t: TestApp;
  let admin: Client;
  let coord: Client;
  let exec: Client;
  let mun: Client;
  let munId: number;
  const ids = new Map<string, number>();

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await t.as('admin');
    coord = await t.as('coordinator');
    exec = await t.as('executor');
    for (const name of NAMES) {
      const r = await admin.post('/api/organisations', { fullName: name, shortName: name, kind: 'municipality' });
      ids.set(name, r.body.id);
    }
    munId = ids.get(NAMES[0])!;
    await admin.post('/api/users', {
      login: 'mun1',
      fullName: 'Специалист администрации',
      role: 'executor',
      organisationId: munId,
      password: 'mun1-long-password-1',
    });
    mun = await t.as('mun1', 'mun1-long-password-1');
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('refuses a bad methodology whole with every problem in Russian; a good one is kept as a version', async () => {
    const bad = structuredClone(METHOD);
    bad.groups[0].weight = -1;
    bad.indicators[1].normalisation = 'magic';
    const th = bad.indicators.find((i: { normalisation: string }) => i.normalisation === 'thresholds');
    if (th) th.thresholds = [...th.thresholds].reverse();
    const refused = await coord.post('/api/rating-methodologies', { methodology: bad });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/^Методика рейтинга содержит ошибки/);
    expect(refused.body.message).toMatch(/вес/i);
    expect((await coord.get('/api/rating-methodologies')).body.items).toEqual([]);
    expect((await exec.post('/api/rating-methodologies', { methodology: METHOD })).status).toBe(403);
    const v1 = await coord.post('/api/rating-methodologies', { methodology: METHOD });
    expect(v1.status).toBe(201);
    const v2 = await coord.post('/api/rating-methodologies', { methodology: METHOD });
    expect([v1.body.version, v2.body.version]).toEqual([1, 2]);
    expect(v2.body.body.indicators).toHaveLength(8);
  });

  it('collects values, imports CSV all or nothing, corrects with a reason, freezes, approves and publishes', async () => {
    const methodologyId = (await coord.get('/api/rating-methodologies')).body.items[0].id;
    const created = await coord.post('/api/ratings', { methodologyId, year: 2024, title: 'Рейтинг за 2024 год' });
    expect(created.status).toBe(201);
    const id = created.body.id;

    // A municipality enters its own values, never another's.
    const own = await mun.put(`/api/ratings/${id}/values`, {
      items: [{ municipalityId: munId, indicator: 'A1', value: 0, comment: 'Программа на согласовании' }],
    });
    expect(own.status).toBe(200);
    expect(own.body.municipalities.map((m: { id: number }) => m.id)).toEqual([munId]);
    expect(own.body.results).toEqual([]);
    const other = ids.get(NAMES[1])!;
    expect(
      (await mun.put(`/api/ratings/${id}/values`, { items: [{ municipalityId: other, indicator: 'A1', value: 1 }] }))
        .status,
    ).toBe(403);
    expect(
      (await exec.put(`/api/ratings/${id}/values`, { items: [{ municipalityId: munId, indicator: 'A1', value: 1 }] }))
        .status,
    ).toBe(403);

    // CSV: an unknown municipality or a non-number refuses the whole file.
    const unknown = await coord.post(`/api/ratings/${id}/values-csv`, {
      csv: `${CSV.trimEnd()}\nНесуществующий район,A1,1\n`,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(/Несуществующий район/);
    const notNumber = await coord.post(`/api/ratings/${id}/values-csv`, {
      csv: 'municipality,indicator,value\nЁршинский муниципальный район,A2,много\n',
    });
    expect(notNumber.status).toBe(400);
    expect((await coord.get(`/api/ratings/${id}`)).body.values).toHaveLength(1);
    // The file changes the municipality's own A1: a correction, which needs a reason.
    const noReason = await coord.post(`/api/ratings/${id}/values-csv`, { csv: CSV });
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toMatch(/причину исправления/);
    const imported = await coord.post(`/api/ratings/${id}/values-csv`, {
      csv: CSV,
      reason: 'По данным реестра получателей поддержки',
    });
    expect(imported.status).toBe(200);
    expect(imported.body.values).toHaveLength(RECORDS.length);
    const corrected = imported.body.values.find(
      (v: { municipalityId: number; indicator: string }) => v.municipalityId === munId && v.indicator === 'A1',
    );
    expect(corrected.correctionReason).toBe('По данным реестра получателей поддержки');
    const audit = await admin.get('/api/audit?limit=200');
    expect(audit.body.items.some((e: { action: string }) => e.action === 'rating.value_corrected')).toBe(true);

    // The results are the engine's over the same values.
    // Every municipality of the region is rated (the demo's own has no values: zeros).
    const all = (await admin.get('/api/organisations')).body.items.filter(
      (o: { kind: string }) => o.kind === 'municipality',
    ) as { id: number; fullName: string }[];
    const expected = computeRating(parseMethodology(METHOD), RECORDS, { municipalities: all.map((o) => o.fullName) });
    const detail = (await coord.get(`/api/ratings/${id}`)).body;
    expect(detail.results).toHaveLength(all.length);
    for (const row of expected.rows) {
      const oid = all.find((o) => o.fullName === row.municipality)!.id;
      const got = detail.results.find((r: { municipalityId: number }) => r.municipalityId === oid);
      expect(got.rank, row.municipality).toBe(row.rank);
      expect(got.band).toBe(row.band);
      expect(got.total).toBeCloseTo(row.total!, 6);
      expect(got.explanation.text).toMatch(/балл/);
    }

    // Freeze: nobody edits; then approve and publish; the public page opens without login.
    const frozen = await coord.post(`/api/ratings/${id}/state`, { to: 'frozen', version: detail.version });
    expect(frozen.body.state).toBe('frozen');
    const late = await mun.put(`/api/ratings/${id}/values`, {
      items: [{ municipalityId: munId, indicator: 'A1', value: 1 }],
    });
    expect(late.status).toBe(409);
    expect(late.body.message).toMatch(/зафиксированы/);
    expect(
      (await coord.post(`/api/ratings/${id}/state`, { to: 'published', version: frozen.body.version })).status,
    ).toBe(409);
    expect((await t.anonymous().get(`/api/public/ratings/${id}`)).status).toBe(404);
    const approved = await coord.post(`/api/ratings/${id}/state`, { to: 'approved', version: frozen.body.version });
    expect(
      (await coord.post(`/api/ratings/${id}/state`, { to: 'published', version: frozen.body.version })).status,
    ).toBe(409);
    await coord.post(`/api/ratings/${id}/state`, { to: 'published', version: approved.body.version });
    const pub = await t.anonymous().get(`/api/public/ratings/${id}`);
    expect(pub.status).toBe(200);
    expect(pub.body.results[0].rank).toBe(1);
    // Published: the municipality sees the whole table too.
    expect((await mun.get(`/api/ratings/${id}`)).body.results).toHaveLength(all.length);
  });
});
