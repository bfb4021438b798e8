-- Covering indexes so that the region-wide dashboard reads indexes only, not the wide
-- measure and report rows (texts and search vectors): measured on the region dataset,
-- the all-plans aggregate went from ~50 ms to a few ms (README, Benchmarks).
DROP INDEX IF EXISTS measures_region_plan_idx;
CREATE INDEX measures_dashboard_idx ON measures(region_id, plan_id) INCLUDE (section_id, status, open_due, closed_at) WHERE archived_at IS NULL;
CREATE INDEX reports_dashboard_idx ON reports(period_id) INCLUDE (organisation_id, plan_id, measure_id, state, submitted_at);
CREATE INDEX control_points_calendar_idx ON control_points(region_id, effective) INCLUDE (kind, plan_id, measure_id);
