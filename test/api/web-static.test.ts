/**
 * The web bundle is served from dist/web, but its source maps never are: the build keeps
 * them out of the folder, and should one be there (a plain `vite build` writes them,
 * unreferenced), the server answers 404 instead of the file or the SPA fallback.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATHS } from '../../src/paths';
import { createTestApp, type TestApp } from '../helpers/test-app';

const probe = `probe-${process.pid}-${Date.now()}`;
const assets = join(PATHS.webDist, 'assets');
let t: TestApp;

beforeAll(async () => {
  // Static serving is registered only when dist/web exists when the app is built.
  mkdirSync(assets, { recursive: true });
  t = await createTestApp('pglite');
});

afterAll(async () => {
  rmSync(join(assets, `${probe}.js`), { force: true });
  rmSync(join(assets, `${probe}.js.map`), { force: true });
  await t?.dispose();
});

describe('static files', () => {
  it('serves a bundle file and refuses its source map', async () => {
    // Written just before the requests: a browser test's web build empties dist/web.
    writeFileSync(join(assets, `${probe}.js`), 'console.log(1);\n');
    writeFileSync(join(assets, `${probe}.js.map`), '{"version":3,"sources":["secret.ts"],"mappings":""}');
    const js = await t.app.inject({ url: `/assets/${probe}.js` });
    expect(js.statusCode).toBe(200);
    expect(js.body).toContain('console.log(1)');
    for (const url of [`/assets/${probe}.js.map`, `/assets/${probe}.js.map?x=1`]) {
      const map = await t.app.inject({ url });
      expect(map.statusCode).toBe(404);
      expect(map.body).not.toContain('secret.ts');
    }
  });
});
