// The poverty-reduction reports and programmes of the ground truth (fixtures/ground-truth.json),
// with the other-hands wording and tables (testkit/other-hands: same header texts, bodies,
// indicator prose and summary tables), typed in Word and printed to PDF by LibreOffice: the
// documents the national tables are derived from, from a hand that is neither pdfkit nor ours.
//
// The manifest entries (truth, which figures are stated) come from the other-hands renderer for
// the same document: the words and figures are the same, only the layout engine differs.
import {
  AlignmentType, BorderStyle, Document, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, VerticalAlign, VerticalMergeType, WidthType,
} from 'docx';
import { Rand, type GroundTruthDocument } from '../generator/ground-truth.js';
import type { Block, TableBlock } from '../other-hands/blocks.js';
import { programmeContent, reportContent } from '../other-hands/content.js';
import { dateLines, issuerLines, numberLine, titleText } from '../other-hands/header-text.js';
import { layoutFor } from '../other-hands/params.js';
import type { ReportPageParts } from './html.js';

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];
const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const NO_BORDERS = { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER };
const LINES = { top: LINE, bottom: LINE, left: LINE, right: LINE };

interface Style { font: string; size: number; headerSize: number; tableSize: number }

function run(text: string, s: Style, o: { bold?: boolean; italic?: boolean; size?: number } = {}): TextRun {
  return new TextRun({ text, bold: o.bold, italics: o.italic, size: o.size ?? s.size, font: s.font });
}

function para(text: string, s: Style, o: { bold?: boolean; italic?: boolean; size?: number; align?: Align; indent?: boolean; after?: number; before?: number } = {}): Paragraph {
  return new Paragraph({
    alignment: o.align ?? AlignmentType.JUSTIFIED,
    spacing: { before: o.before ?? 0, after: o.after ?? 0 },
    ...(o.indent ? { indent: { firstLine: 567 } } : {}),
    children: [run(text, s, o)],
  });
}

const centre = (text: string, s: Style, o: { bold?: boolean; italic?: boolean; size?: number; after?: number } = {}) => para(text, s, { ...o, align: AlignmentType.CENTER });

function plainCell(children: Paragraph[], pct: number): TableCell {
  return new TableCell({ children, width: { size: pct, type: WidthType.PERCENTAGE }, borders: NO_BORDERS });
}

/** Issuer | Quốc hiệu over Số | place and date (a công văn's "V/v" under the number). */
function header(d: GroundTruthDocument, s: Style, subjectLine: string | null): Table {
  const L = layoutFor(d);
  const rand = new Rand('other-hands', 'render', d.id);
  const issuer = d.issuers.flatMap((b, i) => [
    ...(i > 0 ? [centre('', s)] : []),
    ...issuerLines(d, b, L, rand).map((l) => centre(l.text, s, { bold: l.bold, size: s.headerSize })),
  ]);
  const motto = [
    centre('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', s, { bold: true, size: s.headerSize }),
    centre('Độc lập - Tự do - Hạnh phúc', s, { bold: true, size: s.headerSize + 1 }),
  ];
  const number = [centre(numberLine(d, L), s, { size: s.headerSize + 1 })];
  if (subjectLine) number.push(centre(subjectLine, s, { size: s.headerSize }));
  const date = dateLines(d, L).map((l) => centre(l, s, { italic: true, size: s.headerSize + 1 }));
  const left = 40;
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ children: [plainCell(issuer, left), plainCell(motto, 100 - left)] }),
      new TableRow({ children: [plainCell(number, left), plainCell(date, 100 - left)] }),
    ],
  });
}

function headerCells(t: TableBlock, s: Style): TableRow[] {
  const twoRows = t.header.some((h) => h.row === 1);
  const shade = t.fill ? { fill: 'E8E8E8', type: ShadingType.CLEAR, color: 'auto' } : undefined;
  const cellOf = (text: string, span: number, merge?: (typeof VerticalMergeType)[keyof typeof VerticalMergeType]) => new TableCell({
    children: [centre(text, s, { bold: true, size: s.tableSize })], columnSpan: span, borders: LINES, verticalAlign: VerticalAlign.CENTER,
    ...(merge ? { verticalMerge: merge } : {}), ...(shade ? { shading: shade } : {}),
  });
  const rows: TableRow[] = [];
  for (const r of twoRows ? [0, 1] : [0]) {
    const cells: TableCell[] = [];
    let col = 0;
    while (col < t.cols.length) {
      const here = t.header.find((h) => h.col === col && (h.row === r || (r === 1 && h.rowSpan === 2)));
      if (!here) { col++; continue; }
      if (r === 1 && here.rowSpan === 2) cells.push(cellOf('', here.span, VerticalMergeType.CONTINUE));
      else cells.push(cellOf(here.text, here.span, twoRows && here.rowSpan === 2 ? VerticalMergeType.RESTART : undefined));
      col += here.span;
    }
    rows.push(new TableRow({ children: cells, tableHeader: true }));
  }
  return rows;
}

const ALIGN: Record<string, Align> = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT };

function table(t: TableBlock, s: Style): (Paragraph | Table)[] {
  const caption = t.caption.map((c) => centre(c, s, { bold: !c.startsWith('('), italic: c.startsWith('('), size: c.startsWith('(') ? s.tableSize : s.size }));
  const body = t.rows.map((r) => {
    const merged = r.group && t.mergedGroups;
    const cells = (merged ? [r.cells[0], r.cells[1]] : r.cells).map((c, i) => new TableCell({
      children: [para(c, s, { size: s.tableSize, bold: r.group, align: merged && i === 1 ? AlignmentType.LEFT : ALIGN[t.cols[i]?.align ?? 'left'] })],
      borders: LINES, ...(merged && i === 1 ? { columnSpan: t.cols.length - 1 } : {}),
    }));
    return new TableRow({ children: cells });
  });
  return [...caption, new Table({
    width: { size: 100, type: WidthType.PERCENTAGE }, columnWidths: t.cols.map((c) => Math.round(c.frac * 9000)),
    rows: [...headerCells(t, s), ...body],
  }), para('', s)];
}

function blocks(bs: Block[], s: Style): (Paragraph | Table)[] {
  return bs.flatMap((b): (Paragraph | Table)[] => {
    if (b.t === 'pagebreak') return [new Paragraph({ pageBreakBefore: true, children: [] })];
    if (b.t === 'heading') return [para(b.text, s, { bold: true, italic: b.italic, align: b.centred ? AlignmentType.CENTER : AlignmentType.LEFT, before: 120, after: 60, indent: !b.centred })];
    if (b.t === 'para') return [para(b.text, s, { italic: b.italic, indent: !b.noIndent, before: 60, after: 60 })];
    return table(b, s);
  });
}

function closing(d: GroundTruthDocument, recipients: string[], s: Style): Table {
  const list = [para('Nơi nhận:', s, { bold: true, italic: true, size: 22, align: AlignmentType.LEFT }), ...recipients.map((r) => para(r, s, { size: 20, align: AlignmentType.LEFT }))];
  const signer = d.signers[0];
  const sign = [...signer.lines.map((l) => centre(l, s, { bold: true, size: s.headerSize + 1 })), centre('', s), centre('', s), centre('', s), centre(signer.name, s, { bold: true, size: s.headerSize + 2 })];
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [new TableRow({ children: [plainCell(list, 45), plainCell(sign, 55)] })] });
}

/** The DOCX of one ground-truth document, worded and tabled as the other-hands corpus does. */
export async function renderWordReport(d: GroundTruthDocument): Promise<Buffer> {
  const L = layoutFor(d);
  const t = titleText(d, L, new Rand('other-hands', 'title', d.id));
  const c = d.kind === 'report' ? reportContent(d, L) : programmeContent(d);
  const h = new Rand('word-rendered', 'style', d.id);
  const s: Style = { font: h.chance(0.7) ? 'Times New Roman' : 'Arial', size: h.chance(0.5) ? 28 : 26, headerSize: h.chance(0.5) ? 26 : 24, tableSize: h.chance(0.5) ? 22 : 24 };
  const children: (Paragraph | Table)[] = [header(d, s, t.subjectLine), para('', s)];
  if (t.typeLine) children.push(centre(t.typeLine, s, { bold: true, size: s.size + 2 }));
  if (t.title) children.push(centre(t.title, s, { bold: true, after: 200 }));
  if (c.salutation) children.push(centre(`Kính gửi: ${c.salutation}`, s, { italic: true, after: 120 }));
  children.push(...blocks(c.body, s), closing(d, c.recipients, s));
  if (c.appendix.length) children.push(new Paragraph({ pageBreakBefore: true, children: [] }), ...blocks(c.appendix, s));
  const doc = new Document({
    styles: { default: { document: { run: { font: s.font, size: s.size } } } },
    sections: [{ properties: { page: { margin: { top: 1134, bottom: 1134, left: 1701, right: 850 } } }, children }],
  });
  return Packer.toBuffer(doc);
}

/** The same document's printed parts, for the web-page rendering (html.ts). */
export function reportPageParts(d: GroundTruthDocument): ReportPageParts {
  const L = layoutFor(d);
  const t = titleText(d, L, new Rand('other-hands', 'title', d.id));
  const c = d.kind === 'report' ? reportContent(d, L) : programmeContent(d);
  const rand = new Rand('other-hands', 'render', d.id);
  return {
    issuer: d.issuers.map((b) => issuerLines(d, b, L, rand)), numberLine: numberLine(d, L), dateLines: dateLines(d, L),
    typeLine: t.typeLine, title: t.title, subjectLine: t.subjectLine, salutation: c.salutation, body: c.body, appendix: c.appendix,
    recipients: c.recipients, signer: d.signers[0],
  };
}
