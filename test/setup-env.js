// Every test process (and the CLI processes tests start, which inherit the environment) reads
// pages with tesseract.js unless a test asks otherwise: the committed OCR snapshots are that
// engine's, and results must not depend on whether the machine has `tesseract` installed.
// The native engine has its own tests (test/ocr/native-tesseract.e2e.test.ts).
process.env.TONGHOP_OCR_ENGINE ??= 'wasm';
