/**
 * Removing an attachment from a report being written (issue 9, defect 8): only while the
 * report is not sent, only by its own organisation, audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app';
import { engines } from '../helpers/test-db';
import { multipart } from '../helpers/multipart';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

describe.each(engines)('report attachments on %s', (engine) => {
  let t: TestApp;
  let exec: Client;
  beforeAll(async () => {
    t = await createTestApp(engine);
    exec = await t.as('executor');
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const attach = async (c: Client, reportId: number, name: string) => {
    // Distinct content per file: stored files are shared by content.
    const m = multipart(name, Buffer.concat([PDF, Buffer.from(`% ${name}\n`)]), 'application/pdf');
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/reports/${reportId}/attachments`,
      headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': m.contentType },
      payload: m.body,
    });
    expect(r.statusCode).toBe(201);
    return JSON.parse(r.body) as { id: number; fileId: number };
  };

  it("removes a file from a draft, by the report's organisation only, audited; not after sending", async () => {
    const report = (await exec.get('/api/my/reports')).body.items.find(
      (r: { state: string; role: string }) => r.state === 'expected' && r.role === 'lead',
    );
    const draft = (await exec.patch(`/api/reports/${report.id}`, { version: report.version, text: 'Черновик отчёта' }))
      .body;
    const wrong = await attach(exec, report.id, 'не тот файл.pdf');
    const right = await attach(exec, report.id, 'акт.pdf');

    // Another executor organisation, the coordinator and the observer may not.
    for (const who of ['executor2', 'coordinator', 'observer'] as const) {
      const c = await t.as(who);
      expect((await c.delete(`/api/reports/${report.id}/attachments/${wrong.id}`)).status).toBe(403);
    }
    expect((await exec.delete(`/api/reports/${report.id}/attachments/999999`)).status).toBe(404);
    const removed = await exec.delete(`/api/reports/${report.id}/attachments/${wrong.id}`);
    expect(removed.status).toBe(200);
    const full = (await exec.get(`/api/reports/${report.id}`)).body;
    expect(full.attachments.map((a: { name: string }) => a.name)).toEqual(['акт.pdf']);
    expect(full.version).toBe(draft.version);
    expect((await exec.delete(`/api/reports/${report.id}/attachments/${wrong.id}`)).status).toBe(404);
    const history = (await exec.get(`/api/measures/${report.measureId}/history`)).body.items;
    expect(history.find((e: { action: string }) => e.action === 'report.attachment_removed')).toMatchObject({
      before: { name: 'не тот файл.pdf' },
    });

    const sent = await exec.post(`/api/reports/${report.id}/submit`, {
      version: draft.version,
      text: 'Отчёт',
      resultStatus: 'done',
    });
    expect(sent.status).toBe(200);
    const late = await exec.delete(`/api/reports/${report.id}/attachments/${right.id}`);
    expect(late.status).toBe(409);
    expect(late.body.message).toBe('Файл нельзя убрать: отчёт уже отправлен');
  });
});
