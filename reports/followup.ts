// Follow-up of a reporting period (issue 15): per expected province, whether its document
// came in on time, late, is in but still waits for review, or is missing. The expected
// senders are the provinces of the gazetteer valid on the deadline (63 before 1/7/2025, 34
// from then); a document of a pre-merger province counts for its successor, as in the
// appendices. JSON shape fixed in docs/cli.md; fields beyond it are additions.
import type { Db } from '../pipeline/db/database.js';
import { PeriodsRepository, type PeriodKind, type PeriodRow, type FollowupCandidateRow } from '../pipeline/db/periods.repository.js';
import { citingDocuments, periodKey } from '../pipeline/search.js';
import { provincesAsOf, provinceByCode, successorAsOf, regions, type Province } from '../extractors/province-gazetteer.js';
import { TonghopError } from '../model/errors.js';
import { parsePeriod, MERGER_DATE, type Period } from './selection.js';

export type FollowupStatus = 'received' | 'late' | 'in_review' | 'missing';
/** Why a document was taken as the answer to the period. */
export type MatchedBy = 'request' | 'period' | 'dates';

export interface FollowupDocument {
  docNumber: string | null;
  issueDate: string | null;
  /** the received stamp's date, when one was read; null otherwise (lateness then uses issueDate) */
  receivedDate: string | null;
  id: string;
  file: string;
  /** a printed field (number, date, province) still waits for review */
  provisional: boolean;
  matchedBy: MatchedBy;
  period: string | null;
  /** the pre-merger province that sent it, when the row is its successor */
  predecessor?: { code: string; name: string };
  /** other documents with the same number and date (re-sent copies) */
  copies?: string[];
}

export interface FollowupRow {
  tt: number;
  code: string;
  province: string;
  region: string;
  status: FollowupStatus;
  documents: FollowupDocument[];
  /** 34-province layout: the units merged into this one, and whether each sent a document */
  predecessors?: { code: string; name: string; sent: boolean }[];
}

export interface FollowupTable {
  period: string;
  kind: PeriodKind;
  deadline: string;
  request: { number: string; date: string | null } | null;
  expected: number;
  received: number;
  missing: number;
  onTime: number;
  late: number;
  inReview: number;
  layout: 63 | 34;
  rows: FollowupRow[];
  /** matching documents whose province is not among the expected ones */
  unplaced: { id: string; file: string; docNumber: string | null }[];
}

export const PERIOD_KINDS = ['report', 'programme', 'other'] as const;
const ISO = /^\d{4}-\d{2}-\d{2}$/;

export interface PeriodInput { name: string; kind: PeriodKind; deadline: string; request?: string | null; requestDate?: string | null }

/** Checks and stores a period (same folded name: replaced). */
export function definePeriod(db: Db, p: PeriodInput): PeriodRow {
  const name = p.name.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!parsePeriod(name)) throw new TonghopError('usage.bad_period', { period: p.name });
  if (!(PERIOD_KINDS as readonly string[]).includes(p.kind)) throw new TonghopError('usage.invalid_option', { option: '--kind', value: p.kind });
  for (const [option, v] of [['--deadline', p.deadline], ['--request-date', p.requestDate]] as const) {
    if (v != null && !ISO.test(v)) throw new TonghopError('usage.bad_date', { option, value: v });
  }
  const repo = new PeriodsRepository(db);
  repo.upsert({
    name, nameKey: periodKey(name), kind: p.kind, deadline: p.deadline,
    requestNumber: p.request?.normalize('NFC').replace(/\s+/g, '') || null, requestDate: p.requestDate ?? null,
  });
  return repo.byKey(periodKey(name))!;
}

export function findPeriod(db: Db, name: string): PeriodRow {
  const p = new PeriodsRepository(db).byKey(periodKey(name));
  if (!p) throw new TonghopError('usage.period_not_found', { period: name });
  return p;
}

export function listPeriods(db: Db): PeriodRow[] {
  return new PeriodsRepository(db).list();
}

/** The public JSON of a period (`period list --format json`, `period show`). */
export function periodJson(p: PeriodRow): { name: string; kind: PeriodKind; deadline: string; request: string | null; requestDate: string | null } {
  return { name: p.name, kind: p.kind, deadline: p.deadline, request: p.requestNumber, requestDate: p.requestDate };
}

const monthIndex = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7));
const addMonths = (iso: string, n: number) => {
  const m = monthIndex(iso) - 1 + n;
  return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`;
};

/**
 * Whether a document answers the period, and by what:
 *  - it cites the period's request ("Thực hiện Công văn số 329/CV-VPQGGN ...");
 *  - its own period words name the period, or start with it and run at most two months
 *    longer (a report written late for "7 tháng đầu năm 2023" answers the 6-month request,
 *    as five provinces did in the seed's Phụ lục II); a report about another period does not;
 *  - without period words: issued from the request's date (else the period's start) up to
 *    six months after the period's end (reports come after the period they cover).
 */
export function matchPeriod(
  d: { category: string | null; period: string | null; issueDate: string | null; citesRequest: boolean },
  p: { kind: PeriodKind; period: Period; requestDate: string | null },
): MatchedBy | null {
  if (d.category !== p.kind) return null;
  if (d.citesRequest) return 'request';
  const own = parsePeriod(d.period);
  if (own) {
    const extra = monthIndex(own.end) - monthIndex(p.period.end);
    return own.start === p.period.start && extra >= 0 && extra <= 2 ? 'period' : null;
  }
  if (!d.issueDate) return null;
  const from = p.requestDate ?? p.period.start;
  return d.issueDate >= from && d.issueDate < addMonths(p.period.end, 7) ? 'dates' : null;
}

/** received / late / in_review / missing from a row's documents. */
export function statusOf(docs: FollowupDocument[], deadline: string): FollowupStatus {
  if (docs.length === 0) return 'missing';
  const confirmed = docs.filter((d) => !d.provisional && (d.receivedDate ?? d.issueDate));
  if (confirmed.length === 0) return 'in_review';
  return confirmed.some((d) => (d.receivedDate ?? d.issueDate)! <= deadline) ? 'received' : 'late';
}

function toDocument(c: FollowupCandidateRow, matchedBy: MatchedBy, own: Province, target: Province): FollowupDocument {
  return {
    docNumber: c.docNumber, issueDate: c.issueDate, receivedDate: c.receivedDate, id: c.id, file: c.fileName,
    provisional: c.headerNeedsReview, matchedBy, period: c.period,
    ...(own.id !== target.id ? { predecessor: { code: own.code, name: own.name } } : {}),
  };
}

/** Builds the follow-up table of a stored period. */
export function buildFollowup(db: Db, name: string): FollowupTable {
  const p = findPeriod(db, name);
  const period = parsePeriod(p.name)!;
  const citing = p.requestNumber ? citingDocuments(db, p.requestNumber) : new Set<string>();
  const layout = provincesAsOf(p.deadline);
  const byUnit = new Map<string, FollowupDocument[]>(layout.map((u) => [u.id, []]));
  const senders = new Map<string, Set<string>>(layout.map((u) => [u.id, new Set()]));
  const unplaced: FollowupTable['unplaced'] = [];
  for (const c of new PeriodsRepository(db).candidates(p.kind)) {
    const by = matchPeriod({ ...c, citesRequest: citing.has(c.id) }, { kind: p.kind, period, requestDate: p.requestDate });
    if (!by) continue;
    const day = c.issueDate ?? p.deadline;
    const own = provinceByCode(c.provinceCode, day);
    const target = own ? (byUnit.has(own.id) ? own : successorAsOf(own.code, day, p.deadline)) : null;
    if (!own || !target || !byUnit.has(target.id)) { unplaced.push({ id: c.id, file: c.fileName, docNumber: c.docNumber }); continue; }
    const doc = toDocument(c, by, own, target);
    const cell = byUnit.get(target.id)!;
    const same = cell.find((x) => x.docNumber !== null && x.docNumber === doc.docNumber && x.issueDate === doc.issueDate);
    if (same) same.copies = [...(same.copies ?? []), doc.id];
    else cell.push(doc);
    senders.get(target.id)!.add(own.code);
  }
  const rows = layoutRows(layout, byUnit, senders, p.deadline);
  const count = (s: FollowupStatus) => rows.filter((r) => r.status === s).length;
  return {
    period: p.name, kind: p.kind, deadline: p.deadline,
    request: p.requestNumber ? { number: p.requestNumber, date: p.requestDate } : null,
    expected: rows.length, received: rows.length - count('missing'), missing: count('missing'),
    onTime: count('received'), late: count('late'), inReview: count('in_review'),
    layout: p.deadline >= MERGER_DATE ? 34 : 63, rows, unplaced,
  };
}

/** Rows in the national report's order: regions, then the gazetteer's order within each. */
function layoutRows(layout: Province[], byUnit: Map<string, FollowupDocument[]>, senders: Map<string, Set<string>>, deadline: string): FollowupRow[] {
  const rows: FollowupRow[] = [];
  for (const region of regions(deadline)) {
    for (const u of layout.filter((x) => x.regionId === region.id)) {
      const documents = byUnit.get(u.id)!.sort((a, b) => (a.issueDate ?? '').localeCompare(b.issueDate ?? '') || (a.docNumber ?? '').localeCompare(b.docNumber ?? ''));
      const row: FollowupRow = { tt: rows.length + 1, code: u.code, province: u.name, region: region.name, status: statusOf(documents, deadline), documents };
      if (deadline >= MERGER_DATE && u.predecessors.length > 1) {
        const dayBefore = new Date(Date.parse(`${u.validFrom}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
        row.predecessors = u.predecessors.map((c) => provinceByCode(c, dayBefore)).filter((q): q is Province => q !== null)
          .map((q) => ({ code: q.code, name: q.name, sent: senders.get(u.id)!.has(q.code) }));
      }
      rows.push(row);
    }
  }
  return rows;
}

/** The provinces still to be chased: missing rows, in table order. */
export function missingProvinces(t: FollowupTable): FollowupRow[] {
  return t.rows.filter((r) => r.status === 'missing');
}

export interface PeriodDashboard {
  /** documents counted for the period (re-sent copies included) */
  documents: number;
  /** share of them accepted without any person's decision, 0..1 (null without documents) */
  straightThrough: number | null;
  /** documents of any period waiting for review, and the day the oldest came in */
  waitingForReview: number;
  oldestWaiting: string | null;
  missingProvinces: number;
}

/** The numbers at the top of the follow-up page. */
export function periodDashboard(db: Db, t: FollowupTable): PeriodDashboard {
  const repo = new PeriodsRepository(db);
  const ids = t.rows.flatMap((r) => r.documents.flatMap((d) => [d.id, ...(d.copies ?? [])]));
  const backlog = repo.reviewBacklog();
  return {
    documents: ids.length, straightThrough: ids.length ? repo.straightThrough(ids) / ids.length : null,
    waitingForReview: backlog.waiting, oldestWaiting: backlog.oldestReceivedAt?.slice(0, 10) ?? null, missingProvinces: t.missing,
  };
}
