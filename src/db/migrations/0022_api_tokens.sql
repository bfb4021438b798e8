-- Personal API tokens for integrations: `Authorization: Bearer <token>` acts as the user,
-- limited by the scope ('read': GET only; 'reports': GET plus writing and submitting the
-- user's reports). Only the SHA-256 of the token is kept (the secret is shown once, at
-- creation); a revoked or expired token is refused. Rows are kept after revocation, for
-- the audit and the owner's list.
CREATE TABLE api_tokens (
  id serial PRIMARY KEY,
  region_id integer NOT NULL REFERENCES regions(id),
  user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  token_hash text NOT NULL UNIQUE,
  -- the token's first characters, to tell tokens apart in the list («isp_AbC1»)
  prefix text NOT NULL,
  scope text NOT NULL CHECK (scope IN ('read', 'reports')),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  expires_at timestamptz,
  revoked_at timestamptz,
  revoked_by integer REFERENCES users(id)
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id, id);
