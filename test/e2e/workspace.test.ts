/**
 * Browser: the workspace people expect. The executor lands on «Моя работа», filters the
 * report list (the filters go to the server and into the address), opens a report from a
 * row and submits it; the coordinator accepts the review queue in bulk — one report was
 * changed meanwhile and is reported, the other accepted; the executor's bell shows the
 * acceptance; the coordinator reminds an executor from the dashboard's overdue list, once;
 * the administrator merges a near-duplicate organisation; the help page opens from the
 * header; pages print without the application's chrome. Desktop and phone (390 px)
 * screenshots in test-output/. Real server, zero retries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, outputDir, type BrowserHarness } from '../helpers/browser';
import { USERS, logInAs, startHarness } from './e2e-support';

const EXECUTOR = { login: 'executor', password: 'demo-exec-2025' };
const PHONE = { width: 390, height: 844 };

describe.skipIf(!hasChromium)('web: the workspace', () => {
  let h: BrowserHarness;
  let exec: Page;
  let coord: Page;
  const errors: string[] = [];
  const submitted: number[] = [];

  beforeAll(async () => {
    h = await startHarness();
    exec = await h.newPage();
    coord = await h.newPage();
    for (const p of [exec, coord]) p.on('pageerror', (e) => errors.push(e.message));
    await logInAs(coord, h.baseUrl, USERS.coordinator);
  }, 180_000);
  afterAll(async () => {
    expect(errors).toEqual([]);
    await h?.close();
  });

  const noSidewaysScroll = async (page: Page) =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

  it('lands the executor on «Моя работа» with counts, what to submit and by when', async () => {
    await logInAs(exec, h.baseUrl, EXECUTOR);
    await exec.waitForURL(/\/home$/);
    await exec.getByTestId('home-tiles').waitFor();
    const overdue = Number(await exec.getByTestId('home-overdue').locator('.tile-n').textContent());
    expect(overdue).toBeGreaterThan(0); // the demo plan runs from 2025: some reports are late
    expect(await exec.getByTestId('home-to-submit').locator('li').count()).toBeGreaterThan(0);
    await h.screenshot(exec, 'workspace-home-executor');
    const phone = await h.newPage(PHONE);
    await logInAs(phone, h.baseUrl, EXECUTOR);
    await phone.waitForURL(/\/home$/);
    await phone.getByTestId('home-tiles').waitFor();
    await noSidewaysScroll(phone);
    await h.screenshot(phone, 'workspace-home-executor-phone');
    await phone.context().close();
  });

  it('filters the report list on the server, keeps the filters in the address, and a row opens the report', async () => {
    await exec.getByTestId('nav-reports').click();
    await exec.getByTestId('report-list').waitFor();
    const all = Number((await exec.getByTestId('reports-total').textContent())!.match(/\d+/)![0]);
    await exec.getByTestId('filter-plan').selectOption({
      label:
        'План мероприятий по поддержке социально ориентированных некоммерческих организаций в Северо-Озёрской области на 2025–2027 годы',
    });
    await exec.getByTestId('filter-state').selectOption('expected,draft,returned');
    await exec.waitForURL(
      /planId=\d+.*state=expected%2Cdraft%2Creturned|state=expected%2Cdraft%2Creturned.*planId=\d+/,
    );
    await expect
      .poll(async () => Number((await exec.getByTestId('reports-total').textContent())!.match(/\d+/)![0]))
      .toBeLessThan(all);
    const states = await exec
      .locator('[data-testid^="report-item-"][data-state]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-state')));
    expect(states.length).toBeGreaterThan(0);
    expect(states.every((s) => ['expected', 'draft', 'returned'].includes(s!))).toBe(true);
    await exec.getByTestId('filter-overdue').click();
    await exec.waitForURL(/overdue=1/);
    await exec.locator('.row-overdue').first().waitFor();
    await h.screenshot(exec, 'workspace-reports-filtered');

    // The filtered list survives a reload: it is in the address.
    await exec.reload();
    expect(await exec.getByTestId('filter-overdue').isChecked()).toBe(true);

    for (let i = 0; i < 2; i++) {
      // Lead reports go to the coordinator (a co-executor's part goes to the lead).
      await exec
        .locator('[data-testid^="report-item-"][data-state="expected"][data-role="lead"]')
        .first()
        .getByTestId('report-item-open')
        .click();
      await exec.waitForURL(/\/reports\/\d+$/);
      submitted.push(Number(new URL(exec.url()).pathname.split('/').pop()));
      const editor = exec.getByTestId('report-editor');
      await editor.getByTestId('report-text').fill(`Исполнено в срок, отчёт ${i + 1}.`);
      if (await editor.getByTestId('report-status').count())
        await editor.getByTestId('report-status').selectOption('done');
      await editor.getByTestId('report-submit').click();
      await editor.getByTestId('report-notice').waitFor();
      await exec.goBack();
      await exec.getByTestId('report-list').waitFor();
    }
  });

  it('shows a report on a phone on the first screen, and the list as cards without sideways scrolling', async () => {
    const phone = await h.newPage(PHONE);
    await logInAs(phone, h.baseUrl, EXECUTOR);
    await phone.goto(`${h.baseUrl}/reports/${submitted[0]}`);
    const editor = phone.getByTestId('report-editor');
    await editor.waitFor();
    expect((await editor.boundingBox())!.y).toBeLessThan(PHONE.height);
    await h.screenshot(phone, 'workspace-report-phone');
    await phone.goto(`${h.baseUrl}/reports?view=mine&state=submitted`);
    await phone.getByTestId('report-list').waitFor();
    await noSidewaysScroll(phone);
    await h.screenshot(phone, 'workspace-reports-phone');
    await phone.context().close();
  });

  it('accepts the review queue in bulk: a report changed meanwhile is named and left, the other accepted', async () => {
    await coord.goto(`${h.baseUrl}/reports?view=review`);
    await coord.getByTestId('bulk-bar').waitFor();
    for (const id of submitted) await coord.getByTestId(`report-item-${id}`).getByTestId('select-report').check();
    // Someone changes the first one after the coordinator loaded the list.
    await h.db.db.query(`UPDATE reports SET version = version + 1 WHERE id = $1`, [submitted[0]]);
    await h.screenshot(coord, 'workspace-review-queue');
    await coord.getByTestId('bulk-accept').click();
    const result = coord.getByTestId('bulk-result');
    await result.waitFor();
    expect(await result.textContent()).toMatch(/Принято: 1\. Не принято: 1\..*№ .*уже изменил другой пользователь/s);
    expect(await coord.getByTestId(`report-item-${submitted[1]}`).count()).toBe(0);
    expect(await coord.getByTestId(`report-item-${submitted[0]}`).count()).toBe(1);
    const states = await h.db.db.query<{ id: number; state: string }>(
      `SELECT id, state FROM reports WHERE id = ANY($1::int[]) ORDER BY id`,
      [submitted],
    );
    expect(Object.fromEntries(states.map((s) => [s.id, s.state]))).toEqual({
      [submitted[0]]: 'submitted',
      [submitted[1]]: 'accepted',
    });
    const phone = await h.newPage(PHONE);
    await logInAs(phone, h.baseUrl, USERS.coordinator);
    await phone.goto(`${h.baseUrl}/reports?view=review`);
    await phone.getByTestId('report-list').waitFor();
    await noSidewaysScroll(phone);
    await h.screenshot(phone, 'workspace-review-queue-phone');
    await phone.context().close();
  });

  it("rings the executor's bell for the acceptance; a notice opens the report and is read", async () => {
    await exec.goto(`${h.baseUrl}/home`);
    const count = exec.getByTestId('bell-count');
    await count.waitFor();
    const before = Number(await count.textContent());
    await exec.getByTestId('bell').click();
    const panel = exec.getByTestId('bell-panel');
    await panel.waitFor();
    await h.screenshot(exec, 'workspace-bell');
    const accepted = panel.getByTestId('bell-item').filter({ hasText: 'принят' }).first();
    await accepted.click();
    await exec.waitForURL(new RegExp(`/reports/${submitted[1]}$`));
    await expect.poll(async () => ((await count.count()) ? Number(await count.textContent()) : 0)).toBe(before - 1);
    await exec.goto(`${h.baseUrl}/notifications`);
    await exec.getByTestId('notification-list').waitFor();
    expect(
      await exec.locator('[data-testid="notification"][data-kind="report_accepted"]').getAttribute('data-read'),
    ).toBe('true');
    await h.screenshot(exec, 'workspace-notifications');
  });

  it("reminds an executor from the dashboard's overdue list, once a day", async () => {
    await coord.getByTestId('nav-dashboard').click();
    const first = coord.getByTestId('dash-overdue').locator('li').first();
    await first.getByTestId('remind').click();
    await expect
      .poll(() => first.getByTestId('remind-result').textContent())
      .toMatch(/^Напомнили: .+ — уведомление в системе \(\d+\), письмо не отправлено: Отправка почты не настроена\.$/);
    await h.screenshot(coord, 'workspace-dashboard-reminded');
    await coord.reload();
    await coord.getByTestId('dash-overdue').locator('li').first().getByTestId('remind').click();
    await expect
      .poll(() => coord.getByTestId('dash-overdue').locator('li').first().getByTestId('remind-error').textContent())
      .toContain('уже напоминали');
    const audit = await h.db.db.query(`SELECT 1 FROM audit_events WHERE action = 'measure.remind'`);
    expect(audit).toHaveLength(1);
  });

  it('merges a near-duplicate organisation from the directory', async () => {
    const admin = await h.newPage();
    admin.on('pageerror', (e) => errors.push(e.message));
    await logInAs(admin, h.baseUrl, USERS.admin);
    await admin.getByTestId('nav-organisations').click();
    await admin.getByTestId('create-organisation').click();
    await admin.getByTestId('org-field-fullName').fill('Министерство культуры (из импорта)');
    await admin.getByTestId('org-field-shortName').fill('Минкульт обл.');
    await admin.getByTestId('org-submit').click();
    await admin.getByTestId('org-dialog').waitFor({ state: 'detached' });
    const dup = (await h.db.db.one<{ id: number }>(`SELECT id FROM organisations WHERE short_name = 'Минкульт обл.'`))!
      .id;
    // The import gave the duplicate two measures: 2.2, which Минкультуры leads, and 3.3.
    await h.db.db.query(
      `INSERT INTO measure_executors (measure_id, organisation_id, role, position)
      SELECT id, $1, 'co', 9 FROM measures WHERE number IN ('2.2', '3.3') AND plan_id = (SELECT min(id) FROM plans)`,
      [dup],
    );
    await admin.getByTestId(`org-merge-${dup}`).click();
    const dialog = admin.getByTestId('merge-dialog');
    await dialog.getByTestId('merge-other').fill('Минкультуры');
    await dialog.getByRole('option').first().click();
    await dialog.getByTestId('merge-check').click();
    await dialog.getByTestId('merge-preview').waitFor();
    expect(await dialog.getByTestId('merge-preview').textContent()).toContain(
      'мероприятий — 2 (в 1 обе указаны исполнителями — останется одна запись)',
    );
    expect(await dialog.getByTestId('merge-preview').textContent()).toContain('«Министерство культуры (из импорта)»');
    await h.screenshot(admin, 'workspace-org-merge');
    await dialog.getByTestId('merge-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    await admin.getByText('объединена с «Минкультуры»').first().waitFor();
    expect(await admin.getByTestId(`org-${dup}`).count()).toBe(0);
    const survivor = await h.db.db.one<{ aliases: string[] }>(
      `SELECT aliases FROM organisations WHERE short_name = 'Минкультуры'`,
    );
    expect(survivor!.aliases).toEqual(expect.arrayContaining(['Министерство культуры (из импорта)', 'Минкульт обл.']));
    const executors = await h.db.db.query<{ number: string; short_name: string }>(
      `SELECT m.number, o.short_name FROM measure_executors me JOIN measures m ON m.id = me.measure_id JOIN organisations o ON o.id = me.organisation_id
       WHERE m.number IN ('2.2', '3.3') AND m.plan_id = (SELECT min(id) FROM plans) AND o.short_name LIKE 'Минкульт%' ORDER BY m.number`,
    );
    expect(executors).toEqual([
      { number: '2.2', short_name: 'Минкультуры' },
      { number: '3.3', short_name: 'Минкультуры' },
    ]);
    const phone = await h.newPage(PHONE);
    await logInAs(phone, h.baseUrl, USERS.admin);
    await phone.goto(`${h.baseUrl}/organisations`);
    await phone.getByTestId('org-tree').waitFor();
    await noSidewaysScroll(phone);
    await h.screenshot(phone, 'workspace-organisations-phone');
    await phone.context().close();
    await admin.context().close();
  });

  it("opens the help for the reader's role from the header, and prints pages without the application's chrome", async () => {
    await exec.getByTestId('help-link').click();
    await exec.waitForURL(/\/help#executor$/);
    const sections = await exec
      .locator('section[data-testid^="help-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(sections[0]).toBe('help-executor');
    await exec.goto(`${h.baseUrl}/reports?view=mine`);
    await exec.getByTestId('report-list').waitFor();
    await exec.emulateMedia({ media: 'print' });
    const hidden = await exec.evaluate(() =>
      ['.topbar', '.filters', '.tabs'].map((s) => {
        const el = document.querySelector(s);
        return el ? getComputedStyle(el).display : 'none';
      }),
    );
    expect(hidden).toEqual(['none', 'none', 'none']);
    await exec.pdf({ path: `${outputDir}/workspace-reports-print.pdf`, format: 'A4' });
    await exec.emulateMedia({ media: 'screen' });
  });
});
