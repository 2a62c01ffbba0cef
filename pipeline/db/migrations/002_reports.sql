-- Reports (issue 6): the gazetteer as reference tables, and stable read-only views for
-- `tonghop query` and the report builders. docs/schema.md documents every column.
--
-- The gazetteer tables are filled from schemas/gazetteer.json by syncGazetteerTables()
-- (reports/reports.repository.ts) when the app opens the database; reference_versions
-- records the hash of what was loaded so an unchanged gazetteer costs one SELECT.

CREATE TABLE reference_versions (
  name   TEXT PRIMARY KEY,
  sha256 TEXT NOT NULL,
  loaded_at TEXT NOT NULL
);

CREATE TABLE gazetteer_regions (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  sort_order INTEGER NOT NULL
);

-- One row per provincial unit and validity span. Codes are reused across the 2025 merger
-- (15 was Yên Bái, is the new Lào Cai), so a code names a province only together with a date:
-- valid_from <= day < valid_to (NULL = open).
CREATE TABLE gazetteer_provinces (
  id           TEXT PRIMARY KEY,
  code         TEXT NOT NULL,
  name         TEXT NOT NULL,
  full_name    TEXT NOT NULL,
  type         TEXT NOT NULL,
  region_id    TEXT NOT NULL REFERENCES gazetteer_regions(id),
  seed_order   INTEGER,
  sort_order   INTEGER NOT NULL,
  valid_from   TEXT,
  valid_to     TEXT,
  predecessors TEXT NOT NULL DEFAULT ''
);
CREATE INDEX gazetteer_provinces_code ON gazetteer_provinces(code);

-- Where each of the 63 pre-2025 provinces went on 1/7/2025.
CREATE TABLE gazetteer_rollup (
  old_code  TEXT PRIMARY KEY,
  old_name  TEXT NOT NULL,
  new_code  TEXT NOT NULL,
  new_name  TEXT NOT NULL,
  effective TEXT NOT NULL,
  kind      TEXT NOT NULL CHECK (kind IN ('unchanged','renamed','merged'))
);

-- Documents with their province resolved as of the issue date (or the intake day when the
-- date is unknown). header_needs_review: one of the fields the appendices print (number,
-- date, province) still waits for a person, so an appendix row built on it is provisional.
-- received_on: the day the document reached the ministry: a 'receivedDate' field when a
-- stage records one (received stamp), else the issue date (the earliest it can have arrived).
CREATE VIEW v_documents AS
SELECT
  d.id, d.file_name, d.status, d.category, d.period, d.doc_type, d.doc_number, d.issue_date,
  COALESCE((SELECT json_extract(f.value_json, '$') FROM fields f WHERE f.document_id = d.id AND f.name = 'receivedDate'), d.issue_date) AS received_on,
  d.province_code, COALESCE(p.name, d.province_name) AS province_name, p.id AS province_unit,
  p.region_id, r.name AS region_name, p.sort_order AS province_order,
  d.issuer, d.title, d.pages, d.text_source, d.received_at, d.sha256, d.duplicate_of,
  (SELECT COUNT(*) FROM fields f WHERE f.document_id = d.id AND f.status = 'needs_review'
     AND f.name IN ('docNumber', 'issueDate', 'province')) > 0 AS header_needs_review,
  (SELECT COUNT(*) FROM fields f WHERE f.document_id = d.id AND f.status = 'needs_review') AS fields_needs_review,
  (SELECT COUNT(*) FROM indicators i WHERE i.document_id = d.id AND i.status = 'needs_review') AS indicators_needs_review
FROM documents d
LEFT JOIN gazetteer_provinces p
  ON p.code = d.province_code
 AND (p.valid_from IS NULL OR p.valid_from <= COALESCE(d.issue_date, substr(d.received_at, 1, 10)))
 AND (p.valid_to IS NULL OR COALESCE(d.issue_date, substr(d.received_at, 1, 10)) < p.valid_to)
LEFT JOIN gazetteer_regions r ON r.id = p.region_id;

-- Header fields, one row per document and field; value is the JSON value unwrapped.
CREATE VIEW v_fields AS
SELECT
  f.document_id, d.file_name, d.status AS document_status, d.province_code, d.province_name,
  f.name, json_extract(f.value_json, '$') AS value, f.value_json, f.confidence, f.status,
  f.page, f.box_json, f.source_text, json_array_length(f.findings_json) AS findings
FROM fields f JOIN documents d ON d.id = f.document_id;

-- Indicator figures with their document, province and provenance (page, box in PDF points).
CREATE VIEW v_indicators AS
SELECT
  i.id, i.document_id, d.file_name, d.status AS document_status, d.category, d.period,
  d.doc_number, d.issue_date, d.province_code, d.province_name, d.region_id, d.region_name,
  i.key, i.label, i.value, i.unit, i.qualifier, i.confidence, i.status,
  i.page, i.box_json, i.source_text, i.sub_values_json
FROM indicators i JOIN v_documents d ON d.id = i.document_id;

-- Phụ lục I (programmes) and II (reports) in the 63-province layout of the national report:
-- one row per province and qualifying document, or one row with document_id NULL for a
-- province without any. Qualifying: status accepted or needs_review (the latter provisional).
-- No period or cut-off is applied here; `tonghop report` does that (and the 34-province layout).
CREATE VIEW v_appendix_rows AS
WITH layout AS (
  SELECT p.*, r.name AS region_name, r.sort_order AS region_order
  FROM gazetteer_provinces p JOIN gazetteer_regions r ON r.id = p.region_id
  WHERE p.valid_from IS NULL AND p.seed_order IS NOT NULL
),
kinds(appendix, category) AS (VALUES ('I', 'programme'), ('II', 'report')),
docs AS (
  SELECT * FROM v_documents
  WHERE status IN ('accepted', 'needs_review') AND province_code IS NOT NULL
    AND (issue_date IS NULL OR issue_date < '2025-07-01')
)
SELECT k.appendix, l.seed_order AS tt, l.region_id, l.region_name, l.code AS province_code, l.name AS province_name,
  d.id AS document_id, d.doc_number, d.issue_date, d.period, d.received_on, d.status AS document_status,
  CASE WHEN d.id IS NULL THEN NULL ELSE d.header_needs_review END AS provisional
FROM layout l
CROSS JOIN kinds k
LEFT JOIN docs d ON d.province_code = l.code AND d.category = k.category
ORDER BY k.appendix, l.region_order, l.seed_order, d.issue_date;

-- National totals per indicator over the reports in the database: per province the figure
-- of its latest report (reports are cumulative; adding a 6-month and a 9-month report would
-- count twice), summed over provinces. provisional: a contributing figure is needs_review;
-- at_least: a contributing figure was stated as "hơn/trên" (the total is then "hơn ...").
CREATE VIEW v_indicator_totals AS
WITH ranked AS (
  SELECT i.*, ROW_NUMBER() OVER (PARTITION BY i.key, i.province_code ORDER BY i.issue_date DESC, i.document_id DESC) AS rn
  FROM v_indicators i
  WHERE i.document_status IN ('accepted', 'needs_review') AND i.category = 'report' AND i.province_code IS NOT NULL
)
SELECT key, MAX(label) AS label, MAX(unit) AS unit, SUM(value) AS total, COUNT(*) AS provinces,
  MAX(status = 'needs_review') AS provisional, MAX(qualifier = 'at_least') AS at_least,
  MAX(qualifier = 'approx') AS approx
FROM ranked WHERE rn = 1
GROUP BY key;

-- The 2025 roll-up with each old province's appendix documents counted once per new province.
CREATE VIEW v_province_rollup AS
SELECT g.old_code, g.old_name, g.new_code, g.new_name, g.kind, g.effective,
  (SELECT COUNT(*) FROM documents d WHERE d.province_code = g.old_code AND d.category = 'programme'
     AND d.status IN ('accepted', 'needs_review') AND (d.issue_date IS NULL OR d.issue_date < '2025-07-01')) AS programmes,
  (SELECT COUNT(*) FROM documents d WHERE d.province_code = g.old_code AND d.category = 'report'
     AND d.status IN ('accepted', 'needs_review') AND (d.issue_date IS NULL OR d.issue_date < '2025-07-01')) AS reports
FROM gazetteer_rollup g;
