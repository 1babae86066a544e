import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';

type SheetWriter = ExcelJS.Worksheet;
interface StreamBufInternals {
  pipes?: ZipEntry[];
}
/** archiver's entry streams come from readable-stream 2 (no writableLength/writableNeedDrain): read their state. */
type ZipEntry = Writable & { _writableState?: { length: number; needDrain: boolean } };

/** The zip entry a streaming worksheet writes into, once the zip has started reading it (null before). */
function zipEntryOf(sheet: SheetWriter): ZipEntry | null {
  const buf = (sheet as unknown as { stream?: StreamBufInternals }).stream;
  if (!buf || !Array.isArray(buf.pipes)) throw new Error('ExcelJS worksheet writer without its StreamBuf: check the exceljs version');
  return buf.pipes[0] ?? null;
}

/** Bytes of sheet XML written but not yet taken by the zip's compressor. */
export function zipBacklog(sheet: SheetWriter): number {
  const entry = zipEntryOf(sheet);
  return entry?._writableState?.length ?? 0;
}

/**
 * Waits until the zip has caught up with the rows committed so far. ExcelJS's StreamBuf (batch mode) hands each 64 KB
 * of sheet XML to the zip without waiting for it (exceljs lib/utils/stream-buf.js, `_pipe` not awaited), so rows
 * produced faster than deflate runs — or than a slow client downloads — pile up in memory: +130 MB at 100k rows,
 * growing with the row count. Called after each page of rows, it keeps an export's memory flat.
 */
export async function zipCaughtUp(sheet: SheetWriter): Promise<void> {
  const entry = zipEntryOf(sheet);
  if (entry?._writableState?.needDrain) await once(entry, 'drain');
}
