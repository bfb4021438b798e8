/**
 * Browser: executor matching in the import preview (issue 9, item 9) and a document the
 * reader cannot place, read with the columns a person points at (issue 18). Real server,
 * zero retries; screenshots in test-output/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, type BrowserHarness } from '../helpers/browser';
import {
  USERS,
  createAllUnknown,
  previewScreenshot,
  readingsSettled,
  saveImport,
  startHarnessAs,
  uploadForPreview,
} from './e2e-support';

const NKO_PLAN = readFileSync(join(process.cwd(), 'test', 'fixtures', 'api', 'nko-executors-plan.txt'));

/** Column names no reading knows: the reader cannot place this table by itself. */
const tasks = (rows: string[][]) =>
  Buffer.from(
    [
      'Перечень задач отдела поддержки НКО на 2026 год',
      '',
      'Шаг\tЧто делаем\tКогда\tКто\tЧто получим',
      ...rows.map((r) => r.join('\t')),
    ].join('\n'),
  );

describe.skipIf(!hasChromium)('web: executors and unplaced documents in import', () => {
  let h: BrowserHarness;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    ({ h, page, errors: pageErrors } = await startHarnessAs(USERS.coordinator));
  }, 180_000);

  afterAll(async () => {
    await h?.close();
  });

  const execRow = (name: string) => page.locator(`[data-testid="import-exec"][data-exec-name="${name}"]`);
  const orgCount = async () =>
    ((await (await page.request.get(`${h.baseUrl}/api/organisations`)).json()) as { items: unknown[] }).items.length;

  it('a full name with «(далее – …)» is its short form; «Создать все ненайденные» keeps phrases as text and creates no organisation from them', async () => {
    const before = await orgCount();
    await uploadForPreview(page, h.baseUrl, { name: 'План НКО.txt', mimeType: 'text/plain', buffer: NKO_PLAN });
    expect(
      await execRow('Министерство социальной защиты Северо-Озёрской области (далее – Минсоцзащиты)').getAttribute(
        'data-resolved',
      ),
    ).toBe('true');
    await createAllUnknown(page);
    for (const phrase of [
      'некоммерческие организации',
      'Комитет по делам молодёжи с привлечением ресурсных центров НКО',
    ]) {
      expect(await execRow(phrase).getByTestId('import-exec-choice').inputValue()).toBe('text');
    }
    await readingsSettled(page);
    await previewScreenshot(h, page, 'import-executors-text');
    await saveImport(page);
    expect(await page.getByTestId('measure-row-2').textContent()).toContain(
      'некоммерческие организации (по согласованию)',
    );
    expect(await page.getByTestId('measure-row-3').textContent()).toContain('с привлечением ресурсных центров НКО');
    expect(await orgCount()).toBe(before);
    expect(pageErrors).toEqual([]);
  });

  it('a document no reading places: the person points at the header row and the columns, the document is read, and the next one of its shape reads by itself', async () => {
    await page.goto(`${h.baseUrl}/import`);
    await page.getByTestId('import-file').setInputFiles({
      name: 'Задачи отдела.txt',
      mimeType: 'text/plain',
      buffer: tasks([
        ['1', 'Собрать заявки от НКО на субсидии', 'январь 2026 г.', 'Минсоцзащиты', 'Реестр заявок'],
        [
          '2',
          'Провести конкурс социальных проектов',
          'март 2026 г.',
          'Минсоцзащиты, Минэкономразвития',
          'Протокол комиссии',
        ],
      ]),
    });
    await page.getByTestId('import-columns').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('import-unread-message').textContent()).toMatch(
      /Проверены варианты: .*строки таблицы с табуляцией/,
    );
    const table = page.locator('[data-testid^="layout-table-"]').first();
    const block = (await table.getAttribute('data-testid'))!.replace('layout-table-', '');
    await page.getByTestId(`layout-header-${block}-0`).click();
    const roles = ['number', 'title', 'deadline', 'executors', 'expectedResult'];
    for (const [i, role] of roles.entries()) await page.getByTestId(`layout-role-${i}`).selectOption(role);
    expect(await page.getByTestId('layout-remember').isChecked()).toBe(true);
    await h.screenshot(page, 'import-columns');
    await page.getByTestId('layout-read').click();
    await page.getByTestId('import-table').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('import-summary').textContent()).toContain('2 мероприятия');
    await readingsSettled(page);
    await previewScreenshot(h, page, 'import-columns-read');
    await saveImport(page);
    await page.getByTestId('measure-row-2').waitFor();
    expect(await page.getByTestId('measure-row-2').textContent()).toContain('Провести конкурс социальных проектов');

    // The next document laid out the same way: read at once, with a word on how.
    await uploadForPreview(page, h.baseUrl, {
      name: 'Задачи 2027.txt',
      mimeType: 'text/plain',
      buffer: tasks([['1', 'Подготовить отчет о субсидиях', 'до 1 февраля 2027 г.', 'Минсоцзащиты', 'Отчет']]),
    });
    expect(await page.getByTestId('import-warnings').textContent()).toContain('сохранённой вашей организацией');
    // A reading can be redone by hand from the preview.
    await page.getByTestId('import-remap').click();
    await page.getByTestId('import-columns').waitFor();
    await page.getByTestId('layout-cancel').click();
    await page.getByTestId('import-table').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
