import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Database } from '../src/server/db/database.js';
import { migrate } from '../src/server/db/migrate.js';
import { buildApp } from '../src/server/app.js';
import { importRegions } from '../src/server/modules/regions/index.js';
import { waitForImports } from '../src/server/modules/imports/index.js';
import { testConfig } from '../test/app.js';
import { createTestUser, makeResidentId, PLACES, TEST_PASSWORD } from '../test/factories.js';
import { fmt, onPgliteAndPostgres } from './pg.js';

const THEMES = ['合唱团', '舞蹈队', '太极拳队', '书画社', '腰鼓队', '象棋社', '志愿服务队', '读书会', '平安巡逻队', '义工之家'];
const HEADER = ['名称', '组织形式', '类别', '所在区划代码', '负责人', '负责人身份证号', '联系电话', '个人会员数', '成立日期', '活动场所'];

/** An .xlsx as an office fills the template: `inOne` of the rows in one community, the others spread over all. */
async function makeFile(codes: string[], n: number, inOne: number, tag: string): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = wb.addWorksheet('名单');
  sheet.addRow(HEADER).commit();
  for (let i = 0; i < n; i++) {
    const code = i < inOne ? PLACES.cangkou : codes[i % codes.length];
    sheet.addRow([`${tag}${THEMES[i % THEMES.length]}${i}`, '备案', '文体活动', code, '李桂英', makeResidentId('360802', '19620304', i), '13807961234', 20 + (i % 50), '2015-06-01', '社区活动室']).commit();
  }
  sheet.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

/** ExcelJS alone reading the same file with the reader options the import uses: the floor of any import. */
export async function rawRead(buf: Buffer): Promise<number> {
  const t0 = performance.now();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buf]), { sharedStrings: 'cache', styles: 'cache', worksheets: 'emit', hyperlinks: 'ignore' });
  let rows = 0;
  for await (const sheet of reader) {
    for await (const row of sheet) rows += ((row as ExcelJS.Row).values as unknown[]).length > 0 ? 1 : 0;
    break;
  }
  if (rows === 0) throw new Error('the raw read found no rows');
  return (performance.now() - t0) / 1000;
}

function multipart(filename: string, content: Buffer) {
  const boundary = '----shezubench';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  return { payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

async function measureOn(database: Database, label: string) {
  const db = database.db;
  await migrate(db);
  await importRegions(db, '360802');
  const app = await buildApp({ database, config: testConfig(), web: false, logger: false });
  await app.ready();
  const login = async (role: 'district_admin' | 'street_reviewer', regionCode: string) => {
    const user = await createTestUser(db, { role, regionCode });
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: user.username, password: TEST_PASSWORD } });
    const body = res.json();
    const cookie = res.cookies.find((c) => c.name === 'shezu_sid')!.value;
    return (opts: { method: 'GET' | 'POST'; url: string; payload?: Buffer; headers?: Record<string, string> }) =>
      app.inject({ ...opts, cookies: { shezu_sid: cookie }, headers: { 'x-csrf-token': body.csrfToken, ...(opts.headers ?? {}) } });
  };
  const importer = await login('district_admin', PLACES.jizhou);
  const other = await login('street_reviewer', PLACES.wenshan);
  const codes = (await db.selectFrom('regions').select('code').where('level', '=', 5).orderBy('code').execute()).map((r) => r.code);
  const n = Number(process.env.BENCH_IMPORT_ROWS ?? 20_000);

  const runImport = async (file: Buffer) => {
    const t0 = performance.now();
    const res = await importer({ method: 'POST', url: '/api/v1/orgs/import', ...multipart('bench.xlsx', file) });
    if (res.statusCode !== 202) throw new Error(res.body);
    await waitForImports();
    const seconds = (performance.now() - t0) / 1000;
    const job = (await importer({ method: 'GET', url: `/api/v1/imports/${res.json().id}` })).json();
    return { seconds, job };
  };

  for (const [what, inOne, tag] of [[`over ${codes.length} communities`, 0, '散'], ['90% in one community', Math.floor(n * 0.9), '集']] as const) {
    const file = await makeFile(codes, n, inOne, tag);
    const raw = await rawRead(file);
    const { seconds, job } = await runImport(file);
    if (job.inserted !== n) {
      const report = new ExcelJS.Workbook();
      await report.xlsx.load((await importer({ method: 'GET', url: job.reportUrl })).rawPayload as unknown as ArrayBuffer);
      throw new Error(`expected ${n} inserted, got ${JSON.stringify(job)}: ${JSON.stringify(report.getWorksheet('错误明细')!.getSheetValues().slice(2, 6))}`);
    }
    console.log(
      `${label} import of ${fmt(n)} rows ${what}: ${seconds.toFixed(1)} s = ${fmt(n / seconds)} rows/s` +
        `; ExcelJS reading the same file: ${raw.toFixed(1)} s = ${fmt(n / raw)} rows/s (import ${(seconds / raw).toFixed(1)}× the raw read)`,
    );
  }

  // Another user searching the registry (page + total, as the list page asks) while a 10,000-row file imports.
  const search = async () => {
    const t0 = performance.now();
    const res = await other({ method: 'GET', url: `/api/v1/orgs?q=${encodeURIComponent('合唱')}&page=1&pageSize=20` });
    if (res.statusCode !== 200) throw new Error(res.body);
    return performance.now() - t0;
  };
  const idle: number[] = [];
  for (let i = 0; i < 30; i++) idle.push(await search());
  const file = await makeFile(codes, 10_000, 0, '延');
  const during: number[] = [];
  let importing = true;
  const probe = (async () => {
    while (importing) {
      during.push(await search());
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const { seconds } = await runImport(file);
  importing = false;
  await probe;
  console.log(
    `${label} another user's search during a 10,000-row import (${seconds.toFixed(1)} s, ${during.length} searches): p50 ${pct(during, 50).toFixed(0)} ms, p99 ${pct(during, 99).toFixed(0)} ms, max ${Math.max(...during).toFixed(0)} ms` +
      `; without an import: p50 ${pct(idle, 50).toFixed(0)} ms, p99 ${pct(idle, 99).toFixed(0)} ms`,
  );
  await app.close();
}

/** Import speed beside a raw ExcelJS read, and other users' latency during an import, on PGlite and PostgreSQL. */
export async function importsBench() {
  await onPgliteAndPostgres('bench-import', measureOn);
  console.log('  goals: import ≥ 5,000 rows/s in both files; other requests p99 ≤ 500 ms during an import');
}
