// CLI that renders the seed national report into a born-digital PDF (testkit/generator/seed-pdf.ts).
//
//   node --import tsx scripts/render-seed-pdf.ts [OUT.pdf] [SEED.txt]
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_SEED, renderSeedPdf, ROOT } from '../testkit/generator/seed-pdf.js';

const out = process.argv[2] ?? path.join(ROOT, 'tmp', 'seed-report.pdf');
fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
await renderSeedPdf(out, process.argv[3] ?? DEFAULT_SEED);
process.stderr.write(`seed report → ${out}\n`);
