// Section I.2 of the national report, generated from the appendix tables: the sentences with
// their counts ("51/63 tỉnh, thành phố đã ban hành ...") and the footnotes listing provinces.
import { NATIONAL_PROGRAMME, viDate, type AppendixTable, type AppendixRow } from './appendix.js';

export interface Footnote { n: number; text: string; provinces: { code: string; name: string }[] }

export interface NarrativeParagraph {
  key: 'programmes' | 'reports';
  /** the sentence with footnote markers as superscript digits (¹²³) */
  text: string;
  counts: Record<string, number>;
  footnotes: Footnote[];
  /** provinces counted on documents still waiting for review */
  provisional: { code: string; name: string }[];
}

export interface Narrative { title: string; asOf: string; layout: 63 | 34; paragraphs: NarrativeParagraph[] }

const SUP = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
export const superscript = (n: number) => String(n).split('').map((d) => SUP[+d]).join('');
/** Administrative style: counts under ten with a leading zero ("02 tỉnh", "09 tháng"). */
export const count2 = (n: number) => (n < 10 ? String(n).padStart(2, '0') : String(n));

const province = (r: AppendixRow) => ({ code: r.code, name: r.province });

/** The sentences from already built tables (reconcile compares them with a published report). */
export function narrativeFrom(a1: AppendixTable, a2: AppendixTable): Narrative {
  let fn = 0;
  const paragraphs: NarrativeParagraph[] = [];

  // a) programmes: one issued since the national programme, only an older one ("khác"), none
  const current = a1.rows.filter((r) => r.documents.some((d) => !d.beforeNationalProgramme));
  const other = a1.rows.filter((r) => r.marked && r.documents.every((d) => d.beforeNationalProgramme));
  const none = a1.rows.filter((r) => !r.marked);
  const f1: Footnote[] = [];
  let text = `Đến nay có ${current.length}/${a1.of} tỉnh, thành phố đã ban hành Chương trình phối hợp giữa Sở Lao động - Thương binh và Xã hội và cơ quan Mặt trận Tổ quốc cùng cấp trên địa bàn`;
  if (other.length) {
    const n = ++fn;
    f1.push({
      n, provinces: other.map(province),
      text: `${other.map((r) => `${r.province} (${r.documents.map((d) => `Chương trình phối hợp số ${d.docNumber ?? '(không rõ số)'}${d.issueDate ? ` ngày ${viDate(d.issueDate)}` : ''}`).join('; ')})`).join(', ')}.`,
    });
    text += `; ${count2(other.length)} tỉnh, thành phố đã ban hành Chương trình phối hợp khác, trong đó gồm các nội dung phối hợp giữa Sở Lao động - Thương binh và Xã hội và cơ quan MTTQ cùng cấp nên tiếp tục thực hiện theo Chương trình phối hợp đã ban hành của địa phương${superscript(n)}`;
  }
  if (none.length) {
    const n = ++fn;
    f1.push({ n, provinces: none.map(province), text: `Gồm: ${none.map((r) => r.province).join(', ')}.` });
    text += `; còn ${count2(none.length)} địa phương chưa ban hành Chương trình phối hợp${superscript(n)}`;
  } else text += '; tất cả các địa phương đã ban hành Chương trình phối hợp';
  text += ' (chi tiết tại Phụ lục I kèm theo).';
  const prov1 = a1.rows.filter((r) => r.marked && r.provisional);
  paragraphs.push({
    key: 'programmes', text: text + provisionalNote(prov1), footnotes: f1, provisional: prov1.map(province),
    counts: { issued: current.length, other: other.length, missing: none.length, of: a1.of, total: a1.total },
  });

  // b) reports received
  const sent = a2.rows.filter((r) => r.marked);
  const missing = a2.rows.filter((r) => !r.marked);
  const f2: Footnote[] = [];
  let t2 = `Đến nay có ${sent.length}/${a2.of} Sở Lao động - Thương binh và Xã hội các tỉnh, thành phố gửi báo cáo về Bộ Lao động - Thương binh và Xã hội`;
  if (missing.length) {
    const n = ++fn;
    f2.push({ n, provinces: missing.map(province), text: `Gồm: ${missing.map((r) => r.province).join(', ')}.` });
    t2 += `; còn ${count2(missing.length)} tỉnh, thành phố chưa có báo cáo${superscript(n)}`;
  }
  t2 += ' (chi tiết tại Phụ lục II kèm theo).';
  const prov2 = sent.filter((r) => r.provisional);
  paragraphs.push({
    key: 'reports', text: t2 + provisionalNote(prov2), footnotes: f2, provisional: prov2.map(province),
    counts: { sent: sent.length, missing: missing.length, of: a2.of },
  });

  return { title: 'I.2. Ở địa phương', asOf: a1.asOf, layout: a1.layout, paragraphs };
}

function provisionalNote(rows: AppendixRow[]): string {
  if (!rows.length) return '';
  const names = rows.length <= 10 ? ` (${rows.map((r) => r.province).join(', ')})` : '';
  return ` [Tạm tính: ${count2(rows.length)} tỉnh, thành phố${names} được tính theo văn bản còn chờ kiểm tra.]`;
}

/** Markdown: the two paragraphs, then the footnotes. */
export function narrativeMarkdown(n: Narrative): string {
  const out = [`## ${n.title}`, '', `_Số liệu theo cơ sở dữ liệu, tính đến ngày ${viDate(n.asOf)} (${n.layout} tỉnh, thành phố); Chương trình phối hợp được tính từ ngày ban hành Chương trình ${NATIONAL_PROGRAMME.number} (${viDate(NATIONAL_PROGRAMME.date)})._`, ''];
  const letters = ['a', 'b', 'c'];
  n.paragraphs.forEach((p, i) => { out.push(`${letters[i]}) ${p.text}`, ''); });
  const notes = n.paragraphs.flatMap((p) => p.footnotes);
  if (notes.length) {
    out.push('---', '');
    for (const f of notes) out.push(`${superscript(f.n)} ${f.text}`, '');
  }
  return out.join('\n');
}
