-- Documents: one row per input file taken in (a duplicate copy gets its own row, status 'duplicate').
CREATE TABLE documents (
  id            TEXT PRIMARY KEY,
  file_name     TEXT NOT NULL,
  source_path   TEXT,
  sha256        TEXT NOT NULL,
  size          INTEGER NOT NULL,
  store_path    TEXT,
  status        TEXT NOT NULL CHECK (status IN ('pending','accepted','needs_review','failed','duplicate')),
  error_code    TEXT,
  error         TEXT,
  duplicate_of  TEXT REFERENCES documents(id),
  pages         INTEGER,
  text_source   TEXT CHECK (text_source IN ('text','ocr','mixed')),
  category      TEXT CHECK (category IN ('programme','report','other')),
  period        TEXT,
  doc_type      TEXT,
  doc_number    TEXT,
  issue_date    TEXT,
  province_code TEXT,
  province_name TEXT,
  issuer        TEXT,
  title         TEXT,
  received_at   TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX documents_sha ON documents(sha256);
CREATE INDEX documents_status ON documents(status);
-- at most one original per content; copies are 'duplicate' rows pointing at it
CREATE UNIQUE INDEX documents_one_original ON documents(sha256) WHERE status <> 'duplicate';

-- When each stage last ran for each document (idempotent re-runs, crash resume).
CREATE TABLE stage_runs (
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  stage       TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('done','failed')),
  finished_at TEXT NOT NULL,
  ms          INTEGER,
  PRIMARY KEY (document_id, stage)
);

-- Output of a stage, kept so later stages can re-run without redoing the earlier ones.
CREATE TABLE artifacts (
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  json        TEXT NOT NULL,
  PRIMARY KEY (document_id, name)
);

-- Header fields with confidence and provenance (box: PDF points, origin top-left).
CREATE TABLE fields (
  document_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  value_json   TEXT,
  confidence   REAL NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('accepted','needs_review','corrected')),
  page         INTEGER,
  box_json     TEXT,
  source_text  TEXT,
  findings_json   TEXT NOT NULL DEFAULT '[]',
  candidates_json TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (document_id, name)
);

CREATE TABLE indicators (
  id           INTEGER PRIMARY KEY,
  document_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  key          TEXT NOT NULL,
  label        TEXT NOT NULL,
  value        REAL NOT NULL,
  unit         TEXT NOT NULL,
  qualifier    TEXT NOT NULL CHECK (qualifier IN ('exact','at_least','approx')),
  confidence   REAL NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('accepted','needs_review','corrected')),
  page         INTEGER,
  box_json     TEXT,
  source_text  TEXT,
  sub_values_json TEXT NOT NULL DEFAULT '[]',
  findings_json   TEXT NOT NULL DEFAULT '[]',
  UNIQUE (document_id, key)
);

CREATE TABLE unmapped_figures (
  id          INTEGER PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  text        TEXT NOT NULL,
  value       REAL NOT NULL,
  unit        TEXT,
  page        INTEGER,
  box_json    TEXT
);

-- Every move of a user's file (inbox → archive/quarantine), so nothing is lost silently.
CREATE TABLE file_events (
  id          INTEGER PRIMARY KEY,
  document_id TEXT REFERENCES documents(id),
  event       TEXT NOT NULL,
  from_path   TEXT,
  to_path     TEXT,
  detail      TEXT,
  at          TEXT NOT NULL
);
