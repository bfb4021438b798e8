-- Issue 15: «одна и та же работа» — measures of different plans linked by a coordinator, so
-- that one report is written once and offered to every linked plan.
-- A link is an unordered pair (stored with the smaller id first); the unique pair is what makes
-- two concurrent confirmations of the same link yield one row.
CREATE TABLE measure_links (
  id serial PRIMARY KEY,
  region_id integer NOT NULL REFERENCES regions(id),
  measure_a integer NOT NULL REFERENCES measures(id),
  measure_b integer NOT NULL REFERENCES measures(id),
  reason text NOT NULL DEFAULT '',
  created_by integer REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (measure_a < measure_b),
  UNIQUE (measure_a, measure_b)
);
CREATE INDEX measure_links_b_idx ON measure_links(measure_b);

-- A report written once and used in a linked measure's plan: the copy remembers its source.
-- Each copy is reviewed in its own plan (accepted or returned there, independently).
ALTER TABLE reports ADD COLUMN shared_from_report_id integer REFERENCES reports(id);
CREATE INDEX reports_shared_from_idx ON reports(shared_from_report_id) WHERE shared_from_report_id IS NOT NULL;
