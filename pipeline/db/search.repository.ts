// The full-text index (issue 15, migration 009): one FTS5 row per document page. The
// PostgreSQL store has its own form of it (pg/search.repository.ts, PG migration 023).
import type { Db } from './database.js';

export interface IndexedPage { page: number; text: string; folded: string }

export interface SearchFilters {
  provinceCode?: string;
  docType?: string;
  category?: string;
  from?: string;
  to?: string;
}

/**
 * What a page must hold: every phrase, its folded words next to each other (a one-word phrase
 * is that word anywhere on the page). `[["giam", "ngheo"]]` is the phrase "giam ngheo";
 * `[["giam"], ["ngheo"]]` is both words anywhere.
 */
export interface PageQuery { phrases: string[][] }

const ftsString = (t: string) => `"${t.replace(/"/g, '""')}"`;

/** The FTS5 query over the folded column: `folded : "giam ngheo"`, or `folded : "giam" AND "ngheo"`. */
export function fts5Match(q: PageQuery): string {
  return `folded : ${q.phrases.map((p) => ftsString(p.join(' '))).join(' AND ')}`;
}

export interface SearchRow {
  documentId: string;
  fileName: string;
  docNumber: string | null;
  provinceCode: string | null;
  provinceName: string | null;
  period: string | null;
  docType: string | null;
  issueDate: string | null;
  page: number;
  text: string;
  folded: string;
  rank: number;
}

/** The index's operations; SearchRepository is SQLite's (FTS5), pg/search.repository.ts PostgreSQL's. */
export interface SearchIndex {
  stale(): { id: string; updatedAt: string }[];
  pagesJson(documentId: string): string | null;
  replace(documentId: string, updatedAt: string, pages: IndexedPage[]): boolean;
  prune(): void;
  page(documentId: string, page: number): IndexedPage | null;
  search(q: PageQuery, f: SearchFilters, limit: number): SearchRow[];
}

export class SearchRepository implements SearchIndex {
  constructor(protected readonly db: Db) {}

  /** Documents whose pages are not indexed yet, or were re-processed since (ids only: pages are loaded one at a time). */
  stale(): { id: string; updatedAt: string }[] {
    return this.db.prepare(`
      SELECT d.id, d.updated_at AS updatedAt
      FROM documents d
      LEFT JOIN search_indexed s ON s.document_id = d.id
      WHERE d.status IN ('accepted', 'needs_review') AND (s.updated_at IS NULL OR s.updated_at <> d.updated_at)`).all() as { id: string; updatedAt: string }[];
  }

  /** The stored `pages` artifact of a document (JSON), or null. */
  pagesJson(documentId: string): string | null {
    const r = this.db.prepare("SELECT json FROM artifacts WHERE document_id = ? AND name = 'pages'").get(documentId) as { json: string } | undefined;
    return r?.json ?? null;
  }

  /**
   * Replaces one document's pages in the index, unless another process has just indexed this
   * version (false then). The search_indexed row is claimed first: a second searcher doing the
   * same document at the same time waits on that row, then finds it current and skips, so no
   * document is indexed twice (what matters on a shared PostgreSQL store).
   */
  replace(documentId: string, updatedAt: string, pages: IndexedPage[]): boolean {
    return this.db.transaction(() => {
      const claimed = this.db.prepare(`INSERT INTO search_indexed (document_id, updated_at) VALUES (?, ?)
        ON CONFLICT(document_id) DO UPDATE SET updated_at = excluded.updated_at
        WHERE search_indexed.updated_at <> excluded.updated_at`).run(documentId, updatedAt).changes > 0;
      if (!claimed) return false;
      this.db.prepare('DELETE FROM search_pages WHERE document_id = ?').run(documentId);
      this.putPages(documentId, pages);
      return true;
    })();
  }

  protected putPages(documentId: string, pages: IndexedPage[]): void {
    const put = this.db.prepare('INSERT INTO search_pages (folded, text, document_id, page) VALUES (?, ?, ?, ?)');
    for (const p of pages) put.run(p.folded, p.text, documentId, p.page);
  }

  /** Drops index rows of documents that are gone or no longer accepted/needs_review. */
  prune(): void {
    this.db.transaction(() => {
      this.db.prepare(`DELETE FROM search_pages WHERE document_id NOT IN
        (SELECT id FROM documents WHERE status IN ('accepted', 'needs_review'))`).run();
      this.db.prepare(`DELETE FROM search_indexed WHERE document_id NOT IN
        (SELECT id FROM documents WHERE status IN ('accepted', 'needs_review'))`).run();
    })();
  }

  page(documentId: string, page: number): IndexedPage | null {
    const r = this.db.prepare('SELECT page, text, folded FROM search_pages WHERE document_id = ? AND page = ?').get(documentId, page) as IndexedPage | undefined;
    return r ? { ...r, page: Number(r.page) } : null;
  }

  /** Pages holding the query, best first (FTS5's bm25), at most `limit`. */
  search(q: PageQuery, f: SearchFilters, limit: number): SearchRow[] {
    const params: Record<string, string | number> = { match: fts5Match(q), limit };
    const where = ['search_pages MATCH @match', ...filterClauses(f, params)];
    const rows = this.db.prepare(`
      SELECT s.document_id AS documentId, d.file_name AS fileName, d.doc_number AS docNumber,
             d.province_code AS provinceCode, d.province_name AS provinceName, d.period, d.doc_type AS docType,
             d.issue_date AS issueDate, s.page, s.text, s.folded, bm25(search_pages) AS rank
      FROM search_pages s JOIN v_documents d ON d.id = s.document_id
      WHERE ${where.join(' AND ')}
      ORDER BY rank, d.issue_date, s.document_id, s.page
      LIMIT @limit`).all(params) as SearchRow[];
    return rows.map((r) => ({ ...r, page: Number(r.page) }));
  }
}

/** The document filters as SQL over v_documents `d` (the same on both stores); their values go into `params`. */
export function filterClauses(f: SearchFilters, params: Record<string, string | number>): string[] {
  const where: string[] = [];
  const filter = (value: string | undefined, name: string, sql: string) => {
    if (!value) return;
    where.push(sql);
    params[name] = value;
  };
  filter(f.provinceCode, 'provinceCode', 'd.province_code = @provinceCode');
  filter(f.docType, 'docType', 'd.doc_type = @docType');
  filter(f.category, 'category', 'd.category = @category');
  filter(f.from, 'from', 'd.issue_date >= @from');
  filter(f.to, 'to', 'd.issue_date <= @to');
  return where;
}
