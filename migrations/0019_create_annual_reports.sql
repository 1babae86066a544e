-- Annual reports and inspection (年报/年检; DESIGN §4; issue 13 items 4 and 5). One report per organization and
-- reporting year. Registered forms are inspected by the district (社会团体登记管理条例 art. 28, 民办非企业单位登记管理
-- 暂行条例 art. 23); filed community organizations report to their community and street. The review itself runs on
-- the shared chain (review_cases, subject kind 'annual_report'); this table keeps the report, its dates and the
-- conclusion, so the rates per node (report rate, inspection rate, pass rate) are one join of orgs and this table.
CREATE TABLE annual_reports (
  id                  bigserial PRIMARY KEY,
  org_id              bigint NOT NULL REFERENCES orgs (id),
  -- placed like its organization when it was created (lib/access.ts placementColumns): jurisdiction is one equality
  region_id           bigint NOT NULL REFERENCES regions (id),
  level1_id           bigint,
  level2_id           bigint,
  level3_id           bigint,
  level4_id           bigint,
  level5_id           bigint,
  level6_id           bigint,
  year                smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  -- the form it was filed as (an organization that registers later keeps the reports of its filed years)
  legal_form          text NOT NULL CHECK (legal_form IN ('social_group', 'social_service', 'foundation', 'filed')),
  status              text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'returned', 'concluded')),
  -- the sections of the form (src/shared/schemas/annual-reports.ts); ID numbers and phones sealed (sealJson)
  sections            jsonb NOT NULL,
  due_on              date NOT NULL,
  -- the (latest first) submission: on time = submitted on or before due_on, China time
  submitted_at        timestamptz,
  submitted_on        date,
  on_time             boolean,
  -- a return opens a correction window of N working days (annual.reports correctionWorkingDays)
  returned_on         date,
  correction_due_on   date,
  resubmitted_at      timestamptz,
  late_correction     boolean NOT NULL DEFAULT false,
  conclusion          text CHECK (conclusion IN ('pass', 'basic_pass', 'fail')),
  opinion             text,
  concluded_at        timestamptz,
  concluded_on        date,
  concluded_by        bigint REFERENCES users (id),
  -- the signed declaration page (声明签章页): signatures and seals, stored sealed (sealBytes) like every upload
  scan_filename       text,
  scan_mime_type      text,
  scan_size_bytes     integer,
  scan_content        bytea,
  scan_uploaded_at    timestamptz,
  scan_uploaded_by    bigint REFERENCES users (id),
  created_by          bigint REFERENCES users (id),
  version             integer NOT NULL DEFAULT 1,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT annual_reports_org_year_key UNIQUE (org_id, year),
  CONSTRAINT annual_reports_submitted_check CHECK ((submitted_at IS NULL) = (submitted_on IS NULL)),
  CONSTRAINT annual_reports_concluded_check CHECK ((status = 'concluded') = (conclusion IS NOT NULL)),
  CONSTRAINT annual_reports_scan_check CHECK ((scan_content IS NULL) = (scan_filename IS NULL))
);
-- Lists and rates per node by level and year (a district of thousands of organizations: the rates join orgs of the
-- node to this table by (org_id, year), the unique key above; the lists walk these).
CREATE INDEX annual_reports_level3_idx ON annual_reports (level3_id, year, status);
CREATE INDEX annual_reports_level4_idx ON annual_reports (level4_id, year, status);
CREATE INDEX annual_reports_level5_idx ON annual_reports (level5_id, year, status);
