// CLI that rebuilds fixtures/ground-truth.json from the seed national report (the builder
// lives in testkit/generator/ground-truth.ts).
//
//   node --import tsx scripts/build-ground-truth.ts [SEED_TEXT] [OUT_JSON]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildGroundTruth, DEFAULT_SEED_PATH, GROUND_TRUTH_PATH, loadCatalogue } from '../testkit/generator/ground-truth.js';

const seedPath = process.argv[2] ?? DEFAULT_SEED_PATH;
const outPath = process.argv[3] ?? GROUND_TRUTH_PATH;
const seedText = readFileSync(seedPath, 'utf8');
const gt = buildGroundTruth(seedText, loadCatalogue());
mkdirSync(path.dirname(outPath), { recursive: true });
writeFileSync(outPath, `${JSON.stringify(gt, null, 2)}\n`);
const c = gt.counts;
process.stderr.write(
  `ground truth: ${c.documents} documents (${c.reports} reports, ${c.programmes} programmes), ` +
    `${gt.seedArtefacts.length} seed artefacts → ${path.relative(process.cwd(), outPath)}\n`,
);
