-- Ratings of municipalities (issue 13): methodologies as versioned data (the exchange JSON of
-- src/domain/ratings, never edited in place: a change is a new version), a rating campaign for
-- a year under one methodology version, and the values each municipality reports for it.
-- Results are computed from the values by the pure engine at read time, never stored twice.

CREATE TABLE rating_methodologies (
  id serial PRIMARY KEY,
  region_id integer NOT NULL REFERENCES regions(id),
  title text NOT NULL,
  version integer NOT NULL,
  body jsonb NOT NULL,
  created_by integer REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX rating_methodologies_version_uq ON rating_methodologies(region_id, lower(title), version);

CREATE TABLE ratings (
  id serial PRIMARY KEY,
  region_id integer NOT NULL REFERENCES regions(id),
  methodology_id integer NOT NULL REFERENCES rating_methodologies(id),
  year integer NOT NULL CHECK (year BETWEEN 1900 AND 2100),
  title text NOT NULL,
  -- collecting: municipalities enter values; frozen: data fixed, checked; approved; published: public page.
  state text NOT NULL DEFAULT 'collecting' CHECK (state IN ('collecting', 'frozen', 'approved', 'published')),
  due_on date,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ratings_region_idx ON ratings(region_id, year);

CREATE TABLE rating_values (
  rating_id integer NOT NULL REFERENCES ratings(id),
  municipality_id integer NOT NULL REFERENCES organisations(id),
  indicator text NOT NULL,
  value double precision,
  comment text NOT NULL DEFAULT '',
  -- Set when the coordinator corrected a municipality's value (and why): audited too.
  correction_reason text,
  entered_by integer REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (rating_id, municipality_id, indicator)
);
