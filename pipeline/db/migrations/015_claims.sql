-- Claims (issue 17): opening an item claims it for a few minutes, renewed while the page is
-- open; a lead may release it or assign it to someone (assigned_by). One holder per item.
CREATE TABLE review_claims (
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  target      TEXT NOT NULL CHECK (target IN ('field','indicator')),
  name        TEXT NOT NULL,
  account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  claimed_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL,
  assigned_by INTEGER REFERENCES accounts(id),
  PRIMARY KEY (document_id, target, name)
);
CREATE INDEX review_claims_account ON review_claims(account_id);

-- seconds between opening (claiming) the item and deciding it, for the per-reviewer times
ALTER TABLE review_decisions ADD COLUMN duration_s REAL;
