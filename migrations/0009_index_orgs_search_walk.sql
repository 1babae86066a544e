-- A search of a common word walks the names in pinyin order until a page is full, and reads the matching fields
-- from this index alone (an index-only scan) instead of a table row per entry: name, former names, initials and the
-- jurisdiction levels down to the street ride along. It replaces the plain (pinyin, id) index of 0005.
CREATE INDEX orgs_search_walk_idx ON orgs (pinyin, id) INCLUDE (name, former_names, initials, level1_id, level2_id, level3_id, level4_id);
DROP INDEX orgs_pinyin_order_idx;
