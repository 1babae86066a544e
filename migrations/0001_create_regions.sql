-- The administrative hierarchy (DESIGN §2): province → city → district → street/town/township → community/village → grid.
-- Ancestor ids per level (DHIS2's pattern): "this node and everything below" is one indexed equality, level<n>_id = id.
CREATE TABLE regions (
  id            bigserial PRIMARY KEY,
  code          text NOT NULL UNIQUE,
  name          text NOT NULL,
  parent_id     bigint REFERENCES regions (id),
  level         smallint NOT NULL CHECK (level BETWEEN 1 AND 6),
  kind          text NOT NULL CHECK (kind IN ('province', 'city', 'district', 'street', 'town', 'township',
                                             'township_other', 'community', 'village', 'grid')),
  -- an administrator corrected the kind inferred from the code; imports keep it
  kind_manual   boolean NOT NULL DEFAULT false,
  level1_id     bigint,
  level2_id     bigint,
  level3_id     bigint,
  level4_id     bigint,
  level5_id     bigint,
  level6_id     bigint,
  pinyin        text NOT NULL,
  initials      text NOT NULL,
  -- overlapping two-character pieces of the name: Chinese substring search that works on any locale
  name_bigrams  text[] NOT NULL,
  population    integer CHECK (population >= 0),
  population_updated_at timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX regions_parent_idx ON regions (parent_id);
CREATE INDEX regions_level1_idx ON regions (level1_id);
CREATE INDEX regions_level2_idx ON regions (level2_id);
CREATE INDEX regions_level3_idx ON regions (level3_id);
CREATE INDEX regions_level4_idx ON regions (level4_id);
CREATE INDEX regions_level5_idx ON regions (level5_id);
CREATE INDEX regions_code_prefix_idx ON regions (code text_pattern_ops);
CREATE INDEX regions_pinyin_prefix_idx ON regions (pinyin text_pattern_ops);
CREATE INDEX regions_initials_prefix_idx ON regions (initials text_pattern_ops);
CREATE INDEX regions_name_bigrams_idx ON regions USING gin (name_bigrams);
