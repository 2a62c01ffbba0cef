// Reporting periods (issue 15): the office's own list of what it expects, by when, asked by
// which request, and the documents a follow-up table is built from. Migration 009.
import type { Db } from './database.js';

export type PeriodKind = 'report' | 'programme' | 'other';

export interface PeriodRow {
  name: string;
  nameKey: string;
  kind: PeriodKind;
  deadline: string;
  requestNumber: string | null;
  requestDate: string | null;
  createdAt: string;
}

/** A document that may answer a period: accepted or needs_review, with a province. */
export interface FollowupCandidateRow {
  id: string;
  fileName: string;
  status: 'accepted' | 'needs_review';
  category: PeriodKind | null;
  period: string | null;
  docNumber: string | null;
  issueDate: string | null;
  /** the 'receivedDate' field (received stamp) when a stage recorded one */
  receivedDate: string | null;
  provinceCode: string;
  headerNeedsReview: boolean;
}

interface PeriodSqlRow { name: string; name_key: string; kind: PeriodKind; deadline: string; request_number: string | null; request_date: string | null; created_at: string }
interface CandidateSqlRow {
  id: string; file_name: string; status: 'accepted' | 'needs_review'; category: PeriodKind | null; period: string | null;
  doc_number: string | null; issue_date: string | null; province_code: string; header_needs_review: number; received_date: unknown;
}

const fromRow = (r: PeriodSqlRow): PeriodRow => ({
  name: r.name, nameKey: r.name_key, kind: r.kind, deadline: r.deadline,
  requestNumber: r.request_number, requestDate: r.request_date, createdAt: r.created_at,
});

export class PeriodsRepository {
  constructor(private readonly db: Db) {}

  /** Adds or replaces (same folded name) a period. */
  upsert(p: Omit<PeriodRow, 'createdAt'>): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM periods WHERE name_key = ? OR name = ?').run(p.nameKey, p.name);
      this.db.prepare(`INSERT INTO periods (name, name_key, kind, deadline, request_number, request_date, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)`).run(p.name, p.nameKey, p.kind, p.deadline, p.requestNumber, p.requestDate, new Date().toISOString());
    })();
  }

  byKey(nameKey: string): PeriodRow | null {
    const r = this.db.prepare('SELECT * FROM periods WHERE name_key = ?').get(nameKey) as PeriodSqlRow | undefined;
    return r ? fromRow(r) : null;
  }

  list(): PeriodRow[] {
    return (this.db.prepare('SELECT * FROM periods ORDER BY deadline, name').all() as PeriodSqlRow[]).map(fromRow);
  }

  /** Documents of one category that could answer a period; the matching is done in reports/followup.ts. */
  candidates(category: PeriodKind): FollowupCandidateRow[] {
    const rows = this.db.prepare(`
      SELECT d.id, d.file_name, d.status, d.category, d.period, d.doc_number, d.issue_date, d.province_code,
             d.header_needs_review,
             (SELECT json_extract(f.value_json, '$') FROM fields f WHERE f.document_id = d.id AND f.name = 'receivedDate') AS received_date
      FROM v_documents d
      WHERE d.category = ? AND d.status IN ('accepted', 'needs_review') AND d.province_code IS NOT NULL
      ORDER BY d.issue_date, d.doc_number, d.id`).all(category) as CandidateSqlRow[];
    return rows.map((r) => ({
      id: r.id, fileName: r.file_name, status: r.status, category: r.category, period: r.period,
      docNumber: r.doc_number, issueDate: r.issue_date,
      receivedDate: typeof r.received_date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(r.received_date) ? r.received_date : null,
      provinceCode: r.province_code, headerNeedsReview: r.header_needs_review === 1,
    }));
  }

  /**
   * Of these documents, how many went straight through: accepted with no person's decision on
   * record (neither a review nor a correction).
   */
  straightThrough(ids: readonly string[]): number {
    if (ids.length === 0) return 0;
    const marks = ids.map(() => '?').join(',');
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM documents d WHERE d.id IN (${marks}) AND d.status = 'accepted'
      AND NOT EXISTS (SELECT 1 FROM review_decisions r WHERE r.document_id = d.id)`).get(...ids) as { n: number }).n;
  }

  /** Documents waiting for review, and when the oldest of them came in. */
  reviewBacklog(): { waiting: number; oldestReceivedAt: string | null } {
    const r = this.db.prepare("SELECT COUNT(*) AS n, MIN(received_at) AS oldest FROM documents WHERE status = 'needs_review'").get() as { n: number; oldest: string | null };
    return { waiting: r.n, oldestReceivedAt: r.oldest };
  }
}
