// Renders the seed national report (fixtures/seed/000_*.txt) into a born-digital PDF with
// pdfkit and DejaVu fonts, for `tonghop reconcile` and its test: prose on portrait A4, the
// appendix tables on landscape A4 as positioned, bordered columns (TT, province, X, number,
// date), with the header row repeated on each page and several documents of one cell on
// separate lines, as a published report prints them.
//
// The text conversion dropped the letterhead; the standard national-body header ("BỘ LAO ĐỘNG
// - THƯƠNG BINH VÀ XÃ HỘI", Quốc hiệu) is put back so the document reads as the Ministry's.
// Everything else is the seed text as is, including its errors (those are what reconcile finds).
//
//   node --import tsx scripts/render-seed-pdf.ts [OUT.pdf] [SEED.txt]
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_SEED = path.join(ROOT, 'fixtures', 'seed', '000_3e761f724fd1898d.txt');
const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

const PORTRAIT = { margin: 60, size: 'A4' as const };
const BODY = 11;
const NOTE = 9;
const CELL = 9.5;
/** table columns on a landscape page (points): TT, province, X, number(s), date(s) */
const COLS = [{ x: 40, w: 36 }, { x: 76, w: 170 }, { x: 246, w: 110 }, { x: 356, w: 270 }, { x: 626, w: 176 }];
const LINE = 13;

type Doc = PDFKit.PDFDocument;

export async function renderSeedPdf(outFile: string, seedFile: string = DEFAULT_SEED): Promise<void> {
  const lines = fs.readFileSync(seedFile, 'utf8').split(/\r?\n/).map((l) => l.normalize('NFC'));
  const doc = new PDFDocument({ ...PORTRAIT, autoFirstPage: true, info: { Title: 'Báo cáo 150/BC-LĐTBXH', CreationDate: new Date(Date.UTC(2023, 9, 27)) } });
  doc.registerFont('R', path.join(FONT_DIR, 'DejaVuSerif.ttf'));
  doc.registerFont('B', path.join(FONT_DIR, 'DejaVuSerif-Bold.ttf'));
  doc.registerFont('I', path.join(FONT_DIR, 'DejaVuSerif-Italic.ttf'));
  const done = new Promise<void>((resolve, reject) => {
    const out = fs.createWriteStream(outFile);
    out.on('finish', resolve);
    out.on('error', reject);
    doc.pipe(out);
  });

  letterhead(doc);
  let inTables = false;
  let table: { header: string[] | null; y: number } = { header: null, y: 0 };
  for (const raw of lines) {
    const line = raw.replace(/\*\*/g, '').replace(/\s+$/, '');
    if (/^Phụ lục\s+(I|II)\b/.test(line)) {
      inTables = true;
      doc.addPage({ size: 'A4', layout: 'landscape', margin: 40 });
      doc.font('B').fontSize(12).text(line, { align: 'center' });
      table = { header: null, y: 0 };
      continue;
    }
    if (!inTables) {
      prose(doc, line);
      continue;
    }
    if (!line.includes('\t')) {
      if (line.trim()) doc.font(/^\(|^của/.test(line) ? 'I' : 'B').fontSize(11).text(line.trim(), 40, undefined, { align: 'center', width: 762 });
      else doc.moveDown(0.3);
      table.y = doc.y + 6;
      continue;
    }
    const cells = line.split('\t');
    if (/^TT$/.test(cells[0].trim())) {
      if (!table.header) {
        table.header = cells;
        table.y = drawHeader(doc, cells, table.y || doc.y + 6);
      }
      continue; // the text repeats the header at its own page breaks; we repeat it at ours
    }
    table.y = drawRow(doc, cells, table);
  }
  doc.end();
  await done;
}

function letterhead(doc: Doc): void {
  const top = doc.y;
  doc.font('B').fontSize(10).text('BỘ LAO ĐỘNG - THƯƠNG BINH', 60, top, { width: 220, align: 'center' });
  doc.text('VÀ XÃ HỘI', 60, undefined, { width: 220, align: 'center' });
  doc.text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 290, top, { width: 250, align: 'center' });
  doc.text('Độc lập - Tự do - Hạnh phúc', 290, undefined, { width: 250, align: 'center' });
  doc.x = PORTRAIT.margin;
  doc.y = top + 40;
}

function prose(doc: Doc, line: string): void {
  const t = line.trim();
  if (!t) { doc.moveDown(0.3); return; }
  const width = doc.page.width - 2 * PORTRAIT.margin;
  if (/^[¹²³⁴⁵⁶⁷⁸⁹]/.test(t)) doc.font('R').fontSize(NOTE).text(t, PORTRAIT.margin, undefined, { width, align: 'justify' });
  else if (/^Số:/.test(t)) doc.font('R').fontSize(BODY).text(t, PORTRAIT.margin, undefined, { width: 240, align: 'center' });
  else if (/^Hà Nội, ngày/.test(t)) doc.font('I').fontSize(BODY).text(t, PORTRAIT.margin, undefined, { width, align: 'right' });
  else if (/^(BÁO CÁO|[IVX]+\.\s)/.test(t)) doc.font('B').fontSize(BODY).text(t, PORTRAIT.margin, undefined, { width, align: /^BÁO CÁO$/.test(t) ? 'center' : 'left' });
  else doc.font('R').fontSize(BODY).text(t, PORTRAIT.margin, undefined, { width, align: 'justify', indent: 20 });
  doc.moveDown(0.2);
}

function drawHeader(doc: Doc, cells: string[], y: number): number {
  doc.font('B').fontSize(CELL);
  const h = Math.max(...cells.map((c, i) => doc.heightOfString(c.trim(), { width: COLS[i].w - 6 }))) + 8;
  cells.forEach((c, i) => {
    doc.rect(COLS[i].x, y, COLS[i].w, h).stroke();
    doc.text(c.trim(), COLS[i].x + 3, y + 4, { width: COLS[i].w - 6, align: 'center' });
  });
  return y + h;
}

function drawRow(doc: Doc, cells: string[], table: { header: string[] | null; y: number }): number {
  // a cell holding several documents prints one per line: numbers split before "123/", dates at spaces
  const parts = [
    [cells[0]?.trim() ?? ''], [cells[1]?.trim() ?? ''], [cells[2]?.trim() ?? ''],
    (cells[3] ?? '').trim().split(/\s+(?=\d+\s*\/)/).filter(Boolean),
    (cells[4] ?? '').trim().split(/\s+/).filter(Boolean),
  ];
  const h = Math.max(1, ...parts.map((p) => p.length)) * LINE + 6;
  let y = table.y;
  if (y + h > doc.page.height - 40) {
    doc.addPage({ size: 'A4', layout: 'landscape', margin: 40 });
    y = table.header ? drawHeader(doc, table.header, 40) : 40;
  }
  const bold = !/^\d+$/.test(parts[0][0]);
  doc.font(bold ? 'B' : 'R').fontSize(CELL);
  parts.forEach((p, i) => {
    doc.rect(COLS[i].x, y, COLS[i].w, h).stroke();
    // a region name runs on over the empty cells to its right, as in the seed's merged cells
    const width = bold && i === 1 && parts.slice(2).every((q) => !q[0]) ? COLS[4].x + COLS[4].w - COLS[1].x - 6 : COLS[i].w - 6;
    for (const [k, text] of p.entries()) doc.text(text, COLS[i].x + 3, y + 4 + k * LINE, { width, align: i === 1 || i === 3 ? 'left' : 'center', lineBreak: false });
  });
  return y + h;
}
