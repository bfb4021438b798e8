-- Each owed report carries its own due day: the plan period's report day, or, when the
-- measure's deadline has a report schedule of its own («отчёт до 25 декабря»), that date.
-- Report control dates that speak of an earlier period («до 10 числа месяца, следующего
-- за отчётным кварталом») keep that period's last day in `covers`, so the report is owed
-- for the period it is about, not the one it falls in.
ALTER TABLE control_points ADD COLUMN covers date;

ALTER TABLE reports ADD COLUMN due_on date;
UPDATE reports r SET due_on = rp.report_due FROM reporting_periods rp WHERE rp.id = r.period_id;
ALTER TABLE reports ALTER COLUMN due_on SET NOT NULL;

-- Completeness and timeliness count reports by due day, region-wide, from the index alone.
DROP INDEX IF EXISTS reports_dashboard_idx;
CREATE INDEX reports_dashboard_idx ON reports(period_id) INCLUDE (organisation_id, plan_id, measure_id, state, submitted_at, due_on);
CREATE INDEX reports_due_idx ON reports(region_id, due_on) INCLUDE (organisation_id, plan_id, measure_id, period_id, state, submitted_at);
-- One plan's completeness and timeliness, without scanning the region's window.
CREATE INDEX reports_plan_due_idx ON reports(plan_id, due_on) INCLUDE (organisation_id, state, submitted_at);
