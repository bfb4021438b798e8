/**
 * НОК in the browser (issue 14): a coordinator creates the campaign, prints the QR poster
 * (PDF), 30 people answer from phone-sized pages (one in the version for the visually
 * impaired, one losing the connection mid-way), the operator fills the checklist, the scores
 * appear, the coordinator publishes and drafts the improvement plan. Screenshots at phone and
 * desktop width land in test-output/.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, outputDir, type BrowserHarness } from '../helpers/browser';
import { logInAs, startHarness } from './e2e-support';

const PHONE = { width: 390, height: 844 };
const OPERATOR_PASSWORD = 'Анкеты-у-стенда-2026';

async function apiAs(baseUrl: string, login: string, password: string) {
  const r = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  const cookie = r.headers.get('set-cookie')!.split(';')[0];
  const { csrfToken } = (await r.json()) as { csrfToken: string };
  return (method: string, path: string, body?: unknown) =>
    fetch(`${baseUrl}/api${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then((res) => res.json());
}

describe.skipIf(!hasChromium)('НОК journey in the browser', () => {
  let h: BrowserHarness;
  let coord: Page;
  const errors: string[] = [];
  beforeAll(async () => {
    h = await startHarness();
    const admin = await apiAs(h.baseUrl, 'admin', 'demo-admin-2025');
    for (const [fullName, shortName] of [
      ['ГБУ «Комплексный центр социального обслуживания населения «Рассвет»', 'КЦСОН «Рассвет»'],
      ['ООО «Социологический центр «Мнение»', 'Оператор «Мнение»'],
    ])
      await admin('POST', '/organisations', { fullName, shortName, kind: 'institution' });
    const orgs = (await admin('GET', '/organisations')).items as { id: number; shortName: string }[];
    await admin('POST', '/users', {
      login: 'nok-operator',
      fullName: 'Оператор Анкетова',
      role: 'executor',
      organisationId: orgs.find((o) => o.shortName === 'Оператор «Мнение»')!.id,
      password: 'nok-operator-pass-1',
    });
    // A password the administrator set is replaced at first login.
    const op = await apiAs(h.baseUrl, 'nok-operator', 'nok-operator-pass-1');
    await op('POST', '/auth/password', { currentPassword: 'nok-operator-pass-1', newPassword: OPERATOR_PASSWORD });
    coord = await h.newPage();
    coord.on('pageerror', (e) => errors.push(e.message));
    await logInAs(coord, h.baseUrl, { login: 'coordinator', password: 'demo-coord-2025' });
  }, 300_000);
  afterAll(async () => {
    await h?.close();
  });

  let code = '';
  let assessmentId = 0;

  it('creates a campaign and prints the A4 poster with the QR code', async () => {
    await coord.goto(`${h.baseUrl}/nok`);
    await coord.getByTestId('nok-create').click();
    const year = new Date().getFullYear();
    await coord.locator('#nok-operator').selectOption({ label: 'Оператор «Мнение»' });
    await coord.getByLabel('Оператор Анкетова').check();
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    await coord.locator('#nok-from').fill(day(-5));
    await coord.locator('#nok-to').fill(day(25));
    await coord.locator('#nok-stand').fill('Устав\nЛицензия\nРежим работы\nПорядок обжалования');
    await coord.locator('#nok-site').fill('Структура и органы управления\nТарифы на услуги');
    await coord.getByLabel('КЦСОН «Рассвет»', { exact: true }).check();
    await coord.getByLabel('ГБУ «КЦСОН «Берег»»', { exact: true }).check();
    await h.screenshot(coord, 'nok-campaign-form-desktop');
    await coord.getByTestId('nok-campaign-save').click();
    await coord.getByTestId('nok-assessments').waitFor();
    expect(await coord.locator('h1').innerText()).toContain(String(year));

    const row = coord.getByTestId('nok-assessments').locator('tr', { hasText: 'КЦСОН «Рассвет»' });
    await row.getByText('QR-код, плакат и ссылка').click();
    await coord.getByTestId('nok-poster').waitFor();
    assessmentId = Number(/assessments\/(\d+)/.exec(coord.url())![1]);
    const link = await coord.getByTestId('nok-short-link').innerText();
    code = /\/q\/([a-z0-9]+)$/.exec(link.trim())![1];
    expect(await coord.getByTestId('nok-qr').getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(await coord.getByTestId('nok-embed').inputValue()).toContain(`/embed/nok/${code}`);
    await h.screenshot(coord, 'nok-poster-desktop');
    await coord.emulateMedia({ media: 'print' });
    const pdf = join(outputDir, 'nok-poster.pdf');
    await coord.pdf({ path: pdf, format: 'A4', printBackground: true });
    await coord.emulateMedia({ media: 'screen' });
    expect(statSync(pdf).size).toBeGreaterThan(5_000);
  }, 120_000);

  it('takes 30 answers from phone-sized pages, one in the version for the visually impaired, one offline first', async () => {
    // One phone, handed from person to person: what the page keeps on the device is wiped in between.
    const page = await h.newPage(PHONE);
    page.on('pageerror', (e) => errors.push(e.message));
    const answerOne = async (i: number) => {
      await page.goto(`${h.baseUrl}/q/${code}`);
      await page.getByTestId('nok-form').waitFor();
      if (i === 0) {
        await page.getByTestId('a11y').click();
        await h.screenshot(page, 'nok-questionnaire-a11y-phone');
      }
      const pick = (q: string, v: 'Да' | 'Нет') =>
        page.getByTestId(`q-${q}`).getByLabel(v, { exact: false }).first().check();
      await pick('stand_used', 'Да');
      await pick('stand_satisfied', i % 5 === 0 ? 'Нет' : 'Да');
      await pick('site_used', 'Нет');
      expect(await page.getByTestId('q-site_satisfied').count()).toBe(0);
      await pick('comfort', i % 3 === 0 ? 'Нет' : 'Да');
      await pick('polite_first', 'Да');
      await pick('overall', i % 4 === 0 ? 'Нет' : 'Да');
      if (i === 1) await h.screenshot(page, 'nok-questionnaire-phone');
      if (i === 2) {
        // The connection drops as the person sends: kept on the phone, sent when it returns.
        await page.context().setOffline(true);
        await page.getByTestId('nok-submit').click();
        await page.getByTestId('nok-waiting').waitFor();
        await page.context().setOffline(false);
      } else {
        await page.getByTestId('nok-submit').click();
      }
      await page.getByTestId('nok-thanks').waitFor({ timeout: 30_000 });
      await page.evaluate(() => localStorage.clear());
    };
    for (let i = 0; i < 30; i++) await answerOne(i);
    await page.context().close();
    await coord.goto(`${h.baseUrl}/nok/assessments/${assessmentId}`);
    await coord.getByTestId('nok-answers').waitFor();
    expect(await coord.getByTestId('nok-answers').locator('tbody tr').count()).toBe(30);
  }, 600_000);

  it('lets the operator fill the checklist; the scores, publication and the improvement plan follow', async () => {
    const op = await h.newPage(PHONE);
    op.on('pageerror', (e) => errors.push(e.message));
    await logInAs(op, h.baseUrl, { login: 'nok-operator', password: OPERATOR_PASSWORD });
    await op.goto(`${h.baseUrl}/nok/assessments/${assessmentId}`);
    const form = op.getByTestId('nok-checklist');
    await form.waitFor();
    for (const label of ['Устав', 'Лицензия', 'Режим работы', 'Тарифы на услуги'])
      await form.getByLabel(label, { exact: true }).check();
    for (const item of ['phone', 'email', 'faq', 'water', 'navigation', 'sanitary_state', 'ramps', 'assistance'])
      await op.getByTestId(`nok-item-${item}`).check();
    await op.getByTestId('nok-checklist-save').click();
    await expect.poll(() => op.getByTestId('nok-checked').innerText()).toContain('Оператор Анкетова');
    await h.screenshot(op, 'nok-checklist-phone');

    await coord.goto(`${h.baseUrl}/nok`);
    await coord.getByTestId('nok-campaigns').getByRole('link').first().click();
    const total = coord.getByTestId(`nok-total-${assessmentId}`);
    await expect.poll(() => total.innerText()).toMatch(/^\d+,\d\d$/);
    await coord.getByTestId('nok-results').getByRole('button', { name: 'КЦСОН «Рассвет»' }).click();
    expect(await coord.getByTestId('nok-results').innerText()).toContain('Что снизило оценку');
    await coord.getByTestId('nok-publish').click();
    await expect.poll(() => coord.getByTestId('nok-published').innerText()).toContain('опубликованы');
    // The public page, without login.
    const citizen = await h.newPage(PHONE);
    await citizen.goto(`${h.baseUrl}/results/nok/${/nok\/(\d+)/.exec(coord.url())![1]}`);
    await expect.poll(() => citizen.getByTestId('nok-public-results').innerText()).toContain('КЦСОН «Рассвет»');
    await h.screenshot(citizen, 'nok-public-results-phone');
    await citizen.context().close();
    await coord.getByTestId(`nok-make-plan-${assessmentId}`).click();
    await coord.getByTestId(`nok-plan-${assessmentId}`).click();
    await coord.getByTestId('plan-draft-bar').waitFor();
    expect(await coord.locator('h1').innerText()).toContain('План по устранению недостатков');
    await h.screenshot(coord, 'nok-improvement-plan-desktop');
    expect(errors).toEqual([]);
  }, 180_000);
});
