// Renders fixtures/ground-truth.json into born-digital PDFs of provincial documents in the
// Nghị định 30/2020/NĐ-CP layout: two-column header (issuer and "Số:" left; Quốc hiệu,
// Tiêu ngữ and the italic place-and-date line right), bold centred type name and title,
// body citing other documents (distractors), indicator prose, a bordered summary table with
// a plan column (distractor), "Nơi nhận" and a signature block.
//
//   node --import tsx scripts/generate-fixtures.ts [OUT_DIR]   (npm run fixtures)
//
// Byte-deterministic: fixed CreationDate (pdfkit derives the file ID from the info
// dictionary), every choice drawn from PRNG streams named by document id.
//
// Split by concern: fonts.ts (shared fontkit cache), format.ts (numbers, money, dates),
// style.ts (per-document layout style), content.ts (report and programme text, tables' data),
// render.ts (header, blocks, table drawing, fit to 2–3 pages); this file writes the set.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalogue, loadGroundTruth } from './ground-truth.js';
import { renderDocument, type ManifestDocument } from './render.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_OUT_DIR = path.join(ROOT, 'fixtures', 'generated', 'born-digital');

export interface FixtureManifest {
  version: 1;
  groundTruthSha256: string;
  documents: ManifestDocument[];
}

/** Writes one PDF per ground-truth document, plus manifest.json; returns the PDF paths. */
export async function generateFixtures(outDir: string = DEFAULT_OUT_DIR, groundTruthFile?: string): Promise<string[]> {
  const gt = loadGroundTruth(groundTruthFile);
  loadCatalogue(); // fail early if the catalogue the ground truth was built from is unreadable
  mkdirSync(outDir, { recursive: true });
  const wanted = new Set(gt.documents.map((d) => `${d.id}.pdf`));
  for (const f of readdirSync(outDir)) if (f.endsWith('.pdf') && !wanted.has(f)) rmSync(path.join(outDir, f));
  const written: string[] = [];
  const docs: ManifestDocument[] = [];
  for (const d of gt.documents) {
    const { bytes, manifest } = await renderDocument(d, gt);
    const file = `${d.id}.pdf`;
    const out = path.join(outDir, file);
    writeFileSync(out, bytes);
    written.push(out);
    docs.push({ ...manifest, file, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length } as ManifestDocument);
  }
  const gtText = readFileSync(groundTruthFile ?? path.join(ROOT, 'fixtures', 'ground-truth.json'));
  const manifest: FixtureManifest = {
    version: 1,
    groundTruthSha256: createHash('sha256').update(gtText).digest('hex'),
    documents: docs.map((m) => ({
      id: m.id, file: m.file, sha256: m.sha256, bytes: m.bytes, pages: m.pages,
      printedNumberLine: m.printedNumberLine, printedDateLine: m.printedDateLine, layout: m.layout, indicators: m.indicators,
    })),
  };
  writeFileSync(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return written;
}
