// One real document in one layout → a born-digital PDF (pdfkit), byte-deterministic.
// Header as the layout says, then the type name and title, then the body's first page or two.
import PDFDocument from 'pdfkit';
import { registerFamily, type FontStyle } from './fonts.js';
import type { Layout } from './layouts.js';
import type { Paragraph, RealDocContent } from './markdown.js';
import { centredRule, finishPdf, fitLine, type Align } from '../generator/draw.js';

type Doc = PDFKit.PDFDocument;

export interface RenderOptions {
  /** the body stops before it would open a page after this one */
  maxPages?: number;
}

const styleOf = (bold: boolean, italic: boolean): FontStyle => (bold ? (italic ? 'BI' : 'B') : italic ? 'I' : 'R');

class Page {
  readonly doc: Doc;
  readonly L: number;
  readonly W: number;
  readonly maxY: number;
  page = 1;

  constructor(readonly c: RealDocContent, readonly s: Layout) {
    this.doc = new PDFDocument({
      size: s.page ?? 'A4', margins: s.margins, compress: true, lang: 'vi-VN',
      // fixed dates: pdfkit hashes the info dictionary into the file ID
      info: { CreationDate: new Date(Date.UTC(2025, 11, 1)), ModDate: new Date(Date.UTC(2025, 11, 1)), Producer: 'tonghop realdocs (pdfkit)', Creator: 'tonghop realdocs' },
    });
    registerFamily(this.doc, s.font);
    this.doc.on('pageAdded', () => { this.page += 1; });
    this.L = s.margins.left;
    this.W = this.doc.page.width - s.margins.left - s.margins.right;
    this.maxY = this.doc.page.height - s.margins.bottom;
  }

  /** One line in [x, x+w], shrunk until it fits; returns the next y and the printed width. */
  line(text: string, font: FontStyle, size: number, x: number, y: number, w: number, align: Align = 'center', spacing = 0): { y: number; width: number } {
    return fitLine(this.doc, text, font, size, x, y, w, align, spacing);
  }

  /** Text wrapped to [x, x+w]; returns the next y. */
  wrapped(text: string, font: FontStyle, size: number, x: number, y: number, w: number, align: Align = 'center'): number {
    this.doc.font(font).fontSize(size).text(text, x, y, { width: w, align, lineGap: 0 });
    return this.doc.y;
  }

  rule(cx: number, y: number, width: number): void {
    centredRule(this.doc, cx, y, width);
  }

  finish(): Promise<Buffer> {
    return finishPdf(this.doc);
  }
}

/**
 * Issuer lines as printed, with long ones broken inside the name when the layout says so
 * ("SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG" → "SỞ NÔNG NGHIỆP VÀ" / "MÔI TRƯỜNG"), as narrow columns do.
 */
export function splitIssuerLines(lines: { text: string; bold: boolean }[], split: boolean): { text: string; bold: boolean }[] {
  if (!split) return lines;
  return lines.flatMap((l) => {
    const words = l.text.split(/\s+/);
    if (words.length < 4) return [l];
    const at = Math.ceil(words.length * 0.6);
    return [{ ...l, text: words.slice(0, at).join(' ') }, { ...l, text: words.slice(at).join(' ') }];
  });
}

/** The issuer block in [x, x+w]; returns the y under it (and its rule). */
function issuerBlock(p: Page, x: number, y: number, w: number): number {
  const { s, c } = p;
  const hs = s.headerSize;
  const align = s.issuerAlign ?? 'center';
  let yy = y;
  let last = 0;
  const oneLine = c.issuer.map((l) => l.text).join(' ');
  p.doc.font('B').fontSize(hs);
  // "one-line" only where it stays legible; a very long name wraps instead
  const mode = s.issuerLines === 'one-line' && p.doc.widthOfString(oneLine) * 0.8 > w ? 'rewrapped' : s.issuerLines;
  if (mode === 'one-line') ({ y: yy, width: last } = p.line(oneLine, 'B', hs, x, yy, w, align));
  else if (mode === 'rewrapped') {
    yy = p.wrapped(oneLine, 'B', hs, x, yy, w, align);
    last = Math.min(w, p.doc.widthOfString(oneLine));
  } else {
    for (const l of splitIssuerLines(c.issuer, s.issuerSplit === true)) ({ y: yy, width: last } = p.line(l.text, l.bold ? 'B' : 'R', hs, x, yy, w, align));
  }
  const cx = align === 'left' ? x + last / 2 : x + w / 2;
  if (s.issuerRule === 'short') p.rule(cx, yy + 1, Math.max(40, last * 0.4));
  if (s.issuerRule === 'underline') p.rule(cx, yy + 1, last);
  return yy + (s.issuerRule === 'none' ? 2 : 5);
}

function motto(p: Page, x: number, y: number, w: number, align: Align = 'center'): number {
  const hs = p.s.headerSize;
  let y0 = y;
  if (p.s.partyLine) {
    const r = p.line('ĐẢNG CỘNG SẢN VIỆT NAM', 'B', hs + 0.5, x, y0, w, align);
    p.rule(align === 'right' ? x + w - r.width / 2 : x + w / 2, r.y + 1, r.width);
    if (p.s.partyLine === 'replace') return r.y + 6;
    y0 = r.y + 4;
  }
  const yy = p.line('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'B', hs, x, y0, w, align).y;
  const r = p.line('Độc lập - Tự do - Hạnh phúc', 'B', hs + 1, x, yy, w, align);
  if (p.s.mottoRule) p.rule(align === 'right' ? x + w - r.width / 2 : x + w / 2, r.y + 1, r.width);
  return r.y + 6;
}

/** "KHẨN" / "MẬT" in a box, as offices stamp or print them under the number. */
function marks(p: Page, x: number, y: number): number {
  let yy = y;
  for (const m of p.s.extras ?? []) {
    if (m === 'kinh-gui') continue;
    const text = m === 'khan' ? 'KHẨN' : 'MẬT';
    const r = p.line(text, 'B', 13, x + 6, yy + 3, 60, 'left');
    p.doc.rect(x + 2, yy + 1, r.width + 8, r.y - yy).lineWidth(0.8).stroke();
    yy = r.y + 4;
  }
  return yy;
}

/** A round seal-like logo drawn with paths only (no text for pdfjs to read). */
function logo(p: Page, x: number, y: number, size: number): void {
  const { doc } = p;
  const c = size / 2;
  doc.circle(x + c, y + c, c).lineWidth(1.2).stroke();
  doc.circle(x + c, y + c, c * 0.72).lineWidth(0.6).stroke();
  const pts = Array.from({ length: 10 }, (_, i) => {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 === 0 ? c * 0.55 : c * 0.22;
    return [x + c + rr * Math.cos(a), y + c + rr * Math.sin(a)] as [number, number];
  });
  doc.polygon(...pts).fill();
}

/** "Hà Nội, ngày 20 tháng 11 năm 2025" as one or two lines, as the layout says. */
export function dateLines(dateLine: string, brk: Layout['dateBreak']): string[] {
  if (brk === 'after-place') {
    const m = dateLine.match(/^(.*?,?)\s+(ngày.*)$/);
    if (m) return [m[1], m[2]];
  }
  if (brk === 'before-month') {
    const m = dateLine.match(/^(.*?)\s+(tháng.*)$/);
    if (m) return [m[1], m[2]];
  }
  return [dateLine];
}

/** "Hà Nội, ngày 05 tháng 9 năm 2025" → "ngày 05 tháng 9 năm 2025" (a date printed without its place). */
export function withoutPlace(dateLine: string): string {
  const m = dateLine.match(/\bngày\b.*$/i);
  return m ? m[0].charAt(0).toLocaleLowerCase('vi') + m[0].slice(1) : dateLine;
}

function dateBlock(p: Page, x: number, y: number, w: number, align: Align = 'center'): number {
  let yy = y;
  const line = p.s.datePlace === 'none' ? withoutPlace(p.c.dateLine) : p.c.dateLine;
  for (const l of dateLines(line, p.s.dateBreak)) yy = p.line(l, p.s.dateItalic ? 'I' : 'R', p.s.headerSize + 1, x, yy, w, align).y;
  return yy;
}

function numberBlock(p: Page, x: number, y: number, w: number, align: Align = 'center'): number {
  let yy = p.line(p.c.numberLine, 'R', p.s.headerSize + 0.5, x, y, w, align).y;
  if (p.c.subject) yy = p.wrapped(p.c.subject, 'R', p.s.headerSize - 0.5, x + 6, yy + 1, w - 12, align === 'left' ? 'left' : 'center');
  return p.s.extras ? marks(p, x, yy) : yy;
}

const DATE_SHIFT: Record<Layout['numberDate'], number> = { 'same-baseline': 0, 'date-lower': 1, 'date-higher': -1 };

/**
 * The later layouts' two-column header: a bordered table, a logo beside the issuer, the date
 * under the Quốc hiệu or under the number.
 */
function laterTwoColumnHeader(p: Page): number {
  const { s, L, W, doc } = p;
  const lw = W * s.leftColFrac;
  const pad = s.headerTable ? 5 : 0;
  const top = s.margins.top;
  const logoSize = s.logoBox ? 44 : 0;
  if (s.logoBox) logo(p, L, top, logoSize);
  const ix = L + pad + (logoSize ? logoSize + 8 : 0);
  const yl = issuerBlock(p, ix, top + pad, lw - 4 - 2 * pad - (logoSize ? logoSize + 8 : 0));
  let yr = motto(p, L + lw + 4 + pad, top + pad, W - lw - 4 - 2 * pad);
  if (s.dateUnderMotto) yr = dateBlock(p, L + lw + pad, yr, W - lw - 2 * pad, 'right') + 2;
  const row1 = Math.max(yl, yr, top + logoSize) + 4 + pad;
  const numAlign: Align = s.dateUnderNumber || s.logoBox ? 'left' : 'center';
  let yn = numberBlock(p, L + pad, row1 + pad, lw - 4 - 2 * pad, numAlign);
  let yd = row1;
  if (s.dateUnderNumber) yn = dateBlock(p, L + pad, yn + 2, W * 0.6, 'left');
  else if (!s.dateUnderMotto) yd = dateBlock(p, L + lw + pad, row1 + pad, W - lw - 2 * pad);
  const bottom = Math.max(yn, yd) + pad;
  if (s.headerTable) {
    doc.lineWidth(0.8);
    doc.rect(L, top, W, bottom - top).stroke();
    doc.moveTo(L, row1).lineTo(L + W, row1).stroke();
    doc.moveTo(L + lw, top).lineTo(L + lw, s.dateUnderNumber ? row1 : bottom).stroke();
  }
  return bottom;
}

/** Quốc hiệu right-aligned on top, the issuer left under it, the number, then the date right on a line of its own. */
function flushHeader(p: Page): number {
  const { s, L, W } = p;
  let y = motto(p, L + W * 0.4, s.margins.top, W * 0.6, 'right') + 2;
  y = issuerBlock(p, L, y, W * 0.5) + 4;
  y = numberBlock(p, L, y, W * 0.5, 'left') + 2;
  return dateBlock(p, L + W * 0.3, y, W * 0.7, 'right');
}

function twoColumnHeader(p: Page): number {
  const { s, L, W } = p;
  if (s.headerTable || s.logoBox || s.dateUnderMotto || s.dateUnderNumber) return laterTwoColumnHeader(p);
  const lw = W * s.leftColFrac;
  const yl = issuerBlock(p, L, s.margins.top, lw - 4);
  const yr = motto(p, L + lw + 4, s.margins.top, W - lw - 4);
  const yn = Math.max(yl, yr) + 4;
  const shift = DATE_SHIFT[s.numberDate] * (s.headerSize + 4);
  const yAfterNumber = numberBlock(p, L, yn + Math.max(0, -shift), lw - 4);
  const yd = dateBlock(p, L + lw, yn + Math.max(0, shift), W - lw);
  return Math.max(yAfterNumber, yd);
}

/** One column: issuer, then Quốc hiệu, then number (left) and date (right) on one band. */
function stackedHeader(p: Page): number {
  const { s, L, W } = p;
  let y = issuerBlock(p, L + W * 0.2, s.margins.top, W * 0.6) + 4;
  y = motto(p, L + W * 0.15, y, W * 0.7) + 2;
  const yAfterNumber = numberBlock(p, L, y, W * 0.45);
  const yd = dateBlock(p, L + W * 0.45, y, W * 0.55);
  return Math.max(yAfterNumber, yd);
}

function sentenceCase(s: string): string {
  const lower = s.toLocaleLowerCase('vi');
  return lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1);
}

/** "Kính gửi:" and its recipients, as a công văn or a plan addressed to offices prints them. */
function kinhGui(p: Page, y: number): number {
  const { doc, s, L, W } = p;
  const lines = ['- Các sở, ban, ngành;', '- Ủy ban nhân dân các xã, phường, đặc khu.'];
  doc.font('I').fontSize(s.bodySize).text('Kính gửi:', L + W * 0.18, y, { lineBreak: false });
  let yy = y;
  for (const l of lines) {
    doc.font('R').fontSize(s.bodySize).text(l, L + W * 0.32, yy, { lineBreak: false });
    yy += doc.currentLineHeight(true) + 2;
  }
  return yy + 10;
}

function titleBlock(p: Page, yTop: number): number {
  const { c, s, L, W, doc } = p;
  let y = yTop + 16 + (s.bodySize - 12) * 2;
  const withKinhGui = (yy: number) => (s.extras?.includes('kinh-gui') ? kinhGui(p, yy) : yy);
  if (!c.typeName) return withKinhGui(y + 4);
  const italic = s.titleItalic === true;
  const titleFont: FontStyle = s.titleStyle === 'bold' ? (italic ? 'BI' : 'B') : s.titleStyle === 'bold-italic' ? 'BI' : italic ? 'I' : 'R';
  const tw = s.titleWidthFrac ? W * s.titleWidthFrac : s.titleAlign === 'center' ? W * 0.85 : W;
  const tx = s.titleAlign === 'center' ? L + (W - tw) / 2 : L;
  if (s.typeLine === 'merged') {
    doc.font('B').fontSize(s.bodySize + 1).text(`${c.typeName} ${c.title}`, tx, y, { width: tw, align: s.titleAlign, lineGap: 1 });
    return doc.y + 12;
  }
  const type = s.typeLine === 'sentence' ? sentenceCase(c.typeName) : c.typeName;
  if (!s.noTypeLine) y = p.line(type, 'B', s.typeSize ?? 14, L, y, s.titleAlign === 'center' ? W : W * 0.6, s.titleAlign, s.typeLine === 'letter-spaced' ? 2.5 : 0).y + 1;
  doc.font(titleFont).fontSize(s.titleSize ?? s.bodySize + 0.5).text(c.title, tx, y, { width: tw, align: s.titleAlign, lineGap: 1 });
  return withKinhGui(doc.y + 12);
}

/** Paragraphs until the page budget is spent; each keeps its bold / italic runs. */
function body(p: Page, y: number, paragraphs: Paragraph[], maxPages: number): void {
  const { doc, s, L, W } = p;
  doc.x = L;
  doc.y = y;
  const opts = { width: W, align: s.bodyAlign, indent: 28, lineGap: s.lineGap, paragraphGap: 4 };
  for (const para of paragraphs) {
    const plain = para.runs.map((r) => r.text).join('');
    doc.font('R').fontSize(s.bodySize);
    const h = doc.heightOfString(plain, opts);
    if (p.page >= maxPages && doc.y + h > p.maxY) break;
    para.runs.forEach((r, i) => {
      doc.font(styleOf(r.bold, r.italic)).fontSize(s.bodySize);
      const last = i === para.runs.length - 1;
      if (i === 0) doc.text(r.text, L, doc.y, { ...opts, continued: !last });
      else doc.text(r.text, { continued: !last });
    });
  }
}

export async function renderRealDoc(c: RealDocContent, layout: Layout, opts: RenderOptions = {}): Promise<Buffer> {
  const p = new Page(c, layout);
  const yHeader = layout.headerMode === 'flush' ? flushHeader(p) : layout.headerColumns === 'stacked' ? stackedHeader(p) : twoColumnHeader(p);
  const y = titleBlock(p, yHeader);
  body(p, y, c.body, opts.maxPages ?? 2);
  return p.finish();
}
