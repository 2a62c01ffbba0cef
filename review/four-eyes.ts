// Which corrections wait for a second pair of eyes (issue 17). Pure: the caller gives the old
// and new values and the document's header; the thresholds are settings an admin changes.
//
// - an indicator figure: the change to the national total it feeds is at most |new − old|;
//   above `indicatorDelta` it waits;
// - a header field printed in, or placing a document in, Phụ lục I/II (province, category,
//   number, date) of a document that has a province: the rows it touches (the old and the new
//   province's rows for a move, else the one row) above `appendixRows` wait;
// - rejecting a document that marks a province in Phụ lục I/II always waits.
import type { PendingWhy } from './approvals.repository.js';

export interface ApprovalThresholds {
  /** largest change of one figure (in its unit) applied without approval */
  indicatorDelta: number;
  /** most Phụ lục rows one correction may touch without approval (0: every such correction waits) */
  appendixRows: number;
}

export const DEFAULT_THRESHOLDS: ApprovalThresholds = { indicatorDelta: 100, appendixRows: 0 };

export interface ApprovalNeed { why: PendingWhy; amount: number }

interface Header { status: string; category: string | null; province_code: string | null }

const APPENDIX_CATEGORIES = new Set(['report', 'programme']);
const APPENDIX_FIELDS = new Set(['province', 'category', 'docNumber', 'issueDate']);

const provinceCode = (v: unknown): string | null => (v && typeof v === 'object' && 'code' in v ? String((v as { code: unknown }).code) : null);

export function correctionNeedsApproval(target: 'field' | 'indicator', name: string, oldValue: unknown, newValue: unknown,
  header: Header, t: ApprovalThresholds): ApprovalNeed | null {
  if (target === 'indicator') {
    const amount = Math.abs(Number(newValue ?? 0) - Number(oldValue ?? 0));
    return amount > t.indicatorDelta ? { why: 'indicator_delta', amount } : null;
  }
  if (!APPENDIX_FIELDS.has(name) || JSON.stringify(oldValue ?? null) === JSON.stringify(newValue ?? null)) return null;
  let rows = 0;
  if (name === 'province') {
    const inAppendix = header.category == null || APPENDIX_CATEGORIES.has(header.category);
    rows = inAppendix ? new Set([provinceCode(oldValue), provinceCode(newValue)].filter(Boolean)).size : 0;
  } else if (name === 'category') {
    // moving between report / programme / other moves the document between the two tables
    const moves = [oldValue, newValue].filter((c) => APPENDIX_CATEGORIES.has(String(c))).length;
    rows = header.province_code ? moves : 0;
  } else {
    rows = header.province_code && (header.category == null || APPENDIX_CATEGORIES.has(header.category)) ? 1 : 0;
  }
  return rows > t.appendixRows ? { why: 'appendix_rows', amount: rows } : null;
}

/** Rejecting a document that counts in Phụ lục I/II (it marks its province) always waits. */
export function rejectionNeedsApproval(header: Header): ApprovalNeed | null {
  const counts = !!header.province_code && (header.status === 'accepted' || header.status === 'needs_review')
    && (header.category == null || APPENDIX_CATEGORIES.has(header.category));
  return counts ? { why: 'province_document', amount: 1 } : null;
}

/** Thresholds from stored settings (strings), falling back to the defaults. */
export function thresholdsFrom(get: (key: string) => string | undefined): ApprovalThresholds {
  const num = (k: string, d: number) => {
    const v = Number(get(k));
    return get(k) != null && Number.isFinite(v) && v >= 0 ? v : d;
  };
  return { indicatorDelta: num('approval.indicatorDelta', DEFAULT_THRESHOLDS.indicatorDelta), appendixRows: num('approval.appendixRows', DEFAULT_THRESHOLDS.appendixRows) };
}
