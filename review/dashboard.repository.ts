// SQL for the dashboard at the top of every review page (review/dashboard.ts): which reporting
// period is "this period", and a cheap fingerprint of everything the numbers depend on, so they
// are computed again only when a document, a decision or a period has changed.
import type { Db } from '../pipeline/db/database.js';

export class DashboardRepository {
  constructor(private readonly db: Db) {}

  /**
   * The period being collected on `today`: the one whose deadline comes next (today included);
   * when every deadline has passed, the one that ended last; null when none is defined.
   */
  currentPeriod(today: string): string | null {
    const next = this.db.prepare('SELECT name FROM periods WHERE deadline >= ? ORDER BY deadline, name LIMIT 1').get(today) as { name: string } | undefined;
    const last = next ? undefined : this.db.prepare('SELECT name FROM periods ORDER BY deadline DESC, name LIMIT 1').get() as { name: string } | undefined;
    return (next ?? last)?.name ?? null;
  }

  /** Documents waiting for a person, and when the oldest of them came in (any period). */
  backlog(): { waiting: number; oldestReceivedAt: string | null } {
    const r = this.db.prepare("SELECT COUNT(*) AS n, MIN(received_at) AS oldest FROM documents WHERE status = 'needs_review'").get() as { n: number; oldest: string | null };
    return { waiting: r.n, oldestReceivedAt: r.oldest };
  }

  /** Changes whenever a document, a review decision or a period changes. */
  fingerprint(): string {
    const r = this.db.prepare(`SELECT
      (SELECT COUNT(*) || '/' || IFNULL(MAX(updated_at), '') FROM documents) AS docs,
      (SELECT COUNT(*) || '/' || IFNULL(CAST(MAX(id) AS TEXT), '') FROM review_decisions) AS decisions,
      (SELECT COUNT(*) || '/' || IFNULL(MAX(created_at), '') || '/' || IFNULL(GROUP_CONCAT(deadline), '') FROM periods) AS periods`).get() as Record<string, string>;
    return `${r.docs}|${r.decisions}|${r.periods}`;
  }
}
