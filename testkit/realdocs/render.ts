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
      size: 'A4', margins: s.margins, compress: true, lang: 'vi-VN',
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

/** The issuer block in [x, x+w]; returns the y under it (and its rule). */
function issuerBlock(p: Page, x: number, y: number, w: number): number {
  const { s, c } = p;
  const hs = s.headerSize;
  let yy = y;
  let last = 0;
  const oneLine = c.issuer.map((l) => l.text).join(' ');
  p.doc.font('B').fontSize(hs);
  // "one-line" only where it stays legible; a very long name wraps instead
  const mode = s.issuerLines === 'one-line' && p.doc.widthOfString(oneLine) * 0.8 > w ? 'rewrapped' : s.issuerLines;
  if (mode === 'one-line') ({ y: yy, width: last } = p.line(oneLine, 'B', hs, x, yy, w));
  else if (mode === 'rewrapped') {
    yy = p.wrapped(oneLine, 'B', hs, x, yy, w);
    last = Math.min(w, p.doc.widthOfString(oneLine));
  } else {
    for (const l of c.issuer) ({ y: yy, width: last } = p.line(l.text, l.bold ? 'B' : 'R', hs, x, yy, w));
  }
  if (s.issuerRule === 'short') p.rule(x + w / 2, yy + 1, Math.max(40, last * 0.4));
  if (s.issuerRule === 'underline') p.rule(x + w / 2, yy + 1, last);
  return yy + (s.issuerRule === 'none' ? 2 : 5);
}

function motto(p: Page, x: number, y: number, w: number): number {
  const hs = p.s.headerSize;
  const yy = p.line('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'B', hs, x, y, w).y;
  const r = p.line('Độc lập - Tự do - Hạnh phúc', 'B', hs + 1, x, yy, w);
  if (p.s.mottoRule) p.rule(x + w / 2, r.y + 1, r.width);
  return r.y + 6;
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

function dateBlock(p: Page, x: number, y: number, w: number): number {
  let yy = y;
  for (const l of dateLines(p.c.dateLine, p.s.dateBreak)) yy = p.line(l, p.s.dateItalic ? 'I' : 'R', p.s.headerSize + 1, x, yy, w).y;
  return yy;
}

function numberBlock(p: Page, x: number, y: number, w: number): number {
  let yy = p.line(p.c.numberLine, 'R', p.s.headerSize + 0.5, x, y, w).y;
  if (p.c.subject) yy = p.wrapped(p.c.subject, 'R', p.s.headerSize - 0.5, x + 6, yy + 1, w - 12);
  return yy;
}

const DATE_SHIFT: Record<Layout['numberDate'], number> = { 'same-baseline': 0, 'date-lower': 1, 'date-higher': -1 };

function twoColumnHeader(p: Page): number {
  const { s, L, W } = p;
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

function titleBlock(p: Page, yTop: number): number {
  const { c, s, L, W, doc } = p;
  let y = yTop + 16 + (s.bodySize - 12) * 2;
  if (!c.typeName) return y + 4;
  const titleFont: FontStyle = s.titleStyle === 'bold' ? 'B' : s.titleStyle === 'bold-italic' ? 'BI' : 'R';
  const tw = s.titleAlign === 'center' ? W * 0.85 : W;
  const tx = s.titleAlign === 'center' ? L + (W - tw) / 2 : L;
  if (s.typeLine === 'merged') {
    doc.font('B').fontSize(s.bodySize + 1).text(`${c.typeName} ${c.title}`, tx, y, { width: tw, align: s.titleAlign, lineGap: 1 });
    return doc.y + 12;
  }
  const type = s.typeLine === 'sentence' ? sentenceCase(c.typeName) : c.typeName;
  y = p.line(type, 'B', 14, L, y, s.titleAlign === 'center' ? W : W * 0.6, s.titleAlign, s.typeLine === 'letter-spaced' ? 2.5 : 0).y + 1;
  doc.font(titleFont).fontSize(s.bodySize + 0.5).text(c.title, tx, y, { width: tw, align: s.titleAlign, lineGap: 1 });
  return doc.y + 12;
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
  const yHeader = layout.headerColumns === 'stacked' ? stackedHeader(p) : twoColumnHeader(p);
  const y = titleBlock(p, yHeader);
  body(p, y, c.body, opts.maxPages ?? 2);
  return p.finish();
}
