import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/server/db/database.js';
import { migrate } from '../src/server/db/migrate.js';
import { importRegions } from '../src/server/modules/regions/index.js';
import { createTestUser, PLACES } from './factories.js';
import { bigRegistryFile } from './sheets.js';
import { buildServer, callAs, cleanUp, signIn, spawnServer, startOrgImport, waitHealthy, type ProcessSession, type ServerProcess } from './server-process.js';

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

const bigFile = (codes: string[]) => bigRegistryFile(ROWS, '重启导入测试队', isBad, codes);

async function start() {
  const s = await spawnServer(dataDir, children);
  await waitHealthy(s);
  return s;
}

type Server = ServerProcess;
type Session = ProcessSession;
const login = (s: Server, username: string) => signIn(s, username);
const call = callAs;
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
    const id = await startOrgImport(server, who, file, '全区名单.xlsx');
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
