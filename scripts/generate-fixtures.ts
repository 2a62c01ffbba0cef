// CLI for the born-digital fixture set (the generator lives in testkit/generator/).
//
//   node --import tsx scripts/generate-fixtures.ts [OUT_DIR]   (npm run fixtures)
import path from 'node:path';
import { DEFAULT_OUT_DIR, generateFixtures } from '../testkit/generator/fixtures.js';
import { renderStats } from '../testkit/generator/render.js';

const outDir = path.resolve(process.argv[2] ?? DEFAULT_OUT_DIR);
const t0 = performance.now();
const files = await generateFixtures(outDir);
const secs = ((performance.now() - t0) / 1000).toFixed(1);
process.stderr.write(`fixtures: ${files.length} PDFs (${renderStats.retries} re-renders to fit 2–3 pages) in ${secs} s → ${path.relative(process.cwd(), outDir) || '.'}\n`);
