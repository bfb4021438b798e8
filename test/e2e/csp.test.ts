/**
 * Issue 10 §5: the web app runs under the server's Content-Security-Policy — every screen
 * a coordinator opens loads with no CSP violation and no console error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, type BrowserHarness } from '../helpers/browser';
import { logInAs, startHarness, USERS } from './e2e-support';

describe.skipIf(!hasChromium)('web: pages under the Content-Security-Policy', () => {
  let h: BrowserHarness;
  let page: Page;
  const problems: string[] = [];
  let signedIn = false;

  beforeAll(async () => {
    h = await startHarness();
    page = await h.newPage();
    // Violations are reported as DOM events (and console errors); collect both.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { __csp: string[] }).__csp ??= [];
        (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    // Before signing in the app asks /api/auth/me and gets the 401 it expects: counted from then on.
    page.on('console', (m) => {
      if (m.type() === 'error' && signedIn) problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  }, 180_000);

  afterAll(async () => {
    await h?.close();
  });

  it('loads the login page and the main screens with no CSP violation or console error', async () => {
    const res = await page.goto(h.baseUrl + '/');
    expect(res?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await logInAs(page, h.baseUrl, USERS.coordinator);
    signedIn = true;
    problems.push(
      ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])).map(
        (v) => `login: CSP ${v}`,
      ),
    );
    for (const path of [
      '/plans',
      '/home',
      '/dashboard',
      '/reports',
      '/import',
      '/settings',
      '/organisations',
      '/search?q=план',
    ]) {
      await page.goto(h.baseUrl + path);
      await page.waitForLoadState('networkidle');
      const csp = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
      problems.push(...csp.map((v) => `${path}: CSP ${v}`));
    }
    await page.goto(h.baseUrl + '/plans');
    await page.getByTestId('plans-table').waitFor();
    await page.getByTestId('plans-table').locator('a').first().click();
    await page.getByTestId('plan-table').waitFor();
    problems.push(
      ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])).map(
        (v) => `plan: CSP ${v}`,
      ),
    );
    expect(problems).toEqual([]);
  });

  it('makes a user with a one-time password change it first, then opens the app', async () => {
    const admin = await h.newPage();
    await logInAs(admin, h.baseUrl, USERS.admin);
    const orgs = await admin.evaluate(() => fetch('/api/organisations').then((r) => r.json()));
    const me = await admin.evaluate(() => fetch('/api/auth/me').then((r) => r.json()));
    const created = await admin.evaluate(
      async ({ csrf, org }) =>
        (
          await fetch('/api/users', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
            body: JSON.stringify({
              login: 'pervy',
              fullName: 'Первова Анна Олеговна',
              role: 'observer',
              organisationId: org,
            }),
          })
        ).json(),
      { csrf: me.csrfToken as string, org: orgs.items[0].id as number },
    );
    expect(created.oneTimePassword).toBeTruthy();

    const user = await h.newPage();
    await user.goto(`${h.baseUrl}/login`);
    await user.getByTestId('login-input').fill('pervy');
    await user.getByTestId('password-input').fill(created.oneTimePassword);
    await user.getByTestId('login-submit').click();
    await user.getByTestId('first-password-form').waitFor();
    await user.getByTestId('first-password-current').fill(created.oneTimePassword);
    await user.getByTestId('first-password-new').fill('password1234');
    await user.getByTestId('first-password-repeat').fill('password1234');
    await user.getByTestId('first-password-submit').click();
    await expect.poll(() => user.getByTestId('first-password-error').textContent()).toMatch(/слишком простой/);
    await user.getByTestId('first-password-new').fill('клён-у-моста-Рассвет-42');
    await user.getByTestId('first-password-repeat').fill('клён-у-моста-Рассвет-42');
    await user.getByTestId('first-password-submit').click();
    await user.getByTestId('userbox').waitFor();
    expect(await user.getByTestId('first-password-form').count()).toBe(0);
  });
});
