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
export const TITLE_CORRECTED = 'title.ocr_corrected';
export const ISSUER_CORRECTED = 'issuer.ocr_corrected';

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
    // the fixed spelling first: the body may misread the pair the same way, or both ways
    const lex = ADMIN_PAIRS.get(folded);
    const there = lex && !lex.has(exact) ? lex : seen?.pairs.get(folded);
    if (there && !there.has(exact)) out.push(`"${pair.map((x) => x.str).join(' ')}" / "${[...there][0]}"${there === lex ? ' (cách viết quen dùng)' : ''}`);
  }
  return out;
}

/** A word neither all capitals, all small letters, nor capitalised ("vỀ", "PHáT"): a misread. */
function mixedCase(str: string): boolean {
  const core = str.normalize('NFC').replace(/[^\p{L}]/gu, '');
  if (core.length < 2) return false;
  const up = core.toLocaleUpperCase('vi'), low = core.toLocaleLowerCase('vi');
  return core !== up && core !== low && core !== up.charAt(0) + low.slice(1);
}

/** Letters whose small and capital shapes differ only in size: OCR reads "VỀ" as "vỀ" in a line of capitals. */
const SAME_SHAPE = /^[cosvwxzCOSVWXZ]$/;

/**
 * In a title of capitals, a word whose only small letters are ones shaped like their capitals
 * ("vỀ", "sở"?) is put in capitals: tesseract tells v from V by size alone. Other mixed words
 * stay (and are doubted by wordDoubts).
 */
export function capitalsLikeNeighbours<T extends Word>(words: readonly T[]): T[] {
  const lettered = words.filter((w) => /\p{L}{2,}/u.test(w.str));
  const caps = lettered.filter((w) => w.str === w.str.toLocaleUpperCase('vi')).length;
  if (lettered.length < 3 || caps < lettered.length * 0.8) return [...words];
  return words.map((w) => {
    if (judgeWord(w.str) !== 'syllable') return w; // "V/v" stays as printed
    const smalls = [...w.str.normalize('NFC')].filter((c) => c !== c.toLocaleUpperCase('vi'));
    return smalls.length && smalls.every((c) => SAME_SHAPE.test(c)) ? { ...w, str: w.str.toLocaleUpperCase('vi') } : w;
  });
}

/**
 * The title's words with a tone misread put right from the document itself: a pair the title
 * leaves in doubt (a word under the floor, or a spelling ADMIN_PAIRS excludes) whose letters
 * without marks match a pair the body reads well, in one spelling only ("THẤM QUYỀN" / "thẩm
 * quyền"), takes that spelling, and its words count as read well (the body vouches for them).
 * Case and the punctuation around a word are kept. A word two such pairs would spell
 * differently is left.
 */
export function correctFromElsewhere<T extends Word>(words: readonly T[], seen: Elsewhere | null, floor = OCR_CLAIM_FLOOR): { words: T[]; changed: { from: string; to: string }[] } {
  const spelling = new Map<number, string>();
  const clash = new Set<number>();
  if (seen) {
    for (let i = 0; i + 1 < words.length; i++) {
      const pair = words.slice(i, i + 2);
      if (!pair.every((x) => judgeWord(x.str) === 'syllable')) continue;
      if (pair.some((x) => mixedCase(x.str))) continue; // a case misread stays doubted
      const exact = pair.map((x) => key(x.str)).join(' ');
      const folded = foldVietnamese(exact);
      const there = seen.pairs.get(folded);
      if (there?.size !== 1 || there.has(exact)) continue;
      const to = [...there][0];
      const lex = ADMIN_PAIRS.get(folded);
      // never towards a spelling administrative titles do not use (the body misread it alike),
      // nor away from one they do use ("ỦY BAN" / "UỶ BAN"), nor between two placements of one
      // mark ("HÓA" / "HOÁ"): both are the word, printed two ways
      if (lex?.has(to) === false || lex?.has(exact) || sameMarks(exact, to)) continue;
      // only a pair the title itself leaves in doubt: a word read under the floor, or a spelling
      // the fixed pairs exclude; a pair read well stays as read (and doubted: "HẰNG NĂM" where
      // the body prints "hàng năm" may be both words, right)
      if (!(pair.some((x) => x.conf < floor) || lex?.has(exact) === false)) continue;
      to.split(' ').forEach((w, k) => {
        const prior = spelling.get(i + k);
        if (prior !== undefined && prior !== w) clash.add(i + k);
        spelling.set(i + k, w);
      });
    }
  }
  // a change that would make a pair administrative titles spell otherwise ("CẤU TỐ" respelling
  // the "TỔ" of "TỔ CHỨC") is not made
  const spelt = (i: number) => (spelling.has(i) && !clash.has(i) ? spelling.get(i)! : key(words[i]?.str ?? ''));
  for (const i of spelling.keys()) {
    for (const j of [i - 1, i]) {
      if (j < 0 || j + 1 >= words.length) continue;
      const pair = `${spelt(j)} ${spelt(j + 1)}`;
      if (ADMIN_PAIRS.get(foldVietnamese(pair))?.has(pair) === false) clash.add(i);
    }
  }
  const changed: { from: string; to: string }[] = [];
  const out = words.map((w, i) => {
    const to = spelling.get(i);
    if (to === undefined || clash.has(i)) return w;
    const str = respell(w.str, to);
    if (str !== w.str) changed.push({ from: w.str, to: str });
    return { ...w, str, conf: Math.max(w.conf, floor) };
  });
  return { words: out, changed };
}

/** The same letters and the same marks, in other places ("HÓA" / "HOÁ", "THỦY" / "THUỶ"). */
function sameMarks(a: string, b: string): boolean {
  const marks = (s: string) => [...s.normalize('NFD')].filter((c) => /[\u0300-\u036f]/.test(c)).sort().join('');
  return foldVietnamese(a) === foldVietnamese(b) && marks(a) === marks(b);
}

/** `str` with its letters spelt as `upper` (an upper-case spelling), in its own case, punctuation kept. */
function respell(str: string, upper: string): string {
  const m = /^([([{"'“‘«]*)(.*?)([)\]}"'”’».,;:!?…]*)$/su.exec(str.normalize('NFC'));
  if (!m) return str;
  const core = m[2];
  const cased = core === core.toLocaleUpperCase('vi') ? upper
    : core === core.toLocaleLowerCase('vi') ? upper.toLocaleLowerCase('vi')
      : upper.charAt(0) + upper.slice(1).toLocaleLowerCase('vi');
  return `${m[1]}${cased}${m[3]}`;
}

/**
 * Word pairs of Vietnamese administrative titles and names whose letters, without marks, spell
 * nothing else there: a title reading "TRẢ KẾT QUÁ", "CHÍNH PHÙ" or "THẤM QUYỀN" has
 * one tone misread, though tesseract may be sure of it and the body may not print the pair
 * again, or misread it too. "ỦY" and "UỶ" are both in use. Left out: pairs whose letters also
 * make other words of a title ("KHOA HỌC" / "KHÓA HỌC", "TÀI SẢN" / "TÁI SẢN", "MỖI TRƯỜNG").
 */
const ADMIN_PAIRS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  [
    'KẾT QUẢ', 'CHÍNH PHỦ', 'THẨM QUYỀN', 'ỦY BAN|UỶ BAN', 'NHÂN DÂN', 'QUYẾT ĐỊNH', 'THỦ TỤC', 'HÀNH CHÍNH',
    'GIẢI QUYẾT', 'PHÊ DUYỆT', 'THỰC HIỆN', 'KẾ HOẠCH', 'BÁO CÁO', 'CHƯƠNG TRÌNH', 'GIẢM NGHÈO', 'BỀN VỮNG', 'AN SINH',
    'XÃ HỘI', 'LAO ĐỘNG', 'THƯƠNG BINH', 'PHỐI HỢP', 'MỤC TIÊU', 'QUỐC GIA', 'ĐỊA BÀN', 'THÀNH PHỐ', 'LĨNH VỰC',
    'DANH MỤC', 'CÔNG BỐ', 'SỬA ĐỔI', 'BỔ SUNG', 'BAN HÀNH', 'QUY ĐỊNH', 'PHẠM VI', 'CHỨC NĂNG', 'QUẢN LÝ', 'NHÀ NƯỚC',
    'NÔNG NGHIỆP', 'CÔNG NGHỆ', 'TIẾP NHẬN', 'ĐIỆN TỬ', 'NỘI BỘ', 'QUY TRÌNH', 'PHƯƠNG ÁN',
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
  const mixed = words.filter((w) => judgeWord(w.str) === 'syllable' && mixedCase(w.str));
  if (mixed.length) out.push(`chữ hoa, chữ thường lẫn trong một chữ (${mixed.slice(0, 3).map((w) => `"${w.str}"`).join(', ')})`);
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

/** The info finding that says which words of a scanned title or issuer were put right. */
export function correctedFinding(code: typeof TITLE_CORRECTED | typeof ISSUER_CORRECTED, changed: readonly { from: string; to: string }[]): Finding {
  const what = code === TITLE_CORRECTED ? 'Trích yếu đọc từ bản quét đã sửa dấu theo chỗ khác trong văn bản' : 'Tên cơ quan ban hành đọc từ bản quét đã sửa dấu';
  return { code, severity: 'info', message: `${what}: ${changed.slice(0, 4).map((c) => `"${c.from}" → "${c.to}"`).join(', ')}.` };
}

/** The title's finding when its words do not vouch for it (extra: other reasons, e.g. a line under it not taken). */
export function titleClaim(words: readonly Word[], seen: Elsewhere | null = null, extra: string[] = []): Finding | null {
  const reasons = [...wordDoubts(words, seen), ...titleShapeDoubts(words), ...extra];
  return reasons.length ? finding(TITLE_UNCONFIRMED, 'Trích yếu', reasons) : null;
}

/**
 * Words a Vietnamese title never ends on: the first halves of fixed pairs ("MÔI" of "MÔI
 * TRƯỜNG", "BỀN" of "BỀN VỮNG") and joining words. A title ending so lost its last line. (Not
 * "ỦY", "THỦ", "CHƯƠNG", "PHÊ", "BỔ": "TỈNH ỦY", "PHÒNG THỦ", "HUY CHƯƠNG", "CÀ PHÊ", "PHÂN BỔ".)
 */
const DANGLING = new Set(['MÔI', 'BỀN', 'SỬA', 'CỦA', 'VÀ', 'VỀ', 'TẠI', 'TRÊN', 'THUỘC', 'GIAI']);

/** What the title's shape says against it: a quotation mark or bracket left open, a cut last line. */
export function titleShapeDoubts(words: readonly Word[]): string[] {
  const out: string[] = [];
  const text = words.map((w) => w.str).join(' ');
  const quotes = (text.match(/["“”„«»]/g) ?? []).length;
  const open = (text.match(/\(/g) ?? []).length, close = (text.match(/\)/g) ?? []).length;
  if (quotes % 2 === 1 || open !== close) out.push('dấu ngoặc kép hoặc ngoặc đơn không khép');
  const last = words.at(-1);
  if (last && DANGLING.has(key(last.str))) out.push(`trích yếu dừng ở chữ "${last.str}", có thể thiếu dòng cuối`);
  return out;
}

/** The issuer's finding when its words do not vouch for it, or the Quốc hiệu got mixed into it. */
export function issuerClaim(lines: readonly (readonly Word[])[], seen: Elsewhere | null = null): Finding | null {
  const words = lines.flat();
  const reasons = wordDoubts(words, seen);
  if (MOTTO.test(foldVietnamese(words.map((w) => w.str).join(' ')))) reasons.push('lẫn dòng Quốc hiệu, tiêu ngữ');
  // "XÃ HỘI. VIỆT NAM ...": a full stop inside a line joins two blocks read as one line
  if (lines.some((l) => l.slice(0, -1).some((w) => /\.$/.test(w.str)))) reasons.push('một dòng ghép từ hai khối chữ');
  const misspelt = words.filter((w, i) => misspeltOrgWord(w.str, words[i - 1]?.str));
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

/** An issuer word spelt with other marks than the organisation word(s) its letters make ("HÀ TĨNH" is the province). */
export function misspeltOrgWord(str: string, prev = ''): boolean {
  const w = key(str);
  const allowed = ORG_SPELLING.get(foldVietnamese(w));
  return allowed !== undefined && !allowed.includes(w) && !(w === 'TĨNH' && key(prev) === 'HÀ');
}

/**
 * An issuer line's words with a tone misread put right: from the body's one well-read spelling
 * of the same pair (correctFromElsewhere), and "TÍNH", "TINH" before a name to "TỈNH" (an
 * organisation's name has no such word). Put-right words count as read well.
 */
export function correctIssuerWords<T extends Word>(words: readonly T[], seen: Elsewhere | null, floor = OCR_CLAIM_FLOOR): { words: T[]; changed: { from: string; to: string }[] } {
  const fixed = correctFromElsewhere(words, seen, floor);
  const changed = [...fixed.changed];
  const out = fixed.words.map((w, i) => {
    const k = key(w.str);
    // only TÍNH and TINH, never after "HÀ"/"HA" (Hà Tĩnh), never a line's last word (TỈNH is
    // always followed by the province's name; "SƠN TỊNH", "TỊNH BIÊN", "TĨNH GIA" are places)
    if ((k !== 'TÍNH' && k !== 'TINH') || i === fixed.words.length - 1 || foldVietnamese(key(fixed.words[i - 1]?.str ?? '')) === 'ha') return w;
    const str = respell(w.str, 'TỈNH');
    changed.push({ from: w.str, to: str });
    return { ...w, str, conf: Math.max(w.conf, floor) };
  });
  return { words: out, changed };
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
