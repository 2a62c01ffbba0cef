// `tonghop reconcile FILE`: reads a published national report, then lists every discrepancy
// (1) inside it — stated counts against its own tables and footnote lists, marks against
// numbers — and (2) between it and the tables derived from the database — rows, marks,
// numbers, dates, totals, counts. Findings carry a stable code beside the Vietnamese text.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { App } from '../pipeline/app.js';
import type { PageText } from '../model/document.js';
import { ingestPaths } from '../pipeline/ingest.js';
import { buildAppendix, viDate, type AppendixTable, type AppendixRow } from './appendix.js';
import { narrativeFrom, } from './narrative.js';
import { ReportsRepository } from './reports.repository.js';
import { parsePublishedReport, rowsFromPages, type PublishedAppendix, type PublishedReport, type PublishedRow, type CountKey } from './published-report.js';
import type { Selection } from './selection.js';
import { readSnapshot } from './snapshot.js';
import { TonghopError } from '../model/errors.js';

export type Severity = 'error' | 'warning' | 'info';

export interface Discrepancy {
  code: string;
  severity: Severity;
  /** published: the report contradicts itself; derived: it differs from the database */
  scope: 'published' | 'derived';
  appendix?: 'I' | 'II';
  tt?: number;
  province?: { code: string | null; name: string };
  message: string;
  published?: unknown;
  derived?: unknown;
  /** database documents behind the derived side (id, page, box of the number) */
  documents?: { id: string; file: string; page: number | null }[];
}

export interface Check { code: string; ok: boolean; message: string }

export interface Reconciliation {
  file: string;
  documentId: string | null;
  publishedDate: string | null;
  selection: Selection;
  published: { appendices: { roman: string; statedTotal: number | null; rows: number; marked: number }[]; counts: PublishedReport['counts']; footnotes: { n: number; provinces: number }[] };
  derived: { appendices: { name: string; total: number; of: number; provisional: number }[]; counts: Record<string, Record<string, number>> };
  checks: Check[];
  discrepancies: Discrepancy[];
}

const _APPENDIX_OF: Record<'I' | 'II', 'appendix-1' | 'appendix-2'> = { I: 'appendix-1', II: 'appendix-2' };
const COUNT_LABEL: Record<CountKey, string> = {
  programmes_issued: 'số tỉnh đã ban hành Chương trình phối hợp',
  programmes_other: 'số tỉnh đã ban hành Chương trình phối hợp khác',
  programmes_missing: 'số địa phương chưa ban hành Chương trình phối hợp',
  reports_sent: 'số Sở đã gửi báo cáo',
  reports_missing: 'số tỉnh chưa có báo cáo',
};
const DERIVED_COUNT: Record<CountKey, [0 | 1, string]> = {
  programmes_issued: [0, 'issued'], programmes_other: [0, 'other'], programmes_missing: [0, 'missing'],
  reports_sent: [1, 'sent'], reports_missing: [1, 'missing'],
};

/**
 * Reads the file (PDF through the pipeline, so scans get OCR; or the text of one), then reconciles.
 * ingest: how the file goes through the pipeline — in this process on SQLite; on PostgreSQL the
 * CLI passes the queue's ingest (the stages run in `tonghop worker`), and the rest is the same.
 */
export async function reconcileFile(app: App, file: string, sel: Selection = {},
  ingest: (file: string) => Promise<unknown> = (f) => ingestPaths(app, [f])): Promise<Reconciliation> {
  if (!fs.existsSync(file)) throw new TonghopError('input.not_found', { path: file });
  let lines: string[];
  let documentId: string | null = null;
  if (/\.(txt|md)$/i.test(file)) {
    lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  } else {
    await ingest(file);
    const sha = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    const doc = new ReportsRepository(app.db).documentBySha(sha);
    const row = doc && app.repo.get(doc.id);
    if (!row) throw new TonghopError('input.report_unreadable', { file: path.basename(file), detail: 'không xử lý được tệp' });
    if (row.status === 'failed') throw new TonghopError('input.report_unreadable', { file: path.basename(file), detail: row.error ?? row.error_code ?? '' });
    documentId = row.id;
    const pages = app.repo.loadArtifacts(row.id).pages as PageText[] | undefined;
    if (!pages) throw new TonghopError('input.report_unreadable', { file: path.basename(file), detail: `chưa có nội dung văn bản, trạng thái ${row.status}` });
    lines = rowsFromPages(pages);
  }
  const published = parsePublishedReport(lines);
  const selection: Selection = {
    ...sel,
    receivedBy: sel.receivedBy ?? published.date ?? undefined,
    excludeDocuments: documentId ? [documentId] : [],
  };
  const repo = new ReportsRepository(app.db);
  const [a1, a2] = readSnapshot(app.db, () => [buildAppendix(repo, 'appendix-1', selection), buildAppendix(repo, 'appendix-2', selection)]);
  return { file: path.basename(file), documentId, ...reconcile(published, a1, a2), selection };
}

/** Records a check; a failed one also becomes a discrepancy. */
type CheckFn = (code: string, ok: boolean, message: string, d: Omit<Discrepancy, 'code' | 'message'>) => void;
/** Checks and discrepancies in the order they are made (the report lists them in that order). */
interface Tally { checks: Check[]; out: Discrepancy[]; check: CheckFn }
type StatedCount = PublishedReport['counts'][number];
type Narrative = ReturnType<typeof narrativeFrom>;

function tally(): Tally {
  const checks: Check[] = [];
  const out: Discrepancy[] = [];
  const check: CheckFn = (code, ok, message, d) => {
    checks.push({ code, ok, message });
    if (!ok) out.push({ code, message, ...d });
  };
  return { checks, out, check };
}

/** The comparison itself (pure): a published report against derived tables. */
export function reconcile(pub: PublishedReport, a1: AppendixTable, a2: AppendixTable): Omit<Reconciliation, 'file' | 'documentId' | 'selection'> {
  const t = tally();
  const narrative = narrativeFrom(a1, a2);
  const tables: Record<'I' | 'II', PublishedAppendix | undefined> = {
    I: pub.appendices.find((a) => a.roman === 'I'), II: pub.appendices.find((a) => a.roman === 'II'),
  };
  const count = (k: CountKey) => pub.counts.find((c) => c.key === k);

  for (const roman of ['I', 'II'] as const) appendixChecks(roman, tables[roman], roman === 'I' ? a1 : a2, t);

  // stated counts against the report's own tables
  const t1 = tables.I;
  const t2 = tables.II;
  const other = count('programmes_other');
  const missing1 = count('programmes_missing');
  const missing2 = count('reports_missing');
  if (t1) programmeCountChecks(t1, count('programmes_issued'), other, missing1, t.check);
  if (t2) reportCountChecks(t2, count('reports_sent'), missing2, t.check);

  // footnote lists against the stated counts and the tables
  for (const [c, table, wantMarked] of [[other, t1, true], [missing1, t1, false], [missing2, t2, false]] as const) {
    if (!c || c.footnote === null) continue;
    footnoteChecks(pub, c, table, table === t2 ? 'II' : 'I', wantMarked, t);
  }

  derivedCountChecks(pub, narrative, t.check);
  return { ...overview(pub, a1, a2, narrative), checks: t.checks, discrepancies: t.out };
}

/** One appendix: present, its stated total against its marks and against the derived total, then row by row. */
function appendixChecks(roman: 'I' | 'II', t: PublishedAppendix | undefined, derived: AppendixTable, { out, checks, check }: Tally): void {
  if (!t) {
    out.push({ code: 'published.appendix_missing', severity: 'error', scope: 'published', appendix: roman, message: `Không tìm thấy bảng Phụ lục ${roman} trong báo cáo.` });
    return;
  }
  const marks = t.rows.filter((r) => r.marked).length;
  if (t.statedTotal !== null) {
    check('published.total_vs_marks', t.statedTotal === marks,
      `Phụ lục ${roman}: dòng Tổng cộng ghi ${t.statedTotal}, bảng có ${marks} dòng đánh dấu X.`,
      { severity: 'error', scope: 'published', appendix: roman, published: { statedTotal: t.statedTotal, marks } });
    check('derived.total_differs', t.statedTotal === derived.total,
      `Phụ lục ${roman}: báo cáo ghi Tổng cộng ${t.statedTotal}, dữ liệu cho ${derived.total}.`,
      { severity: 'warning', scope: 'derived', appendix: roman, published: t.statedTotal, derived: derived.total });
  }
  publishedRowChecks(roman, t, out);
  compareRows(roman, t, derived, out, checks);
}

/** Section I.2's programme counts against Phụ lục I of the same report. */
function programmeCountChecks(t1: PublishedAppendix, issued: StatedCount | undefined, other: StatedCount | undefined, missing1: StatedCount | undefined, check: CheckFn): void {
  const marks = t1.rows.filter((r) => r.marked).length;
  if (issued) {
    const n = issued.n + (other?.n ?? 0);
    check('published.count_vs_table', n === marks,
      `Mục I.2: ${issued.n}${other ? ` + ${other.n} (Chương trình phối hợp khác)` : ''} = ${n} tỉnh đã ban hành, Phụ lục I đánh dấu ${marks}.`,
      { severity: 'error', scope: 'published', appendix: 'I', published: { stated: n, marks } });
    check('published.count_vs_rows', issued.of === t1.rows.length, `Mục I.2: mẫu số ${issued.of}, Phụ lục I có ${t1.rows.length} dòng tỉnh.`,
      { severity: 'error', scope: 'published', appendix: 'I', published: { of: issued.of, rows: t1.rows.length } });
  }
  if (missing1) {
    const unmarked = t1.rows.length - marks;
    check('published.count_vs_table', missing1.n === unmarked, `Mục I.2: "còn ${missing1.n} địa phương chưa ban hành", Phụ lục I có ${unmarked} dòng không đánh dấu.`,
      { severity: 'error', scope: 'published', appendix: 'I', published: { stated: missing1.n, unmarked } });
  }
  if (issued && missing1) {
    const sum = issued.n + (other?.n ?? 0) + missing1.n;
    check('published.count_sum', sum === issued.of, `Mục I.2: ${issued.n}${other ? ` + ${other.n}` : ''} + ${missing1.n} = ${sum}, mẫu số ${issued.of}.`,
      { severity: 'error', scope: 'published', appendix: 'I', published: { sum, of: issued.of } });
  }
}

/** Section I.2's report counts against Phụ lục II of the same report. */
function reportCountChecks(t2: PublishedAppendix, sent: StatedCount | undefined, missing2: StatedCount | undefined, check: CheckFn): void {
  const marks = t2.rows.filter((r) => r.marked).length;
  if (sent) {
    check('published.count_vs_table', sent.n === marks, `Mục I.2: ${sent.n}/${sent.of} Sở gửi báo cáo, Phụ lục II đánh dấu ${marks}.`,
      { severity: 'error', scope: 'published', appendix: 'II', published: { stated: sent.n, marks } });
    check('published.count_vs_rows', sent.of === t2.rows.length, `Mục I.2: mẫu số ${sent.of}, Phụ lục II có ${t2.rows.length} dòng tỉnh.`,
      { severity: 'error', scope: 'published', appendix: 'II', published: { of: sent.of, rows: t2.rows.length } });
  }
  if (missing2) {
    const unmarked = t2.rows.length - marks;
    check('published.count_vs_table', missing2.n === unmarked, `Mục I.2: "còn ${missing2.n} tỉnh, thành phố chưa có báo cáo", Phụ lục II có ${unmarked} dòng không đánh dấu.`,
      { severity: 'error', scope: 'published', appendix: 'II', published: { stated: missing2.n, unmarked } });
  }
  if (sent && missing2) {
    check('published.count_sum', sent.n + missing2.n === sent.of, `Mục I.2: ${sent.n} + ${missing2.n} = ${sent.n + missing2.n}, mẫu số ${sent.of}.`,
      { severity: 'error', scope: 'published', appendix: 'II', published: { sum: sent.n + missing2.n, of: sent.of } });
  }
}

/** A stated count's footnote list: present, as long as the count, and agreeing with the table's marks. */
function footnoteChecks(pub: PublishedReport, c: StatedCount, table: PublishedAppendix | undefined, roman: 'I' | 'II', wantMarked: boolean, { out, check }: Tally): void {
  const fn = pub.footnotes.find((f) => f.n === c.footnote);
  if (!fn) {
    out.push({ code: 'published.footnote_missing', severity: 'error', scope: 'published', appendix: roman, message: `Không tìm thấy chú thích ${c.footnote} (${COUNT_LABEL[c.key]}).` });
    return;
  }
  check('published.footnote_count', fn.provinces.length === c.n,
    `Chú thích ${fn.n}: ${COUNT_LABEL[c.key]} ghi ${c.n}, chú thích liệt kê ${fn.provinces.length} tỉnh, thành phố.`,
    { severity: 'error', scope: 'published', appendix: roman, published: { stated: c.n, listed: fn.provinces.map((p) => p.name) } });
  if (!table) return;
  const listed = new Set(fn.provinces.map((p) => p.code));
  for (const r of table.rows) {
    if (!r.code) continue;
    const inList = listed.has(r.code);
    if (!wantMarked && !r.marked && !inList) {
      out.push({ code: 'published.footnote_omits_province', severity: 'error', scope: 'published', appendix: roman, tt: r.tt, province: { code: r.code, name: r.province },
        message: `${r.province} không được đánh dấu ở Phụ lục ${roman} nhưng không có trong chú thích ${fn.n}${r.docNumbers.length ? ` (dòng có số hiệu ${r.numbersRaw.join(', ')})` : ''}.` });
    }
    if (inList && r.marked !== wantMarked) {
      out.push({ code: 'published.footnote_contradicts_table', severity: 'error', scope: 'published', appendix: roman, tt: r.tt, province: { code: r.code, name: r.province },
        message: `${r.province} có trong chú thích ${fn.n} nhưng ${r.marked ? 'được' : 'không được'} đánh dấu ở Phụ lục ${roman}.` });
    }
  }
  for (const u of fn.unmatched) {
    out.push({ code: 'published.footnote_unknown_name', severity: 'warning', scope: 'published', appendix: roman, message: `Chú thích ${fn.n}: không nhận ra tỉnh, thành phố "${u}".` });
  }
}

/** Stated counts against the derived ones. */
function derivedCountChecks(pub: PublishedReport, narrative: Narrative, check: CheckFn): void {
  for (const c of pub.counts) {
    const [which, key] = DERIVED_COUNT[c.key];
    const d = narrative.paragraphs[which].counts[key];
    check('derived.count_differs', c.n === d, `Mục I.2, ${COUNT_LABEL[c.key]}: báo cáo ghi ${c.n}, dữ liệu cho ${d}.`,
      { severity: 'warning', scope: 'derived', appendix: which === 0 ? 'I' : 'II', published: c.n, derived: d });
  }
}

/** The overview of both sides that heads the reconciliation. */
function overview(pub: PublishedReport, a1: AppendixTable, a2: AppendixTable, narrative: Narrative): Pick<Reconciliation, 'publishedDate' | 'published' | 'derived'> {
  return {
    publishedDate: pub.date,
    published: {
      appendices: pub.appendices.map((a) => ({ roman: a.roman, statedTotal: a.statedTotal, rows: a.rows.length, marked: a.rows.filter((r) => r.marked).length })),
      counts: pub.counts,
      footnotes: pub.footnotes.filter((f) => f.provinces.length).map((f) => ({ n: f.n, provinces: f.provinces.length })),
    },
    derived: {
      appendices: [a1, a2].map((a) => ({ name: a.name, total: a.total, of: a.of, provisional: a.provisional })),
      counts: { programmes: narrative.paragraphs[0].counts, reports: narrative.paragraphs[1].counts },
    },
  };
}

/** The published table against itself, row by row. */
function publishedRowChecks(roman: 'I' | 'II', t: PublishedAppendix, out: Discrepancy[]): void {
  const seen = new Map<string, PublishedRow>();
  for (const r of t.rows) {
    const where = { appendix: roman, tt: r.tt, province: { code: r.code, name: r.province }, scope: 'published' as const };
    if (!r.code) {
      out.push({ ...where, code: 'published.row_unknown_province', severity: 'error', message: `Phụ lục ${roman}, dòng ${r.tt}: không nhận ra tỉnh, thành phố "${r.province}".` });
      continue;
    }
    if (seen.has(r.code)) out.push({ ...where, code: 'published.row_duplicate', severity: 'error', message: `Phụ lục ${roman}: ${r.province} xuất hiện hai lần (dòng ${seen.get(r.code)!.tt} và ${r.tt}).` });
    seen.set(r.code, r);
    if (r.marked && r.docNumbers.length === 0) {
      out.push({ ...where, code: 'published.mark_without_number', severity: 'warning', message: `Phụ lục ${roman}, dòng ${r.tt} (${r.province}): đánh dấu X nhưng không ghi số hiệu, ngày ban hành văn bản.`, published: { marked: true, numbers: [] } });
    }
    if (!r.marked && r.docNumbers.length > 0) {
      out.push({ ...where, code: 'published.number_without_mark', severity: 'warning', message: `Phụ lục ${roman}, dòng ${r.tt} (${r.province}): có số hiệu ${r.numbersRaw.join(', ')} nhưng không đánh dấu X, nên không được tính.`, published: { marked: false, numbers: r.numbersRaw } });
    }
    if (r.docNumbers.length !== r.dates.length) {
      out.push({ ...where, code: 'published.numbers_dates_mismatch', severity: 'warning', message: `Phụ lục ${roman}, dòng ${r.tt} (${r.province}): ${r.docNumbers.length} số hiệu nhưng ${r.dates.length} ngày ban hành.`, published: { numbers: r.numbersRaw, dates: r.dates } });
    }
    r.numbersRaw.forEach((raw) => {
      if (/\s/.test(raw)) out.push({ ...where, code: 'published.number_spacing', severity: 'info', message: `Phụ lục ${roman}, dòng ${r.tt} (${r.province}): số hiệu "${raw}" có khoảng trắng thừa (đọc là ${raw.replace(/\s+/g, '')}).`, published: raw });
    });
  }
}

const norm = (n: string) => n.replace(/\s+/g, '').toUpperCase();
const numberPart = (n: string) => n.split('/')[0];

/** Published rows against derived rows, matched by province. */
function compareRows(roman: 'I' | 'II', t: PublishedAppendix, derived: AppendixTable, out: Discrepancy[], checks: Check[]): void {
  const byCode = new Map(t.rows.filter((r) => r.code).map((r) => [r.code!, r]));
  let same = 0;
  for (const d of derived.rows) {
    const p = byCode.get(d.code);
    const where = { appendix: roman, tt: d.tt, province: { code: d.code, name: d.province }, scope: 'derived' as const, documents: docsOf(d) };
    if (!p) {
      out.push({ ...where, code: 'derived.row_missing', severity: 'error', message: `Phụ lục ${roman}: báo cáo không có dòng cho ${d.province}.`, derived: summary(d) });
      continue;
    }
    byCode.delete(d.code);
    let differs = false;
    if (p.marked !== d.marked) {
      differs = true;
      out.push({ ...where, code: 'derived.mark_differs', severity: 'warning', published: { marked: p.marked, numbers: p.numbersRaw }, derived: summary(d),
        message: d.marked
          ? `Phụ lục ${roman}, ${d.province}: dữ liệu có ${d.documents.map((x) => x.docNumber).join(', ')}, báo cáo không đánh dấu X.`
          : `Phụ lục ${roman}, ${d.province}: báo cáo đánh dấu X${p.docNumbers.length ? ` (${p.numbersRaw.join(', ')})` : ' không kèm số hiệu'}, dữ liệu không có văn bản nào.` });
    }
    const unmatched = [...d.documents];
    p.docNumbers.forEach((num, i) => {
      const date = p.dates.length === p.docNumbers.length ? p.dates[i] : null;
      let k = unmatched.findIndex((x) => x.docNumber && norm(x.docNumber) === norm(num));
      if (k >= 0) {
        const x = unmatched.splice(k, 1)[0];
        if (date && x.issueDate !== date) {
          differs = true;
          out.push({ ...where, code: 'derived.date_differs', severity: 'warning', published: date, derived: x.issueDate, documents: [{ id: x.id, file: x.file, page: x.page }],
            message: `Phụ lục ${roman}, ${d.province}, văn bản ${num}: báo cáo ghi ngày ${viDate(date)}, dữ liệu là ${viDate(x.issueDate)}.` });
        }
        return;
      }
      k = unmatched.findIndex((x) => (x.docNumber && numberPart(x.docNumber) === numberPart(num)) || (date !== null && x.issueDate === date));
      differs = true;
      if (k >= 0) {
        const x = unmatched.splice(k, 1)[0];
        out.push({ ...where, code: 'derived.number_differs', severity: 'warning', published: { number: num, date }, derived: { number: x.docNumber, date: x.issueDate }, documents: [{ id: x.id, file: x.file, page: x.page }],
          message: `Phụ lục ${roman}, ${d.province}: báo cáo ghi số hiệu ${num}, dữ liệu là ${x.docNumber ?? '(không rõ)'}${x.issueDate !== date ? ` (ngày ${viDate(date)} / ${viDate(x.issueDate)})` : ''}.` });
      } else {
        out.push({ ...where, code: 'derived.document_missing', severity: 'warning', published: { number: num, date }, documents: [],
          message: `Phụ lục ${roman}, ${d.province}: báo cáo ghi văn bản ${num}${date ? ` ngày ${viDate(date)}` : ''}, cơ sở dữ liệu không có.` });
      }
    });
    for (const x of unmatched) {
      if (!p.marked && p.docNumbers.length === 0 && !d.marked) continue;
      differs = true;
      out.push({ ...where, code: 'derived.document_extra', severity: p.marked || p.docNumbers.length ? 'warning' : 'info', derived: { number: x.docNumber, date: x.issueDate }, documents: [{ id: x.id, file: x.file, page: x.page }],
        message: `Phụ lục ${roman}, ${d.province}: dữ liệu có văn bản ${x.docNumber ?? '(không rõ số)'}${x.issueDate ? ` ngày ${viDate(x.issueDate)}` : ''}, báo cáo không ghi.` });
    }
    if (!differs) same++;
  }
  for (const p of byCode.values()) {
    out.push({ code: 'derived.row_extra', severity: 'error', scope: 'derived', appendix: roman, tt: p.tt, province: { code: p.code, name: p.province },
      message: `Phụ lục ${roman}, dòng ${p.tt} (${p.province}): không có trong danh sách ${derived.of} tỉnh, thành phố ngày ${viDate(derived.asOf)}.` });
  }
  checks.push({ code: 'derived.rows_agree', ok: same === derived.rows.length, message: `Phụ lục ${roman}: ${same}/${derived.rows.length} dòng khớp hoàn toàn với dữ liệu.` });
}

const docsOf = (r: AppendixRow) => r.documents.map((d) => ({ id: d.id, file: d.file, page: d.page }));
const summary = (r: AppendixRow) => ({ marked: r.marked, documents: r.documents.map((d) => ({ docNumber: d.docNumber, issueDate: d.issueDate, id: d.id })) });

const SEVERITY_VI: Record<Severity, string> = { error: 'lỗi', warning: 'chênh lệch', info: 'lưu ý' };

export function reconcileMarkdown(r: Reconciliation): string {
  const pub = r.discrepancies.filter((d) => d.scope === 'published');
  const der = r.discrepancies.filter((d) => d.scope === 'derived');
  const table = (ds: Discrepancy[]) => ds.length
    ? ['| Mã | Mức | Phụ lục | TT | Tỉnh, thành phố | Nội dung |', '| --- | --- | :-: | --: | --- | --- |',
      ...ds.map((d) => `| ${d.code} | ${SEVERITY_VI[d.severity]} | ${d.appendix ?? ''} | ${d.tt ?? ''} | ${d.province?.name ?? ''} | ${d.message.replace(/\|/g, '\\|')} |`)].join('\n')
    : '_Không có._';
  const lines = [
    `# Đối chiếu báo cáo ${r.file}${r.publishedDate ? ` (ngày ${viDate(r.publishedDate)})` : ''} với dữ liệu`,
    '',
    `Dữ liệu: văn bản nhận đến ngày ${viDate(r.selection.receivedBy ?? null) || '(không giới hạn)'}${r.selection.period ? `, kỳ ${r.selection.period}` : ''}. ` +
      r.derived.appendices.map((a) => `${a.name === 'appendix-1' ? 'Phụ lục I' : 'Phụ lục II'}: ${a.total}/${a.of}${a.provisional ? ` (${a.provisional} tạm tính)` : ''}`).join('; ') + '.',
    '',
    `Tổng cộng ${r.discrepancies.length} chỗ chênh lệch: ${pub.length} trong nội bộ báo cáo, ${der.length} so với dữ liệu.`,
    '',
    '## Báo cáo tự mâu thuẫn (số liệu trong lời văn, bảng, chú thích)',
    '',
    table(pub),
    '',
    '## Khác với dữ liệu',
    '',
    table(der),
    '',
    '## Các phép kiểm tra khớp',
    '',
    ...r.checks.filter((c) => c.ok).map((c) => `- ✓ ${c.message}`),
  ];
  return `${lines.join('\n')}\n`;
}
