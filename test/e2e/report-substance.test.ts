/**
 * Browser journey of issue 15: the coordinator confirms a suggested link between a measure of
 * the НОК plan and the same work in the social standard plan; the executor writes a formal text,
 * sees the warning with the reason, adds a figure and a date, sees it turn substantive, submits,
 * and uses the same report in the linked plan; the coordinator sees the flags in the review
 * queue and accepts the report in the second plan.
 * Screenshots: the editor's warning, the substantive verdict, the review queue with flags.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, type BrowserHarness } from '../helpers/browser';
import { Client } from '../helpers/test-app';
import { USERS, logInAs, startHarnessAs } from './e2e-support';

const EXECUTOR = { login: 'executor', password: 'demo-exec-2025' };
const PERIOD = 'I квартал 2025 г.';

describe.skipIf(!hasChromium)('web: reports with substance, reported once', () => {
  let h: BrowserHarness;
  let coordPage: Page;
  let execPage: Page;
  let errors: string[];
  let a1: number;
  let b1: number;
  let a1Report: number;
  let b1Report: number;
  let a2Report: number;

  const client = async (login: string, password: string) => {
    const c = new Client(h.app);
    const r = await c.post('/api/auth/login', { login, password });
    if (r.status !== 200) throw new Error(`login ${login}: ${r.status}`);
    c.csrf = r.body.csrfToken;
    return c;
  };

  beforeAll(async () => {
    ({ h, page: coordPage, errors } = await startHarnessAs(USERS.coordinator));
    const coord = await client(USERS.coordinator.login, USERS.coordinator.password);
    const exec = await client(EXECUTOR.login, EXECUTOR.password);
    const orgs = Object.fromEntries(
      (await coord.get('/api/organisations')).body.items.map((o: { shortName: string; id: number }) => [
        o.shortName,
        o.id,
      ]),
    );
    const plan = async (title: string) =>
      (
        await coord.post('/api/plans', {
          kind: 'plan',
          title,
          ownerOrganisationId: orgs['Минсоцзащиты'],
          periodFrom: '2025-01-01',
          periodTo: '2025-12-31',
          controlFrom: '2025-01-01',
        })
      ).body.id as number;
    const measure = async (planId: number, number: string, title: string) =>
      (
        await coord.post(`/api/plans/${planId}/measures`, {
          sectionId: null,
          number,
          title,
          deadlineText: 'ежеквартально',
          leadExecutorId: orgs['Минкультуры'],
          controlFrom: null,
        })
      ).body.id as number;
    const q1 = async (measureId: number) =>
      (await coord.get(`/api/measures/${measureId}/reports`)).body.items.find(
        (r: { role: string; period: { label: string } }) => r.role === 'lead' && r.period.label === PERIOD,
      );
    const planA = await plan('План мероприятий по независимой оценке качества на 2025 год');
    const planB = await plan('План реализации социального стандарта на 2025 год');
    a1 = await measure(
      planA,
      '1',
      'Проведение независимой оценки качества условий оказания услуг организациями культуры',
    );
    const a2 = await measure(planA, '2', 'Информирование граждан о результатах независимой оценки');
    b1 = await measure(
      planB,
      '13.1',
      'Организация независимой оценки качества условий оказания услуг организациями в сфере культуры',
    );
    a1Report = (await q1(a1)).id;
    b1Report = (await q1(b1)).id;
    // Another report already waits in the queue, formal: «Работа ведется».
    const r2 = await q1(a2);
    a2Report = r2.id;
    const sent = await exec.post(`/api/reports/${a2Report}/submit`, {
      version: r2.version,
      text: 'Работа ведется на постоянной основе. Информация актуализируется.',
      resultStatus: 'done',
    });
    if (sent.status !== 200) throw new Error(`submit: ${sent.status} ${JSON.stringify(sent.body)}`);
    execPage = await h.newPage();
    execPage.on('pageerror', (e) => errors.push(e.message));
    await logInAs(execPage, h.baseUrl, EXECUTOR);
  }, 180_000);
  afterAll(async () => {
    await h?.close();
  });

  it('the coordinator confirms a suggested link: same executor, overlapping period, alike wording', async () => {
    await coordPage.goto(`${h.baseUrl}/measures/${a1}`);
    const candidate = coordPage.getByTestId(`link-candidate-${b1}`);
    await candidate.waitFor();
    expect(await candidate.textContent()).toMatch(/Тот же исполнитель: Минкультуры.*сходные формулировки/);
    // Nothing is linked until a person confirms.
    expect(await coordPage.getByTestId(`measure-link-${b1}`).count()).toBe(0);
    await candidate.getByTestId('link-confirm').click();
    await coordPage.getByTestId(`measure-link-${b1}`).waitFor();
    // The candidates are refetched after the link is saved.
    await expect.poll(() => coordPage.getByTestId(`link-candidate-${b1}`).count(), { timeout: 15_000 }).toBe(0);
  }, 60_000);

  it('the executor sees a formal text flagged with the reason, then substantive after a figure and a date, and submits', async () => {
    await execPage.goto(`${h.baseUrl}/reports/${a1Report}`);
    await execPage
      .getByTestId('report-text')
      .fill('Работа по независимой оценке качества ведется на постоянной основе.');
    await execPage.getByTestId('report-status').selectOption('done');
    const live = execPage.getByTestId('substance-live');
    await expect.poll(() => live.getAttribute('data-label'), { timeout: 10_000 }).toBe('formal');
    expect(await execPage.getByTestId('substance-live-reasons').textContent()).toMatch(
      /нет проверяемых фактов|нет ни цифр, ни дат/,
    );
    await h.screenshot(execPage, 'substance-formal-warning');
    const text =
      'Независимая оценка качества проведена в 12 организациях культуры; результаты рассмотрены на заседании ' +
      'Общественного совета 14 марта 2025 г. (протокол № 2).';
    await execPage.getByTestId('report-text').fill(text);
    await expect.poll(() => live.getAttribute('data-label'), { timeout: 10_000 }).toBe('substantive');
    const marks = await live.getByTestId('substance-evidence').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    for (const m of marks) expect(text).toContain(m);
    expect(marks.join(' ')).toMatch(/12|14 марта 2025/);
    await h.screenshot(execPage, 'substance-substantive');
    await execPage.getByTestId('report-submit').click();
    await execPage.getByTestId('report-notice').waitFor();
    expect(await execPage.getByTestId('report-notice').textContent()).toContain('Отчёт отправлен');
  }, 60_000);

  it('the executor uses the same report in the linked plan', async () => {
    const offer = execPage.getByTestId('share-offer');
    await offer.waitFor();
    expect(await offer.textContent()).toContain('План реализации социального стандарта');
    await offer.getByTestId('share-submit').click();
    await execPage.getByTestId('share-notice').waitFor();
    expect(await execPage.getByTestId('share-notice').textContent()).toContain('План реализации социального стандарта');
  }, 60_000);

  it('the coordinator sees the flags in the queue and accepts the report in the second plan', async () => {
    await coordPage.goto(`${h.baseUrl}/reports?view=review`);
    const formalRow = coordPage.getByTestId(`report-item-${a2Report}`);
    await formalRow.waitFor();
    expect(await formalRow.getByTestId('substance-flag').getAttribute('data-label')).toBe('formal');
    expect(await formalRow.getByTestId('substance-why').textContent()).toMatch(/отчёт может быть возвращён/);
    const good = coordPage.getByTestId(`report-item-${a1Report}`);
    await good.waitFor();
    expect(await good.getByTestId('substance-flag').count()).toBe(0);
    const copy = coordPage.getByTestId(`report-item-${b1Report}`);
    expect(await copy.textContent()).toContain('из связанного плана');
    await h.screenshot(coordPage, 'substance-review-queue');

    await copy.getByTestId('report-item-open').click();
    await coordPage.getByTestId('report-view-text').waitFor();
    expect(await coordPage.getByTestId('report-view-text').textContent()).toContain('12 организациях культуры');
    expect(await coordPage.getByTestId('substance-stored').getAttribute('data-label')).toBe('substantive');
    await coordPage.getByTestId('report-accept').click();
    await coordPage.getByTestId('report-notice').waitFor();
    expect(await coordPage.getByTestId('report-notice').textContent()).toContain('Отчёт принят');

    // The first plan's measure says where its report is used, and that it was accepted there.
    await coordPage.goto(`${h.baseUrl}/measures/${a1}`);
    const usage = coordPage.getByTestId('report-usage');
    await usage.waitFor();
    expect(await usage.textContent()).toMatch(/использован в плане «План реализации социального стандарта.*: принят/);
    expect(errors).toEqual([]);
  }, 60_000);
});
