// The pipeline's OCR: one tesseract.js pool per process (started on the first scanned page,
// terminated on close), behind a cache of results keyed by the page image, so re-running a
// document never re-OCRs it. Scanned pages are rasterised at cfg.ocr.dpi.
import path from 'node:path';
import type { Config } from './config.js';
import type { OcrService } from './stage.js';
import { CachedOcr } from '../extractors/ocr/ocr-cache.js';
import { ocrPdfPage, ocrImage } from '../extractors/ocr/ocr-page.js';
import { loadImageFile } from '../extractors/ocr/image-file.js';

export async function createOcrService(cfg: Config): Promise<OcrService | null> {
  const ocr = new CachedOcr({
    dir: cfg.ocr.cacheDir ?? path.join(cfg.dataDir, 'ocr-cache'),
    poolOptions: { workers: cfg.ocr.workers },
  });
  return {
    async ocrPdfPage(doc, pageNumber) {
      const page = await doc.getPage(pageNumber);
      try {
        return await ocrPdfPage(page, ocr, { dpi: cfg.ocr.dpi });
      } finally {
        page.cleanup();
      }
    },
    async ocrImageFile(file) {
      const img = await loadImageFile(file, { maxPixels: cfg.limits.maxImagePixels });
      return ocrImage(img, ocr, { page: 1 });
    },
    close: () => ocr.terminate(),
  };
}
