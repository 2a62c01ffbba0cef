-- Findings as data (issue 11): what the probe, header, normalise/validate and indicator steps
-- noticed about a document, one row each, so the review UI, `export documents` and
-- `tonghop query` can read them. `load` replaces a document's rows in its one transaction.
-- scope: 'document' (the whole file: probe, header zone, indicator reconciliation), 'field'
-- (a header field, name in `field`) or 'indicator' (a figure, catalogue key in `field`).
CREATE TABLE findings (
  id           INTEGER PRIMARY KEY,
  document_id  TEXT NOT NULL REFERENCES documents(id),
  scope        TEXT NOT NULL CHECK (scope IN ('document','field','indicator')),
  field        TEXT,
  stage        TEXT NOT NULL,
  code         TEXT NOT NULL,
  severity     TEXT NOT NULL CHECK (severity IN ('info','warning','error')),
  message      TEXT NOT NULL,
  page         INTEGER,
  box_json     TEXT,
  source_text  TEXT,
  CHECK ((scope = 'document') = (field IS NULL))
);
CREATE INDEX findings_document ON findings(document_id);
CREATE INDEX findings_code ON findings(code);

-- Findings with their document and province, for `tonghop query`.
CREATE VIEW v_findings AS
SELECT
  f.id, f.document_id, d.file_name, d.status AS document_status, d.doc_number, d.province_code, d.province_name,
  f.scope, f.field, f.stage, f.code, f.severity, f.message, f.page, f.box_json, f.source_text
FROM findings f JOIN documents d ON d.id = f.document_id;
