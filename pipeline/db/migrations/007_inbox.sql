-- The inbox service's durable state: every entry taken from the inbox folder and where it
-- went. A move is written here (state 'moving', dest_path) before the file is touched, so a
-- restart after a crash finishes or repeats it; file_events keeps the append-only history.
CREATE TABLE inbox_files (
  id           INTEGER PRIMARY KEY,
  path         TEXT NOT NULL,
  entry_kind   TEXT NOT NULL CHECK (entry_kind IN ('file','folder','symlink')),
  sha256       TEXT,
  size         INTEGER,
  mtime_ms     REAL,
  document_id  TEXT REFERENCES documents(id),
  state        TEXT NOT NULL CHECK (state IN ('waiting','moving','moved','gone')),
  dest_kind    TEXT CHECK (dest_kind IN ('archive','duplicate','quarantine')),
  dest_path    TEXT,
  sidecar_path TEXT,
  reason_code  TEXT,
  reason       TEXT,
  taken_at     TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
-- one open entry per inbox path: the same file is never taken in twice
CREATE UNIQUE INDEX inbox_files_open_path ON inbox_files(path) WHERE state IN ('waiting','moving');
CREATE INDEX inbox_files_state ON inbox_files(state);
CREATE INDEX inbox_files_document ON inbox_files(document_id);
CREATE UNIQUE INDEX inbox_files_dest ON inbox_files(dest_path) WHERE dest_path IS NOT NULL;
CREATE UNIQUE INDEX inbox_files_sidecar ON inbox_files(sidecar_path) WHERE sidecar_path IS NOT NULL;
CREATE INDEX file_events_document ON file_events(document_id);

-- How many times a run started on the document; a file that kills the process every time
-- it is opened fails after a few tries instead of blocking the queue forever.
ALTER TABLE documents ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
