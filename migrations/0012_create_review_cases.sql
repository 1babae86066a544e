-- One review chain for every subject (issue 11 item 3): applications now; major-activity declarations, annual
-- reports, evaluation appeals, credit removals and funding decisions next. A subject (a row of its module's own
-- table, named by subject_kind + subject_id) enters the chain by submission; the case carries the chain fixed at
-- that moment, whose turn it is and the step's due date, placed in the region tree like the subject itself.

CREATE TABLE review_cases (
  id              bigserial PRIMARY KEY,
  -- the registered subject kind ('application', ...): lower-case words, as the registry names them
  subject_kind    text NOT NULL CHECK (subject_kind ~ '^[a-z][a-z0-9_]*$'),
  subject_id      bigint NOT NULL,
  -- what the queue shows (the organization's or the report's name)
  title           text NOT NULL,
  -- the subject's node and its ancestors (lib/access.ts placementColumns): jurisdiction is one equality
  region_id       bigint NOT NULL REFERENCES regions (id),
  level1_id       bigint,
  level2_id       bigint,
  level3_id       bigint,
  level4_id       bigint,
  level5_id       bigint,
  level6_id       bigint,
  -- the chain fixed at first submission from the district's setting for this subject kind
  steps           text[] NOT NULL CHECK (cardinality(steps) > 0 AND steps <@ ARRAY['community', 'street', 'district']::text[]),
  -- the step that acts now (in_review) or that returned the case and receives the resubmission (returned)
  current_step    text CHECK (current_step IN ('community', 'street', 'district')),
  step_due_on     date,
  -- the due date reaches a year whose holiday schedule is not known yet
  due_uncertain   boolean NOT NULL DEFAULT false,
  status          text NOT NULL CHECK (status IN ('in_review', 'returned', 'approved', 'rejected', 'withdrawn')),
  submitted_by    bigint NOT NULL REFERENCES users (id),
  submitted_at    timestamptz NOT NULL,
  decided_at      timestamptz,
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  -- an open case always knows its step; a closed one has none; only a case waiting on a reviewer has a due date
  CONSTRAINT review_cases_step_check CHECK ((status IN ('in_review', 'returned')) = (current_step IS NOT NULL)),
  CONSTRAINT review_cases_due_check CHECK (status = 'in_review' OR step_due_on IS NULL)
);

-- One open case per subject: a return keeps the case open (it goes back to the returning step on resubmission),
-- so a second submission while one is open would race the first. A closed case stays as the history of its
-- round; a subject submitted again after a rejection (an annual report filed anew) opens a new round.
CREATE UNIQUE INDEX review_cases_open_subject_idx ON review_cases (subject_kind, subject_id) WHERE status IN ('in_review', 'returned');
CREATE INDEX review_cases_subject_idx ON review_cases (subject_kind, subject_id, id);

-- The queues: "waiting at my step inside my node", ordered by due date (an actor acts for a node of level 2–5).
CREATE INDEX review_cases_queue2_idx ON review_cases (level2_id, current_step, step_due_on) WHERE status = 'in_review';
CREATE INDEX review_cases_queue3_idx ON review_cases (level3_id, current_step, step_due_on) WHERE status = 'in_review';
CREATE INDEX review_cases_queue4_idx ON review_cases (level4_id, current_step, step_due_on) WHERE status = 'in_review';
CREATE INDEX review_cases_queue5_idx ON review_cases (level5_id, current_step, step_due_on) WHERE status = 'in_review';
-- Everything in a node (the "all" list, any status), and a submitter's returned cases (their to-dos).
CREATE INDEX review_cases_level3_idx ON review_cases (level3_id, status);
CREATE INDEX review_cases_level4_idx ON review_cases (level4_id, status);
CREATE INDEX review_cases_level5_idx ON review_cases (level5_id, status);
CREATE INDEX review_cases_submitter_idx ON review_cases (submitted_by, status);
-- Overdue and due-soon scans across a subtree.
CREATE INDEX review_cases_due_idx ON review_cases (step_due_on) WHERE status = 'in_review';

-- The trail: every submission and decision with its step, opinion, person, time and the due date it set.
CREATE TABLE review_events (
  id          bigserial PRIMARY KEY,
  case_id     bigint NOT NULL REFERENCES review_cases (id),
  at          timestamptz NOT NULL DEFAULT now(),
  actor_id    bigint REFERENCES users (id),
  actor_name  text NOT NULL,
  actor_role  text,
  step        text CHECK (step IN ('community', 'street', 'district')),
  action      text NOT NULL CHECK (action IN ('submit', 'resubmit', 'approve', 'return', 'reject', 'withdraw')),
  opinion     text,
  due_on      date
);
CREATE INDEX review_events_case_idx ON review_events (case_id, id);
