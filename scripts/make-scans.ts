// CLI that turns born-digital PDFs into scan-like PDFs (testkit/generator/make-scans.ts).
//
//   node --import tsx scripts/make-scans.ts [inDir] [outDir]
//   default fixtures/generated/born-digital → fixtures/generated/scanned, seeded by file name.
//   Every non-PDF file of inDir (ground truth: manifest, per-file JSON) is copied alongside.
import fs from 'node:fs/promises';
import path from 'node:path';
import { makeScan, seedFromName } from '../testkit/generator/make-scans.js';

async function main(): Promise<void> {
  const inDir = process.argv[2] ?? 'fixtures/generated/born-digital';
  const outDir = process.argv[3] ?? 'fixtures/generated/scanned';
  const files = (await fs.readdir(inDir)).filter((f) => f.toLowerCase().endsWith('.pdf')).sort();
  if (!files.length) { console.error(`Không có tệp PDF trong ${inDir}`); process.exitCode = 1; return; }
  await fs.mkdir(outDir, { recursive: true });
  const all = await fs.readdir(inDir);
  for (const f of files) {
    const t0 = Date.now();
    const base = f.slice(0, -4);
    const bytes = await makeScan(new Uint8Array(await fs.readFile(path.join(inDir, f))), { seed: seedFromName(base) });
    await fs.writeFile(path.join(outDir, f), bytes);
    console.log(`${f}: ${(bytes.length / 1024).toFixed(0)} KiB in ${Date.now() - t0} ms`);
  }
  // Ground truth (manifest, per-file JSON) is the same for the scans: copy every non-PDF file.
  for (const sib of all) {
    if (sib.toLowerCase().endsWith('.pdf')) continue;
    const from = path.join(inDir, sib);
    if ((await fs.stat(from)).isFile()) await fs.copyFile(from, path.join(outDir, sib));
  }
}

main().catch((err) => { console.error(err); process.exit(1); });
