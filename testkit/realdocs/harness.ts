// The accuracy harness: each corpus through the CLI's own ingest path (openApp + ingestPaths
// into a fresh SQLite file, then the `export documents` view), graded against its truth.
import { ocrCacheFor } from '../ocr-cache-dir.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp } from '../../pipeline/app.js';
import { makeConfig } from '../../pipeline/config.js';
import { ingestPaths } from '../../pipeline/ingest.js';
import { buildAppendix, type AppendixTable } from '../../reports/appendix.js';
import { exportDocuments, type ExportedDocument } from '../../reports/export-documents.js';
import { ReportsRepository } from '../../reports/reports.repository.js';
import { generateFixtures } from '../generator/fixtures.js';
import { generateScannedFixtures } from '../generator/scanned-set.js';
import { buildCorpus, DEFAULT_SCAN_DOCS, type CorpusSpec } from './build.js';
import { loadTruth, REALDOCS_DIR, REPO_ROOT } from './corpus.js';
import { BASE_LAYOUTS, type LayoutName } from './layouts.js';
import { expectedFromGenerated, expectedFromReal, type GeneratedTruth } from './expected.js';
import { gradeDocument, type DocResult } from './grade.js';
import { summarise, type AppendixTally, type CorpusSummary, type GradedFile, type IndicatorTally } from './tally.js';
import type { IndicatorRecord } from '../../model/records.js';
import { headerObservations, indicatorObservations, type KindObservation } from '../reliability.js';

export const CORPORA = ['generated', 'generated-scanned', 'realdocs-tune', 'realdocs-report', 'realdocs-tune-scanned', 'realdocs-report-scanned'] as const;
export type CorpusName = (typeof CORPORA)[number];
export const isScanned = (c: CorpusName) => c.endsWith('-scanned');

/** OCR snapshots (keyed by page image) so a second run of a scanned corpus does no OCR. */
export const REALDOCS_OCR_SNAPSHOTS = path.join(REALDOCS_DIR, 'ocr-snapshots');
const GENERATED_OCR_SNAPSHOTS = path.join(REPO_ROOT, 'fixtures', 'ocr-snapshots');

/** observations: every confidence-bearing value with right/wrong, for the reliability table (testkit/reliability.ts) */
export interface CorpusRun { summary: CorpusSummary; results: GradedFile[]; observations: KindObservation[] }
export interface RunOptions {
  layoutsPerDoc?: number;
  scanDocs?: number;
  /** born-digital real documents: the layouts drawn from (default: the first six) and the selection's name */
  layouts?: readonly LayoutName[];
  layoutSet?: string;
  log?: (s: string) => void;
}

/**
 * A fresh database, every file ingested as `tonghop ingest` does, the documents exported
 * (and, when asked, the two appendix tables built from the same database).
 */
export async function ingestAndExport(files: string[], ocrCacheDir: string | null, withAppendices = false): Promise<{ docs: ExportedDocument[]; seconds: number; appendices: AppendixTable[]; records: Map<string, IndicatorRecord[]> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-accuracy-'));
  const app = openApp(makeConfig({ dbFile: path.join(dir, 'tonghop.db'), ...(ocrCacheDir ? { ocr: { cacheDir: ocrCacheFor(ocrCacheDir) } } : {}) }));
  try {
    const s = await ingestPaths(app, files);
    const reports = new ReportsRepository(app.db);
    const appendices = withAppendices ? (['appendix-1', 'appendix-2'] as const).map((n) => buildAppendix(reports, n)) : [];
    const docs = exportDocuments(app.repo).documents;
    return { docs, seconds: s.seconds, appendices, records: new Map(docs.map((d) => [d.id, app.repo.indicators(d.id)])) };
  } finally {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function runRealdocs(name: CorpusName, opts: RunOptions): Promise<CorpusRun> {
  const scanned = isScanned(name);
  const layouts = scanned ? BASE_LAYOUTS : (opts.layouts ?? BASE_LAYOUTS);
  const spec: CorpusSpec = {
    part: name.includes('-tune') ? 'tune' : 'report', scanned,
    layoutsPerDoc: opts.layoutsPerDoc ?? layouts.length, scanDocs: opts.scanDocs ?? DEFAULT_SCAN_DOCS,
    ...(!scanned && opts.layouts ? { layouts: opts.layouts, layoutSet: opts.layoutSet ?? opts.layouts.join('+') } : {}),
  };
  const built = await buildCorpus(spec, opts.log);
  const truth = new Map(loadTruth().map((t) => [t.id, t]));
  const byFile = new Map(built.manifest.entries.map((e) => [e.file, e]));
  const { docs, seconds } = await ingestAndExport(built.files, spec.scanned ? REALDOCS_OCR_SNAPSHOTS : null);
  const results = docs.map((d) => {
    const e = byFile.get(d.file)!;
    return { r: gradeDocument(d, expectedFromReal(truth.get(e.id)!)), layout: e.layout.name, label: `${e.id} (${d.file})` };
  });
  const summary = summarise(name, results, seconds);
  summary.layoutsPerDoc = spec.scanned ? 1 : Math.min(spec.layoutsPerDoc, layouts.length);
  return { summary, results, observations: observe(name, docs, results.map((x) => x.r)) };
}

function indicatorTally(docs: ExportedDocument[], truth: Map<string, GeneratedTruth>): IndicatorTally {
  const t: IndicatorTally = { expected: 0, found: 0, accepted: 0, acceptedWrong: 0 };
  for (const d of docs) {
    const want = truth.get(d.file.replace(/\.pdf$/, ''))?.indicators ?? {};
    for (const [key, v] of Object.entries(want)) {
      t.expected++;
      if (d.indicators.some((i) => i.key === key && i.value === v.value)) t.found++;
    }
    for (const i of d.indicators) {
      if (i.status !== 'accepted') continue;
      t.accepted++;
      if (want[i.key]?.value !== i.value) t.acceptedWrong++;
    }
  }
  return t;
}

/**
 * Rows of Phụ lục I (programmes) / II (reports) built from what was read, against the rows the
 * ingested documents' truth implies: a province is marked with exactly its documents' numbers
 * and dates. (The seed's own printed tables are checked by test/reports/golden.e2e.test.ts.)
 */
function appendixTally(t: AppendixTable, truth: GeneratedTruth[]): AppendixTally {
  const kind = t.name === 'appendix-1' ? 'programme' : 'report';
  const key = (n: string | null, d: string | null) => `${(n ?? '').replace(/\s+/g, '')}|${d ?? ''}`;
  const want = new Map<string, string[]>();
  for (const d of truth) if (d.kind === kind && d.province) want.set(d.province.code, [...(want.get(d.province.code) ?? []), key(d.docNumber, d.issueDate)]);
  let right = 0;
  const wrong: string[] = [];
  for (const r of t.rows) {
    const exp = (want.get(r.code) ?? []).sort().join(', ');
    const got = r.marked ? r.documents.map((d) => key(d.docNumber, d.issueDate)).sort().join(', ') : '';
    if (exp === got) right++;
    else wrong.push(`${r.province}: cần [${exp}] — được [${got}]`);
  }
  return { name: t.name, rows: t.rows.length, right, marked: t.total, wrong };
}

/** The project's own 88 generated documents (and their scanned third), for comparison. */
async function runGenerated(name: CorpusName): Promise<CorpusRun> {
  const gt = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'fixtures', 'ground-truth.json'), 'utf8')) as { documents: GeneratedTruth[] };
  const truth = new Map(gt.documents.map((d) => [d.id, d]));
  let files: string[];
  if (isScanned(name)) files = (await generateScannedFixtures(path.join(REPO_ROOT, 'fixtures', 'generated', 'scanned-set'))).map((f) => path.resolve(REPO_ROOT, f));
  else {
    const dir = path.join(REPO_ROOT, 'fixtures', 'generated', 'born-digital');
    if (gt.documents.some((d) => !fs.existsSync(path.join(dir, `${d.id}.pdf`)))) await generateFixtures(dir);
    files = gt.documents.map((d) => path.join(dir, `${d.id}.pdf`));
  }
  const { docs, seconds, appendices, records } = await ingestAndExport(files, isScanned(name) ? GENERATED_OCR_SNAPSHOTS : null, true);
  const results = docs.map((d) => ({ r: gradeDocument(d, expectedFromGenerated(truth.get(d.file.replace(/\.pdf$/, ''))!)), layout: null }));
  const summary = summarise(name, results, seconds);
  summary.indicators = indicatorTally(docs, truth);
  const ingested = new Set(docs.map((d) => d.file.replace(/\.pdf$/, '')));
  summary.appendices = appendices.map((t) => appendixTally(t, gt.documents.filter((d) => ingested.has(d.id))));
  const observations = observe(name, docs, results.map((x) => x.r));
  for (const d of docs) observations.push(...indicatorObservations(name, records.get(d.id) ?? [], truth.get(d.file.replace(/\.pdf$/, ''))?.indicators ?? {}));
  return { summary, results, observations };
}

/** Header fields and category, graded as in the summary (real documents have no indicator truth). */
function observe(name: string, docs: ExportedDocument[], graded: DocResult[]): KindObservation[] {
  return docs.flatMap((d, i) => headerObservations(name, d, (kind) => {
    if (kind === 'category') return graded[i].category.right;
    return graded[i].fields.find((f) => f.field === kind)?.outcome === 'right';
  }));
}

export function runCorpus(name: CorpusName, opts: RunOptions = {}): Promise<CorpusRun> {
  return name.startsWith('realdocs-') ? runRealdocs(name, opts) : runGenerated(name);
}
