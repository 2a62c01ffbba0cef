// One provincial report written three ways for the Word/Excel tests (issue 14 part 2): as the
// DOCX an office saves (two-column header table, title, body, indicator table), as an XLSX
// annex holding the same table, and as the lines of the same report printed to PDF.
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, BorderStyle } from 'docx';
import ExcelJS from 'exceljs';

export const HEADER_LEFT = ['ỦY BAN NHÂN DÂN', 'TỈNH HÀ GIANG', 'Số: 280/BC-UBND'];
export const HEADER_RIGHT = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Hà Giang, ngày 29 tháng 6 năm 2023'];
export const TYPE_NAME = 'BÁO CÁO';
/** The title in two lines, broken by hand as offices do (Shift+Enter) to balance a long title. */
export const TITLE_LINES = ['Kết quả thực hiện Chương trình phối hợp giảm nghèo', '6 tháng đầu năm 2023'];
export const TITLE = TITLE_LINES.join(' ');
export const BODY = 'Thực hiện Chương trình phối hợp, Ủy ban nhân dân tỉnh báo cáo kết quả 6 tháng đầu năm 2023 như sau:';
export const TABLE_HEADER = ['TT', 'Nội dung', 'Đơn vị tính', 'Kế hoạch năm 2023', 'Thực hiện 6 tháng'];
export const TABLE_ROWS = [
  ['1', 'Chương trình phát thanh', 'chương trình', '1.000', '924'],
  ['2', 'Số lượng báo in phát hành', 'tờ', '20.000.000', '20.761.960'],
  ['3', 'Đài truyền thanh xã nâng cấp, chuyển đổi', 'đài', '5', '4'],
];
/** The figures as numbers, for the XLSX (Excel stores numbers, not Vietnamese notation). */
const asNumber = (s: string) => (/^[\d.]+$/.test(s) && s.length > 2 ? Number(s.replace(/\./g, '')) : /^\d+$/.test(s) ? Number(s) : s);

const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const noBorders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
const p = (text: string, o: { bold?: boolean; italics?: boolean; size?: number; center?: boolean } = {}) =>
  new Paragraph({ alignment: o.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED, children: [new TextRun({ text, bold: o.bold, italics: o.italics, size: (o.size ?? 13) * 2, font: 'Times New Roman' })] });

/** The report as a DOCX, the way offices lay it out (header table without borders); another header block may be given. */
export async function reportDocx(o: { left?: string[]; right?: string[] } = {}): Promise<Buffer> {
  const left = o.left ?? HEADER_LEFT;
  const right = o.right ?? HEADER_RIGHT;
  const header = new Table({
    borders: noBorders,
    width: { size: 9356, type: WidthType.DXA },
    columnWidths: [3686, 5670],
    rows: [new TableRow({ children: [
      new TableCell({ borders: noBorders, width: { size: 3686, type: WidthType.DXA }, children: [p(left[0], { center: true }), p(left[1], { bold: true, center: true }), p(''), p(left[2], { center: true })] }),
      new TableCell({ borders: noBorders, width: { size: 5670, type: WidthType.DXA }, children: [p(right[0], { bold: true, center: true, size: 12 }), p(right[1], { bold: true, center: true }), p(''), p(right[2], { italics: true, center: true })] }),
    ] })],
  });
  const widths = [600, 3800, 1400, 1700, 1800];
  const figures = new Table({
    width: { size: 9300, type: WidthType.DXA },
    columnWidths: widths,
    rows: [TABLE_HEADER, ...TABLE_ROWS].map((r, i) => new TableRow({ children: r.map((c, j) => new TableCell({ width: { size: widths[j], type: WidthType.DXA }, children: [p(c, { bold: i === 0, center: j !== 1, size: 12 })] })) })),
  });
  const doc = new Document({
    sections: [{
      properties: { page: { size: { width: 11906, height: 16838 }, margin: { left: 1701, right: 1134, top: 1134, bottom: 1134 } } },
      children: [header, p(''), p(TYPE_NAME, { bold: true, center: true, size: 14 }), new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: TITLE_LINES[0], bold: true, size: 28 }), new TextRun({ text: TITLE_LINES[1], bold: true, size: 28, break: 1 })] }), p(''), p(BODY), figures, p('Trên đây là báo cáo của Ủy ban nhân dân tỉnh Hà Giang.')],
    }],
  });
  return Packer.toBuffer(doc);
}

/** The indicator table as an XLSX annex (a title row, the header, the rows). */
export async function annexXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Phụ lục');
  ws.addRow(['Phụ lục: Kết quả thực hiện Chương trình phối hợp giảm nghèo 6 tháng đầu năm 2023']);
  ws.addRow(TABLE_HEADER);
  for (const r of TABLE_ROWS) ws.addRow(r.map(asNumber));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A summary table as offices lay it out: a two-row header ("Năm 2023" over "Kế hoạch | Thực hiện"), a unit that wraps, plan and actual side by side. */
export const MERGED_HEADER = { top: ['TT', 'Chỉ tiêu', 'Đơn vị tính', 'Năm 2023', 'Đạt %'], sub: ['Kế hoạch', 'Thực hiện'] };
export const MERGED_ROWS = [
  ['1', 'Chương trình truyền hình', 'Chương trình', '1.100', '1.184', '107,6'],
  ['2', 'Ấn phẩm báo in', 'Ấn phẩm', '5', '6', '120,0'],
  ['3', 'File điện tử', 'File', '110', '82', '74,5'],
  ['4', 'Đoàn kiểm tra, giám sát cấp tỉnh', 'Đoàn', '170', '162', '95,3'],
];
export const MERGED_FIGURES = { tv_programs: 1184, print_publications: 6, e_files: 82, inspection_teams_provincial: 162 };

/** The merged-header table in a DOCX (vMerge, gridSpan, centred header cells, narrow unit column), a paragraph right under it. */
export async function mergedHeaderDocx(): Promise<Buffer> {
  const widths = [500, 3400, 1000, 1200, 1200, 900];
  const cell = (text: string, o: { span?: number; merge?: 'restart' | 'continue'; bold?: boolean; align?: 'center' | 'right' | 'left' } = {}) => new TableCell({
    columnSpan: o.span ?? 1,
    ...(o.merge ? { verticalMerge: o.merge } : {}),
    verticalAlign: 'center',
    children: [new Paragraph({ alignment: o.align === 'right' ? AlignmentType.RIGHT : o.align === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER, children: [new TextRun({ text, bold: o.bold, size: 22, font: 'Times New Roman' })] })],
  });
  const h = MERGED_HEADER.top;
  const header = [
    new TableRow({ tableHeader: true, children: [cell(h[0], { merge: 'restart', bold: true }), cell(h[1], { merge: 'restart', bold: true }), cell(h[2], { merge: 'restart', bold: true }), cell(h[3], { span: 2, bold: true }), cell(h[4], { merge: 'restart', bold: true })] }),
    new TableRow({ tableHeader: true, children: [cell('', { merge: 'continue' }), cell('', { merge: 'continue' }), cell('', { merge: 'continue' }), cell(MERGED_HEADER.sub[0], { bold: true }), cell(MERGED_HEADER.sub[1], { bold: true }), cell('', { merge: 'continue' })] }),
  ];
  const body = MERGED_ROWS.map((r) => new TableRow({ children: r.map((c, j) => cell(c, { align: j === 1 ? 'left' : j >= 3 ? 'right' : 'center' })) }));
  const doc = new Document({
    sections: [{
      properties: { page: { margin: { top: 1134, bottom: 1134, left: 1701, right: 850 } } },
      children: [
        p('Kết quả cụ thể như sau:'),
        new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, columnWidths: widths, rows: [...header, ...body] }),
        p('Trên đây là báo cáo kết quả thực hiện 6 tháng đầu năm 2023 của Sở Lao động - Thương binh và Xã hội.'),
      ],
    }],
  });
  return Packer.toBuffer(doc);
}

/** The same table as an Excel annex with merged cells (Merge & Center). */
export async function mergedHeaderXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Biểu 01');
  ws.addRow(['Biểu tổng hợp kết quả thực hiện năm 2023']);
  ws.addRow([...MERGED_HEADER.top.slice(0, 4), '', MERGED_HEADER.top[4]]);
  ws.addRow(['', '', '', ...MERGED_HEADER.sub, '']);
  for (const r of MERGED_ROWS) ws.addRow(r.map(asNumber));
  for (const range of ['A2:A3', 'B2:B3', 'C2:C3', 'D2:E2', 'F2:F3']) ws.mergeCells(range);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
