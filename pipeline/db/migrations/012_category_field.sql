-- The category (programme / report / other) is a reviewed field like the header fields: the
-- appendices depend on it, so a row built on a doubtful category is provisional too.
DROP VIEW IF EXISTS v_documents;
CREATE VIEW v_documents AS
SELECT
  d.id, d.file_name, d.status, d.category, d.period, d.doc_type, d.doc_number, d.issue_date,
  COALESCE((SELECT json_extract(f.value_json, '$') FROM fields f WHERE f.document_id = d.id AND f.name = 'receivedDate'), d.issue_date) AS received_on,
  d.province_code, COALESCE(p.name, d.province_name) AS province_name, p.id AS province_unit,
  p.region_id, r.name AS region_name, p.sort_order AS province_order,
  d.issuer, d.title, d.pages, d.text_source, d.received_at, d.sha256, d.duplicate_of,
  (SELECT COUNT(*) FROM fields f WHERE f.document_id = d.id AND f.status = 'needs_review'
     AND f.name IN ('docNumber', 'issueDate', 'province', 'category')) > 0 AS header_needs_review,
  (SELECT COUNT(*) FROM fields f WHERE f.document_id = d.id AND f.status = 'needs_review') AS fields_needs_review,
  (SELECT COUNT(*) FROM indicators i WHERE i.document_id = d.id AND i.status = 'needs_review') AS indicators_needs_review
FROM documents d
LEFT JOIN gazetteer_provinces p
  ON p.code = d.province_code
 AND (p.valid_from IS NULL OR p.valid_from <= COALESCE(d.issue_date, substr(d.received_at, 1, 10)))
 AND (p.valid_to IS NULL OR COALESCE(d.issue_date, substr(d.received_at, 1, 10)) < p.valid_to)
LEFT JOIN gazetteer_regions r ON r.id = p.region_id;
