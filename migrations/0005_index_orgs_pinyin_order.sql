-- The registry lists in pinyin order by default: walking this index finds the first page of a large result
-- without fetching and sorting every match.
CREATE INDEX orgs_pinyin_order_idx ON orgs (pinyin, id);
