-- Imported documents: the original file is kept (downloadable) with the reading that
-- was previewed, until a coordinator saves it as a plan or applies it as a report.
-- Files live in the database so that instances stay stateless (see README, Scale-out).

CREATE TABLE stored_files (
  id serial PRIMARY KEY,
  region_id integer NOT NULL REFERENCES regions(id),
  name text NOT NULL,
  mime text NOT NULL,
  size integer NOT NULL,
  sha256 text NOT NULL,
  content bytea NOT NULL,
  created_by integer REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stored_files_region_idx ON stored_files(region_id);

CREATE TABLE imports (
  id serial PRIMARY KEY,
  region_id integer NOT NULL REFERENCES regions(id),
  file_id integer NOT NULL REFERENCES stored_files(id),
  kind text NOT NULL,
  document jsonb NOT NULL,
  status text NOT NULL DEFAULT 'preview' CHECK (status IN ('preview','saved','applied')),
  plan_id integer REFERENCES plans(id),
  created_by integer REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz
);
CREATE INDEX imports_region_idx ON imports(region_id);

ALTER TABLE plans ADD COLUMN source_file_id integer REFERENCES stored_files(id);
