// One export in a process of its own, so its peak RSS is its own:
// `node --import tsx bench/orgs-export.child.ts <dataDir> <region|''> <export|raw|read>`. `raw` writes the same rows
// with ExcelJS alone (read from the database first, untimed): the floor any export can reach. `read` reads the export's
// pages from the database and writes nothing: what of the memory is the database's (its buffer cache fills as pages
// are read, up to shared_buffers).
import { PassThrough, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { openDatabase } from '../src/server/db/database.js';
import { exportOrgs } from '../src/server/modules/orgs/orgs.export.js';
import { iterateOrgsForExport } from '../src/server/modules/orgs/orgs.repository.js';

const [dataDir, region, mode = 'export'] = process.argv.slice(2);
const database = await openDatabase({ dataDir });
const ctx = { actor: { id: 0, username: 'bench', displayName: 'bench', role: 'district_admin' as const, region: null, orgId: null }, requestId: 'bench', ip: null };
// The raw write's rows: the export's own first sheet rows, read back once (untimed) from a first export.
let rawRows: unknown[][] = [];
if (mode === 'raw') {
  const chunks: Buffer[] = [];
  await pipeline(await exportOrgs(database.db, ctx, region ? { region } : {}), new Writable({ write(c, _e, cb) { chunks.push(c); cb(); } }));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  rawRows = (wb.worksheets[0].getSheetValues() as unknown[][]).slice(2).map((r) => r.slice(1));
} else {
  // Warm the database (first queries grow its memory) before taking the starting point.
  await database.db.selectFrom('orgs').selectAll().limit(2000).execute();
}
const rssBefore = process.memoryUsage().rss;
let peak = rssBefore;
let heapPeak = 0;
const timer = setInterval(() => {
  const m = process.memoryUsage();
  peak = Math.max(peak, m.rss);
  heapPeak = Math.max(heapPeak, m.heapUsed);
}, 20);
let bytes = 0;
const sink = new Writable({ write(c, _e, cb) { bytes += c.length; cb(); } });
const t0 = performance.now();
if (mode === 'raw') {
  const out = new PassThrough();
  const done = pipeline(out, sink);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = wb.addWorksheet('社会组织名录');
  sheet.addRow(['名称']).commit();
  for (const r of rawRows) sheet.addRow(r).commit();
  sheet.commit();
  await wb.commit();
  await done;
} else if (mode === 'read') {
  const scope = region ? await database.db.selectFrom('regions').select(['id', 'level']).where('code', '=', region).executeTakeFirstOrThrow() : null;
  for await (const rows of iterateOrgsForExport(database.db, { scope: { region: scope ? { column: `level${scope.level as 4}_id`, id: Number(scope.id) } : null, org: null } }, 'masked')) bytes += rows.length;
} else {
  await pipeline(await exportOrgs(database.db, ctx, region ? { region } : {}), sink);
}
const seconds = (performance.now() - t0) / 1000;
clearInterval(timer);
// A loop that never waits on a timer gives the sampler no turn: the memory it left is measured at the end too.
peak = Math.max(peak, process.memoryUsage().rss);
await database.close();
console.log(JSON.stringify({ seconds, bytes, rssBefore, peak, heapPeak, rows: mode === 'raw' ? rawRows.length : undefined }));
