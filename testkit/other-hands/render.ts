// Lays one document out with pdfkit in its drawn layout: header (issuers, Quốc hiệu, Số,
// date), type line and title, body blocks, tables with merged header cells, signature.
// Byte-deterministic: fixed CreationDate/ModDate (pdfkit hashes the info dictionary into the
// file ID) and every choice drawn from PRNG streams named by document id.
import PDFDocument from 'pdfkit';
import { Rand, type GroundTruthDocument } from '../generator/ground-truth.js';
import type { Block, TableBlock } from './blocks.js';
import { F, registerFonts } from './fonts.js';
import { dateLines, issuerLines, numberLine, titleText, type TitleText } from './header-text.js';
import type { Layout } from './params.js';
import { centredRule, finishPdf, fitLine, type Align } from '../generator/draw.js';

type FontName = (typeof F)[keyof typeof F];

export class Renderer {
  readonly doc: PDFKit.PDFDocument;
  page = 1;
  readonly X: number;
  readonly W: number;
  readonly maxY: number;
  readonly prosePages = new Map<string, Set<number>>();
  readonly tablePages = new Map<string, Set<number>>();
  readonly rand: Rand;

  constructor(readonly d: GroundTruthDocument, readonly L: Layout) {
    const [y, m, day] = d.issueDate.split('-').map(Number);
    const when = new Date(Date.UTC(y, m - 1, day, 2, 15, 0));
    this.doc = new PDFDocument({
      size: 'A4', margins: L.margins, bufferPages: true, compress: true, lang: 'vi-VN',
      info: { CreationDate: when, ModDate: when, Title: d.docNumber, Creator: 'Microsoft Word', Producer: 'tonghop other-hands (pdfkit)' },
    });
    registerFonts(this.doc, L.body, L.header);
    this.doc.on('pageAdded', () => { this.page += 1; });
    this.X = L.margins.left;
    this.W = this.doc.page.width - L.margins.left - L.margins.right;
    this.maxY = this.doc.page.height - L.margins.bottom;
    this.rand = new Rand('other-hands', 'render', d.id);
  }

  /** One line in [x, x+w], shrunk until it fits; returns the next y and the drawn width. */
  line(text: string, font: FontName, size: number, x: number, y: number, w: number, align: Align = 'center'): { y: number; width: number } {
    return fitLine(this.doc, text, font, size, x, y, w, align);
  }

  rule(cx: number, y: number, width: number): void {
    centredRule(this.doc, cx, y, width);
  }

  /** Every issuer block in [x, x+w]; joint issuers stacked or side by side. */
  issuers(x: number, y: number, w: number): number {
    const { d, L } = this;
    const blocks = d.issuers.map((b) => issuerLines(d, b, L, this.rand));
    const draw = (lines: { text: string; bold: boolean }[], bx: number, by: number, bw: number): number => {
      let yy = by;
      let last = 0;
      for (const l of lines) { const r = this.line(l.text, l.bold ? F.HB : F.HR, L.headerSize, bx, yy, bw); yy = r.y; last = r.width; }
      if (L.issuerRule) { this.rule(bx + bw / 2, yy + 1, Math.max(36, last * 0.4)); yy += 5; }
      return yy;
    };
    if (blocks.length > 1 && L.jointStyle === 'side-by-side') {
      const half = w / 2;
      return Math.max(...blocks.slice(0, 2).map((b, i) => draw(b, x + i * half, y, half - 4)));
    }
    let yy = y;
    for (const b of blocks) yy = draw(b, x, yy, w) + 3;
    return yy;
  }

  motto(x: number, y: number, w: number): number {
    const { L } = this;
    let yy = this.line('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', F.HB, L.headerSize, x, y, w).y;
    const r = this.line('Độc lập - Tự do - Hạnh phúc', F.HB, L.headerSize + 0.5, x, yy, w);
    yy = r.y;
    if (L.mottoRule) { this.rule(x + w / 2, yy + 1, r.width); yy += 4; }
    return yy + 2;
  }

  /** The header; returns the printed number and date lines. Joint side-by-side issuers take the full width. */
  header(t: TitleText): { numberLine: string; dateLines: string[]; variant: string } {
    const { d, L, X, W } = this;
    const top = L.margins.top;
    const nl = numberLine(d, L);
    const dl = dateLines(d, L);
    const wide = d.issuers.length > 1 && L.jointStyle === 'side-by-side';
    let yNum: number;
    let rx: number;
    let rw: number;
    let lw: number;
    if (wide) {
      // issuers across the page, Quốc hiệu under them, then Số and the date
      const yi = this.issuers(X, top, W);
      const ym = this.motto(X + W * 0.3, yi + 4, W * 0.7);
      yNum = ym + 4;
      lw = W * 0.45; rx = X + W * 0.4; rw = W * 0.6;
    } else {
      lw = W * L.leftCol;
      rx = X + lw + L.rightShift;
      rw = W - lw - L.rightShift;
      const yi = this.issuers(X, top, lw - 4);
      const ym = this.motto(rx, top, rw);
      yNum = Math.max(yi, ym) + 4;
    }
    if (L.dateStyle === 'one-line' && !t.subjectLine) {
      // "Số: ...<spaces>Hà Giang, ngày ..." as one run across the page, as typed with spaces
      this.doc.font(F.HR).fontSize(L.headerSize);
      const gap = W - this.doc.widthOfString(nl) - this.doc.widthOfString(dl.join(' ')) - 8;
      const spaces = Math.max(4, Math.floor(gap / this.doc.widthOfString(' ')));
      this.doc.y = this.line(`${nl}${' '.repeat(spaces)}${dl.join(' ')}`, F.HR, L.headerSize, X, yNum, W, 'left').y;
      return { numberLine: nl, dateLines: dl, variant: `${wide ? 'joint-across' : d.issuers.length > 1 ? `joint-${L.jointStyle}` : 'single'}/${L.issuerStyle}/one-line` };
    }
    let yl = this.line(nl, F.HR, L.headerSize + 0.5, X, yNum, lw - 4).y;
    if (t.subjectLine) {
      this.doc.font(F.HR).fontSize(L.headerSize - 0.5).text(t.subjectLine, X + 4, yl + 1, { width: lw - 12, align: 'center' });
      yl = this.doc.y;
    }
    let yd = L.dateStyle === 'lower' ? yNum + L.headerSize + 6 : yNum;
    for (const s of dl) yd = this.line(s, F.HI, L.headerSize + 1, rx, yd, rw).y;
    this.doc.y = Math.max(yl, yd);
    return { numberLine: nl, dateLines: dl, variant: `${wide ? 'joint-across' : d.issuers.length > 1 ? `joint-${L.jointStyle}` : 'single'}/${L.issuerStyle}/${L.dateStyle}` };
  }

  titleBlock(t: TitleText, salutation: string | null): void {
    const { L, X, W, doc } = this;
    let y = doc.y + 14 + this.rand.int(0, 14);
    if (t.typeLine) y = this.line(t.typeLine, F.B, L.titleSize + 1, X, y, W, L.titleAlign === 'left' ? 'left' : 'center').y + 1;
    if (t.title) {
      const tw = Math.max(W * L.titleWidth, 180);
      const tx = L.titleAlign === 'left' ? X : X + (W - tw) / 2;
      doc.font(F.B).fontSize(L.titleSize).text(t.title, tx, y, { width: tw, align: L.titleAlign, lineGap: 1 });
      y = doc.y;
      if (L.titleRule === 'line') { this.rule(X + W / 2, y + 3, W * 0.2); y += 6; }
      if (L.titleRule === 'ornament') y = this.line('-----------oOo-----------', F.R, 10, X, y + 2, W).y;
    }
    y += 10;
    if (salutation) {
      doc.font(F.I).fontSize(L.bodySize).text(`Kính gửi: ${salutation}`, X, y, { width: W, align: 'center' });
      y = doc.y + 8;
    }
    doc.x = X;
    doc.y = y;
  }

  ensure(space: number): void {
    if (this.doc.y + space > this.maxY) this.doc.addPage();
  }

  blocks(blocks: Block[]): void {
    const { doc, L, X, W } = this;
    for (const b of blocks) {
      if (b.t === 'pagebreak') doc.addPage();
      else if (b.t === 'heading') {
        this.ensure(3 * (L.bodySize + L.lineGap + 4));
        doc.font(b.italic ? F.BI : F.B).fontSize(L.bodySize);
        doc.text(b.text, X + (b.centred ? 0 : L.indent), doc.y, { width: W - (b.centred ? 0 : L.indent), align: b.centred ? 'center' : 'left', lineGap: L.lineGap, paragraphGap: L.paraGap });
      } else if (b.t === 'para') {
        this.ensure(1.5 * (L.bodySize + L.lineGap + 4));
        const first = this.page;
        doc.font(b.italic ? F.I : F.R).fontSize(L.bodySize);
        doc.text(b.text, X, doc.y, { width: W, align: L.justify ? 'justify' : 'left', indent: b.noIndent ? 0 : L.indent, lineGap: L.lineGap, paragraphGap: L.paraGap });
        for (const k of b.keys ?? []) {
          const set = this.prosePages.get(k) ?? new Set<number>();
          for (let p = first; p <= this.page; p++) set.add(p);
          this.prosePages.set(k, set);
        }
      } else this.table(b);
    }
  }

  /** Header rows (one or two, merged cells spanning columns or both rows), then body rows. */
  table(t: TableBlock): void {
    const { doc, L, X, W } = this;
    const fs = L.tableSize;
    const pad = 3;
    const cw = t.cols.map((c) => c.frac * W);
    const cx = cw.map((_, i) => X + cw.slice(0, i).reduce((a, b) => a + b, 0));
    const spanW = (col: number, span: number) => cw.slice(col, col + span).reduce((a, b) => a + b, 0);
    if (t.caption.length) {
      this.ensure(120);
      for (const c of t.caption) {
        const italic = c.startsWith('(');
        doc.font(italic ? F.I : F.B).fontSize(italic ? fs : L.bodySize).text(c, X, doc.y, { width: W, align: 'center' });
      }
      doc.moveDown(0.5);
    }
    doc.font(F.B).fontSize(fs);
    const hOf = (text: string, w: number) => doc.heightOfString(text || ' ', { width: w - 2 * pad }) + 2 * pad;
    const twoRows = t.header.some((h) => h.row === 1);
    let h0 = Math.max(...t.header.filter((h) => h.row === 0 && h.rowSpan === 1).map((h) => hOf(h.text, spanW(h.col, h.span))), 0);
    let h1 = twoRows ? Math.max(...t.header.filter((h) => h.row === 1).map((h) => hOf(h.text, spanW(h.col, h.span)))) : 0;
    const tall = Math.max(...t.header.filter((h) => h.rowSpan === 2 || !twoRows).map((h) => hOf(h.text, spanW(h.col, h.span))));
    if (!twoRows) h0 = Math.max(h0, tall);
    else if (h0 + h1 < tall) h1 = tall - h0;
    const drawHeader = (y: number): number => {
      doc.lineWidth(0.5);
      if (t.fill) doc.rect(X, y, W, h0 + h1).fillColor('#e8e8e8').fill().fillColor('black');
      doc.font(F.B).fontSize(fs);
      for (const h of t.header) {
        const x = cx[h.col];
        const w = spanW(h.col, h.span);
        const yy = h.row === 0 ? y : y + h0;
        const hh = h.rowSpan === 2 ? h0 + h1 : h.row === 0 ? h0 : h1;
        doc.rect(x, yy, w, hh).stroke();
        const th = doc.heightOfString(h.text, { width: w - 2 * pad });
        doc.text(h.text, x + pad, yy + Math.max(pad, (hh - th) / 2), { width: w - 2 * pad, align: 'center' });
      }
      return y + h0 + h1;
    };
    this.ensure(h0 + h1 + 40);
    let y = drawHeader(doc.y);
    for (const r of t.rows) {
      // a merged group row: TT, then one cell over every other column
      const cells = r.group && t.mergedGroups ? [r.cells[0], r.cells[1]] : r.cells;
      const widths = r.group && t.mergedGroups ? [cw[0], W - cw[0]] : cw;
      doc.font(r.group ? F.B : F.R).fontSize(fs);
      const h = Math.max(...cells.map((c, i) => hOf(c, widths[i])));
      if (y + h > this.maxY) { doc.addPage(); y = drawHeader(doc.y); }
      doc.font(r.group ? F.B : F.R).fontSize(fs).lineWidth(0.5);
      let x = X;
      cells.forEach((c, i) => {
        doc.rect(x, y, widths[i], h).stroke();
        if (c) doc.text(c, x + pad, y + pad, { width: widths[i] - 2 * pad, align: r.group && i === 1 ? 'left' : t.cols[i].align });
        x += widths[i];
      });
      if (r.key) {
        const set = this.tablePages.get(r.key) ?? new Set<number>();
        set.add(this.page);
        this.tablePages.set(r.key, set);
      }
      y += h;
    }
    doc.x = X;
    doc.y = y + L.paraGap + 8;
  }

  /** Recipients left, signature right (joint: two signatures side by side, recipients under). */
  closing(recipients: string[]): void {
    const { d, doc, L, X, W } = this;
    const lines = Math.max(...d.signers.map((s) => s.lines.length));
    this.ensure((lines + 1) * 16 + 70 + (d.signers.length > 1 ? 16 + recipients.length * 13 : 0));
    const y0 = doc.y + 6;
    const sign = (s: GroundTruthDocument['signers'][number], x: number, w: number): number => {
      let yy = y0;
      for (const l of s.lines) yy = this.line(l, F.HB, L.headerSize + 0.5, x, yy, w).y;
      return this.line(s.name, F.HB, L.headerSize + 1, x, y0 + lines * 16 + 56, w).y;
    };
    const list = (x: number, y: number, w: number): number => {
      doc.font(F.BI).fontSize(11).text('Nơi nhận:', x, y, { width: w });
      doc.font(F.R).fontSize(10);
      for (const r of recipients) doc.text(r, x, doc.y, { width: w });
      return doc.y;
    };
    if (d.signers.length > 1) {
      const half = W / 2;
      const ys = Math.max(sign(d.signers[1], X, half - 8), sign(d.signers[0], X + half + 8, half - 8));
      doc.y = list(X, ys + 12, W * 0.55);
    } else {
      doc.y = Math.max(list(X, y0, W * 0.45), sign(d.signers[0], X + W * 0.45, W * 0.55));
    }
    doc.x = X;
  }

  pageNumbers(): void {
    if (this.L.pageNumbers === 'none') return;
    const range = this.doc.bufferedPageRange();
    for (let i = range.start + 1; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const y = this.L.pageNumbers === 'top' ? this.L.margins.top / 2 - 6 : this.doc.page.height - this.L.margins.bottom / 2 - 6;
      // pdfkit would add a page when writing below the bottom margin: lift the margin for this line
      const saved = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0;
      this.line(String(i + 1), F.R, 11, this.X, y, this.W);
      this.doc.page.margins.bottom = saved;
    }
  }

  finish(): Promise<Buffer> {
    return finishPdf(this.doc);
  }
}

export { titleText };
