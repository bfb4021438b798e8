/**
 * Browser journey of target indicators (issue 13): the coordinator imports a plan with its
 * indicator table, fixes an indicator in the preview, saves, gives an indicator to
 * Минкультуры; Минкультуры's executor reports quarters (the trend flag shows the year will be
 * missed); the coordinator returns one figure and accepts another; a sum over municipalities
 * is computed from the municipalities' rows and drawn as bars.
 * Screenshots: the preview's indicator panel, the plan's indicator table, an indicator's page
 * with its line chart, the municipalities' bars.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, type BrowserHarness } from '../helpers/browser';
import { USERS, logInAs, previewScreenshot, saveImport, startHarnessAs, unstick } from './e2e-support';

const plan = readFileSync(new URL('../fixtures/api/nok-indicators-plan.txt', import.meta.url));
const EXECUTOR = { login: 'executor', password: 'demo-exec-2025' };

describe.skipIf(!hasChromium)('web: target indicators, plan against fact', () => {
  let h: BrowserHarness;
  let page: Page;
  let errors: string[];
  let planId: number;
  let indicatorUrl: string;

  beforeAll(async () => {
    ({ h, page, errors } = await startHarnessAs(USERS.coordinator));
    // Two more municipalities in the demo region, by the administrator through the API.
    const login = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'admin', password: 'demo-admin-2025' },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    const csrf = JSON.parse(login.body).csrfToken;
    for (const fullName of ['Северный муниципальный район', 'Южный муниципальный округ'])
      await h.app.inject({
        method: 'POST',
        url: '/api/organisations',
        headers: { cookie, 'x-csrf-token': csrf },
        payload: { fullName, shortName: fullName, kind: 'municipality' },
      });
  }, 180_000);
  afterAll(async () => {
    await h?.close();
  });

  it('imports a plan with its indicator table, fixed in the preview', async () => {
    await page.goto(`${h.baseUrl}/import`);
    await page.getByTestId('import-file').setInputFiles({
      name: 'План НОК 2025-2027.txt',
      mimeType: 'text/plain',
      buffer: plan,
    });
    const panel = page.getByTestId('import-indicators');
    await panel.waitFor({ timeout: 30_000 });
    expect(await panel.locator('tbody tr').count()).toBe(3);
    expect(await page.getByTestId('import-indicator-unit-2').inputValue()).toBe('ед.');
    await page.getByTestId('import-indicator-unit-2').fill('заседаний');
    await previewScreenshot(h, page, 'indicators-import-preview');
    planId = await saveImport(page);

    await page.getByTestId('plan-tab-indicators').click();
    const table = page.getByTestId('indicators-table');
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(3);
    const row3 = page.getByTestId('indicator-row-3');
    expect(await row3.locator('td').nth(2).textContent()).toBe('заседаний');
    // Base and planned values as in the document: 4 | 4 4 2.
    expect(await row3.locator('td').nth(3).textContent()).toMatch(/^4/);
    expect(await row3.locator('td').nth(4).textContent()).toBe('4');
    expect(await row3.locator('td').nth(10).textContent()).toBe('2');
  });

  it('gives an indicator to Минкультуры and adds a sum over municipalities', async () => {
    await page
      .getByTestId('indicator-row-1')
      .getByRole('button', { name: /Изменить показатель 1/ })
      .click();
    const dialog = page.getByTestId('indicator-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('ind-responsibles').fill('Минкультуры');
    await dialog.getByTestId('ind-responsibles').press('Enter');
    await dialog.getByTestId('ind-save').click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByTestId('indicator-add').click();
    await dialog.waitFor();
    await dialog.locator('#ind-number').fill('4');
    await dialog.getByTestId('ind-name').fill('Количество СО НКО, получивших муниципальную поддержку');
    await dialog.getByTestId('ind-unit').fill('ед.');
    await dialog.getByTestId('ind-target-2025').fill('30');
    await dialog.locator('#ind-breakdown').selectOption('municipality');
    await dialog.getByTestId('ind-computation').selectOption('sum');
    await dialog.getByTestId('ind-responsibles').fill('Минкультуры');
    await dialog.getByTestId('ind-responsibles').press('Enter');
    await dialog.getByTestId('ind-save').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('indicator-row-4').waitFor();
  });

  it('the executor reports quarters; the trend flags that the year will be missed', async () => {
    const exec = await h.newPage();
    exec.on('pageerror', (e) => errors.push(e.message));
    await logInAs(exec, h.baseUrl, EXECUTOR);
    await exec.goto(`${h.baseUrl}/plans/${planId}/indicators`);
    await exec.getByTestId('indicator-row-1').getByRole('link').click();
    await exec.getByTestId('plan-fact-table').waitFor();
    indicatorUrl = exec.url();
    const form = exec.getByTestId('fact-form');
    await form.getByTestId('fact-year').selectOption('2025');
    await form.getByTestId('fact-quarter').selectOption('1');
    await form.getByTestId('fact-value').fill('20');
    await form.getByTestId('fact-comment').fill('Проведена оценка 5 организаций из 25');
    await form.getByTestId('fact-save').click();
    await exec.getByTestId('fact-row-2025-1-0').waitFor();
    await form.getByTestId('fact-quarter').selectOption('2');
    await form.getByTestId('fact-value').fill('25');
    await form.getByTestId('fact-evidence').fill('https://minsoc.example.ru/nok/2025-2.pdf');
    await form.getByTestId('fact-save').click();
    await exec.getByTestId('fact-row-2025-2-0').waitFor();
    // 20 → 25 by the second quarter leads to 35 by the year's end, short of 38,5.
    const flag = exec.getByTestId('pf-miss-2025');
    await flag.waitFor();
    expect(await flag.textContent()).toMatch(/35 % — план не будет достигнут/);
    await exec.getByTestId('chart-plan-fact').locator('svg.recharts-surface').first().waitFor();
    await unstick(exec, '.grid thead th');
    await h.screenshot(exec, 'indicators-indicator-page');

    // The sum over municipalities: the executor enters each municipality's row; the total is computed.
    await exec.goto(`${h.baseUrl}/plans/${planId}/indicators`);
    await exec.getByTestId('indicator-row-4').getByRole('link').click();
    const f2 = exec.getByTestId('fact-form');
    await f2.waitFor();
    for (const [name, value] of [
      ['Северный муниципальный район', '12'],
      ['Южный муниципальный округ', '7'],
      ['Администрация г. Озёрска', '9,5'],
    ]) {
      await f2.getByTestId('fact-year').selectOption('2025');
      await f2.getByTestId('fact-unit').selectOption({ label: name });
      await f2.getByTestId('fact-value').fill(value);
      await f2.getByTestId('fact-save').click();
      await exec.getByTestId('facts-table').getByText(name).waitFor();
    }
    const year = exec.getByTestId('pf-2025-0');
    await expect.poll(() => year.locator('td').nth(1).textContent()).toBe('28,5');
    await exec.getByTestId('chart-units').locator('.recharts-bar-rectangle').first().waitFor();
    expect(await exec.getByTestId('chart-units').locator('.recharts-bar-rectangle').count()).toBe(3);
    await h.screenshot(exec, 'indicators-municipality-bars');
    await exec.context().close();
  });

  it('the coordinator returns one figure and accepts another', async () => {
    await page.goto(indicatorUrl);
    await page.getByTestId('facts-table').waitFor();
    await page.getByTestId('fact-row-2025-1-0').getByTestId('fact-return').click();
    await page.getByTestId('fact-return-comment').fill('Приложите протокол общественного совета');
    await page.getByTestId('fact-return-form').getByRole('button', { name: 'Вернуть на доработку' }).click();
    await expect
      .poll(() => page.getByTestId('fact-row-2025-1-0').textContent())
      .toMatch(/возвращено.*Приложите протокол/);
    await page.getByTestId('fact-row-2025-2-0').getByTestId('fact-accept').click();
    await expect.poll(() => page.getByTestId('fact-row-2025-2-0').textContent()).toMatch(/принято/);

    await page.goto(`${h.baseUrl}/plans/${planId}/indicators`);
    await page.getByTestId('indicators-table').waitFor();
    expect(await page.getByTestId('fact-1-2025').textContent()).toMatch(/^25/);
    // The returned first quarter no longer counts: one quarter alone forecasts nothing.
    expect(await page.getByTestId('will-miss-1-2025').count()).toBe(0);
    await unstick(page, '.grid thead th');
    await h.screenshot(page, 'indicators-plan-table');
    expect(errors).toEqual([]);
  });
});
