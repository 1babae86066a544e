import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { ChildProcess } from 'node:child_process';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/server/db/database.js';
import { migrate } from '../src/server/db/migrate.js';
import { importRegions } from '../src/server/modules/regions/index.js';
import { createTestUser, makeResidentId, PLACES, TEST_PASSWORD } from './factories.js';
import { buildServer, cleanUp, spawnServer, waitHealthy, type ServerProcess } from './server-process.js';

/**
 * issue 11 §4 acceptance: a real server process on an embedded data directory is killed (SIGKILL) in the middle of
 * a large import; after a restart the job shows as interrupted with what it had committed, and resuming, then
 * (after a second kill) rerunning it, leaves exactly the file's valid rows in the registry.
 */
beforeAll(buildServer, 60_000);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shezu-import-restart-'));
const children: ChildProcess[] = [];
afterAll(() => cleanUp(children, dataDir));

const ROWS = 6_000;
/** Every 50th row names a legal form that does not exist: refused, reported, never stored. */
const isBad = (i: number) => i % 50 === 49;
const VALID = Array.from({ length: ROWS }, (_, i) => i).filter((i) => !isBad(i)).length;

async function bigFile(codes: string[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = wb.addWorksheet('名单');
  sheet.addRow(['名称', '组织形式', '类别', '所在区划代码', '负责人', '负责人身份证号', '联系电话', '个人会员数']).commit();
  for (let i = 0; i < ROWS; i++) {
    sheet.addRow([`重启导入测试队${i}`, isBad(i) ? '某种形式' : '备案', '文体活动', codes[i % codes.length], '李桂英', makeResidentId('360802', '19620304', i), '13807961234', 20 + (i % 30)]).commit();
  }
  sheet.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

async function start() {
  const s = await spawnServer(dataDir, children);
  await waitHealthy(s);
  return s;
}

type Server = ServerProcess;

async function login(s: Server, username: string) {
  const res = await s.fetch('/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: TEST_PASSWORD }) });
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('shezu_sid='))!;
  return { cookie, csrf: (await res.json()).csrfToken as string };
}

type Session = Awaited<ReturnType<typeof login>>;
const call = (s: Server, who: Session, url: string, init: RequestInit = {}) =>
  s.fetch(url, { ...init, headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, ...(init.headers ?? {}) } });
const job = async (s: Server, who: Session, id: string) => (await call(s, who, `/imports/${id}`)).json();

/** Kills the server (SIGKILL: no clean stop) once the job has committed some rows but not all. */
async function killMidway(s: Server, who: Session, id: string, after: number) {
  for (;;) {
    const j = await job(s, who, id);
    expect(j.status).toBe('running');
    if (j.processed > after) break;
    await new Promise((r) => setTimeout(r, 30));
  }
  s.child.kill('SIGKILL');
  await s.exited;
}

describe('an import interrupted by a kill', () => {
  it('is shown as interrupted after a restart, and resuming or rerunning it creates no duplicates', async () => {
    const prep = await openDatabase({ dataDir });
    await migrate(prep.db);
    await importRegions(prep.db, PLACES.jizhou);
    const user = await createTestUser(prep.db, { role: 'district_admin', regionCode: PLACES.jizhou });
    const codes = (await prep.db.selectFrom('regions').select('code').where('level', '=', 5).orderBy('code').execute()).map((r) => r.code);
    await prep.close();
    const file = await bigFile(codes);

    let server = await start();
    let who = await login(server, user.username);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)]), '全区名单.xlsx');
    const res = await call(server, who, '/orgs/import', { method: 'POST', body: form });
    expect(res.status).toBe(202);
    const id = (await res.json()).id as string;
    await killMidway(server, who, id, 0);

    server = await start();
    who = await login(server, user.username);
    const interrupted = await job(server, who, id);
    expect(interrupted).toMatchObject({ status: 'interrupted', resumable: true, total: ROWS });
    expect(interrupted.processed).toBeGreaterThan(0);
    expect(interrupted.processed).toBeLessThan(ROWS);
    // What it shows as committed is what is stored: inserted + rejected rows = the watermark.
    expect(interrupted.inserted + interrupted.rejected).toBe(interrupted.processed);
    const listed = (await (await call(server, who, '/imports?status=interrupted')).json()).items;
    expect(listed.map((j: { id: string }) => j.id)).toEqual([id]);

    expect((await call(server, who, `/imports/${id}/resume`, { method: 'POST' })).status).toBe(202);
    await killMidway(server, who, id, interrupted.processed);

    server = await start();
    who = await login(server, user.username);
    const again = await job(server, who, id);
    expect(again.status).toBe('interrupted');
    expect(again.processed).toBeGreaterThan(interrupted.processed);
    expect((await call(server, who, `/imports/${id}/rerun`, { method: 'POST' })).status).toBe(202);
    let done;
    for (;;) {
      done = await job(server, who, id);
      if (done.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    // A rerun reads every row again: the committed ones are matched and left as they are.
    expect(done).toMatchObject({ status: 'done', processed: ROWS, inserted: VALID - again.inserted, unchanged: again.inserted, rejected: ROWS - VALID });
    const report = await call(server, who, `/imports/${id}/report.xlsx`);
    expect(report.status).toBe(200);
    expect(report.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('导入报告.xlsx')}`);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);

    const check = await openDatabase({ dataDir });
    try {
      const count = async (table: 'orgs' | 'org_history') =>
        Number((await check.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      expect(await count('orgs')).toBe(VALID);
      expect(await count('org_history')).toBe(VALID);
      const names = await check.db.selectFrom('orgs').select('name').groupBy('name').having((eb) => eb.fn.countAll(), '>', 1).execute();
      expect(names).toEqual([]);
      const stats = await check.db.selectFrom('stats_counters').select((eb) => eb.fn.sum<number>('n').as('n')).where('region_id', '=', (eb) => eb.selectFrom('regions').select('id').where('code', '=', PLACES.jizhou)).executeTakeFirstOrThrow();
      // The stats triggers saw every committed row once, none of the rolled-back batches.
      expect(Number(stats.n)).toBe(VALID);
    } finally {
      await check.close();
    }
  }, 400_000);
});
