import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

// Migration 0020 (the inbox, the reminder log, the scheduled-job runs): its tables, merged into the database types.
// Import this file for its side effect from the repositories that read them.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateColumn = ColumnType<string, string, string>;
type Bigint = ColumnType<number, number | bigint | string, number | bigint | string>;

export interface NotificationsTable {
  id: Generated<number>;
  recipient_id: Bigint;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  subject_kind: string | null;
  subject_id: Bigint | null;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface ReminderLogTable {
  id: Generated<number>;
  source: string;
  subject_kind: string;
  subject_id: Bigint;
  recipient_id: Bigint;
  due_on: DateColumn;
  days_before: number;
  sent_on: DateColumn;
  sent_at: Timestamp;
}

export type JobRunStatus = 'running' | 'done' | 'failed';

export interface JobRunsTable {
  id: Generated<number>;
  job: string;
  period: string;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  status: JobRunStatus;
  trigger: Generated<'schedule' | 'cli'>;
  reruns: Generated<number>;
  summary: unknown;
  error: string | null;
}

declare module './types.js' {
  interface DB {
    notifications: NotificationsTable;
    reminder_log: ReminderLogTable;
    job_runs: JobRunsTable;
  }
}

export type NotificationRow = Selectable<NotificationsTable>;
export type NewNotification = Insertable<NotificationsTable>;
export type JobRunRow = Selectable<JobRunsTable>;
