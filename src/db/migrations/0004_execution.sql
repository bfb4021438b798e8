-- Execution: reporting periods per plan, one report owed by each executor of each measure
-- due in a period (rows exist from the moment they are owed, DHIS2-style, so completeness
-- and timeliness are plain counts), every version kept, attachments, deadline extensions,
-- closing instructions, reminder settings and the record of what was sent.

ALTER TABLE plans ADD COLUMN reporting_frequency text NOT NULL DEFAULT 'quarter'
  CHECK (reporting_frequency IN ('month','quarter','half','year','custom'));
-- Reports are due on this day of the month after the period ends (e.g. the 10th).
ALTER TABLE plans ADD COLUMN report_day integer NOT NULL DEFAULT 10 CHECK (report_day BETWEEN 1 AND 28);

CREATE TABLE reporting_periods (
  id serial PRIMARY KEY,
  plan_id integer NOT NULL REFERENCES plans(id),
  label text NOT NULL,
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  report_due date NOT NULL,
  position integer NOT NULL,
  CHECK (starts_on <= ends_on)
);
CREATE INDEX reporting_periods_plan_idx ON reporting_periods(plan_id, starts_on);

-- The earliest control date not yet met (null: none open). The traffic light is derived
-- from it and today's date at read time, so it never goes stale.
ALTER TABLE measures ADD COLUMN open_due date;
ALTER TABLE measures ADD COLUMN closed_at timestamptz;
ALTER TABLE measures ADD COLUMN closed_by integer REFERENCES users(id);
CREATE INDEX measures_open_due_idx ON measures(region_id, open_due) WHERE archived_at IS NULL;

CREATE TABLE reports (
  id serial PRIMARY KEY,
  region_id integer NOT NULL,
  plan_id integer NOT NULL REFERENCES plans(id),
  measure_id integer NOT NULL REFERENCES measures(id),
  period_id integer NOT NULL REFERENCES reporting_periods(id),
  organisation_id integer NOT NULL REFERENCES organisations(id),
  role text NOT NULL CHECK (role IN ('lead','co')),
  -- expected: owed, nothing written yet; draft: being written; submitted: sent to the
  -- lead (co-executor) or to the coordinator (lead); returned: sent back for rework.
  state text NOT NULL DEFAULT 'expected' CHECK (state IN ('expected','draft','submitted','returned','accepted')),
  result_status text CHECK (result_status IN ('done','partial','not_done','not_due')),
  text text NOT NULL DEFAULT '',
  figures jsonb NOT NULL DEFAULT '{}',
  links jsonb NOT NULL DEFAULT '[]',
  version integer NOT NULL DEFAULT 1,
  submitted_at timestamptz,
  submitted_by integer REFERENCES users(id),
  reviewed_at timestamptz,
  reviewed_by integer REFERENCES users(id),
  review_comment text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (measure_id, period_id, organisation_id)
);
CREATE INDEX reports_plan_period_idx ON reports(plan_id, period_id);
CREATE INDEX reports_org_idx ON reports(organisation_id, state);
CREATE INDEX reports_region_idx ON reports(region_id, state);

CREATE TABLE report_versions (
  id bigserial PRIMARY KEY,
  report_id integer NOT NULL REFERENCES reports(id),
  version integer NOT NULL,
  action text NOT NULL,
  snapshot jsonb NOT NULL,
  actor_user_id integer REFERENCES users(id),
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_versions_report_idx ON report_versions(report_id, id);

CREATE TABLE report_attachments (
  id serial PRIMARY KEY,
  report_id integer NOT NULL REFERENCES reports(id),
  file_id integer NOT NULL REFERENCES stored_files(id),
  created_by integer REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_attachments_report_idx ON report_attachments(report_id);

CREATE TABLE extension_requests (
  id serial PRIMARY KEY,
  region_id integer NOT NULL,
  plan_id integer NOT NULL REFERENCES plans(id),
  measure_id integer NOT NULL REFERENCES measures(id),
  organisation_id integer NOT NULL REFERENCES organisations(id),
  requested_by integer NOT NULL REFERENCES users(id),
  reason text NOT NULL,
  current_due date,
  requested_due date NOT NULL,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','approved','rejected')),
  decided_by integer REFERENCES users(id),
  decided_at timestamptz,
  decision_comment text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX extension_requests_measure_idx ON extension_requests(measure_id);
CREATE INDEX extension_requests_plan_idx ON extension_requests(plan_id, state);

ALTER TABLE users ADD COLUMN notify_enabled boolean NOT NULL DEFAULT true;
ALTER TABLE users ADD COLUMN notify_days_before integer NOT NULL DEFAULT 3 CHECK (notify_days_before BETWEEN 0 AND 30);

-- One row per notice sent; the key makes the reminder job idempotent across runs and instances.
CREATE TABLE notifications (
  id bigserial PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users(id),
  kind text NOT NULL,
  dedupe_key text NOT NULL UNIQUE,
  subject text NOT NULL,
  sent_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE job_runs (
  name text PRIMARY KEY,
  last_started_at timestamptz,
  last_finished_at timestamptz,
  last_result jsonb
);

-- Russian full-text search over measures and reports (PostgreSQL's 'russian' configuration).
ALTER TABLE measures ADD COLUMN search tsvector GENERATED ALWAYS AS (
  to_tsvector('russian'::regconfig, number || ' ' || title || ' ' || expected_result || ' ' || execution_text || ' ' || deadline_text)) STORED;
CREATE INDEX measures_search_idx ON measures USING gin(search);
ALTER TABLE reports ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('russian'::regconfig, text)) STORED;
CREATE INDEX reports_search_idx ON reports USING gin(search);
