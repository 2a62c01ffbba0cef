-- Four eyes (issue 17): a correction that moves a national figure or a Phụ lục row by more than
-- the configured amount, or the rejection of a document that marks a province, waits here until
-- a lead (another account) approves it. Until then nothing in fields / indicators / documents
-- changes, so reports do not see it; they list pending changes separately.
CREATE TABLE review_pending (
  id             INTEGER PRIMARY KEY,
  document_id    TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  target         TEXT NOT NULL CHECK (target IN ('field','indicator','document')),
  name           TEXT,
  action         TEXT NOT NULL CHECK (action IN ('correct','reject')),
  -- what the reviewer typed (parsed again when approved, against the state then)
  input          TEXT,
  old_value_json TEXT,
  new_value_json TEXT,
  -- the item's state token when proposed: an approval on a changed item is refused
  expect         TEXT,
  reason         TEXT,
  why            TEXT NOT NULL CHECK (why IN ('indicator_delta','appendix_rows','province_document')),
  amount         REAL,
  requested_by   INTEGER NOT NULL REFERENCES accounts(id),
  requested_at   TEXT NOT NULL,
  state          TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','approved','refused')),
  decided_by     INTEGER REFERENCES accounts(id),
  decided_at     TEXT,
  decision_id    INTEGER REFERENCES review_decisions(id),
  note           TEXT
);
CREATE UNIQUE INDEX review_pending_open ON review_pending(document_id, target, IFNULL(name, '')) WHERE state = 'pending';

-- settings an admin changes in the UI (approval thresholds)
CREATE TABLE review_settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES accounts(id)
);

ALTER TABLE review_decisions ADD COLUMN approved_by INTEGER REFERENCES accounts(id);
