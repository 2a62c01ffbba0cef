// The full-text index (issue 15, migration 009): one FTS5 row per document page.
import type { Db } from './database.js';

export interface IndexedPage { page: number; text: string; folded: string }

export interface SearchFilters {
  provinceCode?: string;
  docType?: string;
  category?: string;
  from?: string;
  to?: string;
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

export class SearchRepository {
  constructor(private readonly db: Db) {}

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

  /** Replaces one document's pages in the index. */
  replace(documentId: string, updatedAt: string, pages: IndexedPage[]): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM search_pages WHERE document_id = ?').run(documentId);
      const put = this.db.prepare('INSERT INTO search_pages (folded, text, document_id, page) VALUES (?, ?, ?, ?)');
      for (const p of pages) put.run(p.folded, p.text, documentId, p.page);
      this.db.prepare(`INSERT INTO search_indexed (document_id, updated_at) VALUES (?, ?)
        ON CONFLICT(document_id) DO UPDATE SET updated_at = excluded.updated_at`).run(documentId, updatedAt);
    })();
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

  /** Pages matching an FTS5 query over the folded column, best first (bm25). */
  search(match: string, f: SearchFilters, limit: number): SearchRow[] {
    const where: string[] = ['search_pages MATCH @match'];
    const params: Record<string, string | number> = { match, limit };
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
