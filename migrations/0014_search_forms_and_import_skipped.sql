-- Issue 11 item 5: files as offices really keep them.
--
-- An import counts the rows it set aside (totals, notes, signatures, blank rows below the data) apart from errors.
ALTER TABLE import_jobs ADD COLUMN skipped integer NOT NULL DEFAULT 0;

-- Names are stored as written, traditional characters and full-width letters too; search compares one normalized
-- form (half-width, simplified character by character, lower case: searchForm in src/server/lib/search-text.ts).
-- search_name holds that form of the name and former names only when it differs from what is written (NULL for
-- nearly every row), so the search condition stays `name like … or former_names like … or search_name like …`.
ALTER TABLE orgs ADD COLUMN search_name text;

-- The walk in pinyin order reads the matching fields from the index alone (0009): search_name rides along too.
CREATE INDEX orgs_search_walk_v2_idx ON orgs (pinyin, id) INCLUDE (name, former_names, search_name, initials, level1_id, level2_id, level3_id, level4_id);
DROP INDEX orgs_search_walk_idx;
ALTER INDEX orgs_search_walk_v2_idx RENAME TO orgs_search_walk_idx;

-- SQL cannot compute the normalized form (a character table and pinyin live in JavaScript): rows stored before
-- this migration are brought up to date at start-up, in batches, by orgs.search-backfill.ts, which records here how
-- far it got. Rows written from now on get their search columns from searchColumns directly.
CREATE TABLE search_backfills (
  name      text PRIMARY KEY,
  last_id   bigint NOT NULL DEFAULT 0,
  until_id  bigint NOT NULL,
  updated   integer NOT NULL DEFAULT 0,
  done_at   timestamptz
);
INSERT INTO search_backfills (name, until_id) SELECT 'orgs.search_name', coalesce(max(id), 0) FROM orgs;
