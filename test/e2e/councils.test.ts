/**
 * Browser: a council's life (issue 12). The secretary (coordinator of Минсоцзащиты) creates a
 * council and its composition, schedules a meeting, marks attendance (quorum), imports the
 * protocol, fixes one decision and saves the instructions; the executor (Минкультуры) reports
 * on its instruction and the secretary accepts; the secretary prepares the next meeting, takes
 * one instruction off control and extends another, and downloads the execution information.
 * Real server, zero retries; screenshots at desktop and phone width.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, type BrowserHarness } from '../helpers/browser';
import { USERS, logInAs, startHarness } from './e2e-support';

const PROTOCOL = fileURLToPath(
  new URL('../fixtures/protocol/older-generation-council.ozersk.plain.txt', import.meta.url),
);
const COUNCIL = 'Совет по делам старшего поколения при Правительстве Северо-Озёрской области';
const EXECUTOR = { login: 'executor', password: 'demo-exec-2025' };
/** The directory entry each executor of the fixture means. */
const MAPPING: [RegExp, string][] = [
  [/культуры/, 'Минкультуры'],
  [/Город Озёрск/, 'Администрация г. Озёрска'],
  [/^Минздрав$/, 'Минздрав'],
  [/Берег/, 'ГБУ «КЦСОН «Берег»»'],
  [/социальной защиты/, 'Минсоцзащиты'],
];

describe.skipIf(!hasChromium)('web: a council, its protocol and the control of its instructions', () => {
  let h: BrowserHarness;
  let coord: Page;
  let exec: Page;
  const errors: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'isp-council-'));

  beforeAll(async () => {
    h = await startHarness();
    coord = await h.newPage();
    exec = await h.newPage();
    for (const p of [coord, exec]) p.on('pageerror', (e) => errors.push(e.message));
    await logInAs(coord, h.baseUrl, USERS.coordinator);
    await logInAs(exec, h.baseUrl, EXECUTOR);
  }, 180_000);
  afterAll(async () => {
    await h?.close();
  });

  const addMember = async (name: string, role: string, org: string | null) => {
    await coord.getByTestId('add-member').click();
    const d = coord.getByTestId('member-dialog');
    await d.getByTestId('member-field-name').fill(name);
    await d.getByTestId('member-field-role').selectOption(role);
    await d.getByTestId('member-field-from').fill('2025-01-01');
    if (org) await d.getByTestId('member-field-org').selectOption({ label: org });
    await d.getByTestId('member-submit').click();
    await d.waitFor({ state: 'detached' });
  };

  const addMeeting = async (number: string, date: string) => {
    await coord.getByTestId('add-meeting').click();
    const d = coord.getByTestId('meeting-dialog');
    await d.getByTestId('meeting-field-number').fill(number);
    await d.getByTestId('meeting-field-date').fill(date);
    await d.getByTestId('meeting-submit').click();
    await coord.getByTestId('meeting-page').waitFor();
  };

  it('the secretary creates a council, holds a meeting with a quorum and imports its protocol', async () => {
    await coord.getByTestId('nav-councils').click();
    await coord.getByTestId('councils-table').waitFor();
    await coord.getByTestId('create-council').click();
    const d = coord.getByTestId('council-dialog');
    await d.getByTestId('council-field-name').fill(COUNCIL);
    await d.getByTestId('council-field-kind').selectOption('interdepartmental');
    await d.getByTestId('council-field-owner').selectOption({ label: 'Минсоцзащиты' });
    await d.getByTestId('council-submit').click();
    await coord.getByTestId('council-page').waitFor();

    await addMember('Морозова Н.В.', 'chair', null);
    await addMember('Лебедева О.А.', 'secretary', 'Минсоцзащиты');
    await addMember('Гришин П.С.', 'member', 'Минкультуры');
    await expect.poll(() => coord.getByTestId('member-row').count()).toBe(3);

    await addMeeting('4', '2025-03-14');
    for (const box of await coord.getByTestId('attendance').getByRole('checkbox').all()) await box.check();
    await coord.getByTestId('attendance-save').click();
    await expect.poll(() => coord.getByTestId('quorum').textContent()).toContain('Присутствуют 3 из 3');
    expect(await coord.getByTestId('quorum').textContent()).toContain('Кворум есть');

    await coord.getByTestId('protocol-file').setInputFiles(PROTOCOL);
    await coord.getByTestId('protocol-preview').waitFor();
    expect(await coord.getByTestId('decision-row').count()).toBe(5);
    // The secretary fixes a decision before saving.
    const title = coord.getByTestId('decision-title').nth(1);
    await title.fill((await title.inputValue()).replace('на 2025 год', 'на 2025–2026 годы'));
    for (const row of await coord.getByTestId('executor-mapping').locator('tr').all()) {
      const name = (await row.locator('td').first().textContent()) ?? '';
      const hit = MAPPING.find(([re]) => re.test(name));
      if (hit) await row.getByTestId('executor-choice').selectOption({ label: hit[1] });
    }
    await h.screenshot(coord, 'council-protocol-preview');
    await coord.getByTestId('protocol-save').click();
    await coord.getByTestId('instructions-table').waitFor();
    expect(await coord.getByTestId('instruction-row').count()).toBe(5);
    expect(await coord.locator('[data-testid="instruction-row"][data-number="1.2"]').textContent()).toContain(
      'на 2025–2026 годы',
    );
    expect(await coord.getByTestId('meeting-status').textContent()).toContain('Состоялось');
  }, 180_000);

  it('the executor reports on its instruction and the secretary accepts', async () => {
    await exec.getByTestId('nav-councils').click();
    await exec.getByRole('link', { name: COUNCIL }).click();
    await exec.getByTestId('instructions-table').waitFor();
    // Минкультуры sees its own instruction only.
    expect(await exec.getByTestId('instruction-row').count()).toBe(1);
    await exec.getByTestId('instruction-row').getByRole('link').click();
    await exec.getByTestId('execution').waitFor();
    const row = exec.locator('[data-testid^="report-row-"][data-role="lead"]').first();
    const period = await row.getAttribute('data-period');
    await row.getByRole('button').click();
    const editor = exec.getByTestId('report-editor');
    await editor
      .getByTestId('report-text')
      .fill('План клубных мероприятий разработан и утверждён приказом от 25.04.2025 № 112.');
    await editor.getByTestId('report-status').selectOption('done');
    await editor.getByTestId('report-submit').click();
    await editor.getByTestId('report-notice').waitFor();

    await coord.goto(exec.url());
    await coord.getByTestId('execution').waitFor();
    await coord
      .locator(`[data-testid^="report-row-"][data-role="lead"][data-period="${period}"]`)
      .getByRole('button')
      .click();
    await coord.getByTestId('report-editor').getByTestId('report-accept').click();
    await coord.getByTestId('report-editor').getByTestId('report-notice').waitFor();
    expect(errors).toEqual([]);
  }, 120_000);

  it('prepares the next meeting: one instruction off control, another extended; exports the information', async () => {
    await coord.getByTestId('nav-councils').click();
    await coord.getByRole('link', { name: COUNCIL }).click();
    await coord.getByTestId('council-page').waitFor();
    await addMeeting('5', '2025-06-20');
    await coord.getByTestId('preparation').waitFor();
    const due = (n: string) => coord.locator(`[data-testid="due-row"][data-number="${n}"]`);
    await due('1.2').waitFor();
    // The accepted report proposes «снять как исполненное»; the secretary takes it off control.
    expect(await due('1.2').getByTestId('due-decision').inputValue()).toBe('done');
    await due('1.2').getByTestId('due-decision').selectOption('off_control');
    expect(await due('1.3').getByTestId('due-decision').inputValue()).toBe('extend');
    await due('1.3').getByTestId('due-new-deadline').fill('2025-09-01');
    // The rest stay on control («оставить»).
    for (const row of await coord.getByTestId('due-row').all()) {
      const n = await row.getAttribute('data-number');
      if (n !== '1.2' && n !== '1.3') await row.getByTestId('due-decision').selectOption('keep');
    }
    await h.screenshot(coord, 'council-meeting-preparation');
    await coord.getByTestId('decisions-save').click();
    await expect.poll(() => coord.getByTestId('preparation').textContent()).toContain('Решения записаны: 2');

    await coord.getByRole('link', { name: 'Совет по делам старшего поколения' }).first().click();
    await coord.getByTestId('instructions-table').waitFor();
    const state = (n: string) =>
      coord
        .locator(`[data-testid="instruction-row"][data-number="${n}"]`)
        .getByTestId('instruction-state')
        .textContent();
    await expect.poll(() => state('1.2')).toContain('Снято с контроля');
    expect(await state('1.3')).toContain('Продлено до 1 сентября 2025');
    await h.screenshot(coord, 'council-desktop');

    const [download] = await Promise.all([
      coord.waitForEvent('download'),
      coord.getByTestId('council-export-docx').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^Информация об исполнении решений/);
    const file = join(dir, 'council.docx');
    await download.saveAs(file);
    const xml = await (await JSZip.loadAsync(readFileSync(file))).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('Информация об исполнении решений Совета по делам старшего поколения');
    expect(text).toContain('План клубных мероприятий разработан');

    const phone = await h.newPage({ width: 390, height: 844 });
    phone.on('pageerror', (e) => errors.push(e.message));
    await logInAs(phone, h.baseUrl, USERS.coordinator);
    await phone.goto(coord.url());
    await phone.getByTestId('instructions-table').waitFor();
    await h.screenshot(phone, 'council-phone');
    expect(errors).toEqual([]);
  }, 180_000);
});
