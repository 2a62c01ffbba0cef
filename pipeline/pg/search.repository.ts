// The full-text index on the PostgreSQL store (issue 16; PG migration 023), with the same results
// as SQLite's FTS5 index (db/search.repository.ts) for the same queries. PostgreSQL has no FTS5:
// each page keeps its unicode61 words (search-text.ts) as a tokens text and as a tsvector without
// positions in a GIN index. A page matches when the index has every word of the query and the
// tokens text holds each phrase; pages are ranked by FTS5's own bm25 formula (k1 = 1.2, b = 0.75,
// computed in double precision in the same order), so the order of hits is the same too.
// Indexing, staleness and the document filters are SearchRepository's (shared SQL).
import { SearchRepository, filterClauses, type IndexedPage, type PageQuery, type SearchFilters, type SearchRow } from '../db/search.repository.js';
import { indexTokens, lexemesOf, phrasePattern, phraseRegex, tokensText, tsqueryOf } from './search-text.js';

/** A page's condition for one phrase, on the table alias `t` (the parameters named by phrase index `i`). */
function phraseHeld(t: string, i: number, hasLexemes: boolean): string {
  return `${hasLexemes ? `${t}.lexemes @@ CAST(@q${i} AS tsquery) AND ` : ''}strpos(${t}.tokens, @p${i}) > 0`;
}

export class PgSearchRepository extends SearchRepository {
  /** One row per page; a page number seen twice in one artifact is kept once (the primary key). */
  protected override putPages(documentId: string, pages: IndexedPage[]): void {
    const put = this.db.prepare(`INSERT INTO search_pages (document_id, page, text, folded, tokens, token_count, lexemes)
      VALUES (?, ?, ?, ?, ?, ?, array_to_tsvector(CAST(? AS TEXT[])))
      ON CONFLICT (document_id, page) DO NOTHING`);
    for (const p of pages) {
      const tokens = indexTokens(p.folded);
      put.run(documentId, p.page, p.text, p.folded, tokensText(tokens), tokens.length, lexemesOf(tokens));
    }
  }

  /**
   * Pages holding every phrase, best first. bm25 as FTS5 computes it: per phrase, idf from the
   * pages holding it (at least 1e-6), its instances on the page (overlapping ones counted), the
   * page's word count against the average; rank = -score. Ties as on SQLite (NULL dates first).
   */
  override search(q: PageQuery, f: SearchFilters, limit: number): SearchRow[] {
    const params: Record<string, string | number> = { limit };
    const held: string[] = [];
    const idf: string[] = [];
    const score: string[] = [];
    q.phrases.forEach((phrase, i) => {
      const lexemes = tsqueryOf(phrase);
      if (lexemes) params[`q${i}`] = lexemes;
      params[`p${i}`] = phrasePattern(phrase);
      params[`r${i}`] = phraseRegex(phrase);
      held.push(phraseHeld('s', i, !!lexemes));
      idf.push(`(SELECT CASE WHEN v > 0 THEN v ELSE 1e-6 END FROM (SELECT ln((st.n_rows - n + 0.5) / (n + 0.5)) AS v
          FROM (SELECT CAST(count(*) AS DOUBLE PRECISION) AS n FROM search_pages h WHERE ${phraseHeld('h', i, !!lexemes)}) c) z) AS idf${i}`);
      const freq = `CAST((SELECT count(*) FROM regexp_matches(s.tokens, @r${i}, 'g')) AS DOUBLE PRECISION)`;
      score.push(`k.idf${i} * ((${freq} * (k.k1 + 1.0)) / (${freq} + k.k1 * (1 - k.b + k.b * CAST(s.token_count AS DOUBLE PRECISION) / k.avgdl)))`);
    });
    const all = tsqueryOf(q.phrases.flat());
    if (all) params.q = all;
    const where = [...(all ? ['s.lexemes @@ CAST(@q AS tsquery)'] : []), ...held, ...filterClauses(f, params)];
    const rows = this.db.prepare(`
      WITH st AS (SELECT CAST(count(*) AS DOUBLE PRECISION) AS n_rows, CAST(COALESCE(sum(token_count), 0) AS DOUBLE PRECISION) AS n_tokens
                  FROM search_pages),
      k AS (SELECT CAST(1.2 AS DOUBLE PRECISION) AS k1, CAST(0.75 AS DOUBLE PRECISION) AS b, st.n_tokens / NULLIF(st.n_rows, 0) AS avgdl,
                   ${idf.join(',\n                   ')}
            FROM st)
      SELECT s.document_id AS documentId, d.file_name AS fileName, d.doc_number AS docNumber,
             d.province_code AS provinceCode, d.province_name AS provinceName, d.period, d.doc_type AS docType,
             d.issue_date AS issueDate, s.page, s.text, s.folded, -1.0 * (${score.join(' + ')}) AS rank
      FROM search_pages s JOIN v_documents d ON d.id = s.document_id CROSS JOIN k
      WHERE ${where.join(' AND ')}
      ORDER BY rank, d.issue_date NULLS FIRST, s.document_id, s.page
      LIMIT @limit`).all(params) as SearchRow[];
    return rows.map((r) => ({ ...r, page: Number(r.page) }));
  }
}
