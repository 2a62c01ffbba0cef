// The scanned fixture set: a fixed, deterministic selection of the born-digital fixtures
// (every third document, so reports, programmes and công văn are all present) turned into
// scan-like PDFs by make-scans.ts. Same ground truth as the born-digital originals.
// The full set can be scanned too: `node --import tsx scripts/make-scans.ts`.
import fs from 'node:fs/promises';
import path from 'node:path';
import { generateFixtures } from './fixtures.js';
import { makeScan, seedFromName } from './make-scans.js';

export const SCANNED_DIR = path.join('fixtures', 'generated', 'scanned-set');

/** Ids (file names without .pdf) of the scanned set, from the sorted born-digital list. */
export function scannedSetIds(allIds: string[]): string[] {
  return [...allIds].sort().filter((_, i) => i % 3 === 0);
}

export async function generateScannedFixtures(outDir = SCANNED_DIR, log: (s: string) => void = () => {}): Promise<string[]> {
  const bornDir = path.join('fixtures', 'generated', 'born-digital');
  const born = (await fs.readdir(bornDir).catch(() => [] as string[])).filter((f) => f.endsWith('.pdf'));
  if (born.length === 0) await generateFixtures(bornDir);
  const ids = scannedSetIds((await fs.readdir(bornDir)).filter((f) => f.endsWith('.pdf')).map((f) => f.slice(0, -4)));
  await fs.mkdir(outDir, { recursive: true });
  const out: string[] = [];
  for (const id of ids) {
    const dest = path.join(outDir, `${id}.pdf`);
    out.push(dest);
    if (await fs.stat(dest).then(() => true, () => false)) continue;
    const t0 = Date.now();
    const bytes = await makeScan(new Uint8Array(await fs.readFile(path.join(bornDir, `${id}.pdf`))), { seed: seedFromName(id) });
    const tmp = `${dest}.tmp`;
    await fs.writeFile(tmp, bytes);
    await fs.rename(tmp, dest);
    log(`${id}.pdf: ${(bytes.length / 1024).toFixed(0)} KiB in ${Date.now() - t0} ms`);
  }
  return out;
}
