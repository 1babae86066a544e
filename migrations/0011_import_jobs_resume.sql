-- Import jobs survive a restart (issue 11 §4): the uploaded file is kept until the job is done, and `processed` is
-- the watermark of data rows committed, written in the same transaction as each batch (with the counts and the
-- batch's row problems), so a job stopped by a crash resumes after the last committed row and reports every row once.
-- A job that was running when its process stopped is marked `interrupted` at the next start (or, on a shared
-- PostgreSQL, once its heartbeat is stale).
ALTER TABLE import_jobs DROP CONSTRAINT import_jobs_status_check;
ALTER TABLE import_jobs ADD CONSTRAINT import_jobs_status_check
  CHECK (status IN ('queued', 'running', 'done', 'failed', 'interrupted'));
ALTER TABLE import_jobs ADD COLUMN file bytea;
ALTER TABLE import_jobs ADD COLUMN unknown_headers text[] NOT NULL DEFAULT '{}';
ALTER TABLE import_jobs ADD COLUMN heartbeat_at timestamptz;
ALTER TABLE import_jobs ADD COLUMN runner text;
CREATE INDEX import_jobs_user_idx ON import_jobs (user_id, created_at DESC);
CREATE INDEX import_jobs_running_idx ON import_jobs (status) WHERE status = 'running';

-- One row per problem of a row, written with the batch it belongs to; the report is built from them at the end.
CREATE TABLE import_job_problems (
  job_id      text NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
  row_number  integer NOT NULL,
  seq         integer NOT NULL,
  column_name text NOT NULL,
  message     text NOT NULL,
  PRIMARY KEY (job_id, row_number, seq)
);
