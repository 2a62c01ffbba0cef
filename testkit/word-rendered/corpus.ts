// The Word-rendered corpus: real documents of the report part (never tuned on) typed into
// Word's Nghị định 30 template (docx.ts) and printed to PDF by LibreOffice. Both files are
// committed under fixtures/word-rendered/ so tests need neither LibreOffice nor a rebuild;
// `npm run word-rendered -- build` remakes them where LibreOffice (soffice) is installed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadTruth, readDocLines, REPO_ROOT, type RealTruth } from '../realdocs/corpus.js';
import { expectedFromReal } from '../realdocs/expected.js';
import { gradeDocument } from '../realdocs/grade.js';
import { ingestAndExport } from '../realdocs/harness.js';
import { parseRealDoc } from '../realdocs/markdown.js';
import { partOf, type Part } from '../realdocs/split.js';
import { summarise, type CorpusSummary, type GradedFile } from '../realdocs/tally.js';
import { loadGroundTruth } from '../generator/ground-truth.js';
import { partOf as otherHandsPart, renderOtherHands, type OtherHandsDocument, type OtherHandsManifest } from '../other-hands/corpus.js';
import { measureFiles } from '../other-hands/measure.js';
import type { PartScore } from '../other-hands/score.js';
import { renderWordDoc, variantFor } from './docx.js';
import { htmlVariantFor, renderHtmlDoc, renderHtmlReport } from './html.js';
import { renderWordReport, reportPageParts } from './reports.js';

/** The report part is committed (tests read it); the tune part is built on demand, not committed. */
export function wordDir(part: Part): string {
  return part === 'report' ? path.join(REPO_ROOT, 'fixtures', 'word-rendered') : path.join(REPO_ROOT, 'fixtures', 'generated', 'word-rendered-tune');
}

/** The real documents of one part of the harness's split (testkit/realdocs/split.ts). */
export function wordCorpusTruth(part: Part): RealTruth[] {
  return loadTruth().filter((t) => partOf(t) === part);
}

function soffice(): string {
  for (const p of ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/local/bin/soffice']) if (fs.existsSync(p)) return p;
  throw new Error('Cần LibreOffice (soffice) để dựng lại bộ văn bản Word; các tệp đã dựng có sẵn trong fixtures/word-rendered/.');
}

/** Writes <id>.docx and <id>.pdf for every document of the part. */
export async function buildWordCorpus(part: Part, log: (s: string) => void = () => {}): Promise<number> {
  const truth = wordCorpusTruth(part);
  const WORD_DIR = wordDir(part);
  fs.mkdirSync(WORD_DIR, { recursive: true });
  for (const t of truth) fs.writeFileSync(path.join(WORD_DIR, `${t.id}.docx`), await renderWordDoc(parseRealDoc(t, readDocLines(t), BODY_CHARS)));
  log(`${truth.length} tệp DOCX; đang in ra PDF bằng LibreOffice…`);
  convertToPdf(truth.map((t) => path.join(WORD_DIR, `${t.id}.docx`)), WORD_DIR);
  fs.writeFileSync(path.join(WORD_DIR, 'manifest.json'), `${JSON.stringify({ documents: truth.map((t) => ({ id: t.id, variant: variantFor(t.id) })) }, null, 1)}\n`);
  return truth.length;
}

export type WordFormat = 'pdf' | 'docx';

/** About a page of body text: enough for classification, and small committed files. */
const BODY_CHARS = 1500;

/** Ingests the committed files of one format through the CLI path and grades the header. */
export async function measureWordCorpus(part: Part, format: WordFormat, limit?: number): Promise<{ summary: CorpusSummary; results: GradedFile[] }> {
  const WORD_DIR = wordDir(part);
  const truth = wordCorpusTruth(part).filter((t) => fs.existsSync(path.join(WORD_DIR, `${t.id}.${format}`))).slice(0, limit);
  const byId = new Map(truth.map((t) => [t.id, t]));
  const { docs, seconds } = await ingestAndExport(truth.map((t) => path.join(WORD_DIR, `${t.id}.${format}`)), null);
  const results = docs.map((d) => {
    const id = d.file.replace(/\.(pdf|docx)$/, '');
    return { r: gradeDocument(d, expectedFromReal(byId.get(id)!)), layout: `word-${format}`, label: `${id} (${d.file})` };
  });
  return { summary: summarise(`word-rendered-${part}-${format}`, results, seconds), results };
}

// ── Reports and programmes with indicator tables (reports.ts) ─────────────────────────────────

/** Committed for the report part (tests read it), built on demand for the tune part. */
export function wordReportsDir(part: Part): string {
  return part === 'report' ? path.join(REPO_ROOT, 'fixtures', 'word-rendered', 'reports') : path.join(REPO_ROOT, 'fixtures', 'generated', 'word-reports-tune');
}

function convertToPdf(files: string[], outDir: string): void {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-profile-'));
  try {
    for (let i = 0; i < files.length; i += 40) {
      execFileSync(soffice(), [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, ...files.slice(i, i + 40)], { stdio: 'ignore' });
    }
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

/** DOCX + PDF of every ground-truth document of the part (other-hands split), and manifest.json. */
export async function buildWordReports(part: Part, log: (s: string) => void = () => {}): Promise<number> {
  const dir = wordReportsDir(part);
  fs.mkdirSync(dir, { recursive: true });
  const docs = loadGroundTruth().documents.filter((d) => otherHandsPart(d.id) === part);
  const entries: OtherHandsDocument[] = [];
  for (const d of docs) {
    const bytes = await renderWordReport(d);
    fs.writeFileSync(path.join(dir, `${d.id}.docx`), bytes);
    // same words and figures as the other-hands rendering: its manifest entry is this one's truth
    const { entry } = await renderOtherHands(d);
    entries.push({ ...entry, file: `${d.id}.pdf`, sha256: '', bytes: 0 });
  }
  log(`${docs.length} tệp DOCX; đang in ra PDF bằng LibreOffice…`);
  convertToPdf(docs.map((d) => path.join(dir, `${d.id}.docx`)), dir);
  const manifest: OtherHandsManifest = { version: 1, generator: 'testkit/other-hands', documents: entries };
  fs.writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest)}\n`);
  return docs.length;
}

/** Ingests the committed reports of one format and scores them as the other-hands corpus is scored. */
export async function measureWordReports(part: Part, format: WordFormat): Promise<{ score: PartScore; seconds: number }> {
  const dir = wordReportsDir(part);
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as OtherHandsManifest;
  const docs = manifest.documents.map((m) => ({ ...m, file: `${m.id}.${format}` }));
  const { score, seconds } = await measureFiles(docs.map((m) => path.join(dir, m.file)), docs, { corpus: `word-reports-${part}-${format}` });
  return { score, seconds };
}

// ── The same real documents as web pages printed by Chromium (html.ts) ─────────────────────────

export function browserDir(part: Part): string {
  return part === 'report' ? path.join(REPO_ROOT, 'fixtures', 'word-rendered', 'browser') : path.join(REPO_ROOT, 'fixtures', 'generated', 'browser-rendered-tune');
}

function chromium(): string {
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) if (fs.existsSync(p)) return p;
  throw new Error('Cần Chromium để dựng lại bộ văn bản in từ trình duyệt; các tệp đã dựng có sẵn trong fixtures/word-rendered/browser/.');
}

/** Prints pages (id → HTML) to <outDir>/<id>.pdf with headless Chromium, one page at a time. */
function printWithChromium(pages: Iterable<[string, string]>, outDir: string, log: (s: string) => void): void {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'browser-rendered-'));
  try {
    let n = 0;
    for (const [id, content] of pages) {
      const html = path.join(tmp, `${id}.html`);
      fs.writeFileSync(html, content);
      execFileSync(chromium(), ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run',
        `--user-data-dir=${path.join(tmp, 'profile')}`, '--no-pdf-header-footer', `--print-to-pdf=${path.join(outDir, `${id}.pdf`)}`, `file://${html}`], { stdio: 'ignore' });
      if (++n % 20 === 0) log(`${n}`);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** <id>.pdf for every real document of the part, printed by headless Chromium. */
export async function buildBrowserCorpus(part: Part, log: (s: string) => void = () => {}): Promise<number> {
  const truth = wordCorpusTruth(part);
  const dir = browserDir(part);
  fs.mkdirSync(dir, { recursive: true });
  printWithChromium(truth.map((t) => [t.id, renderHtmlDoc(parseRealDoc(t, readDocLines(t), BODY_CHARS))]), dir, log);
  return truth.length;
}

/** Ingests the Chromium-printed PDFs of a part and grades the header. */
export async function measureBrowserCorpus(part: Part, limit?: number): Promise<{ summary: CorpusSummary; results: GradedFile[] }> {
  const dir = browserDir(part);
  const truth = wordCorpusTruth(part).filter((t) => fs.existsSync(path.join(dir, `${t.id}.pdf`))).slice(0, limit);
  const byId = new Map(truth.map((t) => [t.id, t]));
  const { docs, seconds } = await ingestAndExport(truth.map((t) => path.join(dir, `${t.id}.pdf`)), null);
  const results = docs.map((d) => {
    const id = d.file.replace(/\.pdf$/, '');
    return { r: gradeDocument(d, expectedFromReal(byId.get(id)!)), layout: 'browser-pdf', label: `${id} (${d.file})` };
  });
  return { summary: summarise(`browser-rendered-${part}`, results, seconds), results };
}

/** The ground truth's reports and programmes of a part as web pages printed by Chromium (not committed). */
export async function buildBrowserReports(part: Part, log: (s: string) => void = () => {}): Promise<string> {
  const dir = path.join(REPO_ROOT, 'fixtures', 'generated', `browser-reports-${part}`);
  fs.mkdirSync(dir, { recursive: true });
  const docs = loadGroundTruth().documents.filter((d) => otherHandsPart(d.id) === part);
  printWithChromium(docs.map((d) => [d.id, renderHtmlReport(reportPageParts(d), htmlVariantFor(d.id))]), dir, log);
  const entries: OtherHandsDocument[] = [];
  for (const d of docs) {
    const { entry } = await renderOtherHands(d);
    entries.push({ ...entry, file: `${d.id}.pdf`, sha256: '', bytes: 0 });
  }
  fs.writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify({ version: 1, generator: 'testkit/other-hands', documents: entries })}\n`);
  return dir;
}

export async function measureBrowserReports(part: Part): Promise<{ score: PartScore; seconds: number }> {
  const dir = path.join(REPO_ROOT, 'fixtures', 'generated', `browser-reports-${part}`);
  const docs = (JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as OtherHandsManifest).documents;
  return measureFiles(docs.map((m) => path.join(dir, m.file)), docs, { corpus: `browser-reports-${part}` });
}
