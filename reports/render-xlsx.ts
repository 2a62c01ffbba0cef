// XLSX workbook (exceljs): one sheet per table, title rows, a styled header that repeats on
// every printed page, region and total rows in bold, column widths set, landscape A4.
import ExcelJS from 'exceljs';
import { COLUMN_HEADERS, viDate, type AppendixTable } from './appendix.js';
import type { IndicatorTotals } from './indicator-totals.js';
import type { Narrative } from './narrative.js';
import { superscript } from './narrative.js';
import { cellNumber, scopeLine } from './format.js';
import type { ReportBundle } from './report-bundle.js';

const FONT = 'Times New Roman';
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' },
};
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };

export async function reportXlsx(b: ReportBundle): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'tonghop';
  wb.created = new Date(0);
  wb.modified = new Date(0);
  for (const a of b.appendices) appendixSheet(wb, a);
  if (b.indicators) indicatorsSheet(wb, b.indicators);
  if (b.narrative) narrativeSheet(wb, b.narrative);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function titleRows(ws: ExcelJS.Worksheet, lines: { text: string; bold?: boolean; italic?: boolean }[], width: number): number {
  lines.forEach((l, i) => {
    const r = ws.getRow(i + 1);
    r.getCell(1).value = l.text;
    r.getCell(1).font = { name: FONT, size: 12, bold: !!l.bold, italic: !!l.italic };
    r.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    ws.mergeCells(i + 1, 1, i + 1, width);
  });
  return lines.length + 2; // a blank row, then the header
}

function headerRow(ws: ExcelJS.Worksheet, rowNo: number, headers: string[]): void {
  const r = ws.getRow(rowNo);
  headers.forEach((h, i) => {
    const c = r.getCell(i + 1);
    c.value = h;
    c.font = { name: FONT, size: 11, bold: true };
    c.fill = HEADER_FILL;
    c.border = THIN;
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  r.height = 45;
  ws.pageSetup.printTitlesRow = `${rowNo}:${rowNo}`;
  ws.views = [{ state: 'frozen', ySplit: rowNo }];
}

function bodyRow(ws: ExcelJS.Worksheet, rowNo: number, values: (string | number | null)[], opts: { bold?: boolean; center?: number[] } = {}): ExcelJS.Row {
  const r = ws.getRow(rowNo);
  values.forEach((v, i) => {
    const c = r.getCell(i + 1);
    c.value = v;
    c.font = { name: FONT, size: 11, bold: !!opts.bold };
    c.border = THIN;
    c.alignment = { vertical: 'middle', wrapText: true, horizontal: opts.center?.includes(i) ? 'center' : 'left' };
  });
  return r;
}

function appendixSheet(wb: ExcelJS.Workbook, a: AppendixTable): void {
  const ws = wb.addWorksheet(a.heading, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = [{ width: 6 }, { width: 26 }, { width: 16 }, { width: 40 }, { width: 22 }];
  let n = titleRows(ws, [{ text: a.heading, bold: true }, { text: a.title, bold: true }, { text: `(${scopeLine(a)})`, italic: true }], 5);
  headerRow(ws, n, COLUMN_HEADERS.map((h, i) => (i === 2 ? a.markHeader : h)));
  bodyRow(ws, ++n, [null, 'Tổng cộng', a.total, null, null], { bold: true, center: [2] });
  for (const reg of a.regions) {
    bodyRow(ws, ++n, [reg.roman, reg.name, null, null, null], { bold: true, center: [0] });
    for (const x of a.rows.filter((y) => y.regionId === reg.id)) {
      const r = bodyRow(ws, ++n, [
        x.tt, x.province, x.marked ? (x.provisional ? 'X*' : 'X') : null,
        x.documents.map(cellNumber).join('\n') || null, x.documents.map((d) => viDate(d.issueDate)).join('\n') || null,
      ], { center: [0, 2, 4] });
      if (x.documents.length > 1) r.height = 15 * x.documents.length + 2;
    }
  }
  if (a.provisional > 0 || a.rows.some((r) => r.documents.some((d) => d.provisional))) {
    n += 2;
    ws.getCell(n, 1).value = '* Tạm tính: văn bản có số hiệu, ngày hoặc tỉnh còn chờ kiểm tra.';
    ws.getCell(n, 1).font = { name: FONT, size: 10, italic: true };
  }
}

function indicatorsSheet(wb: ExcelJS.Workbook, t: IndicatorTotals): void {
  const ws = wb.addWorksheet('Chỉ tiêu', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = [{ width: 8 }, { width: 48 }, { width: 14 }, { width: 20 }, { width: 12 }, { width: 12 }, { width: 10 }, { width: 56 }];
  let n = titleRows(ws, [{ text: t.title, bold: true }, { text: `(${scopeLine(t)})`, italic: true }], 8);
  headerRow(ws, n, ['Mục', 'Chỉ tiêu', 'Đơn vị', 'Tổng số', 'Trên tổng số', 'Số tỉnh báo cáo', 'Tạm tính', 'Diễn đạt trong báo cáo']);
  for (const r of t.rows) {
    const row = bodyRow(ws, ++n, [r.section, r.label, r.unit, r.total, r.totalOf ?? null, r.provinces, r.provisional ? 'X' : null, r.text], { center: [0, 5, 6] });
    row.getCell(4).numFmt = '#,##0';
    row.getCell(5).numFmt = '#,##0';
  }
}

function narrativeSheet(wb: ExcelJS.Workbook, nv: Narrative): void {
  const ws = wb.addWorksheet('Tình hình địa phương');
  ws.columns = [{ width: 8 }, { width: 120 }];
  let n = titleRows(ws, [{ text: nv.title, bold: true }], 2);
  headerRow(ws, n, ['Mục', 'Nội dung']);
  const letters = ['a)', 'b)', 'c)'];
  nv.paragraphs.forEach((p, i) => {
    bodyRow(ws, ++n, [letters[i], p.text]).height = 75;
  });
  for (const f of nv.paragraphs.flatMap((p) => p.footnotes)) bodyRow(ws, ++n, [superscript(f.n), f.text]).height = 45;
}
