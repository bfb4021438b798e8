-- In-app notifications (the bell): one row per recipient user, written in the same
-- transaction as the event that causes it (a report returned or accepted, an extension
-- decided, a new assignment, a reminder from the coordinator) or by the reminder job for
-- approaching dates. `notifications` (0004) stays the e-mail log; these are what a user
-- reads in the app, with read/unread state. `dedupe_key` makes the job's inserts idempotent.
CREATE TABLE user_notifications (
  id bigserial PRIMARY KEY,
  region_id integer NOT NULL REFERENCES regions(id),
  user_id integer NOT NULL REFERENCES users(id),
  kind text NOT NULL CHECK (kind IN ('report_returned', 'report_accepted', 'extension_approved', 'extension_rejected',
                                     'assigned', 'due_soon', 'overdue', 'reminder')),
  title text NOT NULL,
  body text NOT NULL DEFAULT '',
  plan_id integer REFERENCES plans(id),
  measure_id integer REFERENCES measures(id),
  report_id integer REFERENCES reports(id) ON DELETE SET NULL,
  dedupe_key text UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz
);
-- The bell reads a user's newest rows and counts the unread ones.
CREATE INDEX user_notifications_user_idx ON user_notifications(user_id, id DESC);
CREATE INDEX user_notifications_unread_idx ON user_notifications(user_id) WHERE read_at IS NULL;

-- «Напомнить исполнителю» from the dashboard: at most one reminder per measure and
-- executor organisation per day, enforced by the primary key (a second click, or two
-- coordinators at once, cannot send twice).
CREATE TABLE executor_reminders (
  region_id integer NOT NULL REFERENCES regions(id),
  measure_id integer NOT NULL REFERENCES measures(id),
  -- An organisation removed from the directory takes its reminder records with it (the audit keeps them).
  organisation_id integer NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  day date NOT NULL,
  sent_by integer NOT NULL REFERENCES users(id),
  recipients integer NOT NULL,
  emailed boolean NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (measure_id, organisation_id, day)
);
CREATE INDEX executor_reminders_org_idx ON executor_reminders(organisation_id);
