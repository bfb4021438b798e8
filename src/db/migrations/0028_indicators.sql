-- Target indicators (issue 13): a plan's numbers with planned values by year (and quarter),
-- responsible organisations, and the facts executors report per period and breakdown unit.
-- A computed indicator (share = numerator / denominator, sum over units) stores no facts of
-- its own for what it computes: its values are derived at read time from its components.

CREATE TABLE indicators (
  id serial PRIMARY KEY,
  region_id integer NOT NULL REFERENCES regions(id),
  plan_id integer NOT NULL REFERENCES plans(id),
  number text NOT NULL,
  name text NOT NULL,
  unit text NOT NULL DEFAULT '',
  -- up: growth is good; down: decline is good; target: hit the planned value.
  direction text NOT NULL DEFAULT 'up' CHECK (direction IN ('up', 'down', 'target')),
  base_value double precision,
  -- The base column as the document prints it («2019-2021 гг. (отчёт)» -> '2019-2021').
  base_period text NOT NULL DEFAULT '',
  source text NOT NULL DEFAULT '',
  method text NOT NULL DEFAULT '',
  breakdown text NOT NULL DEFAULT 'total' CHECK (breakdown IN ('total', 'organisation', 'municipality')),
  computation text NOT NULL DEFAULT 'reported' CHECK (computation IN ('reported', 'share', 'sum')),
  numerator_id integer REFERENCES indicators(id),
  denominator_id integer REFERENCES indicators(id),
  position integer NOT NULL,
  version integer NOT NULL DEFAULT 1,
  archived_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((computation = 'share') = (numerator_id IS NOT NULL AND denominator_id IS NOT NULL)),
  CHECK (computation <> 'sum' OR breakdown <> 'total')
);
CREATE INDEX indicators_plan_idx ON indicators(plan_id, position);
CREATE INDEX indicators_region_idx ON indicators(region_id);
CREATE UNIQUE INDEX indicators_number_uq ON indicators(plan_id, number) WHERE archived_at IS NULL;

-- Planned values: quarter 0 is the year's target; 1..4 the quarter's where the document has them.
CREATE TABLE indicator_targets (
  indicator_id integer NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
  year integer NOT NULL CHECK (year BETWEEN 1900 AND 2100),
  quarter smallint NOT NULL DEFAULT 0 CHECK (quarter BETWEEN 0 AND 4),
  value double precision,
  -- As printed («44,7», «не менее 5»), kept when it is not a plain number.
  value_text text NOT NULL DEFAULT '',
  PRIMARY KEY (indicator_id, year, quarter)
);

CREATE TABLE indicator_responsibles (
  indicator_id integer NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
  organisation_id integer NOT NULL REFERENCES organisations(id),
  position integer NOT NULL,
  PRIMARY KEY (indicator_id, organisation_id)
);
CREATE INDEX indicator_responsibles_org_idx ON indicator_responsibles(organisation_id);

-- Reported values: one per indicator, period (year, quarter; 0 = the year) and breakdown unit
-- (an organisation or municipality; NULL = the region's total).
CREATE TABLE indicator_facts (
  id serial PRIMARY KEY,
  region_id integer NOT NULL REFERENCES regions(id),
  indicator_id integer NOT NULL REFERENCES indicators(id),
  year integer NOT NULL CHECK (year BETWEEN 1900 AND 2100),
  quarter smallint NOT NULL DEFAULT 0 CHECK (quarter BETWEEN 0 AND 4),
  unit_organisation_id integer REFERENCES organisations(id),
  value double precision NOT NULL,
  comment text NOT NULL DEFAULT '',
  evidence_url text,
  state text NOT NULL DEFAULT 'submitted' CHECK (state IN ('submitted', 'accepted', 'returned')),
  review_comment text NOT NULL DEFAULT '',
  entered_by integer REFERENCES users(id),
  reviewed_by integer REFERENCES users(id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX indicator_facts_key_uq ON indicator_facts(indicator_id, year, quarter, coalesce(unit_organisation_id, 0));
CREATE INDEX indicator_facts_region_idx ON indicator_facts(region_id);

CREATE TRIGGER indicators_data_version AFTER INSERT OR UPDATE OR DELETE ON indicators FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER indicator_facts_data_version AFTER INSERT OR UPDATE OR DELETE ON indicator_facts FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
