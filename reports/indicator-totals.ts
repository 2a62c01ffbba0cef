// National totals per catalogue indicator (seed sections II.1–II.5), from the reports in the
// database under the same selection as Phụ lục II. Per province the figure of its latest
// report counts (reports are cumulative: a 6-month and a 9-month report must not add up);
// after the 2025 merger the predecessors' figures add up under the new province.
import type { Box, Qualifier } from '../model/document.js';
import { catalogue } from '../schemas/indicator-catalogue.js';
import { provinceByCode, provincesAsOf, successorAsOf } from '../extractors/province-gazetteer.js';
import type { ReportsRepository, IndicatorFigureRow, PendingChangeRow } from './reports.repository.js';
import { exclusionFor, resolveAsOf, checkSelection, parsePeriod, MERGER_DATE, type Selection } from './selection.js';

export interface IndicatorSource {
  documentId: string;
  file: string;
  docNumber: string | null;
  province: string;
  value: number;
  qualifier: Qualifier;
  status: IndicatorFigureRow['status'];
  page: number | null;
  box: Box | null;
  sourceText: string | null;
  /** a later report of the same province replaced this figure */
  superseded?: boolean;
}

export interface IndicatorTotalRow {
  key: string;
  label: string;
  unit: string;
  total: number;
  provinces: number;
  byProvince: Record<string, number>;
  /** "pair" indicators (493/1.589 điểm): the sum of the "of" parts */
  totalOf?: number;
  /** the strongest qualifier among the contributions: at_least when any is "hơn/trên" */
  qualifier: Qualifier;
  /** some contributing figure still waits for review */
  provisional: boolean;
  /** the total as a report sentence: "hơn 25.349 chương trình phát thanh" */
  text: string;
  section: string;
  sources: IndicatorSource[];
}

export interface IndicatorTotals {
  title: string; asOf: string; layout: 63 | 34; period: string | null; receivedBy: string | null; rows: IndicatorTotalRow[];
  /** review changes waiting for a lead's approval (issue 17): in no total; absent when none or with confirmedOnly */
  pending?: PendingChangeRow[];
}

const OF_LABEL = 'trên tổng số';

export function buildIndicatorTotals(repo: ReportsRepository, sel: Selection = {}): IndicatorTotals {
  checkSelection(sel);
  const figures = repo.indicatorFigures().filter((f) => !sel.excludeDocuments?.includes(f.documentId) && exclusionFor(
    { category: 'report', period: f.period, issueDate: f.issueDate, receivedOn: f.receivedOn, provisional: f.headerNeedsReview || f.status === 'needs_review' }, sel) === null);
  const asOf = resolveAsOf(sel, figures.map((f) => f.issueDate));
  const layout = new Set(provincesAsOf(asOf).map((p) => p.id));
  const rows: IndicatorTotalRow[] = [];
  for (const entry of catalogue().indicators) {
    const mine = figures.filter((f) => f.key === entry.key);
    // latest figure per issuing province
    const latest = new Map<string, IndicatorFigureRow>();
    for (const f of mine) {
      const prev = latest.get(f.provinceCode);
      if (!prev || newer(f, prev)) latest.set(f.provinceCode, f);
    }
    const byProvince: Record<string, number> = {};
    const sources: IndicatorSource[] = [];
    let totalOf: number | undefined;
    for (const f of mine) {
      const own = provinceByCode(f.provinceCode, f.issueDate ?? asOf);
      const target = own && (layout.has(own.id) ? own : successorAsOf(own.code, f.issueDate ?? asOf, asOf));
      const kept = latest.get(f.provinceCode) === f && !!target && layout.has(target.id);
      sources.push({
        documentId: f.documentId, file: f.fileName, docNumber: f.docNumber, province: own?.name ?? f.provinceCode,
        value: f.value, qualifier: f.qualifier, status: f.status, page: f.page, box: f.box, sourceText: f.sourceText,
        ...(kept ? {} : { superseded: true }),
      });
      if (!kept) continue;
      byProvince[target!.code] = (byProvince[target!.code] ?? 0) + f.value;
      const of = f.subValues.find((s) => s.label === OF_LABEL)?.value;
      if (entry.aggregate === 'pair' && of !== undefined) totalOf = (totalOf ?? 0) + of;
    }
    const counted = sources.filter((s) => !s.superseded);
    if (!counted.length) continue;
    const total = Object.values(byProvince).reduce((a, b) => a + b, 0);
    const qualifier: Qualifier = counted.some((s) => s.qualifier === 'at_least') ? 'at_least' : counted.some((s) => s.qualifier === 'approx') ? 'approx' : 'exact';
    rows.push({
      key: entry.key, label: entry.label, unit: entry.unit, total: round(total), provinces: Object.keys(byProvince).length, byProvince,
      ...(totalOf !== undefined ? { totalOf } : {}),
      qualifier, provisional: counted.some((s) => s.status === 'needs_review'),
      text: indicatorText(entry.label, entry.unit, total, qualifier, totalOf), section: entry.section, sources,
    });
  }
  return {
    title: 'TỔNG HỢP SỐ LIỆU CHỈ TIÊU CỦA CÁC ĐỊA PHƯƠNG', asOf, layout: asOf >= MERGER_DATE ? 34 : 63,
    period: sel.period ?? null, receivedBy: sel.receivedBy ?? null, rows, ...pendingOf(repo, sel),
  };
}

/** Changes waiting for approval are never counted; they are listed apart unless only confirmed figures are wanted. */
function pendingOf(repo: ReportsRepository, sel: Selection): { pending?: PendingChangeRow[] } {
  if (sel.confirmedOnly) return {};
  const pending = repo.pendingChanges().filter((p) => !sel.excludeDocuments?.includes(p.documentId));
  return pending.length ? { pending } : {};
}

function newer(a: IndicatorFigureRow, b: IndicatorFigureRow): boolean {
  const pa = parsePeriod(a.period)?.end ?? '';
  const pb = parsePeriod(b.period)?.end ?? '';
  if (pa !== pb) return pa > pb;
  if ((a.issueDate ?? '') !== (b.issueDate ?? '')) return (a.issueDate ?? '') > (b.issueDate ?? '');
  return a.id > b.id;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** Vietnamese number: thousands with ".", decimals with "," ("20.761.960", "1,2"). */
export function viNumber(x: number): string {
  const [int, dec] = String(round(x)).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return dec ? `${grouped},${dec}` : grouped;
}

/** Money in đồng as the report writes it: "2.752 tỷ đồng", "830 triệu đồng". */
export function viMoney(dong: number): string {
  if (dong >= 1e9) return `${viNumber(round(dong / 1e9))} tỷ đồng`;
  if (dong >= 1e6) return `${viNumber(round(dong / 1e6))} triệu đồng`;
  return `${viNumber(dong)} đồng`;
}

const QUALIFIER_WORD: Record<Qualifier, string> = { exact: '', at_least: 'hơn ', approx: 'khoảng ' };

/** "hơn 25.349 chương trình phát thanh", "493/1.589 điểm ...", "vận động ...: hơn 2.752 tỷ đồng". */
export function indicatorText(label: string, unit: string, total: number, qualifier: Qualifier, totalOf?: number): string {
  const q = QUALIFIER_WORD[qualifier];
  if (unit === 'đồng') return `${label}: ${q}${viMoney(total)}`;
  const n = totalOf !== undefined ? `${viNumber(total)}/${viNumber(totalOf)}` : viNumber(total);
  return label.includes(unit) ? `${q}${n} ${label}` : `${label}: ${q}${n} ${unit}`;
}
