import type { Kysely } from 'kysely';
import { Cron } from 'croner';
import type { DB } from '../../db/types.js';
import type { JobRunRow } from '../../db/types-notifications.js';
import * as repo from './jobs.repository.js';
import { periodOf, PERIOD_PATTERN } from './jobs.policy.js';
import { jobNames, jobOf } from './jobs.registry.js';

export interface RunOptions {
  /** The period to run ('YYYY-MM-DD'); today in China when not given. */
  period?: string;
  /** Runs the period again although it has run (by hand): still idempotent, the jobs' own logs see to it. */
  force?: boolean;
  trigger?: 'schedule' | 'cli';
  /** A run left 'running' longer than this is a process that died: the next claim takes it over. */
  staleAfterMs?: number;
}

export type RunResult =
  | { ran: true; run: JobRunRow; summary: Record<string, number | string> }
  | { ran: false; reason: 'already_ran' | 'busy'; run: JobRunRow | undefined };

const STALE_AFTER_MS = 60 * 60 * 1000;

/**
 * Claims the period in one short transaction and, if this process got it, runs the job. Several app processes on
 * one PostgreSQL tick at the same moment: the first to take the job's advisory lock and insert job_runs (job, period)
 * runs it; the others find the row (or that period's lock held) and skip. On PGlite the one process is the only one ticking.
 * The claim is committed before the work starts, so the work goes in its own short transactions (PGlite serves
 * requests in between) and a crash mid-run leaves a 'running' row that the next claim takes over once stale.
 */
export async function runJob(db: Kysely<DB>, name: string, opts: RunOptions = {}): Promise<RunResult> {
  const job = jobOf(name);
  if (!job) throw new Error(`没有名为 ${name} 的定时任务（可用：${jobNames().join('、')}）`);
  const period = opts.period ?? periodOf(new Date());
  if (!PERIOD_PATTERN.test(period) || Number.isNaN(Date.parse(`${period}T00:00:00Z`))) throw new Error(`期间应为日期 YYYY-MM-DD：${period}`);
  const trigger = opts.trigger ?? 'schedule';
  const staleBefore = new Date(Date.now() - (opts.staleAfterMs ?? STALE_AFTER_MS));
  const claim = await db.transaction().execute(async (trx) => {
    if (!(await repo.tryJobLock(trx, name, period))) return { run: undefined, reason: 'busy' as const };
    const fresh = await repo.insertRun(trx, name, period, trigger);
    if (fresh) return { run: fresh, reason: null };
    const retaken = await repo.retakeRun(trx, name, period, trigger, opts.force === true, staleBefore);
    return retaken ? { run: retaken, reason: null } : { run: await repo.findRun(trx, name, period), reason: 'already_ran' as const };
  });
  if (claim.reason !== null) return { ran: false, reason: claim.reason, run: claim.run };
  const run = claim.run!;
  try {
    const summary = await job.run(db, { period, today: period });
    await repo.finishRun(db, Number(run.id), 'done', summary, null);
    return { ran: true, run: (await repo.findRun(db, name, period))!, summary };
  } catch (err) {
    await repo.finishRun(db, Number(run.id), 'failed', null, err instanceof Error ? err.message : String(err));
    throw err;
  }
}

/** The latest runs, newest first (`npx shezu jobs list`). */
export const recentRuns = (db: Kysely<DB>, limit = 20) => repo.listRecentRuns(db, limit);

export interface Scheduler {
  stop(): void;
}

/**
 * Starts the schedules of every registered job in this process (the server does, unless SHEZU_JOBS=off). A tick
 * claims the period of its scheduled time; at start, a job whose latest scheduled time has passed without a run
 * (the server was down at 08:00) runs once to catch up.
 */
export function startScheduler(db: Kysely<DB>, log: { info(msg: string): void; error(msg: string): void }): Scheduler {
  const crons: Cron[] = [];
  const tick = async (name: string, at: Date) => {
    try {
      const r = await runJob(db, name, { period: periodOf(at) });
      if (r.ran) log.info(`定时任务 ${name}（${r.run.period}）完成：${JSON.stringify(r.summary)}`);
    } catch (err) {
      log.error(`定时任务 ${name} 失败：${err instanceof Error ? err.message : String(err)}`);
    }
  };
  for (const name of jobNames()) {
    const job = jobOf(name)!;
    // protect: a tick never overlaps the previous one of the same job in this process.
    const cron = new Cron(job.schedule, { timezone: 'Asia/Shanghai', protect: true, unref: true }, () => tick(name, new Date()));
    crons.push(cron);
    const [last] = cron.previousRuns(1);
    if (last && Date.now() - last.getTime() < 24 * 60 * 60 * 1000) void tick(name, last);
  }
  return {
    stop() {
      for (const c of crons) c.stop();
    },
  };
}
