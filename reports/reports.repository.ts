// Every query the reports make (issue 6). Reads go through the views of migration 002, so the
// report builders and `tonghop query` users see the same shapes (docs/schema.md).
import type { Db } from '../pipeline/db/database.js';
import type { Box, Qualifier } from '../model/document.js';

export type Category = 'programme' | 'report';

/** A document that may appear in an appendix (accepted or needs_review, with a province). */
export interface AppendixDocumentRow {
  id: string;
  fileName: string;
  status: 'accepted' | 'needs_review';
  category: Category;
  period: string | null;
  docNumber: string | null;
  issueDate: string | null;
  receivedOn: string | null;
  provinceCode: string;
  provinceName: string | null;
  /** a printed field (number, date, province) still waits for review */
  headerNeedsReview: boolean;
  /** where the number was read: page (1-based) and box (PDF points, origin top-left) */
  page: number | null;
  box: Box | null;
}

export interface IndicatorFigureRow {
  id: number;
  documentId: string;
  fileName: string;
  documentStatus: 'accepted' | 'needs_review';
  period: string | null;
  docNumber: string | null;
  issueDate: string | null;
  receivedOn: string | null;
  provinceCode: string;
  key: string;
  label: string;
  value: number;
  unit: string;
  qualifier: Qualifier;
  confidence: number;
  status: 'accepted' | 'needs_review' | 'corrected';
  page: number | null;
  box: Box | null;
  sourceText: string | null;
  subValues: { label: string; value: number }[];
  headerNeedsReview: boolean;
}

/** A review change waiting for approval (issue 17): the figure or field, its value now and the one proposed. */
export interface PendingChangeRow {
  documentId: string; file: string; provinceCode: string | null; target: 'field' | 'indicator' | 'document'; name: string | null;
  action: 'correct' | 'reject'; from: unknown; to: unknown; requestedBy: string; requestedAt: string;
}

/** A v_documents row joined with its docNumber field, as SQLite returns it (JSON columns as text). */
interface AppendixSqlRow {
  id: string; file_name: string; status: AppendixDocumentRow['status']; category: Category; period: string | null;
  doc_number: string | null; issue_date: string | null; received_on: string | null; province_code: string;
  province_name: string | null; header_needs_review: number; page: number | null; box_json: string | null;
}

/** A v_indicators row joined with its document, as SQLite returns it (JSON columns as text). */
interface IndicatorFigureSqlRow {
  id: number; document_id: string; file_name: string; document_status: IndicatorFigureRow['documentStatus'];
  period: string | null; doc_number: string | null; issue_date: string | null; received_on: string | null;
  province_code: string; key: string; label: string; value: number; unit: string; qualifier: Qualifier;
  confidence: number; status: IndicatorFigureRow['status']; page: number | null; box_json: string | null;
  source_text: string | null; sub_values_json: string | null; header_needs_review: number;
}

const parse = <T>(s: string | null, fallback: T): T => (s == null ? fallback : (JSON.parse(s) as T));

export class ReportsRepository {
  constructor(private readonly db: Db) {}

  /** Candidate documents of one category; the report builders apply period and cut-off. */
  appendixDocuments(category: Category): AppendixDocumentRow[] {
    const rows = this.db.prepare(`
      SELECT d.id, d.file_name, d.status, d.category, d.period, d.doc_number, d.issue_date, d.received_on,
             d.province_code, d.province_name, d.header_needs_review, f.page, f.box_json
      FROM v_documents d
      LEFT JOIN fields f ON f.document_id = d.id AND f.name = 'docNumber'
      WHERE d.category = ? AND d.status IN ('accepted', 'needs_review') AND d.province_code IS NOT NULL
      ORDER BY d.issue_date, d.doc_number, d.id`).all(category) as AppendixSqlRow[];
    return rows.map((r) => ({
      id: r.id, fileName: r.file_name, status: r.status, category: r.category, period: r.period,
      docNumber: r.doc_number, issueDate: r.issue_date, receivedOn: r.received_on,
      provinceCode: r.province_code, provinceName: r.province_name, headerNeedsReview: r.header_needs_review === 1,
      page: r.page ?? null, box: parse(r.box_json, null),
    }));
  }

  /** Indicator figures of reports (accepted or needs_review documents with a province). */
  indicatorFigures(): IndicatorFigureRow[] {
    const rows = this.db.prepare(`
      SELECT i.*, d.received_on, d.header_needs_review
      FROM v_indicators i JOIN v_documents d ON d.id = i.document_id
      WHERE i.category = 'report' AND i.document_status IN ('accepted', 'needs_review') AND i.province_code IS NOT NULL
      ORDER BY i.key, i.province_code, i.issue_date, i.id`).all() as IndicatorFigureSqlRow[];
    return rows.map((r) => ({
      id: r.id, documentId: r.document_id, fileName: r.file_name, documentStatus: r.document_status, period: r.period,
      docNumber: r.doc_number, issueDate: r.issue_date, receivedOn: r.received_on, provinceCode: r.province_code,
      key: r.key, label: r.label, value: r.value, unit: r.unit, qualifier: r.qualifier, confidence: r.confidence,
      status: r.status, page: r.page, box: parse(r.box_json, null), sourceText: r.source_text,
      subValues: parse(r.sub_values_json, []), headerNeedsReview: r.header_needs_review === 1,
    }));
  }

  /**
   * Review changes waiting for a lead's approval (issue 17) on report documents: not applied, so
   * not in any total; the indicator table lists them apart.
   */
  pendingChanges(): PendingChangeRow[] {
    const rows = this.db.prepare(`
      SELECT p.document_id, d.file_name, d.province_code, p.target, p.name, p.action, p.old_value_json, p.new_value_json, a.username, p.requested_at
      FROM review_pending p JOIN documents d ON d.id = p.document_id JOIN accounts a ON a.id = p.requested_by
      WHERE p.state = 'pending' AND IFNULL(d.category, 'report') = 'report'
      ORDER BY p.requested_at, p.id`).all() as {
        document_id: string; file_name: string; province_code: string | null; target: PendingChangeRow['target']; name: string | null;
        action: PendingChangeRow['action']; old_value_json: string | null; new_value_json: string | null; username: string; requested_at: string }[];
    return rows.map((r) => ({
      documentId: r.document_id, file: r.file_name, provinceCode: r.province_code, target: r.target, name: r.name, action: r.action,
      from: parse(r.old_value_json, null), to: parse(r.new_value_json, null), requestedBy: r.username, requestedAt: r.requested_at,
    }));
  }

  /** The document a published report was ingested as, by content hash. */
  documentBySha(sha256: string): { id: string; status: string } | undefined {
    return this.db.prepare("SELECT id, status FROM documents WHERE sha256 = ? AND status <> 'duplicate'").get(sha256) as { id: string; status: string } | undefined;
  }
}
