-- Measure lists that page (issue 17): one plan's measures by deadline read in index order,
-- the first 25 of 1,600 without sorting them all. The expression is the list's sort key
-- (src/modules/plans/measure-list.service.ts: no open date sorts last).
CREATE INDEX measures_plan_deadline_idx ON measures (plan_id, (coalesce(open_due, '9999-12-31'::date)), id) WHERE archived_at IS NULL;
-- Changed lately, per plan (sort «last change»).
CREATE INDEX measures_plan_updated_idx ON measures (plan_id, updated_at, id) WHERE archived_at IS NULL;
