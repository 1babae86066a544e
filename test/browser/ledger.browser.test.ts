import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, createTestUser, PLACES, TEST_PASSWORD } from '../factories.js';
import { loginInBrowser, startBrowserHarness, type BrowserHarness } from './browser.js';

/**
 * Issue 13 item 1 at phone width, as the acceptance names it: `cangkou-staff` enters an activity with a photo for an
 * organization of 仓口社区 (field messages first, then the camera input), and it shows on the organization's
 * 活动台账 tab with its thumbnail, stripped of its EXIF; the street's ledger counts it under 仓口社区.
 */
const LONG = 180_000;
let h: BrowserHarness;
let orgId: number;
let photo: string;
beforeAll(async () => {
  h = await startBrowserHarness();
  const db = h.database.db;
  await createTestUser(db, { role: 'community_staff', regionCode: PLACES.cangkou, username: 'cangkou-staff' });
  await createTestUser(db, { role: 'street_reviewer', regionCode: PLACES.wenshan, username: 'wenshan-reviewer' });
  orgId = (await createTestOrg(db, { name: '仓口社区象棋社', regionCode: PLACES.cangkou, foundedOn: '2019-05-01' })).id;
  await createTestOrg(db, { name: '仓口社区舞蹈队', regionCode: PLACES.cangkou, foundedOn: '2018-05-01' });
  await createTestOrg(db, { name: '新村社区合唱团', regionCode: PLACES.xincun, foundedOn: '2020-03-01' });
  photo = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-photo-')), 'IMG_2041.jpg');
  // A phone photo: 2000×1500 with a GPS position in its EXIF.
  fs.writeFileSync(photo, await sharp({ create: { width: 2000, height: 1500, channels: 3, background: '#e0a030' } }).jpeg().withExifMerge({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '27/1 7/1 0/1' } }).toBuffer());
}, LONG);
afterAll(async () => h?.close());

describe('the phone-first ledger entry', () => {
  it('cangkou-staff enters an activity with a photo at 390 px; it shows on the record and in the street totals', async () => {
    const page = await h.newPage({ width: 390, height: 844 });
    await loginInBrowser(h, page, 'cangkou-staff', TEST_PASSWORD);
    await page.goto(`${h.baseUrl}/ledger/new`);
    await page.locator('.ledger-entry').waitFor();
    // Only the community's own organizations are offered; saving empty names each missing field in Chinese.
    await page.locator('.ledger-entry button[type=submit]').click();
    await page.getByText('请选择组织').first().waitFor();
    await page.getByText('请填写活动名称').first().waitFor();
    await page.locator('#activityForm_orgId').click();
    await page.locator('.ant-select-item-option', { hasText: '仓口社区舞蹈队' }).waitFor();
    expect(await page.locator('.ant-select-item-option').allTextContents()).toEqual(['仓口社区舞蹈队', '仓口社区象棋社']);
    await page.keyboard.type('象棋');
    await page.keyboard.press('Enter');
    await page.locator('#activityForm_title').fill('象棋友谊赛');
    await page.locator('#activityForm_activityType').click();
    await page.locator('.ant-select-item-option', { hasText: '文体活动' }).click();
    await page.locator('#activityForm_place').fill('社区活动室');
    await page.locator('#activityForm_participants').fill('24');
    const camera = page.locator('.ledger-camera input');
    expect(await camera.getAttribute('capture')).toBe('environment');
    expect(await camera.getAttribute('accept')).toBe('image/*');
    await camera.setInputFiles(photo);
    await page.locator('.ledger-thumb img').waitFor();
    // Big tap targets: the save button is at least 44 px high on the phone.
    const save = await page.locator('.ledger-entry button[type=submit]').boundingBox();
    expect(save!.height).toBeGreaterThanOrEqual(44);
    await page.locator('.ledger-entry button[type=submit]').click();
    await page.locator('.ant-result-success').waitFor();
    await h.screenshot(page, 'ledger-entry-saved-390');

    await page.getByRole('button', { name: '查看该组织的台账' }).click();
    await page.locator('.ledger-timeline').waitFor();
    await page.getByText('象棋友谊赛').waitFor();
    const thumb = page.locator('.ledger-timeline img').first();
    await thumb.waitFor();
    const src = (await thumb.getAttribute('src'))!;
    const image = await page.evaluate(async (u) => Array.from(new Uint8Array(await (await fetch(u)).arrayBuffer())), src);
    const meta = await sharp(Buffer.from(image)).metadata();
    expect(Math.max(meta.width!, meta.height!)).toBe(320);
    expect(meta.exif).toBeUndefined();
    await h.screenshot(page, 'ledger-org-tab-390');

    const street = await h.newPage({ width: 390, height: 844 });
    await loginInBrowser(h, street, 'wenshan-reviewer', TEST_PASSWORD);
    await street.goto(`${h.baseUrl}/ledger`);
    const row = street.locator('.ledger-page .ant-table-row', { hasText: '仓口社区' }).first();
    await row.waitFor();
    expect(await row.textContent()).toContain('24');
    expect(orgId).toBeGreaterThan(0);
  }, LONG);
});
