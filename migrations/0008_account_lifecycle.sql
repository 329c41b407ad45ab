-- The account lifecycle in the browser (issue 21): site administrators, disabled accounts,
-- last sign-in, one-time password links (reset, or a new account's first password),
-- invitations to a project, and an append-only log of account events.
--
-- Databases that already have accounts get no administrator here: making one silently (the
-- earliest account, or every project owner) would hand someone the power to take over other
-- accounts (reset links) without anyone deciding it. The operator names one with
-- `sift user admin --username U`; `sift serve` says so while there is none.

ALTER TABLE users ADD COLUMN is_admin INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1));
-- Set while the account is disabled: its sessions and API tokens are refused, its work stays attributed.
ALTER TABLE users ADD COLUMN disabled_at TEXT;
ALTER TABLE users ADD COLUMN last_login_at TEXT;

-- One-time links that set a password: `reset` (an administrator's reset of a forgotten one)
-- or `activate` (the first password of an account an administrator made). Only the SHA-256 of
-- the token is kept; a link is spent once used, and a newer link for the user revokes older ones.
CREATE TABLE password_links (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  purpose TEXT NOT NULL CHECK (purpose IN ('reset', 'activate')),
  token_hash TEXT NOT NULL UNIQUE,
  -- NULL: made on the command line
  created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  revoked_at TEXT
);
CREATE INDEX password_links_user ON password_links(user_id);

-- Invitations to join a project with a role: single use, with an expiry, revocable.
CREATE TABLE invitations (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('owner', 'reviewer', 'viewer')),
  token_hash TEXT NOT NULL UNIQUE,
  -- NULL: made on the command line (or by an account since deleted)
  created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  used_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  revoked_at TEXT
);
CREATE INDEX invitations_project ON invitations(project_id, id);

-- Every account event (sign-ins, password changes, accounts made, disabled, invitations…).
-- Names are copied as text and there are no foreign keys, so the log outlives the accounts it
-- names. Append-only: the triggers refuse any UPDATE or DELETE.
CREATE TABLE account_events (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  event TEXT NOT NULL,
  -- who did it: NULL actor_id with actor_name 'command line' for the CLI
  actor_id INTEGER,
  actor_name TEXT,
  -- whom it concerns
  subject_id INTEGER,
  subject_name TEXT,
  project_id INTEGER,
  details_json TEXT
);
CREATE INDEX account_events_at ON account_events(id DESC);

CREATE TRIGGER account_events_no_update BEFORE UPDATE ON account_events
BEGIN
  SELECT RAISE(ABORT, 'account_events is append-only');
END;

CREATE TRIGGER account_events_no_delete BEFORE DELETE ON account_events
BEGIN
  SELECT RAISE(ABORT, 'account_events is append-only');
END;
