-- Login hardening (issue 10 §3).
-- A password set by an administrator (a new account or a reset) is a one-time password:
-- the user must replace it before anything else.
ALTER TABLE users ADD COLUMN IF NOT EXISTS must_change_password boolean NOT NULL DEFAULT false;

-- Browsers that have signed in to an account before: the right password from one of them
-- passes an account lock that anonymous guessing set. The cookie holds a random token;
-- its SHA-256 is kept here.
CREATE TABLE IF NOT EXISTS known_devices (
  token_hash text PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS known_devices_user_idx ON known_devices(user_id);

-- Failures are counted per login name too, so an unknown login locks exactly like a real one
-- (the answer does not tell which logins exist).
CREATE INDEX IF NOT EXISTS login_attempts_login_idx ON login_attempts(lower(login), at);
