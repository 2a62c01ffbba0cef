// Which OCR cache a measurement reads and writes. The committed snapshots hold tesseract.js's
// readings only (the test suite's engine, the same on every machine); a run with another engine
// (the installed tesseract: TONGHOP_OCR_ENGINE=native, or auto where it is installed) gets a
// folder of its own outside the repository, $TONGHOP_ACC_OCR_CACHE or one under the temp folder,
// so a measurement never mixes engines and never adds files to the repository.
import os from 'node:os';
import path from 'node:path';
import { resolveEngine } from '../extractors/ocr/engine.js';

export function ocrCacheFor(committed: string): string {
  if (resolveEngine().kind === 'wasm') return committed;
  return process.env.TONGHOP_ACC_OCR_CACHE || path.join(os.tmpdir(), 'tonghop-ocr-cache-native');
}
