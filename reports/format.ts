// Formatting shared by every rendering of a report (markdown, xlsx, docx): the scope line under
// a title and the document-number cell. Its own module so renderers depend on it, not on each other.
import { viDate, type AppendixDocument } from './appendix.js';

/** What a table was computed over, in one line. */
export function scopeLine(t: { asOf: string; layout: number; period: string | null; receivedBy: string | null }): string {
  const bits = [`tính đến ngày ${viDate(t.asOf)}`, `${t.layout} tỉnh, thành phố`];
  if (t.period) bits.push(`kỳ báo cáo: ${t.period}`);
  if (t.receivedBy) bits.push(`văn bản nhận đến ngày ${viDate(t.receivedBy)}`);
  return `Tổng hợp từ cơ sở dữ liệu: ${bits.join('; ')}.`;
}

/** A document as printed in a cell: its number, "(Hà Giang cũ)" under a merged province, "*" when provisional. */
export function cellNumber(d: AppendixDocument): string {
  return `${d.docNumber ?? '(không rõ số)'}${d.predecessor ? ` (${d.predecessor.name} cũ)` : ''}${d.provisional ? '*' : ''}`;
}
