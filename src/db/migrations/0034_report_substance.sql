-- Issue 15: the substance verdict of every execution text, stored with it.
-- A report keeps the verdict of its text as last saved (label for counting and filtering,
-- the whole verdict — evidence offsets, reasons, status conflict — for showing); a measure
-- keeps the verdict of its execution text as imported from a report document.
ALTER TABLE reports ADD COLUMN substance_label text CHECK (substance_label IN ('substantive','formal','partial'));
ALTER TABLE reports ADD COLUMN substance_conflict boolean NOT NULL DEFAULT false;
ALTER TABLE reports ADD COLUMN substance jsonb;
ALTER TABLE measures ADD COLUMN execution_substance_label text CHECK (execution_substance_label IN ('substantive','formal','partial'));
ALTER TABLE measures ADD COLUMN execution_substance jsonb;
-- The dashboard's share of formal reports per plan (by executor and by section) reads these.
CREATE INDEX reports_substance_idx ON reports(plan_id, substance_label) WHERE substance_label IS NOT NULL;
