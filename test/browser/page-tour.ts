import type { Page } from 'playwright-core';
import { loginInBrowser, type BrowserHarness } from './browser.js';
import { TEST_PASSWORD } from '../factories.js';

/** One page of a tour: who opens it (null: nobody signed in), where, and what shows it is drawn. */
export interface TourStop {
  name: string;
  user: string | null;
  path: () => string;
  ready: string;
}

/**
 * Opens each page of a tour at one viewport (one browser page per user, signed in once) and collects what
 * `look` finds on it, each finding prefixed with the page's name. `prepare` runs on a new browser page before
 * it signs in (the English tour sets the language there).
 */
export async function tourPages(
  h: BrowserHarness,
  viewport: { width: number; height: number },
  stops: TourStop[],
  look: (page: Page) => Promise<string[]>,
  prepare?: (page: Page) => Promise<void>,
): Promise<string[]> {
  const found: string[] = [];
  const pages = new Map<string | null, Page>();
  for (const stop of stops) {
    let page = pages.get(stop.user);
    if (!page) {
      page = await h.newPage(viewport);
      await prepare?.(page);
      if (stop.user) await loginInBrowser(h, page, stop.user, TEST_PASSWORD);
      pages.set(stop.user, page);
    }
    await page.goto(`${h.baseUrl}${stop.path()}`);
    await page.locator(stop.ready).first().waitFor();
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
    for (const f of await look(page)) found.push(`${stop.name}: ${f}`);
  }
  return found;
}
