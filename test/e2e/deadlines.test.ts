/**
 * Browser: deadlines in the demo plans. Recurring deadlines list their control dates
 * (with moves off days off), a council instruction «в течение 5 дней после дня проведения
 * заседания» is bound to the protocol date, the measure form reads a deadline while it is
 * typed, manual dates and an event date are saved, the calendar groups dates by month,
 * and a deadline nobody can read is listed and marked. Real server, zero retries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, type BrowserHarness } from '../helpers/browser';
import { USERS, logInAs, startHarness } from './e2e-support';

const PLAN = /План мероприятий по поддержке социально ориентированных/;
const COUNCIL = /Поручения Координационного совета/;

describe.skipIf(!hasChromium)('web: deadlines', () => {
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

  const openPlan = async (name: RegExp) => {
    await page.getByTestId('nav-plans').click();
    await page.getByRole('link', { name }).click();
    await page.getByTestId('plan-table').waitFor();
  };
  const openMeasure = async (number: string) => {
    await page.getByTestId(`measure-row-${number}`).getByRole('link').first().click();
    await page.getByTestId('measure-props').waitFor();
  };
  const controlRows = () =>
    page
      .getByTestId('control-point')
      .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));

  it('a monthly measure («ежемесячно») lists its control dates, moved off days off', async () => {
    await openPlan(PLAN);
    await openMeasure('3.1');
    expect(await page.getByTestId('measure-deadline-kind').textContent()).toContain('периодически');
    await page.getByTestId('control-points-table').waitFor();
    const rows = await controlRows();
    expect(rows).toHaveLength(36); // 2025–2027, every month
    expect(rows[0]).toMatch(/^Исполнение 31\.01\.2025 — январь 2025 г\. из текста срока$/);
    // 31 May 2025 is a Saturday: the date moves to Monday 2 June.
    expect(rows[4]).toMatch(/^Исполнение 02\.06\.2025 с 31\.05\.2025 май 2025 г\./);
  });

  it('a quarterly measure («ежеквартально») shows its quarters; the plan table its next date', async () => {
    await openPlan(PLAN);
    const row = page.getByTestId('measure-row-1.3');
    // The next control date depends on today; within the plan period there is one.
    if (new Date() <= new Date('2027-12-31'))
      expect(await row.getByTestId('next-control').textContent()).toMatch(/^Ближайший срок: \d\d\.\d\d\.\d{4}/);
    await openMeasure('1.3');
    const rows = await controlRows();
    expect(rows).toHaveLength(12);
    expect(rows[0]).toContain('31.03.2025');
    expect(rows[0]).toContain('I квартал 2025 г.');
    expect(rows[3]).toMatch(/12\.01\.2026 с 31\.12\.2025 IV квартал 2025 г\./);
  });

  it('a council instruction «в течение 5 дней после дня проведения заседания» is bound to the protocol date', async () => {
    await openPlan(COUNCIL);
    await openMeasure('4');
    expect(await page.getByTestId('measure-deadline-kind').textContent()).toContain('относительный');
    const rows = await controlRows();
    expect(rows).toEqual(['Исполнение 22.04.2025 — — от даты события']);
    await h.screenshot(page, 'deadlines-measure-relative');
  });

  it('the measure form reads the deadline while it is typed; manual dates are saved', async () => {
    await openPlan(PLAN);
    await page.getByTestId('add-measure').click();
    await page.getByTestId('measure-form').waitFor();
    await page.getByTestId('measure-field-title').fill('Мониторинг обращений СО НКО');
    const deadline = page.getByTestId('measure-field-deadlineText');
    const meaning = page.getByTestId('measure-form').getByTestId('deadline-meaning');
    await deadline.pressSequentially('ежеквартально');
    await expect.poll(() => meaning.textContent()).toContain('31.03.2025, 30.06.2025, 30.09.2025');
    expect(await meaning.getAttribute('data-understood')).toBe('true');
    await h.screenshot(page, 'deadlines-form-reading');

    // Something the reader cannot date: a warning, then dates by hand.
    await deadline.fill('по мере поступления обращений');
    await expect.poll(() => meaning.textContent()).toContain('Срок не распознан — укажите даты вручную');
    expect(await meaning.getAttribute('data-understood')).toBe('false');
    await page.getByTestId('measure-submit').click();
    const row = page.getByTestId('measure-row-1.4');
    await row.waitFor();
    await expect.poll(() => row.getByTestId('deadline-unclear-badge').count()).toBe(1);
    await expect.poll(() => page.getByTestId('unclear-count').textContent()).toBe('1');

    // «Нераспознанные сроки»: the list, and the form from it.
    await page.getByTestId('plan-tab-unclear').click();
    await page.getByTestId('unclear-row-1.4').waitFor();
    await page.getByTestId('unclear-row-1.4').getByTestId('unclear-edit').click();
    await page.getByTestId('measure-form').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('mf-deadlineText');
    await page.getByTestId('deadline-override-toggle').check();
    await page.getByTestId('mf-ov-due-0').fill('2025-06-30');
    await page.getByTestId('mf-ov-due-add').click();
    await page.getByTestId('mf-ov-due-1').fill('2025-12-31');
    await page.getByTestId('mf-ov-reports-add').click();
    await page.getByTestId('mf-ov-reports-0').fill('2026-01-15');
    await page.getByTestId('measure-submit').click();
    await page.getByTestId('unclear-empty').waitFor();
    await expect.poll(() => page.getByTestId('unclear-count').textContent()).toBe('0');

    await page.getByTestId('plan-tab-table').click();
    await openMeasure('1.4');
    // Added by hand to a plan already under control: dates before today are on record, not owed.
    expect(await controlRows()).toEqual([
      'Исполнение 30.06.2025 до начала контроля — — указано вручную',
      'Исполнение 12.01.2026 до начала контроля с 31.12.2025 — указано вручную',
      'Отчёт 15.01.2026 до начала контроля — — указано вручную',
    ]);
    expect(await page.getByTestId('measure-deadline-kind').textContent()).toContain('даты указаны вручную');
  });

  it('a relative deadline takes the event date in the form', async () => {
    await openPlan(PLAN);
    await openMeasure('2.4');
    expect(await page.getByTestId('control-points-empty').textContent()).toContain('укажите «Дату события»');
    await page.getByTestId('measure-page-edit').click();
    await page.getByTestId('measure-form').waitFor();
    const anchor = page.getByTestId('measure-field-anchorDate');
    await anchor.waitFor();
    await anchor.fill('2025-03-03');
    // «в течение 10 рабочих дней после …» from Monday 3 March 2025: Monday 17 March.
    await expect
      .poll(() => page.getByTestId('measure-form').getByTestId('deadline-meaning').textContent())
      .toContain('17.03.2025');
    await page.getByTestId('measure-submit').click();
    await expect.poll(() => controlRows()).toEqual(['Исполнение 17.03.2025 — — от даты события']);
  });

  it('the plan calendar groups control dates by month, each linking to its measure', async () => {
    await openPlan(PLAN);
    await page.getByTestId('plan-tab-calendar').click();
    await page.getByTestId('plan-calendar').waitFor();
    await page.getByTestId('calendar-from').fill('2025-01-01');
    await page.getByTestId('calendar-to').fill('2025-03-31');
    await expect
      .poll(() =>
        page
          .locator('[data-testid^="calendar-month-"]')
          .evaluateAll((els) => els.map((e) => e.querySelector('h2')?.textContent?.replace(/\s*\(\d+\)$/, ''))),
      )
      .toEqual(['Январь 2025 г.', 'Февраль 2025 г.', 'Март 2025 г.']);
    const march = page.getByTestId('calendar-month-2025-03');
    expect(await march.textContent()).toContain('I квартал 2025 г.');
    await h.screenshot(page, 'deadlines-calendar');
    await march
      .getByRole('link', { name: /Проведение рабочих встреч/ })
      .first()
      .click();
    await page.getByTestId('measure-props').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Проведение рабочих встреч');
    expect(pageErrors).toEqual([]);
  });
});
