/** The app in process over a test database, with a small client that logs in and keeps cookies and CSRF. */
import { buildApp } from '../../src/http/app';
import type { App } from '../../src/http/context';
import type { ResponseMismatch } from '../../src/http/contract';
import { loadEnv } from '../../src/env';
import { DEMO_USERS } from '../../src/demo/demo-seed';
import { createTestDatabase, type Engine, type TestDatabase } from './test-db';

export interface TestApp extends TestDatabase {
  app: App;
  as(login: (typeof DEMO_USERS)[number]['login'] | string, password?: string): Promise<Client>;
  anonymous(): Client;
  /** Answers that did not match their declared response schema, not yet reported by a client. */
  responseMismatches: ResponseMismatch[];
}

export interface Response<T = any> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

export class Client {
  cookie = '';
  csrf = '';
  /** `mismatches`: the app's record of answers off their contract; a request that adds one fails. */
  constructor(
    private app: App,
    private mismatches: ResponseMismatch[] = [],
  ) {}

  async request<T = any>(
    method: string,
    url: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<Response<T>> {
    const headers: Record<string, string> = { ...extraHeaders };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await this.app.inject({ method: method as 'GET', url, headers, payload });
    if (this.mismatches.length) throw new Error(describeMismatches(this.mismatches.splice(0)));
    const setCookie = res.headers['set-cookie'];
    const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
    if (first) this.cookie = first.split(';')[0];
    let parsed: unknown = res.body;
    try {
      parsed = JSON.parse(res.body);
    } catch {
      /* non-JSON body stays text */
    }
    return { status: res.statusCode, body: parsed as T, headers: res.headers };
  }

  get = <T = any>(url: string) => this.request<T>('GET', url);
  post = <T = any>(url: string, body?: unknown) => this.request<T>('POST', url, body);
  patch = <T = any>(url: string, body?: unknown) => this.request<T>('PATCH', url, body);
  put = <T = any>(url: string, body?: unknown) => this.request<T>('PUT', url, body);

  /**
   * PATCH of a versioned resource (a plan, user or organisation) on the version it has now,
   * for tests about something else than stale edits (the server requires the version).
   */
  edit = async <T = any>(url: string, body: Record<string, unknown>) =>
    this.patch<T>(url, { version: await this.currentVersion(url), ...body });

  async currentVersion(url: string): Promise<number | undefined> {
    const [, kind, id] = /^\/api\/(plans|users|organisations)\/(\d+)$/.exec(url) ?? [];
    if (kind === 'plans') return (await this.get(url)).body?.version;
    const list = await this.get(kind === 'users' ? '/api/users' : '/api/organisations?includeArchived=true');
    return (list.body?.items as { id: number; version: number }[] | undefined)?.find((x) => x.id === Number(id))
      ?.version;
  }
  delete = <T = any>(url: string) => this.request<T>('DELETE', url);
}

function describeMismatches(list: ResponseMismatch[]): string {
  return `answers off their declared response schema (src/contract/responses.ts):\n${list
    .map(
      (m) =>
        `  ${m.route} → ${m.status}: ${m.problem}${m.issues ? `\n    ${JSON.stringify(m.issues).slice(0, 2000)}` : ''}`,
    )
    .join('\n')}`;
}

/**
 * `env`: extra settings (e.g. SMTP_HOST of a sink), validated like the real ones. Every
 * answer the app gives is checked against its declared response schema: a client request
 * meeting a mismatch throws, and `dispose` throws for any left (requests made by `app.inject`).
 */
export async function createTestApp(engine: Engine, opts: { env?: Record<string, string> } = {}): Promise<TestApp> {
  const tdb = await createTestDatabase(engine);
  // Suites log in and export far more often than a person: limits ×10 unless a test sets its own
  // (test/api/rate-limits.test.ts runs with the real ones).
  const responseMismatches: ResponseMismatch[] = [];
  const app = await buildApp(
    { db: tdb.db, env: loadEnv({ NODE_ENV: 'test', RATE_LIMIT_SCALE: '10', ...opts.env }) },
    { onResponseMismatch: (m) => responseMismatches.push(m) },
  );
  // Accounts made by an administrator in a test start with a one-time password; `as` replaces
  // it on first login (as the user must) and remembers the replacement for later logins.
  const replaced = new Map<string, string>();
  return {
    ...tdb,
    app,
    responseMismatches,
    anonymous: () => new Client(app, responseMismatches),
    async as(login, password) {
      const given = password ?? DEMO_USERS.find((u) => u.login === login)?.password;
      const pw = replaced.get(`${login}\0${given}`) ?? given;
      const c = new Client(app, responseMismatches);
      const r = await c.post('/api/auth/login', { login, password: pw });
      if (r.status !== 200) throw new Error(`login ${login} failed: ${r.status} ${JSON.stringify(r.body)}`);
      c.csrf = r.body.csrfToken;
      if (r.body.user.mustChangePassword) {
        const next = `${pw}-Ветер-над-Обью`;
        const changed = await c.post('/api/auth/password', { currentPassword: pw, newPassword: next });
        if (changed.status !== 200)
          throw new Error(`password change for ${login} failed: ${changed.status} ${JSON.stringify(changed.body)}`);
        replaced.set(`${login}\0${given}`, next);
      }
      return c;
    },
    async dispose() {
      await app.close();
      await tdb.dispose();
      if (responseMismatches.length) throw new Error(describeMismatches(responseMismatches.splice(0)));
    },
  };
}

/** The directory's organisation ids by short name («Минкультуры» → 5), as the client sees them. */
export async function orgIdsByShortName(c: Client): Promise<Record<string, number>> {
  return Object.fromEntries(
    (await c.get('/api/organisations')).body.items.map((o: { shortName: string; id: number }) => [o.shortName, o.id]),
  );
}
