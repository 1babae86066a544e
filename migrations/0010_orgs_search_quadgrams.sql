-- Four-letter pieces of pinyin and initials join the search n-grams (see quadgrams in src/server/lib/search-text.ts):
-- longer latin queries are looked up by them, as three-letter pieces of pinyin are too common to narrow a search.
-- Each name's pinyin and initials are kept space-separated; the pieces are taken from each after dropping all but
-- a-z and 0-9, as searchColumns does for rows written from now on.
UPDATE orgs o
SET search_grams = ARRAY(
  SELECT DISTINCT g FROM (
    SELECT unnest(o.search_grams) AS g
    UNION ALL
    SELECT substr(t, i, 4)
    FROM (SELECT regexp_replace(part, '[^a-z0-9]', '', 'g') AS t
          FROM unnest(string_to_array(o.pinyin, ' ') || string_to_array(o.initials, ' ')) AS part) parts,
         generate_series(1, length(t) - 3) AS i
  ) grams
);
