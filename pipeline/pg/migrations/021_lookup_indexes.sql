-- As SQLite's 021: a re-load deletes the document's unmapped figures by document.
CREATE INDEX IF NOT EXISTS idx_unmapped_figures_document ON unmapped_figures(document_id);
