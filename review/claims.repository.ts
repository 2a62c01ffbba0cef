// Every query about claims on review items (issue 17): who holds an item and until when.
// Writes run inside the caller's transaction where they must be atomic with a decision.
import type { Db } from '../pipeline/db/database.js';
import type { ItemKey } from './review.repository.js';

export interface ClaimRow {
  document_id: string; target: 'field' | 'indicator'; name: string; account_id: number; claimed_at: string; expires_at: string;
  assigned_by: number | null; username: string; display_name: string | null;
}

export class ClaimsRepository {
  constructor(private readonly db: Db) {}

  transaction<T>(fn: () => T): T { return this.db.transaction(fn)(); }

  /** The live claim on an item (expired ones do not count). */
  get(k: ItemKey, now: string): ClaimRow | undefined {
    return this.db.prepare(`SELECT c.*, a.username, a.display_name FROM review_claims c JOIN accounts a ON a.id = c.account_id
      WHERE c.document_id = ? AND c.target = ? AND c.name = ? AND c.expires_at > ?`).get(k.documentId, k.target, k.name, now) as ClaimRow | undefined;
  }

  /**
   * Takes or renews a claim; `claimed_at` is kept while the same account renews. Someone else's
   * live claim is never overwritten (the WHERE): of two review processes claiming one item at
   * once (PostgreSQL, READ COMMITTED: both saw it free), the second finds the first's row and
   * leaves it. A lead's assignment releases the claim first.
   */
  put(k: ItemKey, accountId: number, now: string, expiresAt: string, assignedBy: number | null = null): void {
    this.db.prepare(`INSERT INTO review_claims (document_id, target, name, account_id, claimed_at, expires_at, assigned_by) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT(document_id, target, name) DO UPDATE SET
        claimed_at = CASE WHEN review_claims.account_id = excluded.account_id AND review_claims.expires_at > excluded.claimed_at THEN review_claims.claimed_at ELSE excluded.claimed_at END,
        assigned_by = CASE WHEN review_claims.account_id = excluded.account_id AND excluded.assigned_by IS NULL THEN review_claims.assigned_by ELSE excluded.assigned_by END,
        expires_at = MAX(excluded.expires_at, CASE WHEN review_claims.account_id = excluded.account_id THEN review_claims.expires_at ELSE '' END),
        account_id = excluded.account_id
      WHERE review_claims.account_id = excluded.account_id OR review_claims.expires_at <= excluded.claimed_at`)
      .run(k.documentId, k.target, k.name, accountId, now, expiresAt, assignedBy);
  }

  release(k: ItemKey): number {
    return this.db.prepare('DELETE FROM review_claims WHERE document_id = ? AND target = ? AND name = ?').run(k.documentId, k.target, k.name).changes;
  }

  /** Live claims of one account (its "my items"). */
  heldBy(accountId: number, now: string): ClaimRow[] {
    return this.db.prepare(`SELECT c.*, a.username, a.display_name FROM review_claims c JOIN accounts a ON a.id = c.account_id
      WHERE c.account_id = ? AND c.expires_at > ? ORDER BY c.claimed_at`).all(accountId, now) as ClaimRow[];
  }

  /** Live claims of everyone (the lead's view). */
  all(now: string): ClaimRow[] {
    return this.db.prepare(`SELECT c.*, a.username, a.display_name FROM review_claims c JOIN accounts a ON a.id = c.account_id
      WHERE c.expires_at > ? ORDER BY a.username, c.claimed_at`).all(now) as ClaimRow[];
  }

  deleteExpired(now: string): void {
    this.db.prepare('DELETE FROM review_claims WHERE expires_at <= ?').run(now);
  }
}
