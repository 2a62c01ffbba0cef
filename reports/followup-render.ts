// The follow-up table (reports/followup.ts) as Markdown, CSV and XLSX; JSON is the table itself.
import ExcelJS from 'exceljs';
import { toCsv } from './csv.js';
import { viDate } from './appendix.js';
import type { FollowupDocument, FollowupRow, FollowupStatus, FollowupTable } from './followup.js';

import { FOLLOWUP_FORMATS } from './formats.js';
export { FOLLOWUP_FORMATS };
export type FollowupFormat = (typeof FOLLOWUP_FORMATS)[number];

export const STATUS_LABEL: Record<FollowupStatus, string> = {
  received: 'Đã nhận, đúng hạn',
  late: 'Đã nhận, quá hạn',
  in_review: 'Đã nhận, đang kiểm tra',
  missing: 'Chưa gửi',
};

const HEADERS = ['TT', 'Mã', 'Tỉnh, thành phố', 'Tình trạng', 'Số hiệu văn bản', 'Ngày ban hành', 'Ngày nhận'];

export function followupTitle(t: FollowupTable): string {
  return `Theo dõi tình hình gửi ${t.kind === 'programme' ? 'chương trình phối hợp' : t.kind === 'report' ? 'báo cáo' : 'văn bản'} ${t.period}`;
}

export function followupSummary(t: FollowupTable): string {
  const req = t.request ? `theo Công văn số ${t.request.number}${t.request.date ? ` ngày ${viDate(t.request.date)}` : ''}, ` : '';
  const s = `${req}hạn ${viDate(t.deadline)}: ${t.received}/${t.expected} tỉnh, thành phố đã gửi (${t.onTime} đúng hạn, ${t.late} quá hạn, ${t.inReview} đang kiểm tra); còn ${t.missing} chưa gửi.`;
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const docNumber = (d: FollowupDocument) => `${d.docNumber ?? '(chưa đọc được số)'}${d.provisional ? '*' : ''}${d.predecessor ? ` (${d.predecessor.name})` : ''}`;
const provinceCell = (r: FollowupRow) => (r.predecessors ? `${r.province} (${r.predecessors.map((p) => p.name).join(', ')})` : r.province);

export function followupMarkdown(t: FollowupTable): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const lines = [`# ${followupTitle(t)}`, '', followupSummary(t), '', `| ${HEADERS.join(' | ')} |`, `|${HEADERS.map(() => '---').join('|')}|`];
  for (const r of t.rows) {
    lines.push(`| ${[
      String(r.tt), r.code, provinceCell(r), STATUS_LABEL[r.status],
      r.documents.map(docNumber).join('<br>'), r.documents.map((d) => viDate(d.issueDate)).join('<br>'),
      r.documents.map((d) => viDate(d.receivedDate)).join('<br>'),
    ].map(esc).join(' | ')} |`);
  }
  if (t.rows.some((r) => r.documents.some((d) => d.provisional))) lines.push('', '\\* số hiệu, ngày hoặc tỉnh còn chờ kiểm tra.');
  return `${lines.join('\n')}\n`;
}

/** One line per province and document (a province without a document: one line, empty cells). */
export function followupCsv(t: FollowupTable): string {
  const rows = t.rows.flatMap((r) => (r.documents.length ? r.documents : [null]).map((d) => [
    r.tt, r.code, r.province, r.status, d?.docNumber ?? null, d?.issueDate ?? null, d?.receivedDate ?? null, d ? d.provisional : null, d?.id ?? null,
  ]));
  return toCsv(['tt', 'code', 'province', 'status', 'docNumber', 'issueDate', 'receivedDate', 'provisional', 'documentId'], rows);
}

const FONT = 'Times New Roman';
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
const FILL: Record<FollowupStatus, string> = { received: 'FFE2EFDA', late: 'FFFFF2CC', in_review: 'FFDDEBF7', missing: 'FFF8CBAD' };

export async function followupXlsx(t: FollowupTable): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'tonghop';
  wb.created = new Date(0);
  wb.modified = new Date(0);
  const ws = wb.addWorksheet('Theo dõi', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = [{ width: 6 }, { width: 6 }, { width: 30 }, { width: 22 }, { width: 34 }, { width: 14 }, { width: 14 }];
  [followupTitle(t), followupSummary(t)].forEach((text, i) => {
    const c = ws.getRow(i + 1).getCell(1);
    c.value = text;
    c.font = { name: FONT, size: 12, bold: i === 0, italic: i === 1 };
    c.alignment = { horizontal: 'center', wrapText: true };
    ws.mergeCells(i + 1, 1, i + 1, HEADERS.length);
  });
  ws.getRow(2).height = 32;
  const head = ws.getRow(4);
  HEADERS.forEach((h, i) => {
    const c = head.getCell(i + 1);
    c.value = h;
    c.font = { name: FONT, size: 11, bold: true };
    c.border = THIN;
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  ws.views = [{ state: 'frozen', ySplit: 4 }];
  ws.pageSetup.printTitlesRow = '4:4';
  t.rows.forEach((r, i) => {
    const row = ws.getRow(5 + i);
    const values = [r.tt, r.code, provinceCell(r), STATUS_LABEL[r.status], r.documents.map(docNumber).join('\n') || null,
      r.documents.map((d) => viDate(d.issueDate)).join('\n') || null, r.documents.map((d) => viDate(d.receivedDate)).join('\n') || null];
    values.forEach((v, j) => {
      const c = row.getCell(j + 1);
      c.value = v;
      c.font = { name: FONT, size: 11 };
      c.border = THIN;
      c.alignment = { vertical: 'middle', wrapText: true, horizontal: j === 2 || j === 4 ? 'left' : 'center' };
    });
    row.getCell(4).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[r.status] } };
    if (r.documents.length > 1) row.height = 15 * r.documents.length + 2;
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export async function renderFollowup(t: FollowupTable, format: FollowupFormat): Promise<string | Uint8Array> {
  if (format === 'json') return `${JSON.stringify(t, null, 2)}\n`;
  if (format === 'md') return followupMarkdown(t);
  if (format === 'csv') return followupCsv(t);
  return followupXlsx(t);
}
