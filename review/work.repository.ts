// Queries of the work views (issue 17): one account's decisions, per-reviewer counts and times,
// and the decisions of a date range for the audit CSV.
import type { Db } from '../pipeline/db/database.js';
import type { DecisionRow } from './review.repository.js';

export interface ReviewerStats {
  username: string; display_name: string | null; role: string; decisions: number; accepts: number; corrects: number; rejects: number; undos: number;
  approved: number; avg_s: number | null; first_at: string | null; last_at: string | null;
}

export interface DecisionAuditRow extends DecisionRow { approver: string | null }

export class WorkRepository {
  constructor(private readonly db: Db) {}

  decisionsOf(accountId: number, limit = 50): DecisionRow[] {
    return this.db.prepare('SELECT * FROM review_decisions WHERE account_id = ? ORDER BY id DESC LIMIT ?').all(accountId, limit) as DecisionRow[];
  }

  /**
   * Per account: decisions by kind and the mean time an item was open before its decision, in
   * [from, to). SUM(CASE …) rather than SUM(a = b): PostgreSQL has no SUM of booleans.
   */
  reviewerStats(from: string, to: string): ReviewerStats[] {
    return this.db.prepare(`SELECT a.username, a.display_name, a.role,
        COUNT(d.id) AS decisions,
        SUM(CASE WHEN d.action = 'accept' THEN 1 ELSE 0 END) AS accepts, SUM(CASE WHEN d.action = 'correct' THEN 1 ELSE 0 END) AS corrects,
        SUM(CASE WHEN d.action = 'reject' THEN 1 ELSE 0 END) AS rejects, SUM(CASE WHEN d.action = 'undo' THEN 1 ELSE 0 END) AS undos,
        SUM(CASE WHEN d.approved_by IS NOT NULL THEN 1 ELSE 0 END) AS approved, AVG(d.duration_s) AS avg_s, MIN(d.decided_at) AS first_at, MAX(d.decided_at) AS last_at
      FROM accounts a LEFT JOIN review_decisions d ON d.account_id = a.id AND d.decided_at >= ? AND d.decided_at < ?
      GROUP BY a.id ORDER BY decisions DESC, a.username`).all(from, to) as ReviewerStats[];
  }

  decisionsBetween(from: string, to: string): DecisionAuditRow[] {
    return this.db.prepare(`SELECT d.*, ap.username AS approver FROM review_decisions d LEFT JOIN accounts ap ON ap.id = d.approved_by
      WHERE d.decided_at >= ? AND d.decided_at < ? ORDER BY d.decided_at, d.id`).all(from, to) as DecisionAuditRow[];
  }
}
