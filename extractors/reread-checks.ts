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
  const again = rereadDate(issueDate, reread);
  return again === null ? 'none' : again === issueDate.value ? 'agrees' : 'differs';
}

/** The date the re-read gives (ISO), or null when the page read is too poor or the re-read says no date. */
function rereadDate(issueDate: ExtractedField<string>, reread: LineReread | null | undefined): string | null {
  if (!reread || !issueDate.value || issueDate.confidence < REREAD_FLOOR) return null;
  return parseVnDate(reread.text).iso ?? null;
}

/**
 * The issue date after its re-read: agreeing, a fair reading is confirmed (a damaged keyword,
 * "ngảy", says nothing about the digits once they were read twice alike); differing, it keeps
 * its confidence and gets a finding, so it waits for review.
 */
export function confirmIssueDate(issueDate: ExtractedField<string>, reread: LineReread | null | undefined, periodYear: number | null = null): ExtractedField<string> {
  const again = rereadDate(issueDate, reread);
  if (again === null) return issueDate;
  if (again === issueDate.value) return confirmed(issueDate) ?? issueDate;
  if (yearSlipOfReread(issueDate.value!, again, periodYear)) {
    const note: Finding = { code: 'issueDate.reread_year', severity: 'info', message: `Đọc lại được "${reread!.text}": ngày, tháng khớp; năm khác, nhưng năm ${periodYear} của kỳ báo cáo khớp với lần đọc đầu.` };
    return confirmed({ ...issueDate, findings: [...issueDate.findings, note] }) ?? issueDate;
  }
  const finding: Finding = { code: 'issueDate.reread_differs', message: `Đọc lại dòng ngày tháng được "${reread!.text}", khác với ${issueDate.value}.` };
  return { ...issueDate, findings: [...issueDate.findings, finding] };
}

/** A reading confirmed by a second one: a damaged keyword is forgiven, any other finding is not. */
function confirmed(issueDate: ExtractedField<string>): ExtractedField<string> | null {
  const findings = issueDate.findings.filter((f) => f.code !== 'date.ocr_keyword');
  // any other finding (an impossible date, a conflict) still needs a person
  if (findings.some((f) => severityOf(f) !== 'info')) return null;
  return { ...issueDate, confidence: Math.max(issueDate.confidence, REREAD_CONFIRMED), findings };
}

/**
 * Day and month read twice alike, only the year differs, and the page read's year is the year of
 * the reporting period the document itself names ("6 tháng đầu năm 2023"): the re-read slipped on
 * the year (a "3" read as "5" in italic type), the page read stands.
 */
function yearSlipOfReread(page: string, again: string, periodYear: number | null): boolean {
  return periodYear !== null && page.slice(5) === again.slice(5) && page.slice(0, 4) !== again.slice(0, 4) && Number(page.slice(0, 4)) === periodYear;
}

/**
 * The year of a reporting period the text names that ends before the year does ("6 tháng đầu
 * năm 2023", "quý II/2023"): its report is issued in that same year. A year-end period ("6 tháng
 * cuối năm", "quý IV", "năm 2023") is often reported in January of the next, so it says nothing.
 */
export function reportingPeriodYear(text: string): number | null {
  const m = text.normalize('NFC').match(/\d{1,2}\s+tháng\s+đầu\s+năm\s+(\d{4})|quý\s+(?:I{1,3})\s*(?:năm\s*|\/)\s*(\d{4})/i);
  return m ? Number(m[1] ?? m[2]) : null;
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
