// The pipeline's OCR: one tesseract.js pool per process (started on the first scanned page,
// terminated on close), behind a cache of results keyed by the page image, so re-running a
// document never re-OCRs it. Scanned pages are rasterised in isolated workers shared by the
// documents (extractors/ocr/raster-isolated.ts, under the same time and heap limits as the text
// layer), one page ahead of recognition: while page n is read, page n+1 is decoded (in a
// process with more than one OCR thread; a one-thread process keeps to its one core).
import path from 'node:path';
import type { Config } from './config.js';
import type { OcrService } from './stage.js';
import type { ReadPage } from '../model/ocr.js';
import { CachedOcr } from '../extractors/ocr/ocr-cache.js';
import { ocrImage, ocrRaster, reducedReadAbove } from '../extractors/ocr/ocr-page.js';
import { loadImageFile } from '../extractors/ocr/image-file.js';
import { RasterSession } from '../extractors/ocr/raster-isolated.js';
import type { RasterResult } from '../extractors/ocr/rasterise.js';

/** Test hooks (never set by the pipeline): make the raster worker spin forever on a document's pages. */
export interface OcrServiceHooks { hangRasterForTests?: (bytes: Uint8Array) => boolean }

/**
 * Raster workers for `ocrWorkers` OCR workers: rastering a scanned page takes about a quarter of
 * recognising it (0.86 against 3.26 s of CPU, issue 13's bench), so one raster worker feeds four
 * OCR workers; each more costs a pdfjs thread (~200 MB once it has decoded a few pages).
 */
export function rasterWorkersFor(ocrWorkers: number): number {
  return Math.max(1, Math.ceil(ocrWorkers / 4));
}

export async function createOcrService(cfg: Config, hooks: OcrServiceHooks = {}): Promise<OcrService | null> {
  const ocr = new CachedOcr({
    dir: cfg.ocr.cacheDir ?? path.join(cfg.dataDir, 'ocr-cache'),
    poolOptions: { workers: cfg.ocr.workers, engine: cfg.ocr.engine },
  });
  /** Measured on the native engine (issue 13's note): pages after the first at 200 dpi read as well, in 30 % less time. */
  const readDpi = cfg.ocr.readDpi ?? (ocr.kind === 'native' ? 200 : undefined);
  // A process given one OCR thread owns one core (`tonghop worker --concurrency 1`, one per core):
  // it decodes the next page after this one is read, not during, so N such processes use N cores
  // instead of N × 1.13 (issue 16). With more OCR threads, decoding overlaps recognition.
  const lookAhead = cfg.ocr.workers > 1;
  return {
    async ocrPdfPages(bytes, pageNumbers) {
      const { parseTimeoutMs, parseHeapMb, maxPages, maxImagePixels } = cfg.limits;
      const rasterWorkers = rasterWorkersFor(cfg.ocr.workers);
      const session = RasterSession.open(bytes, { timeoutMs: parseTimeoutMs, maxHeapMb: parseHeapMb, maxPages, maxWorkers: rasterWorkers, keepIdle: rasterWorkers });
      const hangForTests = hooks.hangRasterForTests?.(bytes) ?? false;
      // pages read from a reduced copy (readDpi) are decoded natively, ~0.2 s less each
      const ask = (p: number) => session.page(p, { dpi: cfg.ocr.dpi, maxPixels: maxImagePixels, hangForTests, nativeAboveDpi: reducedReadAbove(p, readDpi) });
      const out: ReadPage[] = [];
      let next: Promise<RasterResult & { ms: number }> | null = pageNumbers.length ? ask(pageNumbers[0]) : null;
      try {
        for (let i = 0; i < pageNumbers.length; i++) {
          const r = await next!;
          const askNext = () => {
            next = i + 1 < pageNumbers.length ? ask(pageNumbers[i + 1]) : null;
            next?.catch(() => undefined); // its failure is reported when it is awaited
          };
          // one page ahead: the worker decodes the next page while this one is recognised
          if (lookAhead) askNext();
          out.push(await ocrRaster(r, ocr, { page: pageNumbers[i], rasterMs: r.ms, readDpi }));
          if (!lookAhead) askNext();
        }
        return out;
      } finally {
        await session.close();
      }
    },
    async ocrImageFile(file) {
      const img = await loadImageFile(file, { maxPixels: cfg.limits.maxImagePixels });
      return ocrImage(img, ocr, { page: 1 });
    },
    close: () => ocr.terminate(),
  };
}
