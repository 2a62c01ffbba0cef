// CLI for the scanned fixture set (testkit/generator/scanned-set.ts).
//
//   node --import tsx scripts/generate-scanned-fixtures.ts [OUT_DIR]
import { generateScannedFixtures, SCANNED_DIR } from '../testkit/generator/scanned-set.js';

generateScannedFixtures(process.argv[2] ?? SCANNED_DIR, console.log).catch((err) => { console.error(err); process.exit(1); });
