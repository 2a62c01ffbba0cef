// Verdicts of the targeted OCR re-reads (extractors/ocr/ocr-page.ts): a crop read again at a
// higher resolution, alone on its line, with only the characters the value may hold. Reading
// the same thing twice in two different ways confirms it; reading two different things means
// one of them is wrong, and the value goes to review with a finding that shows both.
//  - the date line ("ngày 29 tháng 6 năm 2023") against the issue date read from the page;
//  - each doubtful figure token ("20.761.960") against the page read of that token.
// (The "Số:" line's verdict lives in cross-checks.ts, next to the other checks of the symbol.)
import type { ExtractedField, Finding } from '../model/document.js';
import type { LineReread, TokenReread } from '../model/ocr.js';
import { severityOf } from '../model/findings.js';
import { parseVnDate } from './vn-date.js';

/** Confidence of a value the re-read agrees with (as cross-checks.ts CONFIRMED). */
export const REREAD_CONFIRMED = 0.95;
/** Below this own confidence a reading is too poor for a second read to lift it. */
export const REREAD_FLOOR = 0.5;

/** The date re-read against the page read: 'agrees', 'differs', or 'none' when either says nothing. */
export function dateRereadVerdict(issueDate: ExtractedField<string>, reread: LineReread | null | undefined): 'agrees' | 'differs' | 'none' {
  if (!reread || !issueDate.value || issueDate.confidence < REREAD_FLOOR) return 'none';
  const again = parseVnDate(reread.text);
  if (!again.iso) return 'none';
  return again.iso === issueDate.value ? 'agrees' : 'differs';
}

/**
 * The issue date after its re-read: agreeing, a fair reading is confirmed (a damaged keyword,
 * "ngảy", says nothing about the digits once they were read twice alike); differing, it keeps
 * its confidence and gets a finding, so it waits for review.
 */
export function confirmIssueDate(issueDate: ExtractedField<string>, reread: LineReread | null | undefined): ExtractedField<string> {
  const v = dateRereadVerdict(issueDate, reread);
  if (v === 'differs') {
    const finding: Finding = { code: 'issueDate.reread_differs', message: `Đọc lại dòng ngày tháng được "${reread!.text}", khác với ${issueDate.value}.` };
    return { ...issueDate, findings: [...issueDate.findings, finding] };
  }
  if (v !== 'agrees') return issueDate;
  const findings = issueDate.findings.filter((f) => f.code !== 'date.ocr_keyword');
  // any other finding (an impossible date, a conflict) still needs a person
  if (findings.some((f) => severityOf(f) !== 'info')) return issueDate;
  return { ...issueDate, confidence: Math.max(issueDate.confidence, REREAD_CONFIRMED), findings };
}

/** The figure a token holds, as characters that matter: digits and separators, trailing punctuation dropped. */
export function figureKey(text: string): string | null {
  const t = text.trim().replace(/^[([]/, '').replace(/[)\].,;:]+$/, '');
  return /^\d[\d.,]*%?$/.test(t) && (t.match(/\d/g) ?? []).length >= 2 ? t : null;
}

/** Page-read figure token worth a second read: only digits and separators, two digits or more. */
export const isFigureToken = (text: string): boolean => figureKey(text) !== null;

/**
 * A doubtful figure token's confidence after its re-read: the same figure confirms it, another
 * figure caps it under any threshold (the value it feeds then goes to review), no figure in the
 * re-read leaves it as it was.
 */
export function tokenConfidenceAfterReread(r: TokenReread): number {
  const page = figureKey(r.text);
  const again = figureKey(r.reread);
  if (!page || !again || r.conf < REREAD_FLOOR) return r.conf;
  return page === again ? Math.max(r.conf, REREAD_CONFIRMED) : Math.min(r.conf, REREAD_FLOOR);
}
