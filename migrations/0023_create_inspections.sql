-- Random inspection (双随机一公开; 《社会组织抽查暂行办法》民发〔2017〕45号; issue 14 item 4).
--
-- A plan of a district (yearly, or ad hoc) is published before it is drawn: publishing freezes the population (the
-- organizations registered there, plus filed ones if the plan says so, in operation that day) into
-- inspection_population and stores the seed, SHA-256 over the plan's canonical text, its publication day and the
-- sorted population (inspections.policy.ts canonicalPlanText). The draw is then a pure function of seed and list,
-- so anyone can recompute it from what the public route gives (GET /public/inspections/plans/:id).
CREATE TABLE inspection_plans (
  id              bigserial PRIMARY KEY,
  -- placed at its district (lib/access.ts placementColumns)
  region_id       bigint NOT NULL REFERENCES regions (id),
  level1_id       bigint,
  level2_id       bigint,
  level3_id       bigint,
  level4_id       bigint,
  level5_id       bigint,
  level6_id       bigint,
  kind            text NOT NULL CHECK (kind IN ('yearly', 'adhoc')),
  year            smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  title           text NOT NULL,
  purpose         text,
  -- the ratio in hundredths of a percent (300 = 3%): integer arithmetic, so the browser recomputes the same quota
  ratio_bp        integer NOT NULL CHECK (ratio_bp BETWEEN 1 AND 10000),
  include_filed   boolean NOT NULL,
  min_inspectors  smallint NOT NULL CHECK (min_inspectors BETWEEN 2 AND 5),
  publish_days    smallint NOT NULL CHECK (publish_days BETWEEN 1 AND 60),
  -- the rule the ratio came from and its decisive day (the plan's creation day): 依据 text shown beside it
  ratio_rule_key  text NOT NULL,
  decided_on      date NOT NULL,
  basis_text      text NOT NULL,
  status          text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'drawn')),
  published_on    date,
  seed            text CHECK (seed ~ '^[0-9a-f]{64}$'),
  published_by    bigint REFERENCES users (id),
  drawn_at        timestamptz,
  drawn_by        bigint REFERENCES users (id),
  created_by      bigint REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  version         integer NOT NULL DEFAULT 1,
  CONSTRAINT inspection_plans_published_check CHECK ((status = 'draft') = (seed IS NULL) AND (seed IS NULL) = (published_on IS NULL))
);
-- One yearly plan per district and year; ad-hoc plans as many as needed.
CREATE UNIQUE INDEX inspection_plans_yearly_key ON inspection_plans (region_id, year) WHERE kind = 'yearly';
CREATE INDEX inspection_plans_level3_idx ON inspection_plans (level3_id, year);

-- The population as frozen at publication: what the seed covers. `draw_key` is the credit code, or `id:<org id>` for
-- an organization without one; `stratum` is `<street code>|<legal form>`.
CREATE TABLE inspection_population (
  plan_id      bigint NOT NULL REFERENCES inspection_plans (id),
  org_id       bigint NOT NULL REFERENCES orgs (id),
  draw_key     text NOT NULL,
  stratum      text NOT NULL,
  org_name     text NOT NULL,
  street_name  text NOT NULL,
  legal_form   text NOT NULL,
  PRIMARY KEY (plan_id, org_id),
  CONSTRAINT inspection_population_key UNIQUE (plan_id, draw_key)
);

-- An organization drawn: its checklist and result. Placed like the organization (listings and relations).
CREATE TABLE inspection_items (
  id              bigserial PRIMARY KEY,
  plan_id         bigint NOT NULL REFERENCES inspection_plans (id),
  org_id          bigint NOT NULL REFERENCES orgs (id),
  region_id       bigint NOT NULL REFERENCES regions (id),
  level1_id       bigint,
  level2_id       bigint,
  level3_id       bigint,
  level4_id       bigint,
  level5_id       bigint,
  level6_id       bigint,
  stratum         text NOT NULL,
  rank_hash       text NOT NULL,
  status          text NOT NULL DEFAULT 'assigned' CHECK (status IN ('assigned', 'checked')),
  mode            text CHECK (mode IN ('written', 'on_site')),
  -- one entry per area of 民发〔2017〕45号 art. 6 (annual_report, disclosure, governance, finances, activities)
  checklist       jsonb,
  result          text CHECK (result IN ('no_problem', 'problems')),
  findings        text,
  rectify_by      date,
  checked_on      date,
  checked_by      bigint REFERENCES users (id),
  publish_by      date,
  published_on    date,
  rectified_on    date,
  rectified_note  text,
  version         integer NOT NULL DEFAULT 1,
  CONSTRAINT inspection_items_plan_org_key UNIQUE (plan_id, org_id),
  CONSTRAINT inspection_items_checked_check CHECK ((status = 'checked') = (result IS NOT NULL)),
  CONSTRAINT inspection_items_rectify_check CHECK ((result = 'problems') = (rectify_by IS NOT NULL) OR result IS NULL)
);
CREATE INDEX inspection_items_org_idx ON inspection_items (org_id);
CREATE INDEX inspection_items_level3_idx ON inspection_items (level3_id, status);

-- Inspectors of an item: drawn from the district's pool in seed order. A candidate with a relation to the
-- organization is kept as 'recused' with the relation (computed, art. 10); one who declares a conflict becomes
-- 'declared' with their words, and the next in order replaces them.
CREATE TABLE inspection_inspectors (
  id           bigserial PRIMARY KEY,
  item_id      bigint NOT NULL REFERENCES inspection_items (id),
  user_id      bigint NOT NULL REFERENCES users (id),
  status       text NOT NULL CHECK (status IN ('active', 'recused', 'declared')),
  reason       text,
  draw_order   integer NOT NULL,
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT inspection_inspectors_key UNIQUE (item_id, user_id)
);
CREATE INDEX inspection_inspectors_user_idx ON inspection_inspectors (user_id, status);
