-- The organization registry (DESIGN §3). One row per organization for life: a filed organization that later
-- registers keeps its id, history and ledger.
CREATE TABLE orgs (
  id                 bigserial PRIMARY KEY,
  name               text NOT NULL,
  former_names       text[] NOT NULL DEFAULT '{}',
  -- unified social credit code (GB 32100-2015); registered forms only
  credit_code        text,
  legal_form         text NOT NULL CHECK (legal_form IN ('social_group', 'social_service', 'foundation', 'filed', 'grassroots')),
  category           text NOT NULL,
  region_id          bigint NOT NULL REFERENCES regions (id),
  -- the region's ancestor ids per level, copied so the jurisdiction filter is one indexed equality
  level1_id          bigint,
  level2_id          bigint,
  level3_id          bigint,
  level4_id          bigint,
  level5_id          bigint,
  level6_id          bigint,
  address            text,
  leader_name        text,
  leader_id_number   text,
  leader_phone       text,
  individual_members integer CHECK (individual_members >= 0),
  unit_members       integer CHECK (unit_members >= 0),
  founded_on         date,
  purpose            text,
  activities         text,
  venue              text,
  hub_org_id         bigint REFERENCES orgs (id),
  status             text NOT NULL CHECK (status IN ('preparing', 'filing', 'registering', 'active', 'changing',
                                                     'deregistering', 'deregistered', 'dissolved', 'revoked')),
  is_demo_site       boolean NOT NULL DEFAULT false,
  is_brand           boolean NOT NULL DEFAULT false,
  is_incubating      boolean NOT NULL DEFAULT false,
  certificate_no     text,
  -- search: pinyin and initials of the name and former names, and n-grams for substring search on any locale
  pinyin             text NOT NULL,
  initials           text NOT NULL,
  search_grams       text[] NOT NULL,
  version            integer NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  created_by         bigint REFERENCES users (id)
);
CREATE UNIQUE INDEX orgs_credit_code_key ON orgs (credit_code) WHERE credit_code IS NOT NULL;
CREATE INDEX orgs_region_idx ON orgs (region_id);
CREATE INDEX orgs_level2_idx ON orgs (level2_id);
CREATE INDEX orgs_level3_idx ON orgs (level3_id);
CREATE INDEX orgs_level4_idx ON orgs (level4_id);
CREATE INDEX orgs_level5_idx ON orgs (level5_id);
CREATE INDEX orgs_hub_idx ON orgs (hub_org_id) WHERE hub_org_id IS NOT NULL;
CREATE INDEX orgs_name_region_idx ON orgs (name, region_id);
CREATE INDEX orgs_search_grams_idx ON orgs USING gin (search_grams);
CREATE INDEX orgs_credit_code_prefix_idx ON orgs (credit_code text_pattern_ops);

-- Every change keeps the previous values: who, when, why, and field by field old → new.
CREATE TABLE org_history (
  id          bigserial PRIMARY KEY,
  org_id      bigint NOT NULL REFERENCES orgs (id),
  version     integer NOT NULL,
  at          timestamptz NOT NULL DEFAULT now(),
  actor_id    bigint,
  actor_name  text,
  action      text NOT NULL,
  reason      text,
  changes     jsonb NOT NULL
);
CREATE INDEX org_history_org_idx ON org_history (org_id, version);

CREATE TABLE org_attachments (
  id           bigserial PRIMARY KEY,
  org_id       bigint NOT NULL REFERENCES orgs (id),
  kind         text NOT NULL,
  filename     text NOT NULL,
  mime_type    text NOT NULL,
  size_bytes   integer NOT NULL,
  content      bytea NOT NULL,
  uploaded_at  timestamptz NOT NULL DEFAULT now(),
  uploaded_by  bigint REFERENCES users (id)
);
CREATE INDEX org_attachments_org_idx ON org_attachments (org_id);

-- Settings per district (categories, thresholds, targets …); a row at a district overrides the default.
CREATE TABLE district_settings (
  region_id   bigint NOT NULL REFERENCES regions (id),
  key         text NOT NULL,
  value       jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  bigint REFERENCES users (id),
  PRIMARY KEY (region_id, key)
);

CREATE TABLE import_jobs (
  id           text PRIMARY KEY,
  user_id      bigint NOT NULL REFERENCES users (id),
  kind         text NOT NULL,
  filename     text NOT NULL,
  status       text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
  total        integer NOT NULL DEFAULT 0,
  processed    integer NOT NULL DEFAULT 0,
  inserted     integer NOT NULL DEFAULT 0,
  updated      integer NOT NULL DEFAULT 0,
  unchanged    integer NOT NULL DEFAULT 0,
  rejected     integer NOT NULL DEFAULT 0,
  error        text,
  report       bytea,
  created_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz
);
