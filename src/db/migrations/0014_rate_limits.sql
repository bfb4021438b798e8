-- Counters of @fastify/rate-limit shared by every instance of the app (issue 10 §1):
-- one row per key (route group + user or address) and window.
CREATE TABLE IF NOT EXISTS rate_limits (
  key text PRIMARY KEY,
  hits integer NOT NULL,
  reset_at timestamptz NOT NULL
);
