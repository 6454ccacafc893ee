-- The atlas core: sources, administrative units, generalised geometry, and a data version.
CREATE EXTENSION IF NOT EXISTS postgis;

-- Every unit (and later every flow, alliance and indicator) points at the source it came from.
CREATE TABLE sources (
  id           text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_.-]{1,63}$'),
  title        text NOT NULL,
  publisher    text NOT NULL,
  url          text,
  licence      text NOT NULL,
  original_crs text,            -- e.g. 'GCJ-02', 'EPSG:4326', 'EPSG:4490'; null for non-spatial sources
  retrieved    date,
  vintage      text,
  notes        text,
  mirror_path  text             -- where the importer looks for the files in a local mirror (config.geodataDir)
);

CREATE TABLE unit_levels (
  level       text PRIMARY KEY,
  rank        smallint NOT NULL UNIQUE,
  code_prefix smallint NOT NULL   -- how many leading code digits a unit of this level fixes
);
INSERT INTO unit_levels VALUES
  ('province', 1, 2), ('prefecture', 2, 4), ('county', 3, 6), ('township', 4, 9), ('village', 5, 12);

CREATE TABLE units (
  code         char(12) PRIMARY KEY CHECK (code ~ '^[0-9]{12}$'),
  code6        char(6) GENERATED ALWAYS AS (substr(code, 1, 6)) STORED,
  code9        char(9) GENERATED ALWAYS AS (substr(code, 1, 9)) STORED,
  parent_code  char(12) REFERENCES units (code) DEFERRABLE INITIALLY DEFERRED,
  level        text NOT NULL REFERENCES unit_levels (level),
  name_zh      text NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 200),
  name_en      text,             -- pinyin (toned words) or an English name
  name_pinyin  text,             -- lower-case toneless pinyin without spaces, for search
  geom         geometry(MultiPolygon, 4326) CHECK (geom IS NULL OR ST_IsValid(geom)),
  point        geometry(Point, 4326),
  geom_quality text NOT NULL CHECK (geom_quality IN ('surveyed', 'approximate', 'none')),
  -- seat: a published seat point of this unit; surface: ST_PointOnSurface of its polygon; centroid: its
  -- centroid; name_match: the point of a same-named unit in an older list (villages merged since may
  -- have moved), see point_source_id.
  point_basis  text CHECK (point_basis IN ('seat', 'surface', 'centroid', 'name_match')),
  source_id    text NOT NULL REFERENCES sources (id),   -- where the unit (code, name, outline) comes from
  vintage      text NOT NULL,
  geom_source_id  text REFERENCES sources (id),         -- where geom comes from, when not source_id (e.g. derived areas)
  point_source_id text REFERENCES sources (id),         -- where point comes from
  note         text,                                    -- provenance remarks, e.g. a statistical unit skipped
  CHECK ((geom IS NULL) = (geom_quality = 'none')),
  CHECK ((point IS NULL) = (point_basis IS NULL))
);
CREATE INDEX units_parent_idx ON units (parent_code, code);
CREATE INDEX units_level_idx ON units (level, code);
CREATE INDEX units_code6_idx ON units (code6);
CREATE INDEX units_code9_idx ON units (code9);
CREATE INDEX units_geom_idx ON units USING gist (geom);
CREATE INDEX units_point_idx ON units USING gist (point);

-- A child must sit below its parent in the hierarchy and inside its parent's code range
-- (e.g. township 330329100 lies in county 330329's range 330329000000–330329999999).
CREATE FUNCTION units_check_parent() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  p_level text;
  p_prefix smallint;
  p_rank smallint;
  c_rank smallint;
BEGIN
  IF NEW.parent_code IS NULL THEN
    RETURN NEW;
  END IF;
  SELECT u.level, l.code_prefix, l.rank INTO p_level, p_prefix, p_rank
    FROM units u JOIN unit_levels l USING (level) WHERE u.code = NEW.parent_code;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'parent % of unit % does not exist', NEW.parent_code, NEW.code USING ERRCODE = '23503';
  END IF;
  SELECT rank INTO c_rank FROM unit_levels WHERE level = NEW.level;
  IF c_rank <= p_rank THEN
    RAISE EXCEPTION 'unit % (%) cannot sit under % (%)', NEW.code, NEW.level, NEW.parent_code, p_level USING ERRCODE = '23514';
  END IF;
  IF substr(NEW.code, 1, p_prefix) <> substr(NEW.parent_code, 1, p_prefix) THEN
    RAISE EXCEPTION 'unit % lies outside the code range of its parent %', NEW.code, NEW.parent_code USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER units_check_parent BEFORE INSERT OR UPDATE ON units FOR EACH ROW EXECUTE FUNCTION units_check_parent();

-- Boundaries pre-generalised once per zoom band, in web mercator, so tiles never simplify on the fly.
-- Neighbours are simplified together (shared arcs), so no gaps open between them.
CREATE TABLE unit_geom_generalised (
  code  char(12) NOT NULL REFERENCES units (code) ON DELETE CASCADE,
  band  smallint NOT NULL,      -- see server/tiles/zoom-bands.ts
  geom  geometry(MultiPolygon, 3857) NOT NULL,
  PRIMARY KEY (code, band)
);
CREATE INDEX unit_geom_generalised_geom_idx ON unit_geom_generalised USING gist (geom);

-- One row: bumped by every write, so cached tiles and ETags change with the data.
CREATE TABLE data_version (
  singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  version    bigint NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO data_version (version) VALUES (1);

-- What each import did, for the record and for the CLI's summary.
CREATE TABLE import_runs (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  started_at  timestamptz NOT NULL DEFAULT now(),
  source_id   text REFERENCES sources (id),
  input       text NOT NULL,
  inserted    integer NOT NULL,
  updated     integer NOT NULL,
  skipped     integer NOT NULL,
  data_version bigint,          -- the version this run wrote; null when it changed nothing
  notes       jsonb NOT NULL DEFAULT '{}'::jsonb
);

-- ST_Transform that answers NULL instead of failing, so the importer can name the feature that cannot be
-- transformed (coordinates outside the projection's domain) instead of failing a whole batch.
CREATE FUNCTION atlas_try_transform(g geometry, srid integer) RETURNS geometry LANGUAGE plpgsql IMMUTABLE STRICT AS $$
BEGIN
  RETURN ST_Transform(g, srid);
EXCEPTION WHEN OTHERS THEN
  RETURN NULL;
END $$;
