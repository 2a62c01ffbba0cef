// CSV of one report table (UTF-8 with BOM, see csv.ts): one line per province or indicator.
import { toCsv } from './csv.js';
import type { AppendixTable } from './appendix.js';
import type { IndicatorTotals } from './indicator-totals.js';
import type { ReportBundle } from './report-bundle.js';
import { TonghopError } from '../model/errors.js';

export function reportCsv(b: ReportBundle): string {
  if (b.name === 'all') throw new TonghopError('usage.csv_one_table');
  if (b.appendices.length) return appendixCsv(b.appendices[0]);
  if (b.indicators) return indicatorsCsv(b.indicators);
  const n = b.narrative!;
  return toCsv(['paragraph', 'text', 'footnote', 'footnoteText', 'provinces'], n.paragraphs.flatMap((p) => [
    [p.key, p.text, '', '', ''],
    ...p.footnotes.map((f) => [p.key, '', f.n, f.text, f.provinces.map((x) => x.code).join(' ')]),
  ]));
}

export function appendixCsv(a: AppendixTable): string {
  const header = ['tt', 'region', 'province', 'code', 'marked', 'provisional', 'docNumbers', 'issueDates', 'documentIds', 'predecessors'];
  return toCsv(header, a.rows.map((r) => [
    r.tt, r.region, r.province, r.code, r.marked ? 'X' : '', r.provisional ? 'tạm tính' : '',
    r.documents.map((d) => d.docNumber ?? '').join('; '),
    r.documents.map((d) => d.issueDate ?? '').join('; '),
    r.documents.map((d) => d.id).join('; '),
    r.documents.map((d) => d.predecessor?.name ?? '').join('; ').replace(/^(; )+$/, ''),
  ]));
}

export function indicatorsCsv(t: IndicatorTotals): string {
  const header = ['key', 'label', 'unit', 'total', 'totalOf', 'provinces', 'qualifier', 'provisional', 'text', 'byProvince'];
  return toCsv(header, t.rows.map((r) => [
    r.key, r.label, r.unit, r.total, r.totalOf ?? '', r.provinces, r.qualifier, r.provisional ? 'true' : 'false', r.text,
    Object.entries(r.byProvince).sort(([a], [b]) => a.localeCompare(b)).map(([c, v]) => `${c}=${v}`).join('; '),
  ]));
}
