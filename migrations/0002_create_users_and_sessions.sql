CREATE TABLE users (
  id              bigserial PRIMARY KEY,
  username        text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,39}$'),
  display_name    text NOT NULL,
  -- DESIGN §1 roles plus the separated administrator duties (system administrator, audit administrator)
  role            text NOT NULL CHECK (role IN ('district_admin', 'street_reviewer', 'community_staff', 'hub_manager',
                                               'org_leader', 'expert', 'sysadmin', 'auditor')),
  -- the node the user acts for; null = the whole system (only for the two administrator duties)
  region_id       bigint REFERENCES regions (id),
  phone           text,
  password_hash   text NOT NULL,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  failed_logins   integer NOT NULL DEFAULT 0,
  locked_until    timestamptz,
  disabled        boolean NOT NULL DEFAULT false,
  last_login_at   timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (region_id IS NOT NULL OR role IN ('sysadmin', 'auditor', 'expert'))
);
CREATE INDEX users_region_idx ON users (region_id);

-- Sessions live in the database so several app processes can serve one user; only a hash of the token is kept.
CREATE TABLE sessions (
  id            text PRIMARY KEY,
  user_id       bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  ip            text,
  user_agent    text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);
