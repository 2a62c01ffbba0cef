// CLI that writes one of each inbox test input (testkit/generator/hostile.ts) into OUT_DIR.
//
//   node --import tsx scripts/hostile-fixtures.ts OUT_DIR
import fs from 'node:fs';
import path from 'node:path';
import { hostileCases, placeCase, validPdf } from '../testkit/generator/hostile.js';

const out = path.resolve(process.argv[2] ?? 'tmp/hostile');
fs.mkdirSync(out, { recursive: true });
const scratch = fs.mkdtempSync(path.join(out, '..', '.scratch-'));
for (const c of hostileCases()) await placeCase(c, out, scratch);
fs.writeFileSync(path.join(out, 'valid-1.pdf'), await validPdf(1));
process.stdout.write(`wrote ${hostileCases().length + 1} inputs to ${out}\n`);
