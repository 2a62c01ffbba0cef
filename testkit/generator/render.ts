// Layout and drawing of the born-digital fixtures: the two-column header, title block, prose
// and table blocks, closing and signature, page numbers; and the fit loop that keeps every
// document at 2–3 pages.
import PDFDocument from 'pdfkit';
import { Rand, type GroundTruth, type GroundTruthDocument } from './ground-truth.js';
import { B, BI, I, R, registerFonts, type Family } from './fonts.js';
import { dateLine, isoParts } from './format.js';
import { styleFor, type Style } from './style.js';
import { programmeContent, reportContent, type Block, type Content } from './content.js';
import { centredRule, finishPdf, fitLine, type Align } from './draw.js';

type Doc = PDFKit.PDFDocument;

export interface ManifestIndicator { placement: 'prose' | 'table' | 'both'; prosePages: number[]; tablePages: number[] }

export interface ManifestDocument {
  id: string;
  file: string;
  sha256: string;
  bytes: number;
  pages: number;
  /** exactly as printed: the number line may carry a stray space ("Số: 280 /BC-SLĐTBXH") */
  printedNumberLine: string;
  printedDateLine: string;
  layout: { family: Family; bodySize: number; margins: Style['margins']; header: string; tablePosition: 'inline' | 'appendix' | 'none'; verbosity: number };
  indicators: Record<string, ManifestIndicator>;
}

class Renderer {
  readonly doc: Doc;
  page = 1;
  readonly L: number;
  readonly W: number;
  readonly maxY: number;
  readonly prosePages = new Map<string, Set<number>>();
  readonly tablePages = new Map<string, Set<number>>();

  constructor(readonly d: GroundTruthDocument, readonly s: Style) {
    const [y, m, day] = isoParts(d.issueDate);
    this.doc = new PDFDocument({
      size: 'A4',
      margins: s.margins,
      bufferPages: true,
      compress: true,
      lang: 'vi-VN',
      info: {
        // fixed dates: pdfkit hashes the info dictionary into the file ID
        CreationDate: new Date(Date.UTC(y, m - 1, day, 1, 30, 0)),
        ModDate: new Date(Date.UTC(y, m - 1, day, 1, 30, 0)),
        Title: `${d.typeName ?? 'Công văn'} ${d.docNumber}`,
        Author: d.issuerLines[d.issuerLines.length - 1],
        Creator: 'tonghop fixtures',
        Producer: 'tonghop fixtures (pdfkit)',
      },
    });
    registerFonts(this.doc, s.family);
    this.doc.on('pageAdded', () => { this.page += 1; });
    this.L = s.margins.left;
    this.W = this.doc.page.width - s.margins.left - s.margins.right;
    this.maxY = this.doc.page.height - s.margins.bottom;
  }

  /** One line, centred in [x, x+w], shrunk until it fits; returns the next y. */
  line(text: string, font: string, size: number, x: number, y: number, w: number, align: Align = 'center'): { y: number; width: number } {
    return fitLine(this.doc, text, font, size, x, y, w, align);
  }

  rule(cx: number, y: number, width: number): void {
    centredRule(this.doc, cx, y, width);
  }

  issuerBlock(block: GroundTruthDocument['issuers'][number], x: number, y: number, w: number, withRule: boolean): number {
    const hs = this.s.header;
    let yy = y;
    if (block.parent) yy = this.line(block.parent, R, hs, x, yy, w).y;
    let last = 0;
    for (const n of block.name) {
      const r = this.line(n, B, hs, x, yy, w);
      yy = r.y;
      last = r.width;
    }
    if (withRule) {
      this.rule(x + w / 2, yy + 1, Math.max(40, last * 0.4));
      yy += 5;
    }
    return yy;
  }

  numberLine(): string {
    const n = this.d.docNumber;
    const printed = this.s.numberSpaced ? n.replace('/', ' /') : n;
    return `Số: ${printed}`;
  }

  /** Quốc hiệu and Tiêu ngữ centred in [x, x+w]; returns the y under the rule. */
  nationalMotto(x: number, y: number, w: number): number {
    const hs = this.s.header;
    let yy = this.line('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', B, hs, x, y, w).y;
    const r = this.line('Độc lập - Tự do - Hạnh phúc', B, hs + 1, x, yy, w);
    this.rule(x + w / 2, r.y + 1, r.width);
    yy = r.y + 6;
    return yy;
  }

  header(): { numberLine: string; dateLine: string; variant: string } {
    const { d, s, L, W } = this;
    const top = s.margins.top;
    const numberLine = this.numberLine();
    const dl = dateLine(d.place, d.issueDate, s.padMonths);
    let y: number;
    let variant: string;
    if (d.issuers.length > 1 && s.jointHeader === 'side-by-side') {
      variant = 'joint-side-by-side';
      const half = W / 2;
      const yl = this.issuerBlock(d.issuers[0], L, top, half - 6, true);
      const yr = this.issuerBlock(d.issuers[1], L + half + 6, top, half - 6, true);
      let yy = Math.max(yl, yr) + 4;
      yy = this.line(numberLine, R, s.header + 0.5, L, yy, half - 6).y + 8;
      yy = this.nationalMotto(L, yy, W);
      y = this.line(dl, I, s.header + 1, L + W * 0.35, yy + 2, W * 0.65, 'center').y;
    } else {
      variant = d.issuers.length > 1 ? 'joint-stacked' : 'single';
      // The left column grows (to half the width) rather than shrink an issuer line below 10 pt.
      this.doc.font(B).fontSize(Math.min(s.header, 11));
      const widest = Math.max(...d.issuerLines.map((l) => this.doc.widthOfString(l)));
      const lw = Math.min(W * 0.5, Math.max(W * s.leftColFrac, widest + 10));
      const rx = L + lw;
      const rw = W - lw;
      let yl = top;
      d.issuers.forEach((b, i) => { yl = this.issuerBlock(b, L, yl, lw - 4, i === d.issuers.length - 1) + (i < d.issuers.length - 1 ? 3 : 0); });
      const yr = this.nationalMotto(rx + 4, top, rw - 4);
      const yn = Math.max(yl, yr) + 4;
      let yAfterNumber = this.line(numberLine, R, s.header + 0.5, L, yn, lw - 4).y;
      if (d.form === 'cong-van') {
        this.doc.font(R).fontSize(s.header - 0.5);
        this.doc.text(`V/v ${d.title}`, L + 6, yAfterNumber + 1, { width: lw - 16, align: 'center', lineGap: 0 });
        yAfterNumber = this.doc.y;
      }
      const yd = this.line(dl, I, s.header + 1, rx, yn, rw).y;
      y = Math.max(yAfterNumber, yd);
    }
    this.doc.y = y;
    return { numberLine, dateLine: dl, variant };
  }

  titleBlock(salutation: string | null): void {
    const { d, s, L, W, doc } = this;
    let y = doc.y + 16 + (s.body - 12) * 2;
    if (d.typeName) {
      y = this.line(d.typeName, B, 14, L, y, W).y + 1;
      const tw = W * 0.82;
      doc.font(B).fontSize(s.body + 0.5);
      doc.text(d.title, L + (W - tw) / 2, y, { width: tw, align: 'center', lineGap: 1 });
      y = doc.y;
      if (s.titleRule) { this.rule(L + W / 2, y + 3, W * 0.22); y += 6; }
      y += 10;
    } else {
      y += 4;
    }
    if (salutation) {
      doc.font(I).fontSize(s.body);
      const lead = 'Kính gửi: ';
      const lw = doc.widthOfString(lead);
      doc.font(R).fontSize(s.body);
      const sw = Math.min(doc.widthOfString(salutation), W * 0.7);
      const x0 = L + (W - lw - sw) / 2;
      doc.font(I).text(lead, x0, y, { lineBreak: false });
      doc.font(R).text(salutation, x0 + lw, y, { width: W * 0.7 + 2, align: 'left' });
      y = doc.y + 10;
    }
    doc.x = L;
    doc.y = y;
  }

  ensure(space: number): void {
    if (this.doc.y + space > this.maxY) this.doc.addPage();
  }

  blocks(blocks: Block[]): void {
    const { doc, s, L, W } = this;
    for (const b of blocks) {
      if (b.t === 'heading') {
        this.ensure(3.2 * (s.body + s.lineGap + 4));
        doc.font(b.italic ? BI : B).fontSize(s.body);
        doc.text(b.text, L + (b.centred ? 0 : s.indent), doc.y, { width: W - (b.centred ? 0 : s.indent), align: b.centred ? 'center' : 'left', lineGap: s.lineGap, paragraphGap: s.paraGap });
      } else if (b.t === 'para') {
        this.ensure(1.5 * (s.body + s.lineGap + 4));
        const first = this.page;
        doc.font(b.italic ? I : R).fontSize(s.body);
        doc.text(b.text, L, doc.y, { width: W, align: s.align, indent: b.noIndent ? 0 : s.indent, lineGap: s.lineGap, paragraphGap: s.paraGap });
        for (const k of b.keys ?? []) {
          const set = this.prosePages.get(k) ?? new Set<number>();
          for (let p = first; p <= this.page; p++) set.add(p);
          this.prosePages.set(k, set);
        }
      } else {
        this.table(b);
      }
    }
  }

  table(t: Extract<Block, { t: 'table' }>): void {
    const { doc, s, L, W } = this;
    if (t.caption.length) {
      this.ensure(140);
      t.caption.forEach((c, i) => {
        const italic = c.startsWith('(');
        doc.font(italic ? I : B).fontSize(italic ? s.table + 0.5 : s.body);
        doc.text(c, L, doc.y, { width: W, align: 'center' });
        if (i === t.caption.length - 1) doc.moveDown(0.6);
      });
    }
    const fr = [0.07, 0.43, 0.16, 0.16, 0.18];
    const cw = fr.map((f) => f * W);
    const cx = cw.map((_, i) => L + cw.slice(0, i).reduce((a, b) => a + b, 0));
    const pad = 3;
    const fs = s.table;
    const heightOf = (cells: string[], bold: boolean, merged: boolean): number => {
      doc.font(bold ? B : R).fontSize(fs);
      const hs = merged
        ? [doc.heightOfString(cells[1], { width: W - cw[0] - 2 * pad })]
        : cells.map((c, i) => doc.heightOfString(c || ' ', { width: cw[i] - 2 * pad }));
      return Math.max(...hs) + 2 * pad;
    };
    const drawRow = (cells: string[], y: number, h: number, opts: { bold?: boolean; merged?: boolean; header?: boolean }) => {
      doc.lineWidth(0.5);
      if (opts.header && s.tableHeaderFill) doc.rect(L, y, W, h).fillColor('#e6e6e6').fill().fillColor('black');
      if (opts.merged) {
        doc.rect(cx[0], y, cw[0], h).stroke();
        doc.rect(cx[1], y, W - cw[0], h).stroke();
      } else {
        for (const [i, w] of cw.entries()) doc.rect(cx[i], y, w, h).stroke();
      }
      doc.font(opts.bold ? B : R).fontSize(fs);
      cells.forEach((c, i) => {
        if (!c || (opts.merged && i > 1)) return;
        const w = opts.merged && i === 1 ? W - cw[0] : cw[i];
        const align = opts.header || i === 0 || i === 2 ? 'center' : i >= 3 ? 'right' : 'left';
        doc.text(c, cx[i] + pad, y + pad, { width: w - 2 * pad, align });
      });
    };
    const hh = heightOf(t.header, true, false);
    this.ensure(hh + 40);
    let y = doc.y;
    drawRow(t.header, y, hh, { bold: true, header: true });
    y += hh;
    for (const r of t.rows) {
      const h = heightOf(r.cells, !!r.group, !!r.group);
      if (y + h > this.maxY) {
        doc.addPage();
        y = doc.y;
        drawRow(t.header, y, hh, { bold: true, header: true });
        y += hh;
      }
      drawRow(r.cells, y, h, { bold: r.group, merged: r.group });
      if (r.key) {
        const set = this.tablePages.get(r.key) ?? new Set<number>();
        set.add(this.page);
        this.tablePages.set(r.key, set);
      }
      y += h;
    }
    doc.x = L;
    doc.y = y + s.paraGap + 6;
  }

  /** Title lines, room to sign, the name; names of side-by-side signers share a baseline. */
  signatureBlock(signer: GroundTruthDocument['signers'][number], x: number, y: number, w: number, lines: number): number {
    let yy = y;
    for (const l of signer.lines) yy = this.line(l, B, this.s.header + 0.5, x, yy, w).y;
    const lh = yy > y ? (yy - y) / signer.lines.length : 16;
    yy = y + lines * lh + 58;
    return this.line(signer.name, B, this.s.header + 1, x, yy, w).y;
  }

  recipients(lines: string[], x: number, y: number, w: number): number {
    const { doc } = this;
    doc.font(BI).fontSize(11.5).text('Nơi nhận:', x, y, { width: w });
    doc.font(R).fontSize(10.5);
    for (const l of lines) doc.text(l, x, doc.y, { width: w, lineGap: 0.5 });
    return doc.y;
  }

  closing(c: Content): void {
    const { d, doc, L, W } = this;
    const signers = d.signers;
    const sigHeight = (Math.max(...signers.map((s) => s.lines.length)) + 1) * 17 + 62;
    const recHeight = 16 + c.recipients.length * 14;
    const need = signers.length > 1 ? sigHeight + recHeight + 10 : Math.max(sigHeight, recHeight) + 10;
    this.ensure(need);
    const y = doc.y + 4;
    if (signers.length > 1) {
      const half = W / 2;
      const lines = Math.max(...signers.map((g) => g.lines.length));
      const y1 = this.signatureBlock(signers[1], L, y, half - 8, lines);
      const y2 = this.signatureBlock(signers[0], L + half + 8, y, half - 8, lines);
      doc.y = Math.max(y1, y2) + 12;
      this.recipients(c.recipients, L, doc.y, W * 0.55);
    } else {
      const yr = this.recipients(c.recipients, L, y, W * 0.48);
      const ys = this.signatureBlock(signers[0], L + W * 0.48, y, W * 0.52, signers[0].lines.length);
      doc.y = Math.max(yr, ys);
    }
    doc.x = L;
  }

  /** Page numbers, top centre, from page 2 (Nghị định 30). */
  pageNumbers(): void {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start + 1; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      this.line(String(i + 1), R, 12, this.L, this.s.margins.top / 2 - 6, this.W);
    }
  }

  finish(): Promise<Buffer> {
    return finishPdf(this.doc);
  }
}

interface Rendered { bytes: Buffer; lastPageFill: number; manifest: Omit<ManifestDocument, 'file' | 'sha256' | 'bytes'> }

async function renderOnce(d: GroundTruthDocument, gt: GroundTruth, extra: number): Promise<Rendered> {
  const base = styleFor(d);
  // Below level 0 the content is minimal already: tighten spacing, then the type size.
  const style: Style = extra >= 0 ? base : {
    ...base,
    lineGap: Math.min(base.lineGap, 1),
    paraGap: Math.min(base.paraGap, 3),
    ...(extra < -1 ? { body: 12.5, table: 10.5, header: 11.5 } : {}),
  };
  const content = d.kind === 'report' ? reportContent(d, gt, style, extra) : programmeContent(d, style, extra);
  const r = new Renderer(d, style);
  const h = r.header();
  r.titleBlock(content.salutation);
  r.blocks(content.body);
  r.closing(content);
  const lastPageFill = (r.doc.y - style.margins.top) / (r.maxY - style.margins.top);
  if (content.appendix.length) {
    r.doc.addPage();
    r.blocks(content.appendix);
  }
  const pages = r.page;
  r.pageNumbers();
  const bytes = await r.finish();
  const indicators: Record<string, ManifestIndicator> = {};
  for (const [k, v] of Object.entries(d.indicators ?? {})) {
    indicators[k] = {
      placement: v.placement,
      prosePages: [...(r.prosePages.get(k) ?? [])].sort((a, b) => a - b),
      tablePages: [...(r.tablePages.get(k) ?? [])].sort((a, b) => a - b),
    };
  }
  const hasTable = Object.values(d.indicators ?? {}).some((v) => v.placement !== 'prose');
  return {
    bytes,
    lastPageFill: content.appendix.length ? 1 : lastPageFill,
    manifest: {
      id: d.id, pages,
      printedNumberLine: h.numberLine, printedDateLine: h.dateLine,
      layout: {
        family: style.family, bodySize: style.body, margins: style.margins, header: h.variant,
        tablePosition: !hasTable ? 'none' : style.tableAtEnd ? 'appendix' : 'inline',
        verbosity: extra,
      },
      indicators,
    },
  };
}

export const renderStats = { retries: 0 };

/** Renders one document, adding or dropping optional paragraphs until it runs 2–3 pages. */
export async function renderDocument(d: GroundTruthDocument, gt: GroundTruth): Promise<Rendered> {
  // A first guess from the content's size saves most re-renders.
  const tableRows = Object.values(d.indicators ?? {}).filter((v) => v.placement !== 'prose').length;
  let extra = d.kind === 'programme' ? new Rand('verbosity', d.id).int(-1, 1) : styleFor(d).tableAtEnd ? -1 : tableRows > 10 ? 0 : 1;
  let r = await renderOnce(d, gt, extra);
  for (let attempt = 0; attempt < 4; attempt++) {
    if (r.manifest.pages < 2 && extra < 4) extra += 1;
    else if (r.manifest.pages > 3 && extra > -2) extra -= 1;
    else break;
    r = await renderOnce(d, gt, extra);
    renderStats.retries += 1;
  }
  // A third page holding only the signature: try the shorter text, keep it if it fits on two.
  if (r.manifest.pages === 3 && r.lastPageFill < 0.3 && extra > -1) {
    const shorter = await renderOnce(d, gt, extra - 1);
    renderStats.retries += 1;
    if (shorter.manifest.pages === 2) return shorter;
  }
  return r;
}
