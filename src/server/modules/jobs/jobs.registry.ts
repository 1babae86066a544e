import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';

/** What one run is told: its period (a China date, 'YYYY-MM-DD') and the day it acts as of. */
export interface JobRunInput {
  period: string;
  today: string;
}

/**
 * A scheduled job (issue 13 item 6: reminders now; credit and risk rules next). It runs at most once per period
 * (job_runs' unique key), and must be idempotent: a forced re-run of a period, or a run after a crash, sends or
 * writes nothing twice (the reminders keep reminder_log for that).
 */
export interface JobDefinition {
  /** Lower-case words: `npx shezu jobs run <name>`. */
  name: string;
  label: string;
  /** When it runs, a cron pattern read in China time (croner), e.g. '0 8 * * *' = daily 08:00. */
  schedule: string;
  /** Does the work; what it returns is stored as the run's summary (job_runs.summary) and printed by the CLI. */
  run(db: Kysely<DB>, input: JobRunInput): Promise<Record<string, number | string>>;
}

const jobs = new Map<string, JobDefinition>();

/** Registers a job; its module calls this once, from its index.ts. */
export function defineJob(job: JobDefinition): JobDefinition {
  if (!/^[a-z][a-z0-9_-]*$/.test(job.name)) throw new Error(`job ${job.name}: lower-case words only`);
  const known = jobs.get(job.name);
  if (known && known !== job) throw new Error(`job ${job.name} is already defined`);
  jobs.set(job.name, job);
  return job;
}

export const jobOf = (name: string): JobDefinition | undefined => jobs.get(name);
export const jobNames = (): string[] => [...jobs.keys()];
