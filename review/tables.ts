// Preview of the national tables (Phụ lục I/II, indicator totals) exactly as reports/ builds
// them, each cell linked to the item view of its source (document, page, highlighted box).
// Built on each request, so a decision just saved shows at once.
import type { App } from '../pipeline/app.js';
import { buildAppendix, viDate, type AppendixName } from '../reports/appendix.js';
import { buildIndicatorTotals } from '../reports/indicator-totals.js';
import { ReportsRepository } from '../reports/reports.repository.js';
import type { TableCell, TablePreview } from './views/pages.js';
import { itemPath } from './views/pages.js';
import { formatVnNumber } from './corrections.js';

export async function loadTablePreviews(app: App): Promise<{ tables: TablePreview[]; missing: string[] }> {
  const repo = new ReportsRepository(app.db);
  const tables: TablePreview[] = [];
  for (const name of ['appendix-1', 'appendix-2'] as AppendixName[]) {
    const t = buildAppendix(repo, name);
    const source = (d: { id: string }) => itemPath({ documentId: d.id, target: 'field', name: 'docNumber' });
    tables.push({
      id: name, title: `${t.heading}. ${t.title}`,
      note: `${t.total}/${t.of} tỉnh, thành phố có văn bản${t.provisional ? ` (${t.provisional} tạm tính: phần đầu văn bản còn chờ rà soát)` : ''}.`,
      columns: ['TT', 'Tỉnh, thành phố', t.markHeader, 'Số hiệu văn bản', 'Ngày ban hành'],
      rows: t.rows.map((r): TableCell[] => [
        { text: String(r.tt) }, { text: r.province }, { text: r.marked ? (r.provisional ? 'X (tạm)' : 'X') : '' },
        { text: '', links: r.documents.map((d) => ({ text: `${d.docNumber ?? '(chưa rõ số)'}${d.page ? ` · tr. ${d.page}` : ''}`, href: source(d) })) },
        { text: r.documents.map((d) => viDate(d.issueDate)).join('; ') },
      ]),
    });
  }
  const totals = buildIndicatorTotals(repo);
  tables.push({
    id: 'indicators', title: 'Tổng hợp số liệu chỉ tiêu',
    note: `Mỗi tỉnh tính số liệu của báo cáo mới nhất; nguồn gạch chân dẫn tới trang và vùng chữ đã đọc.${
      totals.pending?.length ? ` Chưa tính ${totals.pending.length} thay đổi đang chờ trưởng nhóm duyệt.` : ''}`,
    columns: ['Mục', 'Chỉ tiêu', 'Tổng', 'Số tỉnh', 'Nguồn (tỉnh: số liệu, trang)'],
    rows: totals.rows.filter((r) => r.sources.length > 0).map((r): TableCell[] => [
      { text: r.section }, { text: r.label }, { text: `${r.text}${r.provisional ? ' (tạm)' : ''}` }, { text: String(r.provinces) },
      { text: '', links: r.sources.filter((s) => !s.superseded).map((s) => ({
        text: `${s.province}: ${formatVnNumber(s.value)}${s.page ? ` · tr. ${s.page}` : ''}`,
        href: itemPath({ documentId: s.documentId, target: 'indicator', name: r.key }),
      })) },
    ]),
  });
  return { tables, missing: [] };
}
