/**
 * Browser, over the shared seed documents (runs only when SEEDS_DIR is set; CI sets it
 * to ../shared/seeds): each *.txt is uploaded, every executor the directory does not
 * know becomes a new organisation («Создать все ненайденные»), the plan is saved and
 * shows its measures. A report is saved as a plan too. For the roadmap with recurring
 * and relative deadlines (002_…), a recurring measure lists its control dates.
 */
import { readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, type BrowserHarness } from '../helpers/browser';
import {
  USERS,
  createAllUnknown,
  logInAs,
  previewScreenshot,
  readingsSettled,
  saveImport,
  startHarness,
} from './e2e-support';

const SEEDS_DIR = process.env.SEEDS_DIR ? resolve(process.env.SEEDS_DIR) : '';
const seeds = SEEDS_DIR
  ? readdirSync(SEEDS_DIR)
      .filter((f) => f.toLowerCase().endsWith('.txt'))
      .sort()
  : [];

describe.skipIf(!SEEDS_DIR || !hasChromium)('web: import of the seed documents', () => {
  let h: BrowserHarness;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
    page = await h.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await logInAs(page, h.baseUrl, USERS.coordinator);
  }, 180_000);

  afterAll(async () => {
    await h?.close();
  });

  it('finds seed documents', () => {
    expect(seeds.length).toBeGreaterThan(0);
  });

  for (const file of seeds) {
    it(`${file}: uploaded, unknown executors created, saved; the plan shows its measures`, async () => {
      await page.goto(`${h.baseUrl}/import`);
      await page.getByTestId('import-file').setInputFiles(join(SEEDS_DIR, file));
      await page
        .locator('[data-testid="import-table"], [data-testid="import-mode"]')
        .first()
        .waitFor({ timeout: 30_000 });
      // An execution report becomes a plan of its own here (its kind maps to «План мероприятий»).
      if (await page.getByTestId('import-mode').count()) {
        await page.getByTestId('import-mode-plan').check();
        await page.getByTestId('import-table').waitFor();
        expect(await page.getByTestId('import-kind-plan').isChecked()).toBe(true);
      }
      const rows = page.locator('#main [id^="import-row-"]');
      const total = await rows.count();
      expect(total).toBeGreaterThan(0);

      await createAllUnknown(page);
      // Rows no plan can hold (no number, no title, a repeated number) are left out.
      const blockingRows = page.locator(
        '#main [id^="import-row-"][data-problems*="duplicate_number"], #main [id^="import-row-"][data-problems*="empty_title"], #main [id^="import-row-"][data-problems*="empty_number"]',
      );
      let excluded = 0;
      while ((await blockingRows.count()) > excluded) {
        await blockingRows.nth(excluded).getByTestId('import-item-exclude').click();
        excluded++;
      }
      await readingsSettled(page);
      await expect.poll(() => page.locator('.problem-blocking').count()).toBe(0);
      await previewScreenshot(h, page, `import-preview-seed-${basename(file, '.txt')}`);

      await saveImport(page);
      expect(await page.getByTestId('plan-status').textContent()).toBe('Черновик');
      expect(await page.getByTestId('plan-source').textContent()).toContain(file);
      await expect.poll(() => page.locator('[data-testid^="measure-row-"]').count()).toBe(total - excluded);

      if (file.startsWith('002_')) {
        // «1 раз в квартал»: a recurring deadline with its quarters as control dates.
        const recurring = page.locator('[data-testid^="measure-row-"]', { hasText: /1 раз в квартал/ }).first();
        await recurring.getByRole('link').first().click();
        await page.getByTestId('measure-props').waitFor();
        expect(await page.getByTestId('measure-deadline-kind').textContent()).toContain('периодически');
        await page.getByTestId('control-points-table').waitFor();
        const dates = await page.getByTestId('control-point').allInnerTexts();
        expect(dates.length).toBeGreaterThanOrEqual(4);
        expect(dates.join('\n')).toMatch(/квартал/);
        // «в течение 5 рабочих дней после поступления информации…»: relative, waits for the event date.
        await page.getByRole('navigation', { name: 'Навигационная цепочка' }).getByRole('link').nth(1).click();
        await page.getByTestId('plan-table').waitFor();
        const relative = page
          .locator('[data-testid^="measure-row-"]', { hasText: /в течение 5 рабочих дней после поступления/ })
          .first();
        await relative.getByRole('link').first().click();
        await page.getByTestId('measure-props').waitFor();
        expect(await page.getByTestId('measure-deadline-kind').textContent()).toContain('относительный');
        expect(await page.getByTestId('control-points-empty').textContent()).toContain('Дату события');
      }
    });
  }

  it('no script errors on any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
