-- The target board from a handful of rows per node (DESIGN §5, issue 6: province board ≤ 50 ms): the places
-- figures of every node (population summed upward, communities by kind) and a small per-year counter, both kept in
-- step in the same transaction as every change by triggers, like the counters of 0007.

-- Per node, what stats.policy placesOf computes from the subtree: the population (own if entered, else the sum
-- of the children's that have one), whether it covers only part of the node, whether it rests on demo figures,
-- the urban communities (社区) and villages (村) below, and the number of children.
CREATE TABLE stats_places (
  region_id          bigint PRIMARY KEY,
  parent_id          bigint,
  level              smallint NOT NULL,
  population         bigint,
  population_partial boolean NOT NULL,
  population_is_demo boolean NOT NULL,
  urban_communities  integer NOT NULL,
  rural_communities  integer NOT NULL,
  child_count        integer NOT NULL
);
CREATE INDEX stats_places_parent_idx ON stats_places (parent_id);

-- Recomputes the given nodes from their own row and their children's places, deepest level first, so the
-- seed must hold every ancestor of a changed node too. Rows of nodes no longer in regions are removed.
-- Planned afresh on every call: a plan cached while an import was filling the tables (a few rows) turned a later
-- 22,000-node update quadratic.
CREATE FUNCTION stats_places_refresh(seed bigint[]) RETURNS void LANGUAGE plpgsql SET plan_cache_mode = force_custom_plan AS $$
DECLARE
  lvl integer;
  ids bigint[];
  l1 bigint[]; l2 bigint[]; l3 bigint[]; l4 bigint[]; l5 bigint[]; l6 bigint[];
BEGIN
  IF seed IS NULL OR cardinality(seed) = 0 THEN RETURN; END IF;
  -- Lock what is about to be recomputed, top down in one order, before reading any child: two transactions
  -- changing nodes below a common ancestor take turns there, and the later one (read committed: every statement
  -- below takes a fresh snapshot) sums the earlier one's committed rows instead of stale ones.
  -- (Arrays are joined through unnest: `= ANY(array variable)` is searched linearly per row, quadratic for a
  -- 20,000-node batch.)
  PERFORM 1 FROM unnest(seed) AS u(id) JOIN stats_places s ON s.region_id = u.id ORDER BY s.level, s.region_id FOR UPDATE OF s;
  DELETE FROM stats_places p USING unnest(seed) AS u(id)
    WHERE p.region_id = u.id AND NOT EXISTS (SELECT 1 FROM regions r WHERE r.id = p.region_id);
  SELECT array_agg(r.id) FILTER (WHERE r.level = 1), array_agg(r.id) FILTER (WHERE r.level = 2), array_agg(r.id) FILTER (WHERE r.level = 3),
         array_agg(r.id) FILTER (WHERE r.level = 4), array_agg(r.id) FILTER (WHERE r.level = 5), array_agg(r.id) FILTER (WHERE r.level = 6)
    INTO l1, l2, l3, l4, l5, l6
    FROM unnest(seed) AS u(id) JOIN regions r ON r.id = u.id;
  FOR lvl IN REVERSE 6..1 LOOP
    ids := CASE lvl WHEN 1 THEN l1 WHEN 2 THEN l2 WHEN 3 THEN l3 WHEN 4 THEN l4 WHEN 5 THEN l5 ELSE l6 END;
    CONTINUE WHEN ids IS NULL;
    INSERT INTO stats_places AS s (region_id, parent_id, level, population, population_partial, population_is_demo,
                                   urban_communities, rural_communities, child_count)
    SELECT r.id, r.parent_id, r.level,
           coalesce(r.population::bigint, k.below),
           r.population IS NULL AND coalesce(k.known, 0) > 0 AND k.gap,
           CASE WHEN r.population IS NOT NULL THEN r.population_is_demo ELSE coalesce(k.demo, false) END,
           (r.level = 5 AND r.kind = 'community')::int + coalesce(k.urban, 0),
           (r.level = 5 AND r.kind = 'village')::int + coalesce(k.rural, 0),
           coalesce(k.n, 0)
    FROM unnest(ids) AS u(id)
    JOIN regions r ON r.id = u.id
    LEFT JOIN (
      SELECT p.parent_id, count(*)::int AS n, count(p.population)::int AS known, sum(p.population)::bigint AS below,
             bool_or(p.population IS NULL OR p.population_partial) AS gap,
             bool_or(p.population_is_demo) FILTER (WHERE p.population IS NOT NULL) AS demo,
             sum(p.urban_communities)::int AS urban, sum(p.rural_communities)::int AS rural
      FROM unnest(ids) AS c(id) JOIN stats_places p ON p.parent_id = c.id GROUP BY p.parent_id
    ) k ON k.parent_id = r.id
    ORDER BY r.id
    ON CONFLICT (region_id) DO UPDATE SET
      parent_id = excluded.parent_id, level = excluded.level, population = excluded.population,
      population_partial = excluded.population_partial, population_is_demo = excluded.population_is_demo,
      urban_communities = excluded.urban_communities, rural_communities = excluded.rural_communities,
      child_count = excluded.child_count
    WHERE (s.parent_id, s.level, s.population, s.population_partial, s.population_is_demo, s.urban_communities, s.rural_communities, s.child_count)
          IS DISTINCT FROM (excluded.parent_id, excluded.level, excluded.population, excluded.population_partial,
                            excluded.population_is_demo, excluded.urban_communities, excluded.rural_communities, excluded.child_count);
  END LOOP;
END
$$;

-- Statement-level with transition tables: an import batch or a bulk population update refreshes each touched
-- node once. The nodes themselves, their old and new parents and every ancestor (the level columns).
CREATE FUNCTION regions_stats_places() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM stats_places_refresh(ARRAY(
      SELECT DISTINCT x FROM new_rows n
      CROSS JOIN LATERAL unnest(ARRAY[n.id, n.parent_id, n.level1_id, n.level2_id, n.level3_id, n.level4_id, n.level5_id, n.level6_id]) AS x
      WHERE x IS NOT NULL));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM stats_places_refresh(ARRAY(
      SELECT DISTINCT x FROM old_rows o
      CROSS JOIN LATERAL unnest(ARRAY[o.id, o.parent_id, o.level1_id, o.level2_id, o.level3_id, o.level4_id, o.level5_id, o.level6_id]) AS x
      WHERE x IS NOT NULL));
  ELSE
    -- Only rows whose placement, kind or population changed (renames and pinyin touch nothing here), found by
    -- EXCEPT rather than a join on id: a trigger's plan is cached from its first call, and a join planned for an
    -- empty transition table ran as a nested loop, quadratic on a 22,000-row update.
    PERFORM stats_places_refresh(ARRAY(
      SELECT DISTINCT x FROM (
        (SELECT o.id, o.parent_id, o.level, o.kind, o.population, o.population_is_demo,
                o.level1_id, o.level2_id, o.level3_id, o.level4_id, o.level5_id, o.level6_id FROM old_rows o
         EXCEPT ALL
         SELECT n.id, n.parent_id, n.level, n.kind, n.population, n.population_is_demo,
                n.level1_id, n.level2_id, n.level3_id, n.level4_id, n.level5_id, n.level6_id FROM new_rows n)
        UNION ALL
        (SELECT n.id, n.parent_id, n.level, n.kind, n.population, n.population_is_demo,
                n.level1_id, n.level2_id, n.level3_id, n.level4_id, n.level5_id, n.level6_id FROM new_rows n
         EXCEPT ALL
         SELECT o.id, o.parent_id, o.level, o.kind, o.population, o.population_is_demo,
                o.level1_id, o.level2_id, o.level3_id, o.level4_id, o.level5_id, o.level6_id FROM old_rows o)
      ) AS c
      CROSS JOIN LATERAL unnest(ARRAY[c.id, c.parent_id, c.level1_id, c.level2_id, c.level3_id, c.level4_id, c.level5_id, c.level6_id]) AS x
      WHERE x IS NOT NULL));
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER regions_stats_places_insert AFTER INSERT ON regions REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION regions_stats_places();
CREATE TRIGGER regions_stats_places_update AFTER UPDATE ON regions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION regions_stats_places();
CREATE TRIGGER regions_stats_places_delete AFTER DELETE ON regions REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION regions_stats_places();

SELECT stats_places_refresh(ARRAY(SELECT id FROM regions));

-- Per node, township-level kind, community-level kind and year: organizations in the register's count (not
-- grassroots, not pending) that entered it that year and that left it that year; one that left no later than it
-- entered leaves in the year it entered. Year 0 holds the totals over all years, so "in the register at the end of
-- Y" = (entered − exited of year 0) − (entered − exited of the years after Y): the board reads the total and the
-- years from Y on (for this year's board, two rows per node and kinds instead of thousands of counters).
CREATE TABLE stats_years (
  region_id      bigint NOT NULL,
  township_kind  text NOT NULL,
  village_kind   text NOT NULL,
  year           smallint NOT NULL,
  entered        integer NOT NULL,
  exited         integer NOT NULL,
  PRIMARY KEY (region_id, year, township_kind, village_kind)
);

-- 0007's single entry point for every change of the counters now writes both tables (same arguments, same order).
CREATE OR REPLACE FUNCTION stats_apply(changes stats_org_change[], kind_node bigint, kind_old text) RETURNS void LANGUAGE sql AS $$
  INSERT INTO stats_counters AS c (region_id, legal_form, category, status, township_kind, village_kind, recorded_year, closed_year, n)
  SELECT r.region_id, x.legal_form, x.category, x.status,
         coalesce(CASE WHEN x.level4_id = kind_node AND x.d < 0 THEN kind_old END, t.kind, ''),
         coalesce(CASE WHEN x.level5_id = kind_node AND x.d < 0 THEN kind_old END, v.kind, ''),
         coalesce(extract(year FROM x.recorded_on), 0)::smallint,
         coalesce(extract(year FROM x.closed_on), 0)::smallint,
         sum(x.d)::integer
  FROM unnest(changes) AS x
  LEFT JOIN regions t ON t.id = x.level4_id
  LEFT JOIN regions v ON v.id = x.level5_id
  CROSS JOIN LATERAL unnest(x.level_ids) AS r(region_id)
  WHERE r.region_id IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  HAVING sum(x.d) <> 0
  -- One order for every writer, so concurrent transactions lock shared ancestor rows without deadlocking.
  ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT (region_id, legal_form, category, status, township_kind, village_kind, recorded_year, closed_year)
  DO UPDATE SET n = c.n + excluded.n;

  INSERT INTO stats_years AS c (region_id, year, township_kind, village_kind, entered, exited)
  SELECT r.region_id, e.year, x.tk, x.vk, sum(e.entered)::integer, sum(e.exited)::integer
  FROM (
    SELECT y.*, CASE WHEN y.cy IS NOT NULL THEN greatest(y.cy, y.ry) END AS ey
    FROM (
      SELECT x.level_ids, x.d,
             coalesce(CASE WHEN x.level4_id = kind_node AND x.d < 0 THEN kind_old END, t.kind, '') AS tk,
             coalesce(CASE WHEN x.level5_id = kind_node AND x.d < 0 THEN kind_old END, v.kind, '') AS vk,
             extract(year FROM x.recorded_on)::smallint AS ry, extract(year FROM x.closed_on)::smallint AS cy
      FROM unnest(changes) AS x
      LEFT JOIN regions t ON t.id = x.level4_id
      LEFT JOIN regions v ON v.id = x.level5_id
      WHERE x.legal_form <> 'grassroots' AND x.status NOT IN ('preparing', 'filing', 'registering') AND x.recorded_on IS NOT NULL
    ) AS y
  ) AS x
  CROSS JOIN LATERAL (VALUES (x.ry, x.d, 0), (x.ey, 0, x.d), (0::smallint, x.d, CASE WHEN x.ey IS NOT NULL THEN x.d ELSE 0 END))
    AS e(year, entered, exited)
  CROSS JOIN LATERAL unnest(x.level_ids) AS r(region_id)
  WHERE r.region_id IS NOT NULL AND e.year IS NOT NULL
  GROUP BY 1, 2, 3, 4
  HAVING sum(e.entered) <> 0 OR sum(e.exited) <> 0
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (region_id, year, township_kind, village_kind)
  DO UPDATE SET entered = c.entered + excluded.entered, exited = c.exited + excluded.exited;
$$;

-- The existing register, counted once.
INSERT INTO stats_years (region_id, year, township_kind, village_kind, entered, exited)
SELECT l.region_id, e.year, x.tk, x.vk, sum(e.entered)::integer, sum(e.exited)::integer
FROM (
  SELECT y.*, CASE WHEN y.cy IS NOT NULL THEN greatest(y.cy, y.ry) END AS ey
  FROM (
    SELECT ARRAY[o.level1_id, o.level2_id, o.level3_id, o.level4_id, o.level5_id, o.level6_id] AS level_ids,
           coalesce(t.kind, '') AS tk, coalesce(v.kind, '') AS vk,
           extract(year FROM o.recorded_on)::smallint AS ry, extract(year FROM o.closed_on)::smallint AS cy
    FROM orgs o
    LEFT JOIN regions t ON t.id = o.level4_id
    LEFT JOIN regions v ON v.id = o.level5_id
    WHERE o.legal_form <> 'grassroots' AND o.status NOT IN ('preparing', 'filing', 'registering') AND o.recorded_on IS NOT NULL
  ) AS y
) AS x
CROSS JOIN LATERAL (VALUES (x.ry, 1, 0), (x.ey, 0, 1), (0::smallint, 1, CASE WHEN x.ey IS NOT NULL THEN 1 ELSE 0 END)) AS e(year, entered, exited)
CROSS JOIN LATERAL unnest(x.level_ids) AS l(region_id)
WHERE l.region_id IS NOT NULL AND e.year IS NOT NULL
GROUP BY 1, 2, 3, 4;

-- The same for 0007's counter trigger on orgs: its join of the old and new rows on id, planned once for small
-- transition tables, would be quadratic for a large bulk update later in the session. Changed rows by EXCEPT
-- instead (the ancestors are compared too: a row whose ancestors change moves between counters).
CREATE OR REPLACE FUNCTION orgs_stats_counters() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM stats_apply(ARRAY(
      SELECT ROW(ARRAY[n.level1_id, n.level2_id, n.level3_id, n.level4_id, n.level5_id, n.level6_id], n.legal_form, n.category,
                 n.status, n.level4_id, n.level5_id, n.recorded_on, n.closed_on, 1)::stats_org_change
      FROM new_rows n), NULL, NULL);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM stats_apply(ARRAY(
      SELECT ROW(ARRAY[o.level1_id, o.level2_id, o.level3_id, o.level4_id, o.level5_id, o.level6_id], o.legal_form, o.category,
                 o.status, o.level4_id, o.level5_id, o.recorded_on, o.closed_on, -1)::stats_org_change
      FROM old_rows o), NULL, NULL);
  ELSE
    -- Only rows whose counted columns changed: most edits (names, leaders, members) touch no counter.
    PERFORM stats_apply(ARRAY(
      SELECT ROW(ARRAY[c.level1_id, c.level2_id, c.level3_id, c.level4_id, c.level5_id, c.level6_id], c.legal_form, c.category,
                 c.status, c.level4_id, c.level5_id, c.recorded_on, c.closed_on, c.d)::stats_org_change
      FROM (
        (SELECT o.id, o.region_id, o.legal_form, o.category, o.status, o.recorded_on, o.closed_on,
                o.level1_id, o.level2_id, o.level3_id, o.level4_id, o.level5_id, o.level6_id, -1 AS d FROM old_rows o
         EXCEPT ALL
         SELECT n.id, n.region_id, n.legal_form, n.category, n.status, n.recorded_on, n.closed_on,
                n.level1_id, n.level2_id, n.level3_id, n.level4_id, n.level5_id, n.level6_id, -1 FROM new_rows n)
        UNION ALL
        (SELECT n.id, n.region_id, n.legal_form, n.category, n.status, n.recorded_on, n.closed_on,
                n.level1_id, n.level2_id, n.level3_id, n.level4_id, n.level5_id, n.level6_id, 1 AS d FROM new_rows n
         EXCEPT ALL
         SELECT o.id, o.region_id, o.legal_form, o.category, o.status, o.recorded_on, o.closed_on,
                o.level1_id, o.level2_id, o.level3_id, o.level4_id, o.level5_id, o.level6_id, 1 FROM old_rows o)
      ) AS c), NULL, NULL);
  END IF;
  RETURN NULL;
END
$$;
