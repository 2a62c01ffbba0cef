// The scanned subset: a dozen documents of the corpus, first page only, turned into scan-like
// PDFs by scripts/make-scans.ts (skew, blur, noise, stamp). Measured like the born-digital
// corpus; OCR results come from the snapshots in testkit/other-hands/ocr-snapshots (keyed by
// the page image), so only a new or changed page runs real OCR.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hash32, loadGroundTruth } from '../generator/ground-truth.js';
import { makeScan, seedFromName } from '../generator/make-scans.js';
import { partOf, renderOtherHands, type OtherHandsDocument } from './corpus.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const OTHER_HANDS_OCR_SNAPSHOTS = path.join(HERE, 'ocr-snapshots');

/** A fixed dozen by a hash of the id: half from each part, so each is measured on its own. */
export function scannedIds(ids: string[], n = 12): string[] {
  const order = [...ids].sort((a, b) => hash32(`other-hands-scan|${a}`) - hash32(`other-hands-scan|${b}`));
  const half = Math.ceil(n / 2);
  return [...order.filter((id) => partOf(id) === 'tune').slice(0, half), ...order.filter((id) => partOf(id) === 'report').slice(0, n - half)];
}

/**
 * The received stamp's date, 1–9 days after the issue date: an office receives a document after
 * it is signed (a stamp dated before the issue date is an impossible reading, and is reviewed).
 */
export function receivedAfter(issueDate: string, id: string): string {
  const d = new Date(`${issueDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1 + (hash32(`other-hands-received|${id}`) % 9));
  return `${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()}`;
}

/** Writes the scanned first pages into outDir; returns their manifest entries. */
export async function generateOtherHandsScans(outDir: string, n = 12): Promise<OtherHandsDocument[]> {
  const docs = loadGroundTruth().documents;
  const wanted = new Set(scannedIds(docs.map((d) => d.id), n));
  mkdirSync(outDir, { recursive: true });
  const out: OtherHandsDocument[] = [];
  for (const d of docs.filter((x) => wanted.has(x.id))) {
    const { bytes, entry } = await renderOtherHands(d, { firstPageOnly: true });
    const scan = Buffer.from(await makeScan(new Uint8Array(bytes), { seed: seedFromName(d.id), stampDate: receivedAfter(d.issueDate, d.id) }));
    const file = `${d.id}.pdf`;
    writeFileSync(path.join(outDir, file), scan);
    out.push({ ...entry, file, sha256: createHash('sha256').update(scan).digest('hex'), bytes: scan.length });
  }
  writeFileSync(path.join(outDir, 'manifest.json'), `${JSON.stringify({ version: 1, generator: 'testkit/other-hands (scans)', documents: out }, null, 2)}\n`);
  return out;
}
