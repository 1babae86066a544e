-- Credit lists (活动异常名录 / 严重违法失信名单; 民政部令第60号; issue 14 item 3; DESIGN §4 Credit).
--
-- An entry is one period of an organization on one list: noticed (告知, the objection window running), then listed,
-- then removed, moved (abnormal → serious after two full years) or withdrawn (an objection upheld, the notice set
-- aside before listing). Its grounds are the facts behind it: the first opens the entry, a later one while it is open
-- restarts the period (credit.restart). Every date of an entry follows from its facts and the rules in force on their
-- day, never from the day the job happened to run, so the job rerun for a past day reproduces that day's lists.
CREATE TABLE credit_entries (
  id                    bigserial PRIMARY KEY,
  org_id                bigint NOT NULL REFERENCES orgs (id),
  list                  text NOT NULL CHECK (list IN ('abnormal', 'dishonest')),
  -- the rule key of the first ground and its decisive day: the entry is judged under the rule of that day
  rule_key              text NOT NULL,
  rule_on               date NOT NULL,
  status                text NOT NULL CHECK (status IN ('noticed', 'listed', 'removed', 'moved', 'withdrawn')),
  -- an automatic entry (the credit job, a penalty recorded) or one a district admin entered by hand
  origin                text NOT NULL CHECK (origin IN ('automatic', 'manual', 'proposal')),
  -- the written notice (告知书): its number, day and objection window (credit.notice objectionWorkingDays)
  notice_no             text NOT NULL UNIQUE,
  noticed_on            date NOT NULL,
  objection_due_on      date NOT NULL,
  -- the fact plus 5 working days (credit.record_deadline)
  record_due_on         date NOT NULL,
  listed_on             date,
  -- the day the period counts from: the listing, moved by each restart
  period_from           date,
  -- other grounds: the legal basis written by the district admin (the rules' *.other keys require it)
  basis_note            text,
  -- removal: on verified compliance (credit.removal.compliance: within 5 working days of verification), automatic
  -- after N months (credit.removal.auto), or on application from the serious list (credit.removal.dishonest)
  compliance_verified_on date,
  removal_due_on        date,
  removed_on            date,
  removal_rule_key      text,
  removal_reason        text,
  -- moved to the serious list: the abnormal entry ends 'moved', the serious one starts (moved_from_id)
  moved_on              date,
  moved_from_id         bigint REFERENCES credit_entries (id),
  withdrawn_on          date,
  created_by            bigint REFERENCES users (id),
  created_at            timestamptz NOT NULL DEFAULT now(),
  version               integer NOT NULL DEFAULT 1,
  CHECK ((status IN ('listed', 'removed', 'moved')) = (listed_on IS NOT NULL) OR status = 'withdrawn'),
  CHECK ((status = 'removed') = (removed_on IS NOT NULL)),
  CHECK ((status = 'moved') = (moved_on IS NOT NULL)),
  CHECK ((status = 'withdrawn') = (withdrawn_on IS NOT NULL))
);
CREATE INDEX credit_entries_org_idx ON credit_entries (org_id, list, status);
CREATE INDEX credit_entries_list_idx ON credit_entries (list, status, noticed_on DESC);
-- At most one open period per organization and list: a new ground restarts it, never opens a second one.
CREATE UNIQUE INDEX credit_entries_one_open_idx ON credit_entries (org_id, list) WHERE status IN ('noticed', 'listed');
-- An abnormal entry moves once.
CREATE UNIQUE INDEX credit_entries_moved_from_idx ON credit_entries (moved_from_id) WHERE moved_from_id IS NOT NULL;

-- The facts behind an entry. The unique key (org, ground, subject) makes the job idempotent: a fact already
-- judged (entered, restarted an entry, or was proposed) is never judged again, even after its entry was removed.
CREATE TABLE credit_grounds (
  id            bigserial PRIMARY KEY,
  entry_id      bigint NOT NULL REFERENCES credit_entries (id),
  org_id        bigint NOT NULL REFERENCES orgs (id),
  rule_key      text NOT NULL,
  subject_kind  text NOT NULL,
  subject_id    bigint NOT NULL,
  fact_on       date NOT NULL,
  evidence      text NOT NULL,
  -- the ground stopped (a report filed late): the entry may be removed on verification
  remedied_on   date,
  -- 'opened' the entry or 'restarted' its period
  effect        text NOT NULL CHECK (effect IN ('opened', 'restarted')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, rule_key, subject_kind, subject_id)
);
CREATE INDEX credit_grounds_entry_idx ON credit_grounds (entry_id, fact_on);

-- The timeline of an entry: every step with its day, rule and who decided it (null = the credit job).
CREATE TABLE credit_events (
  id          bigserial PRIMARY KEY,
  entry_id    bigint NOT NULL REFERENCES credit_entries (id),
  kind        text NOT NULL CHECK (kind IN ('noticed', 'objected', 'objection_upheld', 'objection_rejected', 'listed', 'restarted',
                'compliance_verified', 'removal_applied', 'removal_rejected', 'removed', 'moved', 'withdrawn')),
  on_day      date NOT NULL,
  rule_key    text,
  reason      text,
  actor_id    bigint REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX credit_events_entry_idx ON credit_events (entry_id, id);
-- One automatic event of a kind per entry and day: a rerun of the job writes none twice.
CREATE UNIQUE INDEX credit_events_job_once_idx ON credit_events (entry_id, kind, on_day) WHERE actor_id IS NULL AND kind <> 'restarted';

-- What the organization files: an objection (陈述申辩) within the window, or a removal application. Each goes through
-- the shared review chain (subject kinds credit_objection and credit_removal).
CREATE TABLE credit_requests (
  id          bigserial PRIMARY KEY,
  entry_id    bigint NOT NULL REFERENCES credit_entries (id),
  kind        text NOT NULL CHECK (kind IN ('objection', 'removal')),
  statement   text NOT NULL,
  filed_on    date NOT NULL,
  filed_by    bigint NOT NULL REFERENCES users (id),
  status      text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
  decided_on  date,
  opinion     text,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX credit_requests_one_pending_idx ON credit_requests (entry_id, kind) WHERE status = 'pending';

-- Registered letters to the registered address (credit.abnormal.unreachable: two unsigned, 20–60 days apart).
CREATE TABLE credit_letters (
  id           bigserial PRIMARY KEY,
  org_id       bigint NOT NULL REFERENCES orgs (id),
  sent_on      date NOT NULL,
  tracking_no  text NOT NULL,
  address      text NOT NULL,
  signed       boolean NOT NULL,
  -- returned unsigned (退件) or signed for: the day the post office said so
  outcome_on   date,
  note         text,
  recorded_by  bigint REFERENCES users (id),
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tracking_no)
);
CREATE INDEX credit_letters_org_idx ON credit_letters (org_id, sent_on);

-- Facts that need a person's confirmation (a party organization not set up): proposed, then confirmed into an entry
-- or dismissed with a reason. The unique key makes the job propose each fact once.
CREATE TABLE credit_proposals (
  id            bigserial PRIMARY KEY,
  org_id        bigint NOT NULL REFERENCES orgs (id),
  rule_key      text NOT NULL,
  subject_kind  text NOT NULL,
  subject_id    bigint NOT NULL,
  fact_on       date NOT NULL,
  evidence      text NOT NULL,
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'dismissed')),
  entry_id      bigint REFERENCES credit_entries (id),
  decided_by    bigint REFERENCES users (id),
  decided_on    date,
  reason        text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  version       integer NOT NULL DEFAULT 1,
  UNIQUE (org_id, rule_key, subject_kind, subject_id)
);
CREATE INDEX credit_proposals_status_idx ON credit_proposals (status, fact_on);

-- Notice numbers per district and year: 吉民信告〔2026〕3号.
CREATE TABLE credit_notice_counters (
  district_id  bigint NOT NULL,
  year         integer NOT NULL,
  last_no      integer NOT NULL,
  PRIMARY KEY (district_id, year)
);
