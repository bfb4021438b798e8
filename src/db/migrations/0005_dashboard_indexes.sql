-- Indexes for the monitoring dashboard and full-text search at region scale.
CREATE INDEX reports_period_idx ON reports(period_id, organisation_id);
CREATE INDEX reporting_periods_due_idx ON reporting_periods(report_due);
CREATE INDEX measures_region_plan_idx ON measures(region_id, plan_id) WHERE archived_at IS NULL;
