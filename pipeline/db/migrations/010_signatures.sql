-- Digital signatures (issue 14 part 1): one row per signature found in a document, as checked
-- by extractors/pdf-signature.ts. `load` replaces a document's rows in its one transaction.
-- valid: the signed bytes are intact (exact byte range, digest, signature, certificate valid at
-- signing time); trusted: the certificate chains to the configured trust folder;
-- covers_whole_file / modified_after_signing: whether bytes follow the signed range.
-- findings_json: what was noticed about this signature (also rows of `findings`).
CREATE TABLE signatures (
  id                     INTEGER PRIMARY KEY,
  document_id            TEXT NOT NULL REFERENCES documents(id),
  seq                    INTEGER NOT NULL,
  signer                 TEXT,
  organisation           TEXT,
  issuer                 TEXT,
  signed_at              TEXT,
  valid                  INTEGER NOT NULL CHECK (valid IN (0,1)),
  trusted                INTEGER NOT NULL CHECK (trusted IN (0,1)),
  covers_whole_file      INTEGER NOT NULL CHECK (covers_whole_file IN (0,1)),
  modified_after_signing INTEGER NOT NULL CHECK (modified_after_signing IN (0,1)),
  findings_json          TEXT NOT NULL DEFAULT '[]',
  UNIQUE (document_id, seq)
);
CREATE INDEX signatures_document ON signatures(document_id);

-- An attachment linked to its main document (an edXML package's attachments, an annex filed
-- separately); null for a document that stands alone.
ALTER TABLE documents ADD COLUMN parent_id TEXT REFERENCES documents(id);

-- Signatures with their document, for `tonghop query`.
CREATE VIEW v_signatures AS
SELECT
  s.document_id, d.file_name, d.doc_number, d.province_code, s.seq, s.signer, s.organisation, s.issuer, s.signed_at,
  s.valid, s.trusted, s.covers_whole_file, s.modified_after_signing
FROM signatures s JOIN documents d ON d.id = s.document_id;
