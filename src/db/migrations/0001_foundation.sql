-- Foundation: regions, organisation directory, users and sessions, plans, sections,
-- measures with executors, and the audit log.
-- Every large table carries region_id: it is the tenant key and the future shard key
-- (docs/ARCHITECTURE.md, "Scale-out").

CREATE TABLE regions (
  id serial PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE organisations (
  id serial PRIMARY KEY,
  region_id integer NOT NULL REFERENCES regions(id),
  parent_id integer REFERENCES organisations(id),
  kind text NOT NULL CHECK (kind IN ('region','executive','institution','municipality','ngo','council','group','other')),
  full_name text NOT NULL,
  short_name text NOT NULL,
  aliases text[] NOT NULL DEFAULT '{}',
  external boolean NOT NULL DEFAULT false,
  archived_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX organisations_region_idx ON organisations(region_id);
CREATE UNIQUE INDEX organisations_full_name_uq ON organisations(region_id, lower(full_name)) WHERE archived_at IS NULL;

CREATE TABLE users (
  id serial PRIMARY KEY,
  region_id integer NOT NULL REFERENCES regions(id),
  organisation_id integer NOT NULL REFERENCES organisations(id),
  login text NOT NULL,
  full_name text NOT NULL,
  email text,
  role text NOT NULL CHECK (role IN ('admin','coordinator','executor','observer')),
  password_hash text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_login_uq ON users(lower(login));
CREATE INDEX users_org_idx ON users(organisation_id);

-- Sessions live in the database so that any instance can serve any request.
-- Only a SHA-256 of the token is stored: a leaked table does not leak sessions.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_user_idx ON sessions(user_id);

-- Failed login attempts per login and per client address, for rate limiting that
-- works across instances.
CREATE TABLE login_attempts (
  id bigserial PRIMARY KEY,
  login text NOT NULL,
  ip text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_ip_idx ON login_attempts(ip, at);

CREATE TABLE plans (
  id serial PRIMARY KEY,
  region_id integer NOT NULL REFERENCES regions(id),
  kind text NOT NULL CHECK (kind IN ('plan','council_decisions')),
  title text NOT NULL,
  owner_organisation_id integer NOT NULL REFERENCES organisations(id),
  period_from date NOT NULL,
  period_to date NOT NULL,
  approved_by_name text,
  approved_on date,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('draft','active','archived')),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (period_from <= period_to)
);
CREATE INDEX plans_region_idx ON plans(region_id);

CREATE TABLE sections (
  id serial PRIMARY KEY,
  plan_id integer NOT NULL REFERENCES plans(id),
  number text NOT NULL,
  title text NOT NULL,
  position integer NOT NULL
);
CREATE INDEX sections_plan_idx ON sections(plan_id);
CREATE UNIQUE INDEX sections_number_uq ON sections(plan_id, number);

CREATE TABLE measures (
  id serial PRIMARY KEY,
  region_id integer NOT NULL REFERENCES regions(id),
  plan_id integer NOT NULL REFERENCES plans(id),
  section_id integer REFERENCES sections(id),
  number text NOT NULL,
  title text NOT NULL,
  expected_result text NOT NULL DEFAULT '',
  form text NOT NULL DEFAULT '',
  deadline_text text NOT NULL DEFAULT '',
  status text CHECK (status IN ('done','partial','not_done','not_due')),
  execution_text text NOT NULL DEFAULT '',
  protocol_item text NOT NULL DEFAULT '',
  position integer NOT NULL,
  version integer NOT NULL DEFAULT 1,
  archived_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX measures_plan_idx ON measures(plan_id, position);
-- A number is unique within its section among live measures (section NULL = no section).
CREATE UNIQUE INDEX measures_number_uq ON measures(plan_id, coalesce(section_id, 0), number) WHERE archived_at IS NULL;

CREATE TABLE measure_executors (
  measure_id integer NOT NULL REFERENCES measures(id),
  organisation_id integer NOT NULL REFERENCES organisations(id),
  role text NOT NULL CHECK (role IN ('lead','co')),
  position integer NOT NULL,
  PRIMARY KEY (measure_id, organisation_id)
);
CREATE INDEX measure_executors_org_idx ON measure_executors(organisation_id);

CREATE TABLE audit_events (
  id bigserial PRIMARY KEY,
  region_id integer NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  actor_user_id integer REFERENCES users(id),
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id integer,
  plan_id integer,
  measure_id integer,
  before jsonb,
  after jsonb,
  source text
);
CREATE INDEX audit_events_measure_idx ON audit_events(measure_id, id);
CREATE INDEX audit_events_region_idx ON audit_events(region_id, id);
