import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, Db } from '../../db/types.js';
import type { RequestContext } from '../../lib/context.js';
import { writeAudit } from '../../lib/audit.js';
import { buildImportReport } from '../../lib/sheets/report.js';
import type { SheetRow, SkippedRow } from '../../lib/sheets/columns.js';
import { JobMemo, keyRounds, type ImportCounts, type ImportDefinition, type ParsedRow, type RowOutcome, type RowProblem } from './imports.definition.js';
import * as repo from './imports.repository.js';

/** This process, as the runner of the jobs it works on (a job of another runner that stopped beating is an orphan). */
export const RUNNER_ID = randomUUID();

/** Jobs running in this process, by id: tests and shutdown wait for them; a poll knows they are alive. */
const running = new Map<string, { db: Kysely<DB>; done: Promise<void> }>();
/** Databases being closed: their runners stop after the batch in hand and leave the job interrupted. */
const stopping = new WeakSet<Kysely<DB>>();

export const isRunningHere = (id: string) => running.has(id);
export const waitForImports = async () => {
  await Promise.all([...running.values()].map((r) => r.done));
};

/** Stops this database's runners at their next batch boundary (a clean shutdown): their jobs can be resumed. */
export async function stopImports(db: Kysely<DB>) {
  stopping.add(db);
  await Promise.all([...running.values()].filter((r) => r.db === db).map((r) => r.done));
}

/**
 * Each batch is one short transaction: PGlite runs one query at a time, so a transaction holds up every other user
 * for its length. The batch grows while it commits within the budget and shrinks when it does not; between batches
 * the runner yields, and queued requests (the pool serves waiters in order) run before the next batch. 150 ms keeps
 * another user's p99 well under the 500 ms goal (bench/imports.bench.ts) while a batch still carries a few hundred
 * rows, enough to amortize its dozen statements and the per-statement stats triggers.
 */
const BATCH_BUDGET_MS = 150;
const MIN_BATCH = 100;
const MAX_BATCH = 2_000;
const FIRST_BATCH = 250;
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The job is no longer this runner's: another process found it orphaned (this one's runner lock or heartbeat was
 * lost, e.g. its connections dropped) and interrupted or resumed it. The batch in hand rolls back and this runner
 * stops, so two runners never write one job.
 */
class JobTakenOver extends Error {}

async function recordBatch(trx: Db, jobId: string, processed: number, counts: ImportCounts, problems: RowProblem[]) {
  if (!(await repo.recordBatch(trx, jobId, RUNNER_ID, processed, counts, problems))) throw new JobTakenOver();
}

/** A row the database refused for a reason no rule of the row explains (the cause is logged). */
const ROW_NOT_SAVED = '保存失败：写入数据库时出错（原因已记入服务器日志），请稍后重新导入该行，仍失败请联系管理员';

async function commitRows(trx: Parameters<ImportDefinition['commitRound']>[0], ctx: RequestContext, def: ImportDefinition, parsed: ParsedRow<unknown>[], memo: JobMemo) {
  const batch = await def.loadBatch(trx, ctx, parsed, memo);
  const outcome = new Map<ParsedRow<unknown>, RowOutcome>();
  for (const round of keyRounds(parsed, (p) => def.keysOf(p, batch))) {
    const out = await def.commitRound(trx, ctx, round, batch, memo);
    round.forEach((p, i) => outcome.set(p, out[i]));
  }
  return parsed.map((p) => outcome.get(p)!);
}

function tally(counts: ImportCounts, problems: RowProblem[], r: RowOutcome) {
  if (Array.isArray(r)) {
    counts.rejected++;
    problems.push(...r);
  } else counts[r]++;
}

export interface RunStart {
  jobId: string;
  filename: string;
  rows: SheetRow[];
  /** The watermark: rows before it are committed (0 for a new job or a rerun). */
  from: number;
  counts: ImportCounts;
  unknownHeaders: string[];
  /** Rows below the header that hold no record (for the report's 跳过的行 sheet). */
  skipped: SkippedRow[];
  /** The definition's notes on rows (for the report's 提示 sheet). */
  notes: RowProblem[];
}

/** Where a runner reports what it cannot tell the user (a database's own message): the app's log, per database. */
interface ImportLog {
  error(obj: object, msg: string): void;
}
const logs = new WeakMap<Kysely<DB>, ImportLog>();
export const useImportLog = (db: Kysely<DB>, log: ImportLog) => void logs.set(db, log);
const logError = (db: Kysely<DB>, jobId: string, err: unknown, msg: string) => (logs.get(db) ?? { error: (o: object, m: string) => console.error(m, o) }).error({ err, jobId }, msg);

/** Starts a job's runner in the background; a job's end (done, failed, interrupted) is written by the runner. */
export function launch(db: Kysely<DB>, ctx: RequestContext, def: ImportDefinition, start: RunStart) {
  const done = run(db, ctx, def, start).catch(async (err) => {
    if (err instanceof JobTakenOver) return;
    // Stopped while the database closes: resumable. Anything else: failed, with the file and what was committed kept:
    // the watermark commits with its batch, so a failed job is resumed or rerun like an interrupted one (restartImport).
    // The cause (a database's or a library's message) goes to the log, never to the user.
    const status = stopping.has(db) ? 'interrupted' : 'failed';
    if (status === 'failed') logError(db, start.jobId, err, 'import job failed');
    await repo.endJob(db, start.jobId, RUNNER_ID, status, status === 'interrupted' ? '服务停止时导入被中断' : '导入因服务器错误中止（原因已记入服务器日志），已导入的行已保存：请稍后从中断处继续或从头重新导入（已导入的行不会重复），仍失败请联系管理员').catch(() => {});
  });
  running.set(start.jobId, { db, done });
  void done.finally(() => running.delete(start.jobId));
}

async function run(db: Kysely<DB>, ctx: RequestContext, def: ImportDefinition, s: RunStart) {
  const memo = new JobMemo(s.jobId);
  const counts = { ...s.counts, total: s.rows.length };
  let size = FIRST_BATCH;
  for (let i = s.from; i < s.rows.length; ) {
    if (stopping.has(db)) {
      await repo.endJob(db, s.jobId, RUNNER_ID, 'interrupted', '服务停止时导入被中断');
      return;
    }
    const slice = s.rows.slice(i, i + size);
    // Cells are parsed outside the transaction: it holds only the batch's queries.
    const parsed = slice.map((row) => def.parseRow(row));
    const t0 = performance.now();
    const next = { ...counts };
    const problems: RowProblem[] = [];
    try {
      await db.transaction().execute(async (trx) => {
        for (const r of await commitRows(trx, ctx, def, parsed, memo)) tally(next, problems, r);
        await recordBatch(trx, s.jobId, i + slice.length, next, problems);
      });
      Object.assign(counts, next);
    } catch (err) {
      if (err instanceof JobTakenOver) throw err;
      if (stopping.has(db)) continue;
      // A batch that fails for a reason no row check foresaw (a record changed meanwhile) is retried row by row.
      for (let j = 0; j < parsed.length; j++) {
        const one = { ...counts };
        let own: RowProblem[] = [];
        try {
          await db.transaction().execute(async (trx) => {
            tally(one, own, (await commitRows(trx, ctx, def, [parsed[j]], memo))[0]);
            await recordBatch(trx, s.jobId, i + j + 1, one, own);
          });
        } catch (rowErr) {
          if (rowErr instanceof JobTakenOver) throw rowErr;
          if (stopping.has(db)) throw err;
          Object.assign(one, counts);
          own = [];
          // No rule of the row failed, the database refused it: the detail is for the log, the office gets what to do.
          logError(db, s.jobId, rowErr, `import row ${parsed[j].row.rowNumber} not saved`);
          tally(one, own, [{ row: parsed[j].row.rowNumber, column: '', message: ROW_NOT_SAVED }]);
          await db.transaction().execute((trx) => recordBatch(trx, s.jobId, i + j + 1, one, own));
        }
        Object.assign(counts, one);
      }
    }
    i += slice.length;
    const ms = performance.now() - t0;
    if (ms < BATCH_BUDGET_MS / 2) size = Math.min(MAX_BATCH, size * 2);
    else if (ms > BATCH_BUDGET_MS) size = Math.max(MIN_BATCH, Math.floor(size / 2));
    await yieldToOthers();
  }
  const report = await buildImportReport(await repo.findProblems(db, s.jobId), counts, s.unknownHeaders, { skipped: s.skipped, notes: s.notes });
  await db.transaction().execute(async (trx) => {
    if (!(await repo.finishJob(trx, s.jobId, RUNNER_ID, report))) throw new JobTakenOver();
    await writeAudit(trx, ctx, { action: def.auditAction, entityType: 'import_job', entityId: s.jobId, newValue: { filename: s.filename, ...counts } });
  });
}
