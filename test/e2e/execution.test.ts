/**
 * Browser: the execution cycle. The executor (Минкультуры) writes its report on measure
 * 2.2 with an attachment and submits; the coordinator returns it with a comment; the
 * executor corrects and resubmits; the coordinator accepts; the light turns green; the
 * consolidated DOCX is downloaded and reads back through the importer. Real server,
 * zero retries. Screenshots: dashboard, report editor, and the first page of the downloaded
 * DOCX rendered to PNG by LibreOffice (or, without it, the PDF export of the same report).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { importDocument } from '../../src/domain/importers/read-document';
import { hasChromium, outputDir, type BrowserHarness } from '../helpers/browser';
import { USERS, logInAs, startHarness } from './e2e-support';

const PLAN = /План мероприятий по поддержке социально ориентированных/;
const EXECUTOR = { login: 'executor', password: 'demo-exec-2025' };

describe.skipIf(!hasChromium)('web: execution cycle', () => {
  let h: BrowserHarness;
  let exec: Page;
  let coord: Page;
  const dir = mkdtempSync(join(tmpdir(), 'isp-exec-'));
  const errors: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
    exec = await h.newPage();
    coord = await h.newPage();
    for (const p of [exec, coord]) p.on('pageerror', (e) => errors.push(e.message));
    await logInAs(exec, h.baseUrl, EXECUTOR);
    await logInAs(coord, h.baseUrl, USERS.coordinator);
  }, 180_000);
  afterAll(async () => {
    await h?.close();
  });

  const openMeasure = async (page: Page, number: string) => {
    await page.getByTestId('nav-plans').click();
    await page.getByRole('link', { name: PLAN }).click();
    await page.getByTestId(`measure-row-${number}`).getByRole('link').first().click();
    await page.getByTestId('execution').waitFor();
  };
  /** The first report of the lead (Минкультуры) for measure 2.2. */
  const leadRow = (page: Page) => page.locator('[data-testid^="report-row-"][data-role="lead"]').first();

  const unlabelledInputs = (page: Page) =>
    page.evaluate(() =>
      [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
        .filter((el) => {
          const id = el.getAttribute('id');
          return !(
            el.getAttribute('aria-label') ||
            el.closest('label') ||
            (id && document.querySelector(`label[for="${id}"]`))
          );
        })
        .map((el) => el.outerHTML.slice(0, 80)),
    );

  it('walks submit → return → resubmit → accept, and the light turns green', async () => {
    await openMeasure(exec, '2.2');
    const row = leadRow(exec);
    const period = await row.getAttribute('data-period');
    await row.getByRole('button').click();
    const editor = exec.getByTestId('report-editor');
    await editor.getByTestId('report-text').fill('Проведено 4 выставки работ СО НКО в библиотеках области.');
    await editor.getByTestId('report-status').selectOption('partial');
    await editor.getByTestId('figure-add').click();
    await editor.getByTestId('figure-name').fill('Число выставок');
    await editor.getByTestId('figure-value').fill('4');
    await editor.getByTestId('report-links').fill('https://minkult.example.ru/news/vystavki-so-nko');
    const pdf = join(dir, 'акт выставки.pdf');
    writeFileSync(pdf, '%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
    await editor.getByTestId('report-attach').setInputFiles(pdf);
    await expect.poll(() => editor.getByTestId('report-attachments').textContent()).toContain('акт выставки.pdf');
    expect(await unlabelledInputs(exec)).toEqual([]);
    await h.screenshot(exec, 'report-editor');
    await editor.getByTestId('report-submit').click();
    await editor.getByTestId('report-notice').waitFor();

    await openMeasure(coord, '2.2');
    await coord
      .locator(`[data-testid^="report-row-"][data-role="lead"][data-period="${period}"]`)
      .getByRole('button')
      .click();
    const review = coord.getByTestId('report-editor');
    await expect.poll(() => review.getByTestId('report-view-text').textContent()).toContain('Проведено 4 выставки');
    expect(await review.getByTestId('report-view-figures').textContent()).toBe('Число выставок4');
    expect(await review.getByTestId('report-view-links').getByRole('link').getAttribute('href')).toBe(
      'https://minkult.example.ru/news/vystavki-so-nko',
    );
    await review.getByTestId('report-return-comment').fill('Укажите число посетителей выставок');
    await review.getByTestId('report-return').click();
    await review.getByTestId('report-notice').waitFor();

    await exec.reload();
    await exec.getByTestId('execution').waitFor();
    await exec
      .locator(`[data-testid^="report-row-"][data-role="lead"][data-period="${period}"]`)
      .getByRole('button')
      .click();
    const again = exec.getByTestId('report-editor');
    await expect
      .poll(() => again.getByTestId('report-returned-comment').textContent())
      .toContain('Укажите число посетителей');
    await again
      .getByTestId('report-text')
      .fill('Проведено 4 выставки работ СО НКО в библиотеках области, 1 250 посетителей.');
    await again.getByTestId('report-status').selectOption('done');
    await again.getByTestId('report-submit').click();
    await again.getByTestId('report-notice').waitFor();

    await coord.reload();
    await coord.getByTestId('execution').waitFor();
    await coord
      .locator(`[data-testid^="report-row-"][data-role="lead"][data-period="${period}"]`)
      .getByRole('button')
      .click();
    await coord.getByTestId('report-editor').getByTestId('report-accept').click();
    await coord.getByTestId('report-editor').getByTestId('report-notice').waitFor();

    await coord.getByTestId('nav-plans').click();
    await coord.getByRole('link', { name: PLAN }).click();
    await coord.getByTestId('measure-row-2.2').getByTestId('light-green').waitFor();
    expect(errors).toEqual([]);
  }, 120_000);

  it('shows the dashboard and downloads the consolidated DOCX, which reads back through the importer', async () => {
    await coord.getByTestId('plan-tab-monitoring').click();
    await coord.getByTestId('dash-tiles').waitFor();
    expect(Number(await coord.getByTestId('dash-light-green').locator('.tile-n').textContent())).toBeGreaterThanOrEqual(
      3,
    );
    await h.screenshot(coord, 'dashboard');
    const [download] = await Promise.all([coord.waitForEvent('download'), coord.getByTestId('export-docx').click()]);
    const file = join(dir, 'report.docx');
    await download.saveAs(file);
    const doc = await importDocument(readFileSync(file), 'report.docx');
    const item = doc.items.find((i) => i.number === '2.2')!;
    expect(item.status).toBe('done');
    expect(item.executionText).toMatch(/1 250 посетителей/);
    expect(item.executors[0]).toBe('Минкультуры');

    const [pdfDownload] = await Promise.all([coord.waitForEvent('download'), coord.getByTestId('export-pdf').click()]);
    const pdf = join(dir, 'exported.pdf');
    await pdfDownload.saveAs(pdf);
    expect(readFileSync(pdf).subarray(0, 4).toString()).toBe('%PDF');
    const has = (cmd: string, arg: string) => {
      try {
        execFileSync(cmd, [arg], { stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    };
    if (!has('pdftoppm', '-v')) {
      console.warn('pdftoppm (poppler-utils) is not installed: the report is not rendered to PNG');
      return;
    }
    if (has('soffice', '--version')) {
      // The downloaded DOCX itself, as Word users will see it: LibreOffice → PDF → PNG of page 1.
      execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, file], {
        stdio: 'ignore',
        timeout: 120_000,
      });
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '60',
        '-f',
        '1',
        '-l',
        '1',
        '-singlefile',
        join(dir, 'report.pdf'),
        join(outputDir, 'report-docx-page1'),
      ]);
      expect(existsSync(join(outputDir, 'report-docx-page1.png'))).toBe(true);
    } else {
      console.warn('LibreOffice is not installed: rendering the PDF export of the same report instead of the DOCX');
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '60',
        '-f',
        '1',
        '-l',
        '1',
        '-singlefile',
        pdf,
        join(outputDir, 'report-pdf-page1'),
      ]);
      expect(existsSync(join(outputDir, 'report-pdf-page1.png'))).toBe(true);
    }
  }, 60_000);
});
