import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomInt } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase, type Database } from '../src/server/db/database.js';
import { testDbMode } from './db-mode.js';
import { createTestPgDatabase, TEST_DATA_KEY } from './db.js';
import { createTestUser, PLACES } from './factories.js';
import { testAppOn } from './app.js';
import { submitFiling } from './applications.js';
import { recordScore } from './scoreboard.js';
import { bigRegistryFile } from './sheets.js';
import { buildServer, callAs, startOrgImport, signIn, spawnServer, waitHealthy, type ProcessSession, type ServerProcess } from './server-process.js';

/**
 * issue 12 §4, crash safety: the compiled server (as `npm start` runs it) on the suite's database — an embedded data
 * directory, or a PostgreSQL database of its own when the suite runs on PostgreSQL — is killed with SIGKILL at seeded
 * random moments of a large import and of a run of review decisions, restarted, and what it had acknowledged is
 * checked against what is stored. The seed is printed; SHEZU_CRASH_SEED repeats a run.
 */
const mode = testDbMode();
const SEED = process.env.SHEZU_CRASH_SEED ? Number(process.env.SHEZU_CRASH_SEED) : randomInt(2 ** 31);
console.log(`crash safety [${mode}]: seed ${SEED} (SHEZU_CRASH_SEED=${SEED} repeats this run)`);

/** mulberry32: a small seeded generator, so the moments tried follow from the seed alone. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = seeded(SEED);

beforeAll(buildServer, 60_000);
const children: ChildProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await Promise.all(children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : null)));
  for (const c of cleanups) await c();
});

/** Where the server keeps its data: a data directory (PGlite) or a PostgreSQL database; `open` is a direct look in. */
interface Store {
  dataDir: string;
  databaseUrl?: string;
  open(): Promise<Database>;
}

async function newStore(): Promise<Store> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shezu-crash-'));
  cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  if (mode === 'postgres') {
    const { url, drop } = await createTestPgDatabase();
    cleanups.push(drop);
    return { dataDir, databaseUrl: url, open: () => openDatabase({ databaseUrl: url, poolSize: 2 }) };
  }
  // The suite's migrated template (with 吉州区), unpacked into the directory: a new directory migrated here takes ~10 s.
  const unpack = new PGlite(dataDir, { loadDataDir: new Blob([fs.readFileSync(inject('pgliteTemplate'))]) });
  await unpack.waitReady;
  await unpack.close();
  return { dataDir, open: () => openDatabase({ dataDir }) };
}

/**
 * The server on the store; the rate limit is lifted because the client polls a job every few milliseconds, and the
 * data key is the test's own, because the filings are prepared in this process and the server must open them.
 */
async function start(store: Store): Promise<ServerProcess> {
  const s = await spawnServer(store.dataDir, children, { databaseUrl: store.databaseUrl, env: { SHEZU_RATE_LIMIT: '1000000', SHEZU_DATA_KEY: TEST_DATA_KEY } });
  await waitHealthy(s);
  return s;
}

async function kill(s: ServerProcess) {
  s.child.kill('SIGKILL');
  await s.exited;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function withStore<T>(store: Store, f: (db: Database['db']) => Promise<T>): Promise<T> {
  const database = await store.open();
  try {
    return await f(database.db);
  } finally {
    await database.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// A large import killed at several moments

const ROWS = 20_000;
const KILLS = 3;
const PREFIX = '断电测试队';
/** Every 40th row names a legal form that does not exist: refused and reported, never stored. */
const isBad = (i: number) => i % 40 === 39;
const VALID = Array.from({ length: ROWS }, (_, i) => i).filter((i) => !isBad(i)).length;
const validBelow = (n: number) => Array.from({ length: n }, (_, i) => i).filter((i) => !isBad(i));

const bigFile = (codes: string[]) => bigRegistryFile(ROWS, PREFIX, isBad, codes);

interface JobView {
  status: string;
  processed: number;
  inserted: number;
  unchanged: number;
  rejected: number;
  resumable: boolean;
}

const readJob = async (s: ServerProcess, who: ProcessSession, id: string): Promise<JobView> => (await callAs(s, who, `/imports/${id}`)).json();

/**
 * Polls the job (what the client is told is committed: the acknowledged watermark) until it has passed `target`
 * rows, waits `delayMs` more so the kill falls at any point of a batch, and kills the server. Returns the last
 * acknowledged reading.
 */
async function killAfter(s: ServerProcess, who: ProcessSession, id: string, target: number, delayMs: number): Promise<JobView> {
  let ack: JobView;
  for (;;) {
    ack = await readJob(s, who, id);
    expect(ack.status, 'the job ended before its kill').toBe('running');
    if (ack.processed >= target) break;
    // Close to the moment the client reads often; before it, rarely: every poll is a query the import waits behind.
    await sleep(target - ack.processed > 1_500 ? 150 : 15);
  }
  const until = Date.now() + delayMs;
  while (Date.now() < until) {
    const j = await readJob(s, who, id);
    if (j.status === 'running') ack = j;
    await sleep(10);
  }
  await kill(s);
  return ack;
}

describe('crash safety: a large import killed at random moments', () => {
  it(`keeps every acknowledged row exactly once, no half batch, and completes after ${KILLS} kills without duplicates`, async () => {
    const t0 = Date.now();
    const store = await newStore();
    const { user, codes } = await withStore(store, async (db) => ({
      user: await createTestUser(db, { role: 'district_admin', regionCode: PLACES.jizhou }),
      codes: (await db.selectFrom('regions').select('code').where('level', '=', 5).orderBy('code').execute()).map((r) => r.code),
    }));
    const file = await bigFile(codes);

    let server = await start(store);
    let who = await signIn(server, user.username);
    const id = await startOrgImport(server, who, file, '断电测试名单.xlsx');

    // Rows stored by any run of the job so far (a rerun starts its watermark again at 0 and matches them).
    let highWater = 0;
    let rowsChecked = 0;
    let run: 'start' | 'resume' | 'rerun' = 'start';
    for (let k = 0; k < KILLS; k++) {
      // The k-th moment falls in the k-th of KILLS parts of the file's first half (a rerun starts again from row 0),
      // plus up to 120 ms; the rest of the file is then imported once, so the run's time stays that of ~1.2 imports.
      const target = Math.floor((ROWS * (k + random())) / (2 * KILLS));
      const delayMs = Math.floor(random() * 120);
      const ack = await killAfter(server, who, id, target, delayMs);

      // What the dead process left, read directly: the job still says running, its watermark covers what the client
      // was told, and the registry holds exactly the valid rows under the highest watermark, each once.
      const left = await withStore(store, async (db) => ({
        job: await db.selectFrom('import_jobs').select(['status', 'processed', 'inserted', 'updated', 'unchanged', 'rejected']).where('id', '=', id).executeTakeFirstOrThrow(),
        names: (await db.selectFrom('orgs').select('name').where('name', 'like', `${PREFIX}%`).execute()).map((r) => r.name),
        problemRows: Number((await db.selectFrom('import_job_problems').select((eb) => eb.fn.count<number>('row_number').distinct().as('n')).where('job_id', '=', id).executeTakeFirstOrThrow()).n),
      }));
      console.log(
        `crash safety [${mode}] seed ${SEED}: kill ${k + 1} after row ≥ ${target} + ${delayMs} ms of its ${run}: acknowledged ${ack.processed} rows, ` +
          `${left.job.processed} committed`,
      );
      expect(left.job.status).toBe('running');
      expect(left.job.processed).toBeGreaterThanOrEqual(ack.processed);
      expect(left.job.inserted).toBeGreaterThanOrEqual(ack.inserted);
      // The watermark and the counts are written in each batch's own transaction: they agree row for row.
      expect(left.job.inserted + left.job.updated + left.job.unchanged + left.job.rejected).toBe(left.job.processed);
      expect(left.problemRows).toBe(left.job.rejected);
      highWater = Math.max(highWater, left.job.processed);
      const expected = validBelow(highWater).map((i) => `${PREFIX}${i}`);
      expect(left.names.length, 'a row stored twice, or a row of a batch that did not commit').toBe(expected.length);
      expect(new Set(left.names)).toEqual(new Set(expected));
      rowsChecked += left.names.length;

      server = await start(store);
      who = await signIn(server, user.username);
      // The start-up sweep (or, on PostgreSQL, the first poll that finds the runner gone) shows the job interrupted.
      let after = await readJob(server, who, id);
      for (let waited = 0; after.status === 'running' && waited < 10_000; waited += 100) {
        await sleep(100);
        after = await readJob(server, who, id);
      }
      expect(after).toMatchObject({ status: 'interrupted', resumable: true, processed: left.job.processed, inserted: left.job.inserted, rejected: left.job.rejected });
      // Rerun once, after the first kill (it reads the committed rows again and must match every one), then resume.
      run = k === 0 ? 'rerun' : 'resume';
      expect((await callAs(server, who, `/imports/${id}/${run}`, { method: 'POST' })).status).toBe(202);
    }

    let done: JobView;
    for (;;) {
      done = await readJob(server, who, id);
      if (done.status !== 'running') break;
      await sleep(200);
    }
    expect(done).toMatchObject({ status: 'done', processed: ROWS, rejected: ROWS - VALID });
    expect(done.inserted + done.unchanged).toBe(VALID);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);

    await withStore(store, async (db) => {
      const names = (await db.selectFrom('orgs').select('name').where('name', 'like', `${PREFIX}%`).execute()).map((r) => r.name);
      expect(names.length).toBe(VALID);
      expect(new Set(names).size).toBe(VALID);
      const history = await db.selectFrom('org_history').innerJoin('orgs', 'orgs.id', 'org_history.org_id').select((eb) => eb.fn.countAll<number>().as('n')).where('orgs.name', 'like', `${PREFIX}%`).executeTakeFirstOrThrow();
      expect(Number(history.n)).toBe(VALID);
      const stats = await db
        .selectFrom('stats_counters')
        .select((eb) => eb.fn.sum<number>('n').as('n'))
        .where('region_id', '=', (eb) => eb.selectFrom('regions').select('id').where('code', '=', PLACES.jizhou))
        .executeTakeFirstOrThrow();
      // The stats triggers saw every committed row once and none of the batches the kills cut off.
      expect(Number(stats.n)).toBe(VALID);
      rowsChecked += names.length;
    });
    console.log(`crash safety [${mode}] seed ${SEED}: import of ${ROWS} rows survived ${KILLS} kills, ${rowsChecked} rows checked, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    recordScore('crash safety', { 'kills survived': KILLS, 'rows checked': rowsChecked });
  }, 400_000);
});

// ---------------------------------------------------------------------------------------------------------------
// Review decisions killed in flight

const APPLICATIONS = 16;
const DECISION_KILLS = 3;
/** Decisions sent at once: the server is always inside some decision's transaction when the kill comes. */
const IN_FLIGHT = 3;

/** Everything an approval at the last step writes, per application: all of it is there, or none of it. */
async function decisionTraces(db: Database['db'], ids: number[]) {
  const apps = await db.selectFrom('applications').select(['id', 'name', 'status', 'org_id', 'certificate_no']).where('id', 'in', ids).execute();
  const cases = await db.selectFrom('review_cases').select(['id', 'subject_id', 'status']).where('subject_kind', '=', 'application').where('subject_id', 'in', ids).execute();
  const events = await db
    .selectFrom('review_events')
    .select(['case_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('case_id', 'in', cases.map((c) => c.id))
    .where('step', '=', 'street')
    .where('action', '=', 'approve')
    .groupBy('case_id')
    .execute();
  const audits = await db
    .selectFrom('audit_log')
    .select(['entity_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('entity_type', '=', 'application')
    .where('action', '=', 'application.approve')
    .where('entity_id', 'in', ids.map(String))
    .groupBy('entity_id')
    .execute();
  const orgs = await db.selectFrom('orgs').select(['id', 'name']).where('name', 'in', apps.map((a) => a.name)).execute();
  const orgAudits = orgs.length
    ? await db.selectFrom('audit_log').select('entity_id').where('entity_type', '=', 'org').where('entity_id', 'in', orgs.map((o) => String(o.id))).groupBy('entity_id').execute()
    : [];
  const certificates = await db.selectFrom('certificates').select('application_id').where('application_id', 'in', ids).execute();
  return new Map(
    apps.map((a) => {
      const c = cases.find((x) => Number(x.subject_id) === Number(a.id))!;
      const named = orgs.filter((o) => o.name === a.name);
      return [
        Number(a.id),
        {
          application: a.status,
          case: c.status,
          streetApprovals: Number(events.find((e) => Number(e.case_id) === Number(c.id))?.n ?? 0),
          approvalAudits: Number(audits.find((x) => x.entity_id === String(a.id))?.n ?? 0),
          orgs: named.length,
          orgLinked: a.org_id !== null && named.some((o) => Number(o.id) === Number(a.org_id)),
          orgAudited: named.some((o) => orgAudits.some((x) => x.entity_id === String(o.id))),
          certificates: certificates.filter((x) => Number(x.application_id) === Number(a.id)).length,
          certificateNo: a.certificate_no !== null,
        },
      ];
    }),
  );
}
type Trace = NonNullable<ReturnType<Awaited<ReturnType<typeof decisionTraces>>['get']>>;

/** What an application shows before the street's decision (its community step's approval and audit are there). */
const undecided = (t: Trace): Trace => ({ application: 'in_review', case: 'in_review', streetApprovals: 0, approvalAudits: t.approvalAudits, orgs: 0, orgLinked: false, orgAudited: false, certificates: 0, certificateNo: false });
/** ... and after it: approved, the event, one more audit record, the organization (audited) and its certificate. */
const decided = (before: Trace): Trace => ({ application: 'approved', case: 'approved', streetApprovals: 1, approvalAudits: before.approvalAudits + 1, orgs: 1, orgLinked: true, orgAudited: true, certificates: 1, certificateNo: true });

describe('crash safety: review decisions killed in flight', () => {
  it(`leaves each application with all of its decision or none of it, over ${DECISION_KILLS} kills`, async () => {
    const t0 = Date.now();
    const store = await newStore();
    // Filings submitted and approved by the community, in process on the store; the street's approval is the last
    // step, which creates the organization, its certificate and their audit records in one transaction.
    const prep = await testAppOn(await store.open());
    let ids: number[];
    let reviewer: string;
    try {
      const leader = await prep.loginAs({ role: 'org_leader', regionCode: PLACES.cangkou });
      const community = await prep.loginAs({ role: 'community_staff', regionCode: PLACES.cangkou });
      reviewer = (await createTestUser(prep.database.db, { role: 'street_reviewer', regionCode: PLACES.wenshan })).username;
      ids = [];
      for (let i = 0; i < APPLICATIONS; i++) {
        const id = await submitFiling(leader, PLACES.cangkou, `仓口社区断电测试${i}队`);
        const res = await community.post(`/api/v1/applications/${id}/review`, { decision: 'approve', opinion: '材料齐全，同意' });
        expect(res.statusCode, res.body).toBe(200);
        ids.push(id);
      }
    } finally {
      await prep.close();
    }
    const baseline = await withStore(store, (db) => decisionTraces(db, ids));
    for (const id of ids) expect(baseline.get(id)).toEqual(undecided(baseline.get(id)!));

    const acknowledged = new Set<number>();
    let inFlightAtKills = 0;
    let server = await start(store);
    for (let k = 0; k <= DECISION_KILLS; k++) {
      const who = await signIn(server, reviewer);
      const left = ids.filter((id) => !acknowledged.has(id));
      const last = k === DECISION_KILLS;
      // The moment: after a seeded number of this process's answers (a new process is slow to answer its first, and
      // a quiet PostgreSQL decides the whole queue within a few hundred ms, so a moment in milliseconds would fall
      // after the stream), plus 0–20 ms, so it lands inside the decisions still in flight. After the last kill, none.
      const answersBeforeKill = 1 + Math.floor(random() * Math.max(1, left.length - IN_FLIGHT - 1));
      const delayMs = last ? 0 : Math.floor(random() * 20);
      let answers = 0;
      let firstAnswer!: () => void;
      const answered = new Promise<void>((resolve) => (firstAnswer = resolve));
      const queue = [...left];
      const pending = new Set<number>();
      let stop = false;
      const worker = async () => {
        while (!stop && queue.length) {
          const id = queue.shift()!;
          pending.add(id);
          try {
            const res = await callAs(server, who, `/applications/${id}/review`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ decision: 'approve', opinion: '符合条件，准予备案' }),
            });
            // An answer read before the kill is an acknowledged decision.
            if (res.status === 200) {
              acknowledged.add(id);
              if (++answers >= answersBeforeKill) firstAnswer();
            }
            else if (!stop) throw new Error(`decision ${id}: ${res.status} ${await res.text()}`);
          } catch (err) {
            if (!stop) throw err;
          } finally {
            pending.delete(id);
          }
        }
      };
      const workers = Array.from({ length: IN_FLIGHT }, worker);
      if (last) {
        await Promise.all(workers);
        break;
      }
      // (If the queue runs dry first, the workers end and the kill comes with nothing in flight.)
      await Promise.race([answered, Promise.all(workers)]);
      await sleep(delayMs);
      stop = true;
      const inFlight = pending.size;
      inFlightAtKills += inFlight;
      await kill(server);
      await Promise.all(workers);
      const traces = await withStore(store, (db) => decisionTraces(db, ids));
      let done = 0;
      for (const id of ids) {
        const trace = traces.get(id)!;
        const before = baseline.get(id)!;
        if (acknowledged.has(id)) expect(trace, `application ${id}: acknowledged`).toEqual(decided(before));
        else expect([undecided(before), decided(before)], `application ${id}: half a decision`).toContainEqual(trace);
        if (trace.application === 'approved') {
          done++;
          // Decided but not acknowledged (the answer was cut off): the reviewer sees it decided; not asked again.
          acknowledged.add(id);
        }
      }
      console.log(`crash safety [${mode}] seed ${SEED}: decision kill ${k + 1} ${delayMs} ms after answer ${answersBeforeKill}, with ${inFlight} decisions in flight: ${done} of ${APPLICATIONS} decided`);
      server = await start(store);
    }
    expect(inFlightAtKills, 'no kill fell while decisions were in flight').toBeGreaterThan(0);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const traces = await withStore(store, (db) => decisionTraces(db, ids));
    for (const id of ids) expect(traces.get(id), `application ${id}`).toEqual(decided(baseline.get(id)!));
    console.log(`crash safety [${mode}] seed ${SEED}: ${APPLICATIONS} decisions survived ${DECISION_KILLS} kills, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    recordScore('crash safety', { 'kills survived': DECISION_KILLS, 'rows checked': APPLICATIONS * (DECISION_KILLS + 1) });
  }, 300_000);
});

// ---------------------------------------------------------------------------------------------------------------
// One process per data directory

const TRIES = 50;

/**
 * The data directory's lock (db/pglite-lock.ts) is the embedded database's alone: on PostgreSQL processes share a
 * database by design. So this runs on the embedded database's pass of the suite only.
 */
if (mode === 'pglite') {
  describe('crash safety: one process per data directory', () => {
    it(`refuses a second process ${TRIES} times out of ${TRIES} while the first keeps serving, and a killed one's lock is taken over by exactly one of four restarts`, async () => {
      const t0 = Date.now();
      const store = await newStore();
      const user = await withStore(store, (db) => createTestUser(db, { role: 'district_admin', regionCode: PLACES.jizhou }));
      let first = await start(store);
      let refused = 0;
      // A few at a time: each is a process start; together they also race each other for the lock.
      for (let round = 0; round < TRIES / 5; round++) {
        const tries = await Promise.all(Array.from({ length: 5 }, () => spawnServer(store.dataDir, children)));
        for (const second of tries) {
          expect(await second.exited, second.output()).toBe(1);
          expect(second.output()).toContain(`正被另一个进程（pid ${first.child.pid}）使用`);
          refused++;
        }
        expect((await fetch(`${first.base}/health`)).status).toBe(200);
      }
      // Still the one owner, and serving writes: a sign-in stores a session.
      expect(fs.readFileSync(path.join(store.dataDir, '.shezu.lock'), 'utf8')).toBe(String(first.child.pid));
      const who = await signIn(first, user.username);
      expect((await callAs(first, who, '/auth/me')).status).toBe(200);

      // Killed, it leaves its lock behind. Four processes started at once all find it dead: one takes it over and
      // serves, the three others are refused naming that one.
      await kill(first);
      expect(fs.existsSync(path.join(store.dataDir, '.shezu.lock'))).toBe(true);
      const restarts = await Promise.all(Array.from({ length: 4 }, () => spawnServer(store.dataDir, children, { env: { SHEZU_RATE_LIMIT: '1000000' } })));
      const outcome = await Promise.all(restarts.map((r) => Promise.race([r.exited.then(() => 'refused' as const), waitHealthy(r).then(() => 'serving' as const, () => 'refused' as const)])));
      expect(outcome.filter((o) => o === 'serving'), restarts.map((r) => r.output()).join('\n')).toHaveLength(1);
      first = restarts[outcome.indexOf('serving')];
      for (const r of restarts.filter((r) => r !== first)) {
        expect(await r.exited).toBe(1);
        expect(r.output()).toContain(`正被另一个进程（pid ${first.child.pid}）使用`);
        refused++;
      }
      expect((await callAs(first, await signIn(first, user.username), '/auth/me')).status).toBe(200);
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
      console.log(`crash safety [${mode}]: ${refused} second processes refused, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      recordScore('crash safety', { 'second-process refusals': refused });
    }, 300_000);
  });
}
