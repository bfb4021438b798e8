-- «Контроль с даты»: the day from which a plan is under control (no report owed for a
-- period that ended before it, no control date before it overdue), and a measure's own
-- start when it was added by hand to a plan already under control. NULL: from the plan
-- period's start (plans entered before this column, and the demo's). The rule itself is
-- pure: src/domain/reporting/control-start.ts.
ALTER TABLE plans ADD COLUMN control_from date;
ALTER TABLE measures ADD COLUMN control_from date;
