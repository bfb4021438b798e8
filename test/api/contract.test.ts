import Fastify from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responses } from '../../src/contract/responses';
import { installResponseContract, plainJsonSerializer, type ResponseMismatch } from '../../src/http/contract';
import { createTestApp, type TestApp } from '../helpers/test-app';

describe('the response contract', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite');
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('declares what every API route answers, and nothing for routes that do not exist', () => {
    const { missing, attached } = t.app.responseContract;
    expect(missing).toEqual([]);
    expect(attached.length).toBeGreaterThan(70);
    expect(Object.keys(responses).filter((k) => !attached.includes(k))).toEqual([]);
  });

  it('publishes OpenAPI 3.1 with the response schemas beside the documentation page', async () => {
    const r = await t.anonymous().get('/api/openapi.json');
    expect(r.status).toBe(200);
    expect(r.body.openapi).toBe('3.1.0');
    const plan = r.body.paths['/api/plans/{id}'].get;
    const ok = plan.responses['200'].content['application/json'].schema;
    expect(ok.properties.measures.type).toBe('array');
    expect(ok.properties.approvedOn.anyOf ?? ok.properties.approvedOn.type).toBeTruthy();
    expect(plan.responses['4XX'] ?? plan.responses['4xx']).toBeTruthy();
    const exported = r.body.paths['/api/plans/{id}/export'].get.responses['200'].content;
    expect(Object.keys(exported)).toContain('application/pdf');
    // Every documented operation has a success answer described.
    const ops = Object.values(
      r.body.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>,
    ).flatMap((p) => Object.values(p));
    expect(ops.length).toBeGreaterThan(70);
    for (const op of ops) expect(Object.keys(op.responses).some((s) => /^2\d\d$/.test(s))).toBe(true);
    expect((await t.anonymous().get('/api/docs/json')).status).toBe(200);
  });
});

describe('the test-time response check', () => {
  const build = async (answer: unknown, status = 200) => {
    const mismatches: ResponseMismatch[] = [];
    const app = Fastify().withTypeProvider<ZodTypeProvider>();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(plainJsonSerializer);
    installResponseContract(app, { onMismatch: (m) => mismatches.push(m) });
    app.get('/api/health', async (_request, reply) => reply.status(status).send(answer));
    await app.ready();
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    await app.close();
    return { res, mismatches };
  };

  it('passes an answer that matches', async () => {
    expect((await build({ status: 'ok', database: 'pglite' })).mismatches).toEqual([]);
  });

  it('reports a missing field, an undeclared one, and an undeclared status — and still sends the answer as it was', async () => {
    const missing = await build({ status: 'ok' });
    expect(missing.mismatches).toMatchObject([
      { route: 'GET /api/health', status: 200, problem: 'the body does not match its schema' },
    ]);
    expect(JSON.parse(missing.res.body)).toEqual({ status: 'ok' });
    expect((await build({ status: 'ok', database: 'pglite', extra: 1 })).mismatches).toHaveLength(1);
    expect((await build({ status: 'ok', database: 'pglite' }, 202)).mismatches).toMatchObject([
      { problem: 'status 202 is not declared' },
    ]);
    expect((await build({ code: 'forbidden', message: 'Нет' }, 403)).mismatches).toEqual([]);
    expect((await build({ error: 'no' }, 403)).mismatches).toHaveLength(1);
  });
});
