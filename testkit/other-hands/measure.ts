// Runs one part of the corpus through the normal pipeline (openApp + ingestPaths into a fresh
// SQLite file) and scores it. Used by test/pipeline/other-hands.e2e.test.ts, and by hand:
//
//   node --import tsx testkit/other-hands/measure.ts [--part tune|report|all] [--mismatches]
//
// prints the table and, with --mismatches, expected vs got for every wrong or missed value.
// Tune extractors on the tune part only; the report part is for measuring.
import { ocrCacheFor } from '../ocr-cache-dir.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApp, type App } from '../../pipeline/app.js';
import { makeConfig } from '../../pipeline/config.js';
import { ingestPaths } from '../../pipeline/ingest.js';
import { insertDocument } from '../../test/reports/ground-truth-db.js';
import { generateOtherHands, type OtherHandsDocument, type Part } from './corpus.js';
import { formatScores, scorePart, type PartScore } from './score.js';
import { exportDocuments } from '../../reports/export-documents.js';
import { headerObservations, indicatorObservations, type KindObservation } from '../reliability.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const OTHER_HANDS_DIR = path.join(ROOT, 'fixtures', 'generated', 'other-hands');

function freshApp(prefix: string, extra: Parameters<typeof makeConfig>[0] = {}): App {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return openApp(makeConfig({ ...extra, dbFile: path.join(dir, 'tonghop.db') }));
}

/** The documents as if read perfectly, for the report code to derive the expected tables. */
export function truthApp(docs: OtherHandsDocument[]): App {
  const app = freshApp('tonghop-oh-truth-');
  for (const m of docs) {
    insertDocument(app, {
      id: m.id, category: m.truth.kind, docNumber: m.truth.docNumber, issueDate: m.truth.issueDate, province: m.truth.province,
      period: m.truth.period, docType: m.truth.docType,
      indicators: Object.keys(m.indicators).length ? Object.fromEntries(Object.entries(m.indicators).filter(([, v]) => v.prosePages.length || v.tablePages.length).map(([k, v]) => [k, { value: v.value, qualifier: v.qualifier, ...(v.of !== undefined ? { of: v.of } : {}) }])) : null,
    });
  }
  return app;
}

/** Ingests `files` (PDFs named <id>.pdf) through the pipeline and scores them against `docs`. */
/** Every confidence-bearing value with right/wrong against the manifest, for the reliability table. */
export function observeOtherHands(corpus: string, app: App, docs: OtherHandsDocument[]): KindObservation[] {
  const byFile = new Map(docs.map((m) => [m.file, m]));
  return exportDocuments(app.repo).documents.flatMap((d) => {
    const m = byFile.get(d.file);
    if (!m) return [];
    const truth: Record<string, unknown> = { docNumber: m.truth.docNumber, issueDate: m.truth.issueDate, province: m.truth.province.code, docType: m.truth.docType, category: m.truth.kind };
    const got: Record<string, unknown> = { docNumber: d.docNumber, issueDate: d.issueDate, province: d.province?.code ?? null, docType: d.docType, category: d.category };
    // a figure of a first-page scan that lies beyond page 1 is not in that file: not stated, so wrong if found
    const stated = Object.fromEntries(Object.entries(m.indicators).filter(([, t]) => t.prosePages.length || t.tablePages.length));
    return [
      ...headerObservations(corpus, d, (kind) => got[kind] === truth[kind]),
      ...indicatorObservations(corpus, app.repo.indicators(d.id), stated),
    ];
  });
}

export async function measureFiles(files: string[], docs: OtherHandsDocument[], opts: { ocrCacheDir?: string; corpus?: string } = {}): Promise<{ score: PartScore; seconds: number; observations: KindObservation[] }> {
  const app = freshApp('tonghop-oh-', opts.ocrCacheDir ? { ocr: { cacheDir: ocrCacheFor(opts.ocrCacheDir) } } : {});
  const truth = truthApp(docs);
  try {
    const s = await ingestPaths(app, files);
    return { score: scorePart(app, truth, docs), seconds: s.seconds, observations: observeOtherHands(opts.corpus ?? 'other-hands', app, docs) };
  } finally {
    await app.close();
    await truth.close();
    for (const a of [app, truth]) fs.rmSync(path.dirname(a.cfg.dbFile), { recursive: true, force: true });
  }
}

export async function measurePart(dir: string, docs: OtherHandsDocument[], part: Part | 'all'): Promise<{ score: PartScore; seconds: number; observations: KindObservation[] }> {
  const mine = docs.filter((d) => part === 'all' || d.part === part);
  return measureFiles(mine.map((d) => path.join(dir, d.file)), mine, { corpus: `other-hands-${part}` });
}

function isMain(): boolean {
  return !!process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
}

if (isMain()) {
  const args = process.argv.slice(2);
  const pi = args.indexOf('--part');
  const part = (pi >= 0 ? args[pi + 1] : 'tune') as Part | 'all';
  const m = await generateOtherHands(OTHER_HANDS_DIR, { part });
  const { score, seconds } = await measurePart(OTHER_HANDS_DIR, m.documents, part);
  process.stdout.write(`${formatScores([[part, score]])}\n\n(${seconds.toFixed(1)} s)\n`);
  if (args.includes('--mismatches')) process.stdout.write(`\n${score.mismatches.join('\n')}\n`);
  if (args.includes('--held')) process.stdout.write(`\n${score.held.join('\n')}\n`);
}
