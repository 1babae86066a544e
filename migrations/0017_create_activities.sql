-- The activity ledger (台账, seed 004; DESIGN §4 Ledger; issue 13 item 1). The community keeps a ledger of every
-- filed organization's activities; the organization's leader and its hub federation (以社管社) may enter too.
-- An activity is placed like its organization (lib/access.ts placementColumns) so jurisdiction is one equality,
-- and it is deleted only softly, with a reason, so the ledger and its audit trail stay whole.
CREATE TABLE activities (
  id                 bigserial PRIMARY KEY,
  org_id             bigint NOT NULL REFERENCES orgs (id),
  region_id          bigint NOT NULL REFERENCES regions (id),
  level1_id          bigint,
  level2_id          bigint,
  level3_id          bigint,
  level4_id          bigint,
  level5_id          bigint,
  level6_id          bigint,
  starts_at          timestamptz NOT NULL,
  ends_at            timestamptz NOT NULL,
  -- the day the activity counts in (its start, China time): month totals, dormancy and declaration lead times use it
  held_on            date NOT NULL,
  title              text NOT NULL,
  -- one of the district's `ledger` activity types (文体活动、志愿服务 …), kept as written when the list changes
  activity_type      text NOT NULL,
  place              text NOT NULL,
  participants       integer NOT NULL CHECK (participants >= 0),
  beneficiaries      integer NOT NULL DEFAULT 0 CHECK (beneficiaries >= 0),
  volunteers         integer NOT NULL DEFAULT 0 CHECK (volunteers >= 0),
  -- volunteer time actually served (民政部令第67号), in minutes so sums stay exact integers
  volunteer_minutes  integer NOT NULL DEFAULT 0 CHECK (volunteer_minutes >= 0),
  -- money raised or spent by the activity (募捐/慈善), in fen: the declaration money threshold reads it
  amount_fen         bigint NOT NULL DEFAULT 0 CHECK (amount_fen >= 0),
  -- foreign-related (涉外): a declared kind in most districts
  foreign_related    boolean NOT NULL DEFAULT false,
  description        text,
  -- who entered it and in which capacity: the leader, the community staff, the hub federation, or an import
  entered_by         bigint NOT NULL REFERENCES users (id),
  entered_as         text NOT NULL CHECK (entered_as IN ('leader', 'community', 'hub', 'street', 'district', 'import')),
  import_job_id      text REFERENCES import_jobs (id),
  version            integer NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  deleted_at         timestamptz,
  deleted_by         bigint REFERENCES users (id),
  delete_reason      text,
  CONSTRAINT activities_time_check CHECK (ends_at >= starts_at),
  CONSTRAINT activities_deleted_check CHECK ((deleted_at IS NULL) = (delete_reason IS NULL))
);
CREATE INDEX activities_org_idx ON activities (org_id, held_on DESC) WHERE deleted_at IS NULL;
CREATE INDEX activities_level3_idx ON activities (level3_id, held_on) WHERE deleted_at IS NULL;
CREATE INDEX activities_level4_idx ON activities (level4_id, held_on) WHERE deleted_at IS NULL;
CREATE INDEX activities_level5_idx ON activities (level5_id, held_on) WHERE deleted_at IS NULL;
CREATE INDEX activities_import_idx ON activities (import_job_id) WHERE import_job_id IS NOT NULL;

-- Photos (up to 9, JPEG/PNG checked by content, EXIF incl. GPS stripped, a thumbnail beside) and the sign-in
-- sheet (names and often phones: stored as sealed bytes, lib/personal-data.ts sealBytes).
CREATE TABLE activity_files (
  id           bigserial PRIMARY KEY,
  activity_id  bigint NOT NULL REFERENCES activities (id),
  kind         text NOT NULL CHECK (kind IN ('photo', 'signin')),
  position     smallint NOT NULL DEFAULT 0,
  filename     text NOT NULL,
  mime_type    text NOT NULL,
  size_bytes   integer NOT NULL,
  width        integer,
  height       integer,
  content      bytea NOT NULL,
  thumbnail    bytea,
  uploaded_at  timestamptz NOT NULL DEFAULT now(),
  uploaded_by  bigint REFERENCES users (id)
);
CREATE INDEX activity_files_activity_idx ON activity_files (activity_id, kind, position);

-- Every edit keeps the previous values (who, when, why, field by field old → new), like org_history.
CREATE TABLE activity_history (
  id           bigserial PRIMARY KEY,
  activity_id  bigint NOT NULL REFERENCES activities (id),
  version      integer NOT NULL,
  at           timestamptz NOT NULL DEFAULT now(),
  actor_id     bigint,
  actor_name   text,
  action       text NOT NULL,
  reason       text,
  changes      jsonb NOT NULL
);
CREATE INDEX activity_history_activity_idx ON activity_history (activity_id, version);

-- Month totals per community (or whatever node the organization sits at) and type, kept in step in the same
-- transaction as each activity change, so the ledger views and the node totals read a few hundred rows, not a
-- million (issue 13 bench: p95 ≤ 50 ms for a district with 1,000,000 activities).
CREATE TABLE ledger_month_totals (
  region_id          bigint NOT NULL REFERENCES regions (id),
  month              date NOT NULL CHECK (extract(day FROM month) = 1),
  activity_type      text NOT NULL,
  activities         integer NOT NULL DEFAULT 0,
  participants       bigint NOT NULL DEFAULT 0,
  beneficiaries      bigint NOT NULL DEFAULT 0,
  volunteers         bigint NOT NULL DEFAULT 0,
  volunteer_minutes  bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (region_id, month, activity_type)
);

-- An organization's latest activity day (dormancy: no activity for N months, 社会团体登记管理条例 art. 29),
-- kept in step with its activities; null = none ever.
ALTER TABLE orgs ADD COLUMN last_activity_on date;
CREATE INDEX orgs_last_activity_idx ON orgs (level3_id, last_activity_on);
