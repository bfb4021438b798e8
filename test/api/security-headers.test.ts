/**
 * Issue 10 §5: security headers on every response, the session cookie Secure behind
 * https, downloads typed by the server from the bytes, and attachments whose container
 * is not what their extension says refused.
 */
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableDocx } from '../fixtures/hostile-documents';
import { multipart } from '../helpers/multipart';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app';
import { engines } from '../helpers/test-db';

describe.each(engines)('security headers and downloads on %s', (engine) => {
  let t: TestApp;
  let https: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
    https = await createTestApp(engine, { env: { PUBLIC_URL: 'https://isp.example.ru' } });
  });
  afterAll(async () => {
    await t?.dispose();
    await https?.dispose();
  });

  const upload = async (c: Client, url: string, name: string, bytes: Buffer, mime: string) => {
    const m = multipart(name, bytes, mime);
    const res = await t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': m.contentType },
      payload: m.body,
    });
    return { status: res.statusCode, body: JSON.parse(res.body) };
  };

  it('sends CSP with frame-ancestors none, nosniff and a referrer policy; HSTS only behind https', async () => {
    const r = await t.anonymous().get('/api/health');
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('same-origin');
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect(r.headers['strict-transport-security']).toBeUndefined();
    const s = await https.anonymous().get('/api/health');
    expect(String(s.headers['strict-transport-security'])).toMatch(/max-age=31536000/);
  });

  it('marks the session cookie Secure when PUBLIC_URL is https', async () => {
    const plain = await t.anonymous().post('/api/auth/login', { login: 'observer', password: 'demo-observer-2025' });
    expect(String(plain.headers['set-cookie'])).not.toMatch(/Secure/);
    const secure = await https
      .anonymous()
      .post('/api/auth/login', { login: 'observer', password: 'demo-observer-2025' });
    expect(secure.status).toBe(200);
    expect(String(secure.headers['set-cookie'])).toMatch(/;\s*Secure/);
  });

  it('serves a downloaded import with the type of its bytes, nosniff, as an attachment — not the declared text/html', async () => {
    const coord = await t.as('coordinator');
    const up = await upload(coord, '/api/imports', 'plan.docx', await tableDocx(3, 4), 'text/html');
    expect(up.status).toBe(201);
    const file = await t.app.inject({
      method: 'GET',
      url: `/api/files/${up.body.fileId}`,
      headers: { cookie: coord.cookie },
    });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(String(file.headers['content-disposition'])).toMatch(/^attachment;/);
  });

  it('refuses an attachment named .docx that is a zip without the Word package structure', async () => {
    const exec = await t.as('executor');
    const report = (await exec.get('/api/my/reports')).body.items.find(
      (r: { state: string; role: string }) => r.state === 'expected' && r.role === 'lead',
    );
    const zip = new JSZip();
    zip.file('setup.exe', Buffer.from('MZ\x90\x00 not really a program'));
    const fake = await zip.generateAsync({ type: 'nodebuffer' });
    const r = await upload(
      exec,
      `/api/reports/${report.id}/attachments`,
      'акт.docx',
      fake,
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(r.status).toBe(415);
    expect(r.body.message).toMatch(/не соответствует/);
    // A real Word package passes.
    const ok = await upload(
      exec,
      `/api/reports/${report.id}/attachments`,
      'акт.docx',
      await tableDocx(2, 2),
      'application/octet-stream',
    );
    expect(ok.status).toBe(201);
  });
});
