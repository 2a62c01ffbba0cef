// Scores what the pipeline wrote for one part of the corpus against the manifest's truth:
// header fields, title, classification, straight-through documents, Phụ lục I/II rows and
// indicator totals (derived by the real report code from the pipeline's database and from
// a database holding the truth), indicator recall and wrong-accepted values.
import type { App } from '../../pipeline/app.js';
import { buildAppendix, type AppendixName } from '../../reports/appendix.js';
import { exportDocuments, type ExportedDocument } from '../../reports/export-documents.js';
import { buildIndicatorTotals } from '../../reports/indicator-totals.js';
import { ReportsRepository } from '../../reports/reports.repository.js';
import type { OtherHandsDocument } from './corpus.js';

export const HEADER_FIELDS = ['docNumber', 'issueDate', 'province', 'docType'] as const;

export interface FieldScore { right: number; review: number; wrongAccepted: number; missed: number }

export interface PartScore {
  documents: number;
  header: Record<(typeof HEADER_FIELDS)[number], FieldScore>;
  titleFound: number;
  titleAny: number;
  /** truth kind → got category → count */
  classification: Record<string, Record<string, number>>;
  classificationRight: number;
  /** status accepted: nothing sent to review */
  straightThrough: number;
  /** straight through with every header field and the category right, no wrong value accepted */
  straightThroughRight: number;
  appendix: Record<AppendixName, { rowsEqual: number; rows: number; total: number; expectedTotal: number }>;
  indicatorTotals: { equal: number; expected: number };
  indicators: { truth: number; found: number; accepted: number; wrongAccepted: number; review: number; spurious: number };
  /** expected vs got for everything wrong or missed, one line each */
  mismatches: string[];
  /** what held each document that did not go straight through: value, confidence, findings */
  held: string[];
}

/** Case-, space- and punctuation-insensitive form of a title. */
export function normTitle(s: string | null | undefined): string {
  return (s ?? '').normalize('NFC').toLocaleLowerCase('vi').replace(/[“”"]/g, '"').replace(/\s+/g, ' ').replace(/[\s.,;:/]+$/, '').trim();
}

function headerValue(d: ExportedDocument, f: (typeof HEADER_FIELDS)[number]): unknown {
  return f === 'province' ? (d.province?.code ?? null) : d[f];
}

function truthValue(t: OtherHandsDocument['truth'], f: (typeof HEADER_FIELDS)[number]): unknown {
  return f === 'province' ? t.province.code : t[f];
}

function scoreHeader(s: PartScore, d: ExportedDocument, m: OtherHandsDocument): boolean {
  let allRight = true;
  for (const f of HEADER_FIELDS) {
    const got = headerValue(d, f);
    const want = truthValue(m.truth, f);
    const row = s.header[f];
    if (got === want) { row.right++; continue; }
    allRight = false;
    const status = d.fields[f]?.status;
    if (status === 'needs_review') row.review++;
    else if (got === null || got === undefined) row.missed++;
    else row.wrongAccepted++;
    s.mismatches.push(`${m.id} ${f}: want ${JSON.stringify(want)} got ${JSON.stringify(got)} (${status ?? 'no field'})`);
  }
  return allRight;
}

/** Returns how many wrong values this document had accepted. */
function scoreIndicators(s: PartScore, d: ExportedDocument, m: OtherHandsDocument): number {
  let wrong = 0;
  const truth = m.indicators;
  for (const [key, t] of Object.entries(truth)) {
    // a first-page scan states only some of the document's figures: recall counts those
    if (!t.prosePages.length && !t.tablePages.length) continue;
    s.indicators.truth++;
    const v = d.indicators.find((x) => x.key === key);
    if (v?.value === t.value) s.indicators.found++;
    else s.mismatches.push(`${m.id} indicator ${key}: want ${t.value} (${t.placement}${t.proseForm ? `, ${t.proseOrder} ${t.proseForm}` : ''}) got ${v ? `${v.value} (${v.status})` : '—'}`);
  }
  for (const v of d.indicators) {
    const t = truth[v.key];
    if (!t) s.indicators.spurious++;
    if (v.status !== 'accepted') { s.indicators.review++; continue; }
    s.indicators.accepted++;
    if (!t || t.value !== v.value) {
      s.indicators.wrongAccepted++;
      wrong++;
      s.mismatches.push(`${m.id} indicator ${v.key}: accepted ${v.value}, truth ${t ? t.value : 'none'} ← "${v.sourceText ?? ''}"`);
    }
  }
  return wrong;
}

/** The values of a document that wait for review, with confidence and finding codes. */
function heldValues(app: App, d: ExportedDocument, id: string): string[] {
  const codes = (fs: readonly { code: string }[]) => fs.map((f) => f.code).join(',');
  const out = Object.entries(d.fields).filter(([, f]) => f.status === 'needs_review')
    .map(([k, f]) => `${id} ${k} = ${JSON.stringify(f.value)} @${f.confidence} [${codes(f.findings as { code: string }[])}]`);
  for (const i of app.repo.indicators(d.id)) {
    if (i.status === 'needs_review') out.push(`${id} indicator ${i.key} = ${i.value} @${i.confidence} [${codes(i.findings)}] ← "${(i.sourceText ?? '').slice(0, 140)}"`);
  }
  return out;
}

/** Phụ lục I/II row by row, and indicator totals, from the real report code on both databases. */
function scoreReports(s: PartScore, got: App, truth: App): void {
  const g = new ReportsRepository(got.db);
  const t = new ReportsRepository(truth.db);
  const cell = (r: { marked: boolean; documents: { docNumber: string | null; issueDate: string | null }[] }) =>
    JSON.stringify({ marked: r.marked, documents: r.documents.map((x) => [x.docNumber, x.issueDate]) });
  for (const name of ['appendix-1', 'appendix-2'] as const) {
    const a = buildAppendix(g, name);
    const b = buildAppendix(t, name);
    let equal = 0;
    // by province code: a table laid out for another date (34 provinces) has other rows
    const mineByCode = new Map(a.rows.map((r) => [r.code, r]));
    if (a.layout !== b.layout) s.mismatches.push(`${name}: laid out for ${a.layout} provinces (as of ${a.asOf}), want ${b.layout} (as of ${b.asOf})`);
    for (const row of b.rows) {
      const mine = mineByCode.get(row.code);
      if (mine && cell(mine) === cell(row)) equal++;
      else s.mismatches.push(`${name} ${row.province}: want ${cell(row)} got ${mine ? cell(mine) : 'no such row'}`);
    }
    s.appendix[name] = { rowsEqual: equal, rows: b.rows.length, total: a.total, expectedTotal: b.total };
  }
  const gotTotals = new Map(buildIndicatorTotals(g).rows.map((r) => [r.key, r]));
  const want = buildIndicatorTotals(t).rows;
  s.indicatorTotals.expected = want.length;
  for (const w of want) {
    const r = gotTotals.get(w.key);
    if (r && r.total === w.total && r.totalOf === w.totalOf) s.indicatorTotals.equal++;
    else s.mismatches.push(`total ${w.key}: want ${w.total}${w.totalOf !== undefined ? `/${w.totalOf}` : ''} got ${r ? `${r.total}${r.totalOf !== undefined ? `/${r.totalOf}` : ''}` : '—'}`);
  }
}

/** `got`: the pipeline's database for the part; `truth`: the same documents inserted as read right. */
export function scorePart(got: App, truth: App, manifest: OtherHandsDocument[]): PartScore {
  const zero = (): FieldScore => ({ right: 0, review: 0, wrongAccepted: 0, missed: 0 });
  const s: PartScore = {
    documents: 0, header: { docNumber: zero(), issueDate: zero(), province: zero(), docType: zero() },
    titleFound: 0, titleAny: 0, classification: {}, classificationRight: 0, straightThrough: 0, straightThroughRight: 0,
    appendix: { 'appendix-1': { rowsEqual: 0, rows: 0, total: 0, expectedTotal: 0 }, 'appendix-2': { rowsEqual: 0, rows: 0, total: 0, expectedTotal: 0 } },
    indicatorTotals: { equal: 0, expected: 0 },
    indicators: { truth: 0, found: 0, accepted: 0, wrongAccepted: 0, review: 0, spurious: 0 }, mismatches: [], held: [],
  };
  const byFile = new Map(manifest.map((m) => [m.file, m]));
  for (const d of exportDocuments(got.repo).documents) {
    const m = byFile.get(d.file);
    if (!m) continue;
    s.documents++;
    const headerRight = scoreHeader(s, d, m);
    if (d.title) s.titleAny++;
    if (m.truth.titleAccepted.some((a) => normTitle(a) === normTitle(d.title))) s.titleFound++;
    else s.mismatches.push(`${m.id} title: want ${JSON.stringify(m.truth.title)} got ${JSON.stringify(d.title)}`);
    const cat = d.category ?? 'none';
    s.classification[m.truth.kind] ??= {};
    const row = s.classification[m.truth.kind];
    row[cat] = (row[cat] ?? 0) + 1;
    if (cat === m.truth.kind) s.classificationRight++;
    else s.mismatches.push(`${m.id} category: want ${m.truth.kind} got ${cat}`);
    const wrongIndicators = scoreIndicators(s, d, m);
    if (d.status === 'accepted') {
      s.straightThrough++;
      if (headerRight && cat === m.truth.kind && wrongIndicators === 0) s.straightThroughRight++;
    } else s.held.push(...heldValues(got, d, m.id));
  }
  scoreReports(s, got, truth);
  return s;
}

/** Wrong values accepted without review, over every accepted header field and indicator. */
export function wrongAcceptedRate(s: PartScore): { wrong: number; accepted: number; rate: number } {
  const h = Object.values(s.header);
  const wrong = h.reduce((a, r) => a + r.wrongAccepted, 0) + s.indicators.wrongAccepted;
  const accepted = h.reduce((a, r) => a + r.right + r.wrongAccepted, 0) + s.indicators.accepted;
  return { wrong, accepted, rate: accepted ? wrong / accepted : 0 };
}

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)} %` : '—');

/** The per-part table, in Markdown (the README's baseline is a copy of it). */
export function formatScores(parts: [string, PartScore][]): string {
  const col = (f: (s: PartScore) => string) => parts.map(([, s]) => f(s)).join(' | ');
  const lines = [
    `| measure | ${parts.map(([n, s]) => `${n} (${s.documents} docs)`).join(' | ')} |`,
    `|---|${parts.map(() => '---').join('|')}|`,
    ...HEADER_FIELDS.map((f) => `| ${f}: right / review / wrong-accepted / missed | ${col((s) => { const r = s.header[f]; return `${r.right} / ${r.review} / ${r.wrongAccepted} / ${r.missed}`; })} |`),
    `| title found (any title) | ${col((s) => `${s.titleFound} (${s.titleAny})`)} |`,
    `| classification right | ${col((s) => `${s.classificationRight} (${pct(s.classificationRight, s.documents)})`)} |`,
    `| reports → report / programme / other | ${col((s) => { const r = s.classification.report ?? {}; return `${r.report ?? 0} / ${r.programme ?? 0} / ${(r.other ?? 0) + (r.none ?? 0)}`; })} |`,
    `| programmes → programme / report / other | ${col((s) => { const r = s.classification.programme ?? {}; return `${r.programme ?? 0} / ${r.report ?? 0} / ${(r.other ?? 0) + (r.none ?? 0)}`; })} |`,
    `| straight-through (all right) | ${col((s) => `${s.straightThrough} (${s.straightThroughRight})`)} |`,
    `| Phụ lục I rows equal (total got/want) | ${col((s) => { const a = s.appendix['appendix-1']; return `${a.rowsEqual}/${a.rows} (${a.total}/${a.expectedTotal})`; })} |`,
    `| Phụ lục II rows equal (total got/want) | ${col((s) => { const a = s.appendix['appendix-2']; return `${a.rowsEqual}/${a.rows} (${a.total}/${a.expectedTotal})`; })} |`,
    `| indicator totals equal | ${col((s) => `${s.indicatorTotals.equal}/${s.indicatorTotals.expected}`)} |`,
    `| indicator recall | ${col((s) => `${s.indicators.found}/${s.indicators.truth} (${pct(s.indicators.found, s.indicators.truth)})`)} |`,
    `| indicators accepted / wrong-accepted / review / spurious | ${col((s) => { const i = s.indicators; return `${i.accepted} / ${i.wrongAccepted} / ${i.review} / ${i.spurious}`; })} |`,
    `| wrong-accepted, all values | ${col((s) => { const w = wrongAcceptedRate(s); return `${w.wrong}/${w.accepted} (${(100 * w.rate).toFixed(2)} %)`; })} |`,
  ];
  return lines.join('\n');
}
