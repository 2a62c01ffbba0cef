-- Review decisions (issue 8): every accept / correct / reject / undo a person makes, with
-- what it replaced, so a decision can be undone and a document's history shown.
-- old_state_json holds everything an undo restores (the field or indicator row, the
-- document's header columns and status) exactly as it was before the decision.
CREATE TABLE review_decisions (
  id             INTEGER PRIMARY KEY,
  document_id    TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  target         TEXT NOT NULL CHECK (target IN ('field','indicator','document')),
  -- field name (docNumber, province, ...) or indicator key; NULL for a whole-document decision
  name           TEXT,
  action         TEXT NOT NULL CHECK (action IN ('accept','correct','reject','undo')),
  old_value_json TEXT,
  new_value_json TEXT,
  reviewer       TEXT NOT NULL,
  reason         TEXT,
  old_state_json TEXT,
  -- for an undo: the decision it reverted; on a reverted decision: the undo that reverted it
  undoes         INTEGER REFERENCES review_decisions(id),
  undone_by      INTEGER REFERENCES review_decisions(id),
  decided_at     TEXT NOT NULL
);
CREATE INDEX review_decisions_document ON review_decisions(document_id, id);
