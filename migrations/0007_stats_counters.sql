-- Statistics against the policy targets (DESIGN §4, §5): when each organization entered and left the register,
-- and per-node counters kept in step with every change to orgs by triggers, so every writer (API, import, bulk
-- loads, approvals) keeps them right without knowing about them.

-- The date the organization entered the register (filed or registered) and the date it left it
-- (deregistered, dissolved or revoked). Grassroots organizations and those still being prepared, filed or
-- registered are not in the register yet: recorded_on stays empty until they are.
ALTER TABLE orgs ADD COLUMN recorded_on date, ADD COLUMN closed_on date;

-- Demo populations are marked so the board says they are not real figures; entering a value clears the mark.
ALTER TABLE regions ADD COLUMN population_is_demo boolean NOT NULL DEFAULT false;

-- "Today" for an office in China, whatever the server's time zone.
CREATE FUNCTION shezu_today() RETURNS date LANGUAGE sql STABLE AS $$ SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date $$;

CREATE FUNCTION stats_in_register(form text, status text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT form <> 'grassroots' AND status NOT IN ('preparing', 'filing', 'registering')
$$;

CREATE FUNCTION stats_is_closed(status text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT status IN ('deregistered', 'dissolved', 'revoked')
$$;

UPDATE orgs SET
  recorded_on = CASE WHEN stats_in_register(legal_form, status) THEN least(coalesce(founded_on, created_at::date), shezu_today()) END,
  closed_on = CASE WHEN stats_is_closed(status) THEN updated_at::date END;

CREATE FUNCTION orgs_stats_dates() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF stats_is_closed(NEW.status) THEN
    NEW.closed_on := coalesce(NEW.closed_on, shezu_today());
  ELSE
    NEW.closed_on := NULL;
  END IF;
  IF NEW.recorded_on IS NULL AND stats_in_register(NEW.legal_form, NEW.status) THEN
    -- A new record of an existing organization entered the register when it was founded (or, failing that,
    -- when it was entered); one already on file enters it now, e.g. a grassroots group that files.
    NEW.recorded_on := CASE WHEN TG_OP = 'INSERT'
      THEN least(coalesce(NEW.founded_on, NEW.created_at::date, shezu_today()), shezu_today())
      ELSE shezu_today() END;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER orgs_stats_dates BEFORE INSERT OR UPDATE ON orgs FOR EACH ROW EXECUTE FUNCTION orgs_stats_dates();

-- Per node (the organization's own node and every ancestor): how many organizations of each form, category and
-- status, by the kind of township-level node (growth targets differ for streets and towns) and of
-- community-level node (targets per urban and rural community), entered the register in which year and left it
-- in which year (0 = not entered / not left). "As of the end of year Y" is a sum over these rows.
CREATE TABLE stats_counters (
  region_id      bigint NOT NULL,
  legal_form     text NOT NULL,
  category       text NOT NULL,
  status         text NOT NULL,
  township_kind  text NOT NULL,
  village_kind   text NOT NULL,
  recorded_year  smallint NOT NULL,
  closed_year    smallint NOT NULL,
  n              integer NOT NULL,
  PRIMARY KEY (region_id, legal_form, category, status, township_kind, village_kind, recorded_year, closed_year)
);

-- What a changed row contributes: its ancestors, its counted columns, +1 (added) or −1 (removed).
CREATE TYPE stats_org_change AS (
  level_ids bigint[], legal_form text, category text, status text,
  level4_id bigint, level5_id bigint, recorded_on date, closed_on date, d integer
);

-- Adds the changes to the counters of every node they touch. kind_node/kind_old: count the organizations below
-- that node under its kind before a change of kind (NULL otherwise).
CREATE FUNCTION stats_apply(changes stats_org_change[], kind_node bigint, kind_old text) RETURNS void LANGUAGE sql AS $$
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
  DO UPDATE SET n = c.n + excluded.n
$$;

-- Statement-level with transition tables: one counter update per statement, so a 1,000-row batch costs one
-- aggregate rather than 6,000 row updates.
CREATE FUNCTION orgs_stats_counters() RETURNS trigger LANGUAGE plpgsql AS $$
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
      SELECT c FROM old_rows o JOIN new_rows n ON n.id = o.id
      CROSS JOIN LATERAL (VALUES
        (ROW(ARRAY[o.level1_id, o.level2_id, o.level3_id, o.level4_id, o.level5_id, o.level6_id], o.legal_form, o.category,
             o.status, o.level4_id, o.level5_id, o.recorded_on, o.closed_on, -1)::stats_org_change),
        (ROW(ARRAY[n.level1_id, n.level2_id, n.level3_id, n.level4_id, n.level5_id, n.level6_id], n.legal_form, n.category,
             n.status, n.level4_id, n.level5_id, n.recorded_on, n.closed_on, 1)::stats_org_change)) AS v(c)
      WHERE (o.region_id, o.legal_form, o.category, o.status, o.recorded_on, o.closed_on)
            IS DISTINCT FROM (n.region_id, n.legal_form, n.category, n.status, n.recorded_on, n.closed_on)), NULL, NULL);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER orgs_stats_insert AFTER INSERT ON orgs REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION orgs_stats_counters();
CREATE TRIGGER orgs_stats_update AFTER UPDATE ON orgs REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION orgs_stats_counters();
CREATE TRIGGER orgs_stats_delete AFTER DELETE ON orgs REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION orgs_stats_counters();

-- An administrator may correct a node's kind (e.g. a 村 that is really a 社区): the organizations below it move
-- from the counters of the old kind to those of the new one.
CREATE FUNCTION regions_stats_kind() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM stats_apply(ARRAY(
    SELECT c FROM orgs o
    CROSS JOIN LATERAL (VALUES
      (ROW(ARRAY[o.level1_id, o.level2_id, o.level3_id, o.level4_id, o.level5_id, o.level6_id], o.legal_form, o.category,
           o.status, o.level4_id, o.level5_id, o.recorded_on, o.closed_on, -1)::stats_org_change),
      (ROW(ARRAY[o.level1_id, o.level2_id, o.level3_id, o.level4_id, o.level5_id, o.level6_id], o.legal_form, o.category,
           o.status, o.level4_id, o.level5_id, o.recorded_on, o.closed_on, 1)::stats_org_change)) AS v(c)
    WHERE (NEW.level = 4 AND o.level4_id = NEW.id) OR (NEW.level = 5 AND o.level5_id = NEW.id)), NEW.id, OLD.kind);
  RETURN NULL;
END
$$;
CREATE TRIGGER regions_stats_kind AFTER UPDATE OF kind ON regions FOR EACH ROW
  WHEN (OLD.kind IS DISTINCT FROM NEW.kind AND NEW.level IN (4, 5)) EXECUTE FUNCTION regions_stats_kind();

CREATE FUNCTION regions_population_demo() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.population IS DISTINCT FROM OLD.population AND NEW.population_is_demo IS NOT DISTINCT FROM OLD.population_is_demo THEN
    NEW.population_is_demo := false;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER regions_population_demo BEFORE UPDATE OF population ON regions FOR EACH ROW
  EXECUTE FUNCTION regions_population_demo();

-- The existing register, counted once.
INSERT INTO stats_counters (region_id, legal_form, category, status, township_kind, village_kind, recorded_year, closed_year, n)
SELECT l.region_id, o.legal_form, o.category, o.status, coalesce(t.kind, ''), coalesce(v.kind, ''),
       coalesce(extract(year FROM o.recorded_on), 0)::smallint, coalesce(extract(year FROM o.closed_on), 0)::smallint, count(*)
FROM orgs o
LEFT JOIN regions t ON t.id = o.level4_id
LEFT JOIN regions v ON v.id = o.level5_id
CROSS JOIN LATERAL unnest(ARRAY[o.level1_id, o.level2_id, o.level3_id, o.level4_id, o.level5_id, o.level6_id]) AS l(region_id)
WHERE l.region_id IS NOT NULL
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;

-- The organizations behind a figure: those of a subtree in the register on a date.
CREATE INDEX orgs_recorded_idx ON orgs (recorded_on) WHERE recorded_on IS NOT NULL;
