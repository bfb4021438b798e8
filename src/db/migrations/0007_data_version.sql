-- A counter bumped by every statement that changes what the dashboard shows. Readers
-- cache a computed dashboard together with the counter they saw and reuse it only while
-- the counter is unchanged, so a cached answer is never stale (any instance, any writer).
CREATE TABLE data_version (
  id integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  v bigint NOT NULL
);
INSERT INTO data_version (id, v) VALUES (1, 0);

CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE data_version SET v = v + 1 WHERE id = 1;
  RETURN NULL;
END
$$;

CREATE TRIGGER measures_data_version AFTER INSERT OR UPDATE OR DELETE ON measures FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER reports_data_version AFTER INSERT OR UPDATE OR DELETE ON reports FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER control_points_data_version AFTER INSERT OR UPDATE OR DELETE ON control_points FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER plans_data_version AFTER INSERT OR UPDATE OR DELETE ON plans FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER sections_data_version AFTER INSERT OR UPDATE OR DELETE ON sections FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER measure_executors_data_version AFTER INSERT OR UPDATE OR DELETE ON measure_executors FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER organisations_data_version AFTER INSERT OR UPDATE OR DELETE ON organisations FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER reporting_periods_data_version AFTER INSERT OR UPDATE OR DELETE ON reporting_periods FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
