/**
 * Browser: the defects of issue 9 as each role met them, at desktop and phone width.
 *  - the coordinator approves a running 2025–2027 plan with «контроль с даты» and nothing
 *    turns red; the plan's monitoring answers a chosen reporting period (no 500, no stale
 *    figures); a new measure's number follows the chosen section; one status wording;
 *  - the executor asks to move a chosen control date and sees old → new; the coordinator
 *    must give a reason to reject, approves, and exactly that date moves; the executor
 *    removes a file from its draft report;
 *  - the measure history and the audit log read in Russian, naming things, not ids;
 *  - every page as every role: each visible action is one the server allows (abilities
 *    fetched from the API with the same session); labels readable (axe colour contrast),
 *    and buttons named by their visible words.
 * Real server and Chromium, zero retries; screenshots in test-output/.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../src/demo/demo-seed';
import { hasChromium, type BrowserHarness } from '../helpers/browser';
import { Client, orgIdsByShortName } from '../helpers/test-app';
import { logInAs, restick, startHarness, unstick } from './e2e-support';

const PHONE = { width: 390, height: 844 };
const APPROVED = '2026-12-03';
const who = (login: string) => ({ login, password: DEMO_USERS.find((u) => u.login === login)!.password });

describe.skipIf(!hasChromium)('web: daily use by every role (issue 9)', () => {
  let h: BrowserHarness;
  let api: Client;
  let orgs: Record<string, number>;
  let demoPlan: number;
  let running: number; // the 2025–2027 plan approved in the browser
  let runningPhone: number; // the same, approved at phone width
  let annual: number; // its measure «ежегодно до 1 октября», led by Минкультуры
  const errors: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'isp-daily-'));

  /** A full-page screenshot with sticky table heads at their natural place. */
  const shot = async (page: Page, name: string) => {
    await unstick(page, '.grid thead th, .savebar');
    await h.screenshot(page, name);
    await restick(page, '.grid thead th, .savebar');
  };
  const pageAs = async (login: string, viewport?: { width: number; height: number }) => {
    const page = await h.newPage(viewport);
    page.on('pageerror', (e) => errors.push(`${login}: ${e.message}`));
    await logInAs(page, h.baseUrl, who(login));
    return page;
  };
  /** A draft 2025–2027 plan as an import leaves it, with measures led by Минкультуры. */
  const runningDraft = async (title: string) => {
    const id = (
      await api.post('/api/plans', {
        kind: 'plan',
        title,
        ownerOrganisationId: orgs['Минсоцзащиты'],
        periodFrom: '2025-01-01',
        periodTo: '2027-12-31',
        controlFrom: '2025-01-01',
      })
    ).body.id as number;
    await api.edit(`/api/plans/${id}`, { status: 'draft' });
    const ids: number[] = [];
    for (const [n, deadlineText] of [
      ['1', 'ежегодно до 1 октября'],
      ['2', 'ежеквартально'],
      ['3', 'до 20 ноября 2025 г.'],
      ['4', 'постоянно'],
    ]) {
      ids.push(
        (
          await api.post(`/api/plans/${id}/measures`, {
            sectionId: null,
            number: n,
            title: `Мероприятие по поддержке добровольчества № ${n}`,
            deadlineText,
            leadExecutorId: orgs['Минкультуры'],
            coExecutorIds: [orgs['Минздрав']],
          })
        ).body.id,
      );
    }
    return { id, measures: ids };
  };

  beforeAll(async () => {
    h = await startHarness();
    api = new Client(h.app);
    api.csrf = (await api.post('/api/auth/login', who('coordinator'))).body.csrfToken;
    orgs = await orgIdsByShortName(api);
    demoPlan = (await api.get('/api/plans')).body.items.find((p: { kind: string }) => p.kind === 'plan').id;
    const a = await runningDraft(
      'План мероприятий по поддержке добровольчества в Северо-Озёрской области на 2025–2027 годы',
    );
    running = a.id;
    annual = a.measures[0];
    runningPhone = (await runningDraft('План мероприятий по развитию волонтёрства на 2025–2027 годы')).id;
  }, 180_000);
  afterAll(async () => {
    await h?.close();
  });

  it('approves a running plan with «контроль с даты»: nothing turns red, no reports owed back to 2025', async () => {
    const coord = await pageAs('coordinator');
    await coord.goto(`${h.baseUrl}/plans/${running}`);
    await coord.getByTestId('activate-plan').click();
    const dialog = coord.getByTestId('approve-dialog');
    await dialog.waitFor();
    // Offered near today, never a date in 2025.
    expect((await coord.getByTestId('approve-control-from').inputValue()) >= '2026-01-01').toBe(true);
    await coord.getByTestId('approve-control-from').fill(APPROVED);
    await coord.getByTestId('approve-running-note').waitFor();
    await shot(coord, 'approve-running-plan-dialog-desktop');
    await coord.getByTestId('approve-submit').click();
    await expect.poll(() => coord.getByTestId('plan-status').textContent()).toBe('Действует');
    expect(await coord.getByTestId('plan-control-from').textContent()).toContain('3 декабря 2026 г.');
    expect(await coord.getByTestId('plan-notice').textContent()).toContain('контроль с 3 декабря 2026 г.');
    await shot(coord, 'approved-running-plan-desktop');

    await coord.getByTestId('plan-tab-monitoring').click();
    await coord.getByTestId('dash-asof').fill(APPROVED);
    await expect.poll(() => coord.getByTestId('dash-light-red').locator('.tile-n').textContent()).toBe('0');
    await shot(coord, 'approved-running-plan-monitoring-desktop');
    const owed = (await api.get(`/api/measures/${annual}/reports`)).body.items;
    expect(owed.filter((r: { dueOn: string }) => r.dueOn < APPROVED)).toEqual([]);

    const phone = await pageAs('coordinator', PHONE);
    await phone.goto(`${h.baseUrl}/plans/${runningPhone}`);
    await phone.getByTestId('activate-plan').click();
    await phone.getByTestId('approve-control-from').fill(APPROVED);
    await shot(phone, 'approve-running-plan-dialog-phone');
    await phone.getByTestId('approve-submit').click();
    await expect.poll(() => phone.getByTestId('plan-status').textContent()).toBe('Действует');
    await shot(phone, 'approved-running-plan-phone');
    await coord.context().close();
    await phone.context().close();
  }, 240_000);

  it("answers a chosen reporting period on the plan's monitoring, with no figures left under an error", async () => {
    for (const [vp, viewport] of [
      ['desktop', undefined],
      ['phone', PHONE],
    ] as const) {
      const coord = await pageAs('coordinator', viewport);
      await coord.goto(`${h.baseUrl}/plans/${demoPlan}/monitoring`);
      await coord.getByTestId('dash-tiles').waitFor();
      await coord.getByTestId('dash-period').selectOption({ label: 'I квартал 2025 г.' });
      await expect.poll(() => coord.locator('.page-dashboard').textContent()).toContain('период: I квартал 2025 г.');
      expect(await coord.getByTestId('dash-error').count()).toBe(0);
      await shot(coord, `monitoring-period-${vp}`);
      await coord.context().close();
    }
  }, 240_000);

  it("suggests a new measure's number in the chosen section, and words «срок не наступил» one way", async () => {
    const coord = await pageAs('coordinator');
    await coord.goto(`${h.baseUrl}/plans/${demoPlan}`);
    await coord.getByTestId('add-measure').click();
    const number = coord.getByTestId('measure-field-number');
    expect(await number.inputValue()).toBe('1.4');
    await coord
      .getByTestId('measure-field-sectionId')
      .selectOption({ label: '3. Информационная и консультационная поддержка' });
    expect(await number.inputValue()).toBe('3.4');
    await number.fill('3.10');
    await coord
      .getByTestId('measure-field-sectionId')
      .selectOption({ label: '2. Доступ СО НКО к предоставлению услуг в социальной сфере' });
    expect(await number.inputValue()).toBe('3.10'); // typed by the user: kept
    const statuses = await coord.getByTestId('measure-field-status').locator('option').allTextContents();
    expect(statuses).toContain('Срок не наступил');
    expect(statuses.join('|')).not.toMatch(/Х \(/);
    await shot(coord, 'measure-form-section-number-desktop');
    await coord.context().close();
  }, 240_000);

  it("moves the chosen control date on the executor's request; a rejection needs a reason; a draft report's file can be removed", async () => {
    const exec = await pageAs('executor');
    await exec.goto(`${h.baseUrl}/measures/${annual}`);
    await exec.getByTestId('extension-open').click();
    const form = exec.getByTestId('extension-form');
    const options = await form.getByTestId('extension-target').locator('option').allTextContents();
    // Controlled from 03.12.2026: the 2025 and 2026 dates are history, not offered.
    expect(options.filter((o) => o.startsWith('Срок исполнения'))).toEqual(['Срок исполнения 01.10.2027']);
    await form.getByTestId('extension-target').selectOption({ label: 'Срок исполнения 01.10.2027' });
    await form.getByTestId('extension-date').fill('2027-12-01');
    expect(await form.getByTestId('extension-preview').textContent()).toBe('Срок 01.10.2027 → 01.12.2027');
    await form.getByTestId('extension-reason').fill('Статистика за год публикуется в ноябре');
    await shot(exec, 'extension-request-desktop');
    await form.getByTestId('extension-send').click();
    await exec.getByTestId('extension-notice').waitFor();
    const item = exec.locator('[data-testid^="extension-"][data-state="pending"]');
    expect(await item.textContent()).toContain('01.10.2027 → 01.12.2027');

    const execPhone = await pageAs('executor', PHONE);
    await execPhone.goto(`${h.baseUrl}/measures/${annual}`);
    await execPhone.locator('[data-state="pending"]').waitFor();
    await shot(execPhone, 'extension-request-phone');

    const coord = await pageAs('coordinator');
    await coord.goto(`${h.baseUrl}/measures/${annual}`);
    const decision = coord.getByTestId('extension-decision');
    await decision.getByTestId('extension-reject').click();
    expect(await decision.textContent()).toContain('Укажите причину отказа.');
    await decision.getByTestId('extension-comment').fill('Согласовано: статистика выходит в ноябре');
    await shot(coord, 'extension-decision-desktop');
    await decision.getByTestId('extension-approve').click();
    await coord.locator('[data-state="approved"]').waitFor();
    // The control dates are a query of their own, refetched after the decision: wait for the moved date.
    const executionRows = async () =>
      (
        await coord
          .locator('[data-testid="control-point"]')
          .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).innerText.replace(/\s+/g, ' ').trim()))
      ).filter((r) => r.startsWith('Исполнение'));
    await expect
      .poll(async () => (await executionRows()).map((r) => r.match(/\d{2}\.\d{2}\.\d{4}/)![0]), { timeout: 15_000 })
      .toEqual(['01.10.2025', '01.10.2026', '01.12.2027']);
    const executionDates = await executionRows();
    expect(executionDates[2]).toContain('перенесено по запросу');
    expect(executionDates[0]).toContain('до начала контроля');
    await shot(coord, 'extension-approved-desktop');
    const coordPhone = await pageAs('coordinator', PHONE);
    await coordPhone.goto(`${h.baseUrl}/measures/${annual}`);
    await coordPhone.locator('[data-state="approved"]').waitFor();
    await shot(coordPhone, 'extension-approved-phone');

    // The executor's draft report: a wrong file goes back off it.
    await exec.reload();
    await exec.locator('[data-testid^="report-row-"][data-role="lead"]').first().getByRole('button').click();
    const editor = exec.getByTestId('report-editor');
    await editor.getByTestId('report-text').fill('Готовим доклад.');
    await editor.getByTestId('report-save').click();
    await editor.getByTestId('report-notice').waitFor();
    const pdf = join(dir, 'не тот файл.pdf');
    writeFileSync(pdf, '%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
    await editor.getByTestId('report-attach').setInputFiles(pdf);
    await expect.poll(() => editor.getByTestId('report-attachments').count()).toBe(1);
    await shot(exec, 'report-attachment-desktop');
    await editor.getByTestId('report-detach').click();
    await expect.poll(() => editor.getByTestId('report-notice').textContent()).toContain('убран');
    expect(await editor.getByTestId('report-attachments').count()).toBe(0);
    for (const p of [exec, execPhone, coord, coordPhone]) await p.context().close();
  }, 240_000);

  it('shows the history and the audit log in Russian, naming plans, measures and executors, never ids', async () => {
    const coord = await pageAs('coordinator');
    await coord.goto(`${h.baseUrl}/measures/${annual}`);
    const history = coord.getByTestId('measure-history');
    await history.waitFor();
    const text = await history.innerText();
    expect(text).toContain('Перенос срока одобрен');
    expect(text).toContain('Убран файл');
    expect(text).not.toMatch(
      /openDue|deadlineKind|deadlineUnderstood|\bclosed\b|controlFrom|fileId|\{"|\[\{|\d{4}-\d{2}-\d{2}|#\d/,
    );
    await shot(coord, 'measure-history-desktop');
    await coord.context().close();

    for (const [vp, viewport] of [
      ['desktop', undefined],
      ['phone', PHONE],
    ] as const) {
      const admin = await pageAs('admin', viewport);
      await admin.goto(`${h.baseUrl}/audit`);
      await admin.getByTestId('audit-table').waitFor();
      const subjects = await admin.getByTestId('audit-subject').allInnerTexts();
      expect(subjects.length).toBeGreaterThan(10);
      expect(subjects.filter((s) => /№\s*\d+$|^(?:Мероприятие|Файл|Раздел|План) \d+$/.test(s))).toEqual([]);
      expect(subjects).toContain('Мероприятие 1 «Мероприятие по поддержке добровольчества № 1»: перенос срока');
      expect(subjects.some((s) => /^Отчёт Минкультуры за .+: файл «не тот файл\.pdf»$/.test(s))).toBe(true);
      await shot(admin, `audit-log-${vp}`);
      await admin.context().close();
    }
  }, 240_000);

  it('walks every page as every role: each visible action is one the server allows', async () => {
    const measures = (await api.get(`/api/plans/${demoPlan}?include=measures`)).body.measures as {
      id: number;
      number: string;
    }[];
    const council = (await api.get('/api/plans')).body.items.find(
      (p: { kind: string }) => p.kind === 'council_decisions',
    ).id;
    const measurePages = ['1.1', '2.2', '2.3', '3.1']
      .map((n) => `/measures/${measures.find((m) => m.number === n)!.id}`)
      .concat(`/measures/${annual}`);
    const pages = [
      '/plans',
      `/plans/${demoPlan}`,
      `/plans/${demoPlan}/calendar`,
      `/plans/${demoPlan}/unclear`,
      `/plans/${demoPlan}/reporting`,
      `/plans/${demoPlan}/monitoring`,
      `/plans/${council}`,
      `/plans/${running}`,
      '/dashboard',
      '/my',
      '/reports',
      '/search?q=реестр',
      '/organisations',
      '/users',
      '/audit',
      '/settings',
      '/import',
      ...measurePages,
    ];
    const violations: string[] = [];
    let checked = 0;
    for (const login of ['admin', 'coordinator', 'executor', 'executor2', 'observer']) {
      const page = await pageAs(login);
      const get = async (path: string) => (await page.request.get(h.baseUrl + path)).json();
      const me = (await get('/api/auth/me')).user ?? (await get('/api/auth/me'));
      for (const path of pages) {
        await page.goto(h.baseUrl + path);
        await settled(page);
        const check = async (where: string) => {
          for (const action of await visibleActions(page)) {
            const verdict = await allowed({ path, action, role: login, me, get });
            checked++;
            if (verdict === false)
              violations.push(
                `${login} ${where}: «${action.name}» (${action.testid || 'без testid'}) — сервер не разрешает`,
              );
          }
        };
        await check(path);
        // On a measure page, open the first report too: its editor's actions count.
        const open = page.locator('[data-testid^="report-open-"]').first();
        if (path.startsWith('/measures/') && (await open.count()) > 0) {
          await open.click();
          await page.getByTestId('report-editor').waitFor();
          await check(`${path} (отчёт ${(await open.getAttribute('data-testid'))!.slice('report-open-'.length)})`);
        }
      }
      await page.context().close();
    }
    expect(checked).toBeGreaterThan(50);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
  }, 900_000);

  it('keeps labels readable and buttons named by their visible words', async () => {
    const admin = await pageAs('admin');
    for (const [path, selector] of [
      [`/plans/${demoPlan}`, '.pill-active'],
      ['/users', '.pill-active'],
      [`/plans/${demoPlan}`, '.status-done'],
    ] as const) {
      await admin.goto(h.baseUrl + path);
      await admin.locator(selector).first().waitFor();
      const contrast = await new AxeBuilder({ page: admin }).include(selector).withRules(['color-contrast']).analyze();
      expect(contrast.violations.map((v) => `${path}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
        [],
      );
    }
    for (const path of ['/organisations', `/plans/${demoPlan}`, `/measures/${annual}`]) {
      await admin.goto(h.baseUrl + path);
      await settled(admin);
      const mismatched = await admin.evaluate(() =>
        [...document.querySelectorAll('button[aria-label], a[aria-label]')]
          .map((el) => ({
            visible: (el as HTMLElement).innerText.replace(/\s+/g, ' ').trim(),
            name: el.getAttribute('aria-label')!.replace(/\s+/g, ' ').trim(),
          }))
          // Symbols and icons are not words; a visible word must be part of the accessible name (WCAG 2.5.3).
          .filter(
            (b) => /[А-Яа-яЁёA-Za-z]{2}/.test(b.visible) && !b.name.toLowerCase().includes(b.visible.toLowerCase()),
          )
          .map((b) => `«${b.visible}» ≠ «${b.name}»`),
      );
      expect(mismatched, path).toEqual([]);
    }
    await shot(admin, 'organisations-tree-desktop');
    await admin.context().close();
  }, 240_000);
});

interface Action {
  name: string;
  testid: string;
  file: boolean;
}

/** The page has drawn its frame and every loader has answered (no «Загрузка…» left). */
async function settled(page: Page) {
  await page.getByTestId('userbox').waitFor();
  await page.waitForFunction(
    () => document.querySelector('main, .page') !== null && document.querySelector('.loading') === null,
    undefined,
    { timeout: 30_000, polling: 250 },
  );
}

/** Buttons and file fields a person can use on the page now (visible and enabled). */
async function visibleActions(page: Page): Promise<Action[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('button, input[type=file], [role=button]')]
      .filter((el) => {
        const r = (el as HTMLElement).getBoundingClientRect();
        return (
          r.width > 0 &&
          r.height > 0 &&
          getComputedStyle(el).visibility !== 'hidden' &&
          !(el as HTMLButtonElement).disabled &&
          !el.closest('[aria-hidden="true"]')
        );
      })
      .map((el) => ({
        name: (el.getAttribute('aria-label') || (el as HTMLElement).innerText || el.getAttribute('title') || '')
          .replace(/\s+/g, ' ')
          .trim(),
        testid: el.getAttribute('data-testid') ?? '',
        file: el.matches('input[type=file]'),
      })),
  );
}

/** Words that change something; anything else (open, filter, expand, log out) is reading. */
const WRITE =
  /^(\+|Добавить|Изменить|Удалить|Убрать|В архив|Сохранить|Отправить|Принять|Вернуть|Согласовать|Отклонить|Запросить|Утвердить|Снять|Создать|Заполнить|Проверить|Импорт|Загрузить|Применить|Объединить|Напомнить|Поднять|Опустить|Запомнить|Заблокировать|Разблокировать|Сбросить|Указать|Новый|Новая|Приложить)/i;

/**
 * Whether the server allows what a visible action does, from the abilities it computed for
 * this user (null: not a write, nothing to check). Pages this issue owns must classify
 * every write; elsewhere an observer may write nothing but its own settings.
 */
async function allowed(c: {
  path: string;
  action: Action;
  role: string;
  me: { abilities?: Record<string, boolean> };
  get(path: string): Promise<any>;
}): Promise<boolean | null> {
  const { path, action } = c;
  if (!action.file && !WRITE.test(action.name)) return null;
  const me = c.me.abilities ?? {};
  const measure = /^\/measures\/(\d+)/.exec(path);
  if (measure) {
    const m = await c.get(`/api/measures/${measure[1]}`);
    const reportId = /^report-open-(\d+)$/.exec(action.testid)?.[1];
    if (reportId) {
      const a = (await c.get(`/api/reports/${reportId}`)).abilities;
      return /^Заполнить/.test(action.name) ? a?.edit === true : a?.accept === true;
    }
    if (
      /^Запросить перенос/.test(action.name) ||
      action.testid.startsWith('extension-send') ||
      action.testid === 'extension-confirm-send'
    )
      return m.abilities?.requestExtension === true;
    if (/^(Согласовать|Отклонить)$/.test(action.name)) return m.abilities?.decideExtension === true;
    if (/^В архив/.test(action.name)) return m.abilities?.archive === true;
    if (/^(Изменить|Указать сроки|Снять с контроля|Вернуть на контроль)/.test(action.name))
      return m.abilities?.update === true;
    // The open report editor: its abilities decide (it is the only one open).
    const open = await c.get(`/api/measures/${measure[1]}/reports`);
    const editable = (open.items ?? []).some((r: { abilities?: { edit: boolean } }) => r.abilities?.edit);
    const reviewable = (open.items ?? []).some(
      (r: { abilities?: { accept: boolean; return: boolean } }) => r.abilities?.accept || r.abilities?.return,
    );
    if (/^(Принять|Вернуть на доработку)/.test(action.name)) return reviewable;
    if (action.file || /^(Сохранить|Отправить|Убрать|Добавить показатель)/.test(action.name)) return editable;
    return false; // an unclassified write on a measure page
  }
  const plan = /^\/plans\/(\d+)/.exec(path);
  if (plan) {
    const p = await c.get(`/api/plans/${plan[1]}`);
    return (
      p.abilities?.update === true || (/мероприятие|поручение/i.test(action.name) && p.abilities?.addMeasure === true)
    );
  }
  if (path === '/plans') return me.createPlans === true;
  if (path === '/organisations') return me.manageDirectory === true;
  if (path === '/users') return me.manageUsers === true;
  if (path === '/import') return me.createPlans === true;
  if (path === '/settings') return true;
  if (path === '/audit') return me.viewAudit === true;
  return c.role !== 'observer';
}
