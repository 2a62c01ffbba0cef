// Which documents a report counts: reporting period, cut-off ("received by"), the day whose
// map of provinces is used, and whether provisional (needs_review) documents count.
import { foldVietnamese } from '../extractors/text-fold.js';
import { TonghopError } from '../model/errors.js';

export interface Selection {
  /** reporting period as officials write it: "09 tháng đầu năm 2023", "quý II/2023", "năm 2025", "2023" */
  period?: string;
  /** cut-off, ISO date: only documents received on or before it */
  receivedBy?: string;
  /** the day whose provinces the table uses (63 before 1/7/2025, 34 from then); default: see resolveAsOf */
  asOf?: string;
  /** leave out documents whose printed fields still need review (default: count them, flagged provisional) */
  confirmedOnly?: boolean;
  /** documents never counted (reconcile leaves out the published report it just ingested) */
  excludeDocuments?: readonly string[];
}

export interface Period {
  label: string;
  year: number;
  /** months covered, 1..12 inclusive */
  fromMonth: number;
  toMonth: number;
  start: string;
  end: string;
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function make(label: string, year: number, fromMonth: number, toMonth: number): Period | null {
  if (fromMonth < 1 || toMonth > 12 || fromMonth > toMonth) return null;
  return { label, year, fromMonth, toMonth, start: `${year}-${pad(fromMonth)}-01`, end: `${year}-${pad(toMonth)}-${pad(lastDay(year, toMonth))}` };
}

/** Reads a reporting period as printed in a report title; null when there is none. */
export function parsePeriod(text: string | null | undefined): Period | null {
  if (!text) return null;
  const label = text.normalize('NFC').trim();
  const f = foldVietnamese(label).replace(/\s+/g, ' ');
  let m = /(\d{1,2}) thang dau nam (\d{4})/.exec(f);
  if (m) return make(label, +m[2], 1, +m[1]);
  m = /(\d{1,2}) thang cuoi nam (\d{4})/.exec(f);
  if (m) return make(label, +m[2], 13 - +m[1], 12);
  m = /quy (iv|iii|ii|i|[1-4])\s*(?:nam\s*|\/\s*)(\d{4})/.exec(f);
  if (m) { const q = ROMAN[m[1]]; return make(label, +m[2], 3 * q - 2, 3 * q); }
  m = /^(?:nam )?(\d{4})$/.exec(f.trim()) ?? /nam (\d{4})(?!\s*-)/.exec(f);
  if (m) return make(label, +m[1], 1, 12);
  return null;
}

/** Whether a report's own period lies within the selected period (a 6-month report counts for 9 months). */
export function periodWithin(inner: Period, outer: Period): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

export const MERGER_DATE = '2025-07-01';
const today = () => new Date().toISOString().slice(0, 10);

/**
 * The day whose provinces a table uses: given explicitly, else the cut-off, else the end of
 * the period, else the newest qualifying document's issue date (a table of 2023 documents
 * is a 63-province table), else today.
 */
export function resolveAsOf(sel: Selection, documentDates: (string | null)[]): string {
  if (sel.asOf) return sel.asOf;
  if (sel.receivedBy) return sel.receivedBy;
  const p = parsePeriod(sel.period);
  if (sel.period && !p) throw new TonghopError('usage.bad_period', { period: sel.period });
  if (p) return p.end;
  const dates = documentDates.filter((d): d is string => !!d).sort();
  return dates.length ? dates[dates.length - 1] : today();
}

export function checkSelection(sel: Selection): void {
  for (const [k, v] of [['receivedBy', sel.receivedBy], ['asOf', sel.asOf]] as const) {
    if (v !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new TonghopError('usage.bad_date', { option: k, value: v });
  }
  if (sel.period && !parsePeriod(sel.period)) {
    throw new TonghopError('usage.bad_period', { period: sel.period });
  }
}

export type Exclusion = 'after_cutoff' | 'no_received_date' | 'outside_period' | 'provisional';

/**
 * Why a document is left out of a selection, or null when it counts.
 * Programmes stay in force once issued, so for them the period only sets an end: issued
 * on or before the period's last day. Reports must cover a period within the selected one;
 * a report whose period cannot be read counts when it was issued inside the period or
 * after it (reports arrive after the period they cover), up to the cut-off.
 */
export function exclusionFor(
  doc: { category: 'programme' | 'report'; period: string | null; issueDate: string | null; receivedOn: string | null; provisional: boolean },
  sel: Selection,
): Exclusion | null {
  if (sel.confirmedOnly && doc.provisional) return 'provisional';
  if (sel.receivedBy) {
    if (!doc.receivedOn) return 'no_received_date';
    if (doc.receivedOn > sel.receivedBy) return 'after_cutoff';
  }
  const p = parsePeriod(sel.period);
  if (p) {
    if (doc.category === 'programme') {
      if (doc.issueDate && doc.issueDate > p.end) return 'outside_period';
    } else {
      const own = parsePeriod(doc.period);
      if (own ? !periodWithin(own, p) : !doc.issueDate || doc.issueDate < p.start) return 'outside_period';
    }
  }
  return null;
}
