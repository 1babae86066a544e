-- The inbox, the reminder log and the scheduled-job runs (issue 13 item 6).

-- One account's inbox: what needs the person (a reminder before a due date, a return with its reason, a decision,
-- an overdue item at their node). Written by notify() in the transaction of the change it reports.
CREATE TABLE notifications (
  id            bigserial PRIMARY KEY,
  recipient_id  bigint NOT NULL REFERENCES users (id),
  -- what happened, lower-case words: 'reminder', 'review.return', 'review.approve', 'review.reject', 'overdue', ...
  kind          text NOT NULL,
  title         text NOT NULL,
  body          text,
  -- the web page of the item ("/annual-reports/12"): a path inside the app, never an outside address
  link          text CHECK (link IS NULL OR link ~ '^/([^/\\]|$)'),
  subject_kind  text,
  subject_id    bigint,
  created_at    timestamptz NOT NULL DEFAULT now(),
  read_at       timestamptz
);
-- The inbox and the header count: one account's unread first, newest first.
CREATE INDEX notifications_recipient_idx ON notifications (recipient_id, read_at, id DESC);

-- Every reminder sent, with its recipient and date (issue 13 item 6: logged, never sent twice). The job inserts with
-- ON CONFLICT DO NOTHING and notifies only for the rows it inserted, so two runs (or two processes) cannot send one
-- reminder twice. due_on is part of the key: a due date moved (a correction window after a return) is a new reminder.
CREATE TABLE reminder_log (
  id            bigserial PRIMARY KEY,
  source        text NOT NULL,
  subject_kind  text NOT NULL,
  subject_id    bigint NOT NULL,
  recipient_id  bigint NOT NULL REFERENCES users (id),
  due_on        date NOT NULL,
  -- the threshold this reminder answers (30, 7, 1 days before); 0 = the overdue notice after the due date
  days_before   integer NOT NULL CHECK (days_before >= 0),
  sent_on       date NOT NULL,
  sent_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT reminder_log_once UNIQUE (subject_kind, subject_id, recipient_id, due_on, days_before)
);
CREATE INDEX reminder_log_sent_idx ON reminder_log (sent_on);

-- One row per scheduled job and period ('reminders' × '2026-12-01'): the unique key lets exactly one of several app
-- processes sharing a PostgreSQL claim a period; the summary says what the run did.
CREATE TABLE job_runs (
  id           bigserial PRIMARY KEY,
  job          text NOT NULL,
  period       text NOT NULL,
  started_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz,
  status       text NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  -- 'schedule' (a process's scheduler) or 'cli' (npx shezu jobs run)
  trigger      text NOT NULL DEFAULT 'schedule',
  -- how many times the period was run by hand with --force after its first run
  reruns       integer NOT NULL DEFAULT 0,
  summary      jsonb,
  error        text,
  CONSTRAINT job_runs_once UNIQUE (job, period)
);
CREATE INDEX job_runs_recent_idx ON job_runs (job, started_at DESC);
