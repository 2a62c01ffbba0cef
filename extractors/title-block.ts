// The type name ("BÁO CÁO", "CHƯƠNG TRÌNH PHỐI HỢP") and the title (trích yếu) of a document,
// found from several cues together rather than one spacing rule: the words themselves
// (a known type name, also letter-spaced or followed by the title on the same line), casing,
// weight, font size, centring, and the order of parts fixed by Nghị định 30/2020 (the type
// name comes after the number and date lines, the body after the title).
import { LevenshteinDistance } from 'natural/lib/natural/distance/index.js';
import type { TextLine } from '../model/document.js';
import { foldVietnamese } from './text-fold.js';

/** Type names of Vietnamese administrative documents (folded), longest first, with their symbol codes. */
export const TYPE_NAMES: readonly { name: string; label: string; codes: readonly string[] }[] = [
  { name: 'chuong trinh phoi hop', label: 'CHƯƠNG TRÌNH PHỐI HỢP', codes: ['CTrPH', 'CTPH', 'CTr'] },
  { name: 'ke hoach phoi hop', label: 'KẾ HOẠCH PHỐI HỢP', codes: ['KHPH', 'KH'] },
  { name: 'quy che phoi hop', label: 'QUY CHẾ PHỐI HỢP', codes: ['QCPH', 'QC'] },
  { name: 'nghi quyet lien tich', label: 'NGHỊ QUYẾT LIÊN TỊCH', codes: ['NQLT'] },
  { name: 'thong tu lien tich', label: 'THÔNG TƯ LIÊN TỊCH', codes: ['TTLT'] },
  { name: 'chuong trinh', label: 'CHƯƠNG TRÌNH', codes: ['CTr', 'CT'] },
  { name: 'ke hoach', label: 'KẾ HOẠCH', codes: ['KH'] },
  { name: 'quy che', label: 'QUY CHẾ', codes: ['QC'] },
  { name: 'bao cao', label: 'BÁO CÁO', codes: ['BC'] },
  { name: 'quyet dinh', label: 'QUYẾT ĐỊNH', codes: ['QĐ'] },
  { name: 'to trinh', label: 'TỜ TRÌNH', codes: ['TTr'] },
  { name: 'thong bao', label: 'THÔNG BÁO', codes: ['TB'] },
  { name: 'nghi quyet', label: 'NGHỊ QUYẾT', codes: ['NQ'] },
  { name: 'huong dan', label: 'HƯỚNG DẪN', codes: ['HD'] },
  { name: 'thong tu', label: 'THÔNG TƯ', codes: ['TT'] },
  { name: 'nghi dinh', label: 'NGHỊ ĐỊNH', codes: ['NĐ'] },
  { name: 'cong dien', label: 'CÔNG ĐIỆN', codes: ['CĐ'] },
  { name: 'chi thi', label: 'CHỈ THỊ', codes: ['CT'] },
  { name: 'quy dinh', label: 'QUY ĐỊNH', codes: ['QyĐ', 'QĐ'] },
  { name: 'de an', label: 'ĐỀ ÁN', codes: ['ĐA'] },
  { name: 'phuong an', label: 'PHƯƠNG ÁN', codes: ['PA'] },
  { name: 'du an', label: 'DỰ ÁN', codes: ['DA'] },
  { name: 'bien ban', label: 'BIÊN BẢN', codes: ['BB'] },
  { name: 'giay moi', label: 'GIẤY MỜI', codes: ['GM'] },
  { name: 'van ban hop nhat', label: 'VĂN BẢN HỢP NHẤT', codes: ['VBHN'] },
];

const letters = (s: string) => foldVietnamese(s).replace(/[^a-z ]/g, ' ').replace(/\s+/g, ' ').trim();

export interface TypeMatch {
  /** the type name as printed (letters re-spaced when the line was letter-spaced) */
  typeText: string;
  folded: string;
  /** the rest of the line after the type name ("KẾT QUẢ THỰC HIỆN ..."), or '' */
  rest: string;
}

/**
 * Does a line start with a type name? Exact ("BÁO CÁO"), letter-spaced ("B Á O  C Á O"),
 * OCR-glued ("BÁOCÁO"), or followed by the title on the same line ("BÁO CÁO KẾT QUẢ ...").
 */
export function matchTypeName(text: string): TypeMatch | null {
  const l = letters(text);
  const d = l.replace(/ /g, '');
  const exact = matchExact(text, l, d);
  if (exact) return exact;
  // OCR slips one letter in a line of capitals ("CHUƯƠNG TRÌNH PHỐI HỢP"): a long name within one edit
  if (/\p{L}/u.test(text) && text === text.toUpperCase()) {
    const near = TYPE_NAMES.find((t) => t.name.length >= 12 && LevenshteinDistance(d, t.name.replace(/ /g, '')) <= 1);
    if (near) return { typeText: near.label, folded: near.name, rest: '' };
  }
  return null;
}

function matchExact(text: string, l: string, d: string): TypeMatch | null {
  for (const t of TYPE_NAMES) {
    const tn = t.name.replace(/ /g, '');
    if (d === tn) return { typeText: l === t.name ? printedPrefix(text) : t.label, folded: t.name, rest: '' };
    if (l === t.name || l.startsWith(`${t.name} `)) {
      const words = t.name.split(' ').length;
      const printed = text.trim().split(/\s+/);
      const restWords = printed.slice(words).join(' ').replace(/^[\s:–—-]+/, '');
      return { typeText: printed.slice(0, words).join(' '), folded: t.name, rest: restWords };
    }
  }
  return null;
}

/** The printed type name: the first n words, or the whole line re-spaced when it was letter-spaced. */
function printedPrefix(text: string): string {
  const t = text.trim();
  return t.replace(/\s+/g, ' ');
}

/** Body openings that end a title (the truth's rule and Nghị định 30's order of parts). */
const BODY_START = /^(can cu|kinh gui|dieu \d|[ivx]+\s*[.)-]\s|\d+\s*[.)]\s|phan (i|1|mot|thu)\b|ngay \d+ thang|nguyen tac)/;
/** Openings that begin a body paragraph, or a title ("Thực hiện Chương trình ..."): only a stop when not centred. */
const WEAK_BODY_START = /^(thuc hien|trong |theo |sau khi|nham |de |tiep tuc|nhu |qua )/;
/** An issuing-authority line ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ...") between the title and the body. */
const AUTHORITY = /^(chu tich|bo truong|thu truong|thu tuong|giam doc|uy ban nhan dan|hoi dong nhan dan|ban thuong truc|truong ban|cuc truong|tong cuc truong|chanh van phong|ban chap hanh|chinh phu$|quoc hoi$|uy ban thuong vu quoc hoi$)/;
/** A rule or ornament under the title: "-----", "___", "-----oOo-----", "* * *". */
const SEPARATOR = /^[\s\-_—–=*.~]*(?:o\s*[0O]\s*o)?[\s\-_—–=*.~]*$/;

export interface LineGeometry { mid: number; blockWidth: number; bodySize: number; left: number; right: number }

export function isCentred(l: TextLine, g: LineGeometry): boolean {
  return aroundMiddle(l, g) && l.box.w < g.blockWidth * 0.93 && !isJustified(l, g);
}

/** The line's centre is the text block's middle. */
const aroundMiddle = (l: TextLine, g: LineGeometry) => Math.abs(l.box.x + l.box.w / 2 - g.mid) < Math.max(8, g.blockWidth * 0.035);

/** A body line: reaches the right edge of the text block from the left edge or a paragraph indent. */
export function isJustified(l: TextLine, g: LineGeometry): boolean {
  return l.box.x + l.box.w > g.right - 3 && l.box.x - g.left < g.blockWidth * 0.12 && l.box.w > g.blockWidth * 0.75;
}

const isUpper = (s: string) => /\p{L}/u.test(s) && s === s.toUpperCase();
const isBold = (l: TextLine) => l.items.length > 0 && l.items.every((i) => i.bold);
const isItalic = (l: TextLine) => l.items.length > 0 && l.items.every((i) => i.italic);

/**
 * Score of a line as the document's type-name line: the words must match; casing, weight,
 * size and centring add evidence. A body sentence that starts with "Báo cáo ..." is a wide,
 * sentence-case, left-aligned line: it scores too low.
 */
export function typeLineScore(l: TextLine, m: TypeMatch, g: LineGeometry, firstAfterHeader = false): number {
  let s = firstAfterHeader ? 2 : 0; // Nghị định 30's order: the type name is the first part after the number and date
  if (firstAfterHeader && !isJustified(l, g) && l.box.w < g.blockWidth * 0.8) s += 1; // a short line of its own, not a paragraph
  const printedType = m.typeText;
  if (isUpper(printedType)) s += 2;
  // Word/Excel: a lower-case word in a table cell ("chương trình" as a unit) is a cell, not a type name
  else if (l.items.some((i) => i.origin?.kind === 'cell' || i.origin?.kind === 'sheet')) s -= 2;
  if (isBold(l)) s += 1;
  if (l.box.h >= g.bodySize * 1.05) s += 1;
  if (isCentred(l, g)) s += 2;
  if (m.rest === '') s += 1; // a line of its own
  else if (!isUpper(m.rest) && !firstAfterHeader) s -= 1; // "Báo cáo kết quả ..." in sentence case mid-page: body-like
  if (l.box.w > g.blockWidth * 0.93 && !isUpper(l.text)) s -= 3;
  if (/[.;]$/.test(l.text.trim()) && m.rest) s -= 1;
  return s;
}

export const TYPE_LINE_MIN_SCORE = 3;

export interface TitleBlock {
  typeLine: TextLine | null;
  typeMatch: TypeMatch | null;
  titleLines: TextLine[];
  /** the title's first part when it shares the type line ("KẾT QUẢ ..." after "BÁO CÁO") */
  titleHead: string;
}

/** Title lines after a start line: title-like, close together, stopped by the body or a rule. */
export function collectTitleLines(after: TextLine[], startBottom: number, g: LineGeometry, anchor: TextLine | null = null, started = false, max = 40): TextLine[] {
  const out: TextLine[] = [];
  // `started`: the title's first words share the type-name line ("QUYẾT ĐỊNH BÃI BỎ ...")
  const inTitle = () => started || out.length > 0;
  let prevBottom = startBottom;
  let refGap: number | null = null;
  for (const [i, l] of after.entries()) {
    const t = l.text.trim();
    const f = foldVietnamese(t);
    const centred = isCentred(l, g) || opensCentredLine(after, i, g);
    if (SEPARATOR.test(t) || (BODY_START.test(f) && !(inTitle() && isUpper(t)))) break;
    const gap = l.box.y - prevBottom;
    // A note in brackets or italics under the title ends it ("(Kèm theo ...)"); an upper-case
    // "(ĐỢT 3 NĂM 2025)" continues it. The issuing-authority line ("CHỦ TỊCH ỦY BAN NHÂN DÂN
    // TỈNH ...") stands apart after a wider gap; "CỦA ỦY BAN NHÂN DÂN ..." inside a title does not.
    if (inTitle() && ((/^\(/.test(t) && !isUpper(t)) || isItalic(l))) break;
    const dangling = /(\b(cua|va|ve|cho|tai|theo|tren|voi|tu|den|thuoc|ban hanh kem theo)|[,;/-])$/.test(foldVietnamese(out.at(-1)?.text.trim() ?? ''));
    if (inTitle() && !dangling && AUTHORITY.test(f) && isUpper(t) && gap > (refGap ?? 0) * 1.5 + 2) break;
    if (gap > l.box.h * (out.length ? 1.6 : 5)) break;
    // Title lines follow each other evenly; the body starts after a visibly wider gap.
    // OCR line boxes overlap (a negative gap): the rule is measured from no gap, never tighter
    if (refGap !== null && gap > Math.max(refGap, 0) * 2 + 4) break;
    if (out.length > 0) refGap = refGap === null ? gap : Math.min(refGap, gap);
    // Left-aligned titles: aligned with the type-name line above them, or with the title's first line.
    const ref = anchor ?? out[0];
    const aligned = ref !== undefined && Math.abs(l.box.x - ref.box.x) < 3 && !isJustified(l, g) && !isJustified(ref, g);
    // "Thực hiện Công văn số ..." opening the body right under the title; a title's own
    // continuation line starts in lower case ("thực hiện Chương trình ...") or is in capitals.
    if (WEAK_BODY_START.test(f) && !isUpper(t) && ((!centred && !aligned) || (inTitle() && /^\p{Lu}/u.test(t)))) break;
    const titleLike = centred || isUpper(t) || isBold(l) || aligned;
    const bodyLike = (!centred && !aligned && !isUpper(t) && !isBold(l) && l.box.w > g.blockWidth * 0.85) || (isJustified(l, g) && !isUpper(t) && !centred);
    if (!titleLike || bodyLike) break;
    out.push(l);
    prevBottom = l.box.y + l.box.h;
    if (out.length >= max) break;
  }
  return out;
}

/**
 * A centred paragraph's full line: it (nearly) fills the width around the middle (a body
 * paragraph opens indented, so its long lines sit off the middle) and the next line, close
 * under it, is centred. Word centres a long title this way; without the font weight (pdfjs
 * does not give it) it looks like body text.
 */
function opensCentredLine(lines: TextLine[], i: number, g: LineGeometry): boolean {
  const middled = (l: TextLine) => aroundMiddle(l, g) && l.box.w > g.blockWidth * 0.85;
  // wide middled lines one under the other, ending in a narrower centred one
  for (let j = i; j + 1 < lines.length && middled(lines[j]); j++) {
    const next = lines[j + 1];
    if (next.box.y - (lines[j].box.y + lines[j].box.h) >= lines[j].box.h * 0.8) return false;
    if (isCentred(next, g)) return true;
  }
  return false;
}

/** Joins title lines with single spaces, except after a line that breaks inside a symbol ("109/" + "CTr-..."). */
export function joinTitle(parts: string[]): string {
  let out = '';
  for (const raw of parts) {
    const p = raw.replace(/\s+/g, ' ').trim();
    if (!p) continue;
    out = out === '' ? p : /(\/|\S-)$/.test(out) ? out + p : `${out} ${p}`;
  }
  return out;
}
