/**
 * Browser journey through the web app on the real server (in process, demo region,
 * private PGlite) with Debian's Chromium. Zero retries: every step waits for what the
 * user would see, never for a fixed time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, logIn, type BrowserHarness } from '../helpers/browser';
import { startHarness as startBrowserHarness } from './e2e-support';

const PLAN_TITLE = /План мероприятий по поддержке социально ориентированных/;

describe.skipIf(!hasChromium)('web: coordinator edits a plan', () => {
  let h: BrowserHarness;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    h = await startBrowserHarness();
    page = await h.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 180_000);

  afterAll(async () => {
    await h?.close();
  });

  it('logs in, shows the API message on a wrong password, then the plan list', async () => {
    await logIn(page, h.baseUrl, 'coordinator', 'wrong-password');
    await expect.poll(() => page.getByTestId('login-error').textContent()).toMatch(/Неверный логин или пароль/);
    // The password field is cleared and focused for the next try.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('login-password');
    await page.getByTestId('password-input').fill('demo-coord-2025');
    await page.getByTestId('password-input').press('Enter');
    await page.getByTestId('plans-table').waitFor();
    expect(await page.getByTestId('userbox').textContent()).toContain('Координатор');
  });

  it('adds a measure with type-ahead executors; Enter submits', async () => {
    await page.getByRole('link', { name: PLAN_TITLE }).click();
    await page.getByTestId('plan-table').waitFor();
    expect(await page.getByTestId('plan-approval').textContent()).toMatch(/УТВЕРЖДАЮ.*\d{1,2} [а-я]+ \d{4} г\./);

    await page.getByTestId('add-measure').click();
    const form = page.getByTestId('measure-form');
    await form.waitFor();
    expect(await page.getByTestId('measure-field-number').inputValue()).toBe('1.4');
    await page.getByTestId('measure-field-title').fill('Проверочное мероприятие журнала');
    await page.getByTestId('measure-field-deadlineText').fill('ежегодно до 1 октября');
    await page.getByTestId('measure-field-leadExecutor').fill('Минкульт');
    await page.getByRole('option', { name: /Минкультуры/ }).waitFor();
    await page.getByTestId('measure-field-leadExecutor').press('Enter'); // picks, does not submit
    expect(await form.isVisible()).toBe(true);
    await page.getByTestId('measure-field-coExecutors').fill('минздрав');
    await page.getByTestId('measure-field-coExecutors').press('Enter');
    expect(await page.getByTestId('measure-field-coExecutors-chips').textContent()).toContain('Минздрав');
    await page.getByTestId('measure-field-number').press('Enter'); // Enter in a field submits
    const row = page.getByTestId('measure-row-1.4');
    await row.waitFor();
    expect(await row.textContent()).toContain('Минкультуры');
    expect(await row.textContent()).toContain('ежегодно до 1 октября');
    await expect.poll(() => form.count()).toBe(0);
    await h.screenshot(page, 'plan-table-after-adding-measure');
  });

  it('shows the server validation message next to the form (duplicate number)', async () => {
    await page.getByTestId('add-measure').click();
    await page.getByTestId('measure-field-number').fill('1.4');
    await page.getByTestId('measure-field-title').fill('Дубль');
    await page.getByTestId('measure-submit').click();
    await expect.poll(() => page.getByTestId('measure-form-error').textContent()).toMatch(/с таким номером/);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('measure-form').count()).toBe(0);
    // Focus goes back to the button that opened the dialog.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('add-measure');
  });

  it('edits status, and the history shows the change in Russian', async () => {
    const row = page.getByTestId('measure-row-1.4');
    await row.getByTestId('measure-edit').click();
    await page.getByTestId('measure-field-status').selectOption('partial');
    await page.getByTestId('measure-field-executionText').fill('Подготовлен проект доклада.');
    await page.getByTestId('measure-submit').click();
    await expect.poll(() => row.textContent()).toContain('Частично выполнено');

    await row.getByRole('link').first().click();
    await page.getByTestId('measure-props').waitFor();
    await expect.poll(() => page.getByTestId('history-item').count()).toBe(2);
    const latest = await page.getByTestId('history-item').first().textContent();
    expect(latest).toContain('Иванова Елена Сергеевна');
    expect(latest).toContain('Статус');
    expect(latest).toContain('Частично выполнено');
    expect(latest).toContain('Информация об исполнении');
  });

  it('on a stale version (409) shows the message, reloads and then saves', async () => {
    await page.getByTestId('measure-page-edit').click();
    await page.getByTestId('measure-form').waitFor();
    // Someone else saves first, through the same API.
    await page.evaluate(async () => {
      const id = Number(location.pathname.split('/').pop());
      const { csrfToken } = await (await fetch('/api/auth/me')).json();
      const m = await (await fetch(`/api/measures/${id}`)).json();
      const r = await fetch(`/api/measures/${id}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken },
        body: JSON.stringify({ version: m.version, form: 'доклад' }),
      });
      if (!r.ok) throw new Error(`concurrent save failed: ${r.status}`);
    });
    await page.getByTestId('measure-field-expectedResult').fill('Доклад Губернатору');
    await page.getByTestId('measure-submit').click();
    await page.getByTestId('measure-form-error').waitFor();
    expect(await page.getByTestId('measure-field-form').inputValue()).toBe('доклад');
    await page.getByTestId('measure-field-expectedResult').fill('Доклад Губернатору');
    await page.getByTestId('measure-submit').click();
    await expect.poll(() => page.getByTestId('measure-form').count()).toBe(0);
    await expect.poll(() => page.getByTestId('measure-props').textContent()).toContain('Доклад Губернатору');
  });

  it('moves a measure up within its section and archives it', async () => {
    await page.getByRole('link', { name: PLAN_TITLE }).first().click();
    await page.getByTestId('plan-table').waitFor();
    const order = () =>
      page
        .locator('[data-testid^="measure-row-1."]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')));
    expect(await order()).toEqual(['measure-row-1.1', 'measure-row-1.2', 'measure-row-1.3', 'measure-row-1.4']);
    await page.getByTestId('measure-row-1.4').getByTestId('measure-up').click();
    await expect.poll(order).toEqual(['measure-row-1.1', 'measure-row-1.2', 'measure-row-1.4', 'measure-row-1.3']);
    await page.reload();
    await page.getByTestId('plan-table').waitFor();
    expect(await order()).toEqual(['measure-row-1.1', 'measure-row-1.2', 'measure-row-1.4', 'measure-row-1.3']);

    await page.getByTestId('measure-row-1.4').getByTestId('measure-archive').click();
    await page.getByTestId('confirm-submit').click();
    await expect.poll(() => page.getByTestId('measure-row-1.4').count()).toBe(0);
  });

  it('admin: deleting an organisation in use shows the 409 message', async () => {
    await page.getByTestId('logout').click();
    await page.getByTestId('login-form').waitFor();
    await page.getByTestId('login-input').fill('admin');
    await page.getByTestId('password-input').fill('demo-admin-2025');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-organisations').click();
    await page.getByTestId('org-search').fill('Минкульт');
    await page.getByRole('button', { name: 'Удалить: Минкультуры' }).click();
    await page.getByTestId('confirm-submit').click();
    await expect.poll(() => page.getByTestId('confirm-error').textContent()).toBeTruthy();
    await page.keyboard.press('Escape');
    expect(pageErrors).toEqual([]);
  });
});

describe.skipIf(!hasChromium)('web: admin sets up a council plan, the directory and a user', () => {
  let h: BrowserHarness;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    h = await startBrowserHarness();
    page = await h.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await logIn(page, h.baseUrl, 'admin', 'demo-admin-2025');
    await page.getByTestId('plans-table').waitFor();
  }, 180_000);

  afterAll(async () => {
    await h?.close();
  });

  it('adds an organisation with an alias, which the type-ahead then finds', async () => {
    await page.getByTestId('nav-organisations').click();
    await page.getByTestId('create-organisation').click();
    await page.getByTestId('org-field-fullName').fill('Прокуратура Северо-Озёрской области');
    await page.getByTestId('org-field-shortName').fill('Прокуратура области');
    await page.getByTestId('org-field-kind').selectOption('other');
    await page.getByTestId('org-field-aliases').fill('Прокуратура СОО');
    await page.getByTestId('org-field-aliases').press('Enter'); // adds the chip, does not submit
    await page.getByTestId('org-field-external').check();
    await page.getByTestId('org-submit').click();
    await expect.poll(() => page.getByTestId('org-dialog').count()).toBe(0);
    await page.getByTestId('org-search').fill('прокуратура соо');
    await expect
      .poll(() => page.getByTestId('org-tree').textContent())
      .toContain('Прокуратура Северо-Озёрской области (по согласованию)');
  });

  it('creates a council plan, a protocol and an instruction with its protocol item', async () => {
    await page.getByTestId('nav-plans').click();
    await page.getByTestId('create-plan').click();
    await page.getByTestId('plan-kind-council_decisions').check();
    await page.getByTestId('plan-field-title').fill('Поручения Совета по вопросам качества жизни');
    await page.getByTestId('plan-field-owner').fill('Минсоц');
    await page.getByTestId('plan-field-owner').press('Enter');
    await page.getByTestId('plan-field-periodFrom').fill('2025-01-01');
    await page.getByTestId('plan-field-periodTo').fill('2025-12-31');
    await page.getByTestId('plan-submit').click();
    await page.getByTestId('plan-table').waitFor();
    expect(await page.getByTestId('plan-period').textContent()).toContain('2025 г.');

    await page.getByTestId('add-section').click();
    await page.getByTestId('section-field-title').fill('Протокол заседания Совета от 14 марта 2025 года');
    await page.getByTestId('section-field-title').press('Enter');
    await page.getByTestId('section-row-1').waitFor();

    await page.getByTestId('add-measure').click();
    expect(await page.getByTestId('measure-field-number').inputValue()).toBe('1.1');
    await page.getByTestId('measure-field-number').fill('1');
    await page.getByTestId('measure-field-protocolItem').fill('пункт 2 вопроса № 1');
    await page.getByTestId('measure-field-title').fill('Представить информацию о ходе исполнения');
    await page.getByTestId('measure-field-leadExecutor').fill('прокуратура соо');
    await page.getByTestId('measure-field-leadExecutor').press('Enter');
    await page.getByTestId('measure-submit').click();
    const row = page.getByTestId('measure-row-1');
    await row.waitFor();
    expect(await row.textContent()).toContain('пункт 2 вопроса № 1');
    expect(await row.textContent()).toContain('Прокуратура области (по согласованию)');
  });

  it('edits the approval in the header and archives the plan', async () => {
    await page.getByTestId('edit-plan').click();
    await page.getByTestId('plan-field-approvedByName').fill('О.А. Петелин');
    await page.getByTestId('plan-field-approvedOn').fill('2016-12-28');
    await page.getByTestId('plan-submit').click();
    await expect
      .poll(() => page.getByTestId('plan-approval').textContent())
      .toBe('УТВЕРЖДАЮО.А. Петелин28 декабря 2016 г.');

    await page.getByTestId('archive-plan').click();
    await page.getByTestId('confirm-submit').click();
    await expect.poll(() => page.getByTestId('add-measure').count()).toBe(0);
  });

  it('creates a user, resets the password; the user logs in and changes it', async () => {
    await page.getByTestId('nav-users').click();
    await page.getByTestId('create-user').click();
    await page.getByTestId('user-field-login').fill('sidorova');
    await page.getByTestId('user-field-fullName').fill('Сидорова Анна Ильинична');
    await page.getByTestId('user-field-role').selectOption('executor');
    await page.getByTestId('user-field-organisation').fill('Минздрав');
    await page.getByTestId('user-field-organisation').press('Enter');
    await page.getByTestId('user-field-password').fill('first-pass-2025');
    await page.getByTestId('user-submit').click();
    const row = page.getByTestId('user-row-sidorova');
    await row.waitFor();
    expect(await row.textContent()).toContain('Минздрав');

    await row.getByTestId('user-reset-password').click();
    await page.getByTestId('reset-password-input').fill('second-pass-2025');
    await page.getByTestId('reset-password-submit').click();
    await expect.poll(() => page.getByTestId('users-notice').textContent()).toContain('sidorova');

    await page.getByTestId('logout').click();
    await page.getByTestId('login-input').fill('sidorova');
    await page.getByTestId('password-input').fill('second-pass-2025');
    await page.getByTestId('login-submit').click();
    // A password set by the administrator is one-time: the first screen asks for the user's own.
    await page.getByTestId('first-password-form').waitFor();
    await page.getByTestId('first-password-current').fill('second-pass-2025');
    await page.getByTestId('first-password-new').fill('third-pass-2025');
    await page.getByTestId('first-password-repeat').fill('third-pass-2025');
    await page.getByTestId('first-password-submit').click();
    await page.getByTestId('userbox').waitFor();
    await page.getByTestId('change-password').click();
    await page.locator('#pw-current').fill('third-pass-2025');
    await page.locator('#pw-new').fill('fourth-pass-2025');
    await page.locator('#pw-repeat').fill('fourth-pass-2025');
    await page.locator('#pw-repeat').press('Enter');
    await expect.poll(() => page.getByText('Пароль изменён.').count()).toBe(1);
    expect(pageErrors).toEqual([]);
  });
});
