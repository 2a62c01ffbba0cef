/**
 * Jest in native ESM mode; @swc/jest strips types (tsc --noEmit checks them in `npm test`).
 *
 * Two tiers, as two projects; every test file lands in exactly one of them:
 * - medium: real SQLite files, PDFs generated or rendered, OCR, child processes, servers,
 *   timing-based service tests. A file is medium when its name ends in `.e2e.test.ts`, when it
 *   lives in one of MEDIUM_FOLDERS, or when it is one of MEDIUM_FILES (slow files kept where
 *   they belong by subject). `npm run test:medium` runs them one at a time (--runInBand).
 * - unit: everything else (pure functions over in-memory data). `npm run test:unit` runs them
 *   on two workers; the whole tier should stay under a minute.
 * A new test file is unit unless it follows one of the medium rules above.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MEDIUM_FOLDERS = ['pipeline', 'ocr', 'inbox', 'review', 'reports'];
const MEDIUM_FILES = [
  'fixtures.test.ts', // generates all 88 fixture PDFs twice
  'indicators/accuracy.test.ts', // reads every generated born-digital report through pdfjs
  'indicators/tables-other-hands.test.ts', // renders and reads table PDFs through pdfjs
  'normalise/province-accuracy.test.ts', // precision/recall over ~4,500 corrupted names: pure, but CPU-bound for tens of seconds
];
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// absolute, anchored: the same expressions select medium (testRegex) and leave it out of unit
const TEST_DIR = escape(path.join(path.dirname(fileURLToPath(import.meta.url)), 'test'));
const MEDIUM_PATTERNS = [
  `^${TEST_DIR}/.*\\.e2e\\.test\\.ts$`,
  ...MEDIUM_FOLDERS.map((f) => `^${TEST_DIR}/${escape(f)}/.*\\.test\\.ts$`),
  ...MEDIUM_FILES.map((f) => `^${TEST_DIR}/${escape(f)}$`),
];

const base = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'es6' },
    }],
  },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
};

// Every test, and every CLI process a test starts, reads pages with tesseract.js unless the
// environment says otherwise: the committed OCR snapshots are that engine's, and results must not
// depend on whether the machine has `tesseract` installed. Set here, in the jest process itself
// (inherited by its workers and their child processes; a setupFiles change would stay inside each
// test's sandboxed process.env). The native engine has its own tests (test/ocr/native-tesseract.e2e.test.ts).
process.env.TONGHOP_OCR_ENGINE ??= 'wasm';

// Every temporary file of a run (tests' folders, databases, PostgreSQL clusters, browser profiles,
// the CLI processes they start) goes under one folder of its own, removed when the run ends
// (test/global-teardown.js): a run leaves nothing behind in the machine's temp folder.
// TONGHOP_KEEP_TEST_TMP=1 keeps it for a look afterwards.
if (!process.env.TONGHOP_TEST_TMP) {
  process.env.TONGHOP_TEST_TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-tests-'));
  // others may pass through (not list it): the PostgreSQL test cluster runs as user postgres when tests run as root
  fs.chmodSync(process.env.TONGHOP_TEST_TMP, 0o711);
  process.env.TMPDIR = process.env.TONGHOP_TEST_TMP;
}

export default {
  testTimeout: 60000,
  globalTeardown: '<rootDir>/test/global-teardown.js',
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', ...MEDIUM_PATTERNS],
    },
    {
      ...base,
      displayName: 'medium',
      testRegex: MEDIUM_PATTERNS,
    },
  ],
};
