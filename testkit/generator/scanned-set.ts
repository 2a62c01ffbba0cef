// The scanned fixture set: a fixed, deterministic selection of the born-digital fixtures
// (every third document, so reports, programmes and công văn are all present) turned into
// scan-like PDFs by make-scans.ts. Same ground truth as the born-digital originals.
// The full set can be scanned too: `node --import tsx scripts/make-scans.ts`.
import fs from 'node:fs/promises';
import path from 'node:path';
import { generateFixtures } from './fixtures.js';
import { loadGroundTruth } from './ground-truth.js';
import { makeScan, seedFromName } from './make-scans.js';

export const SCANNED_DIR = path.join('fixtures', 'generated', 'scanned-set');

/** Ids (file names without .pdf) of the scanned set, from the sorted born-digital list. */
export function scannedSetIds(allIds: string[]): string[] {
  return [...allIds].sort().filter((_, i) => i % 3 === 0);
}

/** The stamp's date as printed ("03/7/2023"): the day the national office logged the seed's
 * reports in, or for a document issued on or after it, three days after its issue date (a
 * stamp never predates the document; the pipeline rightly reviews one that does). */
export function receivedStampDate(issueDate: string | null | undefined): string {
  if (!issueDate || issueDate < '2023-07-03') return '03/7/2023';
  const d = new Date(`${issueDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 3);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()}`;
}

export async function generateScannedFixtures(outDir = SCANNED_DIR, log: (s: string) => void = () => {}): Promise<string[]> {
  const bornDir = path.join('fixtures', 'generated', 'born-digital');
  const born = (await fs.readdir(bornDir).catch(() => [] as string[])).filter((f) => f.endsWith('.pdf'));
  if (born.length === 0) await generateFixtures(bornDir);
  const issueDates = new Map(loadGroundTruth().documents.map((d) => [d.id, d.issueDate]));
  const ids = scannedSetIds((await fs.readdir(bornDir)).filter((f) => f.endsWith('.pdf')).map((f) => f.slice(0, -4)));
  await fs.mkdir(outDir, { recursive: true });
  const out: string[] = [];
  for (const id of ids) {
    const dest = path.join(outDir, `${id}.pdf`);
    out.push(dest);
    if (await fs.stat(dest).then(() => true, () => false)) continue;
    const t0 = Date.now();
    const stampDate = receivedStampDate(issueDates.get(id));
    const bytes = await makeScan(new Uint8Array(await fs.readFile(path.join(bornDir, `${id}.pdf`))), { seed: seedFromName(id), stampDate });
    const tmp = `${dest}.tmp`;
    await fs.writeFile(tmp, bytes);
    await fs.rename(tmp, dest);
    log(`${id}.pdf: ${(bytes.length / 1024).toFixed(0)} KiB in ${Date.now() - t0} ms`);
  }
  return out;
}
