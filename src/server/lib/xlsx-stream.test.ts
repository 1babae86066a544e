import { PassThrough, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { zipBacklog, zipCaughtUp } from './xlsx-stream.js';

/** Writes `pages` pages of rows to a streaming workbook; returns the largest backlog seen after each page. */
async function writeRows(pages: number, wait: boolean) {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('表');
  sheet.columns = [{ header: '名称', key: 'name' }, { header: '宗旨', key: 'purpose' }];
  let bytes = 0;
  // A slow client: it takes a chunk every few milliseconds.
  const download = pipeline(out, new Writable({ highWaterMark: 1024, write: (c, _e, cb) => ((bytes += c.length), setTimeout(cb, 2)) }));
  let maxBacklog = 0;
  for (let p = 0; p < pages; p++) {
    for (let i = 0; i < 1000; i++) sheet.addRow({ name: `测试组织${p}-${i}`, purpose: `丰富居民文化生活${Math.random()}` }).commit();
    if (wait) await zipCaughtUp(sheet);
    else await new Promise((r) => setImmediate(r));
    maxBacklog = Math.max(maxBacklog, zipBacklog(sheet));
  }
  sheet.commit();
  await workbook.commit();
  await download;
  return { maxBacklog, bytes };
}

describe('streaming xlsx backpressure', () => {
  it('keeps the sheet XML waiting for the zip bounded when the writer waits for it after each page', async () => {
    const unpaced = await writeRows(30, false);
    const paced = await writeRows(30, true);
    // Without waiting, the rows pile up in front of the compressor (the memory an export of 100k rows lost).
    expect(unpaced.maxBacklog).toBeGreaterThan(1024 * 1024);
    // Waiting leaves at most one page of rows (about 70 KB of XML) in front of it.
    expect(paced.maxBacklog).toBeLessThan(256 * 1024);
    expect(paced.bytes).toBeGreaterThan(100_000);
  }, 60_000);
});
