-- Mirrors pipeline/db/migrations/020_signature_timestamp.sql (issue 14): timestamped = 1 when
-- signed_at is the time of a verified RFC 3161 timestamp. The stage workers copy the SQLite
-- scratch's columns into PostgreSQL, so both stores need the column.
ALTER TABLE signatures ADD COLUMN timestamped INTEGER NOT NULL DEFAULT 0 CHECK (timestamped IN (0,1));

DROP VIEW v_signatures;
CREATE VIEW v_signatures AS
SELECT
  s.document_id, d.file_name, d.doc_number, d.province_code, s.seq, s.signer, s.organisation, s.issuer, s.signed_at,
  s.valid, s.trusted, s.covers_whole_file, s.modified_after_signing, s.timestamped
FROM signatures s JOIN documents d ON d.id = s.document_id;
