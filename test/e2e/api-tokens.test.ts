/** «API-токены» in the settings: create (the secret shown once), use it over Bearer, revoke. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { BrowserHarness } from '../helpers/browser';
import { startHarnessAs } from './e2e-support';

describe('API tokens in the settings page', () => {
  let h: BrowserHarness;
  let page: Page;
  let errors: string[];
  beforeAll(async () => {
    ({ h, page, errors } = await startHarnessAs({ login: 'executor', password: 'demo-exec-2025' }));
  });
  afterAll(async () => {
    await h?.close();
  });

  it('creates a token, shows it once, and revokes it', async () => {
    await page.goto(`${h.baseUrl}/settings`);
    await page.getByTestId('token-name').fill('Ведомственная система');
    await page.getByTestId('token-scope').selectOption('reports');
    await page.getByRole('button', { name: 'Создать токен' }).click();
    const secret = await page.getByTestId('token-secret').inputValue();
    expect(secret).toMatch(/^isp_/);
    await expect.poll(() => page.getByTestId('token-list').innerText()).toContain('Ведомственная система');
    expect(await page.getByTestId('token-list').innerText()).toContain('чтение, заполнение и отправка отчётов');

    const call = () =>
      fetch(`${h.baseUrl}/api/my/reports`, { headers: { authorization: `Bearer ${secret}` } }).then((r) => r.status);
    expect(await call()).toBe(200);

    await page.getByRole('button', { name: 'Готово' }).click();
    expect(await page.getByTestId('token-secret').count()).toBe(0);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Отозвать' }).click();
    await expect.poll(() => page.getByTestId('token-list').innerText()).toContain('отозван');
    expect(await call()).toBe(401);
    expect(errors).toEqual([]);
  });
});
