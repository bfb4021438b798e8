/**
 * Browser journeys: the real server (in process, on a private test database) and
 * Debian's Chromium driven by playwright-core. No browser is ever downloaded.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildApp } from '../../src/http/app';
import type { App } from '../../src/http/context';
import { loadEnv } from '../../src/env';
import { createTestDatabase, type TestDatabase } from './test-db';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const outputDir = join(process.cwd(), 'test-output');

/** Builds the web app once when its build is missing or older than web/ (the server serves dist/web). */
export function ensureWebBuilt(): void {
  const built = join('dist', 'web', 'index.html');
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.name !== 'dist')
      .reduce(
        (t, e) => Math.max(t, e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs),
        0,
      );
  if (existsSync(built) && statSync(built).mtimeMs >= newest('web')) return;
  execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'error'], { stdio: 'inherit' });
}

export interface BrowserHarness {
  app: App;
  db: TestDatabase;
  baseUrl: string;
  browser: Browser;
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

export async function startBrowserHarness(): Promise<BrowserHarness> {
  ensureWebBuilt();
  const db = await createTestDatabase('pglite');
  const app = await buildApp({ db: db.db, env: loadEnv({ NODE_ENV: 'test' }) });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
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
      '--disable-quic',
    ],
  });
  mkdirSync(outputDir, { recursive: true });
  return {
    app,
    db,
    baseUrl: address,
    browser,
    async newPage(viewport = { width: 1280, height: 800 }) {
      const ctx = await browser.newContext({ viewport, locale: 'ru-RU', timezoneId: 'Europe/Moscow' });
      const page = await ctx.newPage();
      page.setDefaultTimeout(15_000);
      return page;
    },
    async screenshot(page, name) {
      const file = join(outputDir, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      await browser.close();
      await app.close();
      await db.dispose();
    },
  };
}

export async function logIn(page: Page, baseUrl: string, login: string, password: string) {
  await page.goto(baseUrl + '/');
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
}
