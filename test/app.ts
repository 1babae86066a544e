import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/server/app.js';
import { loadConfig, type AppConfig } from '../src/server/config.js';
import type { Database } from '../src/server/db/database.js';
import { openTestDatabase, TEST_DATA_KEY } from './db.js';
import { createTestUser, TEST_PASSWORD, type TestUserOptions } from './factories.js';
import { installLeakScan, LeakScanner } from './leak-scan.js';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  /** Signs in a new user of this role at this node and returns a client carrying its cookie and CSRF token. */
  loginAs(opts: TestUserOptions): Promise<Client>;
  login(username: string, password?: string): Promise<Client>;
  anonymous(): Client;
  /** The scan of this app's answers and log lines (test/leak-scan.ts). */
  leakScanner: LeakScanner;
  close(): Promise<void>;
}

export interface Client {
  userId: number | null;
  username: string | null;
  csrfToken: string | null;
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  const base = loadConfig({});
  return { ...base, demo: false, logLevel: 'silent', rateLimit: { ...base.rateLimit, max: 1_000_000, loginMax: 1_000_000 }, dataKey: TEST_DATA_KEY, jobs: false, ...overrides };
}

function makeClient(app: FastifyInstance, cookie: string | null, csrfToken: string | null, userId: number | null, username: string | null): Client {
  const request = (opts: InjectOptions) =>
    app.inject({
      ...opts,
      cookies: { ...(cookie ? { shezu_sid: cookie } : {}), ...(opts.cookies ?? {}) },
      headers: { ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}), ...(opts.headers ?? {}) },
    });
  return withShorthands({ userId, username, csrfToken, request });
}

/** A client from its one request function (the authorization matrix wraps that function to watch a call). */
export function withShorthands(base: Pick<Client, 'userId' | 'username' | 'csrfToken' | 'request'>): Client {
  const request = base.request;
  return {
    ...base,
    get: (url) => request({ method: 'GET', url }),
    post: (url, payload) => request({ method: 'POST', url, ...(payload === undefined ? {} : { payload: payload as object }) }),
    put: (url, payload) => request({ method: 'PUT', url, ...(payload === undefined ? {} : { payload: payload as object }) }),
    patch: (url, payload) => request({ method: 'PATCH', url, ...(payload === undefined ? {} : { payload: payload as object }) }),
    delete: (url) => request({ method: 'DELETE', url }),
  };
}

/** The level production logs at (LOG_LEVEL unset): the test app logs as much, into the leak scan. */
const PRODUCTION_LOG_LEVEL = loadConfig({}).logLevel;

export async function createTestApp(config: Partial<AppConfig> = {}): Promise<TestApp> {
  return testAppOn(await openTestDatabase(), config);
}

/** The test app on a database of the caller's (e.g. a data directory a server process opens afterwards); close() closes it. */
export async function testAppOn(database: Database, config: Partial<AppConfig> = {}): Promise<TestApp> {
  // Every answer and every log line is scanned for personal data in full (test/leak-scan.ts, issue 12 item 2).
  const scanner = new LeakScanner();
  const app = await buildApp({ database, config: testConfig({ logLevel: PRODUCTION_LOG_LEVEL, ...config }), web: false, logStream: scanner.logStream });
  installLeakScan(app, scanner);
  await app.ready();
  // Every inject of the test (the clients' and a test's own t.app.inject) fails on a leak, naming route and field.
  const inject = app.inject.bind(app);
  app.inject = (async (opts: InjectOptions) => {
    const res = await inject(opts);
    scanner.assertClean();
    return res;
  }) as FastifyInstance['inject'];
  const login = async (username: string, password = TEST_PASSWORD) => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const body = res.json();
    const cookie = res.cookies.find((c) => c.name === 'shezu_sid')!.value;
    return makeClient(app, cookie, body.csrfToken, body.user.id, username);
  };
  return {
    app,
    database,
    login,
    async loginAs(opts) {
      const user = await createTestUser(database.db, opts);
      return login(user.username);
    },
    anonymous: () => makeClient(app, null, null, null, null),
    leakScanner: scanner,
    async close() {
      await app.close();
      await database.close();
      scanner.record();
      scanner.assertClean();
    },
  };
}
