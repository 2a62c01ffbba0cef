// One figure, one count: the prose and the summary table of a report often state the same
// indicator; equal values become one IndicatorValue (the table's place preferred), unequal
// ones keep one value and raise 'indicator.conflict' so a person decides.
import type { Finding, IndicatorValue, Qualifier } from '../../model/document.js';
import { catalogue, indicatorByKey } from '../../schemas/indicator-catalogue.js';
import type { IndicatorCandidate } from './candidate.js';

/** Confidence of a figure stated alike in a sentence and a table cell. */
export const PROSE_TABLE_CONFIRMED = 0.95;
/** Each of the two must be at least this sure on its own. */
const AGREEING_FLOOR = 0.7;

const readings = (c: IndicatorCandidate) => [c.value, ...(c.alternatives ?? [])];
const fmt = (v: number) => v.toLocaleString('vi-VN');

/** A qualified prose figure that a more exact value fits: "hơn 900" (≥ 900), "khoảng 930" (within 10 %). */
function bounds(c: IndicatorCandidate, value: number): boolean {
  if (c.qualifier === 'at_least') return value >= c.value;
  if (c.qualifier === 'approx') return Math.abs(value - c.value) <= 0.1 * Math.max(value, c.value);
  return false;
}

/**
 * `ocrPages`: pages read by OCR. There, a table cell that disagrees with a sentence whose own
 * parts add up to its total is a misread cell (see `misreadCellAgainstParts`); on a text layer the two
 * are what the office printed, and a person decides.
 */
export function reconcile(cands: IndicatorCandidate[], ocrPages: ReadonlySet<number> = new Set()): { indicators: IndicatorValue[]; findings: Finding[] } {
  const groups = new Map<string, IndicatorCandidate[]>();
  for (const c of cands) {
    if (!groups.has(c.key)) groups.set(c.key, []);
    groups.get(c.key)!.push(c);
  }
  const order = new Map(catalogue().indicators.map((e, i) => [e.key, i]));
  const indicators: IndicatorValue[] = [];
  const findings: Finding[] = [];
  for (const [key, group] of [...groups].sort((a, b) => (order.get(a[0]) ?? 0) - (order.get(b[0]) ?? 0))) {
    const { indicator, conflict } = reconcileGroup(key, group, ocrPages);
    if (conflict) findings.push(conflict);
    indicators.push(indicator);
  }
  checkSums(indicators, findings);
  return { indicators, findings };
}

/** One indicator's statements: the value most of them support, its confidence and findings, and the conflict finding when some disagree. */
function reconcileGroup(key: string, group: IndicatorCandidate[], ocrPages: ReadonlySet<number>): { indicator: IndicatorValue; conflict?: Finding } {
  const entry = indicatorByKey(key)!;
  const settledByParts = misreadCellAgainstParts(group, ocrPages);
  if (settledByParts) return settledByParts;
  let conflict: Finding | undefined;
  // the reading most sources support; on a tie the table's own reading, then the first stated
  const support = new Map<number, number>();
  for (const c of group) for (const v of new Set(readings(c))) support.set(v, (support.get(v) ?? 0) + 1);
  // an OCR reading marked doubtful gives way to a sure one
  const doubtful = (c: IndicatorCandidate) => c.findings.some((f) => f.code === 'indicator.ocr_doubt');
  const preferred = group.find((c) => c.source === 'table' && !doubtful(c)) ?? group.find((c) => !doubtful(c)) ?? group[0];
  let chosen = preferred.value;
  for (const [v, n] of support) if (n > (support.get(chosen) ?? 0)) chosen = v;
  const agree = group.filter((c) => readings(c).includes(chosen));
  // "hơn 900" or "khoảng 930" in the prose beside 924 in the table says the same thing less exactly
  const consistent = (c: IndicatorCandidate) => c.source === 'prose' && agree.some((a) => a.source === 'table' && a.qualifier === 'exact') && bounds(c, chosen);
  const disagree = group.filter((c) => !readings(c).includes(chosen) && !consistent(c));
  const primary = agree.find((c) => c.source === 'table') ?? agree[0];
  // an OCR border doubt is settled when another statement gives the same value
  const settled = agree.length > 1;
  const own: Finding[] = [];
  for (const c of agree) for (const f of c.findings) {
    if (settled && f.code === 'indicator.ocr_border') continue;
    if (!own.some((g) => g.code === f.code && g.message === f.message)) own.push(f);
  }
  let confidence = Math.max(...agree.map((c) => c.confidence));
  if (settled) {
    const doubted = agree.some((c) => c.findings.some((f) => f.code === 'indicator.ocr_border'));
    confidence = doubted ? Math.max(...agree.filter((c) => c.source === 'prose').map((c) => c.confidence), 0.9) : Math.min(0.99, confidence + 0.03 * (agree.length - 1));
  }
  // a sentence and a table cell read apart, each fairly sure, naming the same indicator and the
  // same value: each confirms the other (two readings rarely slip to one wrong value)
  if (settled && new Set(agree.map((c) => c.source)).size === 2 && agree.every((c) => c.confidence >= AGREEING_FLOOR)) {
    confidence = Math.max(confidence, PROSE_TABLE_CONFIRMED);
  }
  if (disagree.length) {
    const where = (c: IndicatorCandidate) => `${fmt(c.value)} (trang ${c.provenance.page}, ${c.source === 'table' ? 'bảng' : 'lời văn'})`;
    const f: Finding = {
      code: 'indicator.conflict',
      message: `Chỉ tiêu "${entry.label}" có giá trị khác nhau trong cùng văn bản: ${group.map(where).join('; ')}. Giữ ${fmt(chosen)}, cần kiểm tra.`,
      place: primary.provenance,
    };
    own.push(f);
    conflict = f;
    confidence = Math.min(confidence, 0.5);
  }
  // "hơn 1.234" in the prose and "1.234" in the table: the prose says what the figure is
  const qualifiers = agree.map((c) => c.qualifier);
  const qualifier: Qualifier = qualifiers.find((q) => q !== 'exact') ?? 'exact';
  const subValues = agree.find((c) => c.subValues?.length)?.subValues;
  const indicator: IndicatorValue = {
    key,
    label: entry.label,
    value: chosen,
    unit: entry.unit,
    qualifier,
    confidence: Math.round(confidence * 1000) / 1000,
    provenance: primary.provenance,
    ...(subValues ? { subValues } : {}),
    findings: own,
  };
  return { indicator, conflict };
}

/** Confidence of a sentence's total that its own stated parts add up to, against a misread cell. */
export const PARTS_ADD_UP = 0.93;

/**
 * "huy động 101,72 tỷ đồng (năm 2022: 35,19 tỷ đồng; năm 2023: 66,53 tỷ đồng)" beside an OCR'd
 * table cell that reads otherwise: three figures read apart that add up exactly do not come
 * from one reading slip, so the sentence's total stands and the cell is taken as misread (an
 * info finding keeps the disagreement visible). Only on OCR'd pages, only one sentence and
 * exact figures; anything else is a conflict for a person.
 */
function misreadCellAgainstParts(group: IndicatorCandidate[], ocrPages: ReadonlySet<number>): { indicator: IndicatorValue } | null {
  const prose = group.filter((c) => c.source === 'prose');
  const cells = group.filter((c) => c.source === 'table');
  if (prose.length !== 1 || cells.length === 0) return null;
  const p = prose[0];
  const parts = p.subValues ?? [];
  if (p.qualifier !== 'exact' || p.confidence < AGREEING_FLOOR || parts.length < 2 || parts.reduce((a, x) => a + x.value, 0) !== p.value) return null;
  if (!cells.every((c) => ocrPages.has(c.provenance.page) && !readings(c).includes(p.value))) return null;
  const entry = indicatorByKey(p.key)!;
  const note: Finding = {
    code: 'indicator.cell_misread',
    severity: 'info',
    message: `Ô bảng đọc được ${cells.map((c) => fmt(c.value)).join(', ')} cho "${entry.label}", khác ${fmt(p.value)} trong lời văn; các phần trong lời văn cộng lại đúng ${fmt(p.value)} nên lấy giá trị lời văn.`,
    place: cells[0].provenance,
  };
  return {
    indicator: {
      key: p.key, label: entry.label, value: p.value, unit: entry.unit, qualifier: 'exact',
      confidence: Math.max(p.confidence, PARTS_ADD_UP), provenance: p.provenance, subValues: parts, findings: [...p.findings, note],
    },
  };
}

/**
 * A total and its parts stated in one report (fund_mobilised = poor_fund +
 * social_security_direct): when all are exact and the parts do not add up, each goes to
 * review; when they add up, the figures vouch for one another.
 */
function checkSums(indicators: IndicatorValue[], findings: Finding[]): void {
  const byKey = new Map(indicators.map((v) => [v.key, v]));
  for (const total of indicators) {
    const parts = (indicatorByKey(total.key)?.sumOf ?? []).map((k) => byKey.get(k));
    if (!parts.length || parts.some((p) => !p)) continue;
    const all = [total, ...(parts as IndicatorValue[])];
    const sum = (parts as IndicatorValue[]).reduce((a, p) => a + p.value, 0);
    if (all.some((v) => v.qualifier !== 'exact')) continue;
    if (sum === total.value) {
      for (const v of all) if (!v.findings.length) v.confidence = Math.round(Math.min(0.99, v.confidence + 0.01) * 1000) / 1000;
      continue;
    }
    const f: Finding = {
      code: 'indicator.sum_mismatch',
      message: `"${total.label}" là ${fmt(total.value)} nhưng các phần cộng lại được ${fmt(sum)} (${(parts as IndicatorValue[]).map((p) => `${p.label}: ${fmt(p.value)}`).join('; ')}); cần kiểm tra.`,
      place: total.provenance,
    };
    findings.push(f);
    for (const v of all) { v.findings.push(f); v.confidence = Math.min(v.confidence, 0.6); }
  }
}
