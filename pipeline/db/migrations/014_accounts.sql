-- Accounts of the review UI (issue 17): local accounts with a role, server-side sessions, the
-- login throttle and the audit log. A session row keeps only the SHA-256 of the cookie value,
-- so a copy of the database does not hand out live sessions.
CREATE TABLE accounts (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name  TEXT,
  role          TEXT NOT NULL CHECK (role IN ('reviewer','lead','admin')),
  -- scrypt$N$r$p$salt$hash (review/passwords.ts)
  password_hash TEXT NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);

CREATE TABLE sessions (
  id_hash    TEXT PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  address    TEXT,
  created_at TEXT NOT NULL,
  last_seen  TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_account ON sessions(account_id);

-- one row per key ("u:<username>" or "a:<address>"): failures in the current window, and the
-- end of a lockout (which ends by itself)
CREATE TABLE login_throttle (
  key          TEXT PRIMARY KEY,
  failures     INTEGER NOT NULL,
  last_failure TEXT NOT NULL,
  locked_until TEXT
);

-- who did what outside the decisions themselves (those are review_decisions): logins, logouts,
-- failed logins, account changes, claims released or reassigned, approvals, settings
CREATE TABLE audit_log (
  id         INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  account_id INTEGER REFERENCES accounts(id),
  username   TEXT,
  action     TEXT NOT NULL,
  address    TEXT,
  detail     TEXT
);
CREATE INDEX audit_log_at ON audit_log(at);

-- every decision made under an account carries it (the reviewer column keeps the username)
ALTER TABLE review_decisions ADD COLUMN account_id INTEGER REFERENCES accounts(id);
