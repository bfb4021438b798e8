-- Optimistic versions for the directory (issue 10 §2): an administrator's edit of a user
-- or an organisation applies only to the version the form was opened on; a stale one is
-- refused with 409 instead of silently overwriting someone else's change. Login bookkeeping
-- (failed attempts, lock) and a user's own password change do not count as edits.
ALTER TABLE users ADD COLUMN IF NOT EXISTS version integer NOT NULL DEFAULT 1;
ALTER TABLE organisations ADD COLUMN IF NOT EXISTS version integer NOT NULL DEFAULT 1;
