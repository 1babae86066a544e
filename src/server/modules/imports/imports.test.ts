import { sealBytes } from '../../lib/personal-data.js';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/app.js';
import { PLACES } from '../../../../test/factories.js';
import { sql } from 'kysely';
import type { Actor } from '../../lib/context.js';
import { reportSheet } from '../../../../test/sheets.js';
import { defineImport, keyRounds } from './imports.definition.js';
import { interruptOrphanedImports, startImport } from './imports.service.js';
import { waitForImports } from './imports.runner.js';
import { holdRunnerLock, tryLockRunner, unlockRunner } from './imports.repository.js';

let t: TestApp;
let street: Client;
beforeAll(async () => {
  t = await createTestApp();
  street = await t.loginAs({ role: 'street_reviewer', regionCode: PLACES.wenshan });
});
afterAll(async () => {
  await waitForImports();
  await t?.close();
});

const csv = (names: string[]) => Buffer.from(`名称,组织形式,类别,所在区划代码\n${names.map((n) => `${n},草根,文体活动,${PLACES.cangkou}`).join('\n')}\n`);

function upload(c: Client, filename: string, content: Buffer) {
  const boundary = '----shezuimports';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`);
  const payload = Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return c.request({ method: 'POST', url: '/api/v1/orgs/import', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
}

/**
 * Another process's runner lock: on PostgreSQL on a connection of its own, as a process holds it; the embedded
 * database has one session, which holds it as well as any (pg_locks shows it either way).
 */
async function lockAs(runner: string): Promise<() => Promise<void>> {
  if (t.database.kind === 'postgres') return holdRunnerLock(t.database.db, runner);
  expect(await tryLockRunner(t.database.db, runner)).toBe(true);
  return () => unlockRunner(t.database.db, runner);
}

/** A one-row job running by `runner`, whose heartbeat is fresh. */
async function beatingJob(runner: string, name: string) {
  const id = randomUUID();
  await t.database.db
    .insertInto('import_jobs')
    .values({ id, user_id: street.userId!, kind: 'orgs', filename: 'c.csv', status: 'running', total: 1, file: sealBytes(csv([name])), runner, heartbeat_at: new Date(), created_at: new Date() })
    .execute();
  return id;
}

const countNamed = async (prefix: string) =>
  Number((await t.database.db.selectFrom('orgs').select((eb) => eb.fn.countAll<number>().as('n')).where('name', 'like', `${prefix}%`).executeTakeFirstOrThrow()).n);

/** The audit actions written about a job, sorted. */
const auditActionsOf = async (id: string) =>
  (await t.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).execute()).map((a) => a.action).sort();

/**
 * The state a crash leaves: the job row says running, by a runner that no longer beats, with the first `committed`
 * rows of its file written (they were, by an earlier import of those rows) and its watermark after them.
 */
async function crashedJob(c: Client, file: Buffer, committed: number, total: number) {
  const id = randomUUID();
  await t.database.db
    .insertInto('import_jobs')
    .values({
      id, user_id: c.userId!, kind: 'orgs', filename: '名单.csv', status: 'running', total, processed: committed, inserted: committed,
      file: sealBytes(file), runner: 'a-process-that-was-killed', heartbeat_at: new Date(Date.now() - 5 * 60_000), created_at: new Date(),
    })
    .execute();
  return id;
}

describe('import jobs across a restart', () => {
  it('shows a job whose process died as interrupted with its committed rows, and resumes it after them without duplicates', async () => {
    const names = Array.from({ length: 40 }, (_, i) => `续导测试队${i}`);
    const first = (await upload(street, 'a.csv', csv(names.slice(0, 25)))).json().id;
    await waitForImports();
    expect((await street.get(`/api/v1/imports/${first}`)).json()).toMatchObject({ status: 'done', inserted: 25 });
    const id = await crashedJob(street, csv(names), 25, 40);

    expect(await interruptOrphanedImports(t.database.db, 'pglite')).toBe(1);
    const job = (await street.get(`/api/v1/imports/${id}`)).json();
    expect(job).toMatchObject({ status: 'interrupted', processed: 25, inserted: 25, total: 40, resumable: true, reportUrl: null });
    expect((await street.get('/api/v1/imports?kind=orgs&status=interrupted')).json().items.map((j: { id: string }) => j.id)).toEqual([id]);

    const resumed = await street.post(`/api/v1/imports/${id}/resume`);
    expect(resumed.statusCode).toBe(202);
    expect(resumed.json().status).toBe('running');
    await waitForImports();
    // Rows 26–40 only were read: 15 more inserted, none matched again.
    expect((await street.get(`/api/v1/imports/${id}`)).json()).toMatchObject({ status: 'done', processed: 40, inserted: 40, unchanged: 0, rejected: 0, resumable: false });
    expect(await countNamed('续导测试队')).toBe(40);
    expect((await street.post(`/api/v1/imports/${id}/resume`)).statusCode).toBe(409);
  });

  it('reruns an interrupted job from the first row: committed rows are matched, not duplicated', async () => {
    const names = Array.from({ length: 30 }, (_, i) => `重导测试队${i}`);
    await upload(street, 'b.csv', csv(names.slice(0, 12)));
    await waitForImports();
    const id = await crashedJob(street, csv(names), 12, 30);
    // No start-up sweep here: a poll finds the heartbeat stale by itself (a shared PostgreSQL).
    expect((await street.get(`/api/v1/imports/${id}`)).json()).toMatchObject({ status: 'interrupted', processed: 12 });
    const other = await t.loginAs({ role: 'street_reviewer', regionCode: PLACES.wenshan });
    expect((await other.post(`/api/v1/imports/${id}/rerun`)).statusCode).toBe(404);
    expect((await street.post(`/api/v1/imports/${id}/rerun`)).statusCode).toBe(202);
    await waitForImports();
    expect((await street.get(`/api/v1/imports/${id}`)).json()).toMatchObject({ status: 'done', processed: 30, inserted: 18, unchanged: 12, rejected: 0 });
    expect(await countNamed('重导测试队')).toBe(30);
    expect(await auditActionsOf(id)).toEqual(['import.rerun', 'org.import_file']);
  });

  /**
   * A real database error mid-way: a trigger refuses the watermark of `filename`'s job past the first batch (250
   * rows), so its second batch, then that batch's rows one by one, then even the row-by-row report cannot commit
   * and the runner ends the job failed. The trigger goes before the next step.
   */
  async function failedMidway(filename: string, names: string[]) {
    const fn = `fail_${randomUUID().replace(/-/g, '')}`;
    await sql`create function ${sql.raw(fn)}() returns trigger language plpgsql as $$ begin raise exception 'disk full (test)'; end $$`.execute(t.database.db);
    await sql`create trigger ${sql.raw(fn)} before update on import_jobs for each row when (new.filename = ${sql.lit(filename)} and new.processed > 250) execute function ${sql.raw(fn)}()`.execute(t.database.db);
    try {
      const id = (await upload(street, filename, csv(names))).json().id;
      await waitForImports();
      return id as string;
    } finally {
      await sql`drop trigger ${sql.raw(fn)} on import_jobs`.execute(t.database.db);
      await sql`drop function ${sql.raw(fn)}()`.execute(t.database.db);
    }
  }

  it('offers a job that failed mid-way for rerun, which completes without duplicates; a done job cannot be rerun', async () => {
    const names = Array.from({ length: 260 }, (_, i) => `失败重导队${i}`);
    const id = await failedMidway('失败重导.csv', names);
    const failed = (await street.get(`/api/v1/imports/${id}`)).json();
    expect(failed).toMatchObject({ status: 'failed', processed: 250, inserted: 250, total: 260, resumable: true, reportUrl: null });
    // The office is told what to do in Chinese; the database's own words stay in the log.
    expect(failed.error).toMatch(/^导入因服务器错误中止.*从中断处继续或从头重新导入/);
    expect(failed.error).not.toMatch(/disk|full/);
    expect((await street.get('/api/v1/imports?kind=orgs&status=failed')).json().items.map((j: { id: string }) => j.id)).toContain(id);
    expect(await countNamed('失败重导队')).toBe(250);

    const other = await t.loginAs({ role: 'street_reviewer', regionCode: PLACES.wenshan });
    expect((await other.post(`/api/v1/imports/${id}/rerun`)).statusCode).toBe(404);
    const rerun = await street.post(`/api/v1/imports/${id}/rerun`);
    expect(rerun.statusCode).toBe(202);
    expect(rerun.json()).toMatchObject({ status: 'running', error: null });
    await waitForImports();
    expect((await street.get(`/api/v1/imports/${id}`)).json()).toMatchObject({ status: 'done', processed: 260, inserted: 10, unchanged: 250, rejected: 0, resumable: false, error: null });
    expect(await countNamed('失败重导队')).toBe(260);
    expect(await auditActionsOf(id)).toEqual(['import.rerun', 'org.import_file']);
    // Done: the file is dropped, nothing is left to rerun or resume.
    expect((await street.post(`/api/v1/imports/${id}/rerun`)).statusCode).toBe(409);
    expect((await street.post(`/api/v1/imports/${id}/resume`)).statusCode).toBe(409);
  });

  it('resumes a job that failed mid-way after its last committed row', async () => {
    const names = Array.from({ length: 270 }, (_, i) => `失败续导队${i}`);
    const id = await failedMidway('失败续导.csv', names);
    expect((await street.get(`/api/v1/imports/${id}`)).json()).toMatchObject({ status: 'failed', processed: 250, resumable: true });
    expect((await street.post(`/api/v1/imports/${id}/resume`)).statusCode).toBe(202);
    await waitForImports();
    // Rows 251–270 only were read: 20 more inserted, none matched again.
    expect((await street.get(`/api/v1/imports/${id}`)).json()).toMatchObject({ status: 'done', processed: 270, inserted: 270, unchanged: 0, rejected: 0 });
    expect(await countNamed('失败续导队')).toBe(270);
    expect(await auditActionsOf(id)).toEqual(['import.resume', 'org.import_file']);
  });

  it('leaves a running job of another live process alone on PostgreSQL, and every other runner\'s on the embedded database', async () => {
    // A live process holds its runner lock (what PostgreSQL drops when a process dies) and beats.
    const release = await lockAs('another-live-process');
    const id = await beatingJob('another-live-process', '活着的任务');
    expect(await interruptOrphanedImports(t.database.db, 'postgres')).toBe(0);
    expect((await street.get(`/api/v1/imports/${id}`)).json().status).toBe('running');
    expect(await interruptOrphanedImports(t.database.db, 'pglite')).toBe(1);
    expect((await street.get(`/api/v1/imports/${id}`)).json().status).toBe('interrupted');
    await release();
  });

  it('interrupts a running job on PostgreSQL as soon as its runner lock is gone, though its heartbeat is fresh', async () => {
    const release = await lockAs('a-process-about-to-die');
    const id = await beatingJob('a-process-about-to-die', '将死的任务');
    expect(await interruptOrphanedImports(t.database.db, 'postgres')).toBe(0);
    await release();
    // No start-up sweep: the next poll finds the runner gone.
    expect((await street.get(`/api/v1/imports/${id}`)).json()).toMatchObject({ status: 'interrupted', resumable: true });
  });

  it('stops a runner whose job another process took over: its batch rolls back and it writes the job no more', async () => {
    const names = Array.from({ length: 3_000 }, (_, i) => `接管测试队${i}`);
    const id = (await upload(street, 'f.csv', csv(names))).json().id;
    // What another process does with a job it found orphaned: interrupt it (runner null), then claim it.
    await t.database.db.updateTable('import_jobs').set({ status: 'running', runner: 'the-other-process' }).where('id', '=', id).execute();
    await waitForImports();
    const job = await t.database.db.selectFrom('import_jobs').select(['status', 'runner', 'processed', 'inserted']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'running', runner: 'the-other-process' });
    // Whatever this runner had committed before it was taken over matches the watermark it had written.
    expect(await countNamed('接管测试队')).toBe(job.inserted);
    expect(job.processed).toBeLessThan(3_000);
  });

  it('commits a record repeated within one batch once: the later row matches the earlier one', async () => {
    const res = await upload(street, 'd.csv', csv(['重复行测试队', '重复行测试队', '另一个重复行测试队', '重复行测试队']));
    await waitForImports();
    expect((await street.get(`/api/v1/imports/${res.json().id}`)).json()).toMatchObject({ inserted: 2, unchanged: 2, rejected: 0 });
    expect(await countNamed('重复行测试队')).toBe(1);
  });
});

/**
 * A test-only kind whose commit makes the database refuse one row (a division by zero) for a reason no row rule
 * foresaw: the machinery retries the batch row by row and reports that row, in Chinese, without the database's words.
 */
const failingImport = defineImport<{ name: string }, null>({
  kind: 'test.db_refuses',
  permission: 'org.import',
  header: { columns: [{ key: 'name', header: '名称', variants: [], width: 10 }, { key: 'note', header: '备注', variants: [], width: 10 }], hint: /名称/, noHeaderMessage: '未找到表头' },
  maxRows: 100,
  auditAction: 'test.import_file',
  parseRow: (row) => ({ row, draft: { name: String(row.values.get('name')) }, problems: [] }),
  loadBatch: async () => null,
  keysOf: (p) => [p.draft.name],
  async commitRound(trx, _ctx, rows) {
    for (const p of rows) if (p.draft.name === '拒收') await sql`select 1 / 0`.execute(trx);
    return rows.map(() => 'inserted' as const);
  },
});

async function actorOf(c: Client): Promise<Actor> {
  const u = await t.database.db
    .selectFrom('users as u')
    .innerJoin('regions as r', 'r.id', 'u.region_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.role', 'r.id as region_id', 'r.code', 'r.name', 'r.level'])
    .where('u.id', '=', c.userId!)
    .executeTakeFirstOrThrow();
  return { id: Number(u.id), username: u.username, displayName: u.display_name, role: u.role, region: { id: Number(u.region_id), code: u.code, name: u.name, level: u.level }, orgId: null };
}

describe('a row the database refuses', () => {
  it('is reported in Chinese without the database\'s message, and the other rows are committed', async () => {
    const ctx = { actor: await actorOf(street), requestId: 'test', ip: null };
    const { id } = await startImport(t.database.db, ctx, failingImport.kind, { buffer: Buffer.from('名称,备注\n甲,x\n拒收,x\n乙,x\n'), filename: 'f.csv' });
    await waitForImports();
    const job = (await street.get(`/api/v1/imports/${id}`)).json();
    expect(job).toMatchObject({ status: 'done', total: 3, inserted: 2, rejected: 1 });
    const problems = await reportSheet(street, job.reportUrl, '错误明细');
    expect(problems).toEqual([{ row: 3, column: '', message: expect.stringMatching(/^保存失败：写入数据库时出错.*请稍后重新导入该行/) }]);
    expect(JSON.stringify(problems)).not.toMatch(/division|zero|除/);
  });
});

describe('keyRounds', () => {
  it('puts the n-th occurrence of a key in round n, keeping file order, and joins keys across rows', () => {
    const rows = [
      { id: 1, keys: ['c:A'] },
      { id: 2, keys: ['n:x'] },
      { id: 3, keys: ['c:A', 'n:y'] },
      { id: 4, keys: ['n:y'] },
      { id: 5, keys: [] },
    ];
    expect(keyRounds(rows, (r) => r.keys).map((round) => round.map((r) => r.id))).toEqual([[1, 2, 5], [3], [4]]);
  });
});
