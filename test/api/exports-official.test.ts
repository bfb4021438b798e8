/**
 * The consolidated report from the database as officials send it, on both engines: the
 * period in the title and the file name, no «(далее – …)» in the title, the sign-off of the
 * owner organisation's head, «Исполнитель» with the exporting user's phone, the figures of
 * the period's reports, «Информация не представлена» where nobody reported.
 */
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentDisposition } from '../../src/modules/exports/exports.routes';
import { exportFileStem, initialsName } from '../../src/modules/exports/report-builder';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app';
import { engines } from '../helpers/test-db';

const fileNameOf = (header: unknown) => decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(String(header))![1]);

describe('export file names', () => {
  it("names the file by the plan's short title and the period, encoded for any browser", () => {
    expect(
      exportFileStem(
        'План мероприятий (далее – План) по поддержке СО НКО на 2025–2027 годы',
        'I квартал 2025 г.',
        '2025-04-12',
      ),
    ).toBe('План мероприятий по поддержке СО НКО на 2025–2027 годы — I квартал 2025 г');
    expect(exportFileStem('План: «Доступ»/НКО?', undefined, '2025-04-12')).toBe('План «Доступ» НКО — на 12.04.2025');
    const cd = contentDisposition('План (2025) — I кв.docx');
    expect(cd).toBe(
      `attachment; filename="report.docx"; filename*=UTF-8''%D0%9F%D0%BB%D0%B0%D0%BD%20%282025%29%20%E2%80%94%20I%20%D0%BA%D0%B2.docx`,
    );
    expect(contentDisposition('plan.xlsx')).toBe(`attachment; filename="plan.xlsx"; filename*=UTF-8''plan.xlsx`);
    expect(initialsName('Петров Андрей Викторович')).toBe('Петров А.В.');
    expect(initialsName('admin')).toBe('admin');
  });
});

describe.each(engines)('the consolidated report as officials send it (%s)', (engine) => {
  let t: TestApp;
  let coord: Client;
  let exec: Client;
  let planId: number;
  let periodId: number;
  let periodLabel: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const admin = await t.as('admin');
    [coord, exec] = await Promise.all([t.as('coordinator'), t.as('executor')]);
    const orgs = Object.fromEntries(
      (await admin.get('/api/organisations')).body.items.map((o: { shortName: string; id: number }) => [
        o.shortName,
        o.id,
      ]),
    );
    expect(
      (
        await admin.edit(`/api/organisations/${orgs['Минсоцзащиты']}`, {
          headPosition: 'Министр социальной защиты населения Северо-Озёрской области',
          headName: 'Н.В. Морозова',
        })
      ).status,
    ).toBe(200);
    expect((await coord.patch('/api/auth/settings', { phone: '8 (8142) 71-20-15' })).status).toBe(200);
    expect((await coord.patch('/api/auth/settings', { phone: 'позвоните мне' })).status).toBe(400);
    const plan = (await coord.get('/api/plans')).body.items.find((p: { kind: string }) => p.kind === 'plan');
    planId = plan.id;
    expect(
      (
        await coord.edit(`/api/plans/${planId}`, {
          title:
            'План мероприятий по поддержке социально ориентированных некоммерческих организаций (далее – СО НКО) в Северо-Озёрской области на 2025–2027 годы',
        })
      ).status,
    ).toBe(200);
    // Минкультуры reports on 2.2 for a period, with figures; the coordinator accepts.
    const r = (await exec.get(`/api/reports?planId=${planId}&state=expected&pageSize=200`)).body.items.find(
      (i: { measure: { number: string }; role: string }) => i.measure.number === '2.2' && i.role === 'lead',
    );
    periodId = r.period.id;
    periodLabel = r.period.label;
    const s = await exec.post(`/api/reports/${r.id}/submit`, {
      version: r.version,
      text: 'Проведено 4 выставки.',
      resultStatus: 'done',
      figures: { 'Число выставок': 4, 'Число посетителей': 1250 },
    });
    expect(s.status, JSON.stringify(s.body)).toBe(200);
    expect((await coord.post(`/api/reports/${r.id}/accept`, { version: s.body.version })).status).toBe(200);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const download = (q: string) =>
    t.app.inject({ method: 'GET', url: `/api/plans/${planId}/export?${q}`, headers: { cookie: coord.cookie } });

  it('DOCX: period in the title and the name, the definitions out, figures, empty cells said so, the sign-off', async () => {
    const res = await download(`format=docx&periodId=${periodId}`);
    expect(res.statusCode).toBe(200);
    expect(fileNameOf(res.headers['content-disposition'])).toBe(
      `План мероприятий по поддержке социально ориентированных некоммерческих… на 2025–2027 годы — ${periodLabel.replace(/\.$/, '')}.docx`,
    );
    expect(String(res.headers['content-disposition'])).toMatch(
      /^attachment; filename="report\.docx"; filename\*=UTF-8''/,
    );
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    const text = [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('\n');
    expect(text).toContain(
      `Информация об исполнении плана мероприятий по поддержке социально ориентированных некоммерческих организаций в Северо-Озёрской области на 2025–2027 годы за ${periodLabel}`,
    );
    expect(text).not.toContain('далее');
    expect(text).toContain('Показатели: Число выставок — 4; Число посетителей — 1 250');
    expect(text).toContain('Информация не представлена');
    expect(text).toContain('Министр социальной защиты населения Северо-Озёрской области\nН.В. Морозова');
    expect(text).toMatch(/Исполнитель: [А-ЯЁ][а-яё]+ [А-ЯЁ]\.[А-ЯЁ]\., тел\. 8 \(8142\) 71-20-15/);
  });

  it('XLSX: the sheet «Отчет» with a filter on the header, and the figures', async () => {
    const res = await download(`format=xlsx&periodId=${periodId}&signerName=${encodeURIComponent('И.О. Петров')}`);
    expect(res.statusCode).toBe(200);
    expect(fileNameOf(res.headers['content-disposition'])).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as Parameters<typeof wb.xlsx.load>[0]);
    const ws = wb.getWorksheet('Отчет')!;
    expect(String(ws.autoFilter)).toMatch(/^A\d+:F\d+$/);
    const cells: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
    expect(cells.some((c) => c.includes('Показатели: Число выставок — 4'))).toBe(true);
    expect(ws.headerFooter.oddFooter).toContain('И.О. Петров');
  });

  it('without a period: the date in the name, the accepted figures', async () => {
    const res = await download('format=pdf');
    expect(res.statusCode).toBe(200);
    expect(fileNameOf(res.headers['content-disposition'])).toMatch(/ — на \d{2}\.\d{2}\.\d{4}\.pdf$/);
  });
});
