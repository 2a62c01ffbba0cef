-- Lookups every load makes, which scanned whole tables: the attachment link finds its parent by
-- number, and a re-load deletes the document's unmapped figures. Without these a large database
-- slows down with the square of its size.
CREATE INDEX IF NOT EXISTS idx_documents_doc_number ON documents(doc_number);
CREATE INDEX IF NOT EXISTS idx_unmapped_figures_document ON unmapped_figures(document_id);
