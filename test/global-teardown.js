// Removes the run's temporary folder (made in jest.config.js), unless TONGHOP_KEEP_TEST_TMP is set.
import fs from 'node:fs';
import path from 'node:path';

export default function globalTeardown() {
  const dir = process.env.TONGHOP_TEST_TMP;
  if (!dir || process.env.TONGHOP_KEEP_TEST_TMP || !path.basename(dir).startsWith('tonghop-tests-')) return;
  fs.rmSync(dir, { recursive: true, force: true });
}
