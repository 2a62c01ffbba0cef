// A real document laid out the way an office types it in Word: the Nghị định 30 header as a
// borderless two-column table (issuer | Quốc hiệu, number | place and date), the type name and
// title centred under it, the body justified. Word's own layout engine (LibreOffice here) then
// makes the PDF, so the text layer, font metrics, line breaks and run order come from another
// hand than the project's pdfkit renderers.
//
// The variant (font, sizes, column split, rule style, where the công văn subject sits) is drawn
// from the document id, so a rebuild gives the same files.
import { createHash } from 'node:crypto';
import {
  AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType,
} from 'docx';
import type { RealDocContent, Run } from '../realdocs/markdown.js';

export interface WordVariant {
  font: 'Times New Roman' | 'Arial' | 'Liberation Serif' | 'DejaVu Serif';
  /** half-points, as Word counts them */
  headerSize: number;
  bodySize: number;
  /** share of the text width given to the issuer column, in percent */
  leftPct: number;
  /** the short rule under the issuer and the Quốc hiệu: a bottom border or a typed line */
  rule: 'border' | 'typed' | 'none';
  /** the công văn subject under the number, or as its own line under the header table */
  subject: 'under-number' | 'below-table';
  dateItalic: boolean;
  titleSize: number;
}

const FONTS: WordVariant['font'][] = ['Times New Roman', 'Times New Roman', 'Arial', 'Liberation Serif', 'DejaVu Serif'];

export function variantFor(id: string): WordVariant {
  const h = createHash('sha256').update(`word-rendered-v1:${id}`).digest();
  const b = (i: number, n: number) => h[i] % n;
  return {
    font: FONTS[b(0, FONTS.length)],
    headerSize: [24, 26, 26, 28][b(1, 4)],
    bodySize: [26, 28, 28, 24][b(2, 4)],
    leftPct: [35, 38, 40, 42, 45][b(3, 5)],
    rule: (['border', 'typed', 'none', 'border'] as const)[b(4, 4)],
    subject: b(5, 3) === 0 ? 'below-table' : 'under-number',
    dateItalic: b(6, 5) !== 0,
    titleSize: [26, 28, 28, 30][b(7, 4)],
  };
}

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER };

function centred(text: string, v: WordVariant, o: { bold?: boolean; italic?: boolean; size?: number; after?: number } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: o.after ?? 0 },
    children: [new TextRun({ text, bold: o.bold, italics: o.italic, size: o.size ?? v.headerSize, font: v.font })],
  });
}

/** The short rule under a header block: a bordered empty paragraph, a typed line, or nothing. */
function rule(v: WordVariant, chars: number): Paragraph[] {
  if (v.rule === 'none') return [];
  if (v.rule === 'typed') return [centred('_'.repeat(chars), v, { size: 16 })];
  return [new Paragraph({
    alignment: AlignmentType.CENTER,
    indent: { left: 1200, right: 1200 },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [],
  })];
}

function cell(children: Paragraph[], pct: number): TableCell {
  return new TableCell({ children, width: { size: pct, type: WidthType.PERCENTAGE }, verticalAlign: VerticalAlign.TOP, borders: { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER } });
}

function headerTable(c: RealDocContent, v: WordVariant): Table {
  const issuer = c.issuer.map((l) => centred(l.text, v, { bold: l.bold }));
  const motto = [
    centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', v, { bold: true }),
    centred('Độc lập - Tự do - Hạnh phúc', v, { bold: true, size: v.headerSize + 2 }),
  ];
  const number = [centred(c.numberLine, v, { size: v.bodySize })];
  if (c.subject && v.subject === 'under-number') number.push(centred(c.subject, v, { size: v.headerSize }));
  const date = [centred(c.dateLine, v, { italic: v.dateItalic, size: v.bodySize })];
  const right = 100 - v.leftPct;
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [
      new TableRow({ children: [cell([...issuer, ...rule(v, 12)], v.leftPct), cell([...motto, ...rule(v, 22)], right)] }),
      new TableRow({ children: [cell(number, v.leftPct), cell(date, right)] }),
    ],
  });
}

function bodyParagraph(runs: Run[], v: WordVariant): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    spacing: { before: 60, after: 60 },
    indent: { firstLine: 567 },
    children: runs.map((r) => new TextRun({ text: r.text, bold: r.bold, italics: r.italic, size: v.bodySize, font: v.font })),
  });
}

/** The DOCX bytes of one real document in Word's Nghị định 30 template. */
export async function renderWordDoc(c: RealDocContent, v: WordVariant = variantFor(c.id)): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [headerTable(c, v)];
  if (c.subject && v.subject === 'below-table') children.push(new Paragraph({ children: [new TextRun({ text: c.subject, size: v.headerSize, font: v.font })] }));
  children.push(new Paragraph({ children: [] }));
  if (c.typeName) children.push(centred(c.typeName, v, { bold: true, size: v.titleSize }));
  if (c.title) children.push(centred(c.title, v, { bold: true, size: v.titleSize - 2, after: 240 }));
  for (const p of c.body) children.push(bodyParagraph(p.runs, v));
  const doc = new Document({
    styles: { default: { document: { run: { font: v.font, size: v.bodySize } } } },
    sections: [{ properties: { page: { margin: { top: 1134, bottom: 1134, left: 1701, right: 850 } } }, children }],
  });
  return Packer.toBuffer(doc);
}
