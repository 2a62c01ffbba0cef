// CLI: node --import tsx testkit/other-hands/generate.ts [OUT_DIR] [--part tune|report|all]
// Renders the "other hands" corpus (default fixtures/generated/other-hands, every document).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateOtherHands, type Part } from './corpus.js';

export { generateOtherHands, partOf, renderOtherHands } from './corpus.js';
export type { OtherHandsDocument, OtherHandsManifest, Part } from './corpus.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_OUT_DIR = path.join(ROOT, 'fixtures', 'generated', 'other-hands');

function isMain(): boolean {
  return !!process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
}

if (isMain()) {
  const args = process.argv.slice(2);
  const pi = args.indexOf('--part');
  const part = (pi >= 0 ? args.splice(pi, 2)[1] : 'all') as Part | 'all';
  if (!['tune', 'report', 'all'].includes(part)) {
    process.stderr.write('--part phải là tune, report hoặc all\n');
    process.exit(2);
  }
  const outDir = path.resolve(args[0] ?? DEFAULT_OUT_DIR);
  const t0 = performance.now();
  const m = await generateOtherHands(outDir, { part });
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  process.stderr.write(`other-hands: ${m.documents.length} PDF (${part}) trong ${secs} s → ${path.relative(process.cwd(), outDir) || '.'}\n`);
}
