-- Deadline extensions name what they move (issue 9): a control date of the measure
-- ('due', by its nominal date in `current_due`) or one executor's owed report ('report',
-- `report_id`, its due day in `current_due`). At most one pending request per control date
-- and per report, enforced here so that concurrent requests cannot both be created.
ALTER TABLE extension_requests ADD COLUMN target_kind text NOT NULL DEFAULT 'due' CHECK (target_kind IN ('due', 'report'));
ALTER TABLE extension_requests ADD COLUMN report_id integer REFERENCES reports(id) ON DELETE SET NULL;
ALTER TABLE extension_requests ADD COLUMN target_label text;

-- Requests made before: several pending ones for the same date keep only the oldest.
UPDATE extension_requests e SET state = 'rejected', decided_at = now(),
  decision_comment = 'Закрыт автоматически: по этому сроку уже был запрос, ожидающий решения'
WHERE e.state = 'pending' AND EXISTS (
  SELECT 1 FROM extension_requests o WHERE o.state = 'pending' AND o.measure_id = e.measure_id AND o.current_due = e.current_due AND o.id < e.id);

CREATE UNIQUE INDEX extension_requests_pending_due_uq ON extension_requests(measure_id, current_due) WHERE state = 'pending' AND target_kind = 'due';
CREATE UNIQUE INDEX extension_requests_pending_report_uq ON extension_requests(report_id) WHERE state = 'pending' AND target_kind = 'report';

-- An approved move of a control date: [{from, to, extensionId}], applied over the dates the
-- deadline text (or override) gives, so that every other date stays as the text says.
ALTER TABLE measures ADD COLUMN deadline_moves jsonb NOT NULL DEFAULT '[]';
ALTER TABLE control_points DROP CONSTRAINT IF EXISTS control_points_source_check;
ALTER TABLE control_points ADD CONSTRAINT control_points_source_check CHECK (source IN ('parsed', 'override', 'relative', 'extension'));

-- An approved move of one executor's report due day; regenerating obligations keeps it.
ALTER TABLE reports ADD COLUMN extended_due date;
