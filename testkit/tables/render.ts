// A summary table drawn the way other offices draw it, as a real PDF (pdfkit, DejaVu fonts,
// pdfkit's own line wrapping inside each cell): bordered cells, one or two header rows with
// merged cells over two sub-columns, cells aligned left / centre / right and top / middle.
// Only for tests: the PDF goes through the real text path (pdfjs) like any report.
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

export type Family = 'DejaVuSerif' | 'DejaVuSans' | 'DejaVuSansCondensed' | 'DejaVuSerifCondensed';
export type Align = 'left' | 'center' | 'right';

export interface ColumnSpec { header: string; w: number; align: Align }
/** a header cell over columns from..to (inclusive) on the first header row */
export interface MergedHeader { text: string; from: number; to: number }

export interface TablePdfSpec {
  family: Family;
  /** body font size (points) */
  size: number;
  /** paragraphs before the table */
  intro: string[];
  caption?: string;
  columns: ColumnSpec[];
  merged: MergedHeader[];
  rows: Array<{ cells: string[]; bold?: boolean }>;
  /** body cells vertically centred in their row (else top-aligned) */
  middle: boolean;
  /** header cells' horizontal alignment (centred unless said) */
  headerAlign?: Align;
  /** paragraphs after the table */
  outro: string[];
}

const PAD = 3;

/** Renders one page (or more, when the table runs over) and returns the PDF bytes. */
export function renderTablePdf(spec: TablePdfSpec): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margins: { top: 56, bottom: 56, left: 70, right: 50 }, info: { CreationDate: new Date(Date.UTC(2023, 6, 1)) } });
  doc.registerFont('R', path.join(FONT_DIR, `${spec.family}.ttf`));
  doc.registerFont('B', path.join(FONT_DIR, `${spec.family}-Bold.ttf`));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const x0 = 70;
  let y = 60;
  doc.font('R').fontSize(spec.size);
  for (const p of spec.intro) {
    doc.text(p, x0, y, { width: 475, align: 'justify', indent: 28 });
    y = doc.y + 4;
  }
  if (spec.caption) {
    doc.font('B').text(spec.caption, x0, y + 4, { width: 475, align: 'center' });
    y = doc.y + 6;
  }
  y = drawHeader(doc, spec, x0, y + 4);
  for (const row of spec.rows) {
    const h = rowHeight(doc, spec, row.cells, row.bold);
    if (y + h > 842 - 56) { doc.addPage(); y = 60; }
    drawRow(doc, spec, row, x0, y, h);
    y += h;
  }
  doc.font('R').fontSize(spec.size);
  y += 8;
  for (const p of spec.outro) {
    doc.text(p, x0, y, { width: 475, align: 'justify', indent: 28 });
    y = doc.y + 4;
  }
  doc.end();
  return done;
}

const colX = (spec: TablePdfSpec, x0: number, i: number) => x0 + spec.columns.slice(0, i).reduce((a, c) => a + c.w, 0);

function textHeight(doc: PDFKit.PDFDocument, text: string, w: number): number {
  return text ? doc.heightOfString(text, { width: w - 2 * PAD }) : 0;
}

/** Header: one row, or two where merged cells stand over their sub-columns (the others span both). */
function drawHeader(doc: PDFKit.PDFDocument, spec: TablePdfSpec, x0: number, y: number): number {
  doc.font('B').fontSize(spec.size - 0.5);
  const under = new Set(spec.merged.flatMap((m) => Array.from({ length: m.to - m.from + 1 }, (_, k) => m.from + k)));
  const topH = spec.merged.length ? Math.max(...spec.merged.map((m) => textHeight(doc, m.text, colX(spec, x0, m.to + 1) - colX(spec, x0, m.from)))) + 2 * PAD : 0;
  const subH = Math.max(0, ...[...under].map((i) => textHeight(doc, spec.columns[i].header, spec.columns[i].w))) + 2 * PAD;
  const fullH = Math.max(...spec.columns.map((c, i) => (under.has(i) ? 0 : textHeight(doc, c.header, c.w) + 2 * PAD)), topH + (under.size ? subH : 0));
  const cell = (text: string, x: number, yy: number, w: number, h: number) => {
    doc.rect(x, yy, w, h).stroke();
    const th = textHeight(doc, text, w);
    doc.text(text, x + PAD, yy + (h - th) / 2, { width: w - 2 * PAD, align: spec.headerAlign ?? 'center' });
  };
  for (const m of spec.merged) cell(m.text, colX(spec, x0, m.from), y, colX(spec, x0, m.to + 1) - colX(spec, x0, m.from), topH);
  spec.columns.forEach((c, i) => {
    if (under.has(i)) cell(c.header, colX(spec, x0, i), y + topH, c.w, fullH - topH);
    else cell(c.header, colX(spec, x0, i), y, c.w, fullH);
  });
  return y + fullH;
}

function rowHeight(doc: PDFKit.PDFDocument, spec: TablePdfSpec, cells: string[], bold?: boolean): number {
  doc.font(bold ? 'B' : 'R').fontSize(spec.size);
  return Math.max(...cells.map((t, i) => textHeight(doc, t, spec.columns[i].w))) + 2 * PAD;
}

function drawRow(doc: PDFKit.PDFDocument, spec: TablePdfSpec, row: { cells: string[]; bold?: boolean }, x0: number, y: number, h: number): void {
  doc.font(row.bold ? 'B' : 'R').fontSize(spec.size);
  row.cells.forEach((t, i) => {
    const c = spec.columns[i];
    const x = colX(spec, x0, i);
    doc.rect(x, y, c.w, h).stroke();
    if (!t) return;
    const th = textHeight(doc, t, c.w);
    doc.text(t, x + PAD, spec.middle ? y + (h - th) / 2 : y + PAD, { width: c.w - 2 * PAD, align: c.align });
  });
}
