-- RFC 3161 timestamps on signatures (issue 14): timestamped = 1 when signed_at is the time of a
-- timestamp token whose message imprint and TSA signature verify (and whose TSA chains to the
-- trust folder, when one is configured), not the time the signer's own software wrote.
-- Revocation (a CRL listing the signer certificate) is part of `valid`, with its finding.
ALTER TABLE signatures ADD COLUMN timestamped INTEGER NOT NULL DEFAULT 0 CHECK (timestamped IN (0,1));

DROP VIEW v_signatures;
CREATE VIEW v_signatures AS
SELECT
  s.document_id, d.file_name, d.doc_number, d.province_code, s.seq, s.signer, s.organisation, s.issuer, s.signed_at,
  s.valid, s.trusted, s.covers_whole_file, s.modified_after_signing, s.timestamped
FROM signatures s JOIN documents d ON d.id = s.document_id;
