-- Deadlines understood: each measure keeps its parsed schedule, an optional override by
-- the coordinator, the date of the event a relative deadline counts from, and the
-- control points (execution and report dates, nominal and effective) generated from them.

ALTER TABLE measures ADD COLUMN schedule jsonb;
ALTER TABLE measures ADD COLUMN deadline_understood boolean NOT NULL DEFAULT true;
ALTER TABLE measures ADD COLUMN deadline_override jsonb;
ALTER TABLE measures ADD COLUMN anchor_date date;

CREATE TABLE control_points (
  id bigserial PRIMARY KEY,
  region_id integer NOT NULL,
  plan_id integer NOT NULL REFERENCES plans(id),
  measure_id integer NOT NULL REFERENCES measures(id),
  kind text NOT NULL CHECK (kind IN ('due','report')),
  nominal date NOT NULL,
  effective date NOT NULL,
  label text,
  source text NOT NULL CHECK (source IN ('parsed','override','relative'))
);
CREATE INDEX control_points_measure_idx ON control_points(measure_id);
CREATE INDEX control_points_plan_idx ON control_points(plan_id, effective);
CREATE INDEX control_points_region_idx ON control_points(region_id, effective);
