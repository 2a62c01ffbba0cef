-- Reporting periods and full-text search (issue 15).
--
-- A reporting period as the office defines it: its name as officials write it ("6 tháng đầu
-- năm 2023"), the kind of document expected, the request that asked for it and the deadline.
-- name_key: the name folded (no diacritics, đ→d, lower case, leading zeros of numbers
-- dropped), so "06 tháng đầu năm 2023" and "6 thang dau nam 2023" name the same period.
CREATE TABLE periods (
  name           TEXT PRIMARY KEY,
  name_key       TEXT NOT NULL UNIQUE,
  kind           TEXT NOT NULL CHECK (kind IN ('report','programme','other')),
  deadline       TEXT NOT NULL,
  request_number TEXT,
  request_date   TEXT,
  created_at     TEXT NOT NULL
);

-- One row per document page: the page text as read (text layer or OCR) in `text`, and the
-- same text folded (diacritics removed, đ→d, lower case, character for character, so an
-- offset in one is an offset in the other) in `folded`, the only indexed column. FTS5's own
-- remove_diacritics leaves đ alone, hence the folding in code (pipeline/search.ts).
CREATE VIRTUAL TABLE search_pages USING fts5(
  folded,
  text UNINDEXED,
  document_id UNINDEXED,
  page UNINDEXED,
  tokenize = 'unicode61 remove_diacritics 2'
);

-- Which documents the search index holds, and from which version of their pages: the
-- index is brought up to date before each search from the `pages` artifacts.
CREATE TABLE search_indexed (
  document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  updated_at  TEXT NOT NULL
);
