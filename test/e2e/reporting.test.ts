/**
 * Browser: the coordinator sets how a plan is reported on — half-years due on the 15th,
 * then periods by hand — and the server's Russian refusal of a bad period shows in place.
 * Screenshot: the «Отчётность» tab with the hand-set periods.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, type BrowserHarness } from '../helpers/browser';
import { USERS, startHarnessAs } from './e2e-support';

const PLAN = /План мероприятий по поддержке социально ориентированных/;

describe.skipIf(!hasChromium)('web: reporting periods', () => {
  let h: BrowserHarness;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    ({ h, page, errors } = await startHarnessAs(USERS.coordinator));
  }, 180_000);
  afterAll(async () => {
    await h?.close();
  });

  const rows = () => page.getByTestId('period-row');
  const cells = (i: number) => rows().nth(i).locator('td').allTextContents();

  it('switches the plan to half-years due on the 15th, then to periods set by hand', async () => {
    await page.getByTestId('nav-plans').click();
    await page.getByRole('link', { name: PLAN }).click();
    await page.getByTestId('plan-tab-reporting').click();
    await page.getByTestId('periods-table').waitFor();
    expect(await rows().count()).toBe(12); // quarters of 2025–2027
    expect(await cells(0)).toEqual([
      'I квартал 2025 г.',
      '01.01.2025',
      '31.03.2025',
      '10.04.2025',
      expect.stringMatching(/отчёт/),
    ]);

    await page.getByTestId('reporting-frequency').selectOption('half');
    await page.getByTestId('reporting-day').fill('15');
    await page.getByTestId('reporting-apply').click();
    await page.getByTestId('reporting-notice').waitFor();
    await expect.poll(() => rows().count()).toBe(6);
    expect((await cells(0)).slice(0, 4)).toEqual(['I полугодие 2025 г.', '01.01.2025', '30.06.2025', '15.07.2025']);
    // 15 January 2028 is a Saturday: the report is due on Monday the 17th.
    expect((await cells(5)).slice(0, 4)).toEqual(['II полугодие 2027 г.', '01.07.2027', '31.12.2027', '17.01.2028']);

    await page.getByTestId('reporting-frequency').selectOption('custom');
    const editor = page.getByTestId('periods-editor');
    await editor.waitFor();
    expect(await editor.getByTestId('period-edit-row').count()).toBe(6);
    // A period that overlaps the next one is refused by the server, in Russian, and nothing is saved.
    const first = editor.getByTestId('period-edit-row').first();
    await first.getByTestId('period-label').fill('I полугодие 2025 г. и июль');
    await first.getByTestId('period-to').fill('2025-07-31');
    await first.getByTestId('period-due').fill('2025-08-15');
    await editor.getByTestId('periods-save').click();
    await expect.poll(() => page.getByTestId('reporting-error').textContent()).toContain('пересекаются');
    await first.getByTestId('period-to').fill('2025-06-30');
    await first.getByTestId('period-due').fill('2025-07-15');
    await first.getByTestId('period-label').fill('I полугодие 2025 г. (уточнённый)');
    await editor.getByTestId('periods-save').click();
    await page.getByTestId('reporting-notice').waitFor();
    expect(await page.getByTestId('reporting-notice').textContent()).toContain('Сохранено периодов: 6');
    await page.getByTestId('periods-editor').waitFor();
    expect(await page.getByTestId('reporting-frequency').inputValue()).toBe('custom');
    expect(await page.getByTestId('period-label').first().inputValue()).toBe('I полугодие 2025 г. (уточнённый)');
    await h.screenshot(page, 'reporting-periods');
    expect(errors).toEqual([]);
  }, 90_000);
});
