// What a review decision does, in one transaction each: change the field or indicator row,
// mirror a header field into the documents row (so exports and reports see it at once),
// record the decision with everything an undo needs, then re-route the document.
import type { DocumentsRepository } from '../pipeline/db/documents.repository.js';
import type { ReviewRepository, Target, HeaderState, ItemState, DecisionRow } from './review.repository.js';
import type { ApprovalsRepository } from './approvals.repository.js';
import { parseCorrection } from './corrections.js';
import { correctionNeedsApproval, rejectionNeedsApproval, type ApprovalThresholds } from './four-eyes.js';
import { messageFor } from '../model/errors.js';

export type DecisionOutcome =
  | { ok: true; decisionId: number; documentStatus: string }
  | { ok: false; code: string; message: string; httpStatus: number };

/** A correction or rejection that waits for a lead's approval instead of being applied. */
export type ProposalOutcome = DecisionOutcome | { ok: true; pendingId: number };

/** Who decides, when accounts are in use (issue 17): the account, the time the item was open, the approving lead. */
export interface Actor { accountId?: number | null; durationS?: number | null; approvedBy?: number | null }

interface OldState { item?: ItemState; header: HeaderState }

type RefusalCode = 'item.not_open' | 'item.not_found' | 'item.changed' | 'item.pending' | 'document.not_found' | 'document.closed' | 'reviewer.missing'
  | 'undo.nothing' | 'approval.not_pending' | 'approval.own';

/** Thrown inside a transaction to roll it back and hand the refusal to the caller. */
class Rollback extends Error { constructor(readonly outcome: DecisionOutcome) { super(outcome.ok ? 'rollback' : outcome.code); } }
/** A refused decision: a registered code with its one message (model/errors.ts). */
const refuse = (code: RefusalCode, httpStatus = 409): DecisionOutcome => ({ ok: false, code, message: messageFor(code), httpStatus });

/** Documents columns that mirror a header field. */
function headerColumnsFor(name: string, value: unknown): Partial<HeaderState> {
  switch (name) {
    case 'docNumber': return { doc_number: (value as string | null) ?? null };
    case 'issueDate': return { issue_date: (value as string | null) ?? null };
    case 'docType': return { doc_type: (value as string | null) ?? null };
    case 'category': return { category: (value as string | null) ?? null };
    case 'province': {
      const p = value as { code: string; name: string } | null;
      return { province_code: p?.code ?? null, province_name: p?.name ?? null };
    }
    default: return {};
  }
}

export class ReviewDecisions {
  constructor(private readonly review: ReviewRepository, private readonly docs: DocumentsRepository,
    private readonly approvals: ApprovalsRepository | null = null) {}

  accept(k: { documentId: string; target: Target; name: string; reviewer: string; reason?: string | null; expect?: string | null } & Actor): DecisionOutcome {
    return this.locked(k.documentId, () => {
      const pre = this.precheck(k);
      if ('ok' in pre) return pre;
      const { header, item } = pre;
      if (item.status !== 'needs_review') return refuse('item.not_open');
      const value = JSON.parse(item.value_json ?? 'null');
      this.review.setItem(k.documentId, k.target, k.name, k.target === 'indicator' ? Number(value) : value, 'accepted');
      // an accepted header value is already in the documents row: nothing to mirror
      return this.finish(k, 'accept', value, value, { item, header });
    });
  }

  correct(k: { documentId: string; target: Target; name: string; reviewer: string; input: string; reason?: string | null; expect?: string | null } & Actor): DecisionOutcome {
    return this.locked(k.documentId, () => {
      const pre = this.precheck(k);
      if ('ok' in pre) return pre;
      const { header, item } = pre;
      const parsed = parseCorrection(k.target, k.name, k.input, { asOf: header.issue_date });
      if (!parsed.ok) return { ok: false, code: parsed.code, message: parsed.message, httpStatus: 422 };
      const value = parsed.value;
      this.review.setItem(k.documentId, k.target, k.name, value, 'corrected');
      if (k.target === 'field') this.review.setHeader(k.documentId, headerColumnsFor(k.name, value));
      const old = k.target === 'indicator' ? Number(item.value_json) : JSON.parse(item.value_json ?? 'null');
      return this.finish(k, 'correct', old, value, { item, header });
    });
  }

  reject(k: { documentId: string; reviewer: string; reason?: string | null } & Actor): DecisionOutcome {
    return this.locked(k.documentId, () => {
      const header = this.review.header(k.documentId);
      if (!header) return refuse('document.not_found', 404);
      if (!k.reviewer) return refuse('reviewer.missing', 422);
      if (header.status === 'failed' || header.status === 'duplicate') return refuse('document.closed');
      if (!k.approvedBy && this.approvals?.openFor(k.documentId, 'document', null)) return refuse('item.pending');
      const reason = k.reason?.trim() || null;
      this.review.setHeader(k.documentId, {
        status: 'failed', error_code: 'review.rejected',
        error: messageFor('review.rejected', { reviewer: k.reviewer, reason: reason ?? 'không ghi lý do' }),
      });
      const id = this.review.insertDecision({
        documentId: k.documentId, target: 'document', name: null, action: 'reject', oldValue: header.status, newValue: 'failed',
        reviewer: k.reviewer, reason, oldState: { header } satisfies OldState, accountId: k.accountId, approvedBy: k.approvedBy,
      });
      return { ok: true, decisionId: id, documentStatus: 'failed' };
    });
  }

  /** Reverts the document's most recent decision still in force. */
  undo(k: { documentId: string; reviewer: string; reason?: string | null } & Actor): DecisionOutcome {
    return this.locked(k.documentId, () => {
      if (!this.review.header(k.documentId)) return refuse('document.not_found', 404);
      if (!k.reviewer) return refuse('reviewer.missing', 422);
      const last = this.review.lastUndoable(k.documentId);
      if (!last) return refuse('undo.nothing');
      const old = JSON.parse(last.old_state_json ?? 'null') as OldState;
      this.restore(last, old);
      const id = this.review.insertDecision({
        documentId: k.documentId, target: last.target, name: last.name, action: 'undo',
        oldValue: JSON.parse(last.new_value_json ?? 'null'), newValue: JSON.parse(last.old_value_json ?? 'null'),
        reviewer: k.reviewer, reason: k.reason?.trim() || null, oldState: null, undoes: last.id, accountId: k.accountId,
      });
      this.review.markUndone(last.id, id);
      return { ok: true, decisionId: id, documentStatus: this.docs.refreshStatus(k.documentId) };
    });
  }

  /** One decision's transaction, holding its document's row lock from the start (lockDocument). */
  private locked<T>(documentId: string, fn: () => T): T {
    return this.review.transaction(() => {
      this.review.lockDocument(documentId);
      return fn();
    });
  }

  private restore(d: DecisionRow, old: OldState): void {
    if (d.target === 'document') {
      this.review.setHeader(d.document_id, { status: old.header.status, error_code: old.header.error_code, error: old.header.error });
      return;
    }
    const item = old.item!;
    const value = JSON.parse(item.value_json ?? 'null');
    this.review.setItem(d.document_id, d.target, d.name!, d.target === 'indicator' ? Number(value) : value, item.status, item.confidence);
    if (d.target === 'field') {
      const cols = headerColumnsFor(d.name!, null);
      this.review.setHeader(d.document_id, Object.fromEntries(Object.keys(cols).map((c) => [c, old.header[c as keyof HeaderState]])));
    }
  }

  private precheck(k: { documentId: string; target: Target; name: string; reviewer: string; expect?: string | null } & Actor):
    DecisionOutcome | { header: HeaderState; item: ItemState } {
    const header = this.review.header(k.documentId);
    if (!header) return refuse('document.not_found', 404);
    const item = this.review.itemState(k.documentId, k.target, k.name);
    if (!item) return refuse('item.not_found', 404);
    if (!k.reviewer) return refuse('reviewer.missing', 422);
    if (header.status === 'failed' || header.status === 'duplicate') {
      return refuse('document.closed');
    }
    // a change waiting for approval holds the item: only its approval may decide it
    if (!k.approvedBy && this.approvals?.openFor(k.documentId, k.target, k.name)) return refuse('item.pending');
    // two people on the same item: the second decision is refused, not applied on top
    if (k.expect != null && k.expect !== stateToken(item)) {
      return refuse('item.changed');
    }
    return { header, item };
  }

  private finish(k: { documentId: string; target: Target; name: string; reviewer: string; reason?: string | null } & Actor, action: 'accept' | 'correct',
    oldValue: unknown, newValue: unknown, oldState: OldState): DecisionOutcome {
    const id = this.review.insertDecision({
      documentId: k.documentId, target: k.target, name: k.name, action, oldValue, newValue,
      reviewer: k.reviewer, reason: k.reason?.trim() || null, oldState, accountId: k.accountId, durationS: k.durationS, approvedBy: k.approvedBy,
    });
    return { ok: true, decisionId: id, documentStatus: this.docs.refreshStatus(k.documentId) };
  }

  // ---- four eyes (issue 17) ------------------------------------------------------------------

  /**
   * A correction under accounts: applied at once when small, else stored as a pending change
   * (nothing in the item or the document changes) for a lead to approve.
   */
  proposeCorrection(k: Parameters<ReviewDecisions['correct']>[0] & { accountId: number; thresholds: ApprovalThresholds; at: string }): ProposalOutcome {
    if (!this.approvals) return this.correct(k);
    const approvals = this.approvals;
    return this.locked(k.documentId, () => {
      const pre = this.precheck(k);
      if ('ok' in pre) return pre;
      const parsed = parseCorrection(k.target, k.name, k.input, { asOf: pre.header.issue_date });
      if (!parsed.ok) return { ok: false, code: parsed.code, message: parsed.message, httpStatus: 422 };
      const old = k.target === 'indicator' ? Number(pre.item.value_json) : JSON.parse(pre.item.value_json ?? 'null');
      const need = correctionNeedsApproval(k.target, k.name, old, parsed.value, pre.header, k.thresholds);
      if (!need) return this.correct(k);
      const pendingId = approvals.insert({
        documentId: k.documentId, target: k.target, name: k.name, action: 'correct', input: k.input, oldValue: old, newValue: parsed.value,
        expect: stateToken(pre.item), reason: k.reason?.trim() || null, why: need.why, amount: need.amount, requestedBy: k.accountId, at: k.at,
      });
      return { ok: true, pendingId };
    });
  }

  /** A rejection under accounts: waits for a lead when the document marks a province in Phụ lục I/II. */
  proposeReject(k: Parameters<ReviewDecisions['reject']>[0] & { accountId: number; at: string }): ProposalOutcome {
    if (!this.approvals) return this.reject(k);
    const approvals = this.approvals;
    return this.locked(k.documentId, () => {
      const header = this.review.header(k.documentId);
      if (!header) return refuse('document.not_found', 404);
      if (header.status === 'failed' || header.status === 'duplicate') return refuse('document.closed');
      if (approvals.openFor(k.documentId, 'document', null)) return refuse('item.pending');
      const need = rejectionNeedsApproval(header);
      if (!need) return this.reject(k);
      const pendingId = approvals.insert({
        documentId: k.documentId, target: 'document', name: null, action: 'reject', input: null, oldValue: header.status, newValue: 'failed',
        expect: null, reason: k.reason?.trim() || null, why: need.why, amount: need.amount, requestedBy: k.accountId, at: k.at,
      });
      return { ok: true, pendingId };
    });
  }

  /**
   * A lead approves a pending change: it is applied as the requester's decision (their name and
   * account, the lead in approved_by), against the state now; a changed item is refused and the
   * change stays pending. Nobody approves their own change.
   */
  approve(pendingId: number, lead: { accountId: number; at: string }): DecisionOutcome {
    const approvals = this.approvals;
    if (!approvals) return refuse('approval.not_pending', 404);
    try {
      return this.review.transaction(() => {
        const p = approvals.get(pendingId);
        if (p?.state !== 'pending') return refuse('approval.not_pending', 404);
        if (p.requested_by === lead.accountId) return refuse('approval.own', 403);
        const who = { reviewer: p.requester, accountId: p.requested_by, approvedBy: lead.accountId, reason: p.reason };
        const out = p.action === 'reject'
          ? this.reject({ documentId: p.document_id, ...who })
          : this.correct({ documentId: p.document_id, target: p.target as Target, name: p.name!, input: p.input ?? '', expect: p.expect, ...who });
        if (!out.ok) throw new Rollback(out);
        const closed = approvals.close(pendingId, { state: 'approved', by: lead.accountId, at: lead.at, decisionId: out.decisionId, note: null });
        if (!closed) throw new Rollback(refuse('approval.not_pending', 404)); // another lead decided it meanwhile
        return out;
      });
    } catch (e) {
      if (e instanceof Rollback) return e.outcome;
      throw e;
    }
  }

  /** A lead refuses a pending change: nothing is applied, the item goes back to the queue. */
  refusePending(pendingId: number, lead: { accountId: number; at: string; note: string | null }): { ok: true } | DecisionOutcome {
    const approvals = this.approvals;
    if (!approvals) return refuse('approval.not_pending', 404);
    return this.review.transaction(() => {
      const p = approvals.get(pendingId);
      if (p?.state !== 'pending') return refuse('approval.not_pending', 404);
      const closed = approvals.close(pendingId, { state: 'refused', by: lead.accountId, at: lead.at, decisionId: null, note: lead.note?.trim().slice(0, 500) || null });
      return closed ? { ok: true as const } : refuse('approval.not_pending', 404);
    });
  }
}

/** A short token of an item's current state, sent with a form so a stale decision is refused. */
export function stateToken(s: ItemState): string {
  return `${s.status}:${s.value_json ?? 'null'}`;
}
