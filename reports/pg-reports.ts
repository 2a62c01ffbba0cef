// The national report tables from the PostgreSQL store (issue 16): the rows the report builders
// take (reports.repository.ts: appendix candidates, indicator figures), read from the same
// views with the same SQL, then handed to the same builders (buildReportFrom), so both stores
// give the same tables. Read in one read-only transaction: one consistent snapshot.
import type { Queryable, PgPool } from '../pipeline/pg/database.js';
import type { AppendixDocumentRow, Category, IndicatorFigureRow, ReportsRepository } from './reports.repository.js';
import { buildReportFrom, type ReportBundle, type ReportName } from './report.js';
import type { Selection } from './selection.js';

const parse = <T>(s: string | null, fallback: T): T => (s == null ? fallback : (JSON.parse(s) as T));

async function appendixDocuments(db: Queryable, category: Category): Promise<AppendixDocumentRow[]> {
  const { rows } = await db.query(`
    SELECT d.id, d.file_name, d.status, d.category, d.period, d.doc_number, d.issue_date, d.received_on,
           d.province_code, d.province_name, d.header_needs_review, f.page, f.box_json
    FROM v_documents d
    LEFT JOIN fields f ON f.document_id = d.id AND f.name = 'docNumber'
    WHERE d.category = $1 AND d.status IN ('accepted', 'needs_review') AND d.province_code IS NOT NULL
    ORDER BY d.issue_date, d.doc_number, d.id`, [category]);
  return rows.map((r) => ({
    id: r.id, fileName: r.file_name, status: r.status, category: r.category, period: r.period,
    docNumber: r.doc_number, issueDate: r.issue_date, receivedOn: r.received_on,
    provinceCode: r.province_code, provinceName: r.province_name, headerNeedsReview: r.header_needs_review === 1,
    page: r.page ?? null, box: parse(r.box_json, null),
  }));
}

async function indicatorFigures(db: Queryable): Promise<IndicatorFigureRow[]> {
  const { rows } = await db.query(`
    SELECT i.*, d.received_on, d.header_needs_review
    FROM v_indicators i JOIN v_documents d ON d.id = i.document_id
    WHERE i.category = 'report' AND i.document_status IN ('accepted', 'needs_review') AND i.province_code IS NOT NULL
    ORDER BY i.key, i.province_code, i.issue_date, i.id`);
  return rows.map((r) => ({
    id: r.id, documentId: r.document_id, fileName: r.file_name, documentStatus: r.document_status, period: r.period,
    docNumber: r.doc_number, issueDate: r.issue_date, receivedOn: r.received_on, provinceCode: r.province_code,
    key: r.key, label: r.label, value: r.value, unit: r.unit, qualifier: r.qualifier, confidence: r.confidence,
    status: r.status, page: r.page, box: parse(r.box_json, null), sourceText: r.source_text,
    subValues: parse(r.sub_values_json, []), headerNeedsReview: r.header_needs_review === 1,
  }));
}

/** Builds a report on PostgreSQL: the rows first (read-only, one snapshot), then the shared builders. */
export async function buildPgReport(pool: PgPool, name: ReportName, selection: Selection = {}): Promise<ReportBundle> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const [programmes, reports, figures] = [await appendixDocuments(c, 'programme'), await appendixDocuments(c, 'report'), await indicatorFigures(c)];
    await c.query('COMMIT');
    const rows = { programme: programmes, report: reports };
    // The builders call exactly these methods (reports/appendix.ts, indicator-totals.ts); the
    // class's private SQLite handle makes its type nominal, hence the cast of this plain reader.
    // No change waits for a lead's approval on PostgreSQL: the review UI (accounts, four eyes) runs on SQLite only.
    const reader = { appendixDocuments: (cat: Category) => rows[cat], indicatorFigures: () => figures, pendingChanges: () => [] };
    return buildReportFrom(reader as unknown as ReportsRepository, name, selection);
  } catch (err) {
    await c.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    c.release();
  }
}
