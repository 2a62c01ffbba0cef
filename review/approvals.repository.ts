// Every query about changes waiting for a lead's approval (issue 17, "four eyes").
import type { Db } from '../pipeline/db/database.js';

export type PendingWhy = 'indicator_delta' | 'appendix_rows' | 'province_document';

export interface PendingRow {
  id: number; document_id: string; target: 'field' | 'indicator' | 'document'; name: string | null; action: 'correct' | 'reject';
  input: string | null; old_value_json: string | null; new_value_json: string | null; expect: string | null; reason: string | null;
  why: PendingWhy; amount: number | null; requested_by: number; requested_at: string; state: 'pending' | 'approved' | 'refused';
  decided_by: number | null; decided_at: string | null; decision_id: number | null; note: string | null;
}

/** A pending row with the names a page shows. */
export interface PendingView extends PendingRow {
  requester: string; requester_name: string | null; file_name: string; province_name: string | null; doc_number: string | null;
  label: string | null; unit: string | null;
}

const VIEW_SQL = `SELECT p.*, a.username AS requester, a.display_name AS requester_name, d.file_name, d.province_name, d.doc_number,
    i.label AS label, i.unit AS unit
  FROM review_pending p JOIN accounts a ON a.id = p.requested_by JOIN documents d ON d.id = p.document_id
  LEFT JOIN indicators i ON p.target = 'indicator' AND i.document_id = p.document_id AND i.key = p.name`;

export class ApprovalsRepository {
  constructor(private readonly db: Db) {}

  insert(p: {
    documentId: string; target: PendingRow['target']; name: string | null; action: PendingRow['action']; input: string | null;
    oldValue: unknown; newValue: unknown; expect: string | null; reason: string | null; why: PendingWhy; amount: number; requestedBy: number; at: string;
  }): number {
    return Number(this.db.prepare(`INSERT INTO review_pending (document_id, target, name, action, input, old_value_json, new_value_json, expect, reason, why, amount, requested_by, requested_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(p.documentId, p.target, p.name, p.action, p.input, JSON.stringify(p.oldValue ?? null),
      JSON.stringify(p.newValue ?? null), p.expect, p.reason, p.why, p.amount, p.requestedBy, p.at).lastInsertRowid);
  }

  get(id: number): PendingView | undefined {
    return this.db.prepare(`${VIEW_SQL} WHERE p.id = ?`).get(id) as PendingView | undefined;
  }

  /** The open change on an item (or on the whole document when target is 'document'). */
  openFor(documentId: string, target: PendingRow['target'], name: string | null): PendingView | undefined {
    return this.db.prepare(`${VIEW_SQL} WHERE p.state = 'pending' AND p.document_id = ? AND p.target = ? AND IFNULL(p.name, '') = IFNULL(?, '')`)
      .get(documentId, target, name) as PendingView | undefined;
  }

  open(): PendingView[] {
    return this.db.prepare(`${VIEW_SQL} WHERE p.state = 'pending' ORDER BY p.requested_at, p.id`).all() as PendingView[];
  }

  byRequester(accountId: number, limit = 100): PendingView[] {
    return this.db.prepare(`${VIEW_SQL} WHERE p.requested_by = ? ORDER BY p.id DESC LIMIT ?`).all(accountId, limit) as PendingView[];
  }

  /**
   * Closes a change still pending; false when it was not (any more): of two leads deciding it at
   * once from two review processes, the second one's update waits for the first and then finds
   * nothing to close.
   */
  close(id: number, c: { state: 'approved' | 'refused'; by: number; at: string; decisionId: number | null; note: string | null }): boolean {
    return this.db.prepare(`UPDATE review_pending SET state = ?, decided_by = ?, decided_at = ?, decision_id = ?, note = ? WHERE id = ? AND state = 'pending'`)
      .run(c.state, c.by, c.at, c.decisionId, c.note, id).changes > 0;
  }
}
