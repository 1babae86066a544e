import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { WEB_DIST } from '../../src/server/plugins/static-web.js';
import type { Database } from '../../src/server/db/database.js';
import { openTestDatabase } from '../db.js';
import { testConfig } from '../app.js';
import { installLeakScan, LeakScanner } from '../leak-scan.js';

export const CHROMIUM = '/usr/bin/chromium';

/** Launch flags for this closed network (DEVELOPERS.md): never download, never phone home. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface BrowserHarness {
  app: FastifyInstance;
  database: Database;
  browser: Browser;
  baseUrl: string;
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

/** The real built web app served by the real server on a test database, driven by Debian's chromium. */
export async function startBrowserHarness(): Promise<BrowserHarness> {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    throw new Error('dist/web is not built: run `npm test` (its pretest builds it) or `npm run build:web`');
  }
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run \`npm test\` (its pretest installs it)`);
  const database = await openTestDatabase();
  // What the pages are answered and what the server logs meanwhile, scanned for personal data (test/leak-scan.ts);
  // a leak fails the file when the harness closes.
  const scanner = new LeakScanner();
  const app = await buildApp({ database, config: testConfig({ logLevel: loadConfig({}).logLevel }), web: true, logStream: scanner.logStream });
  installLeakScan(app, scanner);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const shots = fs.mkdtempSync(path.join(os.tmpdir(), 'shezu-shots-'));
  return {
    app,
    database,
    browser,
    baseUrl,
    async newPage(viewport = { width: 1366, height: 800 }) {
      const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      const page = await context.newPage();
      // Generous: CI machines are small (two cores shared by parallel test files and chromium) and a step may wait on
      // several requests (a save, then a submission); one CI run saw a submission take over 30 s.
      page.setDefaultTimeout(60_000);
      page.setDefaultNavigationTimeout(60_000);
      return page;
    },
    async screenshot(page, name) {
      const file = path.join(process.env.SHEZU_SHOTS_DIR ?? shots, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      await browser.close();
      await app.close();
      await database.close();
      scanner.record();
      scanner.assertClean();
    },
  };
}

export async function loginInBrowser(h: BrowserHarness, page: Page, username: string, password: string) {
  await page.goto(`${h.baseUrl}/login`);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}
