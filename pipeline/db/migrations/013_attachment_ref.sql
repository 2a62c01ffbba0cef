-- Attachments filed separately (issue 14): the main document's number and symbol as printed in
-- the organisation's signature at the top right of the attachment's first page (Nghị định
-- 30/2020, Phụ lục I). `load` sets it; the attachment is linked (parent_id, migration 010) to
-- the document with that number as soon as both are in the database, whichever came first.
ALTER TABLE documents ADD COLUMN parent_ref TEXT;
CREATE INDEX documents_parent_ref ON documents(parent_ref) WHERE parent_ref IS NOT NULL;
