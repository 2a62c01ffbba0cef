// The sample report scanned with a received stamp and read by an OCR engine, and what any engine
// must get right on it (used by the tesseract.js and the native engine tests alike).
import { openPdf } from '../../extractors/pdf-document.js';
import type { OcrRecogniser } from '../../extractors/ocr/ocr-pool.js';
import { ocrPdfPage, type OcrPageText } from '../../extractors/ocr/ocr-page.js';
import { foldVietnamese } from '../../extractors/text-fold.js';
import { makeScan } from '../../testkit/generator/make-scans.js';
import { makeSamplePdf, SAMPLE_TRUTH } from './sample-pdf.js';

export const squash = (s: string) => foldVietnamese(s).replace(/\s+/g, '');

/** Reads the stamped sample scan (seed 1, 300 dpi) and checks number, date and figure lines, and the number line's box in PDF points. */
export async function readStampedSample(pool: OcrRecogniser): Promise<OcrPageText> {
  const doc = await openPdf(await makeScan(await makeSamplePdf(1), { seed: 1, dpi: 300, stamp: true }));
  const page = await ocrPdfPage(await doc.getPage(1), pool);
  await doc.destroy();
  const lines = page.lines.map((l) => l.text);
  expect(lines.some((l) => squash(l).includes(squash(`Số: ${SAMPLE_TRUTH.docNumber}`)))).toBe(true);
  expect(lines.some((l) => squash(l).includes(squash(SAMPLE_TRUTH.dateLine)))).toBe(true);
  expect(page.items.some((i) => i.str.includes(SAMPLE_TRUTH.figure))).toBe(true);
  // boxes are PDF points on an A4 page
  const num = page.lines.find((l) => l.text.includes('280/'))!;
  expect(num.box.x).toBeGreaterThan(30);
  expect(num.box.y).toBeGreaterThan(90);
  expect(num.box.y).toBeLessThan(140);
  return page;
}
