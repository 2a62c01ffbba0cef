// DOCX (docx library) laid out like the national report: the section I.2 sentences with real
// footnotes, then each appendix on a landscape A4 section — centred heading and title, a
// bordered table whose header row repeats on every page, the total row, region rows in bold,
// several documents of one province as separate lines of the same cell.
import {
  AlignmentType, BorderStyle, Document, FootnoteReferenceRun, Packer, PageOrientation, Paragraph, Table, TableCell,
  TableRow, TextRun, VerticalAlign, WidthType, type ISectionOptions,
} from 'docx';
import { COLUMN_HEADERS, viDate, type AppendixTable } from './appendix.js';
import type { IndicatorTotals } from './indicator-totals.js';
import { viNumber } from './indicator-totals.js';
import type { Narrative } from './narrative.js';
import { cellNumber, scopeLine } from './format.js';
import type { ReportBundle } from './report-bundle.js';

const FONT = 'Times New Roman';
const SIZE = 24; // half-points: 12 pt
const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = { top: border, bottom: border, left: border, right: border };

const run = (text: string, o: { bold?: boolean; italic?: boolean; size?: number } = {}) =>
  new TextRun({ text, font: FONT, size: o.size ?? SIZE, bold: o.bold, italics: o.italic });

const centred = (text: string, o: { bold?: boolean; italic?: boolean } = {}) =>
  new Paragraph({ alignment: AlignmentType.CENTER, children: [run(text, o)] });

function cell(lines: string[], o: { bold?: boolean; center?: boolean; width: number; header?: boolean }): TableCell {
  return new TableCell({
    borders: BORDERS,
    width: { size: o.width, type: WidthType.PERCENTAGE },
    verticalAlign: VerticalAlign.CENTER,
    children: (lines.length ? lines : ['']).map((l) => new Paragraph({
      alignment: o.center ? AlignmentType.CENTER : AlignmentType.LEFT,
      children: [run(l, { bold: o.bold, size: o.header ? 22 : SIZE })],
    })),
  });
}

const WIDTHS = [6, 24, 14, 36, 20];

function appendixSection(a: AppendixTable): ISectionOptions {
  const head = COLUMN_HEADERS.map((h, i) => (i === 2 ? a.markHeader : h));
  const rows: TableRow[] = [
    new TableRow({ tableHeader: true, children: head.map((h, i) => cell([h], { bold: true, center: true, width: WIDTHS[i], header: true })) }),
    new TableRow({ children: ['', 'Tổng cộng', String(a.total), '', ''].map((v, i) => cell([v], { bold: true, center: i !== 1, width: WIDTHS[i] })) }),
  ];
  for (const reg of a.regions) {
    rows.push(new TableRow({ children: [reg.roman, reg.name, '', '', ''].map((v, i) => cell([v], { bold: true, center: i === 0, width: WIDTHS[i] })) }));
    for (const x of a.rows.filter((y) => y.regionId === reg.id)) {
      rows.push(new TableRow({
        cantSplit: true,
        children: [
          cell([String(x.tt)], { center: true, width: WIDTHS[0] }),
          cell([x.province], { width: WIDTHS[1] }),
          cell([x.marked ? (x.provisional ? 'X*' : 'X') : ''], { center: true, width: WIDTHS[2] }),
          cell(x.documents.map(cellNumber), { width: WIDTHS[3] }),
          cell(x.documents.map((d) => viDate(d.issueDate)), { center: true, width: WIDTHS[4] }),
        ],
      }));
    }
  }
  const children: (Paragraph | Table)[] = [
    centred(a.heading, { bold: true }),
    centred(a.title, { bold: true }),
    centred(`(${scopeLine(a)})`, { italic: true }),
    new Paragraph({ children: [] }),
    new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows }),
  ];
  if (a.rows.some((r) => r.documents.some((d) => d.provisional))) {
    children.push(new Paragraph({ children: [run('* Tạm tính: văn bản có số hiệu, ngày hoặc tỉnh còn chờ kiểm tra.', { italic: true, size: 22 })] }));
  }
  return { properties: { page: { size: { orientation: PageOrientation.LANDSCAPE }, margin: { top: 1000, bottom: 1000, left: 1000, right: 1000 } } }, children };
}

function indicatorsSection(t: IndicatorTotals): ISectionOptions {
  const widths = [8, 40, 12, 16, 10, 14];
  const head = ['Mục', 'Chỉ tiêu', 'Đơn vị', 'Tổng số', 'Số tỉnh', 'Ghi chú'];
  const rows = [
    new TableRow({ tableHeader: true, children: head.map((h, i) => cell([h], { bold: true, center: true, width: widths[i], header: true })) }),
    ...t.rows.map((r) => new TableRow({
      cantSplit: true,
      children: [
        r.section, r.label, r.unit,
        `${r.qualifier === 'at_least' ? 'hơn ' : r.qualifier === 'approx' ? 'khoảng ' : ''}${viNumber(r.total)}${r.totalOf !== undefined ? `/${viNumber(r.totalOf)}` : ''}`,
        String(r.provinces), r.provisional ? 'Tạm tính' : '',
      ].map((v, i) => cell([v], { center: i === 0 || i >= 3, width: widths[i] })),
    })),
  ];
  return {
    properties: { page: { size: { orientation: PageOrientation.LANDSCAPE }, margin: { top: 1000, bottom: 1000, left: 1000, right: 1000 } } },
    children: [centred(t.title, { bold: true }), centred(`(${scopeLine(t)})`, { italic: true }), new Paragraph({ children: [] }),
      new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows })],
  };
}

/** The I.2 sentences; the superscript markers of the text become Word footnote references. */
function narrativeSection(nv: Narrative): { section: ISectionOptions; footnotes: Record<number, { children: Paragraph[] }> } {
  const footnotes: Record<number, { children: Paragraph[] }> = {};
  for (const f of nv.paragraphs.flatMap((p) => p.footnotes)) footnotes[f.n] = { children: [new Paragraph({ children: [run(f.text, { size: 20 })] })] };
  const letters = ['a', 'b', 'c'];
  const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  const paras = nv.paragraphs.map((p, i) => new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    spacing: { after: 120 },
    indent: { firstLine: 567 },
    children: `${letters[i]}) ${p.text}`.split(/([⁰¹²³⁴⁵⁶⁷⁸⁹]+)/).filter(Boolean).map((part) =>
      /^[⁰¹²³⁴⁵⁶⁷⁸⁹]+$/.test(part) ? new FootnoteReferenceRun(Number([...part].map((c) => SUP.indexOf(c)).join(''))) : run(part)),
  }));
  return { section: { children: [new Paragraph({ children: [run(`2. Ở địa phương`, { bold: true })] }), ...paras] }, footnotes };
}

export async function reportDocx(b: ReportBundle): Promise<Uint8Array> {
  const sections: ISectionOptions[] = [];
  let footnotes: Record<number, { children: Paragraph[] }> = {};
  if (b.narrative) {
    const n = narrativeSection(b.narrative);
    sections.push(n.section);
    footnotes = n.footnotes;
  }
  for (const a of b.appendices) sections.push(appendixSection(a));
  if (b.indicators) sections.push(indicatorsSection(b.indicators));
  const doc = new Document({
    creator: 'tonghop', title: b.appendices[0]?.title ?? 'Báo cáo tổng hợp', footnotes,
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections,
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
