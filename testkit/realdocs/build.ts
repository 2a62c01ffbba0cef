// Writes the rendered corpora into fixtures/generated/realdocs-<part>[-scanned]/ with a
// manifest.json that keeps, per file, the document id, its part and its whole layout record.
// A folder is reused as long as its cache key (renderer sources, truth, selection) matches.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { makeScan, seedFromName } from '../generator/make-scans.js';
import { loadTruth, readDocLines, REALDOCS_DIR, REPO_ROOT, type RealTruth } from './corpus.js';
import { BASE_LAYOUTS, layoutFor, layoutsForDoc, type Layout, type LayoutName } from './layouts.js';
import { parseRealDoc } from './markdown.js';
import { renderRealDoc } from './render.js';
import { idFraction, partOf, type Part } from './split.js';

export const GENERATED_DIR = path.join(REPO_ROOT, 'fixtures', 'generated');

export interface CorpusSpec {
  part: Part;
  scanned: boolean;
  /** layouts per document (born-digital; scans get one) */
  layoutsPerDoc: number;
  /** the layouts drawn from (default: the first six; scans always use those) */
  layouts?: readonly LayoutName[];
  /** the selection's name in the folder name (a --layout-set or --layout value) */
  layoutSet?: string;
  /** scanned corpora: how many documents of the part */
  scanDocs: number;
}

export interface ManifestEntry { file: string; id: string; part: Part; layout: Layout; scanned: boolean }
export interface CorpusManifest { key: string; spec: CorpusSpec; entries: ManifestEntry[] }

export const DEFAULT_SCAN_DOCS = 30;

/**
 * Folder name: realdocs-<part>[-scanned], with -<n>l when only n layouts per document and
 * -<n>d when a scanned corpus holds other than 30 documents (the test's and the script's
 * selections then keep their own caches).
 */
export function corpusName(spec: Pick<CorpusSpec, 'part' | 'scanned' | 'layoutsPerDoc' | 'scanDocs' | 'layouts' | 'layoutSet'>): string {
  const n = (spec.layouts ?? BASE_LAYOUTS).length;
  const set = !spec.scanned && spec.layoutSet ? `-${spec.layoutSet.replace(/[^a-z0-9-]+/gi, '_')}` : '';
  const subset = spec.scanned
    ? (spec.scanDocs !== DEFAULT_SCAN_DOCS ? `-${spec.scanDocs}d` : '')
    : (spec.layoutsPerDoc < n ? `-${spec.layoutsPerDoc}l` : '');
  return `realdocs-${spec.part}${spec.scanned ? '-scanned' : ''}${set}${subset}`;
}

/** Which (document, layout) pairs a corpus holds. Scans: a fixed sample, one layout, page 1. */
export function selection(spec: CorpusSpec, truth: RealTruth[] = loadTruth()): { t: RealTruth; layout: Layout }[] {
  const docs = truth.filter((t) => partOf(t) === spec.part);
  if (!spec.scanned) return docs.flatMap((t) => layoutsForDoc(t.id, spec.layoutsPerDoc, spec.layouts ?? BASE_LAYOUTS).map((n) => ({ t, layout: layoutFor(t.id, n) })));
  const sample = [...docs].sort((a, b) => idFraction(a.id, 'scan') - idFraction(b.id, 'scan')).slice(0, spec.scanDocs);
  return sample.map((t) => ({ t, layout: layoutFor(t.id, layoutsForDoc(t.id, 1)[0]) }));
}

/** The files of this folder that decide what is rendered (grading and reporting do not). */
const RENDER_SOURCES = ['build.ts', 'corpus.ts', 'fonts.ts', 'layouts.ts', 'markdown.ts', 'render.ts', 'split.ts'];

/** Everything the output depends on: this folder's sources, make-scans, the truth and the spec. */
function cacheKey(spec: CorpusSpec): string {
  const h = createHash('sha256');
  const here = path.join(REPO_ROOT, 'testkit', 'realdocs');
  const sources = RENDER_SOURCES.map((f) => path.join(here, f));
  if (spec.scanned) sources.push(path.join(REPO_ROOT, 'scripts', 'make-scans.ts'));
  for (const f of [...sources, path.join(REALDOCS_DIR, 'truth.jsonl')]) h.update(fs.readFileSync(f));
  h.update(JSON.stringify(spec));
  return h.digest('hex');
}

function readManifest(dir: string): CorpusManifest | null {
  try { return JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as CorpusManifest; } catch { return null; }
}

/**
 * File names say nothing about the document or its layout (the pipeline sees them): a hash
 * of both. The manifest maps them back.
 */
export function neutralName(id: string, layout: string): string {
  return `${createHash('sha256').update(`realdocs-file:${id}:${layout}`).digest('hex').slice(0, 16)}.pdf`;
}

/** "d/m/yyyy", 1–9 days after the issue date (deterministic per document). */
export function stampDateAfter(issueDate: string, id: string): string {
  const d = new Date(`${issueDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1 + (Number.parseInt(id.slice(0, 2), 16) % 9));
  return `${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()}`;
}

export interface BuiltCorpus { name: string; dir: string; files: string[]; manifest: CorpusManifest; reused: boolean }

/** Renders (and scans) the corpus unless an up-to-date copy is on disk. */
export async function buildCorpus(spec: CorpusSpec, log: (s: string) => void = () => {}): Promise<BuiltCorpus> {
  const name = corpusName(spec);
  const dir = path.join(GENERATED_DIR, name);
  const key = cacheKey(spec);
  const old = readManifest(dir);
  const files = (m: CorpusManifest) => m.entries.map((e) => path.join(dir, e.file));
  if (old?.key === key && files(old).every((f) => fs.existsSync(f))) return { name, dir, files: files(old), manifest: old, reused: true };
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const entries: ManifestEntry[] = [];
  const t0 = Date.now();
  for (const { t, layout } of selection(spec)) {
    const content = parseRealDoc(t, readDocLines(t));
    let bytes: Uint8Array = await renderRealDoc(content, layout, { maxPages: spec.scanned ? 1 : 2 });
    const file = neutralName(t.id, layout.name);
    // A received stamp dated a few days after the document's own date, as a real office's
    // stamp is (the simulator's default date belongs to the 2023 generated set).
    if (spec.scanned) bytes = await makeScan(bytes, { seed: seedFromName(`${t.id}-${layout.name}.pdf`), stampDate: stampDateAfter(t.issueDate, t.id) });
    fs.writeFileSync(path.join(dir, file), bytes);
    entries.push({ file, id: t.id, part: spec.part, layout, scanned: spec.scanned });
  }
  const manifest: CorpusManifest = { key, spec, entries };
  fs.writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
  log(`${name}: ${entries.length} PDF trong ${((Date.now() - t0) / 1000).toFixed(1)} giây → ${path.relative(REPO_ROOT, dir)}`);
  return { name, dir, files: files(manifest), manifest, reused: false };
}
