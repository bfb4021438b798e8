/**
 * Screenshots of every screen of the web app at 1280×800 and 390×844, against a
 * running server (real API, no mocks). Run: `BASE_URL=http://localhost:3000 npx tsx test/e2e/web-screens.ts`.
 * Writes PNGs to test-output/screens/. Uses the system Chromium; never downloads one.
 */
import { mkdirSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';

const BASE = process.env.BASE_URL ?? 'http://localhost:3000';
const OUT = process.env.OUT_DIR ?? 'test-output/screens';
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ADMIN = { login: process.env.ADMIN_LOGIN ?? 'admin', password: process.env.ADMIN_PASSWORD ?? 'demo-admin-2025' };
const EXECUTOR = {
  login: process.env.EXEC_LOGIN ?? 'executor',
  password: process.env.EXEC_PASSWORD ?? 'demo-exec-2025',
};

const viewports = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
];

async function login(page: Page, who: { login: string; password: string }) {
  await page.goto(`${BASE}/login`);
  await page.getByTestId('login-input').fill(who.login);
  await page.getByTestId('password-input').fill(who.password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const only = process.env.ONLY?.split(',');
  const shot = async (page: Page, vp: string, name: string, fullPage = false) => {
    if (only && !only.includes(name)) return;
    await page.waitForTimeout(150);
    await page.screenshot({ path: `${OUT}/${vp}-${name}.png`, fullPage });
    console.log(`${vp}-${name}.png`);
  };
  const errors: string[] = [];
  try {
    for (const vp of viewports) {
      const ctx = await browser.newContext({
        viewport: { width: vp.width, height: vp.height },
        locale: 'ru-RU',
        timezoneId: 'Europe/Moscow',
      });
      const page = await ctx.newPage();
      page.on('pageerror', (e) => errors.push(`${vp.name}: ${e.message}`));
      // 401 from GET /api/auth/me before login and 401/403 shown on purpose are not app errors.
      page.on(
        'console',
        (m) =>
          m.type() === 'error' && !/status of 40[13]/.test(m.text()) && errors.push(`${vp.name} console: ${m.text()}`),
      );

      await page.goto(`${BASE}/login`);
      await shot(page, vp.name, 'login');
      await page.getByTestId('login-input').fill(ADMIN.login);
      await page.getByTestId('password-input').fill('wrong-password');
      await page.getByTestId('login-submit').click();
      await page.getByTestId('login-error').waitFor();
      await shot(page, vp.name, 'login-error');

      await login(page, ADMIN);
      await page.getByTestId('plans-table').waitFor();
      await shot(page, vp.name, 'plans');

      await page.getByTestId('create-plan').click();
      await page.getByTestId('plan-form').waitFor();
      await shot(page, vp.name, 'plan-create');
      await page.keyboard.press('Escape');

      const firstPlan = page.locator('[data-testid^="plan-row-"] a').first();
      await firstPlan.click();
      await page.getByTestId('plan-table').waitFor();
      await shot(page, vp.name, 'plan');
      await shot(page, vp.name, 'plan-full', true);
      await page.locator('[data-testid^="measure-row-"]').nth(1).scrollIntoViewIfNeeded();
      await shot(page, vp.name, 'plan-rows');
      await page.evaluate(() => window.scrollTo(0, 0));
      const planUrl = page.url();

      await page.getByTestId('add-measure').click();
      await page.getByTestId('measure-form').waitFor();
      await page.getByTestId('measure-field-leadExecutor').fill('минсоц');
      await shot(page, vp.name, 'measure-form-typeahead');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');

      const row = page.locator('[data-testid^="measure-row-"]').first();
      await row.getByTestId('measure-edit').click();
      await page.getByTestId('measure-form').waitFor();
      await shot(page, vp.name, 'measure-form-edit');
      await page.keyboard.press('Escape');

      await row.locator('a.title-link').click();
      await page.getByTestId('measure-props').waitFor();
      await page.getByTestId('measure-history').or(page.getByText('Изменений пока не было.')).first().waitFor();
      await shot(page, vp.name, 'measure');
      await shot(page, vp.name, 'measure-full', true);

      await page.goto(`${planUrl}/calendar`);
      await page.getByTestId('plan-calendar').waitFor();
      await shot(page, vp.name, 'plan-calendar');
      await page.goto(`${planUrl}/unclear`);
      await page.getByTestId('unclear-table').or(page.getByTestId('unclear-empty')).first().waitFor();
      await shot(page, vp.name, 'plan-unclear');

      await page.getByTestId('nav-import').click();
      await page.getByTestId('import-file').waitFor({ state: 'attached' });
      await shot(page, vp.name, 'import');

      await page.goto(planUrl.replace(/\/plans\/\d+$/, '/plans'));
      await page.getByTestId('plans-table').waitFor();
      const council = page.locator('[data-testid^="plan-row-"]', { hasText: 'Поручения совета' }).first();
      if (await council.count()) {
        await council.locator('a').first().click();
        await page.getByTestId('plan-table').waitFor();
        await shot(page, vp.name, 'plan-council');
      }

      await page.getByTestId('nav-organisations').click();
      await page.getByTestId('org-tree').waitFor();
      await shot(page, vp.name, 'organisations');
      await page.getByTestId('org-search').fill('Минкульт');
      await shot(page, vp.name, 'organisations-search');

      await page.getByTestId('nav-users').click();
      await page.getByTestId('users-table').waitFor();
      await shot(page, vp.name, 'users');

      await page.getByTestId('nav-audit').click();
      await page.getByTestId('audit-table').waitFor();
      await shot(page, vp.name, 'audit');

      await page.getByTestId('change-password').click();
      await page.getByTestId('password-dialog').waitFor();
      await shot(page, vp.name, 'password');
      await page.keyboard.press('Escape');

      await page.getByTestId('logout').click();
      await page.getByTestId('login-form').waitFor();
      await login(page, EXECUTOR);
      await page.getByTestId('nav-my').click();
      await page.waitForSelector('[data-testid^="my-plan-"], .empty');
      await shot(page, vp.name, 'my');
      await page.getByTestId('nav-plans').click();
      await page.getByTestId('plans-table').waitFor();
      await page.locator('[data-testid^="plan-row-"] a').first().click();
      await page.getByTestId('plan-table').waitFor();
      await shot(page, vp.name, 'plan-executor');
      await ctx.close();
    }
  } finally {
    await browser.close();
  }
  if (errors.length) {
    console.error('Browser errors:\n' + errors.join('\n'));
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
