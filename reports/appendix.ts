// Phụ lục I (coordination programmes issued) and Phụ lục II (reports received), derived from
// the database in the national report's layout: the six regions in the seed's order, one row
// per province, an X when at least one qualifying document is there, all its documents in the
// row's cells. JSON shape fixed in docs/cli.md; extra fields are additions.
import type { Box } from '../model/document.js';
import { provincesAsOf, provinceByCode, successorAsOf, regions, type Province } from '../extractors/province-gazetteer.js';
import type { ReportsRepository, AppendixDocumentRow, Category } from './reports.repository.js';
import { exclusionFor, resolveAsOf, checkSelection, MERGER_DATE, type Selection, type Exclusion } from './selection.js';

export type AppendixName = 'appendix-1' | 'appendix-2';

/** The national coordination programme the provinces' programmes implement (seed, section I). */
export const NATIONAL_PROGRAMME = { number: '109/CTr-BLĐTBXH-MTTW', date: '2023-01-11' } as const;

export interface AppendixSpec {
  name: AppendixName;
  category: Category;
  heading: string;
  title: string;
  markHeader: string;
}

export const APPENDICES: Record<AppendixName, AppendixSpec> = {
  'appendix-1': {
    name: 'appendix-1', category: 'programme', heading: 'Phụ lục I',
    title: 'TỔNG HỢP KẾT QUẢ BAN HÀNH CHƯƠNG TRÌNH PHỐI HỢP CỦA CÁC ĐỊA PHƯƠNG',
    markHeader: 'ĐÃ BAN HÀNH CTPH (X)',
  },
  'appendix-2': {
    name: 'appendix-2', category: 'report', heading: 'Phụ lục II',
    title: 'TỔNG HỢP TÌNH HÌNH BÁO CÁO KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH PHỐI HỢP CỦA CÁC ĐỊA PHƯƠNG',
    markHeader: 'ĐÃ BÁO CÁO (X)',
  },
};

export const COLUMN_HEADERS = ['TT', 'TỈNH, THÀNH PHỐ', '(X)', 'SỐ HIỆU VĂN BẢN', 'NGÀY, THÁNG BAN HÀNH VĂN BẢN'] as const;

export interface AppendixDocument {
  docNumber: string | null;
  issueDate: string | null;
  /** traceability: the document, and where its number was read (page 1-based, box in PDF points) */
  id: string;
  file: string;
  status: 'accepted' | 'needs_review';
  provisional: boolean;
  page: number | null;
  box: Box | null;
  period?: string | null;
  /** the pre-merger province that issued it, when the row is its successor (34-province tables) */
  predecessor?: { code: string; name: string };
  /** Phụ lục I: issued before the national programme (an earlier, different programme) */
  beforeNationalProgramme?: boolean;
  /** other documents with the same number and date (re-sent copies), not listed twice */
  copies?: string[];
}

export interface AppendixRow {
  tt: number;
  region: string;
  regionId: string;
  province: string;
  code: string;
  marked: boolean;
  /** marked only on documents whose printed fields still need review */
  provisional: boolean;
  documents: AppendixDocument[];
  /** 34-province tables: the units merged into this one, and whether each has a document */
  predecessors?: { code: string; name: string; marked: boolean }[];
}

export interface AppendixRegion { id: string; roman: string; name: string; total: number; provinces: number }

export interface AppendixTable {
  name: AppendixName;
  heading: string;
  title: string;
  markHeader: string;
  total: number;
  of: number;
  /** how many of the marked rows are provisional */
  provisional: number;
  asOf: string;
  layout: 63 | 34;
  period: string | null;
  receivedBy: string | null;
  regions: AppendixRegion[];
  rows: AppendixRow[];
  /** documents left out, and why */
  excluded: { id: string; file: string; docNumber: string | null; reason: Exclusion | 'unplaced' }[];
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'];

export function buildAppendix(repo: ReportsRepository, name: AppendixName, sel: Selection = {}): AppendixTable {
  checkSelection(sel);
  const spec = APPENDICES[name];
  const candidates = repo.appendixDocuments(spec.category).filter((d) => !sel.excludeDocuments?.includes(d.id));
  const excluded: AppendixTable['excluded'] = [];
  const kept: AppendixDocumentRow[] = [];
  for (const d of candidates) {
    const why = exclusionFor({ category: spec.category, period: d.period, issueDate: d.issueDate, receivedOn: d.receivedOn, provisional: d.headerNeedsReview }, sel);
    if (why) excluded.push({ id: d.id, file: d.fileName, docNumber: d.docNumber, reason: why });
    else kept.push(d);
  }
  const asOf = resolveAsOf(sel, kept.map((d) => d.issueDate));
  const layout = provincesAsOf(asOf);
  const byUnit = new Map<string, AppendixDocument[]>(layout.map((p) => [p.id, []]));
  const issuers = new Map<string, Set<string>>(layout.map((p) => [p.id, new Set()]));

  for (const d of kept) {
    const own = provinceByCode(d.provinceCode, d.issueDate ?? asOf);
    const target = own ? (byUnit.has(own.id) ? own : successorAsOf(own.code, d.issueDate ?? asOf, asOf)) : null;
    if (!own || !target || !byUnit.has(target.id)) { excluded.push({ id: d.id, file: d.fileName, docNumber: d.docNumber, reason: 'unplaced' }); continue; }
    const doc: AppendixDocument = {
      docNumber: d.docNumber, issueDate: d.issueDate, id: d.id, file: d.fileName, status: d.status,
      provisional: d.headerNeedsReview, page: d.page, box: d.box,
      ...(spec.category === 'report' ? { period: d.period } : {}),
      ...(own.id !== target.id ? { predecessor: { code: own.code, name: own.name } } : {}),
      ...(spec.category === 'programme' && d.issueDate && d.issueDate < NATIONAL_PROGRAMME.date ? { beforeNationalProgramme: true } : {}),
    };
    const cell = byUnit.get(target.id)!;
    const same = cell.find((c) => c.docNumber === doc.docNumber && c.issueDate === doc.issueDate && c.docNumber !== null);
    if (same) {
      same.copies ??= [];
      same.copies.push(doc.id);
      same.provisional &&= doc.provisional;
    } else cell.push(doc);
    if (own.id !== target.id) issuers.get(target.id)!.add(own.code);
  }

  const regionList = regions(asOf);
  const rows = appendixRows(regionList, layout, byUnit, issuers, asOf);
  const regionsOut: AppendixRegion[] = regionList.map((r, i) => {
    const rs = rows.filter((x) => x.regionId === r.id);
    return { id: r.id, roman: ROMAN[i] ?? String(i + 1), name: r.name, total: rs.filter((x) => x.marked).length, provinces: rs.length };
  });
  return {
    name, heading: spec.heading, title: spec.title, markHeader: spec.markHeader,
    total: rows.filter((r) => r.marked).length, of: rows.length,
    provisional: rows.filter((r) => r.marked && r.provisional).length,
    asOf, layout: asOf >= MERGER_DATE ? 34 : 63,
    period: sel.period ?? null, receivedBy: sel.receivedBy ?? null,
    regions: regionsOut, rows, excluded,
  };
}

/** The rows in region order, numbered (TT); a province is marked when it has a document. */
function appendixRows(regionList: ReturnType<typeof regions>, layout: ReturnType<typeof provincesAsOf>, byUnit: Map<string, AppendixDocument[]>,
  issuers: Map<string, Set<string>>, asOf: string): AppendixRow[] {
  const rows: AppendixRow[] = [];
  let tt = 0;
  for (const region of regionList) {
    for (const p of layout.filter((x) => x.regionId === region.id)) {
      const documents = byUnit.get(p.id)!.sort(byDateThenNumber);
      const row: AppendixRow = {
        tt: ++tt, region: region.name, regionId: region.id, province: p.name, code: p.code,
        marked: documents.length > 0,
        provisional: documents.length > 0 && documents.every((d) => d.provisional),
        documents,
      };
      if (asOf >= MERGER_DATE && p.predecessors.length > 1) {
        row.predecessors = predecessorsOf(p).map((q) => ({ code: q.code, name: q.name, marked: issuers.get(p.id)!.has(q.code) }));
      }
      rows.push(row);
    }
  }
  return rows;
}

/**
 * One day for every table of a report (so Phụ lục I and II and the totals share a province
 * list): resolveAsOf over the documents of both appendices that pass the selection.
 */
export function commonAsOf(repo: ReportsRepository, sel: Selection): string {
  checkSelection(sel);
  const dates: (string | null)[] = [];
  for (const category of ['programme', 'report'] as const) {
    for (const d of repo.appendixDocuments(category)) {
      if (sel.excludeDocuments?.includes(d.id)) continue;
      if (!exclusionFor({ category, period: d.period, issueDate: d.issueDate, receivedOn: d.receivedOn, provisional: d.headerNeedsReview }, sel)) dates.push(d.issueDate);
    }
  }
  return resolveAsOf(sel, dates);
}

function predecessorsOf(p: Province): Province[] {
  const dayBefore = new Date(Date.parse(`${p.validFrom}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return p.predecessors.map((c) => provinceByCode(c, dayBefore)).filter((q): q is Province => q !== null);
}

function byDateThenNumber(a: AppendixDocument, b: AppendixDocument): number {
  return (a.issueDate ?? '').localeCompare(b.issueDate ?? '') || (a.docNumber ?? '').localeCompare(b.docNumber ?? '');
}

/** "2023-04-11" → "11/04/2023", as the national report prints dates. */
export function viDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}
