// The review item page for a Word or Excel file: there is no page image to show (tonghop lays
// such files out itself), so the viewer shows the paragraph or cell the value was read from,
// where it stands ("Bảng 1, hàng 1, ô 1", "Trang tính “Phụ lục”, ô E3") and the value
// highlighted in it. Found from the stored pages (every laid-out item knows its origin) and
// the item's page and box (extractors/office/provenance.ts).
import type { DocumentsRepository } from '../pipeline/db/documents.repository.js';
import type { DocumentRow } from '../model/records.js';
import type { ReviewItem } from './review.repository.js';
import { describeOrigin, sourceAt } from '../extractors/office/provenance.js';
import { html, type SafeHtml } from './views/html.js';

export interface OfficeSourceView { where: string; text: string; highlight: string }

const OFFICE_KINDS = new Set(['docx', 'xlsx', 'doc']);

/** The paragraph or cell behind an item of a Word/Excel document; null for a PDF or an image. */
export function officeSourceFor(repo: DocumentsRepository, doc: DocumentRow, item: ReviewItem): OfficeSourceView | null {
  if (!item.page || !item.box) return null;
  const { probe, pages } = repo.loadArtifacts(doc.id);
  if (!probe || !OFFICE_KINDS.has(probe.kind) || !pages) return null;
  const page = pages.find((p) => p.page === item.page);
  const value = item.target === 'indicator' && typeof item.value === 'number' ? item.value : null;
  const src = page ? sourceAt(page, item.box, value) : null;
  return src ? { where: describeOrigin(src.origin), text: src.text, highlight: src.highlight } : null;
}

/** The source text with the first occurrence of the highlighted part marked. */
export function officeSourceView(s: OfficeSourceView): SafeHtml {
  const at = s.highlight ? s.text.indexOf(s.highlight) : -1;
  const body = at < 0
    ? html`${s.text}`
    : html`${s.text.slice(0, at)}<mark id="highlight-text">${s.highlight}</mark>${s.text.slice(at + s.highlight.length)}`;
  return html`<div class="office-source" id="office-source">
  <div class="muted">Tệp Word/Excel không có ảnh trang; giá trị được đọc từ: <b id="office-where">${s.where}</b></div>
  <div class="source" id="office-text">${body}</div>
</div>`;
}
