// The scheduled-job runner (issue 13 item 6) and its jobs: what other modules, the server and the CLI may use.
export { defineJob, jobOf, jobNames, type JobDefinition, type JobRunInput } from './jobs.registry.js';
export { runJob, recentRuns, startScheduler, type RunOptions, type RunResult, type Scheduler } from './jobs.runner.js';
export { REMINDERS_JOB } from './reminders.job.js';
export { OVERDUE_JOB } from './overdue.job.js';
