-- A version per plan, next to the region-wide data_version (0007): a statement that
-- changes a plan's measures, reports, control points, sections, periods, executors or
-- header bumps that plan's counter, so a cached dashboard of one plan stays valid while
-- other plans change. The organisation directory (names shown in every dashboard) has a
-- counter of its own. Statement-level triggers with transition tables: one upsert per
-- statement, however many rows it touched.
CREATE TABLE plan_data_versions (
  plan_id integer PRIMARY KEY,
  v bigint NOT NULL
);
CREATE TABLE directory_version (
  id integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  v bigint NOT NULL
);
INSERT INTO directory_version (id, v) VALUES (1, 0);

-- TG_ARGV[0]: the SQL expression giving a changed row's plan over the transition table
-- `changed` (a column, or a lookup for tables that reach the plan through a measure).
CREATE FUNCTION bump_plan_versions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    EXECUTE format('INSERT INTO plan_data_versions AS d (plan_id, v) SELECT DISTINCT %s, 1 FROM new_rows changed WHERE %s IS NOT NULL
                    ON CONFLICT (plan_id) DO UPDATE SET v = d.v + 1', TG_ARGV[0], TG_ARGV[0]);
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    EXECUTE format('INSERT INTO plan_data_versions AS d (plan_id, v) SELECT DISTINCT %s, 1 FROM old_rows changed WHERE %s IS NOT NULL
                    ON CONFLICT (plan_id) DO UPDATE SET v = d.v + 1', TG_ARGV[0], TG_ARGV[0]);
  END IF;
  RETURN NULL;
END
$$;

-- Three triggers (insert, update, delete) on each table that holds a plan's data.
DO $$
DECLARE t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('measures', 'changed.plan_id'), ('reports', 'changed.plan_id'), ('control_points', 'changed.plan_id'),
    ('sections', 'changed.plan_id'), ('reporting_periods', 'changed.plan_id'), ('plans', 'changed.id'),
    ('measure_executors', '(SELECT m.plan_id FROM measures m WHERE m.id = changed.measure_id)')
  ) AS x(tbl, expr) LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_plan_versions(%L)',
      t.tbl || '_plan_version_ins', t.tbl, t.expr);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_plan_versions(%L)',
      t.tbl || '_plan_version_upd', t.tbl, t.expr);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_plan_versions(%L)',
      t.tbl || '_plan_version_del', t.tbl, t.expr);
  END LOOP;
END
$$;

CREATE FUNCTION bump_directory_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE directory_version SET v = v + 1 WHERE id = 1;
  RETURN NULL;
END
$$;
CREATE TRIGGER organisations_directory_version AFTER INSERT OR UPDATE OR DELETE ON organisations FOR EACH STATEMENT EXECUTE FUNCTION bump_directory_version();
