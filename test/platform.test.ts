import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.js';
import { testDbMode } from './db-mode.js';
import { readMigrations } from '../src/server/db/migrate.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('platform contract', () => {
  it('GET /api/v1/health answers without a session', async () => {
    const res = await t.anonymous().get('/api/v1/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: testDbMode(), migrations: readMigrations().length });
  });

  it('publishes the OpenAPI document and its UI', async () => {
    const json = await t.anonymous().get('/api/docs/json');
    expect(json.statusCode).toBe(200);
    const doc = json.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of ['/api/v1/health', '/api/v1/auth/login', '/api/v1/regions/{code}', '/api/v1/regions/{code}/children', '/api/v1/audit', '/api/v1/users']) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    const ui = await t.anonymous().get('/api/docs');
    expect([200, 302]).toContain(ui.statusCode);
  });

  it('sends security headers and a request id', async () => {
    const res = await t.anonymous().get('/api/v1/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
  });
});
