// Per-corpus summaries of graded documents, the tables printed from them, and --explain lines.
import { FIELDS, type DocResult, type FieldName } from './grade.js';

export interface FieldTally { total: number; right: number; rightInReview: number; review: number; wrongAccepted: number; missing: number }
export interface LayoutTally {
  documents: number;
  right: Record<FieldName, number>;
  /** wrong or missing, sent to review */
  review: Record<FieldName, number>;
  /** wrong and accepted, or missing and not flagged */
  silent: Record<FieldName, number>;
  straightThrough: number;
  classification: { graded: number; right: number };
}
export interface IndicatorTally { expected: number; found: number; accepted: number; acceptedWrong: number }
/** Phụ lục rows built from what was read vs the rows the truth implies */
export interface AppendixTally { name: string; rows: number; right: number; marked: number; wrong: string[] }

/** One graded file; label names it in --explain (real documents: the id, then the file). */
export interface GradedFile { r: DocResult; layout: string | null; label?: string }

export interface CorpusSummary {
  corpus: string;
  documents: number;
  failed: number;
  /** document status accepted: nothing sent to review */
  straightThrough: number;
  straightThroughAllRight: number;
  classification: { graded: number; right: number };
  fields: Record<FieldName, FieldTally>;
  byLayout: Record<string, LayoutTally>;
  indicators?: IndicatorTally;
  appendices?: AppendixTally[];
  /** real documents: layouts rendered per document */
  layoutsPerDoc?: number;
  seconds: number;
}

const zeroField = (): FieldTally => ({ total: 0, right: 0, rightInReview: 0, review: 0, wrongAccepted: 0, missing: 0 });
const zeroCounts = () => Object.fromEntries(FIELDS.map((f) => [f, 0])) as Record<FieldName, number>;

export function summarise(corpus: string, results: GradedFile[], seconds: number): CorpusSummary {
  const s: CorpusSummary = {
    corpus, documents: results.length, failed: 0, straightThrough: 0, straightThroughAllRight: 0,
    classification: { graded: 0, right: 0 }, fields: Object.fromEntries(FIELDS.map((f) => [f, zeroField()])) as Record<FieldName, FieldTally>,
    byLayout: {}, seconds,
  };
  for (const { r, layout } of results) {
    if (r.docStatus === 'failed') s.failed++;
    const allRight = r.fields.every((f) => f.outcome === 'right');
    if (r.docStatus === 'accepted') { s.straightThrough++; if (allRight) s.straightThroughAllRight++; }
    if (r.category.right !== null) { s.classification.graded++; if (r.category.right) s.classification.right++; }
    if (layout && !s.byLayout[layout]) {
      s.byLayout[layout] = { documents: 0, right: zeroCounts(), review: zeroCounts(), silent: zeroCounts(), straightThrough: 0, classification: { graded: 0, right: 0 } };
    }
    const l = layout ? s.byLayout[layout] : null;
    if (l) {
      l.documents++;
      if (r.docStatus === 'accepted') l.straightThrough++;
      if (r.category.right !== null) { l.classification.graded++; if (r.category.right) l.classification.right++; }
    }
    for (const f of r.fields) {
      const t = s.fields[f.field];
      t.total++;
      t[f.outcome]++;
      if (f.rightInReview) t.rightInReview++;
      if (l && f.outcome === 'right') l.right[f.field]++;
      if (l && f.outcome === 'review') l.review[f.field]++;
      if (l && (f.outcome === 'wrongAccepted' || f.outcome === 'missing')) l.silent[f.field]++;
    }
  }
  return s;
}

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)} %` : '—');

export function formatSummary(s: CorpusSummary): string {
  const lines = [
    `### ${s.corpus}: ${s.documents} tệp${s.layoutsPerDoc ? ` (${s.layoutsPerDoc} bố cục mỗi văn bản)` : ''}, ${s.failed} lỗi, ${s.seconds.toFixed(1)} giây`,
    '',
    '| trường | đúng | (đúng, chờ kiểm tra) | sai → kiểm tra | sai, đã chấp nhận | thiếu (không báo) |',
    '|---|---|---|---|---|---|',
    ...FIELDS.map((f) => {
      const t = s.fields[f];
      return `| ${f} | ${t.right} (${pct(t.right, t.total)}) | ${t.rightInReview} | ${t.review} | ${t.wrongAccepted} | ${t.missing} |`;
    }),
    '',
    `Thông qua thẳng (trạng thái accepted): ${s.straightThrough}/${s.documents} (${pct(s.straightThrough, s.documents)}), trong đó mọi trường đúng: ${s.straightThroughAllRight}.`,
    `Phân loại đúng: ${s.classification.right}/${s.classification.graded} (${pct(s.classification.right, s.classification.graded)}).`,
  ];
  if (s.indicators) {
    const i = s.indicators;
    lines.push(`Chỉ tiêu: tìm được ${i.found}/${i.expected} (${pct(i.found, i.expected)}), đã chấp nhận ${i.accepted}, trong đó sai ${i.acceptedWrong} (độ chính xác ${pct(i.accepted - i.acceptedWrong, i.accepted)}).`);
  }
  for (const a of s.appendices ?? []) {
    lines.push(`${a.name === 'appendix-1' ? 'Phụ lục I' : 'Phụ lục II'}: ${a.right}/${a.rows} dòng đúng (${a.marked} tỉnh được đánh dấu)${a.wrong.length ? `; sai: ${a.wrong.slice(0, 5).join('; ')}` : ''}.`);
  }
  const layouts = Object.keys(s.byLayout).sort();
  if (layouts.length) {
    lines.push('', '| bố cục | tệp | docNumber | issueDate | province | docType | title | issuer | thông qua thẳng |', '|---|---|---|---|---|---|---|---|---|');
    for (const name of layouts) {
      const l = s.byLayout[name];
      lines.push(`| ${name} | ${l.documents} | ${FIELDS.map((f) => pct(l.right[f], l.documents)).join(' | ')} | ${pct(l.straightThrough, l.documents)} |`);
    }
    // the same per layout as counts: right / wrong sent to review / wrong accepted or missing unflagged
    lines.push('', 'Theo bố cục, số tệp: đúng / sai → kiểm tra / sai không báo (đã chấp nhận hoặc thiếu).', '',
      '| bố cục | tệp | docNumber | issueDate | province | docType | title | issuer | thông qua thẳng | phân loại đúng |',
      '|---|---|---|---|---|---|---|---|---|---|');
    for (const name of layouts) {
      const l = s.byLayout[name];
      const cls = l.classification ? `${l.classification.right}/${l.classification.graded}` : '—';
      lines.push(`| ${name} | ${l.documents} | ${FIELDS.map((f) => `${l.right[f]} / ${l.review?.[f] ?? 0} / ${l.silent?.[f] ?? 0}`).join(' | ')} | ${l.straightThrough} | ${cls} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const show = (v: unknown) => (v === null || v === undefined ? '—' : JSON.stringify(v));

/** One line per field that is not right: file, layout, field, expected and got, status. */
export function explainLines(results: GradedFile[], only?: string): string[] {
  const out: string[] = [];
  for (const { r, layout, label } of results) {
    const name = label ?? r.file;
    for (const f of r.fields) {
      if (f.outcome === 'right' || (only && f.field !== only)) continue;
      out.push(`${name} [${layout ?? '-'}] ${f.field} (${f.outcome}, ${f.status}): cần ${show(f.want)} — được ${show(f.got)}`);
    }
    if (r.category.right === false && (!only || only === 'category')) out.push(`${name} [${layout ?? '-'}] category: cần ${show(r.category.want)} — được ${show(r.category.got)}`);
  }
  return out;
}
