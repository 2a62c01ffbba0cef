// Vietnamese dates: "ngày 29 tháng 6 năm 2023", "29/6/2023", "29-06-2023", "21.12.2021",
// "27 / 10 /2023", ranges "09-10/02/2023". Matching runs on a same-length fold (foldChars) so
// OCR-damaged keywords ("ngảy", "thảng") still match and indices map back to the input.
import type { Finding } from '../model/document.js';
import { foldChars, nfc } from './text-fold.js';

export interface DateResult { iso: string | null; confidence: number; findings: Finding[] }

const pad = (n: number) => String(n).padStart(2, '0');

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** ISO string for a valid day, otherwise a finding saying what is wrong. */
function toIso(d: number, m: number, y: number, raw: string): { iso: string | null; finding?: Finding } {
  if (y < 1900 || y > 2100) {
    return { iso: null, finding: { code: 'date.impossible', message: `Năm ngoài khoảng hợp lệ: "${raw}"` } };
  }
  if (m < 1 || m > 12) {
    return { iso: null, finding: { code: 'date.impossible', message: `Tháng ${m} không tồn tại: "${raw}"` } };
  }
  if (d < 1 || d > daysInMonth(y, m)) {
    return { iso: null, finding: { code: 'date.impossible', message: `Tháng ${m}/${y} không có ngày ${d}: "${raw}"` } };
  }
  return { iso: `${y}-${pad(m)}-${pad(d)}` };
}

// Keyword forms tolerate one damaged vowel ("ngảy" folds to "ngay"; "ngav", "thang" with lost
// diacritics). Numbers allow spaces around separators ("27 / 10 /2023").
const WORDY = String.raw`(?:ng[a-z]y\s*)?(\d{1,2})\s*,?\s*th[a-z]ng\s*(\d{1,2})\s*,?\s*n[a-z]m\s*(\d{4})`;
const NUMERIC = String.raw`(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\5\s*(\d{4})`;
const RANGE = String.raw`(\d{1,2})\s*-\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})`;
// Order matters at one position: a full numeric date before a range ("29-06-2023" is no range).
const ANY_DATE = new RegExp(String.raw`(?<![\d.,/])(?:${WORDY}|${NUMERIC}|${RANGE})(?![\d])`, 'g');

interface RawDate { d: number; m: number; y: number; raw: string; index: number; wordy: boolean; end: number }

function scan(text: string): RawDate[] {
  const src = nfc(text);
  const folded = foldChars(src);
  const out: RawDate[] = [];
  for (const mt of folded.matchAll(ANY_DATE)) {
    const index = mt.index ?? 0;
    const raw = src.slice(index, index + mt[0].length);
    const end = index + mt[0].length;
    if (mt[1] !== undefined) {
      out.push({ d: +mt[1], m: +mt[2], y: +mt[3], raw, index, wordy: true, end });
    } else if (mt[4] !== undefined) {
      out.push({ d: +mt[4], m: +mt[6], y: +mt[7], raw, index, wordy: false, end });
    } else {
      // a range "09-10/02/2023": both ends share month and year
      out.push({ d: +mt[8], m: +mt[10], y: +mt[11], raw, index, wordy: false, end });
      out.push({ d: +mt[9], m: +mt[10], y: +mt[11], raw, index, wordy: false, end });
    }
  }
  return out;
}

/** True when the keywords were printed as expected; OCR variants lower the confidence. */
function cleanKeywords(raw: string): boolean {
  const lower = raw.toLowerCase();
  if (![...lower].some((c) => c.charCodeAt(0) > 0x7f)) return true; // typed without accents: nothing was damaged
  return (!/ng\S*y/.test(lower) || lower.includes('ngày')) && lower.includes('tháng') && lower.includes('năm');
}

export function parseVnDate(text: string): DateResult {
  const found = scan(text);
  if (found.length === 0) {
    return { iso: null, confidence: 0, findings: [{ code: 'date.not_found', message: `Không tìm thấy ngày tháng trong "${text.trim()}"` }] };
  }
  const first = found[0];
  const { iso, finding } = toIso(first.d, first.m, first.y, first.raw);
  const findings: Finding[] = finding ? [finding] : [];
  if (!iso) return { iso: null, confidence: 0, findings };
  let confidence = 1;
  if (first.wordy && !cleanKeywords(first.raw)) {
    confidence = 0.9;
    findings.push({ code: 'date.ocr_keyword', message: `Từ khóa ngày tháng bị nhận dạng sai, đã đọc là ${iso}: "${first.raw}"` });
  }
  return { iso, confidence, findings };
}

export interface PlaceDate { place: string | null; iso: string | null; confidence: number; findings: Finding[] }

/** "Hà Giang, ngày 29 tháng 6 năm 2023" → place "Hà Giang", iso "2023-06-29". */
export function parsePlaceDateLine(line: string): PlaceDate {
  const src = nfc(line).replace(/\*+/g, '').trim();
  const found = scan(src);
  if (found.length === 0) {
    return { place: null, iso: null, confidence: 0, findings: [{ code: 'date.not_found', message: `Dòng địa danh, ngày tháng không có ngày: "${src}"` }] };
  }
  const date = parseVnDate(src.slice(found[0].index));
  const findings = [...date.findings];
  // The place is what precedes the date, minus "ngày"-like keyword and the comma.
  let head = src.slice(0, found[0].index);
  const folded = foldChars(head);
  const kw = /ng[a-z]y\s*$/.exec(folded);
  if (kw) head = head.slice(0, kw.index);
  head = head.trim();
  let confidence = date.confidence;
  if (head && !head.endsWith(',')) {
    confidence *= 0.95;
    findings.push({ code: 'date.place_no_comma', severity: 'info', message: `Thiếu dấu phẩy giữa địa danh và ngày tháng: "${src}"` });
  }
  const place = head.replace(/[,;:\s]+$/, '').trim() || null;
  // A line that is the date and nothing else ("ngày 05 tháng 9 năm 2025", printed without a place
  // under the Quốc hiệu) is a date line by its form; a date with no place amid other words is less sure.
  const dateOnly = /^ng[a-z]y\s*\d{1,2}\s*th[a-z]ng\s*\d{1,2}\s*n[a-z]m\s*\d{4}\s*\.?$/.test(foldChars(src).toLowerCase());
  if (!place && !dateOnly) confidence *= 0.8;
  return { place, iso: date.iso, confidence, findings };
}

/** Every valid date in a line of prose or a table cell; a range yields both ends. */
export function findDates(text: string): { iso: string; raw: string; index: number }[] {
  const out: { iso: string; raw: string; index: number }[] = [];
  for (const r of scan(text)) {
    const { iso } = toIso(r.d, r.m, r.y, r.raw);
    if (iso) out.push({ iso, raw: r.raw, index: r.index });
  }
  return out;
}
