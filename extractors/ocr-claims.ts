// Title and issuer of a scanned page are OCR text that no review status holds back (they place
// no document in the national tables, so they have no field of their own in the review queue).
// They are kept only when the evidence says they were read right: every word read with a
// confidence at or above a floor, and every word a Vietnamese syllable, an acronym or a symbol
// (vn-syllable.ts). Otherwise the value is not claimed: null, with a finding that says why.
// A text layer is exact and never goes through here.
import type { Finding, TextItem } from '../model/document.js';
import { judgeWord } from './vn-syllable.js';
import { foldVietnamese } from './text-fold.js';

/**
 * OCR word confidence a title or issuer word needs. Measured on the tune corpora
 * (generated-scanned, realdocs-tune-scanned): misread words (a tone for another, "TÍNH" for
 * "TỈNH") mostly read under it; tesseract gives some at 0.92–0.96, which the other checks or
 * a person must catch.
 */
export const OCR_CLAIM_FLOOR = 0.9;

export const TITLE_UNCONFIRMED = 'title.ocr_unconfirmed';
export const ISSUER_UNCONFIRMED = 'issuer.ocr_unconfirmed';

/** The Quốc hiệu and tiêu ngữ: never part of an issuer's name. */
const MOTTO = /\b(cong hoa xa hoi|chu nghia viet nam|doc lap|tu do|hanh phuc)\b/;

type Word = Pick<TextItem, 'str' | 'conf'>;

const key = (s: string) => s.replace(/^[([{"'“‘«]+|[)\]}"'”’».,;:!?…]+$/gu, '').normalize('NFC').toLocaleUpperCase('vi');

/**
 * The words read well elsewhere in the document (the body cites the issuer and the title's
 * names and symbols again): as single words (symbols) and as runs of three.
 */
export interface Elsewhere {
  singles: Set<string>;
  triples: Set<string>;
  /** two words read well, by their letters without marks → their spellings ("KET QUA" → "KẾT QUẢ") */
  pairs: Map<string, Set<string>>;
}

export function readElsewhere(lines: readonly (readonly Word[])[], floor = OCR_CLAIM_FLOOR): Elsewhere {
  const seen: Elsewhere = { singles: new Set(), triples: new Set(), pairs: new Map() };
  for (const l of lines) {
    l.forEach((w, i) => {
      if (w.conf >= floor) seen.singles.add(key(w.str));
      const run = l.slice(i, i + 3);
      if (run.length === 3 && run.every((x) => x.conf >= floor)) seen.triples.add(run.map((x) => key(x.str)).join(' '));
      const pair = l.slice(i, i + 2);
      if (pair.length === 2 && pair.every((x) => x.conf >= floor && judgeWord(x.str) === 'syllable')) {
        const exact = pair.map((x) => key(x.str)).join(' ');
        const folded = foldVietnamese(exact);
        seen.pairs.set(folded, (seen.pairs.get(folded) ?? new Set()).add(exact));
      }
    });
  }
  return seen;
}

/**
 * Two words spelt otherwise than the document prints them elsewhere, read well there: "KẾT
 * QUÁ" in the title where the body reads "kết quả", "TÍNH ĐỒNG" where it reads "tỉnh Đồng".
 */
function spelledOtherwise(words: readonly Word[], seen: Elsewhere | null): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    const pair = words.slice(i, i + 2);
    if (!pair.every((x) => judgeWord(x.str) === 'syllable')) continue;
    const exact = pair.map((x) => key(x.str)).join(' ');
    const folded = foldVietnamese(exact);
    const there = seen?.pairs.get(folded) ?? ADMIN_PAIRS.get(folded);
    if (there && !there.has(exact)) out.push(`"${pair.map((x) => x.str).join(' ')}" / "${[...there][0]}"`);
  }
  return out;
}

/**
 * Word pairs of Vietnamese administrative titles and names whose letters, without marks, spell
 * nothing else there: a title reading "TRẢ KẾT QUÁ", "CHÍNH PHÙ", "THẤM QUYỀN" or "TÀI SẲN" has
 * one tone misread, though tesseract may be sure of it and the body may not print the pair
 * again. (The document's own well-read spelling, readElsewhere, is asked first.) "ỦY" and "UỶ"
 * are both in use.
 */
const ADMIN_PAIRS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  [
    'KẾT QUẢ', 'CHÍNH PHỦ', 'THẨM QUYỀN', 'TÀI SẢN', 'ỦY BAN|UỶ BAN', 'NHÂN DÂN', 'QUYẾT ĐỊNH', 'THỦ TỤC', 'HÀNH CHÍNH',
    'GIẢI QUYẾT', 'PHÊ DUYỆT', 'THỰC HIỆN', 'KẾ HOẠCH', 'BÁO CÁO', 'CHƯƠNG TRÌNH', 'GIẢM NGHÈO', 'BỀN VỮNG', 'AN SINH',
    'XÃ HỘI', 'LAO ĐỘNG', 'THƯƠNG BINH', 'PHỐI HỢP', 'MỤC TIÊU', 'QUỐC GIA', 'ĐỊA BÀN', 'THÀNH PHỐ', 'LĨNH VỰC',
    'DANH MỤC', 'CÔNG BỐ', 'SỬA ĐỔI', 'BỔ SUNG', 'BAN HÀNH', 'QUY ĐỊNH', 'PHẠM VI', 'CHỨC NĂNG', 'QUẢN LÝ', 'NHÀ NƯỚC',
    'MÔI TRƯỜNG', 'NÔNG NGHIỆP', 'KHOA HỌC', 'CÔNG NGHỆ', 'TIẾP NHẬN', 'ĐIỆN TỬ', 'NỘI BỘ', 'QUY TRÌNH', 'PHƯƠNG ÁN',
    'ĐƠN GIẢN', 'TRIỂN KHAI', 'PHÁT TRIỂN', 'SỞ HỮU', 'XỬ LÝ', 'HƯỚNG DẪN', 'TỔ CHỨC', 'CƠ QUAN', 'ĐƠN VỊ', 'DÂN TỘC',
    'MIỀN NÚI', 'HỘ NGHÈO', 'CẬN NGHÈO', 'VIỆC LÀM', 'ĐÀO TẠO', 'GIÁO DỤC', 'BẢO HIỂM', 'TRẺ EM', 'BÌNH ĐẲNG',
  ].map((p) => {
    const spellings = p.split('|');
    return [foldVietnamese(spellings[0]), new Set(spellings)] as const;
  }),
);

/**
 * A weak word read again, alike, elsewhere in the document: a symbol ("109/CTr-BLĐTBXH-MTTW")
 * read well on its own, or any word read well with both its neighbours around it ("Thương
 * binh và"). A misread seldom makes the very run of words the document prints elsewhere.
 */
function confirmedElsewhere(words: readonly Word[], i: number, seen: Elsewhere | null): boolean {
  if (!seen) return false;
  // a symbol (also the part of one after a line break: "109/" + "CTr-BLĐTBXH-MTTW") read well elsewhere
  const k = key(words[i].str);
  if (judgeWord(words[i].str) === 'symbol' && k.length >= 8 && /\d|\p{L}{2,}.*-/u.test(k) && [...seen.singles].some((x) => x === k || x.endsWith(`/${k}`))) return true;
  const runs = [words.slice(i - 2, i + 1), words.slice(i - 1, i + 2), words.slice(i, i + 3)].filter((r) => r.length === 3);
  return runs.some((r) => seen.triples.has(r.map((x) => key(x.str)).join(' ')));
}

/** Why the words do not vouch for themselves (Vietnamese, for the finding); empty when they do. */
export function wordDoubts(words: readonly Word[], seen: Elsewhere | null = null, floor = OCR_CLAIM_FLOOR): string[] {
  const out: string[] = [];
  const weak = words.filter((w, i) => w.conf < floor && !confirmedElsewhere(words, i, seen));
  if (weak.length) out.push(`chữ đọc kém (${weak.slice(0, 3).map((w) => `"${w.str}" ${Math.round(w.conf * 100)}%`).join(', ')})`);
  const bad = words.filter((w) => judgeWord(w.str) === 'bad');
  if (bad.length) out.push(`chữ không phải âm tiết tiếng Việt (${bad.slice(0, 3).map((w) => `"${w.str}"`).join(', ')})`);
  const other = spelledOtherwise(words, seen);
  if (other.length) out.push(`đọc khác với chỗ khác trong văn bản (${other.slice(0, 2).join(', ')})`);
  const split = splitNumbers(words);
  if (split.length) out.push(`số bị tách hoặc cụt (${split.slice(0, 2).map((s) => `"${s}"`).join(', ')})`);
  return out;
}

/**
 * A number OCR broke or cut, each word read well: "giai đoạn 202 1-2025" (a space read inside
 * a year), "1-2025" (a period whose first year has under four digits). Titles and issuers
 * print whole years and numbers ("2021-2025", "số 109/CTr"); two bare numbers side by side,
 * or a year range with a short first part, is a misread, not a name.
 */
export function splitNumbers(words: readonly Word[]): string[] {
  const out: string[] = [];
  words.forEach((w, i) => {
    const next = words[i + 1]?.str ?? '';
    if (/^\d{1,3}$/.test(w.str) && /^\d/.test(next)) out.push(`${w.str} ${next}`);
    else if (/^\d{1,3}[-–]\d{4}\b/.test(w.str) && !/^\d{1,3}$/.test(words[i - 1]?.str ?? '')) out.push(w.str);
  });
  return out;
}

const finding = (code: string, what: string, reasons: string[]): Finding => ({
  code, severity: 'warning',
  message: `${what} đọc từ bản quét chưa chắc đúng nên không ghi nhận: ${reasons.join('; ')}. Cần người xem lại trên bản quét.`,
});

/** The title's finding when its words do not vouch for it (extra: other reasons, e.g. a line under it not taken). */
export function titleClaim(words: readonly Word[], seen: Elsewhere | null = null, extra: string[] = []): Finding | null {
  const reasons = [...wordDoubts(words, seen), ...extra];
  return reasons.length ? finding(TITLE_UNCONFIRMED, 'Trích yếu', reasons) : null;
}

/** The issuer's finding when its words do not vouch for it, or the Quốc hiệu got mixed into it. */
export function issuerClaim(lines: readonly (readonly Word[])[], seen: Elsewhere | null = null): Finding | null {
  const words = lines.flat();
  const reasons = wordDoubts(words, seen);
  if (MOTTO.test(foldVietnamese(words.map((w) => w.str).join(' ')))) reasons.push('lẫn dòng Quốc hiệu, tiêu ngữ');
  // "XÃ HỘI. VIỆT NAM ...": a full stop inside a line joins two blocks read as one line
  if (lines.some((l) => l.slice(0, -1).some((w) => /\.$/.test(w.str)))) reasons.push('một dòng ghép từ hai khối chữ');
  const misspelt = words.filter((w) => misspeltOrgWord(w.str));
  if (misspelt.length) reasons.push(`chữ sai dấu so với tên cơ quan (${misspelt.slice(0, 3).map((w) => `"${w.str}"`).join(', ')})`);
  return reasons.length ? finding(ISSUER_UNCONFIRMED, 'Tên cơ quan ban hành', reasons) : null;
}

/**
 * Words of Vietnamese organisation names whose letters, without marks, spell only that one
 * word in such names: an issuer's "TÍNH", "TINH" is "TỈNH" misread, "SƠ" is "SỞ", "PHỔ" is
 * "PHỐ" ("THÀNH PHỐ"). (A word like "THANH" is left out: "THANH HÓA", "THANH NIÊN" are names.)
 */
const ORG_WORDS = ['TỈNH', 'PHỐ', 'SỞ', 'TRỰC', 'ỦY', 'DÂN', 'NHÂN', 'MẶT', 'QUỐC', 'THUẾ', 'CỤC', 'BỘ', 'HỘI', 'CHỦ', 'TỊCH', 'HUYỆN', 'QUẬN|QUAN', 'NGHIỆP', 'CHÍNH', 'VIỆT', 'TẾ', 'NỘI', 'HẢI|HAI'];
const ORG_SPELLING = new Map(ORG_WORDS.map((w) => [foldVietnamese(w.split('|')[0]), w.split('|')]));

/** An issuer word spelt with other marks than the organisation word(s) its letters make. */
export function misspeltOrgWord(str: string): boolean {
  const w = key(str);
  const allowed = ORG_SPELLING.get(foldVietnamese(w));
  return allowed !== undefined && !allowed.includes(w);
}

/**
 * OCR specks in an issuer line: a word with neither letter nor digit ("„.", "`") is a mark on
 * the paper, not part of a name (a dash between words stays), and a full stop after the last
 * word is never part of an issuer's name.
 */
export function cleanIssuerWords<T extends Pick<TextItem, 'str'>>(words: readonly T[]): T[] {
  const kept = words.filter((w) => /[\p{L}\d]/u.test(w.str) || /^[-–]$/.test(w.str.trim()));
  const last = kept.at(-1);
  if (!last || !/[.,;:„`']+$/u.test(last.str)) return kept;
  return [...kept.slice(0, -1), { ...last, str: last.str.replace(/[.,;:„`']+$/u, '') }];
}
