/**
 * Shared steps of the browser tests. `startHarness()` builds dist/web under a file lock
 * first: vitest runs e2e files in parallel workers, and two concurrent `vite build`s
 * (emptyOutDir) would delete each other's assets under a running server.
 */
import { mkdirSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { ensureWebBuilt, startBrowserHarness, type BrowserHarness } from '../helpers/browser';

const LOCK = join(tmpdir(), 'ispolnenie-web-build.lock');
const STALE_MS = 5 * 60_000;

function sleepSync(ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Runs `fn` while holding a cross-process lock (a directory: mkdir is atomic). */
function withBuildLock<T>(fn: () => T): T {
  const deadline = Date.now() + STALE_MS;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > STALE_MS) rmdirSync(LOCK); // left by a killed run
      } catch {
        /* released meanwhile */
      }
      if (Date.now() > deadline) throw new Error(`web build lock ${LOCK} held too long`, { cause: e });
      sleepSync(200);
    }
  }
  try {
    return fn();
  } finally {
    rmdirSync(LOCK);
  }
}

export async function startHarness(): Promise<BrowserHarness> {
  withBuildLock(ensureWebBuilt);
  return startBrowserHarness();
}

export const USERS = {
  admin: { login: 'admin', password: 'demo-admin-2025' },
  coordinator: { login: 'coordinator', password: 'demo-coord-2025' },
} as const;

/** A harness with one page logged in as `who`, collecting the page's uncaught errors. */
export async function startHarnessAs(who: {
  login: string;
  password: string;
}): Promise<{ h: BrowserHarness; page: Page; errors: string[] }> {
  const h = await startHarness();
  const page = await h.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await logInAs(page, h.baseUrl, who);
  return { h, page, errors };
}

export async function logInAs(page: Page, baseUrl: string, who: { login: string; password: string }) {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-input').fill(who.login);
  await page.getByTestId('password-input').fill(who.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('userbox').waitFor();
}

/** Opens the import screen and uploads a file; waits for the preview (`ready`: its table, or the report panel). */
export async function uploadForPreview(
  page: Page,
  baseUrl: string,
  file: string | { name: string; mimeType: string; buffer: Buffer },
  ready = 'import-table',
) {
  await page.goto(`${baseUrl}/import`);
  await page.getByTestId('import-file').setInputFiles(file);
  await page.getByTestId(ready).waitFor({ timeout: 30_000 });
}

/** Problems of the preview, as kinds. */
export async function problemKinds(page: Page): Promise<string[]> {
  return page.getByTestId('import-problem').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind') ?? ''));
}

/** Every executor the directory does not know becomes a new organisation. */
export async function createAllUnknown(page: Page) {
  const button = page.getByTestId('import-create-all');
  if (await button.isEnabled()) await button.click();
  await expect.poll(() => page.locator('[data-testid="import-exec"][data-resolved="false"]').count()).toBe(0);
}

/** Deadline readings settle (no «Проверка срока…» left). */
export async function readingsSettled(page: Page) {
  await expect.poll(() => page.locator('.meaning-pending').count(), { timeout: 20_000 }).toBe(0);
}

/** A full-page screenshot of the preview with the sticky save bar at its natural place. */
export async function previewScreenshot(h: BrowserHarness, page: Page, name: string) {
  await readingsSettled(page);
  // Sticky parts (table heads, the save bar) would be drawn where the viewport was.
  await unstick(page, '.savebar, .grid thead th');
  await h.screenshot(page, name);
  await restick(page, '.savebar, .grid thead th');
}

// Through the CSSOM, which the Content-Security-Policy allows (a <style> tag it refuses).
/** Puts sticky elements at their natural place for a full-page screenshot. */
export const unstick = (page: Page, selector: string) =>
  page.evaluate(
    (sel) =>
      document
        .querySelectorAll<HTMLElement>(sel)
        .forEach((e) => e.style.setProperty('position', 'static', 'important')),
    selector,
  );
/** Undoes `unstick`. */
export const restick = (page: Page, selector: string) =>
  page.evaluate(
    (sel) => document.querySelectorAll<HTMLElement>(sel).forEach((e) => e.style.removeProperty('position')),
    selector,
  );

/** Saves the preview and waits for the new draft plan's page; returns its id. */
export async function saveImport(page: Page): Promise<number> {
  await page.getByTestId('import-save').click();
  await page.waitForURL(/\/plans\/\d+$/, { timeout: 30_000 });
  await page.getByTestId('plan-table').waitFor();
  return Number(new URL(page.url()).pathname.split('/').pop());
}
