-- Full-text search on the PostgreSQL store (issue 15's search, issue 16's store): SQLite's FTS5
-- table search_pages (migration 009) has no PostgreSQL form, so each page keeps, besides the text
-- as read and its folded copy (offset for offset, for snippets and highlights):
--   tokens       its words as FTS5's unicode61 tokenizer cuts the folded text (pipeline/pg/search-text.ts),
--                each with a space on either side (" giam  ngheo "), so a phrase is a substring;
--   token_count  how many words (bm25's page length, as FTS5 counts it);
--   lexemes      the distinct words as a tsvector without positions (array_to_tsvector: taken as
--                they are, no parser, no locale), in a GIN index: the pages holding every word.
-- Built in types only, no extension. The queries are in pipeline/pg/search.repository.ts.
CREATE TABLE search_pages (
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  page        INTEGER NOT NULL,
  text        TEXT NOT NULL,
  folded      TEXT NOT NULL,
  tokens      TEXT NOT NULL,
  token_count INTEGER NOT NULL,
  lexemes     TSVECTOR NOT NULL,
  PRIMARY KEY (document_id, page)
);
CREATE INDEX search_pages_lexemes ON search_pages USING GIN (lexemes);

-- Which documents the index holds, and from which version of their pages (as in SQLite). The row
-- is claimed first when a document is (re)indexed, so two searchers never index one twice.
CREATE TABLE search_indexed (
  document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  updated_at  TEXT NOT NULL
);
