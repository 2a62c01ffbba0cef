// Markdown of the report tables, laid out like the national report's appendices.
import { COLUMN_HEADERS, viDate, type AppendixTable } from './appendix.js';
import { viNumber, type IndicatorTotals } from './indicator-totals.js';
import { narrativeMarkdown } from './narrative.js';
import type { ReportBundle } from './report-bundle.js';
import { cellNumber, scopeLine } from './format.js';

const esc = (s: string) => s.replace(/\|/g, '\\|');
const row = (cells: string[]) => `| ${cells.map(esc).join(' | ')} |`;

export function reportMarkdown(b: ReportBundle): string {
  const parts: string[] = [];
  if (b.narrative) parts.push(narrativeMarkdown(b.narrative));
  for (const a of b.appendices) parts.push(appendixMarkdown(a));
  if (b.indicators) parts.push(indicatorsMarkdown(b.indicators));
  return `${parts.join('\n\n')}\n`;
}



export function appendixMarkdown(a: AppendixTable): string {
  const head = COLUMN_HEADERS.map((h, i) => (i === 2 ? a.markHeader : h));
  const out = [`## ${a.heading}`, '', `**${a.title}**`, '', `_${scopeLine(a)}_`, '', row(head), `|${head.map((_, i) => (i === 1 || i === 3 ? ' --- ' : ' :-: ')).join('|')}|`];
  out.push(row(['', '**Tổng cộng**', `**${a.total}**`, '', '']));
  for (const r of a.regions) {
    out.push(row([`**${r.roman}**`, `**${r.name}**`, '', '', '']));
    for (const x of a.rows.filter((y) => y.regionId === r.id)) {
      out.push(row([
        String(x.tt), x.province, x.marked ? (x.provisional ? 'X*' : 'X') : '',
        x.documents.map(cellNumber).join('<br>'), x.documents.map((d) => viDate(d.issueDate)).join('<br>'),
      ]));
    }
  }
  const notes: string[] = [];
  if (a.provisional > 0 || a.rows.some((r) => r.documents.some((d) => d.provisional))) {
    notes.push(`\\* Tạm tính: văn bản có số hiệu, ngày hoặc tỉnh còn chờ kiểm tra (${a.provisional} tỉnh, thành phố được đánh dấu chỉ dựa trên văn bản tạm tính).`);
  }
  if (a.layout === 34 && a.rows.some((r) => r.documents.some((d) => d.predecessor))) {
    notes.push('Văn bản của các tỉnh trước sắp xếp (1/7/2025) được ghi dưới tỉnh mới, kèm tên tỉnh cũ; mỗi tỉnh mới được đếm một lần.');
  }
  if (a.excluded.length) notes.push(`Không tính ${a.excluded.length} văn bản (ngoài kỳ, sau ngày chốt, chưa xác định được tỉnh hoặc tạm tính khi chỉ lấy văn bản đã kiểm tra).`);
  if (notes.length) out.push('', ...notes.map((n) => `- ${n}`));
  return out.join('\n');
}

export function indicatorsMarkdown(t: IndicatorTotals): string {
  const out = [`## ${t.title}`, '', `_${scopeLine(t)}_`, '', row(['Mục', 'Chỉ tiêu', 'Đơn vị', 'Tổng số', 'Số tỉnh báo cáo', 'Diễn đạt trong báo cáo']), '| :-: | --- | --- | --: | --: | --- |'];
  for (const r of t.rows) {
    const total = `${r.qualifier === 'at_least' ? 'hơn ' : r.qualifier === 'approx' ? 'khoảng ' : ''}${viNumber(r.total)}${r.totalOf !== undefined ? `/${viNumber(r.totalOf)}` : ''}${r.provisional ? '*' : ''}`;
    out.push(row([r.section, r.label, r.unit, total, String(r.provinces), r.text]));
  }
  if (t.rows.some((r) => r.provisional)) out.push('', '- \\* Tạm tính: có số liệu đóng góp còn chờ kiểm tra.');
  // issue 17: changes a lead has not approved yet are in no total above
  if (t.pending?.length) {
    out.push('', `- Chưa tính ${t.pending.length} thay đổi đang chờ trưởng nhóm duyệt:`);
    for (const p of t.pending) {
      out.push(`  - ${p.file}${p.provinceCode ? ` (tỉnh ${p.provinceCode})` : ''}: ${p.action === 'reject' ? 'loại văn bản' : `${p.name}: ${JSON.stringify(p.from)} → ${JSON.stringify(p.to)}`} (${p.requestedBy})`);
    }
  }
  return out.join('\n');
}
