-- Major-activity declarations (重大活动申报; DESIGN §4 Major activities; issue 13 item 3). No national rule fixes them:
-- the kinds, thresholds, lead time and summary deadline are the district's `declarations` setting (defaults from
-- local practice, 三亚天涯区 2025: 7 days ahead, ≥ 50 participants or ≥ ¥100,000). A declaration is placed like its
-- organization (lib/access.ts placementColumns) and goes through the shared review chain (kind 'declaration'); its
-- own status follows the case.
CREATE TABLE declarations (
  id                   bigserial PRIMARY KEY,
  org_id               bigint NOT NULL REFERENCES orgs (id),
  region_id            bigint NOT NULL REFERENCES regions (id),
  level1_id            bigint,
  level2_id            bigint,
  level3_id            bigint,
  level4_id            bigint,
  level5_id            bigint,
  level6_id            bigint,
  -- one or more of the district's declared kinds (会员（代表）大会、涉外活动 …), kept as written when the list changes
  kinds                text[] NOT NULL CHECK (cardinality(kinds) >= 1),
  title                text NOT NULL,
  planned_start_on     date NOT NULL,
  planned_end_on       date NOT NULL,
  place                text NOT NULL,
  expected_participants integer NOT NULL CHECK (expected_participants >= 0),
  -- money raised or spent (募捐/慈善), in fen like activities.amount_fen
  amount_fen           bigint NOT NULL DEFAULT 0 CHECK (amount_fen >= 0),
  foreign_related      boolean NOT NULL DEFAULT false,
  content              text NOT NULL,
  -- the organizer's contact person and phone; the phone sealed (lib/personal-data.ts, db/sealed-tables.ts)
  contact_name         text NOT NULL,
  contact_phone_enc    text,
  contact_phone_masked text,
  contact_phone_hash   text,
  status               text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'approved', 'returned', 'rejected', 'withdrawn')),
  -- filed by the organization's leader or by its community staff on its behalf (seed 004)
  declared_by          bigint NOT NULL REFERENCES users (id),
  on_behalf            boolean NOT NULL DEFAULT false,
  -- when it first reached the first reviewer: the lead time is measured from this day (China time)
  declared_at          timestamptz,
  -- the lead-time verdict at submission, with the rule then in force (the district may change the setting later)
  lead_required_days   integer,
  lead_unit            text CHECK (lead_unit IN ('calendar', 'working')),
  lead_ahead_days      integer,
  decided_at           timestamptz,
  -- the post-event summary's due date: summaryDueDays after the linked activity's end, or after the planned end;
  -- fixed when approved and moved when an activity is linked, so reminders and overdue counts are one range scan
  summary_due_on       date,
  version              integer NOT NULL DEFAULT 1,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT declarations_dates_check CHECK (planned_end_on >= planned_start_on)
);
CREATE INDEX declarations_org_idx ON declarations (org_id, planned_start_on DESC);
CREATE INDEX declarations_level3_idx ON declarations (level3_id, status);
CREATE INDEX declarations_level4_idx ON declarations (level4_id, status);
CREATE INDEX declarations_level5_idx ON declarations (level5_id, status);
CREATE INDEX declarations_summary_due_idx ON declarations (summary_due_on) WHERE status = 'approved';

-- The post-event summary (辽宁 practice: effect, problems, next steps), one per declaration.
CREATE TABLE declaration_summaries (
  declaration_id  bigint PRIMARY KEY REFERENCES declarations (id),
  effect          text NOT NULL,
  problems        text NOT NULL,
  next_steps      text NOT NULL,
  due_on          date,
  filed_at        timestamptz NOT NULL DEFAULT now(),
  filed_by        bigint NOT NULL REFERENCES users (id)
);

-- The ledger activity held under a declaration (set when the activity is entered, or linked afterwards): an activity
-- crossing a threshold without a linked approved declaration is flagged.
ALTER TABLE activities ADD COLUMN declaration_id bigint REFERENCES declarations (id);
CREATE INDEX activities_declaration_idx ON activities (declaration_id) WHERE declaration_id IS NOT NULL;
